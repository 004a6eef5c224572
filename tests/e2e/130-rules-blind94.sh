# 130-rules-blind94.sh - what the ninety-fourth blind set found (issue 12).
# Counted: a service manager's environment file (packaging/lanternd.conf) whose every line is a
# comment, listing five of the application's variables with their defaults, as the environment
# template.  No secret: a key file named insecure (res/insecure.pem, a fallback the project
# publishes), like a snakeoil one.
# Not counted: the same file with one setting in force; a key file of any other name still fails.
# fixtures/blind94 holds each kind, fixtures/blind94-near the near misses (written here: no file
# of any fetched project; the keys are random bytes).  Helpers are prefixed b130_.

fxset_scan_sets b130 blind94

begin "blind94-near: none of the near misses counts, and server.pem is a secret"
fxset_near_passing b130 blind94 "['deploy.no-pending-migrations']"
fxset_rule_is b130 near deploy.secrets-not-committed "fail lanternd/res/server.pem:1"
end

begin "counted: a commented service environment file; res/insecure.pem is no secret"
fxset_rule_is b130 kinds deploy.env-template "pass packaging/lanternd.conf:4"
fxset_rule_is b130 kinds deploy.secrets-not-committed "pass"
end
