# 127-rules-review90.sh - a review of the eighty-ninth and ninetieth sets' rules (issue 12), on
# repositories the reviewer wrote.
# Kept: "If the health check fails, you can roll back with `kubectl rollout undo …`" (and in Arabic,
# يمكنك التراجع بتشغيل) as a rollback step, and "so you can roll back if the upgrade fails" in an
# upgrade guide's backup step as the production runbook's way back (the capability veto only holds
# where no command, means or condition follows; for the rollback rule a purpose clause, "so you can
# roll back", stays advice); "Severity 1: complete downtime" levels, and an Arabic scale under "تصنيف حوادث
# الإنتاج"; "All support actions are written to the audit log"; a round trip run by py.test.
# Not counted: an AWS key above a Rust test module, and a private key after the test module closes
# (both secrets); a chat store's socket and a feedback client's ping as readiness; a route allowing
# ROLES.ALL, and a query of users by role inside an export, as export checks; `export AWS_ROLE_ARN`
# in a document; a tx.WriteTo in a function after a backup-named one; "the database restore takes
# about an hour" as a restore command; "Retention schedule: every day's copy is kept" as a
# schedule; a plan's pitfall table on "this page".
# fixtures/review90 and review90-near.  Helpers are prefixed b127_.

fxset_scan_sets b127 review90

begin "review90-near: none of the near misses counts (the Rust key and the AWS key are secrets)"
fxset_near_passing b127 review90 "['deploy.no-pending-migrations']"
fxset_rule_is b127 near deploy.secrets-not-committed "fail crates/conf/src/config.rs:1 crates/sign/src/lib.rs:11"
end

begin "kept: a conditional rollback with its command (English, Arabic), a backup step so you can roll back"
fxset_rule_is b127 kinds incidents.rollback "pass docs/ar/runbooks/deploy.md:5 docs/runbooks/deploy.md:5"
fxset_rule_is b127 kinds deploy.production-runbook "pass UPGRADING.md:5 docs/ar/runbooks/deploy.md:5 docs/runbooks/deploy.md:5"
end

begin "kept: Severity 1..4 and an Arabic scale of incidents, support actions in the audit log, py.test"
fxset_rule_is b127 kinds incidents.severity-levels "pass docs/ar/incidents/severity.md:3 docs/incidents/severity.md:1"
fxset_rule_is b127 kinds audit.access-traces "pass docs/security/support-access.md:1"
fxset_rule_is b127 kinds backup.restore-drill "pass .github/workflows/ci.yml:11 tests/test_backup.py:6"
end
