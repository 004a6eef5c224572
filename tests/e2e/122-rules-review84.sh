# 122-rules-review84.sh - a review of the eighty-third and eighty-fourth sets' rules (issue 12),
# on repositories the reviewer wrote.
# Kept: a Go export handler setting status = http.StatusForbidden before http.Error; a migration
# script echoing a message before `hasura migrate apply` on the same line; gin-healthcheck's
# SQL check written as a struct literal inside healthcheck.New.
# Not counted: a Compose file whose first comment only points at .env.example; a supervisor
# "Sample … config file", a Kubernetes "Sample deployment config", a Hugo site's config.toml,
# a model's training settings in Arabic, as environment templates; a copy of config.ini before
# editing it and 2FA backup codes zipped, as backups; a CI cache archive restored, as a restore;
# fix_permissions(Config.DownloadDir) as an export check; pip3.12 and pip-compile --upgrade as
# migrations; a ping of google.com as a readiness check; a tag-only release workflow, an issue
# translator bot and a CircleCI job that only builds and pushes an image, as CI.  A key file
# under k8s/overlays/integration/ (an environment, not a test folder) is found.
# fixtures/review84 and review84-near.  Helpers are prefixed b122_.

fxset_scan_sets b122 review84

begin "review84-near: none of the near misses counts"
fxset_near_passing b122 review84 "['deploy.no-pending-migrations']"
end

begin "kept: a 403 set before http.Error, an echo before the migration, a SqlCheck struct literal"
fxset_rule_is b122 kinds audit.export-checks "pass internal/api/export.go:13"
fxset_rule_is b122 kinds deploy.migration-check "pass scripts/migrate.sh:3"
fxset_rule_is b122 kinds monitoring.readiness-checks "pass cmd/server/main.go:13"
end

begin "not counted: examples that are no templates, backups of no data, a cache restore, a chmod helper"
fxset_near_fails b122 review84 deploy.env-template
fxset_near_fails b122 review84 backup.script
fxset_near_fails b122 review84 backup.restore-procedure
fxset_near_fails b122 review84 audit.export-checks
end

begin "not counted: pip upgrades, a ping of google.com, release-only, bot and push-only pipelines"
fxset_near_fails b122 review84 deploy.migration-check
fxset_near_fails b122 review84 monitoring.readiness-checks
fxset_near_fails b122 review84 deploy.ci-pipeline
end

begin "a key under an environment named integration is a secret"
fxset_rule_is b122 near deploy.secrets-not-committed "fail k8s/overlays/integration/tls.key:1"
end
