# 129-rules-blind93.sh - what the ninety-third blind set found (issue 12).
# Counted: a Go router group's route given its path relative to the group (meta.GET("ping", …))
# as the health route; an Azure pipeline triggered on a branch and on pull requests, building and
# testing, as CI.
# Not counted: a relative "status" route in a group of orders (orders.GET("status", …)); an Azure
# pipeline triggered only by tags (a release pipeline, even one running the tests first).
# fixtures/blind93 holds each kind, fixtures/blind93-near the near misses (written here: no file
# of any fetched project).  Helpers are prefixed b129_.

fxset_scan_sets b129 blind93

begin "blind93-near: none of the near misses counts (a tags-only Azure pipeline is no CI)"
fxset_near_passing b129 blind93 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
fxset_near_fails b129 blind93 deploy.ci-pipeline
fxset_near_fails b129 blind93 monitoring.health-endpoint
end

begin "counted: a group's relative ping route; an Azure pipeline on branches and pull requests"
fxset_rule_is b129 kinds monitoring.health-endpoint "pass internal/web/router.go:16"
fxset_rule_is b129 kinds deploy.ci-pipeline "pass azure-pipelines.yml:None"
end
