# 11-readonly.sh - proofgate never writes to the repository it scans, and reads
# bare, shallow, partial and read-only repositories.

CORE="--no-builtin --rules $ROOT/tests/rules/core.yml"

# a digest of every file (content, mode, name) and every folder under a path
tree_digest() {
	(cd "$1" && find . -printf '%p %m %y %s\n' | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum
}

begin "a scan leaves every file under .git and the work tree byte-identical"
copy_fixture basic "$T/ro1"
before=$(tree_digest "$T/ro1")
run "$PG" scan $CORE --format json --json "$T/ro1.json" "$T/ro1"
rc_is 0
run "$PG" scan $CORE --rev feature/x "$T/ro1/docs"
rc_is 0
after=$(tree_digest "$T/ro1")
holds test "$before" = "$after"
holds test ! -e "$T/ro1/.git/index.lock"
end

begin "a scan from a subfolder finds the repository, as git does"
run "$PG" scan $CORE --format json "$FX/basic/docs/runbooks"
rc_is 0
json_is "d['repository']['commit']" 8694d6f79162e16f5e9c3926219a44d317a8aa52
end

begin "a bare repository gives the same report"
rm -rf "$T/bare.git"
git clone -q --bare "$FX/basic" "$T/bare.git"
run "$PG" scan $CORE --format json "$FX/basic"
cp "$T/out" "$T/full.json"
run "$PG" scan $CORE --format json "$T/bare.git"
rc_is 0
holds cmp "$T/out" "$T/full.json"
end

begin "a shallow clone scans; history past its edge says what to fetch"
rm -rf "$T/shallow"
git clone -q --depth 1 "file://$FX/basic" "$T/shallow"
run "$PG" scan $CORE -q "$T/shallow"
rc_is 0
run "$PG" scan $CORE -q --rev HEAD~1 "$T/shallow"
rc_is 2; err_has "unknown revision 'HEAD~1'"; err_has 'shallow clone may need'
end

begin "a partial clone: missing blobs give error outcomes naming the object, never a crash"
rm -rf "$T/partial.git" "$T/promisor"
copy_fixture basic "$T/promisor"
git -C "$T/promisor" config uploadpack.allowFilter true
git clone -q --bare --filter=blob:none "file://$T/promisor" "$T/partial.git"
run "$PG" scan $CORE --format json "$T/partial.git"
rc_is 0
json_is "$(echo "[r for r in d['rules'] if r['id']=='ops.deploy-runbook'][0]['outcome']")" error
json_is "\"('docs/runbooks/deploy.md') is missing\" in [r for r in d['rules'] if r['id']=='ops.deploy-runbook'][0]['message']" True
json_is "'this is a partial clone (a promisor remote)' in [r for r in d['rules'] if r['id']=='ops.deploy-runbook'][0]['message']" True
json_is "'b09cec9c4ad2130185e35843555be09af5d4959e' in [r for r in d['rules'] if r['id']=='ops.deploy-runbook'][0]['message']" True
json_is "[r for r in d['rules'] if r['id']=='ops.restore-exec'][0]['outcome']" fail
json_is "d['gate']['decided']" True
run "$PG" scan $CORE -q --fail-on blocked "$T/partial.git"
rc_is 2; err_has 'could not decide'
end

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
begin "a read-only copy (chmod -R a-w) scans as an unprivileged user"
copy_fixture basic "$T/rocopy"
chmod -R a-w "$T/rocopy"
chmod a+rx "$T"
mkdir -p "$T/nobody-home" && chmod 777 "$T/nobody-home"
printf '[safe]\n\tdirectory = *\n' >"$T/nobody-home/.gitconfig"
before=$(tree_digest "$T/rocopy")
# the checkout may sit in a folder only its owner can enter (mktemp -d): give nobody copies
mkdir -p "$T/nobody-bin" && cp "$PG" "$ROOT/tests/rules/core.yml" "$T/nobody-bin/" && chmod -R a+rX "$T/nobody-bin"
HOME="$T/nobody-home" run setpriv --reuid=nobody --regid=nogroup --clear-groups "$T/nobody-bin/proofgate" scan \
	--no-builtin --rules "$T/nobody-bin/core.yml" -q "$T/rocopy"
rc_is 0; out_has '^verdict: stop'
after=$(tree_digest "$T/rocopy")
holds test "$before" = "$after"
chmod -R u+w "$T/rocopy"
end

begin "another user's repository: exit 2 naming the safe.directory setting; honoured once set"
copy_fixture basic "$T/owned"
chown -R nobody "$T/owned"
run "$PG" scan $CORE -q "$T/owned"
rc_is 2; err_has "owned by another user"; err_has "git config --global --add safe.directory '$T/owned'"
mkdir -p "$T/trust-home"
printf '[safe]\n\tdirectory = %s\n' "$T/owned" >"$T/trust-home/.gitconfig"
HOME="$T/trust-home" run "$PG" scan $CORE -q "$T/owned"
rc_is 0
chown -R root "$T/owned"
end
else
	echo "ok - # SKIP read-only and ownership tests need root and setpriv"
fi
