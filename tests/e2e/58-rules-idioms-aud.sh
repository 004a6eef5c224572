# 58-rules-idioms-aud.sh - idiomatic, framework-standard forms of audit,
# export-check and rollback evidence (issue 12, recall on unseen repositories):
# export and download handlers authorised the way each stack does it (Flask-
# Security roles_required, a FastAPI Security scope naming the export, Django
# staff_member_required around an export path, Pundit authorize …, :export?,
# CanCanCan load_and_authorize_resource, before_action … only: export, a Rails
# authenticate block, Laravel ->middleware(['auth', …]), Symfony access_control,
# Spring requestMatchers(…).hasRole(…), JAX-RS @RolesAllowed, ASP.NET
# [Authorize(Roles=…)] and RequireAuthorization(…), Express and Fastify
# middleware, a Next.js route answering 401, a Go method handler answering 403,
# chi With(…), gin and echo middleware, actix-web-grants #[protect], a Phoenix
# plug … when action in [:export]); audit-trail libraries where they are used
# (has_paper_trail, audited, HistoricalRecords, auditlog.register, LogsActivity,
# OwenIt Auditable, Gedmo Loggable, Envers @Audited, JaVers, Audit.NET,
# PostgreSQL audit triggers, pgaudit and supa_audit, Elixir paper_trail and
# carbonite, console1984, public_activity, logidze, django-pghistory,
# django-easy-audit, DH Auditor, DataDog's audit bundle); a Security section of
# a README or contributing guide (English and Arabic) and docs/security/index.md;
# CODEOWNERS entries for Dockerfile, *.tf, config/deploy.yml and Gitea's
# ^deploy/; rollback by Argo Rollouts, Swarm (failure_action: rollback, docker
# service rollback), helm upgrade --atomic, an ECS circuit breaker that rolls
# back, cf rollback.  fixtures/idioms-aud and idioms-aud-2 (a rule reports at
# most ten files per kind of evidence, so the forms are spread over two sets)
# hold each form, asserted by path and line; fixtures/idioms-aud-near the near
# misses: no check, a before_action … except: [:export], a set_… filter, a rate
# limiter, permitAll(), PUBLIC_ACCESS, a layout plug, a route after the
# authenticate block, csrf_exempt, a throttle, ahoy_matey, gedmo without
# Loggable, a commented has_paper_trail or CREATE EXTENSION, an audited: field,
# Security sections without a reporting channel (English and Arabic), a
# commented CODEOWNERS line, helm without --atomic, failure_action: pause, a
# circuit breaker with rollback = false.  Helpers are prefixed b58_ (one shared
# shell).

# the helpers are tests/lib.sh's fxset_*: reports in $T/b58-NAME.json, $T/b58b-NAME.json
fxset_scan b58 kinds idioms-aud
fxset_scan b58b kinds idioms-aud-2
fxset_scan b58 near idioms-aud-near
fxset_scan b58a near idioms-aud-near --lang ar

begin "export checks: handlers and routes authorised the way each framework does it"
fxset_ev b58 idioms-aud audit.export-checks \
	Controllers/ReportsController.cs:6 app/api.py:7 app/api/reports/export/route.ts:6 \
	app/controllers/invoices_controller.rb:7 app/controllers/orders_controller.rb:2 \
	app/controllers/reports_controller.rb:2 app/reports.py:2 backend/routes/orderRoutes.js:6 \
	config/packages/security.yaml:6 config/routes.rb:4 internal/http/router.go:8 \
	internal/server/reports.go:5 lib/app_web/controllers/report_controller.ex:4 router/router.go:7 \
	routes/web.php:5 src/handlers.rs:5 src/main/java/com/acme/ReportResource.java:7 src/routes/export.js:2
fxset_ev b58b idioms-aud-2 audit.export-checks \
	Program.cs:3 cmd/server/routes.go:7 shop/urls.py:7 src/main/java/com/acme/SecurityConfig.java:8 \
	src/routes/reports.js:5
fxset_near_fails b58 idioms-aud audit.export-checks
fxset_near_fails b58a idioms-aud audit.export-checks
end

begin "access traces: audit-trail libraries in the dependencies and where models use them"
fxset_ev b58 idioms-aud audit.access-traces \
	Api/Api.csproj:3 Gemfile:3 build.gradle:3 composer.json:5 db/init.sql:1 db/migrations/001_audit.sql:3 \
	engines/billing/Gemfile:3 mix.exs:6 packages/legacy/composer.json:4 requirements.txt:2 \
	services/api/requirements.txt:2 supabase/migrations/20240101_audit.sql:1
fxset_ev b58b idioms-aud-2 audit.access-traces \
	app/Models/Invoice.php:5 app/Models/User.php:9 app/models/invoice.rb:2 app/models/user.rb:2 \
	apps/core/mix.exs:6 engines/ledger/Gemfile:3 shop/history_models.py:7 shop/models.py:6 \
	src/Entity/Article.php:8 src/main/java/acme/Customer.java:6 src/main/java/acme/CustomerRepository.java:3
fxset_near_fails b58 idioms-aud audit.access-traces
end

begin "security policy: a Security section of the README (English) and of CONTRIBUTING.md (Arabic), docs/security/index.md; sections without a reporting channel are not"
fxset_ev b58 idioms-aud audit.security-policy CONTRIBUTING.md:5 README.md:9 docs/security/index.md:5
fxset_near_fails b58 idioms-aud audit.security-policy
fxset_near_fails b58a idioms-aud audit.security-policy
end

begin "codeowners: Dockerfile, *.tf, config/deploy.yml, Gitea's ^deploy/; /src/, /docs/ and a commented line are not"
fxset_ev b58 idioms-aud audit.codeowners .gitea/CODEOWNERS:2 .github/CODEOWNERS:2 .gitlab/CODEOWNERS:2 docs/CODEOWNERS:2
fxset_near_fails b58 idioms-aud audit.codeowners
end

begin "rollback: Argo Rollouts undo, Swarm failure_action: rollback and docker service rollback, helm --atomic, an ECS circuit breaker rolling back, cf rollback"
fxset_ev b58 idioms-aud incidents.rollback .github/workflows/deploy.yml:7 .github/workflows/rollback.yml:7 \
	Makefile:2 docker-stack.yml:8 infra/ecs.tf:3 scripts/deploy.sh:3
fxset_near_fails b58 idioms-aud incidents.rollback
end
