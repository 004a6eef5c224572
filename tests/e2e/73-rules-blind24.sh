# 73-rules-blind24.sh - what the twenty-fourth blind set found (issue 12),
# written here without its files.
# Misses of the health route: a Beego route (web.Router("/api/health", ...)) and
# an Express route with TypeScript type arguments
# (router.get<unknown, StatusResponse>('/status', ...)).
# False passes from go.mod: zerolog and sentry-go listed as `// indirect`
# dependencies (a dependency of a dependency, which the application neither
# configures nor calls) counted as JSON logs and as an error tracker.
# The secrets rule: keys under a test_resources/ folder are test fixtures, as
# under testdata/ (a private key elsewhere still fails).
# The restore drill's citation: a backup-and-restore round trip through the
# application's routes is cited at the round trip's backup call, not at an
# earlier test's remove_backups route (a route removing backups is no backup).
# fixtures/blind24 holds each kind (asserted by path and line), fixtures/blind24-near
# the near misses.  Helpers are prefixed b73_.

fxset_scan_sets b73 blind24

begin "blind24-near: every near miss leaves its rule failing; keys under test_resources/ do not fail the secrets rule"
fxset_near_passing b73 blind24 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "health: a Beego web.Router of /api/health and router.get<…>('/status') count; /api/metrics and '/status/:id' do not"
fxset_rule_is b73 kinds monitoring.health-endpoint "pass routers/router.go:11 server/routes/index.ts:7"
fxset_near_fails b73 blind24 monitoring.health-endpoint
end

begin "go.mod: a direct zerolog dependency is JSON logging; an indirect zerolog or sentry-go is neither logging nor error tracking"
fxset_rule_is b73 kinds monitoring.structured-logs "pass go.mod:7"
fxset_near_fails b73 blind24 monitoring.structured-logs
fxset_near_fails b73 blind24 monitoring.error-tracking
end

begin "restore drill: a round trip through the backup and restore routes is cited at its own backup call, not at remove_backups"
fxset_rule_is b73 kinds backup.restore-drill "pass .github/workflows/test.yml:1 tests/test_backup.py:74"
end
