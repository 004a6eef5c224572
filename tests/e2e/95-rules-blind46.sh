# 95-rules-blind46.sh - what the forty-sixth blind set found (issue 12),
# written here without its files.
# Misses: a PHP endpoint script named status.php answering 'status' => … (http_response_code(500)
# when its check fails) is a health route; a backup module's settings giving the week days and the
# time ('week_days' => 'monday, wednesday, friday', 'time' => '02:15') are a backup schedule.
# False passes: a test backing up and restoring composer.json around each test
# (backupComposerJson(), restoreComposerJson()) is no backup-and-restore round trip; a schema-diff
# script naming pg_dump in a function (util::ensure-pg_dump), in an error message, or running
# `pg_dump -s` (schema only) backs nothing up; its usage line
# (echo "Usage: $0 <sqlite|postgres|mysql> <commit-ish>") restores nothing.  Near misses: a
# ping.php answering "pong"; backup settings without days or time.
# fixtures/blind46 holds each kind (asserted by path and line), fixtures/blind46-near
# the near misses.  Helpers are prefixed b95_.

fxset_scan_sets b95 blind46

begin "blind46-near: every near miss leaves its rule failing"
fxset_near_passing b95 blind46 "['deploy.ci-pipeline', 'deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "health: webservices/status.php answering its status; not ping.php answering pong"
fxset_rule_is b95 kinds monitoring.health-endpoint "pass webservices/status.php:7"
fxset_near_fails b95 blind46 monitoring.health-endpoint
end

begin "schedule: a backup module's week days and time; not its retention alone"
fxset_rule_is b95 kinds backup.schedule "pass modules/itop-backup/module.itop-backup.php:7"
fxset_near_fails b95 blind46 backup.schedule
end

begin "no drill: composer.json backed up and restored around each test"
fxset_near_fails b95 blind46 backup.restore-drill
end

begin "no backup script, no restore: a schema diff script's pg_dump -s, its function name, its messages and usage line"
fxset_near_fails b95 blind46 backup.script
fxset_near_fails b95 blind46 backup.restore-procedure
end
