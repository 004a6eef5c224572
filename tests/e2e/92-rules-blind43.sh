# 92-rules-blind43.sh - what the forty-third blind set found (issue 12),
# written here without its files.
# Misses: a Fastify route whose schema tags it "health" ("Health check endpoint") is a health
# route; a health check script calling a check of the database (checkPostgres(…) among the
# checks it awaits) is a readiness check.
# False passes: a queue's capacity read from the configuration (ko.MustInt("notification.queue_size"))
# and a warning logged when the queue is full (m.lo.Warn(…, "queue_size", len(q))) are no queue
# visibility; a queue_depth gauge and a counter named 'deskd.queue_size' still are; nor is Agendash named in a comment.  A winston
# transport's json: true followed by format: winston.format.simple() writes text; GitHub's
# SECURITY.md template left unfilled ("Use this section to tell people how to report a
# vulnerability") is no policy; a front-end library's CONTRIBUTING.md copied into the web root
# (public/theme/plugins/datelib/) is no local setup of the project.  Near misses: a route tagged
# "users", a health script checking only the HTTP server.
# fixtures/blind43 holds each kind (asserted by path and line), fixtures/blind43-near
# the near misses.  Helpers are prefixed b92_.

fxset_scan_sets b92 blind43

begin "blind43-near: every near miss leaves its rule failing"
fxset_near_passing b92 blind43 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "health: a Fastify route tagged health in its schema; not one tagged users"
fxset_rule_is b92 kinds monitoring.health-endpoint "pass apps/api/src/server.ts:8"
fxset_near_fails b92 blind43 monitoring.health-endpoint
end

begin "readiness: a health check script awaiting checkPostgres(…); not one checking only the server"
fxset_rule_is b92 kinds monitoring.readiness-checks "pass ops/healthcheck.js:13"
fxset_near_fails b92 blind43 monitoring.readiness-checks
end

begin "heartbeat: a queue_depth gauge, a counter named 'deskd.queue_size'; not a queue_size setting nor a warning logging it"
fxset_rule_is b92 kinds monitoring.worker-heartbeat "pass internal/metrics/metrics.go:7 src/Metrics/QueueSize.php:11"
fxset_near_fails b92 blind43 monitoring.worker-heartbeat
end

begin "structured logs: json: true overridden by format: winston.format.simple(); not JSON"
fxset_near_fails b92 blind43 monitoring.structured-logs
end

begin "security policy: GitHub's unfilled SECURITY.md template with a public handle is no policy"
fxset_near_fails b92 blind43 audit.security-policy
end

begin "local setup: a library's CONTRIBUTING.md under public/…/plugins/ is vendored, never the project's"
fxset_near_fails b92 blind43 deploy.local-setup
end
