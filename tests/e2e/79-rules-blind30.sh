# 79-rules-blind30.sh - what the thirtieth blind set found (issue 12),
# written here without its files.
# Misses: Flask's add_url_rule('/ping', …) and an inversify-express
# @controller('/healthcheck') answering @httpGet are health routes; a container's
# init script under docker/ restoring the dump with pg_restore is a restore
# procedure; a script copying the uploaded files into "$BACKUPDIR/" covers files.
# False passes: a workflow run only when a tag is pushed (release packaging) is no
# CI of every change (one on tags and pull requests still is); a vendored
# library's README under static/ and a package README whose only commands are
# `yarn add @scope/lib` and `yarn test` are not local setup.
# fixtures/blind30 holds each kind (asserted by path and line), fixtures/blind30-near
# the near misses.  Helpers are prefixed b79_.

fxset_scan_sets b79 blind30

begin "blind30-near: every near miss leaves its rule failing"
fxset_near_passing b79 blind30 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "CI: a workflow on tags and pull requests counts; one run only on tag pushes does not"
fxset_rule_is b79 kinds deploy.ci-pipeline "pass .github/workflows/build.yml:12"
fxset_near_fails b79 blind30 deploy.ci-pipeline
end

begin "health: add_url_rule('/ping') and @controller('/healthcheck') with @httpGet; not /pingback, not /healthcare"
fxset_rule_is b79 kinds monitoring.health-endpoint "pass api/src/Controller/HealthCheckController.ts:3 app/core/blueprint.py:6"
fxset_near_fails b79 blind30 monitoring.health-endpoint
end

begin "restore and file coverage: pg_restore in docker/initialize.sh, rsync of files into \$BACKUPDIR; not pg_restore --list, not a mirror or an SQL file"
fxset_rule_is b79 kinds backup.restore-procedure "pass docker/initialize.sh:5"
fxset_near_fails b79 blind30 backup.restore-procedure
fxset_rule_is b79 kinds backup.file-coverage "pass cron/daily.sh:5"
fxset_near_fails b79 blind30 backup.file-coverage
end

begin "local setup: a vendored library's README and a package's yarn add and yarn test are not local setup"
fxset_near_fails b79 blind30 deploy.local-setup
end
