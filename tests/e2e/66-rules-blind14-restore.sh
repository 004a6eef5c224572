# 66-rules-blind14-restore.sh - what the fourteenth blind set still missed
# (issue 12), written here without its files: a single-binary server restores
# its own backups from its admin screen, so its restore procedure is code, a
# function named for restoring a backup or snapshot whose body unpacks the
# archive (Go with the project's archive package, TypeScript with adm-zip,
# Python with tarfile).  Not counted: a RestoreBackup that only says it is not
# supported yet, even with another function unpacking an archive right below
# it (the search stops at the next definition); a restore-named function of a
# test file; a "restore snapshot settings" method that unpacks nothing.
# fixtures/blind14-restore holds each kind (asserted by path and line),
# fixtures/blind14-restore-near the near misses.  Helpers are prefixed b66_.

fxset_scan_sets b66 blind14-restore

begin "blind14-restore-near: every near miss leaves its rule failing (only secrets and 'no pending migrations' pass)"
fxset_near_passing b66 blind14-restore "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "restore procedure: a restore-named function that unpacks the backup archive (Go, TypeScript, Python), cited at the function"
fxset_ev b66 blind14-restore backup.restore-procedure core/archives.go:18 app/maint/archives.py:7 server/services/snapshots.ts:8
fxset_near_fails b66 blind14-restore backup.restore-procedure
end
