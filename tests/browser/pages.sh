#!/bin/sh
# pages.sh PROOFGATE FIXTURES OUT - makes the pages the browser tests load, into OUT:
#   seed-en.html, seed-ar.html (+ .json)  the seed fixture's page in each language
#   org-en.html, org-ar.html (+ .json)    a merge of every fixture's report, one of them
#                                         from another rule pack, one truncated
#   hostile.html                          a repository and a rule pack made of markup,
#                                         quotes, RLO and control characters
set -eu
PG=$1
FX=$2
OUT=$3
rm -rf "$OUT"
mkdir -p "$OUT/reports-en" "$OUT/reports-ar"
export NO_COLOR=1 GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset GITHUB_ACTIONS GITLAB_CI GITHUB_STEP_SUMMARY GITHUB_OUTPUT 2>/dev/null || true

# a scan's exit status says whether its gate passed; only 2 (undecided) is a failure here
scan() {
	"$PG" scan --no-cache "$@" >/dev/null || [ $? = 1 ]
}

scan --html "$OUT/seed-en.html" --json "$OUT/seed-en.json" "$FX/seed-v1"
scan --lang ar --html "$OUT/seed-ar.html" --json "$OUT/seed-ar.json" "$FX/seed-v1"

for f in seed-v1 basic ops-ready arabic near-miss layouts layouts-more stubs bare; do
	scan --json "$OUT/reports-en/$f.json" "$FX/$f"
	scan --lang ar --json "$OUT/reports-ar/$f.json" "$FX/$f"
done
# one repository scanned with a pack of its own: the merge must warn
cat >"$OUT/extra.yml" <<'YML'
domains:
  - id: extra
    title: {en: Extra checks, ar: فحوص إضافية}
rules:
  - id: extra.readme
    domain: extra
    level: required
    title: {en: A README, ar: ملف README}
    next_step: {en: Write a README, ar: اكتب ملف README}
    evidence: {file: {paths: README.md}}
YML
for l in en ar; do
	scan --lang $l --rules "$OUT/extra.yml" --json "$OUT/reports-$l/own-pack.json" "$FX/basic"
	# and one report cut short, as an interrupted upload leaves it
	head -c 300 "$OUT/reports-$l/basic.json" >"$OUT/reports-$l/cut-short.json"
	"$PG" merge -q --lang $l --html "$OUT/org-$l.html" --json "$OUT/org-$l.json" "$OUT"/reports-$l/*.json 2>/dev/null ||
		[ $? = 2 ]
done

# what a hostile repository and rule pack can put on the page
H="$OUT/hostile"
git init -q -b main "$H"
# the slash of </script> makes a folder: markup in folder and file names
mkdir -p "$H/docs/<script>window.__pg_xss=1<"
printf 'x\n' >"$H/docs/<script>window.__pg_xss=1</script>.md"
printf 'x\n' >"$H/docs/\"'><img src=x onerror=window.__pg_xss=2>.md"
printf 'x\n' >"$H/docs/$(printf 'gpj.\342\200\256exe').md"
printf 'x\n' >"$H/docs/$(printf 'bell\007tab\011esc\033').md"
cat >"$OUT/hostile.yml" <<'YML'
domains:
  - id: hostile
    title: {en: "<script>window.__pg_xss=3</script>Hostile", ar: "<script>window.__pg_xss=4</script>عدائي"}
proofs:
  - id: hostile
    title: {en: "<b onmouseover=window.__pg_xss=5>proof</b>", ar: "<b onmouseover=window.__pg_xss=5>إثبات</b>"}
    description: {en: "\" onload=\"window.__pg_xss=6", ar: "\" onload=\"window.__pg_xss=6"}
rules:
  - id: hostile.docs
    domain: hostile
    level: required
    title: {en: "Docs <iframe src=javascript:window.__pg_xss=7>", ar: "وثائق <iframe src=javascript:window.__pg_xss=7>"}
    next_step: {en: "Fix `</code><script>window.__pg_xss=8</script>`", ar: "أصلح `</code><script>window.__pg_xss=8</script>`"}
    links: ["javascript:window.__pg_xss=9", "https://example.invalid/\"><script>window.__pg_xss=10</script>"]
    proofs: [hostile]
    evidence: {file: {paths: "docs/**"}}
  - id: hostile.missing
    domain: hostile
    level: required
    title: {en: Missing, ar: ناقص}
    next_step: {en: "Add it", ar: أضفه}
    links: ["javascript:window.__pg_xss=11"]
    evidence: {file: {paths: "no/<script>window.__pg_xss=12</script>", contains: "<script>"}}
YML
(cd "$H" && git add -A && GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t.invalid GIT_COMMITTER_NAME=t \
	GIT_COMMITTER_EMAIL=t@t.invalid GIT_AUTHOR_DATE=2026-06-01T12:00:00Z GIT_COMMITTER_DATE=2026-06-01T12:00:00Z \
	git -c commit.gpgsign=false commit -q -m hostile)
git -C "$H" remote add origin 'https://user:secret@github.com/o/"><script>window.__pg_xss=13</script>.git'
scan --no-builtin --rules "$OUT/hostile.yml" --html "$OUT/hostile-en.html" "$H"
scan --no-builtin --rules "$OUT/hostile.yml" --lang ar --html "$OUT/hostile-ar.html" "$H"
