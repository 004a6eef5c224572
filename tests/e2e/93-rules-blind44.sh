# 93-rules-blind44.sh - what the forty-fourth blind set found (issue 12),
# written here without its files.
# Misses: the application's logActivity(action, data, args) setting data.ip and data.username
# before storing the entry is an audit trail; a "Data Import and Export" section giving
# `control.sh import /var/backups/…-data-backup.txt` (and its Arabic twin, استيراد البيانات) is a
# restore procedure; a pixl-server api_status method and a Django url(r'^status/health?$', …)
# split over lines are health routes.
# False passes: a reset script piping a subshell of DROP/CREATE DATABASE statements into mysql
# (`( echo "DROP DATABASE …" ) | mysql -uroot`), and an app folder named data_importer in a
# brace list (`rm -Rf src/app/{accounts,data_importer}/migrations`), restore nothing.  Near misses:
# an activity log without the user or address, an import section importing a spreadsheet, an
# api_config method, a status/export url.
# fixtures/blind44 holds each kind (asserted by path and line), fixtures/blind44-near
# the near misses.  Helpers are prefixed b93_.

fxset_scan_sets b93 blind44

begin "blind44-near: every near miss leaves its rule failing"
fxset_near_passing b93 blind44 "['deploy.secrets-not-committed', 'deploy.migration-check', 'deploy.no-pending-migrations']"
end

begin "access traces: logActivity recording the IP and the username; not without them"
fxset_rule_is b93 kinds audit.access-traces "pass lib/engine.js:3"
fxset_near_fails b93 blind44 audit.access-traces
end

begin "restore: the import command on a backup file under a Data Import and Export heading (English and Arabic); not a spreadsheet import, nor a reset script"
fxset_rule_is b93 kinds backup.restore-procedure "pass docs/CommandLine.ar.md:14 docs/CommandLine.md:21"
fxset_near_fails b93 blind44 backup.restore-procedure
end

begin "health: api_status and url(r'^status/health?\$', …); not api_config nor status/export"
fxset_rule_is b93 kinds monitoring.health-endpoint "pass lib/api.js:3 src/app/urls.py:7"
fxset_near_fails b93 blind44 monitoring.health-endpoint
end
