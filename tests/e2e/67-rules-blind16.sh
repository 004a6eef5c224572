# 67-rules-blind16.sh - what the sixteenth blind set found (issue 12), written
# here without its files.  A false pass of dependency readiness: Rails's
# config.silence_healthcheck_path = "/up" is a setting, not a health route, and
# the cache store configured two lines below it (:redis_cache_store) is not a
# handler checking Redis; nor is a health path kept in a constant beside a Redis
# client.  A health route whose inline handler pings Redis still counts.
# fixtures/blind16 holds each kind (asserted by path and line), fixtures/blind16-near
# the near misses.  Helpers are prefixed b67_.

fxset_scan_sets b67 blind16

begin "blind16-near: every near miss leaves its rule failing (only secrets and 'no pending migrations' pass)"
fxset_near_passing b67 blind16 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "readiness: a route's inline handler pinging Redis counts; a health path assigned to a setting or a constant does not"
fxset_ev b67 blind16 monitoring.readiness-checks server/thumbs.js:7
fxset_near_fails b67 blind16 monitoring.readiness-checks
end
