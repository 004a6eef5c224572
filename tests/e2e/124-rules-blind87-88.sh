# 124-rules-blind87-88.sh - what the eighty-seventh and eighty-eighth blind sets found (issue 12).
# Counted: a Go or C# backup function copying the database and archiving it, and the files it
# copies beside it (filesToBackup, an uploads folder); a C# RestoreBackup whose brace opens on the
# next line; a FAQ's backup section (a mkdocs `!!! todo` admonition elsewhere in the page no longer
# marks the page a placeholder); an upgrade guide under doc/ whose step backs up the data "so that
# you can restore it if the upgrade fails" (and in Arabic); an automatic snapshot interval setting;
# a private key in a test-only constant (TEST_SIGNING_KEY_PEM) as no secret; katip's jsonFormat and
# a log_json flag as JSON logs; RQ's Worker.all(connection=redis_conn) in a status view, a job
# history table with last_run_at, a watchdog restarting dead threads, as worker visibility; an
# export route under @protected_route(…, [Scope.ITEMS_READ]); an empty DefaultConnection in
# appsettings.json.
# Not counted: a workflow whose only action labels merge conflicts, as CI; a round-trip test with
# no CI running tests (a stale bot's "make sure" message is no test step), as a restore drill; a
# metric's description "waiting for a database connection", as readiness; an AI reviewer's prompt,
# as a rollback runbook; a test suite's notes, as the environments; a front end's ActivityLog type,
# as an access trace; a dashboard title and description about queue depth, as worker visibility;
# empty user preferences and password hashes in appsettings.json, as an environment template;
# backups of the settings alone, and a function pruning backups.
# fixtures/blind87 holds each kind (asserted by path and line), fixtures/blind87-near the near
# misses (written here: no file of any fetched project).  Helpers are prefixed b124_.

fxset_scan_sets b124 blind87

begin "blind87-near: every near miss leaves its rule failing (a key outside a test constant is a secret)"
fxset_near_passing b124 blind87 "['deploy.no-pending-migrations']"
end

begin "backup: a Go archive of the database and its files, a C# restore, a FAQ's tar commands, a snapshot interval"
fxset_rule_is b124 kinds backup.script "pass server/backup/archive.go:29"
fxset_rule_is b124 kinds backup.file-coverage "pass docs/faq.md:7 server/backup/archive.go:25"
fxset_rule_is b124 kinds backup.restore-procedure "pass Services/FileStore.cs:15"
fxset_rule_is b124 kinds backup.schedule "pass config/server.toml:6"
end

begin "deploy: an upgrade guide under doc/ restoring the backup if the upgrade fails (English, Arabic); a test key"
fxset_rule_is b124 kinds deploy.production-runbook "pass doc/ar/upgrading.md:11 doc/operations/upgrading.md:11"
fxset_rule_is b124 kinds deploy.secrets-not-committed "pass"
fxset_rule_is b124 kinds deploy.env-template "pass appsettings.json:8"
end

begin "monitoring and audit: katip and log_json, RQ workers, a job history table, a watchdog, a scoped export"
fxset_rule_is b124 kinds monitoring.structured-logs "pass cmd/flags.go:7 src/Logging.hs:11"
fxset_rule_is b124 kinds monitoring.worker-heartbeat "pass api/tasks.py:9 db/schema.py:3 worker/watchdog.py:8"
fxset_rule_is b124 kinds audit.export-checks "pass backend/endpoints/export.py:8"
end

begin "not counted: a labelling bot, an untested round trip, a metric's text, an AI prompt, test notes, a front-end type"
fxset_near_fails b124 blind87 deploy.ci-pipeline
fxset_near_fails b124 blind87 backup.restore-drill
fxset_near_fails b124 blind87 monitoring.readiness-checks
fxset_near_fails b124 blind87 incidents.rollback
fxset_near_fails b124 blind87 deploy.environments
fxset_near_fails b124 blind87 audit.access-traces
fxset_near_fails b124 blind87 monitoring.worker-heartbeat
fxset_near_fails b124 blind87 deploy.env-template
fxset_near_fails b124 blind87 backup.script
fxset_near_fails b124 blind87 deploy.production-runbook
fxset_rule_is b124 near deploy.secrets-not-committed "fail src/auth/keys.rs:1"
end
