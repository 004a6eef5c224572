# 105-rules-blind59-60.sh - what the fifty-ninth and sixtieth blind sets found (issue 12),
# written here without their files.
# Misses: a Go handler attached for GET at a constant named for the liveness or readiness path
# (attach(http.MethodGet, LivePath, …)); a controller's action checking the service's daemons
# (ServiceController::serviceCheck()); the log package switched to JSON by its format setting
# (case "json": SetJSON(true)); a PHP logger json-encoding each record before writing it; a Garden
# controller's $this->permission([...]) before an export; an audit function recording the user and
# $_SERVER['REMOTE_ADDR']; a watchdog restarting a daemon whose heartbeat is older than the allowed
# delay; a cron.d line whose minute and hour are filled in at install (%RANDOM1%0:59%).
# False passes: a network interface's "TX queue length" as queue visibility; wait-for-it in a shell
# comment and in a development helper under dev/ as a readiness check; a replication guide's
# "replica_backup" volume as a backup section; a CI job's configuration template as an environment
# template.
# fixtures/blind59 holds each kind (asserted by path and line), fixtures/blind59-near the near
# misses.  Helpers are prefixed b105_.

fxset_scan_sets b105 blind59

begin "blind59-near: every near miss leaves its rule failing"
fxset_near_passing b105 blind59 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "health: a handler attached at LivePath, a controller's serviceCheck()"
fxset_rule_is b105 kinds monitoring.health-endpoint "pass api/Controller/ServiceController.php:5 internal/api/health/health.go:18"
end

begin "logs: case \"json\": SetJSON(true), a PHP logger json-encoding each record"
fxset_rule_is b105 kinds monitoring.structured-logs "pass internal/log/format.go:11 library/Logging/EventLogger.php:10"
end

begin "audit: \$this->permission([...]) before an export, an audit function with REMOTE_ADDR"
fxset_rule_is b105 kinds audit.export-checks "pass controllers/api/ReportExportApiController.php:7"
fxset_rule_is b105 kinds audit.access-traces "pass web/includes/audit.php:3"
end

begin "heartbeat: a watchdog restarting a stale daemon; not a TX queue length"
fxset_rule_is b105 kinds monitoring.worker-heartbeat "pass scripts/watchdog.pl.in:8"
fxset_near_fails b105 blind59 monitoring.worker-heartbeat
end

begin "backup: a cron.d line filled in at install; not a replication guide's replica_backup volume"
fxset_rule_is b105 kinds backup.schedule "pass etc/cron.d/app-backup.dist:2"
fxset_near_fails b105 blind59 backup.script
end

begin "no readiness in a comment or a dev/ helper, no environment template in a CI folder"
fxset_near_fails b105 blind59 monitoring.readiness-checks
fxset_near_fails b105 blind59 deploy.env-template
end
