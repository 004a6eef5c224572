# 78-rules-blind29.sh - what the twenty-ninth blind set found (issue 12),
# written here without its files.
# Misses: a container start script under docker_assets/ running manage.py migrate
# and a package.json "prod" script running prisma migrate deploy apply migrations;
# a scheduler file's table giving a backup task its cron expression
# ("nightly_backup": "30 2 *") schedules the backup; a function named restore in
# backup code that calls its helper extracting the backup zip restores; a NestJS
# @Get("health") whose handler queries the database through Prisma checks
# readiness; a backup section saying to back up the media folder (and its Arabic
# twin) covers files.
# False passes: a development script (script/NAME-dev) running db:migrate is not the
# deploy path; a front-end JSONFormatter (json-formatter-js) and a LogDataFormatter
# rendering log entries as HTML are no JSON logging; the next route's query is not
# the health route's check.
# fixtures/blind29 holds each kind (asserted by path and line), fixtures/blind29-near
# the near misses.  Helpers are prefixed b78_.

fxset_scan_sets b78 blind29

begin "blind29-near: every near miss leaves its rule failing"
fxset_near_passing b78 blind29 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations', 'monitoring.health-endpoint']"
end

begin "migrations: a docker_assets start script and a package.json prod script count; a script/NAME-dev does not"
fxset_rule_is b78 kinds deploy.migration-check "pass docker_assets/launch.sh:4 package.json:5"
fxset_near_fails b78 blind29 deploy.migration-check
end

begin "backup schedule and restore: a schedule table's backup cron, restore() calling the zip extraction; not a prune entry, not restore_settings()"
fxset_rule_is b78 kinds backup.schedule "pass app/tasks/schedule_config.py:5"
fxset_near_fails b78 blind29 backup.schedule
fxset_rule_is b78 kinds backup.restore-procedure "pass app/backup/manager.py:9"
fxset_near_fails b78 blind29 backup.restore-procedure
end

begin "readiness: NestJS @Get(\"health\") querying through Prisma; not a health route whose next route queries"
fxset_rule_is b78 kinds monitoring.readiness-checks "pass server/src/app.controller.ts:8"
fxset_near_fails b78 blind29 monitoring.readiness-checks
end

begin "file coverage: a backup section saying to back up the media folder (English and Arabic); not one naming only the database"
fxset_rule_is b78 kinds backup.file-coverage "pass docs/admin/maintenance.rst:9 docs/ar/الصيانة.md:6"
fxset_near_fails b78 blind29 backup.file-coverage
end

begin "structured logs: json-formatter-js on a page and a LogDataFormatter writing HTML are not JSON logging"
fxset_near_fails b78 blind29 monitoring.structured-logs
end
