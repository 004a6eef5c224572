# 55-rules-blind10.sh - false passes found by the tenth blind set (issue 12): a
# product's own alerting providers (alerting/provider/newrelic), a pluggable
# module named for a tracker (modules/analytics/elasticapm) and a separate
# installer tool reporting its own crashes are no error tracker of the
# application; a PagerDuty integration guide for users (English and Arabic) is
# no on-call routing; a function forwarding log entries to an error tracker
# (func SentryLogEntry) is no audit trail; the unedited README of a NestJS
# starter is no local setup of the project; a readinessProbe in an examples
# folder is not the project's, and probes of a database container (a tcpSocket
# on 3306, a mysql exec) or of the home page "/" are no health endpoint; a
# Kysely migrateToLatest() at application start-up is a migration check.
# fixtures/blind10 holds genuine evidence of each kind (asserted by path and
# line), fixtures/blind10-near the false passes.  Helpers are prefixed b55_
# (one shared shell).

# the helpers are tests/lib.sh's fxset_*: reports in $T/b55-NAME.json
fxset_scan_sets b55 blind10

begin "blind10-near: every false pass leaves its rule failing (only secrets and 'no pending migrations' pass)"
fxset_near_passing b55 blind10 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "error tracking: bugsnag.Configure in the server counts; alerting/provider/newrelic, modules/analytics/elasticapm and an installer's bugsnag are not"
fxset_ev b55 blind10 monitoring.error-tracking internal/errors/report.go:7
fxset_near_fails b55 blind10 monitoring.error-tracking
end

begin "alert routing: an on-call rota routing and escalating alerts (English and Arabic); a PagerDuty integration guide (English and Arabic) is not"
fxset_ev b55 blind10 monitoring.alert-routing docs/on-call.md:1 docs/on-call.ar.md:1
fxset_near_fails b55 blind10 monitoring.alert-routing
end

begin "access traces: an AdminLogEntry audit struct; func SentryLogEntry is not"
fxset_ev b55 blind10 audit.access-traces internal/audit/entry.go:6
fxset_near_fails b55 blind10 audit.access-traces
end

begin "local setup: a Getting started section with the project's commands; an unedited NestJS starter README is not"
fxset_ev b55 blind10 deploy.local-setup README.md:5
fxset_near_fails b55 blind10 deploy.local-setup
end

begin "readiness and health: a deployment's readinessProbe on /healthz; an examples folder's probe, a probe of '/' and a database container's probes are not"
fxset_ev b55 blind10 monitoring.readiness-checks deploy/k8s/app.yaml:13
fxset_ev b55 blind10 monitoring.health-endpoint deploy/k8s/app.yaml:13
fxset_near_fails b55 blind10 monitoring.readiness-checks
fxset_near_fails b55 blind10 monitoring.health-endpoint
end

begin "migration check: Kysely migrateToLatest() in onApplicationBootstrap; a commented call and the name in a string are not"
fxset_ev b55 blind10 deploy.migration-check src/database/database.module.ts:11
fxset_near_fails b55 blind10 deploy.migration-check
end
