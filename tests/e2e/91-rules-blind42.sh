# 91-rules-blind42.sh - what the forty-second blind set found (issue 12),
# written here without its files.
# Misses: syslog-ng writing records with $(format-json …) and NLog's CompactJsonLayout are
# structured logs; a scheduler saving each task's last_run, and a watchdog comparing a queue's
# count with its limit, are worker heartbeats and queue visibility; an INSERT into a log table
# naming the user and the client's IP address is an audit trail; a Restore() in the backup code
# extracting the archive through an archiver service (_zipArchiver.Extract(…)) is a restore; a
# table of scheduled tasks holding the backup command with its interval is a backup schedule.
# False passes: an entrypoint asking once whether the database is alive (if mysqladmin ping …;
# else exit) does not wait for it; a loop around the same check does.  Near misses: a commented
# format-json destination, a user's last_login, an INSERT into login_attempts (commented or not), a
# demo dump's INSERT rows, a queue count compared with 0, a log table with
# neither user nor address, a Restore() that reads settings, a scheduled backup clean-up.
# fixtures/blind42 holds each kind (asserted by path and line), fixtures/blind42-near
# the near misses.  Helpers are prefixed b91_.

fxset_scan_sets b91 blind42

begin "blind42-near: every near miss leaves its rule failing"
fxset_near_passing b91 blind42 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "readiness: a loop waiting on mysqladmin ping; not a single if"
fxset_rule_is b91 kinds monitoring.readiness-checks "pass docker/entrypoint.sh:5"
fxset_near_fails b91 blind42 monitoring.readiness-checks
end

begin "structured logs: syslog-ng's format-json and NLog's CompactJsonLayout; not a commented destination"
fxset_rule_is b91 kinds monitoring.structured-logs "pass docker/syslog/syslog-ng.conf:5 src/Core/Logging/ConsoleSetup.cs:1"
fxset_near_fails b91 blind42 monitoring.structured-logs
end

begin "heartbeat: a task's last_run saved, a queue count against its limit; not last_login, not a count against 0"
fxset_rule_is b91 kinds monitoring.worker-heartbeat "pass lib/Cron/TaskRunner.php:14 ops/queue-watch.sh:6"
fxset_near_fails b91 blind42 monitoring.worker-heartbeat
end

begin "access traces: an INSERT into a log table with the user and the client's IP; not without them, not into login_attempts, not a commented one, not a demo dump's rows"
fxset_rule_is b91 kinds audit.access-traces "pass src/Journal/Writer.php:9"
fxset_near_fails b91 blind42 audit.access-traces
end

begin "restore: Restore() extracting the backup through an archiver service; not one reading settings"
fxset_rule_is b91 kinds backup.restore-procedure "pass src/Maintenance/Backup/SnapshotService.cs:16"
fxset_near_fails b91 blind42 backup.restore-procedure
end

begin "schedule: the backup command in the scheduled task table; not a scheduled clean-up of old backups"
fxset_rule_is b91 kinds backup.schedule "pass src/Core/Scheduling/DefaultTasks.cs:14"
fxset_near_fails b91 blind42 backup.schedule
end
