# 110-rules-blind69-70.sh - what the sixty-ninth and seventieth blind sets found (issue 12),
# written here without their files.
# False passes: test fixtures' code seeding and snapshotting the test database (mysqldump, mysql <)
# as a backup and a restore; a telemetry collector's sending_queue queue_size as queue
# visibility; a marketing tool's UserJourneyEvent table as an audit log; a Django migration named
# for health as a health handler checking the database.
# fixtures/blind69 holds the real kinds beside them (a pg_dump script, a queue_depth gauge), which
# must still count; fixtures/blind69-near the near misses.  Helpers are prefixed b110_.

fxset_scan_sets b110 blind69

begin "blind69-near: every near miss leaves its rule failing"
fxset_near_passing b110 blind69 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "backup: a pg_dump script counts, test fixtures' mysqldump and mysql < do not"
fxset_rule_is b110 kinds backup.script "pass scripts/backup-db.sh:5"
fxset_near_fails b110 blind69 backup.script
fxset_near_fails b110 blind69 backup.restore-procedure
end

begin "queues: a queue_depth gauge counts, a collector's queue_size setting does not"
fxset_rule_is b110 kinds monitoring.worker-heartbeat "pass internal/worker/metrics.go:7"
fxset_near_fails b110 blind69 monitoring.worker-heartbeat
end

begin "no journey events table as an audit log, no migration named for health as a readiness check"
fxset_near_fails b110 blind69 audit.access-traces
fxset_near_fails b110 blind69 monitoring.readiness-checks
end
