# 121-rules-blind85-86.sh - what the eighty-fifth and eighty-sixth blind sets found (issue 12),
# written here without their files.
# Misses: a Rails health route given as a symbol (get :health_check, to: proc { … }); an nginx
# location for /ping passed to php-fpm; a settings.cfg.skeleton as an environment template; an
# EventLog table created with the user and the address; a documentation page whose front matter
# says "Title: Installing …" followed by its commands, and a build-from-source guide whose
# command comes more than 40 lines below its title; an image built on every pull request and
# pushed only from the repository itself (push: "${{ github.event_name != 'pull_request' }}")
# as CI.
# False passes: a view's "You can migrate your subscriptions" as a migration step; a Sidekiq
# worker named for health as a readiness check; a billing event model as an audit trail; a
# word list holding 'pino' as JSON logging; a round trip of the settings alone
# (ConfigBackupServiceTest) as a restore drill; Kubernetes probes commented out as a health
# check and a readiness probe.
# fixtures/blind85 holds each kind (asserted by path and line), fixtures/blind85-near the near
# misses.  Helpers are prefixed b121_.

fxset_scan_sets b121 blind85

begin "blind85-near: every near miss leaves its rule failing (its CI runs phpunit)"
fxset_near_passing b121 blind85 "['deploy.ci-pipeline', 'deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "health: a Rails symbol route answering 200 and an nginx /ping passed to php-fpm; not commented probes"
fxset_rule_is b121 kinds monitoring.health-endpoint "pass config/routes.rb:6 docker/nginx/site.conf:6"
fxset_near_fails b121 blind85 monitoring.health-endpoint
fxset_near_fails b121 blind85 monitoring.readiness-checks
end

begin "a settings skeleton is a template; an EventLog table with the user and the address is an audit trail"
fxset_rule_is b121 kinds deploy.env-template "pass settings.cfg.skeleton:2"
fxset_rule_is b121 kinds audit.access-traces "pass db/schema.sql:8"
fxset_near_fails b121 blind85 audit.access-traces
end

begin "local setup: a page titled in front matter, and a build guide's command 45 lines below its title"
fxset_rule_is b121 kinds deploy.local-setup "pass docs/install/installing.md:2 docs/tutorials/building-from-source.md:1"
end

begin "CI: an image built on every pull request, pushed only from the repository itself"
fxset_rule_is b121 kinds deploy.ci-pipeline "pass .github/workflows/image.yml:14"
end

begin "no migration in a view, no JSON logging in a word list, no restore drill in a settings round trip"
fxset_near_fails b121 blind85 deploy.migration-check
fxset_near_fails b121 blind85 monitoring.structured-logs
fxset_near_fails b121 blind85 backup.restore-drill
end
