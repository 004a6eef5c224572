# 75-rules-blind26.sh - what the twenty-sixth blind set found (issue 12),
# written here without its files.
# Misses: spatie/laravel-backup's config/backup.php naming the databases it
# dumps is a backup, and its monitor_backups health checks (the newest backup
# no older than a day, the storage under a size) verify it; backup code running
# tar as a process over getUploadsDirectory() covers the files; a scheduled
# task class named for backups (getSchedulePattern) that runs the backup is a
# schedule; a console command running runCommand(..., 'migrations:migrate')
# applies migrations; a start script running `svc_wait db` waits for the
# database; NAME.dev.env and NAME.sample.env are a development file and a
# template, as .env.development and .env.example are.
# A false pass: an HTML tag after `mysql` (<option …>MySQL</option> in a
# view) read as `mysql < file`, a restore.
# fixtures/blind26 holds each kind (asserted by path and line), fixtures/blind26-near
# the near misses (an empty spatie config, a commented health check, a task that
# only prunes backups, migrations:status, a commented wait, a real password in
# stack.prod.env).  Helpers are prefixed b75_.

fxset_scan_sets b75 blind26

begin "blind26-near: every near miss leaves its rule failing; a password in stack.prod.env still fails the secrets rule"
fxset_near_passing b75 blind26 "['deploy.no-pending-migrations']"
end

begin "backup: spatie's configured databases and health checks, tar over the uploads directory, a scheduled backup task"
fxset_rule_is b75 kinds backup.script "pass config/backup.php:9"
fxset_rule_is b75 kinds backup.verification "pass config/backup.php:20"
fxset_rule_is b75 kinds backup.file-coverage "pass src/Console/Command/Backup/BackupCommand.php:12"
fxset_rule_is b75 kinds backup.schedule "pass src/Sync/Task/NightlyBackupTask.php:7"
fxset_near_fails b75 blind26 backup.script
fxset_near_fails b75 blind26 backup.verification
fxset_near_fails b75 blind26 backup.file-coverage
fxset_near_fails b75 blind26 backup.schedule
end

begin "restore: <option …>MySQL</option> in a view is no mysql < file"
fxset_near_fails b75 blind26 backup.restore-procedure
end

begin "deploy: runCommand(…, 'migrations:migrate'), svc_wait db, and NAME.dev.env / NAME.sample.env left out of the secrets rule"
fxset_rule_is b75 kinds deploy.migration-check "pass src/Console/Command/UpdateDbCommand.php:10"
fxset_rule_is b75 kinds monitoring.readiness-checks "pass docker/scripts/start:3"
fxset_rule_is b75 kinds deploy.secrets-not-committed "pass"
fxset_near_fails b75 blind26 deploy.migration-check
fxset_near_fails b75 blind26 monitoring.readiness-checks
end
