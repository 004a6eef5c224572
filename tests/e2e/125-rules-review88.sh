# 125-rules-review88.sh - a review of the eighty-seventh and eighty-eighth sets' rules (issue 12),
# on repositories the reviewer wrote.
# Kept: a service's own code under an ai-agents/ folder (only prompt files there are left out); a
# Remix server module under apps/webapp/ (only react/ and frontend/ front ends are left out); a
# pre-commit workflow with one labelling job, and a deploy workflow whose action's name holds
# "rebase" inside a word (firebase-action); a round-trip spec run by a step named "RSpec" (the test
# words are matched in any case); a design spec naming the environments under docs/specs/;
# Prometheus's Name: "queue_depth"; an appsettings.json with an empty Host, Password and Key.
# Not counted: a private key whose identifier only holds "test" inside a word (attestation,
# LATEST_) is a secret; a Go import extracting a tar.gz; a settings-only backup followed by another
# function archiving the database; a database-only backup followed by an uploads folder outside
# it; a restore that throws, followed by a plugin installer unzipping; a zero backup interval and a
# minimum interval between exports; "no way to restore 3.x", "you cannot restore the 4.x dump";
# a runbook opened by a mkdocs `!!! todo` draft notice.
# fixtures/review88 and review88-near.  Helpers are prefixed b125_.

fxset_scan_sets b125 review88

begin "review88-near: none of the near misses counts (both keys are secrets)"
fxset_near_passing b125 review88 "['deploy.no-pending-migrations']"
fxset_rule_is b125 near deploy.secrets-not-committed "fail config/settings.py:2 internal/attest/keys.go:4"
end

begin "kept: code under ai-agents/, a server module under webapp/, a labelling job beside hooks, firebase-action"
fxset_rule_is b125 kinds monitoring.health-endpoint "pass services/ai-agents/app/main.py:9"
fxset_rule_is b125 kinds audit.access-traces "pass apps/webapp/app/services/auditLog.server.ts:4"
fxset_rule_is b125 kinds deploy.ci-pipeline "pass .github/workflows/ci.yml:9 .github/workflows/deploy.yml:5 .github/workflows/pre-commit.yml:6"
end

begin "kept: an RSpec round trip, docs/specs environments, a queue_depth gauge, empty Host/Password/Key"
fxset_rule_is b125 kinds backup.restore-drill "pass .github/workflows/ci.yml:9 spec/services/backup_restore_spec.rb:6"
fxset_rule_is b125 kinds deploy.environments "pass docs/specs/environments.md:1"
fxset_rule_is b125 kinds monitoring.worker-heartbeat "pass internal/metrics/queue.go:7"
fxset_rule_is b125 kinds deploy.env-template "pass src/Web/appsettings.json:3"
end

begin "not counted: an import, settings-only and database-only backups, a throwing restore, zero intervals, no way back, a draft"
fxset_near_fails b125 review88 backup.script
fxset_near_fails b125 review88 backup.file-coverage
fxset_near_fails b125 review88 backup.restore-procedure
fxset_near_fails b125 review88 backup.schedule
fxset_near_fails b125 review88 deploy.production-runbook
fxset_near_fails b125 review88 incidents.rollback
end
