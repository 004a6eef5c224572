# 80-rules-blind31.sh - what the thirty-first blind set found (issue 12),
# written here without its files.
# Misses: a backup section giving a CodeIgniter command (`php index.php console
# backup`, `php spark db:backup`, under an Arabic heading too) is a backup command; a
# PHP configuration sample whose settings are class constants (config-sample.php,
# `const DB_HOST = ...`) is an environment template; error alerts posted to a Slack
# webhook naming their owner by member id (<@U07...>) are routed to an owner.
# False passes: Flask-Migrate's `db migrate -m MESSAGE` writes a new revision and
# applies nothing (`db upgrade` does); a SQLAlchemy-Continuum history with no user
# class and remote_addr=False records neither who nor from where.
# fixtures/blind31 holds each kind (asserted by path and line), fixtures/blind31-near
# the near misses.  Helpers are prefixed b80_.

fxset_scan_sets b80 blind31

begin "blind31-near: every near miss leaves its rule failing"
fxset_near_passing b80 blind31 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "backup: php index.php console backup and php spark db:backup under a backup heading (English, Arabic); not a sync after the word backup"
fxset_rule_is b80 kinds backup.script "pass docs/ar/console.md:3 docs/console.md:13"
fxset_near_fails b80 blind31 backup.script
end

begin "environment template: config-sample.php's class constants; not constants left in comments"
fxset_rule_is b80 kinds deploy.env-template "pass config-sample.php:10"
fxset_near_fails b80 blind31 deploy.env-template
end

begin "migrations: db upgrade counts, db migrate -m (a new revision) does not"
fxset_rule_is b80 kinds deploy.migration-check "pass Makefile:7"
fxset_near_fails b80 blind31 deploy.migration-check
end

begin "alert routing: a Slack error alert naming its owner (<@U07...>); not a channel announcement naming no one"
fxset_rule_is b80 kinds monitoring.alert-routing "pass app/lib/notify.ts:9"
fxset_near_fails b80 blind31 monitoring.alert-routing
end

begin "access traces: make_versioned with a transaction class keeping the address; not with remote_addr=False and no user"
fxset_rule_is b80 kinds audit.access-traces "pass billing/models.py:5"
fxset_near_fails b80 blind31 audit.access-traces
end
