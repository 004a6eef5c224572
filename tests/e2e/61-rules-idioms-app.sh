# 61-rules-idioms-app.sh - idiomatic forms of self-hosted applications' own
# operations evidence (issue 12, recall on unseen repositories), written from
# the frameworks' and tools' documentation: a CI job that dumps the database
# and then restores that dump (mysql … < file with a space after <, psql -f,
# pg_restore -d; mariadb < beside mysql); an upgrade guide (UPGRADING.md,
# UPDATING.md, docs/ar/upgrading.md) whose ordered steps take a backup and say
# how to go back, as the production runbook with rollback notes; ASP.NET's
# appsettings.json with empty or placeholder settings as the env template;
# log shipping that sends structured events (Better Stack/Logtail for Node,
# Python and Ruby, Axiom's @axiomhq/js and next-axiom: structured-log evidence,
# never error tracking); PostHog error tracking (captureException,
# capture_exception, exception autocapture); the application's own backup:
# Laravel 11's withSchedule in bootstrap/app.php running backup:run (script and
# schedule), django-dbbackup called from a Celery task, a .NET hosted service
# or Quartz job named for backups that writes one (SqliteConnection.
# BackupDatabase, ZipFile.CreateFromDirectory).  Already recognised and kept as
# guards: appsettings.Sample.json, config.sample.yaml, the Rails backup gem's
# Backup::Model, a mysqldump or pg_dump in a workflow.  Datadog's
# DD_LOGS_INJECTION adds trace ids and is no JSON by itself (the JSON formatter
# beside it is what counts), so it is a near miss.  fixtures/idioms-app holds
# each form (asserted by path and line), fixtures/idioms-app-near the near
# misses: a schema-only dump loaded back, a restore of a file whose dump is
# commented out, an upgrade guide that only pulls the image, version notes,
# steps with a backup and no way back (English and Arabic), the default
# appsettings.json, one with real values, a Development one left empty, a
# commented or test-only Logtail, a README naming the libraries, PostHog
# analytics without exceptions and capture_exceptions: false, a commented
# backup:run and dbbackup, a reminder service and a settings class named for
# backups.  Helpers are prefixed a61_ (one shared shell).

fxset_scan_sets a61 idioms-app

begin "idioms-app-near: every near miss leaves its rule failing (only CI, secrets and 'no pending migrations' pass)"
fxset_near_passing a61 idioms-app "['deploy.ci-pipeline', 'deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "restore drill: a CI job restoring the dump it took (mysql < file, pg_restore -d), mariadb < a backup; a schema-only round trip and a restore whose dump is commented out are not"
fxset_ev a61 idioms-app backup.restore-drill .github/workflows/mariadb-drill.yml:13 .github/workflows/mysql-drill.yml:21 .github/workflows/pg-drill.yml:22
fxset_near_fails a61 idioms-app backup.restore-drill
end

begin "production runbook: upgrade guides with ordered steps, a backup and the way back (UPGRADING.md, UPDATING.md, Arabic); pulling the image, version notes and steps without a way back are not"
fxset_ev a61 idioms-app deploy.production-runbook UPGRADING.md:8 docs/ar/upgrading.md:7 server/UPDATING.md:5
fxset_near_fails a61 idioms-app deploy.production-runbook
end

begin "env template: appsettings.json with empty or placeholder settings (appsettings.Sample.json and config.sample.yaml as before); the default, real values and a Development file are not"
fxset_ev a61 idioms-app deploy.env-template cmd/ledgerd/config.sample.yaml:1 src/Ledger.Api/appsettings.json:10 src/Ledger.Worker/appsettings.Sample.json:2
fxset_near_fails a61 idioms-app deploy.env-template
end

begin "structured logs: Logtail for Node, Python and Ruby, @axiomhq/js, next-axiom; a commented import, a test, a README and DD_LOGS_INJECTION alone are not"
fxset_ev a61 idioms-app monitoring.structured-logs config/initializers/logtail.rb:2 site/axiom.ts:1 site/next.config.js:1 web/src/lib/logger.ts:1 worker/logs.py:4
fxset_near_fails a61 idioms-app monitoring.structured-logs
end

begin "error tracking: PostHog captureException and Python exception autocapture; analytics capture, capture_exceptions: false and a commented call are not"
fxset_ev a61 idioms-app monitoring.error-tracking site/errors.ts:4 worker/errors.py:3
fxset_near_fails a61 idioms-app monitoring.error-tracking
end

begin "backup script: backup:run in bootstrap/app.php, call_command(\"dbbackup\"), a .NET backup service and Quartz job writing the backup (workflow dumps and Backup::Model as before); commented calls, backup:clean, a reminder and a settings class are not"
fxset_ev a61 idioms-app backup.script .github/workflows/mysql-drill.yml:19 .github/workflows/pg-drill.yml:19 app/tasks.py:7 bootstrap/app.php:10 \
	config/backup/models/ledger.rb:1 reports/Jobs/Nightly.cs:12 reports/Services/DatabaseBackupService.cs:17
fxset_near_fails a61 idioms-app backup.script
end

begin "backup schedule: backup:run scheduled in bootstrap/app.php; a commented schedule line and backup:clean are not"
fxset_ev a61 idioms-app backup.schedule bootstrap/app.php:10
fxset_near_fails a61 idioms-app backup.schedule
end
