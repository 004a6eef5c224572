# 89-rules-blind40.sh - what the fortieth blind set found (issue 12),
# written here without its files.
# Misses: Ory's healthx.NewHandler with healthx.ReadyCheckers pinging the database is a health
# endpoint and a readiness check; a router group at /health answering GET "/alive" and "/ready"
# is a health route; Azure Application Insights (the applicationinsights package,
# appInsights.trackException()) is an error tracker; a contributing guide's warning not to report
# a security issue in public issues but to e-mail security@… (an Arabic README's too) is a security
# policy.
# False passes: an upgrade page's advice bullets, "Rollback plan: have a tested rollback
# procedure", are no staging or production runbook and no rollback runbook; nor a group at
# /health answering only POST "/reset", a commented healthx handler, ReadyCheckers that check
# nothing, or the applicationinsights-js browser types.
# fixtures/blind40 holds each kind (asserted by path and line), fixtures/blind40-near
# the near misses.  Helpers are prefixed b89_.

fxset_scan_sets b89 blind40

begin "blind40-near: every near miss leaves its rule failing"
fxset_near_passing b89 blind40 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "health: healthx.NewHandler, and e.Group(\"/health\") then .GET(\"/alive\"); not POST \"/reset\" nor a comment"
fxset_rule_is b89 kinds monitoring.health-endpoint "pass backend/handler/router.go:8 driver/registry.go:12"
fxset_near_fails b89 blind40 monitoring.health-endpoint
end

begin "readiness: healthx.ReadyCheckers pinging the database; not checkers that check nothing"
fxset_rule_is b89 kinds monitoring.readiness-checks "pass backend/handler/router.go:10 driver/registry.go:13"
fxset_near_fails b89 blind40 monitoring.readiness-checks
end

begin "error tracking: applicationinsights and appInsights.trackException(); not applicationinsights-js"
fxset_rule_is b89 kinds monitoring.error-tracking "pass packages/insights/package.json:6 src/app/init.ts:4"
fxset_near_fails b89 blind40 monitoring.error-tracking
end

begin "no runbook: an upgrade page's bullets naming a rollback plan"
fxset_near_fails b89 blind40 deploy.staging-runbook
fxset_near_fails b89 blind40 deploy.production-runbook
fxset_near_fails b89 blind40 incidents.rollback
end

begin "security policy: a contributing guide's warning to e-mail security@ rather than open a public issue (and an Arabic README's line); not \"report security issues in the public tracker\""
fxset_rule_is b89 kinds audit.security-policy "pass .github/CONTRIBUTING.md:9 README.md:9"
fxset_near_fails b89 blind40 audit.security-policy
end
