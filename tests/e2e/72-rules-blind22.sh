# 72-rules-blind22.sh - what the twenty-second and twenty-third blind sets found
# (issue 12), written here without their files.
# A false pass of readiness checks: a /healthz route that answers "OK" and checks
# nothing was credited with the .ping( call of the next route's handler, 400
# characters on.  An inline handler's check is now looked for within 12 lines
# and before the next route is declared (a decorator, a router call, a Laravel
# Route::, a Django path(), a Rails verb).  Another: an entity's getStatus()
# accessor in app/Entities/ (a capitalised model folder) was read as a status
# handler, with "Get a queue." in a doc comment below as its check.
# A false pass of heartbeats: a translation file (client/strings/en-us.json)
# naming a queue's maximum size.
# A false pass of the migration check: a script named for migrating an
# encryption key (scripts/migrate-encryption-key.sh) is no database migration.
# A false pass of the restore procedure: "To restore the original image:" over
# three steps of an image editor's guide.  A restore section's steps now need a
# backup, dump, snapshot or archive (.sql, .tar, .zip, .bak; نسخ احتياطي) named
# within 40 lines of its heading.
# Misses: a backup manager whose requestApplyBackup() unpacks the backup zip
# (node-stream-zip) over the database is the application's restore; a PHP router
# object's $router->get('ping', ...) is a health route; a hand-started
# rollback.yml workflow whose step deploys the chosen earlier image is a rollback
# procedure (one that only opens a revert pull request is not).
# fixtures/blind22 holds each kind (asserted by path and line), fixtures/blind22-near
# the near misses.  Helpers are prefixed b72_.

fxset_scan_sets b72 blind22

begin "blind22-near: every near miss leaves its rule failing"
# health-endpoint: the /healthz route itself is one; the workflow there runs by hand only, so is no CI
fxset_near_passing b72 blind22 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations', 'monitoring.health-endpoint']"
end

begin "readiness: an inline health route's check counts; the next route's ping and an entity's getStatus() do not"
fxset_rule_is b72 kinds monitoring.readiness-checks "pass server/app.js:6"
fxset_near_fails b72 blind22 monitoring.readiness-checks
end

begin "heartbeats: a translation string naming a queue's size is no queue metric"
fxset_near_fails b72 blind22 monitoring.worker-heartbeat
end

begin "migrations: a script named for migrating an encryption key runs no database migration"
fxset_near_fails b72 blind22 deploy.migration-check
end

begin "restore: requestApplyBackup() unpacking the backup zip counts, so does a Restore section whose steps name the backup (الاستعادة too); applyBackupRetention() and 'To restore the original image:' do not"
fxset_rule_is b72 kinds backup.restore-procedure "pass docs/admin/maintenance.md:5 docs/ar/maintenance.md:5 server/managers/BackupManager.js:10"
fxset_near_fails b72 blind22 backup.restore-procedure
end

begin "health: a PHP router object's \$router->get('ping', ...) is a health route; 'status/incidents' and 'pings/{id}' are not"
fxset_rule_is b72 kinds monitoring.health-endpoint "pass app/Http/Routes/SystemRoutes.php:12 server/app.js:6"
b72_got=$(fxset_py "$T/b72-near.json" "sorted({e['path'] for r in d['rules'] if r['id']=='monitoring.health-endpoint' for e in r['evidence']})")
[ "$b72_got" = "['web/app.py']" ] || bad "health-endpoint evidence on blind22-near is $b72_got, expected only web/app.py"
end

begin "rollback: a hand-started rollback workflow that deploys counts, cited at its deploy step; one opening a revert pull request does not"
fxset_rule_is b72 kinds incidents.rollback "pass .github/workflows/rollback.yml:21"
fxset_near_fails b72 blind22 incidents.rollback
end
