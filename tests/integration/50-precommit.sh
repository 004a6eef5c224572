# 50-precommit.sh - Debian's pre-commit installs .pre-commit-hooks.yaml's hook from a
# file:// clone of proofgate (the source snapshot, at its commit) into a fixture repository and runs
# it at git push: a release branch with a required proof missing is not pushed, another
# branch is. proofgate is not on PATH: the hook builds it once in pre-commit's cache.
# Sourced by run.sh.
export PRE_COMMIT_HOME="$T/pc/home"
mkdir -p "$T/pc"
copy_fixture seed-v1 "$T/pc/app"
git init -q --bare "$T/pc/remote.git"
git -C "$T/pc/app" remote add origin "$T/pc/remote.git"
cat >"$T/pc/app/.pre-commit-config.yaml" <<EOC
repos:
  - repo: file://$T/proofgate.git
    rev: $SRC_SHA
    hooks:
      - id: proofgate
EOC
pc_push() { # BRANCH
	(cd "$T/pc/app" && git push -q origin "$1") >"$T/out" 2>&1
	rc=$?
}
pushed() { git -C "$T/pc/remote.git" rev-parse -q --verify "refs/heads/$1" >/dev/null; }

begin "pre-commit: install the pre-push hook from proofgate's .pre-commit-hooks.yaml"
(cd "$T/pc/app" && git add .pre-commit-config.yaml && git commit -q -m "pre-commit" &&
	pre-commit install --hook-type pre-push) >"$T/out" 2>"$T/err"
rc=$?
rc_is 0
[ -x "$T/pc/app/.git/hooks/pre-push" ] || bad "no .git/hooks/pre-push"
end

t0=$(now)
begin "pre-commit: pushing main (not a release branch) goes through"
pc_push main
rc_is 0
pushed main || bad "main is not on the remote"
out_has "proofgate release gate\.*Passed"
end
echo "# time: first push, the hook building proofgate: $(secs "$t0") s"

begin "pre-commit: pushing release/1.0 with a required proof missing is stopped"
(cd "$T/pc/app" && git checkout -q -b release/1.0 && echo "1.0" >VERSION && git add VERSION &&
	git commit -q -m "release 1.0")
pc_push release/1.0
rc_is 1
pushed release/1.0 && bad "release/1.0 reached the remote"
out_has "proofgate release gate\.*Failed"
out_has "checking release/1.0 at "
out_has "verdict: stop"
end

begin "pre-commit: pushing feature/x goes through"
(cd "$T/pc/app" && git checkout -q -b feature/x && echo x >x.txt && git add x.txt && git commit -q -m x)
pc_push feature/x
rc_is 0
pushed feature/x || bad "feature/x is not on the remote"
end

begin "pre-commit: the hook's args reach the scan (--fail-on blocked gates feature/y)"
sed -i 's/      - id: proofgate/      - id: proofgate\n        args: [--fail-on, blocked]/' "$T/pc/app/.pre-commit-config.yaml"
(cd "$T/pc/app" && git checkout -q -b feature/y && echo y >y.txt && git add y.txt && git commit -q -m y)
pc_push feature/y
rc_is 1
pushed feature/y && bad "feature/y reached the remote"
end
