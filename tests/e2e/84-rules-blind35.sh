# 84-rules-blind35.sh - what the thirty-fifth blind set found (issue 12),
# written here without its files.
# Misses: a Django re_path(r"^status/?$", ...) with its optional slash is a health route; a
# backup page headed "Backing up ..." giving `sudo -u postgres pg_dump` is a backup command
# (an Arabic page too), and its "To restore, ..." paragraph with `sudo -u postgres pg_restore`
# a restore procedure; a demo stack's .env whose secret is a lowercase word and 123
# (MINIO_SECRET_KEY=relaypost123) holds no committed secret.
# False passes: a health controller answering db: 'success' under a TODO comment checks no
# dependency; an OpenAPI description of recurring invoices that "catch back up, sending one
# invoice every hour" is no backup schedule; a MySQL dump of a demo database is no restore
# script; a Django route "^statuses/?$" is no health route; a generated-looking secret in a
# stack .env still fails.
# fixtures/blind35 holds each kind (asserted by path and line), fixtures/blind35-near
# the near misses.  Helpers are prefixed b84_.

fxset_scan_sets b84 blind35

begin "blind35-near: every near miss leaves its rule failing (a mixed-case secret in a stack .env still fails)"
fxset_near_passing b84 blind35 "['deploy.no-pending-migrations']"
end

begin "health route: Django re_path(r\"^status/?\$\"); not ^statuses/?\$"
fxset_rule_is b84 kinds monitoring.health-endpoint "pass notify_api/api/urls.py:7"
fxset_near_fails b84 blind35 monitoring.health-endpoint
end

begin "backup and restore documented with sudo -u postgres (English 'Backing up', Arabic); not a MySQL dump's own lines"
fxset_rule_is b84 kinds backup.script "pass docs/admin/backups.md:9 docs/ar/backups.md:8"
fxset_rule_is b84 kinds backup.restore-procedure "pass docs/admin/backups.md:6"
fxset_near_fails b84 blind35 backup.restore-procedure
end

begin "no backup schedule or readiness check: an API description's 'catch back up ... every hour', db: 'success' under a TODO"
fxset_near_fails b84 blind35 backup.schedule
fxset_near_fails b84 blind35 monitoring.readiness-checks
end

begin "secrets: a demo stack's lowercase word and 123 is a default, not a secret"
fxset_rule_is b84 kinds deploy.secrets-not-committed "pass"
end
