# 43-branch.sh - which branch's gate applies, and a pull/merge request reading the target's policy.
# Uses ci_repo, ci_commit, CI_RULES from 40-ci.sh.
# e2e: after 40-ci

BR="$T/br"
ci_repo "$BR"
mkdir -p "$BR/.github/workflows"
echo "on: push" >"$BR/.github/workflows/ci.yml"
printf 'gates:\n  "release/**": blocked\n  main: never\n' >"$BR/.proofgate.yml"
ci_commit "$BR" 2026-06-01T12:00:00Z "release policy"
git -C "$BR" branch release/1.0
# a change for release/1.0 that waives its own failing required rule
git -C "$BR" checkout -q -b feature/waive
cat >>"$BR/.proofgate.yml" <<'EOF'
waivers:
  - {rule: deploy.runbook, reason: "trust me", owner: dev@example.com, expires: 2026-06-20}
EOF
ci_commit "$BR" 2026-06-02T12:00:00Z "waive my own failure"

begin "branch resolution: --branch, then PR/MR target, then pushed branch, then the revision's"
# env assignments | expected branch | expected source | expected fail_on
while IFS='|' read -r envs want_branch want_source want_fail; do
	# shellcheck disable=SC2086
	run env $envs "$PG" scan $CI_RULES --format json --policy-rev feature/waive "$BR"
	json_is "d['gate']['branch'], d['gate']['branch_source'], d['gate']['fail_on']" "$want_branch $want_source $want_fail"
done <<'EOF'
X=1|feature/waive|revision|never
CI_COMMIT_REF_NAME=dev|dev|CI_COMMIT_REF_NAME|never
GITHUB_REF_NAME=release/1.0 CI_COMMIT_REF_NAME=dev|release/1.0|GITHUB_REF_NAME|blocked
GITHUB_BASE_REF= GITHUB_REF_NAME=main|main|GITHUB_REF_NAME|never
CI_MERGE_REQUEST_TARGET_BRANCH_NAME=release/1.0 GITHUB_REF_NAME=main|release/1.0|CI_MERGE_REQUEST_TARGET_BRANCH_NAME|blocked
GITHUB_BASE_REF=release/1.0 CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main GITHUB_REF_NAME=main|release/1.0|GITHUB_BASE_REF|blocked
EOF
end

begin "the --branch option row of the table (given as an option, not in the environment)"
run env GITHUB_BASE_REF=release/1.0 "$PG" scan $CI_RULES --branch main --format json "$BR"
json_is "d['gate']['branch'], d['gate']['branch_source']" "main --branch"
# --branch names the gate, but in a pull request the policy still comes from the target
json_is "d['policy']['commit'] == '$(git -C "$BR" rev-parse release/1.0)'" True
json_is "[r['outcome'] for r in d['rules'] if r['id']=='deploy.runbook'][0]" fail
end

begin "a pull request that adds a waiver for its own failure still fails: the target branch's policy applies"
run env GITHUB_BASE_REF=release/1.0 "$PG" scan $CI_RULES --format json "$BR"
rc_is 1
json_is "[r['outcome'] for r in d['rules'] if r['id']=='deploy.runbook'][0]" fail
json_is "d['policy']['commit'] == '$(git -C "$BR" rev-parse release/1.0)'" True
json_is "d['policy']['notes'][0][:60]" "this change edits .proofgate.yml; the policy of release/1.0 "
run env CI_MERGE_REQUEST_TARGET_BRANCH_NAME=release/1.0 "$PG" scan $CI_RULES --format github "$BR"
rc_is 1
out_has '^::notice file=\.proofgate\.yml,line=1,title=proofgate policy::this change edits \.proofgate\.yml; the policy of release/1\.0 \(commit [0-9a-f]{12}\) applied instead, and the edit takes effect once merged$'
out_has "^gate: fail-on blocked \\(policy 'release/\\*\\*'\\), branch release/1\\.0 \\(from CI_MERGE_REQUEST_TARGET_BRANCH_NAME\\)$"
# the control: with the change's own policy the waiver would have let it through
run env GITHUB_BASE_REF=release/1.0 "$PG" scan $CI_RULES --policy-rev HEAD --format json "$BR"
json_is "[r['outcome'] for r in d['rules'] if r['id']=='deploy.runbook'][0]" waived
end

begin "no notice when the change leaves .proofgate.yml alone"
git -C "$BR" checkout -q -b feature/plain release/1.0
echo x >"$BR/x.txt"
ci_commit "$BR" 2026-06-02T12:00:00Z "plain change"
run env GITHUB_BASE_REF=release/1.0 "$PG" scan $CI_RULES --format json "$BR"
rc_is 1
json_is "d['policy']['notes']" "[]"
git -C "$BR" checkout -q feature/waive
end

begin "a shallow clone without the target branch: exit 2 saying exactly what to fetch; then it works"
rm -rf "$T/br-shallow"
git clone -q --depth 1 --single-branch --branch feature/waive "file://$BR" "$T/br-shallow" 2>/dev/null
run env GITHUB_BASE_REF=release/1.0 "$PG" scan $CI_RULES "$T/br-shallow"
rc_is 2
err_has "the policy comes from the target branch 'release/1\.0' \(GITHUB_BASE_REF\), and neither origin/release/1\.0 nor release/1\.0 is in this clone"
err_has "fetch it: git fetch --no-tags --depth=1 origin \+refs/heads/release/1\.0:refs/remotes/origin/release/1\.0"
git -C "$T/br-shallow" fetch -q --no-tags --depth=1 origin +refs/heads/release/1.0:refs/remotes/origin/release/1.0 2>/dev/null
run env GITHUB_BASE_REF=release/1.0 "$PG" scan $CI_RULES -q "$T/br-shallow"
rc_is 1
run env GITHUB_BASE_REF=release/1.0 "$PG" scan $CI_RULES --policy-rev no-such-rev "$T/br-shallow"
rc_is 2; err_has "^proofgate: --policy-rev: unknown revision 'no-such-rev'"
end

begin "an explicit --rev naming a branch decides the gate's branch over the CI's variables"
# the issue's case: a GitHub job on main scanning release/1.0 gated as main (exit 0)
run env GITHUB_ACTIONS=true GITHUB_REF_NAME=main GITHUB_REF=refs/heads/main "$PG" scan $CI_RULES --format json --rev release/1.0 "$BR"
rc_is 1
json_is "d['gate']['branch'], d['gate']['branch_source'], d['gate']['fail_on']" "release/1.0 --rev blocked"
cp "$T/out" "$T/br-rev-ci.json"
# run locally it says the same, to the byte
run "$PG" scan $CI_RULES --format json --rev release/1.0 "$BR"
rc_is 1
holds cmp "$T/out" "$T/br-rev-ci.json"
# in a pull request job too: the target's variables are about the checked-out change, not release/1.0
run env GITHUB_BASE_REF=main "$PG" scan $CI_RULES --format json --rev release/1.0 "$BR"
json_is "d['gate']['branch'], d['gate']['branch_source']" "release/1.0 --rev"
json_is "d['policy']['commit'] == '$(git -C "$BR" rev-parse release/1.0)'" True
# --branch still says otherwise
run env GITHUB_REF_NAME=release/1.0 "$PG" scan $CI_RULES --format json --rev release/1.0 --branch main "$BR"
rc_is 0
json_is "d['gate']['branch'], d['gate']['branch_source'], d['gate']['fail_on']" "main --branch never"
end

BD="$T/br-detached"
rm -rf "$BD" && cp -a "$BR" "$BD"
git -C "$BD" checkout -q --detach release/1.0
git -C "$BD" tag v-old feature/waive
git -C "$BD" tag v-head HEAD

begin "a detached HEAD finds its branch in each CI's variables"
# env assignments | expected branch, source and fail_on
while IFS='|' read -r envs want; do
	# shellcheck disable=SC2086
	run env $envs "$PG" scan $CI_RULES --format json "$BD"
	json_is "d['gate']['branch'], d['gate']['branch_source'], d['gate']['fail_on']" "$want"
done <<'EOF2'
X=1|None none never
GITHUB_REF_NAME=release/1.0 GITHUB_REF_TYPE=branch|release/1.0 GITHUB_REF_NAME blocked
GITHUB_REF_NAME=v-old GITHUB_REF_TYPE=tag|None none never
CI_COMMIT_BRANCH=release/1.0|release/1.0 CI_COMMIT_BRANCH blocked
CI_COMMIT_REF_NAME=v-old CI_COMMIT_TAG=v-old|None none never
JENKINS_URL=http://ci/ BRANCH_NAME=release/1.0|release/1.0 BRANCH_NAME blocked
BRANCH_NAME=release/1.0|None none never
JENKINS_URL=http://ci/ GIT_BRANCH=origin/release/1.0|release/1.0 GIT_BRANCH blocked
JENKINS_URL=http://ci/ BRANCH_NAME=PR-7 CHANGE_ID=7 CHANGE_TARGET=release/1.0|release/1.0 CHANGE_TARGET blocked
CIRCLE_BRANCH=release/1.0|release/1.0 CIRCLE_BRANCH blocked
BUILDKITE_BRANCH=release/1.0 BUILDKITE_PULL_REQUEST=false|release/1.0 BUILDKITE_BRANCH blocked
BUILDKITE_BRANCH=feature BUILDKITE_PULL_REQUEST_BASE_BRANCH=release/1.0|release/1.0 BUILDKITE_PULL_REQUEST_BASE_BRANCH blocked
TF_BUILD=True BUILD_SOURCEBRANCH=refs/heads/release/1.0 BUILD_SOURCEBRANCHNAME=1.0|release/1.0 BUILD_SOURCEBRANCH blocked
TF_BUILD=True BUILD_SOURCEBRANCH=refs/pull/3/merge SYSTEM_PULLREQUEST_TARGETBRANCH=refs/heads/release/1.0|release/1.0 SYSTEM_PULLREQUEST_TARGETBRANCH blocked
BITBUCKET_BRANCH=release/1.0|release/1.0 BITBUCKET_BRANCH blocked
BITBUCKET_BRANCH=feature BITBUCKET_PR_DESTINATION_BRANCH=release/1.0|release/1.0 BITBUCKET_PR_DESTINATION_BRANCH blocked
EOF2
end

begin "no branch known: the text report says so in its first line, JSON in gate.branch_source"
run "$PG" scan $CI_RULES "$BD"
[ "$(head -n 1 "$T/out")" = "proofgate 0.1.0: revision HEAD, commit $(git -C "$BD" rev-parse --short=12 HEAD) (no branch known: neither the revision nor a CI variable names one; give --branch NAME)" ] ||
	bad "first line: $(head -n 1 "$T/out")"
# a tag scanned in a job on main: the job's variables are about its checkout, not the tag
run env GITHUB_REF_NAME=main "$PG" scan $CI_RULES --format json --rev v-old "$BD"
json_is "d['gate']['branch'], d['gate']['branch_source']" "None none"
run env GITHUB_REF_NAME=main "$PG" scan $CI_RULES --rev v-old "$BD"
out_has '^proofgate 0\.1\.0: revision v-old, commit [0-9a-f]{12} \(no branch known: '
# the same tag when it is the checkout: the job's variables name its branch
run env GITHUB_REF_NAME=release/1.0 "$PG" scan $CI_RULES --format json --rev v-head "$BD"
json_is "d['gate']['branch'], d['gate']['branch_source']" "release/1.0 GITHUB_REF_NAME"
end
