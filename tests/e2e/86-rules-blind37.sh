# 86-rules-blind37.sh - what the thirty-seventh blind set found (issue 12),
# written here without its files.
# Misses: a route declared with ->setHttpPath('/v1/.../exports') and ->label('scope', ...)
# checks access on an export; a route's ->label('audits.event', ...) records an audit event;
# a C# RestoreBackupAsync in a folder named for backups that opens the archive and extracts
# it is the application's restore.
# False passes: a "Business Continuity and Disaster Recovery" section of claims (English and
# Arabic) is no restore procedure; a test that restores its environment variables beside
# 'export' is no backup round trip; a translation file's 'access_logs' key, an AuditLog call
# in a comment's example and a plan under docs/plans/ are no audit log; a download route of
# scope 'public' checks nothing; opening a zip with ZipArchiveMode.Read writes no backup; a
# RestoreDefaultsAsync extracts nothing.
# fixtures/blind37 holds each kind (asserted by path and line), fixtures/blind37-near
# the near misses.  Helpers are prefixed b86_.

fxset_scan_sets b86 blind37

begin "blind37-near: every near miss leaves its rule failing"
fxset_near_passing b86 blind37 "['deploy.ci-pipeline', 'deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "export checks: ->setHttpPath('/v1/reports/exports') then ->label('scope', 'reports.read'); not scope 'public'"
fxset_rule_is b86 kinds audit.export-checks "pass src/Platform/Reports/Exports/Create.php:13"
fxset_near_fails b86 blind37 audit.export-checks
end

begin "access traces: ->label('audits.event', ...); not a lang file, a comment's example or a plan"
fxset_rule_is b86 kinds audit.access-traces "pass app/controllers/shared.php:16 src/Platform/Reports/Exports/Create.php:17"
fxset_near_fails b86 blind37 audit.access-traces
end

begin "restore: a C# RestoreBackupAsync extracting its archive; not business continuity claims (en, ar), nor RestoreDefaultsAsync"
fxset_rule_is b86 kinds backup.restore-procedure "pass Server/FullBackup/BackupService.cs:16"
fxset_near_fails b86 blind37 backup.restore-procedure
end

begin "no backup and no round trip: ZipArchiveMode.Read, a test restoring its environment"
fxset_rule_is b86 kinds backup.script "fail"
fxset_near_fails b86 blind37 backup.restore-drill
end
