# 115-rules-blind77-78.sh - what the seventy-seventh and seventy-eighth blind sets found (issue 12),
# written here without their files.
# Misses: a Flask health route under underscore segments (/_/_/health) and Mozilla Dockerflow's
# /__lbheartbeat__ and /__heartbeat__ (the latter pinging the store, a readiness check); mozlog
# writing its JSON "heka" format; a convict schema naming each setting's environment variable and
# a JVM application's documented reference.conf, as environment templates; a workflow building
# the image on every pull request without pushing it, as CI; rusqlite's conn.backup("main", …)
# in a backup function, and a periodic task calling it at a fixed hour, as a backup and its
# schedule.
# False passes: a backup section that names only the database, read on into the next section's
# volume and `cp`, as file coverage; a Makefile's .PHONY list naming reset-db beside
# upgrade-deps, as a migration step; a browser page's password form (app/ui/) as an export check.
# fixtures/blind77 holds each kind (asserted by path and line), fixtures/blind77-near the near
# misses.  Helpers are prefixed b115_.

fxset_scan_sets b115 blind77

begin "blind77-near: every near miss leaves its rule failing"
fxset_near_passing b115 blind77 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "health: /_/_/health and Dockerflow's heartbeat routes; /__heartbeat__ pinging the store is readiness"
fxset_rule_is b115 kinds monitoring.health-endpoint "pass pasteshare/app.py:13 server/routes.js:8"
fxset_rule_is b115 kinds monitoring.readiness-checks "pass server/routes.js:12"
fxset_near_fails b115 blind77 monitoring.health-endpoint
fxset_near_fails b115 blind77 monitoring.readiness-checks
end

begin "logs and templates: mozlog's heka format; a convict schema and a documented reference.conf"
fxset_rule_is b115 kinds monitoring.structured-logs "pass server/log.js:8"
fxset_rule_is b115 kinds deploy.env-template "pass modules/server/src/main/resources/reference.conf:4 server/config.js:7"
fxset_near_fails b115 blind77 monitoring.structured-logs
fxset_near_fails b115 blind77 deploy.env-template
end

begin "CI: an image built on every pull request and never pushed is a build check; one pushed is not"
fxset_rule_is b115 kinds deploy.ci-pipeline "pass .github/workflows/image.yml:16"
fxset_near_fails b115 blind77 deploy.ci-pipeline
end

begin "backup: rusqlite's backup in a backup function, called at a fixed hour; not in another function, not a prune"
fxset_rule_is b115 kinds backup.script "pass backend/src/maintenance.rs:18"
fxset_rule_is b115 kinds backup.schedule "pass backend/src/maintenance.rs:11"
fxset_near_fails b115 blind77 backup.script
fxset_near_fails b115 blind77 backup.schedule
end

begin "file coverage: a backup section ends at the next heading of its level, not at a subsection (English, Arabic)"
fxset_rule_is b115 kinds backup.file-coverage "pass docs/ar/operations.md:11 docs/ar/operations.md:3 docs/operations.md:11 docs/operations.md:3"
fxset_near_fails b115 blind77 backup.file-coverage
end

begin "no .PHONY list as a migration step, no browser password form as an export check"
fxset_near_fails b115 blind77 deploy.migration-check
fxset_near_fails b115 blind77 audit.export-checks
end
