# 123-rules-review86.sh - a review of the eighty-fifth and eighty-sixth sets' rules (issue 12),
# on repositories the reviewer wrote.
# Kept: a workflow indented by four spaces whose triggers list workflow_dispatch before push and
# pull_request; a worker's own readiness handler pinging Redis (workers/health.py); hapi-pino as
# JSON logging; `pip install --upgrade pip && ./bin/app migrate`; an nginx one-line
# `location = /healthz { … return 200 … }` beside a stub_status block.
# Not counted: an nginx /health location that denies (the next block's proxy_pass is not its);
# a subscription event log table; an image pushed from pull requests of the repository itself;
# a workflow run by hand (`on: workflow_dispatch`); a maintainer's release command two sections
# below "## Installation"; a backup zipping CONFIG_FILES (the configuration alone).
# fixtures/review86 and review86-near.  Helpers are prefixed b123_.

fxset_scan_sets b123 review86

begin "review86-near: none of the near misses counts"
fxset_near_passing b123 review86 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "kept: a four-space workflow with workflow_dispatch first, a worker's readiness handler, hapi-pino"
fxset_rule_is b123 kinds deploy.ci-pipeline "pass .github/workflows/rust.yml:13"
fxset_rule_is b123 kinds monitoring.readiness-checks "pass workers/health.py:9"
fxset_rule_is b123 kinds monitoring.structured-logs "pass package.json:6"
end

begin "kept: a migration after a pip upgrade on the same line; a one-line nginx health location"
fxset_rule_is b123 kinds deploy.migration-check "pass scripts/migrate.sh:3"
fxset_rule_is b123 kinds monitoring.health-endpoint "pass nginx/default.conf:3"
end

begin "not counted: a denied health location, a subscription event table, PR pushes, manual runs, a far release command, a settings zip"
fxset_near_fails b123 review86 monitoring.health-endpoint
fxset_near_fails b123 review86 audit.access-traces
fxset_near_fails b123 review86 deploy.ci-pipeline
fxset_near_fails b123 review86 deploy.local-setup
fxset_near_fails b123 review86 backup.script
end
