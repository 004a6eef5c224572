# 47-rules-blind6.sh - kinds of evidence from the sixth blind set (issue 12): a
# Laravel route chained after withoutMiddleware, Rust and Go applications that
# migrate and back up their own database, event models of Rust (diesel) and Go
# (gorm), export handlers guarded by a typed admin or owner parameter, an
# installer run by the container entrypoint, a health action that queries its
# connection, PHP configuration templates (*.php.dist, Setting(...) lists),
# Rust error tracking (the sentry crate) and JSON logs (tracing-bunyan-formatter).
# Each passing file in fixtures/blind6 is asserted as evidence by path and
# line; fixtures/blind6-near holds a near miss for each, and the two false
# passes the set found (a journal view's $stockLogEntry, an access_logs config
# key). These recognitions read code, not words: the Arabic case is the report
# naming each new kind in Arabic. Helpers are prefixed b47_ (one shared shell).

# the helpers are tests/lib.sh's fxset_*: reports in $T/b47-NAME.json
fxset_scan_sets b47 blind6

begin "blind6-near: every near miss leaves its rule failing (only the two 'nothing forbidden' rules pass)"
fxset_not_failing b47 near "blind6-near" "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "health endpoint: a Laravel route chained after Route::withoutMiddleware(...); /healthy-recipes is not one"
fxset_ev b47 blind6 monitoring.health-endpoint src/Action/HealthAction.php:11 web/routes/web.php:12
fxset_near_fails b47 blind6 monitoring.health-endpoint
end

begin "migration check: diesel run_pending_migrations, golang-migrate Up, ->migrateDatabase(), an installer init in the entrypoint"
fxset_ev b47 blind6 deploy.migration-check server/src/store/setup.rs:14 cmd/server/schema.go:17 controllers/MaintenanceController.php:12 docker/entrypoint.sh:8
# embedded but never run, run only by a test, alembic's env.py, an installer in a comment,
# a tool's own bin/installer (not a Composer-installed application installer)
fxset_near_fails b47 blind6 deploy.migration-check
end

begin "backup script: the application's backup function copying SQLite with VACUUM INTO; the same copy for compaction is not a backup"
fxset_ev b47 blind6 backup.script server/src/store/maintenance.rs:7
fxset_near_fails b47 blind6 backup.script
end

begin "access traces: diesel and gorm event models with actor, action and target; a websocket payload, a journal view and an access_logs config key are not"
fxset_ev b47 blind6 audit.access-traces server/src/store/team_event.rs:8 internal/history/member_event.go:6
fxset_near_fails b47 blind6 audit.access-traces
end

begin "export checks: an export handler taking OwnerHeaders or Depends(get_current_admin); plain Headers is no check"
fxset_ev b47 blind6 audit.export-checks server/src/api/reports.rs:8 api/archive.py:11
fxset_near_fails b47 blind6 audit.export-checks
end

begin "readiness: a health action querying its connection (getConnection, getDummySelectSQL); a static status is not"
fxset_ev b47 blind6 monitoring.readiness-checks src/Action/HealthAction.php:18
fxset_near_fails b47 blind6 monitoring.readiness-checks
end

begin "env template: a *.php.dist of EnvVars::X->value => ... and a settings-dist.php of Setting(...); an empty *.php.dist is not"
fxset_ev b47 blind6 deploy.env-template config/params/app_env.php.dist:9 settings-dist.php:6
fxset_near_fails b47 blind6 deploy.env-template
end

begin "Arabic: a failing rule names the new kinds in Arabic"
b47_got=$(fxset_py "$T/b47-near-ar.json" "any('حارس مدير أو مالك' in l for r in d['rules'] if r['id']=='audit.export-checks' for l in r['looked_for'])")
[ "$b47_got" = True ] || bad "audit.export-checks in Arabic lacks the admin-guard kind: $b47_got"
b47_got=$(fxset_py "$T/b47-near-ar.json" "any('VACUUM INTO في SQLite' in l for r in d['rules'] if r['id']=='backup.script' for l in r['looked_for'])")
[ "$b47_got" = True ] || bad "backup.script in Arabic lacks the VACUUM INTO kind: $b47_got"
end

begin "Rust error tracking and JSON logs: the sentry crate and sentry::init, tracing-bunyan-formatter; commented lines and a json feature flag alone are not"
fxset_ev b47 blind6 monitoring.error-tracking server/Cargo.toml:10 server/src/main.rs:8
fxset_near_fails b47 blind6 monitoring.error-tracking
fxset_ev b47 blind6 monitoring.structured-logs server/Cargo.toml:13 server/src/main.rs:1
fxset_near_fails b47 blind6 monitoring.structured-logs
end
