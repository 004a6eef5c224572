# 63-rules-blind14.sh - what the fourteenth blind set found (issue 12), written
# here without its files.  False passes: TypeScript declaration files (a
# generated components.d.ts naming an AuditLogEntry component, a vite-env.d.ts
# typing a Sentry DSN) run nothing and are evidence of nothing; a website's
# articles, guides and comparisons (src/content/pages/guides/, content/blog/)
# are written for its readers, not the team's operations; a unit test asserting
# the text of a restore command is no restore drill.  Misses: a security policy
# saying handlers "have to be written defensively" is no placeholder (the
# placeholder is "To be written." on a line of its own, after a colon or in
# brackets); a Go router group mounted at /health answering GET "" is a health
# route.  fixtures/blind14 holds each kind of evidence (asserted by path and
# line), fixtures/blind14-near the false passes.  Helpers are prefixed b63_.

fxset_scan_sets b63 blind14

begin "blind14-near: every false pass leaves its rule failing (only secrets and 'no pending migrations' pass)"
fxset_near_passing b63 blind14 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "declarations: an AuditLogEntry interface in a .ts file counts; a generated components.d.ts and a vite-env.d.ts are not evidence"
fxset_ev b63 blind14 audit.access-traces web/src/audit/entry.ts:2
fxset_near_fails b63 blind14 audit.access-traces
fxset_near_fails b63 blind14 monitoring.error-tracking
end

begin "website content: severity levels in docs/incidents count; the same table in a website guide and a template in a blog post are not"
fxset_ev b63 blind14 incidents.severity-levels docs/incidents/severity.md:1
fxset_near_fails b63 blind14 incidents.severity-levels
fxset_near_fails b63 blind14 incidents.post-incident-review
end

begin "placeholders: 'have to be written defensively' in a security policy is prose; 'To be written.' under the heading is a placeholder"
fxset_ev b63 blind14 audit.security-policy SECURITY.md:3
fxset_near_fails b63 blind14 audit.security-policy
end

begin "health endpoint: a Go router group at /health answering GET \"\"; the same lines commented are not"
fxset_ev b63 blind14 monitoring.health-endpoint api/health.go:7
fxset_near_fails b63 blind14 monitoring.health-endpoint
end

begin "restore drill: a script restoring last night's dump into a scratch database; a unit test of the restore command's text is not"
fxset_ev b63 blind14 backup.restore-drill scripts/restore-check.sh:5
fxset_near_fails b63 blind14 backup.restore-drill
end
