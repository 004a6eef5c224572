# 06-words.sh - failing rules said in words, annotations on files that exist, the exit status explained,
# and --lang ar complete: one kind of semicolon, nouns that agree with their numbers.

W="$T/words"
rm -rf "$W" && mkdir -p "$W"
cat >"$W/pack.yml" <<'YAML'
domains: [{id: d, title: {en: Data, ar: البيانات}}]
rules:
  - id: d.dump
    domain: d
    level: required
    title: {en: Dump, ar: تفريغ}
    next_step: {en: Dump it, ar: فرّغها}
    evidence:
      any:
        - file:
            paths: 'scripts/*'
            contains: '(?i)\b(?:pg_dump|mysqldump|mongodump)\b[^\n]*(?:--file|>)\s*\S+\.(?:sql|dump|archive)'
            not_contains: '(?i)\bplace-?holders?\b|\bnot (?:yet )?implemented\b|^\W*(?:TODO|TBD)\W*$'
        - file: {paths: 'ops/backup.cron'}
  - id: d.docs
    domain: d
    level: expected
    title: {en: Docs, ar: وثائق}
    next_step: {en: Write them, ar: اكتبها}
    evidence: {file: {paths: 'docs/**', min_files: 3, min_lines: 12}}
YAML
git init -q -b main "$W/repo"
mkdir -p "$W/repo/scripts" "$W/repo/docs"
echo 'echo hello' >"$W/repo/scripts/backup.sh"
for i in 1 2 3 4 5 6 7 8 9; do printf 'one\ntwo\n' >"$W/repo/docs/d$i.md"; done
(cd "$W/repo" && git add -A && GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t \
	GIT_AUTHOR_DATE=2026-06-01T12:00:00Z GIT_COMMITTER_DATE=2026-06-01T12:00:00Z git commit -qm words)
WR="--no-cache --no-builtin --rules $W/pack.yml"

begin "a failing rule says what its long patterns look for in words, never 'matching its pattern'"
run "$PG" scan $WR --format json "$W/repo"
rc_is 0
json_is "d['rules'][0]['looked_for'][0].count('its pattern')" 0
json_is "'mentioning \"pg_dump\", \"mysqldump\", \"mongodump\" or 2 other words' in d['rules'][0]['looked_for'][0]" True
json_is "'without \"placeholder\", \"not implemented\", \"TODO\" or \"TBD\"' in d['rules'][0]['looked_for'][0]" True
json_is "d['rules'][0]['near_misses'][0]['why']" 'does not match the pattern it looks for ("pg_dump", "mysqldump", "mongodump" or 2 other words)'
for fx in basic near-miss stubs; do
	run "$PG" scan --no-cache --format json "$FX/$fx"
	grep -q 'its pattern' "$T/out" && bad "$fx: 'its pattern' in the JSON report"
done
end

begin "Markdown and JUnit never say 'looked for: looked for'"
run "$PG" scan $WR --markdown "$W/m.md" --junit "$W/j.xml" "$W/repo"
holds grep -q 'looked for a file in' "$W/m.md"
! grep -q 'looked for: looked for' "$W/m.md" "$W/j.xml" || bad "'looked for: looked for' written"
run "$PG" scan $WR --lang ar --markdown "$W/m-ar.md" "$W/repo"
holds grep -q 'بحثنا عن' "$W/m-ar.md"
! grep -q 'ما بُحث عنه: بحثنا عن' "$W/m-ar.md" || bad "the Arabic Markdown says it twice"
end

begin "an annotation never points at a file the tree does not hold (.proofgate.yml in a repository without one)"
for fx in basic near-miss stubs; do
	run "$PG" scan --no-cache --format github "$FX/$fx"
	git -C "$FX/$fx" ls-tree -r --name-only HEAD >"$T/tree"
	grep -Eo '^::(error|warning|notice) file=[^,]*' "$T/out" | sed 's/^::[a-z]* file=//' | sort -u >"$T/files"
	while read -r f; do
		grep -qxF "$f" "$T/tree" || bad "$fx: an annotation on '$f', which the tree does not hold"
	done <"$T/files"
	! grep -q 'file=\.proofgate\.yml' "$T/out" || bad "$fx: an annotation on .proofgate.yml"
done
end

begin "'verdict: stop' with exit status 0 is explained on a line of its own; not when the gate fails or the verdict is go"
run "$PG" scan --no-cache "$FX/basic"
rc_is 0
out_has '^verdict: stop \(gate passed: fail-on never, branch main\)$'
holds test "$(tail -n 1 "$T/out")" = "exit status 0: 'stop' means not every domain is ready, and the gate for branch main (fail-on never, default) only reports it; release branches, --fail-on blocked or a gate in .proofgate.yml make it fail the job"
run "$PG" scan --no-cache --format github "$FX/basic"
rc_is 0; out_has "^exit status 0: 'stop' means"
run "$PG" scan --no-cache --branch release/1 "$FX/basic"
rc_is 1; out_lacks '^exit status 0'
run "$PG" scan --no-cache -q "$FX/basic"
rc_is 0; holds test "$(wc -l <"$T/out")" = 1
run "$PG" scan --no-cache --fail-on blocked "$FX/ops-ready"
out_lacks '^exit status 0'
run "$PG" scan --no-cache --lang ar "$FX/basic"
rc_is 0; out_has '^رمز الخروج 0: «توقف» يعني'
end

# every English word of the text report's own, none of which an Arabic report may hold
NOT_AR='(^| )(FAIL|ERROR|WAIVED|OFF|required|expected|advisory|gate|fail-on|branch|revision|commit|note|waiver|owner|expires|evidence|next|signal|looked for|found but|does not|has [0-9]+ lines?|is binary|symbolic link|submodule|not content-matched|file\(s\))( |:|$)'

begin "--lang ar: the text report's own words are all Arabic (gate line, FAIL and level words, reasons, the verdict's parenthetical)"
for fx in basic near-miss stubs; do
	run "$PG" scan --no-cache --lang ar "$FX/$fx"
	# code spans, patterns and paths stay as they are: take them out before looking
	python3 - "$T/out" "$NOT_AR" >"$T/why.py" 2>&1 <<'PY' || bad "$fx: $(cat "$T/why.py")"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for n, line in enumerate(text.splitlines(), 1):
    plain = re.sub(r"`[^`]*`|/\S.*?/(?=[)؛،]|$)|«[^»]*»|\([^()]*proofgate explain[^()]*\)", "", line)
    plain = re.sub(r"\S*[./]\S*", "", plain)  # paths, ids, --options
    m = re.search(sys.argv[2], plain)
    assert not m, "line %d: English '%s' in: %s" % (n, m.group(0).strip(), line)
PY
done
run "$PG" scan --no-cache --lang ar "$FX/basic"
out_has '^البوابة: تفشل عند never \(الافتراضي\)، الفرع main \(من المراجعة\)$'
out_has '^الحكم: توقف/إعادة تخطيط \(البوابة نجحت: تفشل عند never، الفرع main\)$'
out_has '^  فشلت مطلوبة deploy\.ci-pipeline'
out_has 'link\.md: رابط رمزي، لم يُتبع'
out_has 'bin\.dat: ملف ثنائي'
out_has 'وُجد لكنه لا يُحتسب: README\.md: فيه 3 أسطر، والمطلوب 4 أسطر على الأقل'
end

begin "--lang ar: one kind of semicolon, and nouns that agree with their numbers"
for fx in basic near-miss; do
	run "$PG" scan --no-cache --lang ar --markdown "$T/ar.md" "$FX/$fx"
	python3 - "$T/out" "$T/ar.md" >"$T/why.py" 2>&1 <<'PY' || bad "$fx: $(cat "$T/why.py")"
import re, sys
for f in sys.argv[1:]:
    for n, line in enumerate(open(f, encoding="utf-8").read().splitlines(), 1):
        if not re.search("[\u0600-\u06ff]", line):
            continue
        plain = re.sub(r"`[^`]*`|/\S.*?/(?=[)؛،]|$)|«[^»]*»", "", line)
        assert ";" not in plain, "%s:%d: a Latin semicolon in Arabic: %s" % (f, n, line)
        # a number from 3 to 10 takes the plural, from 11 on the singular: never "9 ملف" or "18 مواضع"
        for m in re.finditer(r"(?<![\d.])(\d+) (ملف|ملفات|ملفاً|سطر|أسطر|سطراً|مواضع|موضعاً|كلمة|كلمات)(?=[ ،؛)]|$)", plain):
            k, noun = int(m.group(1)), m.group(2)
            last = k % 100
            want = {"ملف": ("ملفات", "ملفاً", "ملف"), "ملفات": ("ملفات", "ملفاً", "ملف"), "ملفاً": ("ملفات", "ملفاً", "ملف"),
                    "سطر": ("أسطر", "سطراً", "سطر"), "أسطر": ("أسطر", "سطراً", "سطر"), "سطراً": ("أسطر", "سطراً", "سطر"),
                    "مواضع": ("مواضع", "موضعاً", "موضع"), "موضعاً": ("مواضع", "موضعاً", "موضع"),
                    "كلمة": ("كلمات", "كلمة", "كلمة"), "كلمات": ("كلمات", "كلمة", "كلمة")}[noun]
            form = want[0] if 3 <= last <= 10 else want[1] if last >= 11 else want[2]
            assert noun == form and k not in (1, 2), "%s:%d: '%s' should say '%d %s': %s" % (f, n, m.group(0), k, form, line)
PY
done
run "$PG" scan --no-cache --lang ar --format json "$FX/basic"
json_is "'وُجد 9 ملفات ولا يُحتسب أيٌّ منها' in [r for r in d['rules'] if r['id']=='deploy.local-setup'][0]['looked_for'][0]" True
json_is "'أو 25 موضعاً آخر' in ' '.join([r for r in d['rules'] if r['id']=='deploy.ci-pipeline'][0]['looked_for'])" True
run "$PG" scan $WR --lang ar --format json "$W/repo"
json_is "'بحثنا عن 3 ملفات على الأقل في' in d['rules'][1]['looked_for'][0]" True
json_is "'من 12 سطراً على الأقل' in d['rules'][1]['looked_for'][0]" True
end

begin "--lang ar: GitHub annotations, groups and the gate line in Arabic"
run "$PG" scan --no-cache --lang ar --format github "$FX/basic"
rc_is 0
out_has '^::error title=proofgate فجوة \(مطلوبة\)%3A deploy\.ci-pipeline::'
out_has '^فشلت مطلوبة deploy\.ci-pipeline  '
out_has '^البوابة: تفشل عند never \(الافتراضي\)، الفرع main \(من المراجعة\)$'
out_lacks '^(fail|pass) '
out_lacks 'evidence: |next: '
end
