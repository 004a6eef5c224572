# 41-ci-limits.sh - GitHub's limits: 10 annotations per kind per step, 1 MiB per step summary.
# Uses ci_repo, ci_commit, ci_check and file_is from 40-ci.sh.
# e2e: after 40-ci

# PACK FILE NREQ NEXP NADV [WHAT_BYTES]: one domain, rules that all fail (no such file)
ci_many_rules() {
	python3 - "$@" <<'EOF'
import sys
out, nreq, nexp, nadv = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
what = int(sys.argv[5]) if len(sys.argv) > 5 else 0
with open(out, "w", encoding="utf-8") as f:
    f.write("domains:\n  - id: many\n    title: Many rules\nrules:\n")
    n = 0
    for level, count in (("required", nreq), ("expected", nexp), ("advisory", nadv)):
        for i in range(count):
            n += 1
            f.write("  - id: many.%s-%02d\n    domain: many\n    level: %s\n" % (level, i, level))
            f.write("    title: Rule %d\n    next_step: Add missing/%s-%02d.md\n" % (n, level, i))
            f.write("    evidence: {file: {paths: missing/%s-%02d.md" % (level, i))
            if what:
                f.write(", what: '%s'" % ("w%d " % n + "x" * what))
            f.write("}}\n")
EOF
}

ci_repo "$T/lim"
echo hi >"$T/lim/README.md"
ci_commit "$T/lim" 2026-06-01T12:00:00Z "limits fixture"

begin "60 failing rules: at most 10 annotations per kind, required first, then one line saying how many more"
ci_many_rules "$T/lim/mixed.yml" 25 20 15
run "$PG" scan --no-builtin --rules "$T/lim/mixed.yml" --format github "$T/lim"
ci_check annotations "$T/out" >"$T/lim/a.json" || bad "$(cat "$T/lim/a.json")"
file_is "$T/lim/a.json" "len(d)" 30
file_is "$T/lim/a.json" "[x['kind'] for x in d] == ['error']*10 + ['warning']*10 + ['notice']*10" True
file_is "$T/lim/a.json" "[x['title'].split(': ')[1] for x in d[:10]] == ['many.required-%02d' % i for i in range(10)]" True
file_is "$T/lim/a.json" "d[-1]['title']" "proofgate: 31 more findings"
file_is "$T/lim/a.json" "d[-1]['message']" "GitHub shows 10 annotations of each kind per step; 31 more (15 errors, 10 warnings, 6 notices) are in the job summary and in this step's log, one group per domain"
# the log still lists every rule, in one group
[ "$(grep -c '^fail ' "$T/out")" = 60 ] || bad "the log group does not list all 60 rules"
end

begin "60 failing required rules: 10 errors and the closing notice"
ci_many_rules "$T/lim/req.yml" 60 0 0
run "$PG" scan --no-builtin --rules "$T/lim/req.yml" --format github "$T/lim"
ci_check annotations "$T/out" >"$T/lim/a.json" || bad "$(cat "$T/lim/a.json")"
file_is "$T/lim/a.json" "[x['kind'] for x in d]" "['error', 'error', 'error', 'error', 'error', 'error', 'error', 'error', 'error', 'error', 'notice']"
file_is "$T/lim/a.json" "d[-1]['title']" "proofgate: 50 more findings"
end

begin "10 failing rules of each kind fit: no closing line"
ci_many_rules "$T/lim/fit.yml" 10 10 10
run "$PG" scan --no-builtin --rules "$T/lim/fit.yml" --format github "$T/lim"
ci_check annotations "$T/out" >"$T/lim/a.json" || bad "$(cat "$T/lim/a.json")"
file_is "$T/lim/a.json" "len(d), any('more finding' in x['title'] for x in d)" "30 False"
end

begin "a step summary that would pass 1 MiB is cut in the evidence, never the table, and says so"
ci_many_rules "$T/lim/big.yml" 200 100 0 4000
printf '# an earlier step wrote this\n' >"$T/lim/summary.md"
run env GITHUB_STEP_SUMMARY="$T/lim/summary.md" "$PG" scan --no-builtin --rules "$T/lim/big.yml" \
	--markdown "$T/lim/m.md" "$T/lim"
rc_is 0
size=$(wc -c <"$T/lim/summary.md")
[ "$size" -lt 1048576 ] || bad "step summary is $size bytes"
[ "$size" -gt 900000 ] || bad "step summary is only $size bytes: cut too early?"
size=$(wc -c <"$T/lim/m.md")
[ "$size" -lt 1048576 ] || bad "--markdown file is $size bytes"
holds grep -q '^| Many rules | \*\*blocked\*\* | no evidence found | Add missing/required-00.md |$' "$T/lim/summary.md"
holds grep -Eq '^_Evidence cut to stay under GitHub.s 1024 KiB job summary limit: [0-9]+ rules not shown here' "$T/lim/summary.md"
holds grep -q '^</details>$' "$T/lim/summary.md"
# rules shown plus rules said to be cut make all 300: the limit was really reached, nothing vanished
python3 - "$T/lim/m.md" <<'EOF' || bad "shown and cut rules do not add up to 300"
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
shown = len(re.findall(r"^- \*\*FAIL\*\* `many\.", t, re.M))
cut = int(re.search(r"limit: ([0-9]+) rules not shown", t).group(1))
sys.exit(0 if shown + cut == 300 and 0 < cut < 300 else 1)
EOF
end
