# 77-rules-blind28.sh - what the twenty-eighth blind set found (issue 12),
# written here without its files.
# Misses: a committed .env whose database is at localhost (DB_HOST=localhost) is a
# local default; a value naming where a key is (%kernel.project_dir%/config/jwt/private.pem,
# config/keys/signing.pem) is no secret; dev.env and .env files under development/
# are the local stack's; a Rails `namespace :health do resources :probes` is a
# health route; ExceptionNotification::Rack mailing exceptions is an error tracker;
# Symfony's shortened doctrine:migration:migrate runs migrations; a docs section
# "Exporting the database" (تصدير قاعدة البيانات) giving `pg_dump DB > FILE` is a
# backup command, and so is rsync of the data folder into a backups folder in a
# backup document; a Frappe DocType with "track_changes": 1 and a log call
# recording a login's outcome with the client's IP are access traces.
# False passes: a queue driver's status($id) returning a job's state is no
# readiness handler; default_template.py (the product's own templates) is no
# environment template.
# fixtures/blind28 holds each kind (asserted by path and line), fixtures/blind28-near
# the near misses.  Helpers are prefixed b77_.

fxset_scan_sets b77 blind28

begin "blind28-near: every near miss leaves its rule failing"
fxset_near_passing b77 blind28 "['deploy.no-pending-migrations']"
end

begin "secrets: localhost database defaults, key paths and the development stack's env files are no secrets; a remote database's password and a slash-led token still are"
fxset_rule_is b77 kinds deploy.secrets-not-committed "pass"
fxset_rule_is b77 near deploy.secrets-not-committed "fail .env:1 ops/app.env:2"
end

begin "health and error tracking: namespace :health with resources, ExceptionNotification::Rack; not namespace :healthcare, not the gem alone"
fxset_rule_is b77 kinds monitoring.health-endpoint "pass config/routes.rb:4"
fxset_near_fails b77 blind28 monitoring.health-endpoint
fxset_rule_is b77 kinds monitoring.error-tracking "pass config/environments/production.rb:4"
fxset_near_fails b77 blind28 monitoring.error-tracking
end

begin "migrations: doctrine:migration:migrate in an entrypoint counts; doctrine:migration:diff does not"
fxset_rule_is b77 kinds deploy.migration-check "pass docker/entrypoint.sh:4"
fxset_near_fails b77 blind28 deploy.migration-check
end

begin "backup: an export-the-database section's pg_dump to a file (English and Arabic) and rsync into backups; not a schema-only dump, not rsync of a site"
fxset_rule_is b77 kinds backup.script "pass docs/admin/moving-servers.md:8 docs/ar/نقل-الخادم.md:8 docs/backup.md:6"
fxset_near_fails b77 blind28 backup.script
end

begin "access traces: Frappe track_changes and a sign-in log with the client's IP; not track_changes 0, not a login log without the IP"
fxset_rule_is b77 kinds audit.access-traces "pass app/doctype/support_case/support_case.json:8 src/Security/SignIn.php:8"
fxset_near_fails b77 blind28 audit.access-traces
end

begin "false passes: a queue driver's status(\$id) is no readiness handler; default_template.py is no environment template"
fxset_near_fails b77 blind28 monitoring.readiness-checks
fxset_near_fails b77 blind28 deploy.env-template
end
