# 117-rules-blind79-80.sh - what the seventy-ninth and eightieth blind sets found (issue 12),
# written here without their files.
# Misses: a sign-ins table created with the user and the IP address (CREATE TABLE IF NOT EXISTS
# user_login (…)) and an authentication logger writing each failure with the client's IP
# (_authLogger.Warn("Auth-Failure ip {0} …")), as access traces; an application's
# schedule_job(database.make_backup, …, hours=…) as a backup schedule; a Python backup function
# zipping the configuration file as file coverage; a restore function copying the backed-up
# database over the live one as a restore procedure; a file named for backups copying the SQLite
# database (fs.copyFileSync('data/db.sqlite', …)) as a backup script; Wrangler's
# .dev.vars.example as an environment template; a Laravel APP_KEY baked into a Dockerfile as a
# committed secret.
# False passes: a download client's settings controller as an export check; a workflow that zips
# a folder and commits it back ("check for changes", user.email "auto@auto.test") as CI.
# fixtures/blind79 holds each kind (asserted by path and line), fixtures/blind79-near the near
# misses.  Helpers are prefixed b117_.

fxset_scan_sets b117 blind79

begin "blind79-near: every near miss leaves its rule failing"
fxset_near_passing b117 blind79 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "access traces: a sign-ins table with the user and the IP, an auth logger's failures with the IP"
fxset_rule_is b117 kinds audit.access-traces "pass src/Relay.Http/Authentication/AuthenticationService.cs:9 tracker/database.py:17"
fxset_near_fails b117 blind79 audit.access-traces
end

begin "backup: schedule_job(…make_backup…, hours=…), the configuration zipped, the database copied back"
fxset_rule_is b117 kinds backup.schedule "pass tracker/scheduler.py:6"
fxset_rule_is b117 kinds backup.file-coverage "pass tracker/config.py:12"
fxset_rule_is b117 kinds backup.restore-procedure "pass tracker/database.py:28"
fxset_near_fails b117 blind79 backup.schedule
fxset_near_fails b117 blind79 backup.file-coverage
fxset_near_fails b117 blind79 backup.restore-procedure
end

begin "backup script: a backup file copying the SQLite database, not one copying a logo"
fxset_rule_is b117 kinds backup.script "pass db/utils/backupDb.js:10"
fxset_near_fails b117 blind79 backup.script
end

begin "deploy: .dev.vars.example is a template; a Laravel APP_KEY in a Dockerfile is a secret"
fxset_rule_is b117 kinds deploy.env-template "pass packages/worker/.dev.vars.example:2"
fxset_rule_is b117 kinds deploy.secrets-not-committed "fail Dockerfile:4"
fxset_rule_is b117 near deploy.secrets-not-committed "pass"
end

begin "no download client as an export check, no workflow committing a zip back as CI"
fxset_near_fails b117 blind79 audit.export-checks
fxset_near_fails b117 blind79 deploy.ci-pipeline
end
