# 82-rules-blind33.sh - what the thirty-third blind set found (issue 12),
# written here without its files.
# Misses: a scheduler writing schedule.last_run when schedule:run finishes is a heartbeat;
# a docs page whose front matter title is "Setting up development environment" (Arabic:
# "بيئة التطوير") and which says "run `npm run dev`" in a sentence is local setup; an
# Express "/status(/hooks)?" route checking SELECT 1 (18 lines down) is a readiness check;
# winston 2's transport options with `json: logAsJson` are JSON logging.
# False passes: a package README's `npm i -D @scope/lib` and a wrapped line ending
# "installation." are no setup heading; 'mysql' in quotes beside `$port < 1` is no restore;
# a browser page's setInterval in make-backup.js is no backup schedule; a release
# checklist's "Revert <https://…/pull/N>" is no rollback; a chat server's invite events table
# is no audit trail.
# fixtures/blind33 holds each kind (asserted by path and line), fixtures/blind33-near
# the near misses.  Helpers are prefixed b82_.

fxset_scan_sets b82 blind33

begin "blind33-near: every near miss leaves its rule failing"
fxset_near_passing b82 blind33 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "local setup: a front matter title (English, Arabic) and run \`npm run dev\` in a sentence; not npm i -D of a library, not a wrapped 'installation.'"
fxset_rule_is b82 kinds deploy.local-setup "pass docs/ar/setting-up.md:2 docs/content/development/setting-up.md:2"
fxset_near_fails b82 blind33 deploy.local-setup
end

begin "readiness: /status(/hooks)? whose handler runs SELECT 1; not a /status answering ok beside a /stats route querying"
fxset_rule_is b82 kinds monitoring.readiness-checks "pass server/lib/FlexServer.ts:4"
fxset_near_fails b82 blind33 monitoring.readiness-checks
end

begin "JSON logs and heartbeats: winston 2 json: logAsJson, schedule.last_run; not json: false"
fxset_rule_is b82 kinds monitoring.structured-logs "pass server/lib/log.ts:8"
fxset_near_fails b82 blind33 monitoring.structured-logs
fxset_rule_is b82 kinds monitoring.worker-heartbeat "pass src/Console/ConsoleServiceProvider.php:11"
end

begin "no restore, schedule, rollback or audit trail: 'mysql' in quotes, a browser timer, Revert <url>, invite events"
fxset_near_fails b82 blind33 backup.restore-procedure
fxset_near_fails b82 blind33 backup.schedule
fxset_near_fails b82 blind33 incidents.rollback
fxset_near_fails b82 blind33 audit.access-traces
end
