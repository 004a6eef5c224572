# 104-rules-blind57-58.sh - what the fifty-seventh and fifty-eighth blind sets found (issue 12),
# written here without their files.
# Misses: zerolog given its JSON writer when the configured log format is json; a record of who did
# what from which address inserted into an admin or moderator log (INSERT INTO …adminlog (…, usr,
# ip, …), insert_query("modlog", …) of an entry with "uid" and "ipaddress"); a PHP application's
# own SQL dump (show_create_table in a backup task, write_table/write_data for each table) and its
# restore replaying the backup statement by statement; a backup verified against the MAC recorded
# when it was made (sodium_crypto_auth_verify); gorilla's r.Path(base + "api/ping"), Rack's
# req.fullpath == "/_health", a PHP HealthAction class answering 200; PHP's \Sentry\init(…);
# rake "NS:db:migrate:…" in a deploy workflow and ./app migrate in CI; config.default.ini.php.
# False passes: a self-upgrade test harness's "bin/test-upgrade.sh restore" and a database init
# script loading config/sql/*.sql as restores; a file formatter named JsonFormatter as JSON logs;
# a PHP event exporter's test and a controller test whose backup class is a stub as restore drills;
# a Crystal source file named for migrations as a migration script.
# fixtures/blind57 holds each kind (asserted by path and line), fixtures/blind57-near the near
# misses.  Helpers are prefixed b104_.

fxset_scan_sets b104 blind57

begin "blind57-near: every near miss leaves its rule failing"
fxset_near_passing b104 blind57 "['deploy.ci-pipeline', 'deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "logs: zerolog given its JSON writer when the log format is json"
fxset_rule_is b104 kinds monitoring.structured-logs "pass cmd/server/logging.go:13"
fxset_near_fails b104 blind57 monitoring.structured-logs
end

begin "access traces: who, what and the address inserted into an admin or moderator log"
fxset_rule_is b104 kinds audit.access-traces "pass inc/moderation.php:10 src/Admin/ActivityLogStore.php:10"
end

begin "backup: a PHP application's own SQL dump and its restore, a backup verified against its MAC"
fxset_rule_is b104 kinds backup.script "pass inc/tasks/nightlybackup.php:9 includes/admin/admin_database.php:11"
fxset_rule_is b104 kinds backup.restore-procedure "pass includes/admin/admin_database.php:21"
fxset_rule_is b104 kinds backup.verification "pass src/Backup/BackupVault.php:7"
end

begin "restore: no test harness, no init script loading config/sql/, no stubbed controller test as a drill"
fxset_near_fails b104 blind57 backup.restore-procedure
fxset_near_fails b104 blind57 backup.restore-drill
end

begin "health: r.Path(base + \"api/ping\"), req.fullpath == \"/_health\", a HealthAction answering 200"
fxset_rule_is b104 kinds monitoring.health-endpoint "pass actions/HealthAction.php:5 api/router.go:8 lib/middleware/health_probe.rb:8"
end

begin "error tracking: \\Sentry\\init(…); template: config.default.ini.php"
fxset_rule_is b104 kinds monitoring.error-tracking "pass public/index.php:6"
fxset_rule_is b104 kinds deploy.env-template "pass config.default.ini.php:6"
end

begin "migrations: rake \"NS:db:migrate:…\" in a deploy workflow, ./app migrate in CI; not a Crystal source file"
fxset_rule_is b104 kinds deploy.migration-check "pass .github/workflows/deploy.yml:11 .github/workflows/migrate.yml:10"
fxset_near_fails b104 blind57 deploy.migration-check
end
