# 118-rules-review79.sh - what a review of the seventy-seventh to eightieth sets' rules found
# (issue 12), written here.
# Kept counting: a workflow running a test Dockerfile or a test Compose file ("test" in a file
# name is a test; only an e-mail address's "test" is none); a backup section whose fenced code
# carries a shell comment (# stop the app first: only a heading followed by a blank line ends a
# section); a server-side export view in a ui/ package and an application's report downloader;
# a script named …-db running upgrade.
# Now counted: rusqlite's MAIN_DB, an hour read as a property (now.hour == 3), a sign-ins table
# whose columns carry sizes (VARCHAR(64)), in a .sql migration too, a restore method on a class
# (self.backup_path), a reference.conf documented with // comments.
# No longer counted: an image pushed with `docker image push` on a pull-request workflow; a file
# named for backups copying a logo, or named for restores; rusqlite's backup in an `unsafe fn`
# below a `fn backup_dir`; a sign-ins table whose only "user" is user_agent.
# fixtures/review79 holds what must count (asserted by path and line), fixtures/review79-near
# what must not.  Helpers are prefixed b118_.

fxset_scan_sets b118 review79

begin "review79-near: every near miss leaves its rule failing"
fxset_near_passing b118 review79 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "CI: a test Dockerfile and a test Compose file are tests; an image pushed by docker image push is a release"
fxset_rule_is b118 kinds deploy.ci-pipeline "pass .github/workflows/ci.yml:12"
fxset_near_fails b118 review79 deploy.ci-pipeline
end

begin "file coverage: a shell comment in a backup section's code block ends nothing"
fxset_rule_is b118 kinds backup.file-coverage "pass README.md:5"
end

begin "export checks: a server-side view in ui/ and an application's downloader still count"
fxset_rule_is b118 kinds audit.export-checks "pass app/services/report_downloader.rb:3 ui/views/export.py:1"
end

begin "backup: MAIN_DB, now.hour == 3, a restore method on a class; no logo copy, restore file or unsafe fn"
fxset_rule_is b118 kinds backup.script "pass src/snapshot.rs:3"
fxset_rule_is b118 kinds backup.schedule "pass tasks/nightly.py:8"
fxset_rule_is b118 kinds backup.restore-procedure "pass tracker/maintenance.py:10"
fxset_near_fails b118 review79 backup.script
end

begin "access traces, templates and migrations: sized columns, // comments, ./manage-db upgrade"
fxset_rule_is b118 kinds audit.access-traces "pass db/migrations/004_login_history.sql:1"
fxset_near_fails b118 review79 audit.access-traces
fxset_rule_is b118 kinds deploy.env-template "pass modules/api/src/main/resources/reference.conf:2"
fxset_rule_is b118 kinds deploy.migration-check "pass Makefile:2"
end
