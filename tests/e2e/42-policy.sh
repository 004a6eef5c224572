# 42-policy.sh - .proofgate.yml: waivers, gates, rules turned off, level overrides, packs kept in the
# repository, strict validation.  Every commit is dated 2026-06-01 (the waiver limit counts from it).
# Uses ci_repo, ci_commit, file_is, CI_RULES and the pack of 40-ci.sh.
# e2e: after 40-ci

POL="$T/pol"
DATE=2026-06-01T12:00:00Z

# pol_repo POLICY_TEXT: a repository where deploy.runbook (required) fails and deploy.ci passes
pol_repo() {
	ci_repo "$POL"
	mkdir -p "$POL/.github/workflows" "$POL/scripts"
	echo "on: push" >"$POL/.github/workflows/ci.yml"
	echo "pg_dump db > x" >"$POL/scripts/backup.sh"
	echo "restore: see docs" >"$POL/README.md"
	echo "x" >"$POL/scripts/smoke.sh"
	printf '%s\n' "$1" >"$POL/.proofgate.yml"
	ci_commit "$POL" "$DATE" "policy fixture"
}

rj() { # RULE FIELD
	echo "[r for r in d['rules'] if r['id']=='$1'][0]$2"
}

begin "a valid waiver: the rule is waived, the gate passes, reason/owner/expiry in every format"
pol_repo 'waivers:
  - rule: deploy.runbook
    reason: "runbook moves to the wiki: OPS-12, 50% done"
    owner: ops@example.com
    expires: 2026-07-15'
run "$PG" scan $CI_RULES --fail-on blocked --format json --sarif "$T/pol.sarif" --junit "$T/pol.xml" \
	--codequality "$T/pol.cq" --markdown "$T/pol.md" "$POL"
rc_is 0
json_is "$(rj deploy.runbook "['outcome']")" waived
json_is "$(rj deploy.runbook "['waiver']['owner']")" ops@example.com
json_is "$(rj deploy.runbook "['waiver']['expires']")" 2026-07-15
json_is "d['policy']['waivers'][0]['state']" used
json_is "[x['status'] for x in d['domains'] if x['id']=='deploy'][0]" ready
json_is "[p['status'] for p in d['proofs'] if p['id']=='deploy'][0]" unproven
file_is "$T/pol.sarif" "[r['suppressions'][0]['justification'] for r in d['runs'][0]['results'] if r['ruleId']=='deploy.runbook'][0]" "waived until 2026-07-15 by ops@example.com: runbook moves to the wiki: OPS-12, 50% done"
holds grep -q '<skipped message="waived until 2026-07-15 by ops@example.com: runbook moves to the wiki: OPS-12, 50% done"/>' "$T/pol.xml"
holds grep -q '^- `deploy.runbook` waived: runbook moves to the wiki: OPS-12, 50% done (owner ops@example.com, expires 2026-07-15)$' "$T/pol.md"
file_is "$T/pol.cq" "[e['check_name'] for e in d]" "[]"
run "$PG" scan $CI_RULES --fail-on blocked --format github "$POL"
out_has '^::notice title=proofgate waived%3A deploy\.runbook::Runbook: 100%25 ready, checked%0Asecond line is waived until 2026-07-15 \(owner ops@example\.com\): runbook moves'
run "$PG" scan $CI_RULES --fail-on blocked "$POL"
out_has '^  WAIVED required deploy\.runbook'; out_has 'waiver: runbook moves to the wiki: OPS-12, 50% done \(owner ops@example\.com, expires 2026-07-15\)'
end

begin "an expired waiver no longer waives: the rule fails, saying it expired and when"
pol_repo 'waivers:
  - rule: deploy.runbook
    reason: old promise
    owner: ops@example.com
    expires: 2026-05-20'
run "$PG" scan $CI_RULES --fail-on blocked --format json "$POL"
rc_is 1
json_is "$(rj deploy.runbook "['outcome']")" fail
json_is "$(rj deploy.runbook "['message']")" "the waiver for this rule expired on 2026-05-20 (owner ops@example.com: old promise); looked for a file in \`docs/deploy.md\`; no such file in the tree"
json_is "$(rj deploy.runbook "['waiver']['expired']")" True
json_is "d['policy']['waivers'][0]['state']" expired
end

begin "a waiver that expires on the commit's day still holds; the next day it does not"
pol_repo 'waivers: [{rule: deploy.runbook, reason: r, owner: o, expires: 2026-06-01}]'
run "$PG" scan $CI_RULES --fail-on blocked -q "$POL"
rc_is 0
pol_repo 'waivers: [{rule: deploy.runbook, reason: r, owner: o, expires: 2026-05-31}]'
run "$PG" scan $CI_RULES --fail-on blocked -q "$POL"
rc_is 1
end

begin "a waiver further out than 90 days: exit 2 with file, line, column and the limit"
pol_repo 'waivers:
  - rule: deploy.runbook
    reason: later
    owner: ops@example.com
    expires: 2026-12-31'
run "$PG" scan $CI_RULES "$POL"
rc_is 2
err_has "^proofgate: \.proofgate\.yml:2:5: waiver for 'deploy\.runbook' expires on 2026-12-31, 213 days after the scanned commit \(2026-06-01\); the policy allows at most 90 days"
err_has "the policy \.proofgate\.yml in commit [0-9a-f]{12} \(the scanned commit\) has 1 problem"
pol_repo 'max_waiver_days: 365
waivers:
  - {rule: deploy.runbook, reason: later, owner: ops@example.com, expires: 2026-12-31}'
run "$PG" scan $CI_RULES --fail-on blocked -q "$POL"
rc_is 0
pol_repo 'waivers: [{rule: deploy.runbook, reason: r, owner: o, expires: 2026-08-30}]'
run "$PG" scan $CI_RULES -q "$POL"
rc_is 0
pol_repo 'waivers: [{rule: deploy.runbook, reason: r, owner: o, expires: 2026-08-31}]'
run "$PG" scan $CI_RULES -q "$POL"
rc_is 2; err_has '91 days after'
end

begin "an unused waiver is reported in text, JSON, annotations and the summary"
pol_repo 'waivers:
  - {rule: deploy.runbook, reason: r, owner: o, expires: 2026-07-01}
  - {rule: deploy.ci, reason: not needed, owner: o, expires: 2026-07-01}'
run "$PG" scan $CI_RULES "$POL"
out_has "note: \.proofgate\.yml:3: waiver for 'deploy\.ci' matches no failing rule; remove it"
run "$PG" scan $CI_RULES --format json --markdown "$T/pol.md" "$POL"
json_is "[w['state'] for w in d['policy']['waivers']]" "['used', 'unused']"
holds grep -q '^- unused waiver for `deploy.ci` (line 3 of `.proofgate.yml`): remove it$' "$T/pol.md"
run "$PG" scan $CI_RULES --format github "$POL"
out_has "^::notice file=\.proofgate\.yml,line=3,title=proofgate unused waiver%3A deploy\.ci::the waiver for 'deploy\.ci' matches no failing rule; remove it$"
end

begin "malformed waivers and policies: exit 2, each problem with line and column"
for case in \
	'waivers: [{rule: deploy.runbook, reason: r, expires: 2026-07-01}]|1:11: waiver: missing required key .owner.' \
	'waivers: [{rule: deploy.runbook, reason: r, owner: o, expires: 2026-02-30}]|1:64: waiver: expires must be a date YYYY-MM-DD, found .2026-02-30.' \
	'waivers: [{rule: deploy.runbook, reason: r, owner: o, expires: [2026]}]|1:64: waiver: expires must be a string, found a list' \
	'waivers: [{rule: deploy.runbook, reason: "", owner: o, expires: 2026-07-01}]|1:42: waiver: reason must not be empty' \
	'waivers: [{rule: deploy.runbook, reason: r, owner: o, expires: 2026-07-01, ticket: 1}]|1:76: waiver: unknown key .ticket.' \
	'waivers: [{rule: no.such, reason: r, owner: o, expires: 2026-07-01}]|1:11: a waiver names rule .no\.such., which no loaded rule pack defines' \
	'waiver: []|1:1: policy: unknown key .waiver. \(expected one of: version, rules, off, levels, gates, waivers, max_waiver_days, evidence, cache\)' \
	'gates: {"release/**": sometimes}|1:23: gates: .release/\*\*. must be blocked, readiness-only or never' \
	'gates: {"release/[x": blocked}|1:9: gates: invalid glob .release/\[x.' \
	'levels: {deploy.runbook: optional}|1:26: levels: .deploy\.runbook. must be required, expected or advisory' \
	'off: {a: b}|1:6: off must be a list of strings, found a mapping' \
	'max_waiver_days: lots|1:18: max_waiver_days must be a whole number' \
	'waivers:
  - rule: deploy.runbook
   reason: r|3:4: malformed YAML' \
	'version: 2|1:10: version must be 1'; do
	pol_repo "${case%%|*}"
	want=${case#*|}
	want=${want%|}
	run "$PG" scan $CI_RULES "$POL"
	rc_is 2
	err_has "^proofgate: \.proofgate\.yml:.*$want"
done
end

begin "gates per branch: first matching glob, anchored; --fail-on overrides; reports say which applied"
pol_repo 'gates:
  "release/**": blocked
  main: readiness-only
  "feature/*": never'
run "$PG" scan $CI_RULES --branch release/2.0/rc1 --format json "$POL"
rc_is 1
json_is "d['gate']['fail_on'], d['gate']['source'], d['gate']['pattern'], d['gate']['branch'], d['gate']['branch_source']" \
	"blocked policy release/** release/2.0/rc1 --branch"
run "$PG" scan $CI_RULES --branch x/main --format json "$POL"
rc_is 0
json_is "d['gate']['fail_on'], d['gate']['source'], d['gate']['pattern']" "never default None"
run "$PG" scan $CI_RULES --branch feature/a --fail-on blocked --format json "$POL"
rc_is 1
json_is "d['gate']['source'], d['gate']['pattern']" "--fail-on None"
run "$PG" scan $CI_RULES "$POL"
rc_is 1
out_has "^gate: fail-on readiness-only \(policy 'main'\), branch main \(from revision\)$"
run "$PG" scan $CI_RULES --branch hotfix/1 -q "$POL"
rc_is 1
end

begin "rules turned off and level overrides"
pol_repo 'off: [deploy.runbook]
levels: {deploy.smoke: required, hygiene.pct: advisory}'
run "$PG" scan $CI_RULES --format json --junit "$T/pol.xml" "$POL"
json_is "$(rj deploy.runbook "['outcome']")" off
json_is "[x['rules'] for x in d['domains'] if x['id']=='deploy'][0]" "['deploy.smoke', 'deploy.ci']"
json_is "$(rj deploy.smoke "['level']")" required
json_is "[x['status'] for x in d['domains'] if x['id']=='deploy'][0]" ready
holds grep -q '<skipped message="turned off by the repository policy"/>' "$T/pol.xml"
pol_repo 'off: [deploy.nope]'
run "$PG" scan $CI_RULES "$POL"
rc_is 2; err_has "\.proofgate\.yml:1:7: off names rule 'deploy\.nope', which no loaded rule pack defines"
end

begin "rule packs kept in the repository load from the commit's tree, with their place in errors"
pol_repo 'rules: [ops/rules, extra.yml]'
mkdir -p "$POL/ops/rules"
cat >"$POL/ops/rules/a.yml" <<'EOF'
rules:
  - id: deploy.changelog
    domain: deploy
    level: required
    title: Changelog
    next_step: Keep a CHANGELOG.md
    evidence: {file: {paths: CHANGELOG.md}}
EOF
echo "not a pack" >"$POL/ops/rules/notes.txt"
cat >"$POL/extra.yml" <<'EOF'
rules:
  - id: deploy.readme
    domain: deploy
    level: advisory
    title: Readme
    next_step: Keep a README
    evidence: {file: {paths: README.md}}
EOF
ci_commit "$POL" "$DATE" "packs"
run "$PG" scan $CI_RULES --format json "$POL"
rc_is 0
json_is "$(rj deploy.changelog "['outcome']")" fail
json_is "$(rj deploy.readme "['outcome']")" pass
# the work tree is never read: an uncommitted edit changes nothing
printf 'rules:\n  - id: x\n' >"$POL/ops/rules/a.yml"
printf 'off: [deploy.changelog]\n' >"$POL/.proofgate.yml"
run "$PG" scan $CI_RULES --format json "$POL"
rc_is 0
json_is "$(rj deploy.changelog "['outcome']")" fail
printf 'rules: [ops/rules, extra.yml]\n' >"$POL/.proofgate.yml"
ci_commit "$POL" "$DATE" "broken pack"
run "$PG" scan $CI_RULES "$POL"
rc_is 2; err_has '^proofgate: ops/rules/a\.yml:2:5: '
printf 'rules: [ops/none]\n' >"$POL/.proofgate.yml"
ci_commit "$POL" "$DATE" "missing pack"
run "$PG" scan $CI_RULES "$POL"
rc_is 2; err_has "^proofgate: \.proofgate\.yml:1:9: rules: no file or folder 'ops/none' in commit"
end

begin "no .proofgate.yml: no policy, JSON says so"
ci_repo "$T/nopol"
echo x >"$T/nopol/README.md"
ci_commit "$T/nopol" "$DATE" "no policy"
run "$PG" scan $CI_RULES --format json "$T/nopol"
rc_is 0
json_is "d['policy']['file'], d['policy']['waivers']" "None []"
end

begin "JSON with waived, expired, unused and off rules validates against docs/report-schema.json"
pol_repo 'off: [hygiene.pct]
waivers:
  - {rule: deploy.runbook, reason: r, owner: o, expires: 2026-07-01}
  - {rule: deploy.smoke, reason: r, owner: o, expires: 2026-07-01}
  - {rule: backup.script, reason: r, owner: o, expires: 2026-05-01}'
run "$PG" scan $CI_RULES --format json --branch release/1 "$POL"
json_is "sorted(set(r['outcome'] for r in d['rules']))" "['off', 'pass', 'waived']"
json_is "[w['state'] for w in d['policy']['waivers']]" "['used', 'unused', 'expired']"
json_is "d['gate']['branch_source'], d['policy']['file']" "--branch .proofgate.yml"
python3 -c "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" \
	"$T/out" "$ROOT/docs/report-schema.json" >"$T/pol.err" 2>&1 || bad "$(tail -3 "$T/pol.err")"
sed 's/"waived"/"waivered"/' "$T/out" >"$T/pol-bad.json"
! python3 -c "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" \
	"$T/pol-bad.json" "$ROOT/docs/report-schema.json" >/dev/null 2>&1 || bad "an unknown outcome passed the schema"
end
