# 56-rules-idioms-mon.sh - idiomatic, framework-standard forms of the
# monitoring evidence that the pack missed (issue 12, recall on unseen
# repositories), probed stack by stack: health routes registered by a
# framework idiom (Flask url_prefix, Terminus healthChecks, a Fastify route's
# url, fastify-healthcheck, a Go route on any router variable, gorilla's Path,
# the gRPC health service, actix web::resource, UseHealthChecks, a Rails engine
# mounted at /health, health_check_routes, a Phoenix forward, Symfony YAML
# routes, fly.toml [checks], DigitalOcean and Nomad checks); readiness through
# health libraries (IHealthCheck with CanConnectAsync, OkComputer, spatie
# laravel-health, health-go, alexliesenfeld/health, Python health checks),
# Spring's YAML probes, LiipMonitor and a Helm init container waiting for the
# database; JSON logs of Fastify, loguru, ecs-logging, Ougai, a Rails formatter
# proc, NestJS 11, zap.Config, a tracing-subscriber chain and ASP.NET's json
# console formatter; job check-ins (Sentry crons, Laravel pings, queue:monitor,
# Temporal, sidekiq_alive, a curled heartbeat) and queue dashboards (Mission
# Control, django-rq, Bull Arena, Agendash, Oban Web, Hangfire, exporters);
# Sentry for Elixir, ASP.NET, Rust and Flutter; Alertmanager's CRD, Grafana
# policies, CloudWatch alarms with a subscriber, Datadog @slack-, New Relic
# workflows and Sentry alert rules.  fixtures/idioms-mon holds each form in a
# service folder of its own (asserted by path and line), fixtures/idioms-mon-near
# the near misses: commented lines, tests, examples, vendored code, docs,
# generated gRPC code, other paths, placeholders, text formats.  Helpers are
# prefixed b56_ (one shared shell).

fxset_scan_sets b56 idioms-mon

begin "idioms-mon-near: every monitoring rule fails (only secrets and 'no pending migrations' pass), in English and Arabic"
fxset_near_passing b56 idioms-mon "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "health endpoint: framework idioms of 14 stacks and platforms; commented, generated, test, example and vendored forms are not"
fxset_ev b56 idioms-mon monitoring.health-endpoint services/s01/app/__init__.py:6 \
	services/s02/config/routes.rb:2 services/s03/config/routes.rb:2 services/s04/config/routes.yaml:6 \
	services/s05/src/server.js:5 services/s06/src/app.js:2 services/s07/src/app.js:2 \
	services/s08/internal/server/routes.go:4 services/s09/internal/api/routes.go:4 services/s10/cmd/api/main.go:5 \
	services/s11/cmd/server/main.go:9 services/s12/src/main.rs:3 services/s13/lib/my_web/router.ex:3 \
	services/s14/lib/my_web/router.ex:3 services/s15/Startup.cs:3 services/s16/fly.toml:6 \
	services/s17/.do/app.yaml:4 services/s18/deploy/app.nomad.hcl:5 services/s21/src/server.js:5 \
	services/s29/app.py:9
# s29's app.add_url_rule("/healthcheck", …) is a Flask health route since the thirtieth set (79-)
fxset_near_fails b56 idioms-mon monitoring.health-endpoint
end

begin "readiness: health libraries checking the database, Spring YAML probes, LiipMonitor, a Helm init container; a trivial IHealthCheck, a disk check, a commented wait are not"
fxset_ev b56 idioms-mon monitoring.readiness-checks services/s19/src/main/resources/application.yml:4 \
	services/s20/Infrastructure/DbCheck.cs:1 services/s21/src/server.js:2 \
	services/s22/config/initializers/okcomputer.rb:1 services/s23/app/Providers/AppServiceProvider.php:10 \
	services/s24/config/packages/liip_monitor.yaml:4 services/s25/internal/server/server.go:8 \
	services/s26/cmd/api/main.go:5 services/s27/internal/api/routes.go:2 services/s28/app/main.py:8 \
	services/s29/app.py:8 services/s30/charts/app/templates/deployment.yaml:7
fxset_near_fails b56 idioms-mon monitoring.readiness-checks
end

begin "structured logs: Fastify, loguru, ecs-logging, Ougai, a Rails proc, NestJS 11, zap.Config, tracing chains, ASP.NET json; pino-pretty, serialize=False, compact, text formatters are not"
fxset_ev b56 idioms-mon monitoring.structured-logs services/s31/app/logging.py:4 services/s32/app/log.py:4 \
	services/s33/config/environments/production.rb:2 services/s34/config/environments/production.rb:2 \
	services/s35/src/main.ts:5 services/s36/src/server.ts:2 services/s37/src/server.ts:2 \
	services/s38/internal/log/log.go:4 services/s39/src/main.rs:2 services/s40/src/telemetry.rs:2 \
	services/s41/appsettings.json:4
fxset_near_fails b56 idioms-mon monitoring.structured-logs
end

begin "worker heartbeat: job check-ins and queue dashboards; a commented ping, a plain curl, another withMonitor, a websocket heartbeat are not"
fxset_ev b56 idioms-mon monitoring.worker-heartbeat services/s42/Gemfile:3 services/s43/config/routes.rb:2 \
	services/s44/mysite/urls.py:3 services/s45/app/tasks.py:1 services/s46/src/jobs/cleanup.ts:3 \
	services/s47/routes/console.php:3 services/s48/app/Console/Kernel.php:4 services/s49/routes/console.php:3 \
	services/s50/src/arena.js:1 services/s51/src/server.js:1 services/s52/internal/activities/sync.go:5 \
	services/s53/lib/my_web/router.ex:6 services/s54/mix.exs:5 services/s55/Program.cs:2 \
	services/s56/scripts/nightly.sh:2 services/s57/docker-compose.yml:2
fxset_near_fails b56 idioms-mon monitoring.worker-heartbeat
end

begin "error tracking: Sentry for Elixir, ASP.NET, Rust (dotted table) and Flutter, AppSignal for Phoenix; commented dependency and UseSentry are not"
fxset_ev b56 idioms-mon monitoring.error-tracking services/s45/app/tasks.py:1 \
	services/s46/src/jobs/cleanup.ts:1 services/s58/mix.exs:5 services/s59/MyApp.csproj:3 \
	services/s60/Program.cs:2 services/s61/mix.exs:2 services/s62/Cargo.toml:1 services/s63/pubspec.yaml:2
fxset_near_fails b56 idioms-mon monitoring.error-tracking
end

begin "alert routing: AlertmanagerConfig, Grafana policies, CloudWatch with a subscriber, Datadog @slack-, New Relic workflow, Sentry alert; an alarm nobody receives, an SQS subscriber, other policies, placeholders are not"
fxset_ev b56 idioms-mon monitoring.alert-routing services/s64/k8s/monitoring/alertmanagerconfig.yaml:11 \
	services/s65/grafana/provisioning/alerting/policies.yaml:4 services/s66/infra/alarms.tf:13 \
	services/s66/infra/alarms.tf:5 services/s67/infra/monitors.tf:4 services/s68/infra/alerts.tf:12 \
	services/s69/infra/sentry.tf:1
fxset_near_fails b56 idioms-mon monitoring.alert-routing
end

begin "worker heartbeat: a Compose healthcheck curling the web application's own /api/heartbeat on localhost is the application's health, no worker's heartbeat"
rm -rf "$T/b56hc" && mkdir -p "$T/b56hc"
printf 'services:\n  web:\n    image: ghcr.io/acme/ledger:2.4\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost:3000/api/heartbeat"]\n      interval: 5s\n' >"$T/b56hc/docker-compose.yml"
scan_dir_expect "$T/b56hc" monitoring.worker-heartbeat fail
end
