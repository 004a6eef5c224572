# 69-rules-blind19.sh - what the nineteenth blind set found (issue 12),
# written here without its files.
# A false pass of dependency readiness: a Go method named getStatus that
# returns a music player's state (or an importer's) was read as a status
# handler checking the queues, because a queue was named 1,500 characters
# further on, in a log message of the next function or in another method.
# The check must be in the handler: within 60 lines and before the next
# top-level func, def, function or class; and a lowercase queue counts only
# where it is used (queue., queue(, queue =).  A status handler that pings the
# database (Go's handleStatus) and a class-based StatusView whose get method
# opens a cursor still count.
# A false fail of the secrets rule: a test environment named .test.env (the
# same convention as .env.test) holding a test bucket's key; a .prod.env with
# a key still fails.
# fixtures/blind19 holds each kind (asserted by path and line), fixtures/blind19-near
# the near misses.  Helpers are prefixed b69_.

fxset_scan_sets b69 blind19

begin "blind19-near: every near miss leaves its rule failing"
fxset_near_passing b69 blind19 "['deploy.no-pending-migrations']"
end

begin "readiness: the dependency check must be in the status handler; a queue in the next function or in a log line is not"
fxset_ev b69 blind19 monitoring.readiness-checks api/views.py:6 internal/web/status.go:6
fxset_near_fails b69 blind19 monitoring.readiness-checks
end

begin "secrets: .test.env is a test environment like .env.test; .prod.env still fails"
fxset_rule_is b69 kinds deploy.secrets-not-committed pass
fxset_rule_is b69 near deploy.secrets-not-committed "fail .prod.env:2"
end
