# 87-rules-blind38.sh - what the thirty-eighth blind set found (issue 12),
# written here without its files.
# Misses: a TypeScript method checkAndPrepareRestoration() in a BackupManager that calls its
# extractBackupArchive() is the application's restore; a "Running backend dev environment"
# section (and "تشغيل بيئة التطوير") with its commands is a local setup; app.use() of a constant
# named healthCheckEndPoint is a health route; a .github/SECURITY.md asking that security
# reports not be submitted through issues and pointing to the directions for submitting
# vulnerabilities is a security policy; Pyramid's @view_config(permission=
# Permissions.AdminUsersExport) authorises an export.
# False passes: HTML help text naming mysql before <br /> is no `mysql < file`; a detector of
# the trackers a user's site runs (SiteContentDetection/BugSnag.php) configures no tracker;
# a docker-entrypoint-initdb.d script loading example.sql.xz restores no backup; "a workflow
# cannot impersonate a workflow" is no support rule; nor a method that only describes the
# restore, a commented or static app.use(), a "Running backend tests" section, a SECURITY.md
# without a channel, an export view with no permission.
# fixtures/blind38 holds each kind (asserted by path and line), fixtures/blind38-near
# the near misses.  Helpers are prefixed b87_.

fxset_scan_sets b87 blind38

begin "blind38-near: every near miss leaves its rule failing"
fxset_near_passing b87 blind38 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "restore: checkAndPrepareRestoration() calling extractBackupArchive(); not a method describing it, nor html help naming mysql, nor an initdb script loading example.sql"
fxset_rule_is b87 kinds backup.restore-procedure "pass src/system/BackupManager.ts:6"
fxset_near_fails b87 blind38 backup.restore-procedure
end

begin "local setup: Running backend dev environment (and تشغيل بيئة التطوير) with commands; not Running backend tests"
fxset_rule_is b87 kinds deploy.local-setup "pass CONTRIBUTING.md:5 docs/ar/CONTRIBUTING.md:5"
fxset_near_fails b87 blind38 deploy.local-setup
end

begin "health: app.use(Constants.healthCheckEndPoint, ...); not a static path, nor a comment"
fxset_rule_is b87 kinds monitoring.health-endpoint "pass src/app.ts:9"
fxset_near_fails b87 blind38 monitoring.health-endpoint
end

begin "security policy and export checks: reports not submitted through issues; @view_config(permission=Permissions.AdminUsersExport)"
fxset_rule_is b87 kinds audit.security-policy "pass .github/SECURITY.md:5"
fxset_near_fails b87 blind38 audit.security-policy
fxset_rule_is b87 kinds audit.export-checks "pass admin/views/users.py:10"
fxset_near_fails b87 blind38 audit.export-checks
end

begin "no tracker and no impersonation rule: a site-content detector of BugSnag, a workflow that cannot impersonate another"
fxset_near_fails b87 blind38 monitoring.error-tracking
fxset_near_fails b87 blind38 support.no-impersonation
end
