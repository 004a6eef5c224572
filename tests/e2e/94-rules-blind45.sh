# 94-rules-blind45.sh - what the forty-fifth blind set found (issue 12),
# written here without its files.
# Misses: a gorilla/mux route whose path goes through a prefixing helper
# (r.HandleFunc(WithBase("/healthz"), …)) is a health route; a configuration template named
# NAME.dist.yml (secret: 'FIXME') is an environment template; a README's "To **report a security
# issue**, please send an email privately to" with the address on the next line is a security
# policy.  Near misses: the helper wrapping /about and /manifest.json; a README sending security
# reports to the public tracker.
# fixtures/blind45 holds each kind (asserted by path and line), fixtures/blind45-near
# the near misses.  Helpers are prefixed b94_.

fxset_scan_sets b94 blind45

begin "blind45-near: every near miss leaves its rule failing"
fxset_near_passing b94 blind45 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "health: r.HandleFunc(WithBase(\"/healthz\"), …); not WithBase(\"/about\")"
fxset_rule_is b94 kinds monitoring.health-endpoint "pass server/routes.go:7"
fxset_near_fails b94 blind45 monitoring.health-endpoint
end

begin "environment template: tracer.dist.yml"
fxset_rule_is b94 kinds deploy.env-template "pass config/tracer.dist.yml:7"
end

begin "security policy: \"send an email privately to\" with the address on the next line; not the public tracker"
fxset_rule_is b94 kinds audit.security-policy "pass README.rst:9"
fxset_near_fails b94 blind45 audit.security-policy
end
