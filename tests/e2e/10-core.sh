# 10-core.sh - the scanner core over fixtures/basic with tests/rules/core.yml.

CORE="--no-builtin --rules $ROOT/tests/rules/core.yml"
B="$FX/basic"
rule() { # ID FIELD -> python expression on the JSON report
	echo "[r for r in d['rules'] if r['id']=='$1'][0]$2"
}
dom() { # ID
	echo "[x['status'] for x in d['domains'] if x['id']=='$1'][0]"
}

begin "statuses, outcomes and verdict from the core pack"
run "$PG" scan $CORE --format json "$B"
rc_is 0
json_is "$(dom ops)" readiness-only
json_is "$(dom sec)" ready
json_is "d['verdict']" stop
json_is "$(rule ops.deploy-runbook "['outcome']")" pass
json_is "$(rule ops.restore-runbook "['outcome']")" fail
json_is "$(rule ops.backup-script "['outcome']")" pass
json_is "$(rule sec.no-secrets "['outcome']")" pass
json_is "[p['status'] for p in d['proofs'] if p['id']=='all'][0]" unproven
end

begin "evidence names path, 1-based line and blob"
run "$PG" scan $CORE --format json "$B"
json_is "$(rule ops.deploy-runbook "['evidence'][0]['path']")" docs/runbooks/deploy.md
json_is "$(rule ops.deploy-runbook "['evidence'][0]['line']")" 9
json_is "$(rule ops.deploy-runbook "['evidence'][0]['blob']")" b09cec9c4ad2130185e35843555be09af5d4959e
end

begin "CRLF and LF files give the same line numbers"
run "$PG" scan $CORE --format json "$B"
json_is "$(rule ops.crlf-line "['outcome']")" pass
json_is "sorted((e['path'], e['line']) for e in $(rule ops.crlf-line "['evidence']"))" "[('crlf.txt', 3), ('lf.txt', 3)]"
end

begin "a placeholder is found and said not to count"
run "$PG" scan $CORE --format json "$B"
json_is "$(rule ops.restore-runbook "['near_misses'][0]['path']")" docs/runbooks/stub.md
json_is "'fewer than the 5' in $(rule ops.restore-runbook "['near_misses'][0]['why']")" True
end

begin "executable bit"
run "$PG" scan $CORE --format json "$B"
json_is "$(rule ops.restore-exec "['outcome']")" fail
json_is "$(rule ops.restore-exec "['near_misses'][0]['why']")" "is not executable"
end

begin "freshness is measured from the commit date, not the clock"
run "$PG" scan $CORE --format json "$B"
json_is "$(rule ops.drill-fresh "['outcome']")" pass
json_is "$(rule ops.drill-fresh "['evidence'][0]['line']")" 6
json_is "$(rule ops.drill-stale "['outcome']")" fail
json_is "'2026-05-20' in $(rule ops.drill-stale "['message']") and '12 days' in $(rule ops.drill-stale "['message']")" True
end

begin "Arabic evidence matches with Unicode patterns"
run "$PG" scan $CORE --format json "$B"
json_is "$(rule ops.arabic-rollback "['evidence'][0]['path']")" docs/ar/runbook.md
end

begin "binary, symlink and submodule entries are not scanned, and said so"
run "$PG" scan $CORE --format json "$B"
json_is "sorted(s['path'] for s in d['skipped'])" "['bin.dat', 'link.md', 'vendor/sub']"
json_is "[s['why'] for s in d['skipped'] if s['path']=='bin.dat'][0].startswith('is binary')" True
json_is "[s['why'] for s in d['skipped'] if s['path']=='vendor/sub'][0]" "submodule, not scanned"
json_is "'bin.dat' in [e['path'] for e in $(rule sec.needle-anywhere "['evidence']")]" False
end

begin "files over --max-file-size are not content-matched"
run "$PG" scan $CORE --max-file-size 100 --format json "$B"
rc_is 0
json_is "[s['why'] for s in d['skipped'] if s['path']=='big.txt'][0].startswith('is larger than the 100-byte cap')" True
end

begin "a non-UTF-8 path is reported safely in valid UTF-8 JSON"
run "$PG" scan $CORE --format json "$B"
json_is "'docs/caf\\\\xe9.md' in [e['path'] for e in $(rule sec.needle-anywhere "['evidence']")]" True
holds python3 -c "open('$T/out','rb').read().decode('utf-8', 'strict')"
end

begin "linguist-generated files (from the commit's .gitattributes) are not evidence"
run "$PG" scan $CORE --format json "$B"
json_is "$(rule sec.generated-not-evidence "['outcome']")" fail
end

# every file holds "needle"; the evidence of sec.needle-anywhere is what is not excluded
attr_repo() { # DEST: a work tree with linguist attributes in every place git reads them
	rm -rf "$1" && git init -q -b main "$1"
	for f in third_party/a.md pkg/x.pb.go pkg/y.go special.md userfile.md docs/normal.md lib/m.md \
		staged/s.md deep/er/gen/k.md; do
		mkdir -p "$1/$(dirname "$f")" && printf 'needle\n' >"$1/$f"
	done
	printf 'third_party/** linguist-vendored\n' >"$1/.gitattributes"
	printf '*.pb.go linguist-generated=true\n' >"$1/pkg/.gitattributes"
	printf 'gen/** linguist-generated\n' >"$1/deep/er/.gitattributes"
	git -C "$1" add -A && git -C "$1" -c user.name=t -c user.email=t@t commit -qm x
	# the machine's attributes (info/attributes, the user's file) and a staged
	# .gitattributes do not count: only the commit's do (git/linguist.h)
	printf 'special.md linguist-vendored\n' >"$1/.git/info/attributes"
	printf 'staged/** linguist-vendored\n' >"$1/staged/.gitattributes"
	git -C "$1" add staged/.gitattributes
}

begin "linguist attributes count from the commit's tree at every depth, never info/attributes or the user's file"
attr_repo "$T/attrs"
mkdir -p "$T/xdg/git" && printf 'userfile.md linguist-generated\n' >"$T/xdg/git/attributes"
run env XDG_CONFIG_HOME="$T/xdg" "$PG" scan $CORE --format json "$T/attrs"
json_is "sorted(e['path'] for e in $(rule sec.needle-anywhere "['evidence']"))" "['docs/normal.md', 'lib/m.md', 'pkg/y.go', 'special.md', 'staged/s.md', 'userfile.md']"
end

begin "a linguist line whose longest literal is inside a class still marks its files"
attr_repo "$T/attrs3"
printf '*.[jt]sx linguist-generated\n[abcdefgh].txt linguist-vendored\n' >"$T/attrs3/.gitattributes"
mkdir -p "$T/attrs3/src" && printf 'needle\n' >"$T/attrs3/src/app.jsx" && printf 'needle\n' >"$T/attrs3/c.txt"
git -C "$T/attrs3" add -A && git -C "$T/attrs3" -c user.name=t -c user.email=t@t commit -qm classes
run env XDG_CONFIG_HOME="$T/xdg" "$PG" scan $CORE --format json "$T/attrs3"
json_is "[p for p in sorted(e['path'] for e in $(rule sec.needle-anywhere "['evidence']")) if p in ('src/app.jsx', 'c.txt')]" "[]"
end

begin "a macro naming linguist is honoured wherever it is used"
attr_repo "$T/attrs2"
printf '[attr]thirdparty linguist-vendored\nlib/** thirdparty\n' >"$T/attrs2/.gitattributes"
git -C "$T/attrs2" add .gitattributes && git -C "$T/attrs2" -c user.name=t -c user.email=t@t commit -qm macro
run env XDG_CONFIG_HOME="$T/xdg" "$PG" scan $CORE --format json "$T/attrs2"
json_is "sorted(e['path'] for e in $(rule sec.needle-anywhere "['evidence']"))" "['docs/normal.md', 'pkg/y.go', 'special.md', 'staged/s.md', 'third_party/a.md', 'userfile.md']"
end

begin "no_file: a forbidden file fails the rule and is cited"
mkdir -p "$T/secret" && cp "$ROOT/tests/rules/core.yml" "$T/secret/core.yml"
rm -rf "$T/srepo" && git init -q -b main "$T/srepo"
printf 'SECRET=x\n' >"$T/srepo/.env"
git -C "$T/srepo" add .env && git -C "$T/srepo" -c user.name=t -c user.email=t@t commit -qm x
run "$PG" scan $CORE --format json "$T/srepo"
json_is "$(rule sec.no-secrets "['outcome']")" fail
json_is "$(rule sec.no-secrets "['evidence'][0]['path']")" .env
json_is "$(dom sec)" blocked
end

begin "--rev takes branches, tags, shas and HEAD~N"
run "$PG" scan $CORE -q --rev v1.0 "$B"
rc_is 0
run "$PG" scan $CORE --format json --rev feature/x "$B"
json_is "d['repository']['commit']" 3bafbcf29ccfabcb9d3c08a39e350c54e5992ff1
json_is "d['repository']['branch']" feature/x
run "$PG" scan $CORE --format json --rev feature/x~1 "$B"
json_is "d['repository']['commit']" 8694d6f79162e16f5e9c3926219a44d317a8aa52
run "$PG" scan $CORE --format json --rev 8694d6f "$B"
json_is "d['repository']['branch']" None
end

begin "gate: report only off release branches, blocked on them, --fail-on overrides"
FAIL="$CORE --rules $ROOT/tests/rules/fail.yml"
run "$PG" scan $FAIL -q "$B"
rc_is 0; out_has 'fail-on never'
run "$PG" scan $FAIL -q --rev release/1.0 "$B"
rc_is 1; out_has 'gate failed: fail-on blocked, branch release/1.0'
run "$PG" scan $FAIL -q --rev release/1.0 --fail-on never "$B"
rc_is 0
run "$PG" scan $CORE -q --rev release/1.0 "$B"
rc_is 0
run "$PG" scan $CORE -q --fail-on readiness-only "$B"
rc_is 1
end

begin "the same inputs give byte-identical JSON; --json FILE matches stdout"
run "$PG" scan $CORE --format json --json "$T/a.json" "$B"
cp "$T/out" "$T/b.json"
run "$PG" scan $CORE --format json "$B"
holds cmp "$T/out" "$T/b.json"
holds cmp "$T/a.json" "$T/b.json"
end

begin "-q prints only the verdict line"
run "$PG" scan $CORE -q "$B"
rc_is 0
holds test "$(wc -l <"$T/out")" -eq 1
out_has '^verdict: stop'
end

begin "--lang ar gives Arabic titles and status labels"
run "$PG" scan $CORE --lang ar "$B"
rc_is 0
out_has 'العمليات'
out_has 'جاهزية فقط'
out_has 'الحكم'
end

begin "text report: the seed's table per domain, failing rules with what was looked for"
run "$PG" scan $CORE "$B"
out_has '^Operations  readiness-only'
out_has 'signal: Deploy runbook \(docs/runbooks/deploy.md\)'
out_has 'next: Write a restore runbook with real steps'
out_has 'FAIL expected ops.restore-runbook'
out_has 'looked for a restore runbook'
out_lacks $(printf '\033')
end

begin "the JSON report validates against docs/report-schema.json"
run "$PG" scan $CORE --format json "$B"
holds python3 -c "import json,jsonschema,sys; jsonschema.validate(json.load(open('$T/out')), json.load(open('$ROOT/docs/report-schema.json')))"
end

begin "an empty repository: exit 2"
rm -rf "$T/empty" && git init -q "$T/empty"
run "$PG" scan $CORE "$T/empty"
rc_is 2; err_has 'no commits yet'
end

begin "--no-builtin and no --rules: exit 2"
run "$PG" scan --no-builtin "$B"
rc_is 2; err_has 'no rules loaded'
end

begin "--lang ar explains what was looked for in Arabic too"
run "$PG" scan $CORE --lang ar --format json "$B"
rc_is 0
json_is "$(rule ops.restore-runbook "['message']").startswith('بحثنا عن a restore runbook (ملف في')" True
json_is "'وُجد ملف واحد ولا يُحتسب' in $(rule ops.restore-runbook "['message']")" True
json_is "$(rule ops.arabic-rollback "['title']")" "خطة التراجع"
end
