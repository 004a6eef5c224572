# 97-rules-blind48.sh - what the forty-eighth blind set found (issue 12),
# written here without its files.
# Misses: a log gateway's addLog(…, ['username' => …], $_SERVER['REMOTE_ADDR']) is an audit trail
# of sign-ins; a restore script running psql -f "$APP_HOME"/data/ExpDat.dmp (the file's path
# starting with a quote) is a restore; a Concourse pipeline whose job gets the pull request with
# trigger: true and runs the tests is a CI pipeline.
# False passes: an architecture decision record (docs/decisions/) describing the upgrade steps is
# no rollback runbook; an SQL migration named for a purchase schedule that copies a table into a
# backup schema is no backup schedule; a Makefile target piping mysqldump straight into mysql
# copies a database and keeps no backup.  Near misses: addLog without the client's
# address; a Concourse pipeline whose get has no trigger and builds only the docs.
# fixtures/blind48 holds each kind (asserted by path and line), fixtures/blind48-near
# the near misses.  Helpers are prefixed b97_.

fxset_scan_sets b97 blind48

begin "blind48-near: every near miss leaves its rule failing"
fxset_near_passing b97 blind48 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "access traces: addLog with the username and REMOTE_ADDR; not without the address"
fxset_rule_is b97 kinds audit.access-traces "pass lib/Auth/login.php:6"
fxset_near_fails b97 blind48 audit.access-traces
end

begin "restore: psql -f \"\$APP_HOME\"/data/ExpDat.dmp"
fxset_rule_is b97 kinds backup.restore-procedure "pass utils/postgresql/DBRestore.sh:13"
end

begin "CI: a Concourse job getting the pull request with trigger: true; not a docs job without a trigger"
fxset_rule_is b97 kinds deploy.ci-pipeline "pass concourse/pipelines/pull-request.yml:14"
fxset_near_fails b97 blind48 deploy.ci-pipeline
end

begin "no rollback runbook: an ADR under docs/decisions/; no schedule: an SQL migration; no backup: mysqldump piped into mysql"
fxset_near_fails b97 blind48 incidents.rollback
fxset_near_fails b97 blind48 backup.schedule
fxset_near_fails b97 blind48 backup.script
end
