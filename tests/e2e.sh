#!/bin/sh
# e2e.sh PROOFGATE FIXTURES - runs every tests/e2e/*.sh against the built binary.
#
# The files run E2E_JOBS at a time (default: the number of CPUs), each in its own
# process with its own scratch folder, HOME and cache; their output is printed in
# file order.  A file that needs another's helpers says so on a line of its own,
# "# e2e: after 40-ci", and runs in the same process, after it.  A file marked
# "# e2e: slow" starts before the others, so that no long file is left running
# alone at the end.  E2E_ONLY=GLOB
# (a glob without .sh, or several separated by spaces) runs those files in one
# process, in order.
set -u
PG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
FX=$(cd "$2" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/python.sh"

if [ -z "${E2E_ONLY:-}" ]; then
	jobs=${E2E_JOBS:-$(nproc 2>/dev/null || echo 1)}
	L=$(mktemp -d "${TMPDIR:-/tmp}/proofgate-e2e-logs.XXXXXX")
	tests_python "$L/bin"
	# one line per process: the names of its files, the first naming its log
	for f in "$ROOT"/tests/e2e/*.sh; do
		n=$(basename "$f" .sh)
		grep -q '^# e2e: after ' "$f" && continue
		line=$n
		for g in "$ROOT"/tests/e2e/*.sh; do
			grep -qx "# e2e: after $n" "$g" && line="$line $(basename "$g" .sh)"
		done
		echo "$line"
	done >"$L/jobs"
	# a file that names a file that does not exist would never run
	for f in "$ROOT"/tests/e2e/*.sh; do
		a=$(sed -n 's/^# e2e: after //p' "$f")
		[ -z "$a" ] || [ -f "$ROOT/tests/e2e/$a.sh" ] ||
			{ echo "e2e: $(basename "$f") runs after $a, which does not exist" >&2; exit 1; }
	done
	# the order they start in: the slow ones first
	while read -r first rest; do
		grep -qx '# e2e: slow' "$ROOT/tests/e2e/$first.sh" && echo "$first $rest"
	done <"$L/jobs" >"$L/order"
	while read -r first rest; do
		grep -qx '# e2e: slow' "$ROOT/tests/e2e/$first.sh" || echo "$first $rest"
	done <"$L/jobs" >>"$L/order"
	export L PG FX
	xargs -P "$jobs" -I{} sh -c 'set -- {}; E2E_ONLY="$*" "$0" "$PG" "$FX" >"$L/$1.log" 2>&1' \
		"$0" <"$L/order"
	npass=0
	nfail=0
	while read -r first rest; do
		log="$L/$first.log"
		sum=$(tail -n 1 "$log")
		case $sum in
		"e2e: "*" passed, "*" failed")
			sed '$d' "$log"
			set -- $sum
			npass=$((npass + $2))
			nfail=$((nfail + $4))
			;;
		*)
			cat "$log"
			echo "not ok - $first $rest: ended before its summary line"
			nfail=$((nfail + 1))
			;;
		esac
	done <"$L/jobs"
	rm -rf "$L"
	echo "e2e: $npass passed, $nfail failed"
	[ "$nfail" = 0 ]
	exit
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/proofgate-e2e.XXXXXX")
export PG FX ROOT T
export NO_COLOR=1
# full stacks, so that the suppressions can see libgit2 frames
export ASAN_OPTIONS="fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0"
# nothing of the CI this runs in (GitHub, GitLab, any other) reaches the tests
for v in $(env | sed -n 's/^\(GITHUB_[A-Za-z0-9_]*\|GITLAB_[A-Za-z0-9_]*\|CI_[A-Za-z0-9_]*\|CI\|RUNNER_[A-Za-z0-9_]*\|BUILDKITE[A-Za-z0-9_]*\|CIRCLE[A-Za-z0-9_]*\|JENKINS_[A-Za-z0-9_]*\|BRANCH_NAME\|BITBUCKET_[A-Za-z0-9_]*\|SYSTEM_[A-Za-z0-9_]*\|BUILD_[A-Za-z0-9_]*\|TF_BUILD\)=.*/\1/p'); do
	unset "$v"
done
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
	GIT_CEILING_DIRECTORIES GIT_DISCOVERY_ACROSS_FILESYSTEM GIT_CONFIG_PARAMETERS 2>/dev/null || true
# tests must not see the user's git configuration
export HOME="$T/home" GIT_CONFIG_NOSYSTEM=1 XDG_CACHE_HOME="$T/cache"
mkdir -p "$HOME"
tests_python "$T/bin"
: >"$T/why"

. "$ROOT/tests/lib.sh"
set -f
for only in $E2E_ONLY; do
	set +f
	for f in "$ROOT"/tests/e2e/$only.sh; do
		echo "# $(basename "$f")"
		. "$f"
	done
done
chmod -R u+w "$T" 2>/dev/null
rm -rf "$T"
echo "e2e: $npass passed, $nfail failed"
[ "$nfail" = 0 ]
