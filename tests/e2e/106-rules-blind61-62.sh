# 106-rules-blind61-62.sh - what the sixty-first and sixty-second blind sets found (issue 12),
# written here without their files.
# Misses: each sign-in inserted into user_login with the user and the address, its column list
# over several lines (an access trace); a queue worker touching its status file on every run (a
# heartbeat); a Compose backup service given its cron (DB_DUMP_CRON, a backup schedule).
# False passes: a developer tool building the test database and a script writing the install
# schema with mysqldump as backups and restores; a view template under a migrate/ folder as a
# migration script; an installer's "Please wait …" prose as a database retry; a vendored plugin's
# README as the project's local setup.
# fixtures/blind61 holds each kind (asserted by path and line), fixtures/blind61-near the near
# misses.  Helpers are prefixed b106_.

fxset_scan_sets b106 blind61

begin "blind61-near: every near miss leaves its rule failing"
fxset_near_passing b106 blind61 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "access traces: INSERT INTO user_login (user_id, …, ip, …) over several lines"
fxset_rule_is b106 kinds audit.access-traces "pass lib/Logins.php:7"
end

begin "heartbeat: touch(QUEUE_STATUS_FILE); schedule: a Compose backup service's DB_DUMP_CRON"
fxset_rule_is b106 kinds monitoring.worker-heartbeat "pass QueueCLI.php:9"
fxset_rule_is b106 kinds backup.schedule "pass docker-compose-prod.yml:11"
end

begin "backup: no developer tool or install-schema script as a backup or a restore"
fxset_near_fails b106 blind61 backup.script
fxset_near_fails b106 blind61 backup.restore-procedure
end

begin "no view under migrate/ as a migration script, no installer prose as a retry, no plugin README as local setup"
fxset_near_fails b106 blind61 deploy.migration-check
fxset_near_fails b106 blind61 monitoring.readiness-checks
fxset_near_fails b106 blind61 deploy.local-setup
end
