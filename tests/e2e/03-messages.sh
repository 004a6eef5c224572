# 03-messages.sh - messages that name the real cause, and hints that fit the clone and the CI.

export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
M="$T/msg"
rm -rf "$M" && mkdir -p "$M"

begin "an empty repository: nothing to scan, whatever --rev names (never 'unknown libgit2 error')"
git init -q -b main "$M/empty"
run "$PG" scan -q "$M/empty"
rc_is 2; err_has "repository has no commits yet"
run "$PG" scan -q --rev main "$M/empty"
rc_is 2; err_has "repository has no commits yet"; err_has "'main'"
! grep -q "libgit2" "$T/err" || bad "names libgit2"
end

begin "a bare mirror whose HEAD names master while main has commits: which branches exist, and --rev"
git clone -q --mirror "$FX/basic" "$M/mirror.git"
git -C "$M/mirror.git" symbolic-ref HEAD refs/heads/master
run "$PG" scan -q "$M/mirror.git"
rc_is 2; err_has "HEAD names branch 'master', which has no commits"; err_has "main"; err_has "--rev"
! grep -q "no commits yet" "$T/err" || bad "says the repository has no commits"
run "$PG" scan -q --no-cache --rev main "$M/mirror.git"
rc_is 0
end

begin "--rev @{-1} and --rev HEAD^{tree} say what they mean"
git clone -q "$FX/basic" "$M/fresh"
run "$PG" scan -q --rev '@{-1}' "$M/fresh"
rc_is 2; err_has "@\{-N\}"; ! grep -q "libgit2" "$T/err" || bad "names libgit2"
run "$PG" scan -q --rev 'HEAD^{tree}' "$M/fresh"
rc_is 2; err_has "names a tree"; ! grep -q "git_object_t" "$T/err" || bad "says git_object_t"
end

begin "an unknown revision gets a shallow-clone hint only in a shallow clone"
run "$PG" scan -q --rev no-such "$M/fresh"
rc_is 2; err_has "unknown revision 'no-such'"; ! grep -q "shallow" "$T/err" || bad "a shallow hint in a full clone"
git clone -q --depth 1 "file://$FX/basic" "$M/shallow"
run "$PG" scan -q --rev no-such "$M/shallow"
rc_is 2; err_has "shallow"
end

begin "a missing alternate is named, not taken for a shallow clone"
git clone -q --shared "$FX/basic" "$M/borrower"
echo "$M/gone/objects" >"$M/borrower/.git/objects/info/alternates"
run "$PG" scan -q "$M/borrower"
rc_is 2; err_has "objects/info/alternates"; err_has "gone/objects"
! grep -q "shallow" "$T/err" || bad "a shallow-clone hint"
end

begin "a corrupt object is corrupt (git fsck), not missing from a partial clone"
git init -q -b main "$M/corrupt"
(cd "$M/corrupt" && echo hi >a && git add a && git commit -qm one)
h=$(git -C "$M/corrupt" rev-parse HEAD)
f="$M/corrupt/.git/objects/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-)"
chmod u+w "$f" && printf garbage >"$f"
run "$PG" scan -q "$M/corrupt"
rc_is 2; err_has "corrupt"; err_has "git fsck"
! grep -q "partial clone" "$T/err" || bad "says partial clone"
end

begin "a SHA-256 repository: libgit2 1.5 cannot read it, and what to do"
git init -q --object-format=sha256 "$M/s256"
(cd "$M/s256" && echo hi >a && git add a && git commit -qm one)
run "$PG" scan -q "$M/s256"
rc_is 2; err_has "SHA-256"; err_has "libgit2 1\.5"; err_has "extensions\.objectFormat"; err_has "fast-export"
end

begin "hints fit the CI that runs: GitLab gets GIT_DEPTH, GitHub fetch-depth, a full clone neither"
GITLAB_CI=true run "$PG" scan -q --rev HEAD~1 "$M/shallow"
rc_is 2; err_has "GIT_DEPTH"; ! grep -q "fetch-depth\|actions/checkout" "$T/err" || bad "a GitHub hint on GitLab"
GITHUB_ACTIONS=true run "$PG" scan -q --format text --rev HEAD~1 "$M/shallow"
rc_is 2; err_has "fetch-depth: 0"; ! grep -q "GIT_DEPTH" "$T/err" || bad "a GitLab hint on GitHub"
GITLAB_CI=true run "$PG" scan -q --rev no-such "$M/fresh"
rc_is 2; ! grep -q "GIT_DEPTH\|shallow" "$T/err" || bad "a depth hint for a full clone"
end

begin "a merge request whose target branch is not fetched: no GitHub words on GitLab, shallow only when shallow"
CI_MERGE_REQUEST_TARGET_BRANCH_NAME=release/9 GITLAB_CI=true run "$PG" scan -q "$M/fresh"
rc_is 2; err_has "target branch 'release/9'"
! grep -q "actions/checkout\|fetch-depth" "$T/err" || bad "a GitHub hint on GitLab"
! grep -q "shallow" "$T/err" || bad "'shallow' for a full clone"
CI_MERGE_REQUEST_TARGET_BRANCH_NAME=release/9 GITLAB_CI=true run "$PG" scan -q "$M/shallow"
rc_is 2; err_has "shallow"; err_has "GIT_DEPTH"
end

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
begin "a read-only cache folder says permission denied, not 'No such file or directory'"
mkdir -p "$M/nb" "$M/nb-home" "$M/ro-cache"
cp "$PG" "$M/nb/" && cp -a "$FX/basic" "$M/nb/basic"
chmod -R a+rX "$M/nb" && chmod 777 "$M/nb-home" && chmod 555 "$M/ro-cache" && chmod a+rx "$T" "$M"
# its own (a folder of another user is refused before it is tried: docs/cache.md), but read-only
chown nobody:nogroup "$M/ro-cache"
printf '[safe]\n\tdirectory = *\n' >"$M/nb-home/.gitconfig"
HOME="$M/nb-home" run setpriv --reuid=nobody --regid=nogroup --clear-groups "$M/nb/proofgate" scan -q \
	--cache "$M/ro-cache" "$M/nb/basic"
rc_is 0; err_has "cache folder '.*ro-cache': Permission denied"
! grep -q "No such file" "$T/err" || bad "says No such file or directory"
end
else
	echo "ok - # SKIP the read-only cache test needs root and setpriv"
fi
