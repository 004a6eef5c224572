# 81-rules-blind32.sh - what the thirty-second blind set found (issue 12),
# written here without its files.
# Misses: a README saying "To run NAME locally with Docker:" then `docker run` (and the
# Arabic "لتشغيل ... محليًا") is local setup, and a README whose table header or prose
# begins with the word Placeholder is no placeholder document; a CodeIgniter .env.example
# of dotted keys (database.default.hostname=...) and a NAME.conf.default of commented
# settings are environment templates; a PHP health() calling db_connect() and cache() is a
# readiness check; a Dropwizard gauge of a queue's size is queue visibility; a README
# section "Security issues and vulnerabilities" giving the security address is a security
# policy; a demo key file under .examples/ and a .env password that is a plain lowercase
# word (a documented default) are not committed secrets.
# False passes: a table-of-contents link "[Installing as binary](#...)" is no setup
# section; ActivityPub's Activity entity (modules/Fediverse/) is no audit trail; `pip
# install --upgrade` is no migration; a println of a queue's size is no queue metric.
# Still failing: a PEM key in a text file under .examples/, a random .env password.
# fixtures/blind32 holds each kind (asserted by path and line), fixtures/blind32-near
# the near misses.  Helpers are prefixed b81_.

fxset_scan_sets b81 blind32

begin "blind32-near: every near miss leaves its rule failing"
fxset_near_passing b81 blind32 "['deploy.no-pending-migrations']"
end

begin "local setup: run locally with docker run (English, Arabic) past Placeholder table headers; not a table-of-contents link"
fxset_rule_is b81 kinds deploy.local-setup "pass README.md:16 docs/ar/README.md:5"
fxset_near_fails b81 blind32 deploy.local-setup
end

begin "environment template: dotted .env.example keys, commented settings of a .conf.default; not prose alone"
fxset_rule_is b81 kinds deploy.env-template "pass .env.example:4 docker/.env:3 etc/shiftboard.conf.default:5"
fxset_near_fails b81 blind32 deploy.env-template
end

begin "secrets: a demo key file under .examples/ and a plain-word default password pass; a PEM key in a text file there and a random password do not"
fxset_rule_is b81 kinds deploy.secrets-not-committed "pass"
fxset_rule_is b81 near deploy.secrets-not-committed "fail .examples/proxy/signing-key.txt:1 docker/.env:2"
end

begin "readiness: health() calling db_connect() and cache(); not a health() answering ok"
fxset_rule_is b81 kinds monitoring.readiness-checks "pass app/Controllers/HomeController.php:7"
fxset_near_fails b81 blind32 monitoring.readiness-checks
end

begin "queue visibility: a Dropwizard gauge of the queue's size; not a comment, not a println"
fxset_rule_is b81 kinds monitoring.worker-heartbeat "pass src/main/java/org/shiftboard/feed/RefreshEngine.java:12"
fxset_near_fails b81 blind32 monitoring.worker-heartbeat
end

begin "security policy: a 'Security issues and vulnerabilities' section with the address; not one pointing to a website"
fxset_rule_is b81 kinds audit.security-policy "pass README.md:28"
fxset_near_fails b81 blind32 audit.security-policy
end

begin "no audit trail or migration: ActivityPub's Activity entity, pip install --upgrade"
fxset_near_fails b81 blind32 audit.access-traces
fxset_near_fails b81 blind32 deploy.migration-check
end
