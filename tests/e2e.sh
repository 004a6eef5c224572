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
# nothing of the CI this runs in (GitHub, GitLab, any other) reaches the tests
for v in $(env | sed -n 's/^\(GITHUB_[A-Za-z0-9_]*\|GITLAB_[A-Za-z0-9_]*\|CI_[A-Za-z0-9_]*\|CI\|RUNNER_[A-Za-z0-9_]*\|BUILDKITE[A-Za-z0-9_]*\|CIRCLE[A-Za-z0-9_]*\|JENKINS_[A-Za-z0-9_]*\|BRANCH_NAME\|BITBUCKET_[A-Za-z0-9_]*\|SYSTEM_[A-Za-z0-9_]*\|BUILD_[A-Za-z0-9_]*\|TF_BUILD\)=.*/\1/p'); do
	unset "$v"
done
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
	GIT_CEILING_DIRECTORIES GIT_DISCOVERY_ACROSS_FILESYSTEM GIT_CONFIG_PARAMETERS 2>/dev/null || true
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
