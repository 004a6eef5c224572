# 116-installed-packages.sh - folders of installed Python packages kept in the tree (issue 12):
# a copy of site-packages or a `pip install --target` folder, recognised by its tree alone
# (src/scan/installed.c), is someone else's code: never evidence for a `file` condition, still
# read by `no_file` ones, the same with and without the cache and at every --jobs.
# fixtures/installed: lib/ holds certifi and idna (two markers), libs/ a *.dist-info folder;
# their routes must not count; src/lib/, tools/lib/ (one marker only) and resources/lib/ (not at
# the root: a Kodi add-on keeps its own code there) are the project's.

begin "installed packages: their routes are no evidence, the project's lib/ folders and nested ones are"
run "$PG" scan --no-cache --format json --fail-on never "$FX/installed"
rc_is 0
cp "$T/out" "$T/b116-kinds.json"
fxset_rule_is b116 kinds monitoring.health-endpoint "pass resources/lib/addon/server.py:2 src/lib/health.py:6 tools/lib/ping.py:2"
end

begin "installed packages: a forbidding rule still reads them (a private key in lib/idna/)"
fxset_rule_is b116 kinds deploy.secrets-not-committed "fail lib/idna/key.py:2"
end

begin "installed packages: --stats counts the folders"
run "$PG" scan --no-cache --stats -q --fail-on never "$FX/installed"
rc_is 0
err_has 'folders pruned, 2 folders of installed packages, '
end

begin "installed packages: the same report from the cache's folder records and at --jobs 1 and 4"
run "$PG" scan --cache "$T/c116" --format json --fail-on never "$FX/installed"
cp "$T/out" "$T/c116-1.json"
run "$PG" scan --cache "$T/c116" --format json --fail-on never "$FX/installed"
cp "$T/out" "$T/c116-2.json"
run "$PG" scan --no-cache --jobs 1 --format json --fail-on never "$FX/installed"
cp "$T/out" "$T/c116-j1.json"
run "$PG" scan --no-cache --jobs 4 --format json --fail-on never "$FX/installed"
for f in c116-1 c116-2 c116-j1; do
	fxset_py "$T/$f.json" "[(r['id'], r['outcome'], r['evidence']) for r in d['rules']]" >"$T/$f.rules"
done
fxset_py "$T/out" "[(r['id'], r['outcome'], r['evidence']) for r in d['rules']]" >"$T/c116-j4.rules"
fxset_py "$T/b116-kinds.json" "[(r['id'], r['outcome'], r['evidence']) for r in d['rules']]" >"$T/c116-0.rules"
for f in c116-1 c116-2 c116-j1 c116-j4; do
	cmp -s "$T/c116-0.rules" "$T/$f.rules" || bad "$f differs from the scan without cache"
done
end

begin "installed packages: a path declared in .proofgate.yml inside them is not evidence, and says why"
copy_fixture installed "$T/inst116"
printf 'evidence:\n  monitoring.health-endpoint: [lib/webkit/routes.py]\n' >"$T/inst116/.proofgate.yml"
(cd "$T/inst116" && git add -A && GIT_AUTHOR_DATE=2026-06-02T12:00:00Z GIT_COMMITTER_DATE=2026-06-02T12:00:00Z \
	git -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false commit -qm "policy") ||
	bad "cannot commit the policy"
run "$PG" scan --no-cache --format json --fail-on never "$T/inst116"
cp "$T/out" "$T/b116-declared.json"
fxset_rule_is b116 declared monitoring.health-endpoint "fail"
json_is "[r for r in d['rules'] if r['id']=='monitoring.health-endpoint'][0]['declared']['problems'][0]['why']" "is not in the scanned commit (or is marked linguist-generated or linguist-vendored, or lies in a folder of installed packages)"
end
