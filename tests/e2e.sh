#!/bin/sh
# e2e.sh PROOFGATE FIXTURES - runs every tests/e2e/*.sh against the built binary.
set -u
PG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
FX=$(cd "$2" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/proofgate-e2e.XXXXXX")
export PG FX ROOT T
export NO_COLOR=1
# full stacks, so that the suppressions can see libgit2 frames
export ASAN_OPTIONS="fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0"
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY GITHUB_OUTPUT GITHUB_BASE_REF GITHUB_REF_NAME \
	CI_MERGE_REQUEST_TARGET_BRANCH_NAME CI_COMMIT_REF_NAME 2>/dev/null || true
# tests must not see the user's git configuration
export HOME="$T/home" GIT_CONFIG_NOSYSTEM=1 XDG_CACHE_HOME="$T/cache"
mkdir -p "$HOME"
: >"$T/why"

. "$ROOT/tests/lib.sh"
# E2E_ONLY=50-perf runs one file (a glob without .sh)
for f in "$ROOT"/tests/e2e/${E2E_ONLY:-*}.sh; do
	echo "# $(basename "$f")"
	. "$f"
done
chmod -R u+w "$T" 2>/dev/null
rm -rf "$T"
echo "e2e: $npass passed, $nfail failed"
[ "$nfail" = 0 ]
