# 30-builtin.sh - the built-in rule pack: its public ids, Arabic texts, the seed's
# summary table (seed-v1), a ready repository (ops-ready), and for every rule a
# passing layout, a failing one and a near miss (near-miss, stubs, bare, arabic,
# layouts).  The scanner keeps the first five near misses of a condition in tree
# order, so stubs holds the near misses that near-miss has too many files to show.
# Helpers are prefixed b30_ because every e2e file shares one shell.
# e2e: slow

# scans a built fixture once with the built-in pack; the JSON stays in $T/b30-NAME.json
b30_scan() { # FIXTURE [ARGS...]
	b30_fx=$1
	shift
	"$PG" scan --format json "$@" "$FX/$b30_fx" >"$T/b30-$b30_fx.json" 2>"$T/b30-$b30_fx.err"
}

# runs python on a saved scan: d is the report, a the remaining arguments
b30_py() { # FIXTURE EXPR [ARGS...]
	b30_file="$T/b30-$1.json"
	b30_expr=$2
	shift 2
	python3 -c "import json,sys,re; d=json.load(open(sys.argv[1])); a=sys.argv[2:]; print($b30_expr)" \
		"$b30_file" "$@" 2>&1
}

b30_rule_is() { # FIXTURE RULE OUTCOME
	b30_got=$(b30_py "$1" "[r['outcome'] for r in d['rules'] if r['id']==a[0]]" "$2")
	[ "$b30_got" = "['$3']" ] || bad "$2 on $1 is $b30_got, expected $3"
}

b30_domain_is() { # FIXTURE DOMAIN STATUS
	b30_got=$(b30_py "$1" "[x['status'] for x in d['domains'] if x['id']==a[0]]" "$2")
	[ "$b30_got" = "['$3']" ] || bad "domain $2 on $1 is $b30_got, expected $3"
}

# the domain's next safe step matches a Python regex (case-insensitive)
b30_next_has() { # FIXTURE DOMAIN REGEX
	b30_got=$(b30_py "$1" "bool(re.search(a[1], [x['next_step'] for x in d['domains'] if x['id']==a[0]][0], re.I))" "$2" "$3")
	[ "$b30_got" = True ] || bad "next step of $2 on $1 lacks /$3/: $(b30_py "$1" "[x['next_step'] for x in d['domains'] if x['id']==a[0]]" "$2")"
}

b30_ev_has() { # FIXTURE RULE PATH
	b30_got=$(b30_py "$1" "a[1] in [e['path'] for r in d['rules'] if r['id']==a[0] for e in r['evidence']]" "$2" "$3")
	[ "$b30_got" = True ] || bad "$2 on $1: evidence lacks '$3': $(b30_py "$1" "[e['path'] for r in d['rules'] if r['id']==a[0] for e in r['evidence']]" "$2")"
}

b30_ev_lacks() { # FIXTURE RULE PATH
	b30_got=$(b30_py "$1" "a[1] in [e['path'] for r in d['rules'] if r['id']==a[0] for e in r['evidence']]" "$2" "$3")
	[ "$b30_got" = False ] || bad "$2 on $1: evidence has '$3' ($b30_got)"
}

# a near miss: PATH was found for RULE and the reason it does not count matches REGEX
b30_miss_has() { # FIXTURE RULE PATH REGEX
	b30_got=$(b30_py "$1" "any(m['path']==a[1] and re.search(a[2], m['why']) for r in d['rules'] if r['id']==a[0] for m in r['near_misses'])" "$2" "$3" "$4")
	[ "$b30_got" = True ] || bad "$2 on $1: no near miss at '$3' matching /$4/: $(b30_py "$1" "[(m['path'], m['why'][:60]) for r in d['rules'] if r['id']==a[0] for m in r['near_misses']]" "$2")"
}

b30_scan seed-v1
b30_scan ops-ready
b30_scan near-miss
b30_scan bare
b30_scan arabic
b30_scan layouts
b30_scan stubs
b30_scan layouts-more

begin "built-in pack: the rule files validate"
run "$PG" rules check --no-builtin "$ROOT/rules"
rc_is 0; out_has '34 rules, 6 domains, 11 proofs'
end

begin "built-in pack: rule ids are the public contract, exactly"
run "$PG" rules list --format json
rc_is 0
json_is "' '.join(r['id'] for r in d['rules'])" "deploy.ci-pipeline deploy.local-setup deploy.environments deploy.env-template deploy.secrets-not-committed deploy.staging-runbook deploy.production-runbook deploy.staging-smoke deploy.migration-check deploy.no-pending-migrations backup.script backup.schedule backup.file-coverage backup.restore-procedure backup.restore-drill backup.verification monitoring.health-endpoint monitoring.readiness-checks monitoring.structured-logs monitoring.worker-heartbeat monitoring.alert-routing monitoring.error-tracking support.access-policy support.no-impersonation support.intake-escalation incidents.response-runbook incidents.severity-levels incidents.rollback incidents.communication incidents.post-incident-review audit.security-policy audit.access-traces audit.export-checks audit.codeowners"
json_is "' '.join(r['id'] for r in d['rules'] if r['level']=='required')" "deploy.ci-pipeline deploy.local-setup deploy.environments deploy.env-template deploy.secrets-not-committed backup.script backup.restore-procedure monitoring.health-endpoint monitoring.alert-routing support.access-policy incidents.response-runbook incidents.severity-levels incidents.rollback audit.security-policy audit.access-traces"
json_is "[r['id'] for r in d['rules'] if r['level']=='advisory']" "['monitoring.error-tracking', 'audit.codeowners']"
end

begin "built-in pack: domains in the seed's order, proofs of the seed's boundary"
b30_got=$(b30_py seed-v1 "' '.join(x['id'] for x in d['domains'])")
[ "$b30_got" = "deployment backup monitoring support incidents audit" ] || bad "domain order: $b30_got"
b30_got=$(b30_py seed-v1 "' '.join(p['id'] for p in d['proofs'])")
[ "$b30_got" = "staging-smoke deployment env-secrets migration backup restore-drill monitoring-logs alert-routing incident-rollback support-audit-handoff production-claim" ] || bad "proofs: $b30_got"
b30_got=$(b30_py seed-v1 "sorted([p for p in d['proofs'] if p['id']=='production-claim'][0]['requires'])")
[ "$b30_got" = "['alert-routing', 'backup', 'deployment', 'env-secrets', 'incident-rollback', 'migration', 'monitoring-logs', 'restore-drill', 'staging-smoke', 'support-audit-handoff']" ] || bad "production-claim requires $b30_got"
b30_got=$(b30_py seed-v1 "[p['id'] for p in d['proofs'] if p['id']!='production-claim' and not p['rules']]")
[ "$b30_got" = "[]" ] || bad "proofs no rule backs: $b30_got"
end

begin "built-in pack: every domain, proof, rule title and next step has Arabic"
run "$PG" scan --format json --lang ar "$FX/seed-v1"
json_is "[x['id'] for x in d['domains'] if not __import__('re').search('[\u0600-\u06ff]', x['title']+x['next_step'])]" "[]"
json_is "[p['id'] for p in d['proofs'] if not __import__('re').search('[\u0600-\u06ff]', p['title'])]" "[]"
json_is "[r['id'] for r in d['rules'] if not __import__('re').search('[\u0600-\u06ff]', r['title']) or not __import__('re').search('[\u0600-\u06ff]', r['next_step'])]" "[]"
json_is "[x['title'] for x in d['domains']]" "['النشر والبيئات', 'النسخ الاحتياطي والاستعادة', 'المراقبة والسجلات', 'مسار الدعم', 'الحوادث والتعافي', 'تسليم التدقيق والأمان']"
end

begin "seed-v1 reproduces the seed's summary table"
cp "$T/b30-seed-v1.json" "$T/out"
json_is "d['verdict']" stop
json_is "[(x['id'], x['status']) for x in d['domains']]" "[('deployment', 'readiness-only'), ('backup', 'blocked'), ('monitoring', 'blocked'), ('support', 'readiness-only'), ('incidents', 'blocked'), ('audit', 'ready')]"
end

begin "seed-v1: next safe steps say what the seed's last column says"
b30_next_has seed-v1 deployment 'staging.*prod.*deploy runbooks.*smoke gates.*before live'
b30_next_has seed-v1 backup 'backup commands.*restore drill.*verification checklist'
b30_next_has seed-v1 monitoring 'structured log review.*uptime|uptime.*structured log review'
b30_next_has seed-v1 monitoring 'worker heartbeat'
b30_next_has seed-v1 monitoring 'backup result visibility'
b30_next_has seed-v1 support 'support intake.*ticket handoff.*auditable read models.*before any mutation workflow'
b30_next_has seed-v1 incidents 'severity.*owner.*communication.*rollback.*recovery checklists before production use'
b30_next_has seed-v1 audit '^Keep operations evidence connected to audit logs before enabling live operational controls$'
end

begin "seed-v1: the current signals are the seed's (Step 7, local setup, CI, routes, support, audit)"
b30_ev_has seed-v1 deploy.environments docs/blueprint/step-07-operations.md
b30_ev_has seed-v1 deploy.local-setup docs/runbooks/local-setup.txt
b30_ev_has seed-v1 deploy.ci-pipeline .github/workflows/ci.yml
b30_ev_has seed-v1 deploy.env-template .env.example
b30_ev_has seed-v1 monitoring.health-endpoint apps/api/src/server.ts
b30_ev_has seed-v1 monitoring.health-endpoint apps/web/src/app/status/page.tsx
b30_ev_has seed-v1 support.access-policy docs/readiness/admin-support.md
b30_ev_has seed-v1 support.access-policy prisma/schema.prisma
b30_ev_has seed-v1 support.no-impersonation docs/readiness/admin-support.md
b30_ev_has seed-v1 audit.access-traces prisma/schema.prisma
b30_ev_has seed-v1 audit.export-checks docs/readiness/audit-security-readiness.md
end

begin "seed-v1: the infrastructure/ placeholders are found and said not to count"
b30_rule_is seed-v1 backup.script fail
b30_miss_has seed-v1 backup.script infrastructure/backup/README.md '^matches /'
b30_miss_has seed-v1 backup.script infrastructure/backup/.gitkeep '^has 0 lines'
b30_rule_is seed-v1 monitoring.alert-routing fail
b30_miss_has seed-v1 monitoring.alert-routing infrastructure/monitoring/README.md 'fewer than the 5 needed'
end

begin "seed-v1: the Blueprint's direction is not a runbook"
for b30_r in deploy.staging-runbook deploy.production-runbook backup.restore-procedure incidents.response-runbook incidents.severity-levels incidents.rollback support.intake-escalation; do
	b30_rule_is seed-v1 $b30_r fail
	b30_ev_lacks seed-v1 $b30_r docs/blueprint/step-07-operations.md
done
end

begin "seed-v1 in Arabic: the seed's domain names and status labels"
run "$PG" scan --lang ar "$FX/seed-v1"
rc_is 0
out_has '^النشر والبيئات  جاهزية فقط$'
out_has '^النسخ الاحتياطي والاستعادة  محجوب حتى يكتمل الدليل أو التكامل$'
out_has '^المراقبة والسجلات  محجوب حتى يكتمل الدليل أو التكامل$'
out_has '^مسار الدعم  جاهزية فقط$'
out_has '^الحوادث والتعافي  محجوب حتى يكتمل الدليل أو التكامل$'
out_has '^تسليم التدقيق والأمان  أساس جاهز$'
out_has 'أبقِ أدلة العمليات مرتبطة بسجلات التدقيق'
end

begin "seed-v1: the gate fails on blocked domains"
run "$PG" scan -q --fail-on blocked "$FX/seed-v1"
rc_is 1; out_has 'stop'
end

begin "ops-ready: every domain ready, every proof proven, verdict go"
cp "$T/b30-ops-ready.json" "$T/out"
json_is "d['verdict']" go
json_is "sorted(set(x['status'] for x in d['domains']))" "['ready']"
json_is "[p['id'] for p in d['proofs'] if p['status']!='proven']" "[]"
json_is "[r['id'] for r in d['rules'] if r['outcome']!='pass']" "[]"
run "$PG" scan -q --fail-on readiness-only "$FX/ops-ready"
rc_is 0; out_has 'go'
end

begin "bare: a repository with no operations evidence is blocked everywhere"
cp "$T/b30-bare.json" "$T/out"
json_is "d['verdict']" stop
json_is "sorted(set(x['status'] for x in d['domains']))" "['blocked']"
json_is "[r['id'] for r in d['rules'] if r['outcome']=='pass']" "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

# ---- every rule: passes on a real layout, fails without evidence, and a near
# miss (placeholder, stub, lock file, vendored copy, changelog, wrong-meaning
# word) is found and does not count
b30_rule() { # RULE PASS-FIXTURE PASS-PATH FAIL-FIXTURE
	b30_rule_is "$2" "$1" pass
	b30_ev_has "$2" "$1" "$3"
	b30_rule_is "$4" "$1" fail
	b30_rule_is near-miss "$1" fail
}

begin "deploy.ci-pipeline: workflow with jobs, GitLab CI; a CI file without jobs does not count"
b30_rule deploy.ci-pipeline ops-ready .github/workflows/ci.yml bare
b30_ev_has layouts deploy.ci-pipeline .gitlab-ci.yml
b30_miss_has near-miss deploy.ci-pipeline .github/workflows/ci.yml 'does not match the pattern it looks for'
end

begin "deploy.local-setup: README section with commands (English, Arabic); 'Getting started: TBD' is a placeholder"
b30_rule deploy.local-setup ops-ready README.md bare
b30_ev_has seed-v1 deploy.local-setup docs/runbooks/local-setup.txt
b30_ev_has arabic deploy.local-setup README.md
b30_miss_has near-miss deploy.local-setup README.md '^matches /'
end

begin "deploy.environments: local, staging, production documented (English, Arabic); local and production only is not"
b30_rule deploy.environments ops-ready docs/environments.md bare
b30_ev_has arabic deploy.environments docs/البيئات.md
b30_ev_lacks near-miss deploy.environments docs/environments.md
b30_miss_has stubs deploy.environments docs/environments.md 'does not match'
end

begin "deploy.env-template: .env.example with variables; a comment-only template does not count"
b30_rule deploy.env-template ops-ready .env.example bare
b30_miss_has near-miss deploy.env-template .env.example 'does not match'
end

begin "deploy.secrets-not-committed: a private key and a .env secret fail; test keys, lock files and AWS's documented example do not"
b30_rule_is ops-ready deploy.secrets-not-committed pass
b30_rule_is bare deploy.secrets-not-committed pass
b30_rule_is near-miss deploy.secrets-not-committed fail
b30_ev_has near-miss deploy.secrets-not-committed config/deploy_key.pem
b30_ev_has near-miss deploy.secrets-not-committed .env
b30_ev_lacks near-miss deploy.secrets-not-committed tests/keys/test_key.pem
# the pack's lock-file exclude does not narrow a forbidding condition: a change picks its file names
b30_ev_has near-miss deploy.secrets-not-committed yarn.lock
b30_ev_lacks near-miss deploy.secrets-not-committed docs/aws.md
end

begin "deploy.staging-runbook: staging runbook with steps (English, Arabic, reStructuredText); a three-line stub does not count"
b30_rule deploy.staging-runbook ops-ready docs/runbooks/deploy-staging.md bare
b30_ev_has arabic deploy.staging-runbook docs/runbooks/النشر-المرحلي.md
b30_ev_has layouts deploy.staging-runbook runbooks/deploy.rst
b30_miss_has near-miss deploy.staging-runbook docs/runbooks/deploy-staging.md 'has 3 lines, fewer than the 10 needed'
end

begin "deploy.production-runbook: production runbook with rollback (English, Arabic); one without rollback does not count"
b30_rule deploy.production-runbook ops-ready docs/runbooks/deploy-production.md bare
b30_ev_has arabic deploy.production-runbook docs/runbooks/النشر-الإنتاجي.md
b30_miss_has near-miss deploy.production-runbook docs/deploy-production.md 'does not match'
end

begin "deploy.staging-smoke: smoke job and script against staging; a localhost smoke script does not count"
b30_rule deploy.staging-smoke ops-ready scripts/smoke.sh bare
b30_ev_has ops-ready deploy.staging-smoke .github/workflows/deploy.yml
b30_ev_has layouts deploy.staging-smoke .gitlab-ci.yml
b30_miss_has near-miss deploy.staging-smoke scripts/smoke.sh 'does not match'
end

begin "deploy.migration-check: migrate deploy in the pipeline (Prisma, Django); a commented-out command does not count"
b30_rule deploy.migration-check ops-ready .github/workflows/deploy.yml bare
b30_ev_has layouts deploy.migration-check .gitlab-ci.yml
b30_ev_lacks near-miss deploy.migration-check scripts/deploy.sh
b30_miss_has stubs deploy.migration-check scripts/deploy.sh 'does not match'
end

begin "deploy.no-pending-migrations: a listed pending migration fails (English, Arabic); 'check for pending' and 'no pending' do not"
b30_rule_is ops-ready deploy.no-pending-migrations pass
b30_rule_is bare deploy.no-pending-migrations pass
b30_rule_is near-miss deploy.no-pending-migrations fail
b30_got=$(b30_py near-miss "sorted((e['path'], e['line']) for r in d['rules'] if r['id']=='deploy.no-pending-migrations' for e in r['evidence'])")
[ "$b30_got" = "[('docs/migrations/notes-ar.md', 3), ('docs/release-checklist.md', 5)]" ] || bad "pending migrations found at $b30_got"
end

begin "backup.script: pg_dump script and CronJob; a placeholder README, .gitkeep and a commented pg_dump do not count"
b30_rule backup.script ops-ready scripts/backup.sh bare
b30_ev_has layouts backup.script deploy/k8s/backup.yaml
b30_miss_has near-miss backup.script infrastructure/backup/README.md '^matches /.* at line 3$'
b30_miss_has near-miss backup.script infrastructure/backup/.gitkeep '^has 0 lines'
b30_ev_lacks near-miss backup.script scripts/backup.sh
b30_miss_has stubs backup.script scripts/backup.sh '^matches /.* at line 3$'
end

begin "backup.schedule: CronJob and scheduled workflow; a commented crontab line does not count"
b30_rule backup.schedule ops-ready ops/k8s/backup-cronjob.yaml bare
b30_ev_has ops-ready backup.schedule .github/workflows/backup.yml
b30_ev_has layouts backup.schedule deploy/k8s/backup.yaml
b30_miss_has near-miss backup.schedule ops/crontab 'does not match'
end

begin "backup.file-coverage: files and configuration backed up (script, Arabic runbook); a database-only plan does not count"
b30_rule backup.file-coverage ops-ready scripts/backup.sh bare
b30_ev_has ops-ready backup.file-coverage docs/runbooks/backup-and-restore.md
b30_ev_has arabic backup.file-coverage docs/runbooks/النسخ-الاحتياطي.md
b30_miss_has near-miss backup.file-coverage docs/backup-plan.md 'does not match'
end

begin "backup.restore-procedure: restore script and runbook (English, Arabic, piped psql); a two-line stub does not count, pg_restore --list is no restore"
b30_rule backup.restore-procedure ops-ready scripts/restore.sh bare
b30_ev_has ops-ready backup.restore-procedure docs/runbooks/backup-and-restore.md
b30_ev_lacks ops-ready backup.restore-procedure scripts/backup.sh
b30_ev_has arabic backup.restore-procedure docs/runbooks/النسخ-الاحتياطي.md
b30_ev_has layouts backup.restore-procedure bin/restore
b30_ev_lacks near-miss backup.restore-procedure docs/runbooks/restore.md
b30_miss_has stubs backup.restore-procedure docs/runbooks/restore.md 'fewer than the 8 needed'
end

begin "backup.restore-drill: a drill 12 days before the commit (English), 17 days (Arabic); 182 days is too old"
b30_rule backup.restore-drill ops-ready docs/drills/restore-drill-log.md bare
b30_ev_has arabic backup.restore-drill docs/runbooks/النسخ-الاحتياطي.md
b30_miss_has near-miss backup.restore-drill docs/drills/restore-drill.md 'too old'
b30_got=$(b30_py near-miss "[l for r in d['rules'] if r['id']=='backup.restore-drill' for l in r['looked_for'] if '2025-12-01' in l and '182 days' in l] != []")
[ "$b30_got" = True ] || bad "the drill's age is not reported: $(b30_py near-miss "[r['looked_for'] for r in d['rules'] if r['id']=='backup.restore-drill']")"
end

begin "backup.restore-drill: freshness is measured from the scanned commit, not the wall clock"
b30_got=$(b30_py ops-ready "[e['line'] for r in d['rules'] if r['id']=='backup.restore-drill' for e in r['evidence']][:1]")
[ "$b30_got" = "[6]" ] || bad "the newest drill (2026-05-20, line 6) is not the evidence: $b30_got"
end

begin "backup.verification: checksum in the script and a checklist (English, Arabic); none in the near miss"
b30_rule backup.verification ops-ready scripts/backup.sh bare
b30_ev_has ops-ready backup.verification docs/runbooks/backup-and-restore.md
b30_ev_has arabic backup.verification docs/runbooks/النسخ-الاحتياطي.md
b30_miss_has near-miss backup.verification docs/backup-plan.md 'does not match'
end

begin "monitoring.health-endpoint: routes in Express, Flask, FastAPI, Django, Rails, Spring, Go, Laravel, NestJS, axum, Next.js; probes"
b30_rule monitoring.health-endpoint ops-ready src/server.ts bare
b30_ev_has ops-ready monitoring.health-endpoint ops/k8s/api.yaml
for b30_p in api/app.py svc/main.py web/urls.py config/routes.rb java/src/main/java/com/acme/HealthController.java go/main.go php/routes/web.php node/server.js nest/src/health.controller.ts rust/src/main.rs; do
	b30_ev_has layouts monitoring.health-endpoint $b30_p
done
b30_ev_lacks layouts monitoring.health-endpoint lib/status.py
end

begin "monitoring.health-endpoint: Go 1.22 method patterns, Symfony and ASP.NET attributes, Ktor, aiohttp, Remix route files"
for b30_p in go/routes.go src/Controller/HealthController.php Api/StatusController.cs kt/src/Application.kt py/server.py app/routes/healthcheck.tsx; do
	b30_ev_has layouts-more monitoring.health-endpoint $b30_p
done
end

begin "backup.script and backup.schedule: managed and operator backups as code (RDS retention, CloudNativePG)"
b30_ev_has layouts-more backup.script infra/terraform/db.tf
b30_ev_has layouts-more backup.script k8s/cluster.yaml
b30_ev_has layouts-more backup.schedule infra/terraform/db.tf
b30_ev_has layouts-more backup.schedule k8s/cluster.yaml
b30_ev_has layouts-more backup.restore-procedure docs/runbooks/restore.mdx
end

begin "monitoring.health-endpoint: a HealthChecker model, a request spec, vendored and node_modules routes are not endpoints"
b30_rule_is near-miss monitoring.health-endpoint fail
b30_got=$(b30_py near-miss "[m['path'] for r in d['rules'] if r['id']=='monitoring.health-endpoint' for m in r['near_misses'] if re.search('health|vendor|node_modules|spec/', m['path'])]")
[ "$b30_got" = "[]" ] || bad "these were considered as routes: $b30_got"
end

begin "monitoring.readiness-checks: readinessProbe, service_healthy, a /ready handler pinging the database"
b30_rule monitoring.readiness-checks ops-ready ops/k8s/api.yaml bare
b30_ev_has ops-ready monitoring.readiness-checks docker-compose.yml
b30_ev_has ops-ready monitoring.readiness-checks src/server.ts
end

begin "monitoring.structured-logs: pino and LOG_FORMAT=json; pino in a lock file or a changelog does not count"
b30_rule monitoring.structured-logs ops-ready package.json bare
b30_ev_has ops-ready monitoring.structured-logs .env.example
b30_ev_lacks near-miss monitoring.structured-logs package-lock.json
b30_miss_has stubs monitoring.structured-logs src/logger.js 'does not match'
end

begin "monitoring.worker-heartbeat: a worker heartbeat; a websocket keep-alive does not count"
b30_rule monitoring.worker-heartbeat ops-ready src/worker.ts bare
b30_miss_has stubs monitoring.worker-heartbeat src/socket.js 'does not match'
end

begin "monitoring.alert-routing: Alertmanager to PagerDuty, on-call documents (English, Arabic); alert rules alone and a null receiver do not"
b30_rule monitoring.alert-routing ops-ready ops/alertmanager/alertmanager.yml bare
b30_ev_has ops-ready monitoring.alert-routing docs/runbooks/on-call.md
b30_ev_has arabic monitoring.alert-routing docs/runbooks/المناوبة.md
b30_miss_has near-miss monitoring.alert-routing ops/alertmanager.yml 'does not match'
b30_miss_has near-miss monitoring.alert-routing ops/prometheus/alerts.yml 'does not match'
end

begin "monitoring.error-tracking (advisory): Sentry in code and dependencies; in a lock file it does not count"
b30_rule monitoring.error-tracking ops-ready src/server.ts bare
b30_ev_lacks near-miss monitoring.error-tracking package-lock.json
b30_ev_lacks near-miss monitoring.error-tracking CHANGELOG.md
end

begin "support.access-policy: the five properties in a document (English, Arabic) or a grant model; 'any tenant when needed' does not"
b30_rule support.access-policy ops-ready docs/support.md bare
b30_ev_has arabic support.access-policy docs/الدعم.md
b30_ev_has seed-v1 support.access-policy prisma/schema.prisma
b30_ev_lacks near-miss support.access-policy docs/support.md
end

begin "support.no-impersonation: a stated prohibition (English, Arabic); allowing impersonation is the opposite"
b30_rule support.no-impersonation ops-ready docs/support.md bare
b30_ev_has arabic support.no-impersonation docs/الدعم.md
b30_ev_lacks near-miss support.no-impersonation docs/support.md
end

begin "support.intake-escalation: intake, triage, escalation (English, Arabic); 'Escalation: TBD' is a placeholder"
b30_rule support.intake-escalation ops-ready docs/support.md bare
b30_ev_has arabic support.intake-escalation docs/الدعم.md
b30_rule_is seed-v1 support.intake-escalation fail
b30_ev_lacks near-miss support.intake-escalation docs/support-escalation.md
end

begin "incidents.response-runbook: runbooks in Markdown, AsciiDoc and Arabic; an Arabic stub 'قيد الإنشاء' does not count"
b30_rule incidents.response-runbook ops-ready docs/runbooks/incident-response.md bare
b30_ev_has arabic incidents.response-runbook docs/runbooks/الحوادث.md
b30_ev_lacks arabic incidents.response-runbook docs/runbooks/النشر-الإنتاجي.md
b30_ev_has layouts incidents.response-runbook ops/incident-response.adoc
b30_miss_has near-miss incidents.response-runbook docs/runbooks/incident.md 'fewer than the 10 needed'
b30_rule_is stubs incidents.response-runbook fail
b30_miss_has stubs incidents.response-runbook docs/runbooks/الحوادث.md '^matches /.* at line 3$'
end

begin "incidents.severity-levels: SEV lists, an AsciiDoc table, Arabic levels; 'Severity: TBD' and a changelog do not count"
b30_rule incidents.severity-levels ops-ready docs/runbooks/incident-response.md bare
b30_ev_has arabic incidents.severity-levels docs/runbooks/الحوادث.md
b30_ev_has layouts incidents.severity-levels ops/incident-response.adoc
b30_ev_lacks near-miss incidents.severity-levels CHANGELOG.md
b30_ev_lacks near-miss incidents.severity-levels docs/severity.md
end

begin "incidents.rollback: rollback steps (English, Arabic, reStructuredText); a one-line note and a changelog do not count"
b30_rule incidents.rollback ops-ready docs/runbooks/incident-response.md bare
b30_ev_has arabic incidents.rollback docs/runbooks/الحوادث.md
b30_ev_has layouts incidents.rollback runbooks/deploy.rst
b30_ev_lacks near-miss incidents.rollback CHANGELOG.md
b30_miss_has stubs incidents.rollback docs/runbooks/rollback.md 'fewer than the 8 needed'
end

begin "incidents.communication: commander and status page (English, Arabic, AsciiDoc)"
b30_rule incidents.communication ops-ready docs/runbooks/incident-response.md bare
b30_ev_has arabic incidents.communication docs/runbooks/الحوادث.md
b30_ev_has layouts incidents.communication ops/incident-response.adoc
end

begin "incidents.post-incident-review: blameless postmortem (English, Arabic); a changelog's postmortem does not count"
b30_rule incidents.post-incident-review ops-ready docs/runbooks/incident-response.md bare
b30_ev_has arabic incidents.post-incident-review docs/runbooks/الحوادث.md
b30_ev_lacks near-miss incidents.post-incident-review CHANGELOG.md
end

begin "audit.security-policy: SECURITY.md, .github/SECURITY.md, an Arabic policy; app/models/security.rb and a TODO do not count"
b30_rule audit.security-policy ops-ready SECURITY.md bare
b30_ev_has layouts audit.security-policy .github/SECURITY.md
b30_ev_has arabic audit.security-policy docs/security/سياسة-الأمان.md
b30_ev_lacks near-miss audit.security-policy app/models/security.rb
b30_miss_has near-miss audit.security-policy docs/security.md '^matches /'
end

begin "audit.access-traces: an AuditLog model, SupportActionLog, an Arabic document; an accounting Audit model does not count"
b30_rule audit.access-traces ops-ready prisma/schema.prisma bare
b30_ev_has seed-v1 audit.access-traces prisma/schema.prisma
b30_ev_has arabic audit.access-traces docs/التدقيق.md
b30_miss_has near-miss audit.access-traces app/models/audit.rb 'does not match'
end

begin "audit.export-checks: an export that authorises, documents (English, Arabic); an export without a check does not count"
b30_rule audit.export-checks ops-ready src/exports/orders-export.ts bare
b30_ev_has seed-v1 audit.export-checks docs/readiness/audit-security-readiness.md
b30_ev_has arabic audit.export-checks docs/التدقيق.md
b30_miss_has near-miss audit.export-checks app/exports/csv_export.rb 'does not match'
end

begin "audit.codeowners (advisory): owners for the whole tree and ops paths; /src/ only does not count, and never changes a status"
b30_rule audit.codeowners ops-ready .github/CODEOWNERS bare
b30_miss_has near-miss audit.codeowners CODEOWNERS 'does not match'
b30_domain_is seed-v1 audit ready
b30_rule_is seed-v1 audit.codeowners fail
end

begin "proofgate's own repository: its fixtures, the accuracy fixtures and its generated rule list are not its evidence"
run "$PG" scan --format json "$ROOT"
rc_is 0
# (what its fixtures hold does fail no_file conditions, such as their fake secrets: no pack-wide
# exclude narrows a forbidding condition; they are never evidence that a rule holds)
json_is "[e['path'] for r in d['rules'] if r['outcome'] == 'pass' for e in r['evidence'] if e['path'].startswith(('fixtures/', 'tests/accuracy/')) or e['path'].endswith('rules-builtin.md')]" "[]"
end

begin "docs/rules-builtin.md is generated from the pack and up to date"
run "$PG" rules list --format markdown
rc_is 0
holds cmp "$T/out" "$ROOT/docs/rules-builtin.md"
out_has '^## Backup and restore \(`backup`\)$'
out_has 'requires every other proof'
end
