# 31-kinds.sh - the kinds of evidence real projects keep (issue 12): for every
# recognition a passing file (kinds), a near miss that must not count
# (kinds-near) and, where the rule reads words, an Arabic case (kinds-ar).
# Every file of kinds is asserted as evidence of its rule by path, so each
# recognition is tested on its own even though the rules pass on several.
# Helpers are prefixed k31_ because every e2e file shares one shell.
# e2e: slow

k31_scan() { # FIXTURE
	"$PG" scan --format json "$FX/$1" >"$T/k31-$1.json" 2>"$T/k31-$1.err"
}

k31_py() { # FIXTURE EXPR [ARGS...]
	k31_file="$T/k31-$1.json"
	k31_expr=$2
	shift 2
	python3 -c "import json,sys,re; d=json.load(open(sys.argv[1])); a=sys.argv[2:]; print($k31_expr)" \
		"$k31_file" "$@" 2>&1
}

k31_is() { # FIXTURE RULE OUTCOME
	k31_got=$(k31_py "$1" "[r['outcome'] for r in d['rules'] if r['id']==a[0]]" "$2")
	[ "$k31_got" = "['$3']" ] || bad "$2 on $1 is $k31_got, expected $3"
}

# every PATH is evidence of RULE (at LINE when given as PATH:LINE)
k31_ev() { # FIXTURE RULE PATH[:LINE]...
	k31_fx=$1
	k31_rule=$2
	shift 2
	for k31_p in "$@"; do
		k31_got=$(k31_py "$k31_fx" "any(a[1] in (e['path'], '%s:%s' % (e['path'], e['line'])) for r in d['rules'] if r['id']==a[0] for e in r['evidence'])" "$k31_rule" "$k31_p")
		[ "$k31_got" = True ] || bad "$k31_rule on $k31_fx: evidence lacks '$k31_p': $(k31_py "$k31_fx" "['%s:%s' % (e['path'], e['line']) for r in d['rules'] if r['id']==a[0] for e in r['evidence']]" "$k31_rule")"
	done
}

# no PATH is evidence of RULE
k31_not() { # FIXTURE RULE PATH...
	k31_fx=$1
	k31_rule=$2
	shift 2
	for k31_p in "$@"; do
		k31_got=$(k31_py "$k31_fx" "a[1] in [e['path'] for r in d['rules'] if r['id']==a[0] for e in r['evidence']]" "$k31_rule" "$k31_p")
		[ "$k31_got" = False ] || bad "$k31_rule on $k31_fx: '$k31_p' counted as evidence ($k31_got)"
	done
}

k31_scan kinds
k31_scan kinds-near
k31_scan kinds-ar

begin "kinds-near: every near miss leaves its rule failing (only the two 'nothing forbidden' rules pass)"
k31_got=$(k31_py kinds-near "[r['id'] for r in d['rules'] if r['outcome']!='fail']")
[ "$k31_got" = "['deploy.no-pending-migrations']" ] || bad "rules not failing on kinds-near: $k31_got"
end

begin "local setup: a setup heading followed by its commands; installing a library and upgrade notes are not local setup"
k31_ev kinds deploy.local-setup README.md:6
k31_not kinds-near deploy.local-setup packages/widget/README.md UPGRADING.md
end

begin "environments: local, staging and production named together in prose (English, Arabic); environments as tag examples are not"
k31_ev kinds deploy.environments docs/operations/environments.md:3
k31_ev kinds-ar deploy.environments docs/البيئات.md:3
k31_not kinds-near deploy.environments docs/checks.md
k31_not kinds-ar deploy.environments docs/المراقبة.md
end

begin "environment templates under other names: *.conf.example, settings_example.py, a committed .env of documented defaults"
k31_ev kinds deploy.env-template app.conf.example config/settings_example.py deploy/stack.env .env
k31_not kinds-near deploy.env-template docker-runtime.env
end

begin "secrets that are not secrets: placeholders, a localhost default, a key store used only by end-to-end tests; a real key still fails (one under example/ fails since pack excludes no longer narrow no_file)"
k31_is kinds deploy.secrets-not-committed pass
k31_is kinds-near deploy.secrets-not-committed fail
k31_ev kinds-near deploy.secrets-not-committed .env.production:2
k31_not kinds-near deploy.secrets-not-committed docs/webhooks.md
end

begin "migrations in the deploy path: s6 init script, uwsgi hook, Compose release migrate, composer hook, alembic at start-up, a Go store"
k31_ev kinds deploy.migration-check \
	docker/rootfs/etc/s6-overlay/s6-rc.d/init-migrations/run:4 django/uwsgi.ini:3 docker/compose.yml:16 \
	laravel/composer.json:5 django/app/db_init.py:21 go/cmd/server/main.go:15
k31_not kinds-near deploy.migration-check bin/setup docker-compose.dev.yml tests/test_migrations.py deploy/entrypoint.sh
end

begin "backups through the application's own tools: a job, backup code, an executable script through Compose, a volume archive, a documented command"
k31_ev kinds backup.script rails/app/jobs/nightly_backup_job.rb:6 django/app/management/commands/full_backup.py \
	scripts/backup.sh:6 deploy/install.sh docs/operations/backups.md
k31_ev kinds-ar backup.script docs/النسخ-الاحتياطي.md docs/الإدارة.md:7
k31_not kinds-near backup.script upgrade/postgres.md test/acceptance/replica_setup.sh docs/monitoring/integrations.md \
	scripts/backup.sh app/controllers/mfa_backup_codes_controller.rb
end

begin "backup schedules: a recurring job entry and a crontab line in a backup document (English, Arabic); pruning and monitoring examples are not"
k31_ev kinds backup.schedule rails/config/recurring.yml:2 docs/operations/backups.md:21
k31_ev kinds-ar backup.schedule docs/النسخ-الاحتياطي.md:16
k31_not kinds-near backup.schedule docs/cron-monitoring.md app/Console/Kernel.php
end

begin "files beyond the database: backup code archiving media, a volume copy of uploads, a backup document (English, Arabic); a test's rsync and a plan are not"
k31_ev kinds backup.file-coverage django/app/management/commands/full_backup.py deploy/install.sh \
	rails/app/jobs/nightly_backup_job.rb docs/operations/backups.md
k31_ev kinds-ar backup.file-coverage docs/النسخ-الاحتياطي.md
k31_not kinds-near backup.file-coverage _integration-test/test_backup.py
k31_not kinds-ar backup.file-coverage docs/المراقبة.md
end

begin "restores: an executable shell script through Compose and a documented restore section (English, Arabic); a Ruby record restore, a psql heredoc and a section on recovering from errors or retrying jobs are not"
k31_ev kinds backup.restore-procedure scripts/restore.sh docs/operations/backups.md:27
k31_ev kinds-ar backup.restore-procedure docs/النسخ-الاحتياطي.md:22
k31_not kinds-near backup.restore-procedure script/restore_version scripts/cloud_services.sh upgrade/postgres.md
k31_not kinds-near backup.restore-procedure docs/job-queue.md
end

begin "restore drills: a backup-and-restore round trip in a repository with CI; an export-only test is not"
k31_ev kinds backup.restore-drill tests/test_backup_roundtrip.py:5 .github/workflows/test.yml
k31_not kinds-near backup.restore-drill tests/test_csv_export.py
end

begin "backup verification: a verification section of a backup document (English, Arabic); checksums of release archives, a non-empty test before the dump and a runbook without backups are not"
k31_ev kinds backup.verification docs/operations/backups.md:24
k31_ev kinds-ar backup.verification docs/النسخ-الاحتياطي.md:19
k31_not kinds-near backup.verification scripts/release.sh
# a non-empty test of a cached copy before the dump is no check of the dump;
# a runbook that never speaks of backups has no backup checklist
k31_not kinds backup.verification scripts/pull-live-db.sh
k31_not kinds-near backup.verification docs/runbooks/pricing-rollout.md
end

begin "health routes in code: a Go server object, an ASGI wrapper, a WSGI path comparison; a commented comparison and a Redis healthcheck are not"
k31_ev kinds monitoring.health-endpoint go/cmd/server/main.go:19 django/app/asgi.py:5 django/app/wsgi_health.py:3 docker/compose.yml:4
k31_not kinds-near monitoring.health-endpoint config/production.rb compose.yaml
end

begin "readiness in code: status and health handlers that query the database, an entrypoint that waits, a start-up retry; AppConfig.ready and a model's status are not"
k31_ev kinds monitoring.readiness-checks rails/app/controllers/health_controller.rb:3 django/app/views.py:5 \
	docker/entrypoint.sh:3 django/app/db_init.py:15
k31_not kinds-near monitoring.readiness-checks app/apps.py app/tasks.py
end

begin "structured logs: JSON formatters of python-json-logger, lograge and structlog; key=value output, DRF's renderer, slog text and translations are not"
k31_ev kinds monitoring.structured-logs django/settings.py:3 rails/config/initializers/lograge.rb:3 django/logging_setup.py:6
k31_not kinds-near monitoring.structured-logs config/logging.py config/lograge.rb config/api_settings.py src/logger.go lang/pt/messages.json
end

begin "worker heartbeats: a heartbeat file read by the healthcheck, a Flower run script; a websocket keep-alive and a beat schedule are not"
k31_ev kinds monitoring.worker-heartbeat docker/compose.yml:13 docker/rootfs/etc/s6-overlay/s6-rc.d/svc-flower/run:3
k31_not kinds-near monitoring.worker-heartbeat src/live.js app/scheduler.py
end

begin "alert routing: an Alertmanager receiver holding a placeholder routes nothing"
k31_not kinds-near monitoring.alert-routing ops/alertmanager.yml
end

begin "error tracking: a DSN in a config file counts; turbo.json passing SENTRY_DSN through does not"
k31_ev kinds monitoring.error-tracking laravel/config/sentry.php:4
k31_not kinds-near monitoring.error-tracking turbo.json
end

begin "support policy and intake: words spread over a guide and a threat model's privilege escalation are no policy and no escalation path"
k31_not kinds-near support.access-policy docs/admin-guide.md
k31_not kinds-near support.intake-escalation THREAT_MODEL.md
end

begin "severity and rollback: release notes and a rollback mention far from any step list do not count"
k31_not kinds-near incidents.severity-levels docs/release-notes-2026.md
k31_not kinds-near incidents.rollback docs/deploy-notes.md
k31_not kinds-near deploy.production-runbook docs/deploy-notes.md
end

begin "audit trails: an event model with actor, action and target, a moderation table, an audit log channel; a recipe timeline is not"
k31_ev kinds audit.access-traces django/app/models.py:4 rails/db/schema.rb:2 laravel/app/Services/SecurityRecorder.php:11
k31_not kinds-near audit.access-traces app/recipe_timeline.py
end

begin "export checks in code: route middleware naming the export, ->only('export'), require_admin, a project access check, authorize(user, 'export'), a check before an attachment"
k31_ev kinds audit.export-checks laravel/app/Http/Controllers/ReportExportController.php:9 \
	laravel/app/Http/Controllers/InvoiceController.php:9 rails/app/controllers/data_exports_controller.rb:2 \
	node/src/exports/batch-export.ts:4 node/src/routes/collections.ts:3 node/src/routes/reports.ts
k31_not kinds-near audit.export-checks app/controllers/reports_export_controller.rb app/controllers/avatars_controller.rb
end

begin "the application's export as its backup: export code speaking of backups, its import, an export/import round trip in CI"
k31_ev kinds backup.script flask/app/utils/exports/__init__.py
k31_ev kinds backup.file-coverage flask/app/utils/exports/__init__.py
k31_ev kinds backup.restore-procedure flask/app/utils/importer.py
k31_ev kinds backup.restore-drill tests/test_instance_export.py
end

begin "more schedules and logs: a clockwork backup entry, a schedule setting in a backup document, a JSON log formatter of the app's own"
k31_ev kinds backup.schedule config/clock/clock.rb docs/operations/backup-container.md
k31_ev kinds monitoring.structured-logs rails/config/log_formatter.rb
end

begin "more export checks and migrations: admins_only, Nest guards, an export route wrapped in a permission, an app binary run with --upgrade"
k31_ev kinds audit.export-checks flask/app/api/exports.py nest/src/export/export.controller.ts go2/routes.go
k31_ev kinds deploy.migration-check go2/docker-compose.yml
end

begin "not secrets, not restores, not audit trails, not migrations: a localhost key, a dev container env, recovery codes, a log_entry variable, pip --upgrade"
k31_not kinds-near deploy.secrets-not-committed apps/client/localhost.pem .devcontainer/.env.codespaces
k31_not kinds-near backup.restore-procedure docs/usage/two-factor.md
k31_not kinds-near audit.access-traces cookbook/sync.py
k31_not kinds-near deploy.migration-check pip-install.sh
end

begin "third blind set: a Laravel backup job, a download-the-database action and its upload, Laravel path helpers in a backup configuration; schema-only dumps are no backup"
k31_ev kinds backup.script php/app/Jobs/RunSiteBackup.php:18 php/app/Model/MaintenanceModel.php:10
k31_ev kinds backup.restore-procedure php/app/Model/MaintenanceModel.php:18
k31_ev kinds backup.file-coverage php/config/backup.php:6
k31_not kinds-near backup.script Makefile
end

begin "third blind set: templates named config.py.prod.example and config.default.php, a test settings module's key, migrations switched on or run with --force; a real key in production settings still fails"
k31_ev kinds deploy.env-template pyconf/settings/config.py.prod.example php/config.default.php
k31_is kinds deploy.secrets-not-committed pass
k31_ev kinds-near deploy.secrets-not-committed config/settings/production.py
k31_ev kinds deploy.migration-check php/config.default.php:6 php/app/Support/Updater.php:11
k31_not kinds-near deploy.migration-check php/bootstrap/constants.php
end

begin "third blind set: JSON logs as name/value pairs (ECS, Kubernetes), end-to-end tests run against staging, a tracker called in code; a tracker named in a comment, text logs, an e2e job that does not say where it runs are not"
k31_ev kinds monitoring.structured-logs infra/ecs/task-definition-api.json:9 infra/k8s/worker.yaml:12
k31_not kinds-near monitoring.structured-logs infra/task-definition.json
k31_ev kinds deploy.staging-smoke .github/workflows/staging-e2e.yml
k31_not kinds deploy.staging-smoke .github/workflows/deploy-staging.yml
k31_ev kinds monitoring.error-tracking php/app/Exceptions/Handler.php:5
k31_not kinds-near monitoring.error-tracking php/app/Exceptions/Handler.php
end

begin "third blind set: a rollback whose steps are separated by tips and commands (English, Arabic); vulnerability severities (English, Arabic), a CLA bot and generated IDE helpers are not evidence"
k31_ev kinds incidents.rollback docs/operations/upgrades-and-rollbacks.md:19
k31_ev kinds-ar incidents.rollback docs/التراجع-عن-الترقية.md:19
k31_not kinds-near incidents.severity-levels docs/security/vulnerabilities.md docs/security/الثغرات.md
k31_not kinds-near deploy.ci-pipeline .github/workflows/cla.yml
k31_not kinds-near monitoring.readiness-checks _ide_helper.php
end

begin "a long Compose file: the app's healthcheck after deeply indented lists is evidence, not a match-limit error; a stack of database healthchecks is not"
k31_ev kinds monitoring.health-endpoint stack/compose.full.yml:74
k31_not kinds-near monitoring.health-endpoint stack/compose.full.yml
k31_got=$(k31_py kinds "[l for r in d['rules'] if r['id']=='monitoring.health-endpoint' for l in r.get('looked_for', []) if 'limit' in l]")
[ "$k31_got" = "[]" ] || bad "monitoring.health-endpoint on kinds: $k31_got"
end

begin "health routes in code: a Rack case on PATH_INFO, a Go 1.22 'GET /healthcheck' on any mux, a Plug call head on request_path, Route::get('health-check/up'); chat slash commands, a resource's status, a log filter and a probe history are not"
k31_ev kinds monitoring.health-endpoint rack/lib/probe_app.rb:12 go3/internal/web/routes.go:10 \
	phoenix/lib/shop_web/plugs/probe.ex:7 laravel/app/Providers/ProbeRouteServiceProvider.php:14
k31_not kinds-near monitoring.health-endpoint app/bots/chat_commands.rb go/internal/web/orders.go \
	phoenix/lib/shop_web/telemetry_filter.ex laravel/app/Providers/AuditRouteServiceProvider.php
end

begin "not readiness, not restores, not drills: 'await Database.connect()', a Ruby block parameter |mysql|, loading test fixtures and a schema in CI"
k31_not kinds-near monitoring.readiness-checks tools/reset-admin.js
k31_not kinds-near backup.restore-procedure lib/mail_store/database.rb
k31_not kinds backup.restore-drill .github/workflows/seed-check.yml
k31_ev kinds backup.restore-drill .github/workflows/restore-rehearsal.yml:18
end

begin "configuration in a backup: a line that copies the .env file (English, Arabic); a database-only guide mentioning .env or settings is not"
k31_ev kinds backup.file-coverage docs/operations/backup-secrets.md
k31_ev kinds-ar backup.file-coverage docs/نسخ-الإعدادات.md
k31_not kinds backup.file-coverage docs/operations/database-backup.md
k31_not kinds-ar backup.file-coverage docs/نسخ-قاعدة-البيانات.md
end

begin "environments given as examples in a review checklist (e.g., مثل) are not the project's environments"
k31_not kinds-near deploy.environments .github/REVIEW_CHECKLIST.md
k31_not kinds-ar deploy.environments docs/مراجعة-التغييرات.md
end

begin "migrations turned on by the deploy: RUN_MIGRATIONS=1, Migrate(db) under RunMigrations(), an upgrade command running a rake task that invokes db:migrate; =0, an option's definition and Rails' app:update are not"
k31_ev kinds deploy.migration-check packaging/relay.conf:3 go3/cmd/relay/main.go:15 rails/lib/tasks/shop.rake:5 rails/bin/shopctl:7
k31_not kinds-near deploy.migration-check contrib/compose/app.yml internal/config/options.go lib/tasks/maintenance.rake bin/ctl
end

begin "JSON logs: the app's own writer printing JSON lines when its log format is json, Klogger with formatter: :json; an export format and Klogger's default (key=value) are not"
k31_ev kinds monitoring.structured-logs node/src/support/log.ts:6 rails/config/initializers/klogger.rb:5
k31_not kinds-near monitoring.structured-logs src/reports/export.ts config/initializers/klogger.rb
end

begin "fifth blind set: an application's dump command writing its database and files into a zip, and its restore reading that zip; knex.migrate.up() at start-up; not: a diagnostics dump without the database, a development Compose file (a dev server) running migrations, a data health-check management command"
k31_ev kinds backup.script go4/internal/snapshot/dump.go:19
k31_ev kinds backup.file-coverage go4/internal/snapshot/dump.go:31
k31_ev kinds backup.restore-procedure go4/internal/snapshot/restore.go:13
k31_ev kinds deploy.migration-check node/src/startup/migrations.ts:7
k31_not kinds-near backup.script go/internal/diagdump/dump.go
k31_not kinds-near deploy.migration-check sandbox/compose.yaml
k31_not kinds-near monitoring.readiness-checks catalog/management/commands/catalog-health-check.py
end

begin "fifth blind set: an export handler that asks for the password again, a download action (const ...Action =) followed by a checkAuthorization...() call; a polling command recording its last run; not: a public download action, a saved report's last run"
k31_ev kinds audit.export-checks go4/internal/api/account_export.go:16 node/src/surveys/actions.ts:5
k31_ev kinds monitoring.worker-heartbeat php/app/Console/Commands/PollMailboxes.php:14
k31_not kinds-near audit.export-checks src/settings/actions.ts
k31_not kinds-near monitoring.worker-heartbeat php/app/Reports/SavedReport.php
end
