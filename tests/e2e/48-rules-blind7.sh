# 48-rules-blind7.sh - kinds of evidence from the seventh blind set (issue 12):
# documented defaults in config/defaults.hjson and Jinja settings templates
# (*.cfg.j2) as environment templates; a Go export service that is the
# application's backup (zip.NewWriter of its tables and attachments) and its
# round-trip test (TestExportRoundTrip) as a restore drill; a diesel moderation log table, a
# ModerationAction model and a SQLAlchemy-Continuum history with its user as
# audit trails; a PHP migrator run on every request; export handlers that call
# hasAccess() or answer http.StatusForbidden.  The set's false passes: an
# installer comment ("if it does not already exist" is not a database retry) and
# an encrypted Sigstore private key committed outside test folders (it fails
# the secrets rule; the same kind of key under tests/ is a dummy and passes).
# Each passing file in fixtures/blind7 is asserted by path and line;
# fixtures/blind7-near holds a near miss for each.  Helpers are prefixed b48_
# (one shared shell).

# the helpers are tests/lib.sh's fxset_*: reports in $T/b48-NAME.json
fxset_scan_sets b48 blind7

begin "blind7-near: every near miss leaves its rule failing (only the CI pipeline, there for the restore drill, and 'no pending migrations' pass)"
fxset_not_failing b48 near "blind7-near" "['deploy.ci-pipeline', 'deploy.no-pending-migrations']"
end

begin "env template: config/defaults.hjson and a *.cfg.j2; a UI defaults.hjson and an nginx.conf.j2 are not"
fxset_ev b48 blind7 deploy.env-template config/defaults.hjson:3 app/conf-templates/tally.cfg.j2:5
fxset_near_fails b48 blind7 deploy.env-template
end

begin "access traces: a diesel mod_log table, a ModerationAction model, make_versioned with a user class; mod_settings, a toolbar ModAction and user_cls=None are not"
fxset_ev b48 blind7 audit.access-traces crates/store/src/schema.rs:13 app/models/moderation.py:5 app/history.py:4
fxset_near_fails b48 blind7 audit.access-traces
end

begin "migration check: Tally_Migrator::execute( on every request; the migrator's own definition is not"
fxset_ev b48 blind7 deploy.migration-check public/index.php:9
fxset_near_fails b48 blind7 deploy.migration-check
end

begin "export checks: hasAccess() then 403, http.StatusForbidden; an export answering only StatusNotFound is not"
fxset_ev b48 blind7 audit.export-checks app/Controllers/ledgerExportController.php:7 internal/handlers/exports.go:13
fxset_near_fails b48 blind7 audit.export-checks
end

begin "backup: a Go export service that speaks of backups, writing zip.NewWriter with the attachments; a zip of CSV reports is not"
fxset_ev b48 blind7 backup.script internal/services/export_service.go:12
fxset_ev b48 blind7 backup.file-coverage internal/services/export_service.go:10
fxset_near_fails b48 blind7 backup.script
fxset_near_fails b48 blind7 backup.file-coverage
end

begin "restore drill: a Go TestExportRoundTrip restoring its backup through RunImport, with CI; a report round trip that never speaks of backup or restore is not"
fxset_ev b48 blind7 backup.restore-drill internal/services/export_service_test.go:6 .github/workflows/ci.yml:4
fxset_near_fails b48 blind7 backup.restore-drill
end

begin "readiness: 'if it does not already exist' after an attempt on the database is no retry"
fxset_near_fails b48 blind7 monitoring.readiness-checks
end

begin "secrets: an encrypted Sigstore private key fails outside tests, names its file, and passes under tests/"
b48_got=$(fxset_py "$T/b48-near.json" "[(r['outcome'], [(e['path'], e['line']) for e in r['evidence']]) for r in d['rules'] if r['id']=='deploy.secrets-not-committed']")
[ "$b48_got" = "[('fail', [('keys/cosign.key', 1)])]" ] || bad "secrets on blind7-near: $b48_got"
b48_got=$(fxset_py "$T/b48-kinds.json" "[r['outcome'] for r in d['rules'] if r['id']=='deploy.secrets-not-committed']")
[ "$b48_got" = "['pass']" ] || bad "secrets on blind7 (a test key under tests/): $b48_got"
end

begin "Arabic: a failing rule names the new kinds in Arabic"
b48_got=$(fxset_py "$T/b48-near-ar.json" "any('سجل إجراءات الإشراف' in l for r in d['rules'] if r['id']=='audit.access-traces' for l in r['looked_for'])")
[ "$b48_got" = True ] || bad "audit.access-traces in Arabic lacks the moderation log kind: $b48_got"
b48_got=$(fxset_py "$T/b48-near-ar.json" "any('SQLAlchemy-Continuum' in l and 'سجل تغييرات' in l for r in d['rules'] if r['id']=='audit.access-traces' for l in r['looked_for'])")
[ "$b48_got" = True ] || bad "audit.access-traces in Arabic lacks the change history kind: $b48_got"
end
