#!/bin/sh
# run.sh - `make integration`: every CI integration of proofgate checked by its real
# client, offline (docs/github.md, docs/gitlab.md, docs/local.md):
#   10-sarif.sh      SARIF: the JSON schema, Microsoft's SARIF multitool (GitHub's upload
#                    rules and the SARIF rules), GitHub's code scanning limits
#   20-deb.sh        make deb: installed in a scratch root, --version and a scan, lintian
#   30-github.sh     action.yml and every workflow in the docs through action-validator and
#                    GitHub's parser; the composite action run step by step as a runner would
#   40-gitlab.sh     gitlab-ci-local runs docs/gitlab.md's pipeline and the CI/CD component
#                    (templates/proofgate.yml) with its shell executor, per branch
#   50-precommit.sh  Debian's pre-commit runs .pre-commit-hooks.yaml at git push
# It installs what it needs (scripts/ci-deps.sh: apt-get; npm ci from package-lock.json)
# and ends with "integration: N passed, M failed". IT_ONLY=30-github runs one file.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
IT="$ROOT/tests/integration"
cd "$ROOT" || exit 2

scripts/ci-deps.sh integration || exit 2
stamp="$(sha256sum "$IT/package-lock.json" | cut -c1-64) $(node --version)"
if [ "$(cat "$IT/node_modules/.proofgate-stamp" 2>/dev/null)" != "$stamp" ]; then
	(cd "$IT" && npm ci --no-audit --no-fund --loglevel=error) || exit 2
	# npm may skip the package's own chmod (install scripts not allowed)
	chmod u+x "$IT/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" || exit 2
	echo "$stamp" >"$IT/node_modules/.proofgate-stamp"
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/proofgate-integration.XXXXXX")
. "$ROOT/tests/python.sh"
tests_python "$T/bin"
make -s >"$T/make.log" 2>&1 && make -s build/fixtures/.stamp >>"$T/make.log" 2>&1 ||
	{ cat "$T/make.log"; exit 2; }
PG="$ROOT/build/release/proofgate"
FX="$ROOT/build/fixtures"
export ROOT IT T PG FX
export NO_COLOR=1
# nothing of the CI this runs in (GitHub, GitLab, any other) reaches the tests
for v in $(env | sed -n 's/^\(GITHUB_[A-Za-z0-9_]*\|GITLAB_[A-Za-z0-9_]*\|CI_[A-Za-z0-9_]*\|CI\|RUNNER_[A-Za-z0-9_]*\|BUILDKITE[A-Za-z0-9_]*\|CIRCLE[A-Za-z0-9_]*\|JENKINS_[A-Za-z0-9_]*\|BRANCH_NAME\|BITBUCKET_[A-Za-z0-9_]*\|SYSTEM_[A-Za-z0-9_]*\|BUILD_[A-Za-z0-9_]*\|TF_BUILD\)=.*/\1/p'); do
	unset "$v"
done
unset PRE_COMMIT_HOME GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY 2>/dev/null || true
# tests must not see the user's git configuration, caches or hooks
export HOME="$T/home" GIT_CONFIG_NOSYSTEM=1 XDG_CACHE_HOME="$T/cache"
mkdir -p "$HOME" "$T/bin"
git config --global user.name "Proofgate Tests"
git config --global user.email "tests@proofgate.invalid"
git config --global init.defaultBranch main
git config --global advice.detachedHead false
git config --global commit.gpgsign false
: >"$T/why"

# The documented jobs run `apt-get update`; the lists are fresh from ci-deps.sh, and
# an update per job would only make the run slow: this stand-in logs the call, skips
# update and passes everything else to the real apt-get.
cat >"$T/bin/apt-get" <<EOS
#!/bin/sh
echo "apt-get \$*" >>"$T/apt.log"
case " \$* " in *" update "*) exit 0 ;; esac
exec /usr/bin/apt-get "\$@"
EOS
chmod +x "$T/bin/apt-get"

# proofgate's source as a repository of its own (what a job clones, what pre-commit
# installs hooks from): the files git knows, committed or not, tagged v1
snapshot() {
	mkdir -p "$T/src"
	git ls-files -z --cached --others --exclude-standard |
		tar --null --exclude=node_modules -T - -cf - | tar -xf - -C "$T/src" || return 1
	(cd "$T/src" && git init -q && git add -A && git commit -q -m "proofgate under test" &&
		git tag v1 && git clone -q --bare . "$T/proofgate.git") || return 1
	SRC_SHA=$(git -C "$T/proofgate.git" rev-parse v1)
	# every clone of proofgate in the jobs goes to the snapshot
	git config --global url."file://$T/proofgate.git".insteadOf "https://github.com/proofgate/proofgate.git"
	git config --global --add url."file://$T/proofgate.git".insteadOf \
		"https://gitlab.proofgate.invalid:443/proofgate/proofgate.git"
	git config --global uploadpack.allowAnySHA1InWant true
}
snapshot || { echo "integration: cannot copy the source"; exit 2; }
export SRC_SHA

# the Debian package (20-deb.sh, and the .deb mode of the Action and the component)
if make -s deb >"$T/deb.log" 2>&1; then
	DEB=$(ls "$ROOT"/build/deb/proofgate_*_*.deb | grep -v dbgsym)
else
	DEB=""
fi
export DEB

# a wall-clock timer for the measurements the tests print as "# time: ..."
now() { date +%s.%N; }
secs() { python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$(now)"; }

. "$ROOT/tests/lib.sh"
for f in "$IT"/${IT_ONLY:-[0-9]}*.sh; do
	echo "# $(basename "$f")"
	. "$f"
done
chmod -R u+w "$T" 2>/dev/null
[ -n "${IT_KEEP:-}" ] && echo "# kept $T" || rm -rf "$T"
echo "integration: $npass passed, $nfail failed"
[ "$nfail" = 0 ]
