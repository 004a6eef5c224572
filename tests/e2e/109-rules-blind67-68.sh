# 109-rules-blind67-68.sh - what the sixty-seventh and sixty-eighth blind sets found (issue 12),
# written here without their files.
# Misses: a Zend or Laminas style HealthController with an indexAction (a health endpoint); an
# audit logger writing each sign-in with the user and the client's address (an access trace).
# False fails: Firebase's google-services.json and its public API key as a committed secret, a
# stylesheet named pending-migration.less as a note listing a pending migration.
# False passes: a module's metadata under migrate/ as a migration script; a design note saying
# no cross-tenant leak path is reachable through the API as a support rule (while the support
# team's "must never bypass the tenant boundary" still counts).
# fixtures/blind67 holds each kind (asserted by path and line), fixtures/blind67-near the near
# misses.  Helpers are prefixed b109_.

fxset_scan_sets b109 blind67

begin "blind67-near: every near miss leaves its rule failing"
fxset_near_passing b109 blind67 "['deploy.no-pending-migrations', 'monitoring.structured-logs']"
end

begin "health: class HealthController extends CompatController with an indexAction"
fxset_rule_is b109 kinds monitoring.health-endpoint "pass application/controllers/HealthController.php:11"
fxset_near_fails b109 blind67 monitoring.health-endpoint
end

begin "access traces: Audit.Info().Str(\"username\", …).Str(\"ip\", c.ClientIP())"
fxset_rule_is b109 kinds audit.access-traces "pass internal/auditlog/audit.go:12"
fxset_near_fails b109 blind67 audit.access-traces
end

begin "secrets: google-services.json's public API key is none, the same key elsewhere still is"
fxset_rule_is b109 kinds deploy.secrets-not-committed "pass"
fxset_rule_is b109 near deploy.secrets-not-committed "fail config/firebase.json:3"
end

begin "pending migrations: a stylesheet named pending-migration.less lists none"
fxset_rule_is b109 kinds deploy.no-pending-migrations "pass"
end

begin "no module metadata under migrate/ as a migration script, no design note as a support rule"
fxset_rule_is b109 kinds support.no-impersonation "pass docs/support-access.md:5"
fxset_near_fails b109 blind67 deploy.migration-check
fxset_near_fails b109 blind67 support.no-impersonation
end
