# 98-rules-blind49.sh - what the forty-ninth blind set found (issue 12),
# written here without its files.
# Misses: a Go command's own backup (urfave/cli, database.DumpDatabase) and restore
# (Name: "restore", database.ImportDatabase); a backup setup script installing the cron job
# that runs the backup script; a development guide whose "Step 3: Start the server" gives
# moon run (الخطوة 2: تشغيل الخادم in Arabic); a Go health handler pinging the database
# (database.Ping()) and a Node ping handler querying it (module.exports.ping … await db.…);
# events.log({ uid, ip }) as an audit trail; UPDATE.md as the upgrade guide (restoring "the
# dump you took") and its bold "Going back" paragraph as the rollback steps (**التراجع …**).
# False passes: a template named migrate.tmpl is no migration script; a cron job pruning
# backups (backup-rotate.sh) is no backup schedule; an events.log without the client's
# address, a ping answering pong and an import of an audit model are no evidence.
# fixtures/blind49 holds each kind (asserted by path and line), fixtures/blind49-near
# the near misses.  Helpers are prefixed b98_.

fxset_scan_sets b98 blind49

begin "blind49-near: every near miss leaves its rule failing"
fxset_near_passing b98 blind49 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "backup: a Go backup command dumping the database; restore: its restore command importing it"
fxset_rule_is b98 kinds backup.script "pass cmd/larkctl/backup.go:24"
fxset_rule_is b98 kinds backup.restore-procedure "pass cmd/larkctl/restore.go:13"
end

begin "schedule: a setup script installing the backup's cron job; not one pruning backups"
fxset_rule_is b98 kinds backup.schedule "pass docker/runtime/backup-setup.sh:19"
fxset_near_fails b98 blind49 backup.schedule
end

begin "local setup: Step 3: Start the server, moon run (and الخطوة 2: تشغيل الخادم)"
fxset_rule_is b98 kinds deploy.local-setup "pass docs/ar/setup.md:9 docs/dev/working-on-larkspur.md:15"
end

begin "readiness: database.Ping() in a Go handler, await db.… in a Node ping; not a ping answering pong"
fxset_rule_is b98 kinds monitoring.readiness-checks "pass internal/web/routes.go:10 src/controllers/alive.js:5"
fxset_near_fails b98 blind49 monitoring.readiness-checks
end

begin "access traces: events.log with uid and ip, the audit model, its use; not without ip, not an import"
fxset_rule_is b98 kinds audit.access-traces "pass larkspur/models/trail.py:5 larkspur/signals.py:9 src/api/moderation.js:8"
fxset_near_fails b98 blind49 audit.access-traces
end

begin "UPDATE.md: the upgrade guide restoring the dump you took, its bold Going back paragraph (and Arabic)"
fxset_rule_is b98 kinds deploy.production-runbook "pass UPDATE.md:14 docs/ar/update.md:7"
fxset_rule_is b98 kinds incidents.rollback "pass UPDATE.md:19 docs/ar/update.md:10"
end

begin "migrations: a template named migrate.tmpl is no migration script"
fxset_near_fails b98 blind49 deploy.migration-check
end
