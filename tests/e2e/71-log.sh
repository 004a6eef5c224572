# 71-log.sh - proofgate log on the history fixture: one line per commit, what changed, the rules
# given now or each commit's own, freshness from each commit's date, the cache, ranges and formats.
# e2e: slow

LH="$T/hist-log"
copy_fixture history "$LH"
L="$PG log --no-builtin -C $LH"

begin "log: the first-parent history, newest first, each change marked with what changed"
run $L
rc_is 0
out_has '^proofgate [0-9.]+ log: HEAD, first-parent history, newest first, 17 commits$'
out_has "^rules: no built-in pack, and \.proofgate\.yml of commit $(git -C "$LH" rev-parse --short=12 main) \(the newest commit listed\) with the packs it names, for every commit \(--rules-from-commit: each commit's own\); digest sha1:[0-9a-f]{40}$"
out_has '^freshness: measured from each commit.s own date$'
out_has '^commit        date        verdict  deploy         restore        alerting        proofs  what changed$'
holds test "$(grep -c '^[0-9a-f]\{12\}  2026-06-' "$T/out")" = 17
# the merge commit is one line (its side branch's commit is not listed)
out_lacks 'dashboards as code'
out_has '^[0-9a-f]{12}  2026-06-15  go       ready          ready          ready           3/3     \* alerting: readiness-only -> ready; alerting\.dashboards: fail -> pass  \(v1\.2\)$'
out_has '^[0-9a-f]{12}  2026-06-12  stop     blocked        ready          readiness-only  3/3     \* deploy: ready -> blocked; deploy\.no-keys: pass -> fail$'
out_has '^[0-9a-f]{12}  2026-06-08  stop     blocked        blocked        readiness-only  1/3     \* deploy: ready -> blocked; restore: ready -> blocked; proof deploy-proof: proven -> unproven; proof backup-proof: proven -> unproven; deploy\.runbook: pass -> fail; restore\.runbook: pass -> fail$'
# the root commit has nothing to compare with
out_has '^[0-9a-f]{12}  2026-06-01  stop     ready          ready          readiness-only  3/3     \(v1\.0\)$'
end

begin "log: freshness from each commit's date; the policy given now, or each commit's own"
# the tip's policy waives the drill for every commit: on 06-25 it is waived, not failing
run $L -n 2
out_has '^[0-9a-f]{12}  2026-06-25  go       ready          ready          ready           2/3     \* proof drill-proof: proven -> unproven; restore\.drill: pass -> waived$'
run $L --rules-from-commit -n 3
out_has "^rules: no built-in pack, and each commit's own \.proofgate\.yml and the packs it names \(--rules-from-commit\)$"
out_has '^[0-9a-f]{12}  2026-06-26  go       ready          ready          ready           2/3     \* restore: readiness-only -> ready; restore\.drill: fail -> waived$'
out_has '^[0-9a-f]{12}  2026-06-25  stop     ready          readiness-only ready           2/3     \* restore: ready -> readiness-only; proof drill-proof: proven -> unproven; restore\.drill: pass -> fail$'
# --policy-rev: one older policy (no waiver) for every commit
run $L --policy-rev main~1 -n 1 --format json
json_is "d['rules']['policy_commit'] == '$(git -C "$LH" rev-parse main~1)', d['commits'][0]['domains']['restore']" "True readiness-only"
end

begin "log: reproducible, and the cache changes no answer"
run $L --format csv --cache "$T/logcache"
cp "$T/out" "$T/log1.csv"
run $L --format csv --cache "$T/logcache" --stats
holds cmp "$T/out" "$T/log1.csv"
# the second run reads no blob at all: every commit's walk is answered by the cache
holds test "$(grep -c '^proofgate: stats: commit [0-9]* of 17 [0-9a-f]\{12\}: .*, 0 blobs read; cache: ' "$T/err")" = 17
run $L --format csv --no-cache --stats
holds cmp "$T/out" "$T/log1.csv"
err_has '^proofgate: stats: commit 17 of 17 [0-9a-f]{12}: .*; cache: off$'
end

begin "log: --max-count, --since, a range, --tags"
run $L -n 3
holds test "$(grep -c '^[0-9a-f]\{12\}  2026-06-' "$T/out")" = 3
run $L --since 2026-06-14 --format json
json_is "[c['date'] for c in d['commits']]" "['2026-06-26', '2026-06-25', '2026-06-15', '2026-06-14']"
run $L --format json main~5..main~2
# the oldest listed is compared with its first parent, walked but not listed
json_is "[c['subject'] for c in d['commits']], d['range'], d['commits'][-1]['compared'], d['commits'][-1]['changed'][0]['to']" \
	"[\"Merge branch 'feature/dashboards'\", 'README: shorter', 'remove the deploy key (rotated)'] main~5..main~2 True ready"
json_is "d['commits'][0]['changed']" \
	"[{'kind': 'domain', 'id': 'alerting', 'from': 'readiness-only', 'to': 'ready', 'change': 'better'}, {'kind': 'rule', 'id': 'alerting.dashboards', 'from': 'fail', 'to': 'pass', 'change': 'better'}]"
run $L --tags --format csv
out_has '^commit,date,tags,verdict,deploy,restore,alerting,proofs_proven,proofs,changed,subject'
holds test "$(sed -n '2,4s/^[0-9a-f]*,\([^,]*\),\([^,]*\),.*/\1 \2/p' "$T/out" | tr '\n' ' ')" = "2026-06-15 v1.2 2026-06-09 v1.1 2026-06-01 v1.0 "
out_has "^[0-9a-f]{40},2026-06-15,v1\.2,go,ready,ready,ready,3,3,alerting: readiness-only -> ready; alerting\.dashboards: fail -> pass; alerting\.on-call: pass -> fail,Merge branch 'feature/dashboards'"
end

begin "log: a shallow clone is listed up to its boundary, with a note"
rm -rf "$T/log-shallow"
git clone -q --depth 3 "file://$LH" "$T/log-shallow" 2>/dev/null
run "$PG" log --no-builtin -C "$T/log-shallow"
rc_is 0
holds test "$(grep -c '^[0-9a-f]\{12\}  2026-06-' "$T/out")" = 3
out_has '^note: the history stops at the boundary of this shallow clone; git fetch --unshallow lists the rest$'
end

begin "log: --lang ar says the text report in Arabic: headers, words, notes; CSV and JSON keep English"
run $L --lang ar -n 8
rc_is 0
out_has '^سجل proofgate [0-9.]+: HEAD، تاريخ الأب الأول، الأحدث أولاً، 8 إيداعات$'
out_has "^القواعد: بلا الحزمة المدمجة، و.{1,3}\.proofgate\.yml الإيداع $(git -C "$LH" rev-parse --short=12 main) \(أحدث إيداع في القائمة\) والحزم التي يسمّيها، لكل إيداع \(--rules-from-commit: ملف كل إيداع\)؛ البصمة sha1:[0-9a-f]{40}$"
out_has '^الحداثة: تُقاس من تاريخ كل إيداع$'
# columns padded by what a terminal shows, not by bytes: the Arabic words line up
out_has '^الإيداع       التاريخ     الحكم             deploy     restore    alerting    الإثباتات  ما الذي تغيّر$'
out_has '^[0-9a-f]{12}  2026-06-25  انطلاق            جاهز       جاهز       جاهز        2/3        \* الإثبات drill-proof: مثبت -> غير مثبت؛ restore\.drill: نجحت -> معفاة$'
out_has '^[0-9a-f]{12}  2026-06-12  توقف/إعادة تخطيط  محجوب      جاهز       جاهزية فقط  3/3        \* deploy: جاهز -> محجوب؛ deploy\.no-keys: نجحت -> فشلت$'
out_lacks 'ready|blocked|proven|newest first|rules:|freshness|commit  '
# the noun agrees with its number
run $L --lang ar -n 1
out_has '، إيداع واحد$'
run $L --lang ar -n 2
out_has '، إيداعان$'
run $L --lang ar -n 11 --rules-from-commit
out_has '، 11 إيداعاً$'
out_has "^القواعد: بلا الحزمة المدمجة، و.{1,3}\.proofgate\.yml كل إيداع والحزم التي يسمّيها \(--rules-from-commit\)$"
run $L --lang ar --format csv -n 3
out_has '^commit,date,tags,verdict,deploy,restore,alerting,proofs_proven,proofs,changed,subject'
out_has ',go,ready,ready,ready,2,3,proof drill-proof: proven -> unproven; restore\.drill: pass -> waived,'
rm -rf "$T/log-shallow-ar"
git clone -q --depth 3 "file://$LH" "$T/log-shallow-ar" 2>/dev/null
run "$PG" log --no-builtin --lang ar -C "$T/log-shallow-ar"
rc_is 0
out_has '^ملاحظة: يتوقف التاريخ عند حدود هذا الاستنساخ السطحي؛ يسرد الأمر git fetch --unshallow الباقي$'
end

begin "log: usage errors"
run $L --since yesterday
rc_is 2
err_has "^proofgate: --since must be a date YYYY-MM-DD, not 'yesterday'$"
run $L --tags main
rc_is 2
err_has '^proofgate: --tags lists every tagged commit: give no RANGE with it$'
run $L main~3...main
rc_is 2
err_has '^proofgate: log lists a first-parent history: give A\.\.B, not A\.\.\.B$'
run $L --since 2027-01-01
rc_is 2
err_has "^proofgate: no commit of 'HEAD' to list \(see --since\)$"
run $L --format xml
rc_is 2
run "$PG" log --help
rc_is 0
out_has '^usage: proofgate log \[options\] \[RANGE\]$'
end

begin "the log's JSON validates against docs/diff-schema.json"
for args in "" "--rules-from-commit" "--tags" "main~5..main~2"; do
	# shellcheck disable=SC2086
	run $L --format json $args
	holds python3 -c "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" \
		"$T/out" "$ROOT/docs/diff-schema.json"
done
end

begin "log --rules-from-commit: a commit whose policy is broken is listed as not judged; the others are; exit 2"
LB="$T/hist-broken"
copy_fixture history "$LB"
printf 'rules: [.proofgate/pack.yml]\nwaivers: nonsense\n' >"$LB/.proofgate.yml"
(cd "$LB" && git add -A && GIT_AUTHOR_DATE=2026-06-27T12:00:00Z GIT_COMMITTER_DATE=2026-06-27T12:00:00Z \
	git -c user.name=T -c user.email=t@t.invalid commit -q -m "a broken policy")
git -C "$LB" checkout -q main~1 -- .proofgate.yml
(cd "$LB" && git add -A && GIT_AUTHOR_DATE=2026-06-28T12:00:00Z GIT_COMMITTER_DATE=2026-06-28T12:00:00Z \
	git -c user.name=T -c user.email=t@t.invalid commit -q -m "the policy fixed")
run "$PG" log --no-builtin -C "$LB" --rules-from-commit -n 3
rc_is 2
# compared with the last commit judged (06-26): the same policy again, nothing moved
out_has '^[0-9a-f]{12}  2026-06-28  go       ready          ready          ready           2/3$'
out_has '^[0-9a-f]{12}  2026-06-27  error    not judged: its \.proofgate\.yml or a rule pack it names has problems \(see standard error\)$'
out_has '^[0-9a-f]{12}  2026-06-26  go       ready          ready          ready           2/3     \* restore: readiness-only -> ready; restore\.drill: fail -> waived$'
err_has "waivers must be a list of mappings"
err_has '^proofgate: 1 of 3 commits could not be judged: their lines say why$'
run "$PG" log --no-builtin -C "$LB" --rules-from-commit -n 3 --lang ar
rc_is 2
out_has '^[0-9a-f]{12}  2026-06-27  خطأ               لم يُحكم عليه: في .{1,3}\.proofgate\.yml الخاص به أو في حزمة قواعد يسمّيها مشكلات \(انظر الخطأ القياسي\)$'
run "$PG" log --no-builtin -C "$LB" --rules-from-commit -n 3 --format json
holds python3 -c "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" \
	"$T/out" "$ROOT/docs/diff-schema.json"
json_is "[c['verdict'] for c in d['commits']], d['commits'][1]['rules_digest']" "['go', 'error', 'go'] None"
end
