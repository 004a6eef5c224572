# 60-html.sh - the readiness page (scan --html), the Arabic job summary, and merge.
# The pages' rendering is checked in a browser by `make browser` (tests/browser/).

H="$T/html"
mkdir -p "$H"
SEED="$FX/seed-v1"
SEED_COMMIT=$(git -C "$SEED" rev-parse HEAD)
# this file's own helpers, so that E2E_ONLY=60-html runs it alone
h_repo() { # DIR
	rm -rf "$1"
	git init -q -b main "$1"
	git -C "$1" config user.name "Proofgate Tests"
	git -C "$1" config user.email "tests@proofgate.invalid"
	git -C "$1" config commit.gpgsign false
}
h_commit() { # DIR DATE MESSAGE
	(cd "$1" && git add -A && GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git commit -q -m "$3")
}
h_is() { # FILE EXPR EXPECTED: a field of a JSON file (python expression on d)
	got=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1], encoding='utf-8')); print($2)" "$1" 2>&1)
	[ "$got" = "$3" ] || bad "$2 is '$got', expected '$3'"
}
validate_org() { # FILE
	python3 -c "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" \
		"$1" "$ROOT/docs/org-schema.json"
}

begin "scan --html writes one self-contained page beside the usual output"
run "$PG" scan --html "$H/en.html" "$SEED"
rc_is 0
out_has '^verdict: stop'
holds test -s "$H/en.html"
holds grep -q '^<!DOCTYPE html>$' "$H/en.html"
holds grep -q '<html lang="en" dir="ltr">' "$H/en.html"
holds grep -q "default-src 'none'" "$H/en.html"
# no script, no stylesheet, font or image fetched, no link out without a remote
! grep -Eqi '<script|<link rel="stylesheet|@import|url\(|src=|href="http' "$H/en.html" || bad "the page fetches or runs something"
holds grep -q '<tr data-domain="backup"><th scope="row" class="c-domain"><a href="#domain-2"><bdi>Backup and restore</bdi></a></th><td class="c-status"><span class="status s-blocked" data-status="blocked">' "$H/en.html"
holds grep -q 'data-status="ready"><span aria-hidden="true">✓</span> ready</span>' "$H/en.html"
holds grep -q "$SEED_COMMIT" "$H/en.html"
holds grep -q 'did not deploy' "$H/en.html"
end

begin "scan --html --lang ar: right to left, the seed's Arabic labels"
run "$PG" scan --lang ar --html "$H/ar.html" "$SEED"
rc_is 0
holds grep -q '<html lang="ar" dir="rtl">' "$H/ar.html"
for label in 'ملخص جاهزية الدعم والعمليات' '<th scope="col" class="c-domain">المجال</th>' 'الحالة' 'الإشارة الحالية' \
	'الخطوة الآمنة التالية' 'محجوب حتى يكتمل الدليل أو التكامل' 'جاهزية فقط' 'أساس جاهز' 'مجالات العمليات' \
	'حدود الإثبات' 'لا إجراء تشغيلي' 'قراءة فقط'; do
	holds grep -q "$label" "$H/ar.html"
done
# paths isolated left to right inside the right-to-left page
holds grep -q '<bdi dir="ltr" class="path">.github/workflows/ci.yml:17</bdi>' "$H/ar.html"
for word in '>Evidence<' '>Readiness summary<' 'not proven' '>Gate<' 'Looked for'; do
	! grep -q "$word" "$H/ar.html" || bad "English '$word' on the Arabic page"
done
end

begin "evidence links to the file at the commit when the origin remote is on GitHub"
copy_fixture seed-v1 "$H/seed"
git -C "$H/seed" remote add origin 'https://user:tok3n@github.com/acme/seed.git'
run "$PG" scan --html "$H/linked.html" "$H/seed"
rc_is 0
holds grep -q "<a href=\"https://github.com/acme/seed/blob/$SEED_COMMIT/.github/workflows/ci.yml#L17\">" "$H/linked.html"
! grep -q 'tok3n' "$H/linked.html" || bad "the remote's credentials reached the page"
end

begin "and on GitLab from the CI variables when there is no remote"
GITLAB_CI=true CI_PROJECT_URL=https://gitlab.example.com/ops/seed run "$PG" scan --html "$H/gl.html" "$SEED"
rc_is 0
holds grep -q "<a href=\"https://gitlab.example.com/ops/seed/-/blob/$SEED_COMMIT/docs/runbooks/local-setup.txt#L1\">" "$H/gl.html"
# without GITLAB_CI=true the variable is not taken
CI_PROJECT_URL=https://gitlab.example.com/ops/seed run "$PG" scan --html "$H/nogl.html" "$SEED"
! grep -q 'href="https://gitlab' "$H/nogl.html" || bad "CI_PROJECT_URL taken outside GitLab CI"
end

begin "scan --html: an unwritable page is an error; GITHUB_OUTPUT names the page"
run "$PG" scan --html "$H/no/such/dir/x.html" "$SEED"
rc_is 2
err_has "^proofgate: cannot write HTML page '$H/no/such/dir/x.html': No such file or directory$"
: >"$H/gh_output"
GITHUB_OUTPUT="$H/gh_output" run "$PG" scan --html "$H/o.html" "$SEED"
holds grep -q "^html=$H/o.html$" "$H/gh_output"
end

begin "markup, quotes, RLO and control characters from the repository and a rule pack stay text"
h_repo "$H/hostile"
mkdir -p "$H/hostile/docs/<script>alert(1)<"
printf 'x\n' >"$H/hostile/docs/<script>alert(1)</script>.md"
printf 'x\n' >"$H/hostile/docs/\"'><img src=x onerror=alert(2)>.md"
printf 'x\n' >"$H/hostile/docs/$(printf 'gpj.\342\200\256exe').md"
printf 'x\n' >"$H/hostile/docs/$(printf 'bell\007esc\033').md"
h_commit "$H/hostile" 2026-06-01T12:00:00Z hostile
cat >"$H/hostile.yml" <<'EOF'
domains:
  - {id: h, title: {en: "<script>alert(3)</script>", ar: "<script>alert(4)</script>"}}
rules:
  - id: h.docs
    domain: h
    level: required
    title: "Docs \"'<iframe>"
    next_step: "`</code><script>alert(5)</script>`"
    links: ["javascript:alert(6)"]
    evidence: {file: {paths: "docs/**"}}
EOF
for l in en ar; do
	run "$PG" scan --no-builtin --rules "$H/hostile.yml" --lang $l --html "$H/hostile-$l.html" "$H/hostile"
	rc_is 0
	! grep -Eqi '<script|<img|<iframe|href="javascript' "$H/hostile-$l.html" || bad "markup from the repository became markup ($l)"
	holds grep -q '&lt;script&gt;alert(1)&lt;/script&gt;.md' "$H/hostile-$l.html"
	holds grep -q 'docs/&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;.md' "$H/hostile-$l.html"
	holds grep -q 'gpj.\\u202eexe.md' "$H/hostile-$l.html"
	holds grep -q 'bell\\x07esc\\x1b.md' "$H/hostile-$l.html"
	! grep -q "$(printf '\342\200\256')" "$H/hostile-$l.html" || bad "an RLO reached the page ($l)"
	! grep -q "$(printf '\007')" "$H/hostile-$l.html" || bad "a control character reached the page ($l)"
done
end

begin "the Markdown job summary under --lang ar keeps no English label"
run "$PG" scan --lang ar --markdown "$H/ar.md" "$SEED"
rc_is 0
for word in '### Evidence' '### Proofs' 'Revision ' 'gate \*\*passed' 'readiness-only (' ' rules)' '  - evidence:' \
	'looked for:' 'next safe step:' '(expected)' '^- pass '; do
	! grep -q "$word" "$H/ar.md" || bad "English '$word' in the Arabic summary"
done
holds grep -q '^### الأدلة$' "$H/ar.md"
holds grep -q '^### الإثباتات (1 من 11 مثبتة)$' "$H/ar.md"
holds grep -q '^المراجعة HEAD، الإيداع `c1719bcba2b8`؛ البوابة \*\*نجحت\*\* (تفشل عند `never`، الافتراضي) للفرع main (من المراجعة)\.$' "$H/ar.md"
holds grep -q '^<details><summary>النسخ الاحتياطي والاستعادة: محجوب حتى يكتمل الدليل أو التكامل (6 قواعد)</summary>$' "$H/ar.md"
# the English summary is what it was
run "$PG" scan --markdown "$H/en.md" "$SEED"
holds grep -q '^### Proofs (1 of 11 proven)$' "$H/en.md"
holds grep -q '^<details><summary>Backup and restore: blocked (6 rules)</summary>$' "$H/en.md"
end

# ---- merge ------------------------------------------------------------------------

M="$H/merge"
mkdir -p "$M/r"
for f in seed-v1 basic ops-ready arabic; do
	"$PG" scan --json "$M/r/$f.json" "$FX/$f" >/dev/null
done

begin "merge: repositories by domains, worst first, totals per domain"
run "$PG" merge --json "$M/org.json" --html "$M/org.html" --markdown "$M/org.md" "$M"/r/*.json
rc_is 0
err_empty
holds validate_org "$M/org.json"
h_is "$M/org.json" "d['summary']['repositories']" 4
h_is "$M/org.json" "d['summary']['go']" 1
h_is "$M/org.json" "[r['name'] for r in d['repositories']][-1]" ops-ready
h_is "$M/org.json" "[r['verdict'] for r in d['repositories']]" "['stop', 'stop', 'stop', 'go']"
h_is "$M/org.json" "[(x['blocked'], x['repositories']) for x in d['domains'] if x['id']=='backup'][0]" "(3, 4)"
h_is "$M/org.json" "[r['statuses']['backup'] for r in d['repositories'] if r['name']=='ops-ready'][0]" ready
out_has '^\| Backup and restore \| blocked in 3 of 4 \| readiness-only in 0 of 4 \| ready in 1 of 4 \|$'
out_has '^\| ops-ready \| go \| passed \| 11 of 11 \|'
holds cmp "$T/out" "$M/org.md"
holds grep -q '<tr data-repo="ops-ready"><th scope="row"><bdi dir="ltr">ops-ready</bdi></th><td><span class="status s-ready" data-verdict="go">' "$M/org.html"
! grep -q 'class="banner"' "$M/org.html" || bad "a warning where every report has the same pack"
end

begin "merge: a truncated or foreign report is named, the rest merge, exit 2"
head -c 500 "$M/r/basic.json" >"$M/cut.json"
printf '{"version": "2.1.0", "runs": []}\n' >"$M/sarif.json"
run "$PG" merge --json "$M/org2.json" "$M"/r/*.json "$M/cut.json" "$M/sarif.json" "$M/missing.json"
rc_is 2
err_has "^proofgate: cannot merge report '$M/cut.json': it ends too early \(truncated\): line [0-9]+, column [0-9]+$"
err_has "^proofgate: cannot merge report '$M/sarif.json': it is not a proofgate report: missing or wrong field: tool$"
err_has "^proofgate: cannot merge report '$M/missing.json': it cannot be read: No such file or directory$"
err_has '^proofgate: 3 of 7 reports could not be merged \(named above\); the others were$'
holds validate_org "$M/org2.json"
h_is "$M/org2.json" "d['summary']['repositories']" 4
h_is "$M/org2.json" "[e['problem'] for e in d['errors']]" "['truncated', 'not-a-report', 'unreadable']"
end

begin "merge: reports of another rule pack or version merge with a visible warning"
"$PG" scan --rules "$ROOT/tests/rules/core.yml" --json "$M/own.json" "$FX/basic" >/dev/null
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['tool']['version']='0.0.9'; json.dump(d, open(sys.argv[2],'w'))" \
	"$M/r/arabic.json" "$M/old.json"
run "$PG" merge --html "$M/mixed.html" --json "$M/mixed.json" "$M/r/seed-v1.json" "$M/own.json" "$M/old.json"
rc_is 0
err_has '^proofgate: warning: the reports come from 2 different rule packs \(their statuses do not measure the same things\): sha1:[0-9a-f]{40} in 2, sha1:[0-9a-f]{40} in 1$'
err_has '^proofgate: warning: the reports come from 2 different proofgate versions: 0.1.0 in 2, 0.0.9 in 1$'
out_has '^> \*\*Warning:\*\* These reports come from different rule packs'
holds grep -q 'class="banner" role="note"><strong>Warning:</strong> These reports come from different rule packs' "$M/mixed.html"
h_is "$M/mixed.json" "(len(d['rules_digests']), len(d['tool_versions']))" "(2, 2)"
end

begin "merge --previous: what changed since the last merge"
run "$PG" merge --previous "$M/none.json" --json "$M/first.json" "$M/r/seed-v1.json" "$M/r/basic.json"
rc_is 0
err_has "^proofgate: note: no previous merge at '$M/none.json' yet: nothing to compare with$"
cp "$M/r/ops-ready.json" "$M/seed-v1.json"
run "$PG" merge --previous "$M/first.json" --json "$M/second.json" --html "$M/second.html" "$M/seed-v1.json" "$M/r/arabic.json"
rc_is 0
holds validate_org "$M/second.json"
h_is "$M/second.json" "[c for c in d['changes'] if c['repository']=='seed-v1' and c['domain']=='backup'][0]['after']" ready
h_is "$M/second.json" "[(c['before'], c['after']) for c in d['changes'] if c['repository']=='seed-v1' and c['domain'] is None][0]" "('stop', 'go')"
h_is "$M/second.json" "[(c['before'], c['after']) for c in d['changes'] if c['repository']=='basic'][0]" "('stop', None)"
h_is "$M/second.json" "[(c['before'], c['after']) for c in d['changes'] if c['repository']=='arabic'][0]" "(None, 'stop')"
holds grep -q '<h2 id="changes">What changed <span class="muted">since' "$M/second.html"
printf 'not json' >"$M/broken.json"
run "$PG" merge --previous "$M/broken.json" "$M/seed-v1.json"
rc_is 2
err_has "^proofgate: cannot read the previous merge '$M/broken.json': line 1"
end

begin "merge: Arabic, the job summary, usage"
run "$PG" merge --lang ar --html "$M/ar.html" "$M"/r/*.json
rc_is 0
holds grep -q '<html lang="ar" dir="rtl">' "$M/ar.html"
holds grep -q 'جاهزية الدعم والعمليات عبر المستودعات' "$M/ar.html"
out_has 'محجوب في 3 من 4'
: >"$M/summary.md"
GITHUB_STEP_SUMMARY="$M/summary.md" run "$PG" merge -q "$M"/r/*.json
rc_is 0
holds grep -q '^## proofgate: Operations readiness across repositories$' "$M/summary.md"
holds test ! -s "$T/out"
run "$PG" merge
rc_is 2
err_has '^proofgate: merge needs at least one report$'
run "$PG" merge --help
rc_is 0
out_has '^usage: proofgate merge \[options\] REPORT.json\.\.\.$'
run "$PG" --help
out_has '^  merge '
end
