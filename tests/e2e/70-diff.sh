# 70-diff.sh - proofgate diff and scan --base on the history fixture: each kind of change once,
# the regression gate, the base in CI (and a shallow clone without it), every output format.
# e2e: slow

H="$T/hist"
copy_fixture history "$H"
# the fixture's own pack only (named by its .proofgate.yml)
D="$PG diff --no-builtin -C $H"
DIFF_SCHEMAS="$ROOT/tests/schemas"
[ -d "$ROOT/../shared/schemas" ] && DIFF_SCHEMAS="$ROOT/../shared/schemas"
dcheck() { python3 "$ROOT/tests/ci_check.py" "$@"; }
# a field of a JSON file (python expression on d)
djson() { # FILE EXPR EXPECTED
	got=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1], encoding='utf-8')); print($2)" "$1" 2>&1)
	[ "$got" = "$3" ] || bad "$2 is '$got', expected '$3'"
}

begin "diff: a revision against itself: nothing moved, exit 0"
run $D main main
rc_is 0
out_has '^proofgate [0-9.]+ diff: base main, commit [0-9a-f]{12} \(main\) -> head main, commit [0-9a-f]{12} \(main\)$'
out_has '^Worse: nothing$'
out_has '^Better: nothing$'
out_has '^verdict: go \(gate passed: fail-on never, branch main\)$'
end

begin "diff: a renamed runbook: worse rule, domain and proof, pointing where the file went"
run $D main~16 main~15
rc_is 0
out_has '^Worse: 1 rule, 1 domain and 1 proof$'
out_has '^  Backup and restore  ready -> blocked$'
out_has '^  proof backup-proof  Backup proof: proven -> unproven$'
out_has '^  FAIL required restore.runbook  Restore runbook  \(pass -> fail\)$'
out_has '^    docs/runbooks/restore.md was renamed to docs/restore-notes.md$'
out_has '^Proofs: 2/3 proven \(was 3/3\)$'
run $D --format json main~16 main~15
json_is "d['regressed'], d['summary']['worse']" "True {'rules': 1, 'domains': 1, 'proofs': 1}"
json_is "[(r['id'], r['base'], r['head'], r['change'], r['gates'], r['where']['path'], r['where']['in_base']) for r in d['rules']]" \
	"[('restore.runbook', 'pass', 'fail', 'worse', True, 'docs/restore-notes.md', False)]"
json_is "[(e['change'], e['kind'], e['path'], e['path_change'], e['to']) for e in d['rules'][0]['evidence']]" \
	"[('disappeared', 'evidence', 'docs/runbooks/restore.md', 'renamed', 'docs/restore-notes.md')]"
json_is "[(x['id'], x['base'], x['head'], x['change']) for x in d['domains'] if x['change'] != 'same']" \
	"[('restore', 'ready', 'blocked', 'worse')]"
# renamed back: better, the evidence back where the rule looks
run $D --format json main~15 main~14
json_is "d['regressed'], d['summary']['better']['rules'], d['rules'][0]['where']['what']" \
	"False 1 docs/runbooks/restore.md (renamed from docs/restore-notes.md)"
end

begin "diff: a mode change, a file turned into a symbolic link, a folder turned into a submodule"
run $D main~14 main~13
out_has '^    scripts/deploy.sh lost its executable bit \(100755 -> 100644\); scripts/deploy.sh does not count: is not executable$'
run $D main~12 main~11
out_has '^    scripts/backup.sh is now a symbolic link, which is never read as evidence \(its contents moved to tools/backup.sh\)$'
run $D main~10 main~9
out_has '^Worse: 2 rules, 2 domains and 2 proofs$'
out_has '^    docs/runbooks/deploy.md is gone: its folder docs/runbooks is now a submodule, whose contents live in another repository$'
run $D --format json main~10 main~9
json_is "sorted((r['id'], r['where']['path'], r['evidence'][0]['path_change']) for r in d['rules'])" \
	"[('deploy.runbook', 'docs/runbooks', 'submodule'), ('restore.runbook', 'docs/runbooks', 'submodule')]"
end

begin "diff: a placeholder and a committed key point at their lines"
run $D --format json main~8 main~7
json_is "[(r['id'], r['where']['path'], r['where']['line'], [(e['change'], e['kind']) for e in r['evidence']]) for r in d['rules']]" \
	"[('restore.script', 'scripts/backup.sh', 4, [('disappeared', 'evidence'), ('appeared', 'near_miss')])]"
run $D --format github main~6 main~5
out_has '^::error file=config/deploy-key\.pem,line=1,title=proofgate regression%3A deploy\.no-keys::No private keys committed: pass -> fail%0Aconfig/deploy-key\.pem:1: found%0A'
out_has '^::error title=proofgate%3A readiness got worse::Deployment: ready -> blocked$'
# removed again: better, the violation gone with its file
run $D --format json main~5 main~4
json_is "[(r['id'], r['change'], r['where']['in_base'], r['where']['what']) for r in d['rules']]" \
	"[('deploy.no-keys', 'better', True, 'config/deploy-key.pem was deleted')]"
end

begin "pass -> error: a partial clone lacks the head's changed blob; the regression still decides the gate"
rm -rf "$T/pc-src" "$T/pc"
cp -a "$H" "$T/pc-src"
git -C "$T/pc-src" config uploadpack.allowFilter true
git clone -q --no-checkout --filter=blob:none "file://$T/pc-src" "$T/pc" 2>/dev/null
# checking out the base fetches its blobs; the head's new backup script stays missing
git -C "$T/pc" checkout -q origin/main~8 2>/dev/null
run "$PG" diff --no-builtin -C "$T/pc" --fail-on regression --format json origin/main~8 origin/main~7
rc_is 1
json_is "[(r['id'], r['base'], r['head'], r['change']) for r in d['rules'] if r['id'] == 'restore.script']" \
	"[('restore.script', 'pass', 'error', 'worse')]"
# the level part cannot be decided (an unreadable rule), the regression part is: the gate failed
json_is "d['gate']['decided'], d['gate']['passed'], d['gate']['regression']['regressed']" "True False True"
end

begin "--fail-on regression: fails on what got worse, not on an advisory rule or an improvement"
run $D --fail-on regression main~16 main~15
rc_is 1
out_has '^gate: fail-on never \(default\), regression part \(--fail-on\): something got worse$'
out_has '^verdict: stop \(gate failed: fail-on never,regression, branch none\)$'
run $D --fail-on regression main~15 main~14
rc_is 0
# an advisory rule got worse: reported (a warning), no status moved, the gate passes
run $D --fail-on regression --format github main~4 main~3
rc_is 0
out_has '^::warning file=README\.md,line=1,title=proofgate advisory regression%3A alerting\.on-call::'
out_lacks '^::error'
# the merge commit brings the dashboards
run $D --fail-on regression -q main~3 main~2
rc_is 0
out_has '^worse: nothing; better: 1 rule and 1 domain$'
# nothing in the tree changed, but the drill is now too old for the commit's date
run $D --fail-on regression --format json main~2 main~1
rc_is 1
json_is "[(r['id'], r['where']['path'], [e['why'] for e in r['evidence']]) for r in d['rules'] if r['change'] == 'worse']" \
	"[('restore.drill', 'docs/drills/2026-05-20.md', [None, 'too old'])]"
json_is "d['gate']['regression']" "{'source': '--fail-on', 'compared': True, 'regressed': True}"
end

begin "--fail-on combines a level and regression; scan without a base says the regression part was not checked"
run $D --fail-on blocked,regression --branch release/1 main~15 main~14
rc_is 0
run $D --fail-on regression --branch release/1 -q main~16 main~15
rc_is 1
out_has 'gate failed: fail-on blocked,regression, branch release/1'
run $D --fail-on sometimes main main
rc_is 2
err_has "fail-on must be blocked, readiness-only or never, regression, or a level and regression \('blocked,regression'\), not 'sometimes'"
run "$PG" scan --no-builtin --fail-on regression -q "$H"
rc_is 0
err_has "^proofgate: note: the gate's regression part \(--fail-on\) needs a base to compare with: scan --base REV, or proofgate diff; not checked$"
end

begin "scan --base: the text and the Markdown say the gate's regression part, as diff does; scan alone says not checked"
run "$PG" scan --no-builtin --base main~16 --rev main~15 --fail-on regression --markdown "$T/reg.md" "$H"
rc_is 1
out_has '^Worse: '
out_has '^gate: fail-on never \(default\), regression part \(--fail-on\): something got worse$'
# the comparison's heading and the head's own summary both say why a never gate failed
holds grep -q '; gate \*\*failed\*\* (fail-on `never`, regression part (--fail-on): something got worse)' "$T/reg.md"
holds grep -q '^Revision main\\~15, commit `[0-9a-f]*`; gate \*\*failed\*\* (fail-on `never`, default; regression part (--fail-on): \*\*something got worse\*\*)' "$T/reg.md"
run "$PG" scan --no-builtin --base main~15 --rev main~14 --fail-on regression --markdown "$T/reg-ok.md" "$H"
rc_is 0
out_has '^gate: fail-on never \(default\), regression part \(--fail-on\): nothing got worse$'
holds grep -q 'default; regression part (--fail-on): nothing got worse)' "$T/reg-ok.md"
run "$PG" scan --no-builtin --base main~16 --rev main~15 --fail-on regression --lang ar --markdown "$T/reg-ar.md" "$H"
rc_is 1
out_has '^البوابة: fail-on never \(الافتراضي\)، شرط التراجع \(--fail-on\): ساء شيء$'
holds grep -q 'الافتراضي؛ شرط التراجع (--fail-on): \*\*ساء شيء\*\*)' "$T/reg-ar.md"
# no base: the text's gate line says the part was not checked (and a note on standard error)
run "$PG" scan --no-builtin --fail-on regression "$H"
rc_is 0
out_has '^gate: fail-on never \(default\), regression part \(--fail-on\): not checked \(no base to compare with: scan --base REV, or proofgate diff\), branch main \(from revision\)$'
end

begin "a policy gate with regression; waivers as in scan: each revision's own policy, the target's in a PR"
G="$T/hist-gate"
copy_fixture history "$G"
git -C "$G" checkout -q -b feature/gate
printf 'gates:\n  "**": regression\n' >>"$G/.proofgate.yml"
d_commit() { (cd "$1" && git add -A && GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git -c user.name=T -c user.email=t@t.invalid commit -q -m "$3"); }
d_commit "$G" 2026-06-27T12:00:00Z "regressions fail every branch"
git -C "$G" rm -q docs/runbooks/restore.md
d_commit "$G" 2026-06-28T12:00:00Z "drop the restore runbook"
run "$PG" diff --no-builtin -C "$G" --format json HEAD~1 HEAD
rc_is 1
json_is "d['gate']['regression']['source'], d['gate']['fail_on'], d['gate']['passed']" "policy never False"
json_is "[(r['id'], r['where']['path'], r['where']['in_base'], r['where']['what']) for r in d['rules'] if r['change'] == 'worse']" \
	"[('restore.runbook', 'docs/runbooks/restore.md', True, 'docs/runbooks/restore.md was deleted')]"
# the waiver added by main's last commit: better under each revision's own policy
run $D --format json main~1 main
json_is "[(r['id'], r['base'], r['head'], r['change']) for r in d['rules']]" "[('restore.drill', 'fail', 'waived', 'better')]"
json_is "d['base']['policy_commit'] != d['head']['policy_commit']" "True"
# one policy for both (--policy-rev): the waiver judges both sides alike
run $D --format json --policy-rev main main~1 main
json_is "[(r['id'], r['base'], r['head']) for r in d['rules'] if r['change'] != 'same']" "[]"
end

begin "scan --base is proofgate diff; --stats says what the cache answered"
run $D --format json main~16 main~15
cp "$T/out" "$T/diff.json"
run "$PG" scan --no-builtin --base main~16 --rev main~15 --format json "$H"
holds cmp "$T/out" "$T/diff.json"
run $D --cache "$T/dcache" --stats -q main~8 main~7
err_has '^proofgate: stats: base [0-9a-f]{12}: 16 tree entries, [0-9]+ folders read, 0 folders from cache records, .*; cache: 0 segments loaded, 0 hits'
err_has '^proofgate: stats: head [0-9a-f]{12}: 16 tree entries, [0-9]+ folders read, [1-9][0-9]* folders from cache records, 0 folders pruned, 1 blobs read; cache: 1 segments loaded'
err_has "^proofgate: stats: the head's walk read [0-9]+ folders and 1 blobs; the cache answered for [1-9][0-9]* folders and [1-9][0-9]* blob results the change left alone$"
run $D --no-cache --stats -q main~8 main~7
err_has '; cache: off$'
end

# a pull request: origin holds main, the change is a branch with one regression
PR="$T/pr"
rm -rf "$PR"
git clone -q "file://$H" "$PR" 2>/dev/null
git -C "$PR" checkout -q -b feature/drop origin/main
git -C "$PR" rm -q docs/runbooks/restore.md
d_commit "$PR" 2026-06-27T12:00:00Z "drop the restore runbook"

begin "diff in a pull request: the base is the merge base with the target branch"
run env GITHUB_BASE_REF=main "$PG" diff --no-builtin -C "$PR" --fail-on regression --format json
rc_is 1
json_is "d['base']['commit'] == '$(git -C "$PR" rev-parse origin/main)', d['base_from']" \
	"True the merge base of HEAD and main (GITHUB_BASE_REF)"
json_is "d['gate']['branch'], d['gate']['branch_source']" "main GITHUB_BASE_REF"
run env CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main CI_MERGE_REQUEST_DIFF_BASE_SHA="$(git -C "$PR" rev-parse origin/main~1)" \
	"$PG" diff --no-builtin -C "$PR" --format json
json_is "d['base']['commit'] == '$(git -C "$PR" rev-parse origin/main~1)', d['base_from']" \
	"True GitLab's merge request diff base (CI_MERGE_REQUEST_DIFF_BASE_SHA)"
# outside a pull or merge request a base must be named
run "$PG" diff --no-builtin -C "$PR"
rc_is 2
err_has "^proofgate: diff needs a BASE outside a pull or merge request: proofgate diff main, or proofgate diff v1.2 HEAD$"
end

begin "GitHub Actions: annotations, the job summary opening with what changed, step outputs"
: >"$T/summary.md"
: >"$T/gh-out"
run env GITHUB_ACTIONS=true GITHUB_BASE_REF=main GITHUB_STEP_SUMMARY="$T/summary.md" GITHUB_OUTPUT="$T/gh-out" \
	"$PG" diff --no-builtin -C "$PR" --fail-on regression --sarif "$T/pr.sarif"
rc_is 1
out_has '^::error file=docs/runbooks/restore\.md,line=1,title=proofgate regression%3A restore\.runbook::Restore runbook: pass -> fail%0Adocs/runbooks/restore\.md was deleted%0A'
out_has '^::group::proofgate diff$'
dcheck annotations "$T/out" >"$T/ann.json" || bad "$(cat "$T/ann.json")"
holds test "$(head -1 "$T/summary.md")" = "## proofgate diff: worse 1 rule, 1 domain and 1 proof, better nothing"
holds grep -q '^## proofgate: stop$' "$T/summary.md"
dcheck outputs "$T/gh-out" >"$T/o.json" || bad "$(cat "$T/o.json")"
djson "$T/o.json" "d['regressed'], d['worse'], d['better'], d['gate'], d['status-restore'], d['sarif']" \
	"true 3 0 failed blocked $T/pr.sarif"
end

begin "a shallow clone without the base: exit 2 and the exact git fetch; after it, the diff runs"
SH="$T/pr-shallow"
rm -rf "$SH"
git clone -q --depth 1 --single-branch --branch feature/drop "file://$PR" "$SH" 2>/dev/null
run env GITHUB_BASE_REF=main "$PG" diff --no-builtin -C "$SH"
rc_is 2
err_has "^proofgate: the base is the merge base with the target branch 'main' \(GITHUB_BASE_REF\), and neither origin/main nor main is in this clone; fetch it: git fetch --no-tags --unshallow origin \+refs/heads/main:refs/remotes/origin/main$"
# only the tip of main: still no merge base in a shallow clone
git -C "$SH" fetch -q --no-tags --depth=1 origin +refs/heads/main:refs/remotes/origin/main 2>/dev/null
run env GITHUB_BASE_REF=main GITLAB_CI=true "$PG" diff --no-builtin -C "$SH"
rc_is 2
err_has "no merge base of HEAD and main \(GITHUB_BASE_REF\) in this shallow clone: its history stops before they meet; fetch it: git fetch --no-tags --unshallow origin \+refs/heads/main:refs/remotes/origin/main \(or set GIT_DEPTH: 0 in the job\)$"
fetch=$(sed -n 's/.*fetch it: \(git fetch [^(]*[^ (]\).*/\1/p' "$T/err")
(cd "$SH" && $fetch -q) 2>/dev/null
run env GITHUB_BASE_REF=main "$PG" diff --no-builtin -C "$SH" --fail-on regression -q
rc_is 1
out_has '^worse: 1 rule, 1 domain and 1 proof; better: nothing$'
end

begin "SARIF: baselineState new, unchanged, updated and absent; valid for the schema and code scanning"
run $D --sarif "$T/d1.sarif" --codequality "$T/d1.cq" --junit "$T/d1.xml" --markdown "$T/d1.md" --html "$T/d1.html" main~16 main~15
rc_is 0
dcheck sarif "$T/d1.sarif" "$DIFF_SCHEMAS" >"$T/s.sum" || bad "$(cat "$T/s.sum")"
djson "$T/d1.sarif" "sorted((r['ruleId'], r['baselineState'], r['kind']) for r in d['runs'][0]['results'])" \
	"[('alerting.dashboards', 'unchanged', 'fail'), ('restore.runbook', 'new', 'fail')]"
run $D --sarif "$T/d2.sarif" main~15 main~14
dcheck sarif "$T/d2.sarif" "$DIFF_SCHEMAS" >"$T/s.sum" || bad "$(cat "$T/s.sum")"
djson "$T/d2.sarif" "sorted((r['ruleId'], r['baselineState'], r['kind'], r['level']) for r in d['runs'][0]['results'])" \
	"[('alerting.dashboards', 'unchanged', 'fail', 'warning'), ('restore.runbook', 'absent', 'pass', 'none')]"
djson "$T/d2.sarif" "d['runs'][0]['properties']['baseCommit'] == '$(git -C "$H" rev-parse main~15)'" True
# the drill ages: still failing-free in the base, failing in the head, then waived: updated
run $D --sarif "$T/d3.sarif" main~2 main
djson "$T/d3.sarif" "sorted((r['ruleId'], r['baselineState']) for r in d['runs'][0]['results'])" \
	"[('alerting.on-call', 'unchanged'), ('restore.drill', 'new')]"
run $D --sarif "$T/d4.sarif" main~1 main
djson "$T/d4.sarif" "sorted((r['ruleId'], r['baselineState']) for r in d['runs'][0]['results'])" \
	"[('alerting.on-call', 'unchanged'), ('restore.drill', 'updated')]"
end

begin "Code Quality: the scan's fingerprints (stable across commits), regressions said so; JUnit; Markdown; HTML"
dcheck codequality "$T/d1.cq" "$DIFF_SCHEMAS" >"$T/cq.sum" || bad "$(cat "$T/cq.sum")"
run "$PG" scan --no-builtin --rev main~15 --codequality "$T/s15.cq" "$H"
run "$PG" scan --no-builtin --rev main~16 --codequality "$T/s16.cq" "$H"
holds test "$(python3 -c "import json,sys; print(sorted(e['fingerprint'] for e in json.load(open(sys.argv[1]))))" "$T/d1.cq")" = \
	"$(python3 -c "import json,sys; print(sorted(e['fingerprint'] for e in json.load(open(sys.argv[1]))))" "$T/s15.cq")"
# the dashboards rule failed in both commits: one fingerprint across them
holds test "$(python3 -c "import json,sys; print([e['fingerprint'] for e in json.load(open(sys.argv[1])) if e['check_name']=='alerting.dashboards'])" "$T/s16.cq")" = \
	"$(python3 -c "import json,sys; print([e['fingerprint'] for e in json.load(open(sys.argv[1])) if e['check_name']=='alerting.dashboards'])" "$T/d1.cq")"
djson "$T/d1.cq" "[e['description'].startswith('Regression in this change (pass -> fail; docs/runbooks/restore.md was renamed to docs/restore-notes.md): required restore.runbook: ') for e in d if e['check_name']=='restore.runbook']" \
	"[True]"
dcheck junit "$T/d1.xml" >"$T/j.sum" || bad "$(cat "$T/j.sum")"
holds grep -q '^changes since [0-9a-f]\{12\}|changes.rules|restore.runbook: Restore runbook|failure|pass -> fail: docs/runbooks/restore.md was renamed to docs/restore-notes.md$' "$T/j.sum"
holds grep -q '^changes since [0-9a-f]\{12\}|changes.domains|restore: Backup and restore|failure|ready -> blocked$' "$T/j.sum"
holds grep -q '^Backup and restore|restore|restore.runbook: Restore runbook|failure|' "$T/j.sum"
holds test "$(head -1 "$T/d1.md")" = "## proofgate diff: worse 1 rule, 1 domain and 1 proof, better nothing"
holds grep -q '^| Rule `restore.runbook` Restore runbook (required) | pass | \*\*fail\*\* | docs/runbooks/restore.md was renamed to docs/restore-notes.md |$' "$T/d1.md"
holds grep -q '<h2 id="changes">' "$T/d1.html"
end

begin "GitHub's limits: at most 10 annotations of each kind, regressions first, then one notice for the rest"
L="$T/lim-diff"
rm -rf "$L"
git init -q -b main "$L"
mkdir -p "$L/docs"
{
	echo "domains: [{id: d, title: D}]"
	echo "rules:"
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		echo "  - {id: d.r$i, domain: d, level: required, title: R$i, next_step: add docs/f$i.md, evidence: {file: {paths: docs/f$i.md}}}"
		echo "f$i" >"$L/docs/f$i.md"
	done
} >"$T/lim-rules.yml"
d_commit "$L" 2026-06-01T12:00:00Z "all there"
git -C "$L" rm -q -r docs
d_commit "$L" 2026-06-02T12:00:00Z "all gone"
run "$PG" diff --no-builtin --rules "$T/lim-rules.yml" -C "$L" --format github --fail-on regression HEAD~1 HEAD
rc_is 1
dcheck annotations "$T/out" >"$T/la.json" || bad "$(cat "$T/la.json")"
djson "$T/la.json" "[a['kind'] for a in d].count('error'), d[0]['title'], d[-1]['kind'], d[-1]['title']" \
	"10 proofgate regression: d.r1 notice proofgate: 3 more findings"
end

begin "diff: Arabic words, usage errors"
run $D --lang ar main~16 main~15
rc_is 0
out_has '^ساء: 1 قاعدة'
out_has 'أُعيدت تسمية docs/runbooks/restore.md إلى docs/restore-notes.md'
run $D main~2 main~1 main
rc_is 2
err_has '^proofgate: diff takes BASE and HEAD, got 3 arguments \(the repository is -C PATH\)$'
run $D --format csv main main
rc_is 2
err_has "^proofgate: --format must be text, json or github, not 'csv'$"
run $D no-such-rev main
rc_is 2
err_has "^proofgate: base: "
run "$PG" diff --help
rc_is 0
out_has '^usage: proofgate diff \[options\] \[BASE \[HEAD\]\]$'
end

begin "the JSON comparison validates against docs/diff-schema.json; a scan's regression gate against report-schema.json"
for pair in "main~16 main~15" "main~10 main~9" "main~6 main~5" "main~2 main~1" "main~1 main" "main~16 main"; do
	# shellcheck disable=SC2086
	run $D --fail-on blocked,regression --format json --lang ar $pair
	holds python3 -c "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" \
		"$T/out" "$ROOT/docs/diff-schema.json"
done
run "$PG" scan --no-builtin --fail-on regression --format json "$H"
holds python3 -c "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" \
	"$T/out" "$ROOT/docs/report-schema.json"
json_is "d['gate']['regression']" "{'source': '--fail-on', 'compared': False, 'regressed': False}"
# a change the schema refuses: the checks above can fail
run $D --format json main~16 main~15
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['rules'][0]['change']='awful'; json.dump(d, open(sys.argv[1],'w'))" "$T/out"
! python3 -c "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" \
	"$T/out" "$ROOT/docs/diff-schema.json" 2>/dev/null || bad "an unknown change passed the schema"
end
