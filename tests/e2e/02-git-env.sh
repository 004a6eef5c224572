# 02-git-env.sh - GIT_DIR and GIT_WORK_TREE name the repository, as they do for git.

begin "GIT_DIR names the repository to scan, even from inside another one"
rm -rf "$T/genv" && mkdir -p "$T/genv" && git init -q -b main "$T/genv/other"
(cd "$T/genv/other" && GIT_DIR="$FX/basic/.git" "$PG" scan --no-cache --format json >"$T/out" 2>"$T/err"); rc=$?
rc_is 0; json_is "d['repository']['commit']" 8694d6f79162e16f5e9c3926219a44d317a8aa52
# and git itself agrees on what it names
holds test "$(cd "$T/genv/other" && GIT_DIR="$FX/basic/.git" git rev-parse HEAD)" = 8694d6f79162e16f5e9c3926219a44d317a8aa52
end

begin "a relative GIT_DIR is read from PATH, as git -C PATH reads it"
cp -a "$FX/basic" "$T/genv/basic"
GIT_DIR=../basic/.git run "$PG" scan --no-cache --format json "$T/genv/other"
rc_is 0; json_is "d['repository']['commit']" 8694d6f79162e16f5e9c3926219a44d317a8aa52
end

begin "GIT_DIR that is not a repository is an error naming GIT_DIR"
GIT_DIR="$T/genv/nowhere" run "$PG" scan -q "$T/genv/other"
rc_is 2; err_has "GIT_DIR names '.*nowhere', which is not a git repository"
end

begin "GIT_WORK_TREE with GIT_DIR: a bare repository scanned with a work tree elsewhere"
rm -rf "$T/genv/bare.git" && git clone -q --bare "$FX/basic" "$T/genv/bare.git"
mkdir -p "$T/genv/wt"
GIT_DIR="$T/genv/bare.git" GIT_WORK_TREE="$T/genv/wt" run "$PG" scan --no-cache --format json "$T/genv/wt"
rc_is 0; json_is "d['repository']['commit']" 8694d6f79162e16f5e9c3926219a44d317a8aa52
holds test -z "$(ls -A "$T/genv/wt")"
end

begin "without GIT_DIR, the folder is searched upwards as before; GIT_CEILING_DIRECTORIES stops the search"
mkdir -p "$T/genv/other/deep/er"
run "$PG" scan -q "$T/genv/other/deep/er"
rc_is 2; err_has "no commits yet"
GIT_CEILING_DIRECTORIES="$T/genv/other/deep" run "$PG" scan -q "$T/genv/other/deep/er"
rc_is 2; err_has "is not a git repository"
end
