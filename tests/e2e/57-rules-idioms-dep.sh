# 57-rules-idioms-dep.sh - idiomatic deployment and backup evidence of the
# common stacks (issue 12, recall on unseen repositories): migrations run by
# the framework at start-up (EF Core Database.Migrate(), Spring Boot with
# Flyway, Quarkus migrate-at-start, TypeORM migrationsRun, drizzle, Ecto.Migrator
# in the supervision tree, ent, refinery), by the deploy (an exec-form command in
# a Kubernetes init container, systemd ExecStartPre, a fly release_command, a
# Capfile, a package.json start:prod script); local setup under a Development
# heading (and التطوير); environment templates under other names (.envrc.example,
# custom-environment-variables.json, a Heroku app.json with descriptions, a
# *.properties.example); the three environments configured (Rails
# config/environments); sourcehut and Zuul CI; backups by image (a Compose
# backup service, a Litestream configuration), kopia and SQL Server; schedules in
# framework form (NestJS @Cron, Spring @Scheduled, robfig cron, Celery beat,
# Oban); restores with input redirection, through docker compose exec, sqlite3
# .restore, mariadb, RESTORE DATABASE; verification by PRAGMA integrity_check and
# kopia verify.  fixtures/idioms-dep holds each (asserted by path and line),
# fixtures/idioms-dep-near the forms that must not count: a heading over prose,
# a test-scoped Flyway, a commented call or image, a dev script, a cleanup job,
# output redirection, an echo.  Helpers are prefixed i57_ (one shared shell).

fxset_scan_sets i57 idioms-dep

begin "idioms-dep-near: every near miss leaves its rule failing (only secrets and 'no pending migrations' pass)"
fxset_near_passing i57 idioms-dep "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "migration check: the framework migrating at start-up and the deploy running migrations; a test-scoped Flyway, a commented call, a dev script, a commented release_command and a runserver are not"
fxset_ev i57 idioms-dep deploy.migration-check Capfile:3 api/src/app.module.ts:6 billing/src/main/resources/application.properties:2 \
	cmd/ledger/main.go:8 contrib/ledger.service:5 fly.toml:4 kubernetes/app.yaml:11 notifier/lib/notifier/application.ex:7 \
	reports/pom.xml:9 src/Ledger.Web/Program.cs:6 sync/src/db.rs:6 web/package.json:5 worker/src/db.ts:3
fxset_near_fails i57 idioms-dep deploy.migration-check
end

begin "local setup: a Development heading (English) and التطوير (Arabic) with their commands; the same headings over prose are not"
fxset_ev i57 idioms-dep deploy.local-setup README.md:5 docs/setup.ar.md:5
fxset_near_fails i57 idioms-dep deploy.local-setup
end

begin "env template: .envrc.example, custom-environment-variables.json, app.json env with descriptions, a *.properties.example; app.json env without descriptions is not"
fxset_ev i57 idioms-dep deploy.env-template .envrc.example:1 app.json:3 reports/src/main/resources/application.properties.example:1 web/config/custom-environment-variables.json:2
fxset_near_fails i57 idioms-dep deploy.env-template
end

begin "environments: development, staging and production configured (Rails); development, test and production without staging are not"
fxset_ev i57 idioms-dep deploy.environments config/environments/development.rb:None config/environments/production.rb:None config/environments/staging.rb:None
fxset_near_fails i57 idioms-dep deploy.environments
end

begin "CI pipeline: sourcehut .builds and Zuul"
fxset_ev i57 idioms-dep deploy.ci-pipeline .builds/test.yml:None .zuul.yaml:None
fxset_near_fails i57 idioms-dep deploy.ci-pipeline
end

begin "backup script: a Compose backup image, Litestream replicas, kopia, SQL Server BACKUP DATABASE; a commented image, dbs without replicas, an echo and a commented BACKUP are not"
fxset_ev i57 idioms-dep backup.script docker-compose.yml:5 litestream.yml:3 ops/mssql-backup.sql:1 ops/nightly-backup.sh:3 scripts/backup.sh:3
fxset_near_fails i57 idioms-dep backup.script
end

begin "backup schedule: NestJS @Cron, Celery beat, robfig cron, Oban, Spring @Scheduled; a cleanup job and a commented AddFunc are not"
fxset_ev i57 idioms-dep backup.schedule api/src/archive/archive.service.ts:3 app/settings.py:2 cmd/ledger/cron.go:4 notifier/config/config.exs:6 reports/src/main/java/ledger/NightlyJob.java:3
fxset_near_fails i57 idioms-dep backup.schedule
end

begin "file coverage: a volume backup image with a volume, mediabackup, kopia; the image without a volume is not"
fxset_ev i57 idioms-dep backup.file-coverage docker-compose.yml:10 ops/media-backup.sh:2 scripts/backup.sh:3
fxset_near_fails i57 idioms-dep backup.file-coverage
end

begin "restore: mysql < dump, a dump piped through docker compose exec into psql, mariadb, sqlite3 .restore, RESTORE DATABASE; output redirection and a query piped out are not"
fxset_ev i57 idioms-dep backup.restore-procedure ops/load-dump.sh:2 ops/mssql-restore.sql:1 scripts/restore-mariadb.sh:2 scripts/restore-mysql.sh:2 scripts/restore-sqlite.sh:2
fxset_near_fails i57 idioms-dep backup.restore-procedure
end

begin "verification: PRAGMA integrity_check after a sqlite3 backup, kopia snapshot verify"
fxset_ev i57 idioms-dep backup.verification ops/nightly-backup.sh:4 scripts/backup.sh:4
fxset_near_fails i57 idioms-dep backup.verification
end
