#!/bin/sh
# pre-push-hook.sh [SCAN OPTION]... - proofgate's hook for the pre-commit framework
# (.pre-commit-hooks.yaml). pre-commit names the pushed commit and the branch it goes
# to in PRE_COMMIT_TO_REF (or PRE_COMMIT_LOCAL_BRANCH) and PRE_COMMIT_REMOTE_BRANCH;
# the scan applies the gate CI will apply to that branch. Options given as the
# hook's args (--fail-on, --rules, ...) go to `proofgate scan`.
#
# The binary: $PROOFGATE, else proofgate on PATH, else built once from this
# checkout of the hook's repository (pre-commit keeps it in its cache).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)

branch=${PRE_COMMIT_REMOTE_BRANCH:-}
branch=${branch#refs/heads/}
rev=${PRE_COMMIT_TO_REF:-${PRE_COMMIT_LOCAL_BRANCH:-}}
if [ -z "$branch" ] || [ -z "$rev" ]; then
	echo "proofgate: this hook runs at pre-commit's pre-push stage (stages: [pre-push]; pre-commit install --hook-type pre-push)" >&2
	exit 2
fi

pg=${PROOFGATE:-}
if [ -z "$pg" ]; then
	pg=$(command -v proofgate 2>/dev/null) || pg=""
fi
if [ -z "$pg" ]; then
	pg="$here/build/release/proofgate"
	if [ ! -x "$pg" ]; then
		echo "proofgate: no proofgate on PATH; building it once in $here" >&2
		make -s -C "$here" >&2 || {
			echo "proofgate: the build failed; install proofgate (the .deb, or make install) or set PROOFGATE" >&2
			exit 2
		}
	fi
fi

echo "proofgate: checking $branch at $rev" >&2
"$pg" scan -q --rev "$rev" --branch "$branch" "$@" .
status=$?
if [ "$status" != 0 ]; then
	echo "proofgate: push stopped; 'proofgate scan --rev $rev --branch $branch' shows why (git push --no-verify skips the hook)" >&2
fi
exit "$status"
