#!/bin/sh
# run-unit.sh DIR TEST... - runs cmocka test binaries, sums their results.
set -u
dir=$1
shift
npass=0
nfail=0
export PG_FIXTURES="$(pwd)/build/fixtures"
export NO_COLOR=1
for t in "$@"; do
	"$dir/$t" >"$dir/$t.log" 2>&1
	st=$?
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
