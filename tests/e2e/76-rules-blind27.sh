# 76-rules-blind27.sh - what the twenty-seventh blind set found (issue 12),
# written here without its files.
# A miss: a README's development steps that name the command after a colon, in
# backticks ("1. Build the binary and the dashboard: `make build`"), are local
# setup.
# False passes: `manage.py loaddata fixtures/…` in a start script loads initial
# data and restores nothing (loaddata of a backup still does); JavaScript's
# `await db.init();` in a script is no wait for the database (a start script's
# own `svc_wait db || exit 1` still is: 75-rules-blind26); a docs site's
# vercel.json redirecting /integrations/newrelic or /integrations/bugsnag is a
# page, not an error tracker (`import sentry_sdk` in the settings still is one).
# fixtures/blind27 holds each kind (asserted by path and line), fixtures/blind27-near
# the near misses.  Helpers are prefixed b76_.

fxset_scan_sets b76 blind27

begin "blind27-near: every near miss leaves its rule failing"
fxset_near_passing b76 blind27 "['deploy.secrets-not-committed', 'deploy.migration-check', 'deploy.no-pending-migrations']"
end

begin "local setup: numbered steps naming the command after a colon count; steps naming a document or a link do not"
fxset_rule_is b76 kinds deploy.local-setup "pass README.md:9"
fxset_near_fails b76 blind27 deploy.local-setup
end

begin "error tracking: sentry_sdk set up in the settings counts; a vercel.json redirect to an integration page does not"
fxset_rule_is b76 kinds monitoring.error-tracking "pass app/settings.py:3"
fxset_near_fails b76 blind27 monitoring.error-tracking
end

begin "restore and readiness: loaddata of a backup restores, loaddata of fixtures does not; await db.init() waits for nothing"
fxset_rule_is b76 kinds backup.restore-procedure "pass scripts/restore.sh:5"
fxset_near_fails b76 blind27 backup.restore-procedure
fxset_near_fails b76 blind27 monitoring.readiness-checks
end
