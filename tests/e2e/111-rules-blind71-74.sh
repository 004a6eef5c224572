# 111-rules-blind71-74.sh - what the seventy-first to seventy-fourth blind sets found (issue 12),
# written here without their files.
# Misses: a Go route serving /healthz.json; a backup document archiving the host's data with tar
# into a file named for backups; Python's sqlite3 Connection.backup in a backup method; a Go
# backup function dumping the state and writing it to a file; a restore function parsing the
# backup's dump; the scheduler package's scheduler.daily(…, backup_task); a README backup section
# giving the crontab line; a status view counting the running RQ workers and a Prometheus
# collector of the jobs waiting by queue; an annotation asking for the export permission and a
# member's export restriction refused on the next line; a contributing guide's security section
# naming a contact form and an address written out as security_at_example_dot_org; crowlog's
# JSON logger in the dependencies.
# False passes: a security policy asking for vulnerabilities as public issues; a certificate
# note ("local or staging use, not production") as the three environments; a datastore
# integrity sentence followed by list items under the next heading as a backup verification
# checklist; a workflow run on releases and by hand that only builds and pushes an image, its
# docker build inside a run block, as CI; a test suite's Compose file (tests_e2e/) as readiness;
# a Rocket route in src/test_routes.rs as a health endpoint; a settings struct's queue_size as
# queue visibility; log_activity() with no arguments as an audit event; a UI dialog's help page
# (backup_dialog.rst) as a backup verification; a restore test skipped without pg_restore as a
# restore drill; a versioned Font Awesome folder's sponsor list as an error tracker; a Laravel
# package's artisan filament:upgrade in a Composer hook as a migration step; an event class named
# Healthy importing Illuminate\Queue and a listener printing a measured ping as readiness checks.
# fixtures/blind71 holds each kind (asserted by path and line), fixtures/blind71-near the near
# misses.  Helpers are prefixed b111_.

fxset_scan_sets b111 blind71

begin "blind71-near: every near miss leaves its rule failing"
fxset_near_passing b111 blind71 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "backup: a tar archive in a backup document, sqlite3's backup(), a Go dump written to a file"
fxset_rule_is b111 kinds backup.script "pass docs/ops/backup-and-recovery.md:9 internal/archive/writer.go:11 ledger/store/snapshot.py:9"
fxset_near_fails b111 blind71 backup.script
end

begin "schedule: a README backup section's crontab line, scheduler.daily(…, _nightly_ledger_backup)"
fxset_rule_is b111 kinds backup.schedule "pass README.md:10 ledger/store/jobs.py:8"
end

begin "restore: restoreArchive parsing the backup's dump"
fxset_rule_is b111 kinds backup.restore-procedure "pass internal/archive/load.go:5"
end

begin "backup verification: no integrity sentence over another section's list, no dialog help page"
fxset_near_fails b111 blind71 backup.verification
fxset_near_fails b111 blind71 backup.file-coverage
fxset_near_fails b111 blind71 backup.restore-drill
end

begin "health: GET /healthz.json counts, a route in src/test_routes.rs does not"
fxset_rule_is b111 kinds monitoring.health-endpoint "pass cmd/harbord/routes.go:6"
fxset_near_fails b111 blind71 monitoring.health-endpoint
fxset_near_fails b111 blind71 monitoring.readiness-checks
end

begin "queues: Worker.count(get_connection(…)) and a collector of jobs waiting, not a queue_size field"
fxset_rule_is b111 kinds monitoring.worker-heartbeat "pass core/api/status.py:11 internal/jobs/metrics.go:5"
fxset_near_fails b111 blind71 monitoring.worker-heartbeat
fxset_near_fails b111 blind71 monitoring.error-tracking
end

begin "export checks: @CheckPermission(Perm.PROJECT_EXPORT), an export restriction refused"
fxset_rule_is b111 kinds audit.export-checks "pass grails-app/controllers/harbor/ArchiveController.groovy:6 pkg/ledger/csv.go:8"
fxset_near_fails b111 blind71 audit.access-traces
end

begin "security policy: a contact form and security_at_…_dot_… count, a public issue does not"
fxset_rule_is b111 kinds audit.security-policy "pass CONTRIBUTING.md:5"
fxset_rule_is b111 near audit.security-policy "fail SECURITY.md:6"
end

begin "no image-only release workflow as CI, no certificate note as the three environments"
fxset_near_fails b111 blind71 deploy.ci-pipeline
fxset_near_fails b111 blind71 deploy.environments
end

begin "logs: @crowlog/logger in the dependencies is JSON logging"
fxset_rule_is b111 kinds monitoring.structured-logs "pass apps/server/package.json:9"
end

begin "no artisan filament:upgrade as a migration step, no imported Queue or measured ping as readiness"
fxset_near_fails b111 blind71 deploy.migration-check
fxset_near_fails b111 blind71 monitoring.readiness-checks
end
