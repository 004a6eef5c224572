#!/bin/sh
# run-unit.sh DIR TEST... - runs cmocka test binaries, sums their results.
set -u
dir=$1
shift
npass=0
nfail=0
export PG_FIXTURES="$(pwd)/build/fixtures"
export NO_COLOR=1
# full stacks, so that the suppressions can see libgit2 frames
export ASAN_OPTIONS="fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")" && pwd)/lsan.supp:print_suppressions=0"
# UNIT_JOBS binaries at a time (default: the number of CPUs), each output kept
# apart and printed in the order given; a hang fails the run instead of stalling
# it (no test asserts on time)
export dir
printf '%s\n' "$@" | xargs -P "${UNIT_JOBS:-$(nproc 2>/dev/null || echo 1)}" -I{} \
	sh -c 'timeout 900 "$dir/{}" >"$dir/{}.log" 2>&1; echo $? >"$dir/{}.rc"'
for t in "$@"; do
	st=$(cat "$dir/$t.rc" 2>/dev/null || echo 127)
	cat "$dir/$t.log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$dir/$t.log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$dir/$t.log" | tail -n 1)
	npass=$((npass + ${p:-0}))
	nfail=$((nfail + ${f:-0}))
	if [ "$st" != 0 ] && [ -z "$f" ]; then
		echo "$t: exited $st without a result (crash?)"
		nfail=$((nfail + 1))
	fi
done
echo "unit: $npass passed, $nfail failed"
[ "$nfail" = 0 ]
