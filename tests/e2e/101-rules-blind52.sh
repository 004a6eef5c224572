# 101-rules-blind52.sh - what the fifty-second blind set found (issue 12),
# written here without its files.
# Misses: a backup document saying to back up "all files in your project root"; one putting the
# backup script into /etc/cron.daily, or a cron job run once a day (مرة في اليوم) that runs it; the
# application's own logger writing each record with JSON.stringify; a maintenance executor's
# setLastExecution() and a cron service's getLastCompletion() (heartbeats); a security overview's
# Responsible disclosure section (docs/security/overview.md).
# False passes: a documented PEM cut short with "..." is no committed key; a unit test backing up
# and restoring event registrations is no restore drill; Monolog's LineFormatter extended to
# write browser console lines is no JSON log formatter; a Travis file whose tests are a TODO is no
# CI pipeline; pg_basebackup -R makes a standby, not a backup; a billing runbook's
# "verifications" and its pricing snapshot are no backup verification.
# fixtures/blind52 holds each kind (asserted by path and line), fixtures/blind52-near the near
# misses.  Helpers are prefixed b101_.

fxset_scan_sets b101 blind52

begin "blind52-near: every near miss leaves its rule failing"
fxset_near_passing b101 blind52 "['deploy.ci-pipeline', 'deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "secrets: a PEM cut short with ... in a document is no key"
fxset_rule_is b101 kinds deploy.secrets-not-committed "pass"
end

begin "backups: all files in the project root; cron.daily and a daily cron job in a backup document (and Arabic)"
fxset_rule_is b101 kinds backup.file-coverage "pass docs/admin/backups.md:1"
fxset_rule_is b101 kinds backup.schedule "pass docs/admin/backups.md:10 docs/ar/backups.md:7"
end

begin "structured logs: the logger's JSON.stringify of each record; not a console line formatter"
fxset_rule_is b101 kinds monitoring.structured-logs "pass packages/core/src/logger.ts:9"
fxset_near_fails b101 blind52 monitoring.structured-logs
end

begin "heartbeat: setLastExecution(), a cron service's getLastCompletion()"
fxset_rule_is b101 kinds monitoring.worker-heartbeat "pass lib/Maintenance/Executor.php:9 views/admin/cron.php:3"
end

begin "security policy: a security overview's Responsible disclosure section"
fxset_rule_is b101 kinds audit.security-policy "pass docs/security/overview.md:5"
end

begin "no drill, no backup, no verification, no Travis CI: registrations, pg_basebackup -R, verifications, a TODO"
fxset_near_fails b101 blind52 backup.restore-drill
fxset_near_fails b101 blind52 backup.script
fxset_near_fails b101 blind52 backup.verification
fxset_rule_is b101 near deploy.ci-pipeline "pass .github/workflows/phpunit.yml:8"
end
