# 74-rules-blind25.sh - what the twenty-fifth blind set found (issue 12),
# written here without its files.
# Misses: a Go application's dump command writing the whole database to an SQL
# file with xorm's DumpAllToFile is its backup; a container entrypoint running
# the installed binary's `upgrade`, whose cobra command runs the migrations,
# applies migrations in the deploy path.
# False passes: a release workflow or script listing MongoDB's tools by name
# (for t in bsondump mongodump ... mongorestore ...; rm -f bundle/mongodump ...)
# is no backup, restore, drill or verification; Font Awesome's vendored
# metadata naming AppSignal is no error tracker; "no impersonation bypass" of an
# export check (لا ثغرة انتحال) is no rule against impersonation, nor is a
# word in another cell of the same table row.
# A false fail: the no-pending-migrations rule read a test file (.cjs), a
# script without an extension (#!) and a status panel listing a migration's
# states side by side (Success / Pending / Failed; ناجح / معلق / فاشل) as
# pending migrations.
# fixtures/blind25 holds each kind (asserted by path and line), fixtures/blind25-near
# the near misses.  Helpers are prefixed b74_.

fxset_scan_sets b74 blind25

begin "blind25-near: every near miss leaves its rule failing; a test, a script and a status panel list no pending migration"
# its release.yml runs only on tag pushes: no CI of every change since the thirtieth set (79-)
fxset_near_passing b74 blind25 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "backup: xorm's DumpAllToFile in the application's dump command is its backup; a list of MongoDB's tools is none"
fxset_rule_is b74 kinds backup.script "pass internal/cli/dump.go:21"
fxset_near_fails b74 blind25 backup.script
fxset_near_fails b74 blind25 backup.restore-procedure
fxset_near_fails b74 blind25 backup.restore-drill
fxset_near_fails b74 blind25 backup.verification
end

begin "migrations: an entrypoint running the binary's upgrade (with its flags), whose cobra command migrates, counts; an upgrade command that only checks for releases does not"
fxset_rule_is b74 kinds deploy.migration-check "pass cmd/command.go:12 script/entrypoint.sh:4"
fxset_near_fails b74 blind25 deploy.migration-check
end

begin "error tracking and impersonation: Font Awesome's sponsors are no tracker; 'no impersonation bypass' (لا ثغرة انتحال) is no rule"
fxset_near_fails b74 blind25 monitoring.error-tracking
fxset_near_fails b74 blind25 support.no-impersonation
end
