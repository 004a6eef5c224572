# 05-policy-problems.sh - every problem of .proofgate.yml at once, in the order they are written.

P="$T/policy9"
rm -rf "$P" && git init -q -b main "$P"
cat >"$P/.proofgate.yml" <<'YAML'
version: 2
off: [backup.script, backup.script, no.such.rule]
levels:
  backup.script: advisory
  deploy.ci-pipeline: sometimes
gates: {main: maybe}
waivers:
  - {rule: deploy.ci-pipeline, reason: r, owner: o, expires: 2026-06-10}
  - {rule: deploy.ci-pipeline, reason: s, owner: p, expires: 2026-06-11}
  - {rule: audit.codeowners, reason: '', owner: ' ', expires: someday}
colour: red
YAML
echo hi >"$P/README.md"
(cd "$P" && git add -A && GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t \
	GIT_AUTHOR_DATE=2026-06-01T12:00:00Z GIT_COMMITTER_DATE=2026-06-01T12:00:00Z git commit -qm policy)

begin "a policy with eleven mistakes: all eleven reported in one run, in line order, the rules it names checked too"
run "$PG" scan -q --no-cache "$P"
rc_is 2
err_has "has 11 problems"
err_has "\.proofgate\.yml:1:10: version must be 1"
err_has ":2:22: off: 'backup.script' is listed twice \(first at line 2\)"
err_has ":2:37: off names rule 'no.such.rule', which no loaded rule pack defines"
err_has ":4:3: levels: 'backup.script' is also turned off"
err_has ":5:23: levels: 'deploy.ci-pipeline' must be required, expected or advisory"
err_has ":6:15: gates: 'main' must be blocked"
err_has ":9:5: waivers: a second waiver for 'deploy.ci-pipeline' \(the first at line 8\)"
err_has "reason must not be empty"; err_has "owner must not be empty"; err_has "expires must be a date"
err_has ":11:1: policy: unknown key 'colour'"
# in the order they are written
grep -Eo '\.proofgate\.yml:[0-9]+' "$T/err" | cut -d: -f2 >"$T/lines"
holds sort -n -c "$T/lines"
holds test ! -s "$T/out"
end
