# 33-declared.sh - evidence declared in .proofgate.yml (evidence: {rule: [paths]}), evidence ranked
# best first, and the text report's short list of near misses.  The fixture `declared` keeps its
# backup script in tools/, where no built-in rule looks; each case commits its own policy.

DCL="$T/declared"

# dcl_repo POLICY_TEXT: the fixture with one more commit holding .proofgate.yml
dcl_repo() {
	copy_fixture declared "$DCL"
	printf '%s\n' "$1" >"$DCL/.proofgate.yml"
	(cd "$DCL" && git add -A && GIT_AUTHOR_DATE=2026-06-02T12:00:00Z GIT_COMMITTER_DATE=2026-06-02T12:00:00Z \
		git -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false commit -qm "policy") ||
		bad "cannot commit the policy"
}

bs() { # FIELD of backup.script
	echo "[r for r in d['rules'] if r['id']=='backup.script'][0]$1"
}

begin "declared: without a declaration the rule does not look in tools/"
run "$PG" scan --no-cache --format json "$FX/declared"
json_is "$(bs "['outcome']")" fail
json_is "'declared' in $(bs '')" False
end

begin "declared: a declared script that runs pg_dump passes, reported as declared in every wording"
dcl_repo 'evidence:
  backup.script: [tools/pgsave]'
run "$PG" scan --no-cache --format json "$DCL"
json_is "$(bs "['outcome']")" pass
json_is "$(bs "['declared']")" "{'paths': ['tools/pgsave'], 'problems': []}"
json_is "$(bs "['message']")" "found (evidence declared in .proofgate.yml): tools/pgsave:4, tools/pgsave:2"
holds python3 -c "import json,jsonschema; jsonschema.validate(json.load(open('$T/out')), json.load(open('$ROOT/docs/report-schema.json')))"
run env NO_COLOR=1 "$PG" scan --no-cache "$DCL"
out_has '^  PASS backup\.script  on evidence declared in \.proofgate\.yml: tools/pgsave:4 tools/pgsave:2$'
run "$PG" scan --no-cache --lang ar --format json "$DCL"
json_is "$(bs "['message']").startswith('وُجد (دليل معلن في .proofgate.yml)')" True
end

begin "declared: a missing path, a glob matching nothing and a file that does not count fail the rule, saying why"
dcl_repo 'evidence:
  backup.script: [tools/pgsave, ops/missing.sh, "ops/**/restore*.md", docs/notes.md]'
run "$PG" scan --no-cache --format json "$DCL"
json_is "$(bs "['outcome']")" fail
json_is "[p['path'] for p in $(bs "['declared']['problems']")]" "['ops/missing.sh', 'ops/**/restore*.md', 'docs/notes.md']"
json_is "$(bs "['declared']['problems'][0]['why']")" "is not in the scanned commit (or is marked linguist-generated or linguist-vendored, or lies in a folder of installed packages)"
json_is "$(bs "['declared']['problems'][1]['why']")" "matches no file in the scanned commit"
json_is "$(bs "['declared']['problems'][2]['why']").startswith('does not match the pattern it looks for (\"pg_dump\"')" True
json_is "$(bs "['message']")" "evidence declared in .proofgate.yml: 'ops/missing.sh': is not in the scanned commit (or is marked linguist-generated or linguist-vendored, or lies in a folder of installed packages)"
holds python3 -c "import json,jsonschema; jsonschema.validate(json.load(open('$T/out')), json.load(open('$ROOT/docs/report-schema.json')))"
run env NO_COLOR=1 "$PG" scan --no-cache --fail-on blocked "$DCL"
rc_is 1
out_has '^  FAIL required backup\.script  Database backup command$'
out_has "^    evidence declared in \\.proofgate\\.yml: 'ops/missing\\.sh': is not in the scanned commit"
out_has "^    evidence declared in \\.proofgate\\.yml: 'docs/notes\\.md': does not match the pattern it looks for"
run "$PG" scan --no-cache --lang ar --format json "$DCL"
json_is "$(bs "['declared']['problems'][0]['why']").startswith('ليس في الإيداع المفحوص')" True
end

begin "declared: a path the pack excludes (examples/) is looked at; globs are ranked shallower first"
dcl_repo 'evidence:
  backup.script: [deploy/examples/pg-backup.sh, "tools/**/pgsave*"]'
run "$PG" scan --no-cache --format json "$DCL"
json_is "$(bs "['outcome']")" pass
# walk order is deploy/, tools/deep/..., tools/pgsave; the same condition and a line each, so depth decides
json_is "[e['path'] for e in $(bs "['evidence']") if e['line'] == 4]" "['tools/pgsave', 'deploy/examples/pg-backup.sh', 'tools/deep/nested/pgsave-replica']"
end

begin "declared: an unknown rule id or a bad path is a policy problem with line and column (exit 2)"
dcl_repo 'evidence:
  backup.nope: tools/pgsave
  backup.script: [/tools/pgsave]'
run "$PG" scan --no-cache "$DCL"
rc_is 2
err_has "^proofgate: \\.proofgate\\.yml:2:3: evidence names rule 'backup\\.nope', which no loaded rule pack defines"
err_has "^proofgate: \\.proofgate\\.yml:3:19: evidence: '/tools/pgsave' is absolute"
end

begin "declared: in a pull request the declaration is read from the target branch"
copy_fixture declared "$DCL"
(cd "$DCL" && git checkout -qb feature && printf 'evidence:\n  backup.script: tools/pgsave\n' >.proofgate.yml &&
	git add -A && GIT_AUTHOR_DATE=2026-06-02T12:00:00Z GIT_COMMITTER_DATE=2026-06-02T12:00:00Z \
	git -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false commit -qm "declare") || bad "cannot commit"
run env GITHUB_BASE_REF=main "$PG" scan --no-cache --format json "$DCL"
json_is "$(bs "['outcome']")" fail
json_is "'declared' in $(bs '')" False
run "$PG" scan --no-cache --format json "$DCL"
json_is "$(bs "['outcome']")" pass
end

begin "ranked: evidence of one condition, shallower paths first (layouts-more: k8s/ before infra/terraform/)"
run "$PG" scan --no-cache --format json "$FX/layouts-more"
json_is "[e['path'] for e in $(bs "['evidence']")]" "['k8s/cluster.yaml', 'infra/terraform/db.tf']"
end

begin "text: per failing rule at most four looked-for lines and three near misses (each file once, cited lines first); the rest counted, all in JSON"
run env NO_COLOR=1 "$PG" scan --no-cache "$FX/kinds-near"
holds python3 - "$T/out" <<'PY'
import re, sys
blocks = re.split(r"\n(?=  (?:FAIL|ERROR) )", open(sys.argv[1]).read())
more = other = 0
for b in blocks[1:]:
    lines = b.splitlines()
    misses = [l for l in lines if l.startswith("    found but does not count: ")]
    assert len(misses) <= 3, b
    assert len([l for l in lines if l.startswith("    looked for ")]) <= 4, b
    paths = [l.split(": ")[1].split(":")[0] for l in misses]
    assert len(paths) == len(set(paths)), b
    cited = [bool(re.match(r"    found but does not count: [^:]+:\d+: ", l)) for l in misses]
    assert cited == sorted(cited, reverse=True), b
    more += bool(re.search(r"^    \.\.\. and \d+ more file\(s\) that do not count \(see the JSON report\)$", b, re.M))
    other += bool(re.search(r"^    \.\.\. and \d+ other kind\(s\) of evidence looked for \(proofgate explain [a-z.-]+ shows them all\)$", b, re.M))
assert more > 0 and other > 0
PY
run "$PG" scan --no-cache --format json "$FX/kinds-near"
json_is "max(len(r['near_misses']) for r in d['rules']) > 3" True
json_is "max(len(r['looked_for']) for r in d['rules']) > 4" True
end
