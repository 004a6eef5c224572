#!/bin/sh
# run.sh BINDIR SECONDS TARGET... - runs libFuzzer harnesses one after another (make fuzz, make fuzz-short).
#
# For each target: every input under tests/fuzz/regress/TARGET/ once (each a
# finding that must stay fixed), then SECONDS of fuzzing from the seeds in
# tests/fuzz/corpus/TARGET/ (new inputs go to build/fuzz/run/, never to the
# seeds).  A crash, a leak, a hang (an input over FUZZ_TIMEOUT seconds), more
# than FUZZ_RSS_MB of memory or a differential mismatch fails the target; its
# reproducer is under build/fuzz/run/artifacts/TARGET/.  One line per target,
# then "fuzz: N passed, M failed"; exits 1 when any failed.
set -u
bin=$1
secs=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
work=build/fuzz/run
timeout_s=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$here/../lsan.supp:print_suppressions=0"
# the harnesses' scratch folders (cache segments, packs, a repository)
export TMPDIR="$(pwd)/$work/tmp"
npass=0
nfail=0

for t in "$@"; do
	log=$work/$t.log
	art=$work/artifacts/$t
	corpus=$work/corpus/$t
	rm -rf "$corpus" "$art" "$TMPDIR"
	mkdir -p "$corpus" "$art" "$TMPDIR"
	: >"$log"
	why=""

	# the findings first: each reproducer must now run clean
	nreg=0
	if [ -d "$here/regress/$t" ]; then
		for f in "$here/regress/$t"/*; do
			[ -f "$f" ] || continue
			nreg=$((nreg + 1))
			if ! "$bin/$t" -timeout="$timeout_s" -rss_limit_mb="$rss_mb" "$f" >>"$log" 2>&1; then
				why="${why:+$why; }regression tests/fuzz/regress/$t/$(basename "$f") fails"
			fi
		done
	fi

	dict=""
	[ -f "$here/$t.dict" ] && dict="-dict=$here/$t.dict"
	if [ -z "$why" ]; then
		"$bin/$t" -max_total_time="$secs" -timeout="$timeout_s" -rss_limit_mb="$rss_mb" -print_final_stats=1 \
			-artifact_prefix="$art/" $dict "$corpus" "$here/corpus/$t" >>"$log" 2>&1
		st=$?
		if [ $st != 0 ]; then
			found=$(ls "$art" 2>/dev/null | head -n 1)
			kind=$(grep -a -m1 -oE 'MISMATCH|ERROR: LeakSanitizer|ERROR: AddressSanitizer: [a-z-]+|runtime error|ALARM: working on the last Unit for|out-of-memory|deadly signal' "$log")
			why="${kind:-exit $st}${found:+, reproducer $art/$found}"
		fi
	fi
	runs=$(LC_ALL=C sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ -z "$why" ]; then
		npass=$((npass + 1))
		echo "fuzz: $t ok ($nreg regression inputs, ${secs}s, ${runs:-0} runs)"
	else
		nfail=$((nfail + 1))
		echo "fuzz: $t FAILED: $why (log $log)"
		grep -a -m3 'MISMATCH' "$log" | sed 's/^/fuzz:   /'
	fi
done
rm -rf "$TMPDIR"
echo "fuzz: $npass passed, $nfail failed"
[ "$nfail" = 0 ]
