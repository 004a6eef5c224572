# 126-rules-blind89-91.sh - what the eighty-ninth to ninety-first blind sets found (issue 12).
# Counted: a Go closure named for backups copying a bbolt database with tx.WriteTo, a Rust backup
# function writing each collection to a gzip file; a backup document's schedule = "Every day at
# 02:30"; a restore section whose command is the application's own CLI (vault-cli database restore)
# in a Compose service; a Remix flat health route (app/routes/api.health.ts); a readiness loop
# setting the node's readiness from the metastore's connectivity check; an export route whose
# middleware names the roles it allows (roleAllowed([ROLES.admin, …])).  No secret: all-X token
# placeholders (glpat-XXXX…, ghp_XXXX…), a .env value naming the key it stands for
# (RELAY_API_KEY=relay-api-key), a private key inside a Rust #[cfg(test)] module, a key in a
# test-named constant written as a raw string (r#"-----BEGIN …).  From the ninety-first set: a
# workflow whose keys are quoted ('on': 'push':, 'name': 'Run tests') as CI; extra/example.conf as
# the environment template; a backup section giving the application's own dump command (vaultfs
# dump redis://… meta-dump.json), and a mount's --backup-meta 8h as the schedule.
# Not counted: a private key above a Rust test module (a secret); a route allowing ROLES.all; a
# WriteTo of a buffer; a refactor plan's pitfall table graded by severity, in English and Arabic
# (no incident, outage or escalation in the document); "you can roll back" in a list of
# advantages, in English and Arabic; a shell `export VAR=…role…` as an export access check; a
# product overview naming audit logs near "supported"; a round-trip test whose only CI runs by
# hand (workflow_dispatch), and re.test( in a github-script, as a restore drill; a sidebar item
# { path: "status", icon: … }, as a health route; a commented-out connectivity check, and a ping
# of a peer client, as readiness; a tracker list naming airbrake and rollbar, as error tracking; a
# CLI flag's Usage: "completion queue depth", as worker visibility; a dump of the backup status
# and a --backup-timeout, as a backup and a schedule.
# fixtures/blind89 holds each kind (asserted by path and line), fixtures/blind89-near the near
# misses (written here: no file of any fetched project).  Helpers are prefixed b126_.

fxset_scan_sets b126 blind89

begin "blind89-near: every near miss leaves its rule failing (a key above a Rust test module is a secret)"
fxset_near_passing b126 blind89 "['deploy.no-pending-migrations']"
fxset_rule_is b126 near deploy.secrets-not-committed "fail crates/signing/src/signer.rs:3"
end

begin "backup: a bbolt WriteTo in a backup closure, gzip per collection, a schedule in words, the app's restore CLI"
fxset_rule_is b126 kinds backup.script "pass docs/admin/metadata.md:5 lib/datastore/src/archive.rs:10 store/backup.go:20"
fxset_rule_is b126 kinds backup.schedule "pass docs/admin/metadata.md:16 docs/setup/backup.md:13"
fxset_rule_is b126 kinds backup.restore-procedure "pass docs/setup/backup.md:34"
end

begin "deploy and monitoring: placeholders and Rust test keys are no secret; a Remix health route; a readiness loop"
fxset_rule_is b126 kinds deploy.secrets-not-committed "pass"
fxset_rule_is b126 kinds monitoring.health-endpoint "pass apps/portal/app/routes/api.health.ts:1 server/routes/system.js:6"
fxset_rule_is b126 kinds monitoring.readiness-checks "pass node/src/readiness.rs:7"
fxset_rule_is b126 kinds audit.export-checks "pass server/routes/system.js:9"
end

begin "ninety-first set: a workflow with quoted keys, extra/example.conf; not a tracker list or a flag's help"
fxset_rule_is b126 kinds deploy.ci-pipeline "pass .github/workflows/ci.yaml:14"
fxset_rule_is b126 kinds deploy.env-template "pass extra/example.conf:5"
fxset_near_fails b126 blind89 monitoring.error-tracking
fxset_near_fails b126 blind89 monitoring.worker-heartbeat
fxset_near_fails b126 blind89 backup.schedule
end

begin "not counted: a plan's pitfall table, advantages, a shell export, 'supported', a manual-only round trip, a sidebar"
fxset_near_fails b126 blind89 incidents.severity-levels
fxset_near_fails b126 blind89 incidents.rollback
fxset_near_fails b126 blind89 deploy.production-runbook
fxset_near_fails b126 blind89 audit.export-checks
fxset_near_fails b126 blind89 audit.access-traces
fxset_near_fails b126 blind89 backup.restore-drill
fxset_near_fails b126 blind89 monitoring.health-endpoint
fxset_near_fails b126 blind89 monitoring.readiness-checks
fxset_near_fails b126 blind89 backup.script
end
