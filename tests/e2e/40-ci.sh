# 40-ci.sh - CI outputs: GitHub annotations, job summary, GITHUB_OUTPUT, SARIF, Code Quality, JUnit.
# Repositories are made here with fixed identities and dates; 41..43 reuse these helpers.

# the project's shared schemas when present (CI), else the copies kept in tests/schemas
CI_SCHEMAS="$ROOT/tests/schemas"
if [ -d "$ROOT/../shared/schemas" ]; then
	begin "tests/schemas holds unchanged copies of the shared schemas"
	for f in sarif-schema-2.1.0.json gitlab-codequality.json; do
		holds cmp "$ROOT/../shared/schemas/$f" "$ROOT/tests/schemas/$f"
	done
	end
	CI_SCHEMAS="$ROOT/../shared/schemas"
fi
ci_check() { python3 "$ROOT/tests/ci_check.py" "$@"; }

ci_repo() { # DIR
	rm -rf "$1"
	git init -q -b main "$1"
	git -C "$1" config user.name "Proofgate Tests"
	git -C "$1" config user.email "tests@proofgate.invalid"
	git -C "$1" config core.autocrlf false
	git -C "$1" config commit.gpgsign false
}

ci_commit() { # DIR DATE MESSAGE
	(cd "$1" && git add -A && GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git commit -q --allow-empty -m "$3")
}

# a JSON field of a file (python expression on d)
file_is() { # FILE EXPR EXPECTED
	got=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1], encoding='utf-8')); print($2)" "$1" 2>&1)
	[ "$got" = "$3" ] || bad "$2 is '$got', expected '$3'"
}

# the pack every 4x test uses: three domains, each level, no_file rules for odd paths
mkdir -p "$T/ci"
cat >"$T/ci/rules.yml" <<'EOF'
domains:
  - id: deploy
    order: 1
    title: {en: Deployment, ar: النشر والبيئات}
  - id: backup
    order: 2
    title: {en: Backup, ar: النسخ الاحتياطي والاستعادة}
  - id: hygiene
    order: 3
    title: {en: Repository hygiene, ar: نظافة المستودع}
proofs:
  - id: deploy
    title: {en: Deployment proof, ar: إثبات النشر}
rules:
  - id: deploy.runbook
    domain: deploy
    level: required
    title: {en: "Runbook: 100% ready, checked\nsecond line", ar: "دليل النشر جاهز"}
    next_step: {en: Write docs/deploy.md, ar: اكتب دليل النشر}
    proofs: [deploy]
    evidence: {file: {paths: docs/deploy.md}}
  - id: deploy.smoke
    domain: deploy
    level: expected
    title: Smoke test
    next_step: Add scripts/smoke.sh
    evidence: {file: {paths: "scripts/smoke*"}}
  - id: deploy.ci
    domain: deploy
    level: required
    title: CI pipeline
    next_step: Add a CI pipeline
    evidence: {file: {paths: ".github/workflows/*.yml"}}
  - id: backup.script
    domain: backup
    level: required
    title: Backup script
    next_step: Write a pg_dump backup script
    evidence: {file: {paths: "scripts/backup*", contains: 'pg_dump'}}
  - id: backup.readme
    domain: backup
    level: advisory
    title: Restore notes in the README
    next_step: Say how to restore in README.md
    evidence: {file: {paths: README.md, contains: restore}}
  - id: hygiene.pct
    domain: hygiene
    level: required
    title: No temporary files (percent)
    next_step: Remove the temporary file
    evidence: {no_file: {paths: "odd/5*"}}
  - id: hygiene.crlf
    domain: hygiene
    level: required
    title: No temporary files (line breaks)
    next_step: Remove the temporary file
    evidence: {no_file: {paths: "odd/cr*"}}
  - id: hygiene.latin1
    domain: hygiene
    level: required
    title: No temporary files (latin-1)
    next_step: Remove the temporary file
    evidence: {no_file: {paths: "odd/caf*"}}
EOF
CI_RULES="--no-builtin --rules $T/ci/rules.yml"

# the repository: a CI workflow, a placeholder backup script, odd file names
CR=$(printf '\r')
NL='
'
ci_repo "$T/ci/repo"
mkdir -p "$T/ci/repo/.github/workflows" "$T/ci/repo/scripts" "$T/ci/repo/odd"
echo "on: push" >"$T/ci/repo/.github/workflows/ci.yml"
echo "echo todo" >"$T/ci/repo/scripts/backup.sh"
echo "hello" >"$T/ci/repo/README.md"
echo x >"$T/ci/repo/odd/50% a:b,c.tmp"
echo x >"$T/ci/repo/odd/cr${CR}lf${NL}x.tmp"
echo x >"$T/ci/repo/odd/$(printf 'caf\351').tmp"
ci_commit "$T/ci/repo" 2026-06-01T12:00:00Z "ci fixture"
CIR="$T/ci/repo"

begin "--format github: annotation properties and data decode to the exact paths and texts (%, CR, LF, :, ,)"
run "$PG" scan $CI_RULES --format github "$CIR"
rc_is 0
ci_check annotations "$T/out" >"$T/ann.json" || bad "$(cat "$T/ann.json")"
python3 - "$T/ann.json" >"$T/why.py" 2>&1 <<'EOF' || bad "$(cat "$T/why.py")"
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
by = {x["title"].split(": ")[-1]: x for x in a}
assert by["hygiene.pct"]["file"] == "odd/50% a:b,c.tmp", by["hygiene.pct"]
assert by["hygiene.crlf"]["file"] == "odd/cr\rlf\nx.tmp", repr(by["hygiene.crlf"]["file"])
assert by["deploy.runbook"]["message"].startswith("Runbook: 100% ready, checked\nsecond line: looked for"), by["deploy.runbook"]
assert by["deploy.runbook"]["title"] == "proofgate required gap: deploy.runbook"
# docs/deploy.md, the file the rule asks for, is not in the tree: the annotation names no file
assert "file" not in by["deploy.runbook"], by["deploy.runbook"]
EOF
# the raw encodings themselves
out_has '^::error file=odd/50%25 a%3Ab%2Cc\.tmp,line=1,title=proofgate required gap%3A hygiene\.pct::'
out_has 'file=odd/cr%0Dlf%0Ax\.tmp,'
out_has '::Runbook: 100%25 ready, checked%0Asecond line: looked for'
end

begin "GITHUB_ACTIONS=true picks the github format; --format text overrides it"
run env GITHUB_ACTIONS=true "$PG" scan $CI_RULES "$CIR"
out_has '^::error '; out_has '^::group::Deployment: blocked$'
run env GITHUB_ACTIONS=true "$PG" scan $CI_RULES --format text "$CIR"
out_lacks '^::'
run "$PG" scan $CI_RULES "$CIR"
out_lacks '^::'
end

begin "annotations: required failures first, then expected, then notices; one group per domain"
run "$PG" scan $CI_RULES --format github "$CIR"
grep '^::[a-z]' "$T/out" | grep -v '^::group::\|^::endgroup::' | sed 's/ .*//' | uniq >"$T/kinds"
[ "$(tr '\n' ' ' <"$T/kinds")" = "::error ::warning ::notice " ] || bad "order of kinds: $(tr '\n' ' ' <"$T/kinds")"
[ "$(grep -c '^::error ' "$T/out")" = 5 ] || bad "want 5 errors"
[ "$(grep -c '^::group::' "$T/out")" = 3 ] || bad "want 3 groups"
[ "$(grep -c '^::endgroup::' "$T/out")" = 3 ] || bad "want 3 endgroups"
out_has '^::group::Backup: blocked$'; out_has '^::group::Repository hygiene: blocked$'
out_lacks 'more finding'
end

begin "a non-UTF-8 path: every output stays valid UTF-8; SARIF percent-encodes the byte"
run "$PG" scan $CI_RULES --format github --sarif "$T/ci/s.json" --junit "$T/ci/j.xml" --markdown "$T/ci/m.md" \
	--codequality "$T/ci/cq.json" "$CIR"
rc_is 0
out_has 'file=odd/caf\\xe9\.tmp,'
holds python3 -c "import sys; [open(f, encoding='utf-8', errors='strict').read() for f in sys.argv[1:]]" \
	"$T/out" "$T/ci/s.json" "$T/ci/j.xml" "$T/ci/m.md" "$T/ci/cq.json"
file_is "$T/ci/s.json" "[r['locations'][0]['physicalLocation']['artifactLocation']['uri'] for r in d['runs'][0]['results'] if r['ruleId']=='hygiene.latin1'][0]" "odd/caf%E9.tmp"
file_is "$T/ci/s.json" "[r['locations'][0]['physicalLocation']['artifactLocation']['uri'] for r in d['runs'][0]['results'] if r['ruleId']=='hygiene.pct'][0]" "odd/50%25%20a%3Ab%2Cc.tmp"
end

begin "Arabic (--lang ar) reaches annotations, SARIF, JUnit and the Markdown table"
run "$PG" scan $CI_RULES --lang ar --format github --sarif "$T/ci/s-ar.json" --junit "$T/ci/j-ar.xml" \
	--markdown "$T/ci/m-ar.md" "$CIR"
out_has '^::error title=proofgate فجوة \(مطلوبة\)%3A deploy\.runbook::دليل النشر جاهز: '
out_has '^::group::النشر والبيئات: محجوب'
holds grep -q 'دليل النشر جاهز' "$T/ci/s-ar.json"
holds grep -q '<testsuite name="النشر والبيئات"' "$T/ci/j-ar.xml"
holds grep -q '^| النشر والبيئات | \*\*محجوب حتى يكتمل الدليل أو التكامل\*\* |' "$T/ci/m-ar.md"
holds grep -q '^| المجال | الحالة | الإشارة الحالية | الخطوة الآمنة التالية |$' "$T/ci/m-ar.md"
out_has '%0Aالخطوة الآمنة التالية: اكتب دليل النشر$'
end

begin "SARIF validates against the 2.1.0 schema and GitHub's ingestion rules; every rule listed"
run "$PG" scan $CI_RULES --sarif "$T/ci/s.json" "$CIR"
rc_is 0
ci_check sarif "$T/ci/s.json" "$CI_SCHEMAS" >"$T/ci/s.sum" || bad "$(cat "$T/ci/s.sum")"
file_is "$T/ci/s.sum" "len(d['rules'])" 8
file_is "$T/ci/s.sum" "sorted(r[0] for r in d['results'])" "['backup.readme', 'backup.script', 'deploy.runbook', 'deploy.smoke', 'hygiene.crlf', 'hygiene.latin1', 'hygiene.pct']"
file_is "$T/ci/s.sum" "{r[0]: r[1] for r in d['results']}['deploy.runbook'], {r[0]: r[1] for r in d['results']}['deploy.smoke'], {r[0]: r[1] for r in d['results']}['backup.readme']" "error warning note"
file_is "$T/ci/s.json" "d['runs'][0]['automationDetails']['id']" "proofgate/ops-readiness/"
# a rule asking for a file the tree lacks points at a file it has (code scanning ignores a
# location outside the tree, and refuses a result without one): no .proofgate.yml here, so the
# root README, line 1; its fingerprint stays the rule's own place
file_is "$T/ci/s.sum" "{r[0]: r[2] for r in d['results']}['deploy.runbook']" "README.md"
file_is "$T/ci/s.json" "[r['locations'][0]['physicalLocation']['region']['startLine'] for r in d['runs'][0]['results'] if r['ruleId'] == 'deploy.runbook']" "[1]"
# the same scan gives the same fingerprints
"$PG" scan $CI_RULES --sarif "$T/ci/s2.json" "$CIR" >/dev/null
holds cmp "$T/ci/s.json" "$T/ci/s2.json"
end

# every location of SARIF and Code Quality, scan's and diff's, is a file of the scanned tree
in_tree() { # REPO SUMMARY PYTHON-EXPR-OF-PATHS
	git -C "$1" ls-tree -r -z --name-only HEAD >"$T/ci/tree.z"
	python3 - "$T/ci/tree.z" "$2" "$3" >"$T/ci/why" 2>&1 <<'PY' || bad "$(cat "$T/ci/why")"
import json, sys, urllib.parse
tree = set(open(sys.argv[1], "rb").read().decode("utf-8", "surrogateescape").split("\0"))
d = json.load(open(sys.argv[2], encoding="utf-8"))
paths = eval(sys.argv[3])
assert paths, "no location at all"
missing = [p for p in paths if p not in tree]
assert not missing, "locations outside the tree: %r" % missing
PY
}

begin "SARIF and Code Quality point only at files the tree has: the policy file, else the root README"
run "$PG" scan $CI_RULES --sarif "$T/ci/loc.sarif" --codequality "$T/ci/loc.cq" "$CIR"
ci_check sarif "$T/ci/loc.sarif" "$CI_SCHEMAS" >"$T/ci/loc.ssum" || bad "$(cat "$T/ci/loc.ssum")"
ci_check codequality "$T/ci/loc.cq" "$CI_SCHEMAS" >"$T/ci/loc.csum" || bad "$(cat "$T/ci/loc.csum")"
in_tree "$CIR" "$T/ci/loc.ssum" "[urllib.parse.unquote(r[2], errors='surrogateescape') for r in d['results']]"
in_tree "$CIR" "$T/ci/loc.csum" "[e[2] for e in d if '\\\\x' not in e[2]]"
file_is "$T/ci/loc.csum" "{e[0]: e[2] for e in d}['deploy.runbook']" "README.md"
# the fingerprints are the rule's own place: the same as when the location was docs/deploy.md
file_is "$T/ci/loc.sarif" "sorted(r['partialFingerprints']['proofgateFinding/v1'] for r in d['runs'][0]['results']) == sorted(r['partialFingerprints']['proofgateFinding/v1'] for r in json.load(open('$T/ci/s.json'))['runs'][0]['results'])" True
# with a .proofgate.yml in the tree, the policy file; in diff's SARIF and Code Quality too
rm -rf "$T/ci/locp" && cp -a "$CIR" "$T/ci/locp"
printf 'off: []\n' >"$T/ci/locp/.proofgate.yml"
ci_commit "$T/ci/locp" 2026-06-02T12:00:00Z "a policy"
run "$PG" diff $CI_RULES -C "$T/ci/locp" --sarif "$T/ci/locp.sarif" --codequality "$T/ci/locp.cq" HEAD~1 HEAD
ci_check sarif "$T/ci/locp.sarif" "$CI_SCHEMAS" >"$T/ci/locp.ssum" || bad "$(cat "$T/ci/locp.ssum")"
ci_check codequality "$T/ci/locp.cq" "$CI_SCHEMAS" >"$T/ci/locp.csum" || bad "$(cat "$T/ci/locp.csum")"
in_tree "$T/ci/locp" "$T/ci/locp.ssum" "[urllib.parse.unquote(r[2], errors='surrogateescape') for r in d['results']]"
file_is "$T/ci/locp.ssum" "{r[0]: r[2] for r in d['results']}['deploy.runbook']" ".proofgate.yml"
file_is "$T/ci/locp.csum" "{e[0]: e[2] for e in d}['deploy.runbook']" ".proofgate.yml"
# GitHub annotations: no file at all for what the tree lacks (as before)
run "$PG" scan $CI_RULES --format github "$CIR"
out_has '^::error title=proofgate required gap%3A deploy\.runbook::'
end

begin "SARIF: a schema violation is caught (the check can fail)"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['runs'][0]['results'][0]['level']='fatal'; json.dump(d, open(sys.argv[2],'w'))" \
	"$T/ci/s.json" "$T/ci/bad.json"
! ci_check sarif "$T/ci/bad.json" "$CI_SCHEMAS" >/dev/null || bad "an invalid level passed the schema"
end

begin "Code Quality: every entry validates, severities by level, unique fingerprints"
run "$PG" scan $CI_RULES --codequality "$T/ci/cq.json" "$CIR"
ci_check codequality "$T/ci/cq.json" "$CI_SCHEMAS" >"$T/ci/cq.sum" || bad "$(cat "$T/ci/cq.sum")"
file_is "$T/ci/cq.sum" "{e[0]: e[1] for e in d}['deploy.runbook'], {e[0]: e[1] for e in d}['deploy.smoke'], {e[0]: e[1] for e in d}['backup.readme']" "critical major info"
file_is "$T/ci/cq.sum" "len(d)" 7
file_is "$T/ci/cq.sum" "{e[0]: e[2] for e in d}['hygiene.latin1']" 'odd/caf\xe9.tmp'
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d.append(dict(d[0])); json.dump(d, open(sys.argv[2],'w'))" \
	"$T/ci/cq.json" "$T/ci/cq-dup.json"
! ci_check codequality "$T/ci/cq-dup.json" "$CI_SCHEMAS" >/dev/null || bad "a duplicate fingerprint passed"
end

begin "JUnit: one testsuite per domain, one testcase per rule, classname = domain, failures carry the next step"
run "$PG" scan $CI_RULES --junit "$T/ci/j.xml" "$CIR"
ci_check junit "$T/ci/j.xml" >"$T/ci/j.sum" || bad "$(cat "$T/ci/j.sum")"
[ "$(cut -d'|' -f1 "$T/ci/j.sum" | uniq | tr '\n' ,)" = "Deployment,Backup,Repository hygiene," ] || bad "suites: $(cut -d'|' -f1 "$T/ci/j.sum" | uniq | tr '\n' ,)"
[ "$(wc -l <"$T/ci/j.sum")" = 8 ] || bad "want 8 testcases"
holds grep -q '^Deployment|deploy|deploy.ci: CI pipeline|pass|$' "$T/ci/j.sum"
holds grep -q '^Deployment|deploy|deploy.smoke: Smoke test|failure|.*next safe step: Add scripts/smoke.sh$' "$T/ci/j.sum"
holds grep -q '^Backup|backup|backup.script: Backup script|failure|' "$T/ci/j.sum"
end

begin "GITHUB_STEP_SUMMARY is appended to; GITHUB_OUTPUT gets verdict, statuses and report paths"
printf '# earlier step output\n' >"$T/ci/summary.md"
: >"$T/ci/gh-out"
run env GITHUB_STEP_SUMMARY="$T/ci/summary.md" GITHUB_OUTPUT="$T/ci/gh-out" \
	"$PG" scan $CI_RULES --sarif "$T/ci/s.json" --junit "$T/ci/j.xml" "$CIR"
rc_is 0
holds grep -q '^# earlier step output$' "$T/ci/summary.md"
holds grep -q '^## proofgate: stop$' "$T/ci/summary.md"
holds grep -q '^| Domain | Status | Current signal | Next safe step |$' "$T/ci/summary.md"
holds grep -q '^| Deployment | \*\*blocked\*\* | CI pipeline (.github/workflows/ci.yml) | Write docs/deploy.md |$' "$T/ci/summary.md"
holds grep -q '^- \[ \] `deploy` Deployment proof$' "$T/ci/summary.md"
holds grep -q '^<details><summary>Backup: blocked (2 rules)</summary>$' "$T/ci/summary.md"
ci_check outputs "$T/ci/gh-out" >"$T/ci/o.json" || bad "$(cat "$T/ci/o.json")"
file_is "$T/ci/o.json" "d['verdict'], d['gate'], d['status-deploy'], d['status-backup']" "stop passed blocked blocked"
file_is "$T/ci/o.json" "json.loads(d['statuses'])" "{'deploy': 'blocked', 'backup': 'blocked', 'hygiene': 'blocked'}"
file_is "$T/ci/o.json" "d['sarif'] == sys.argv[1].rsplit('/', 1)[0] + '/s.json', d['junit'].endswith('/j.xml'), 'codequality' in d" "True True False"
end

begin "GITHUB_OUTPUT: a report path with a line break uses the delimited form"
: >"$T/ci/gh-out"
run env GITHUB_OUTPUT="$T/ci/gh-out" "$PG" scan $CI_RULES --junit "$T/ci/odd${NL}name.xml" "$CIR"
rc_is 0
holds grep -q '^junit<<proofgate_EOF_' "$T/ci/gh-out"
ci_check outputs "$T/ci/gh-out" >"$T/ci/o.json" || bad "$(cat "$T/ci/o.json")"
file_is "$T/ci/o.json" "d['junit'].endswith('/odd\\nname.xml'), d['verdict']" "True stop"
end

begin "--markdown FILE writes the summary anywhere; it matches the step summary"
: >"$T/ci/summary2.md"
run env GITHUB_STEP_SUMMARY="$T/ci/summary2.md" "$PG" scan $CI_RULES --markdown "$T/ci/m.md" "$CIR"
holds cmp "$T/ci/m.md" "$T/ci/summary2.md"
holds grep -q '^### Evidence$' "$T/ci/m.md"
end

begin "a report that cannot be written: exit 2, names the file"
run "$PG" scan $CI_RULES --sarif "$T/ci/no/such/dir/s.json" "$CIR"
rc_is 2; err_has "cannot write SARIF report '.*no/such/dir/s.json'"
run "$PG" scan $CI_RULES --format yaml "$CIR"
rc_is 2; err_has 'format must be text, json or github'
end

begin "--lang ar: scan's notices (cache, CI files, hints, the regression part) in Arabic; errors stay English"
: >"$T/ci/a-file"
GITHUB_STEP_SUMMARY="$T/ci/no/such/summary" run "$PG" scan $CI_RULES --lang ar --fail-on regression \
	--cache "$T/ci/a-file/cache" "$CIR"
rc_is 0
err_has "^proofgate: ملاحظة: فحص دون ذاكرة التخزين المؤقت: "
err_has "^proofgate: تحذير: تعذّر إلحاق ملخص المهمة بـ GITHUB_STEP_SUMMARY '$T/ci/no/such/summary': .*؛ يستمر التقرير"
err_has "^proofgate: ملاحظة: شرط التراجع في البوابة \(--fail-on\) يحتاج أساساً للمقارنة: scan --base REV أو proofgate diff؛ لم يُفحص$"
holds test "$(grep -c 'note:\|warning:' "$T/err")" = 0
rm -rf "$T/ci/shallow"
git clone -q --depth 1 "file://$FX/history" "$T/ci/shallow" 2>/dev/null
GITHUB_ACTIONS=true run "$PG" scan --lang ar -q --format text --rev HEAD~1 "$T/ci/shallow"
rc_is 2
err_has "^proofgate: تلميح: في GitHub Actions يجلب actions/checkout إيداعاً واحداً ما لم يُعطَ fetch-depth: 0$"
GITLAB_CI=true run "$PG" scan --lang ar -q --rev HEAD~1 "$T/ci/shallow"
err_has "^proofgate: تلميح: في GitLab CI يكون الاستنساخ سطحياً \(GIT_DEPTH، 20 إيداعاً افتراضياً\)؛ اضبط متغير المهمة GIT_DEPTH: 0 للتاريخ كله$"
end

begin "the JSON report names the repository: the origin remote's path, else the CI's variables; never credentials"
rm -rf "$T/ci/named" && cp -a "$CIR" "$T/ci/named"
run "$PG" scan $CI_RULES --format json "$T/ci/named"
json_is "d['repository']['name'], d['repository']['name_source']" "None None"
holds python3 -c "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" \
	"$T/out" "$ROOT/docs/report-schema.json"
GITHUB_ACTIONS=true GITHUB_REPOSITORY=acme/api run "$PG" scan $CI_RULES --format json "$T/ci/named"
json_is "d['repository']['name'], d['repository']['name_source']" "acme/api GITHUB_REPOSITORY"
GITLAB_CI=true CI_PROJECT_PATH=group/sub/api run "$PG" scan $CI_RULES --format json "$T/ci/named"
json_is "d['repository']['name'], d['repository']['name_source']" "group/sub/api CI_PROJECT_PATH"
# the variables only count inside their CI
GITHUB_REPOSITORY=acme/api run "$PG" scan $CI_RULES --format json "$T/ci/named"
json_is "d['repository']['name']" "None"
for url in https://ci:s3cret@github.com/acme/web.git git@gitlab.example.com:acme/web.git ssh://git@host:2222/acme/web/ \
	https://gitlab.com/acme/web; do
	git -C "$T/ci/named" remote remove origin 2>/dev/null
	git -C "$T/ci/named" remote add origin "$url"
	# the remote is the scanned repository itself: it wins over the CI's (a job may check out another)
	GITHUB_ACTIONS=true GITHUB_REPOSITORY=acme/orchestrator run "$PG" scan $CI_RULES --format json "$T/ci/named"
	json_is "d['repository']['name'], d['repository']['name_source']" "acme/web remote.origin.url"
	! grep -q s3cret "$T/out" || bad "the remote's credentials reached the report"
done
# a local path names no server's repository
git -C "$T/ci/named" remote set-url origin "$T/ci/repo"
run "$PG" scan $CI_RULES --format json "$T/ci/named"
json_is "d['repository']['name']" "None"
# diff's sides carry it too
git -C "$T/ci/named" remote set-url origin https://github.com/acme/web
run "$PG" diff $CI_RULES -C "$T/ci/named" --format json HEAD HEAD
json_is "d['base']['name'], d['head']['name']" "acme/web acme/web"
end
