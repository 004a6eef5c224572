# 85-rules-blind36.sh - what the thirty-sixth blind set found (issue 12),
# written here without its files.
# Misses: a .template.NAME.conf of KEY=${KEY} settings is an environment template; an
# encrypted test key in a PHPUnit Tests/ folder (KeyUploadTest.php) is no committed secret;
# a Clojure migration named "0042-del-pending-jobs-table" lists nothing pending.
# False passes: a scheduled CI workflow running `mysqldump --version` and `--print-defaults`
# is no backup and no backup schedule; DDEV's generated adminer service with a healthcheck is
# no health endpoint; a comment describing an end-to-end job "against a live instance" beside
# a branch named staging is no staging smoke gate; a .template.nginx.conf holds no settings to
# fill in; the same key outside a test folder still fails.
# Added after: a Clojure reitit route ["/readyz" {:handler …}] is a health route (not a
# commented one, nor Compojure's (GET "/statuses" …)).
# fixtures/blind36 holds each kind (asserted by path and line), fixtures/blind36-near
# the near misses.  Helpers are prefixed b85_.

fxset_scan_sets b85 blind36

begin "blind36-near: every near miss leaves its rule failing (a key in Resources/keys/ still fails)"
fxset_near_passing b85 blind36 "['deploy.ci-pipeline', 'deploy.no-pending-migrations']"
end

begin "environment template: .template.relay.conf; not .template.nginx.conf"
fxset_rule_is b85 kinds deploy.env-template "pass .template.relay.conf:1"
fxset_near_fails b85 blind36 deploy.env-template
end

begin "secrets and pending migrations: a key in a PHPUnit Tests/ folder, a Clojure migration's name"
fxset_rule_is b85 kinds deploy.secrets-not-committed "pass"
fxset_rule_is b85 kinds deploy.no-pending-migrations "pass"
end

begin "no backup, schedule, health endpoint or staging smoke: mysqldump --version, DDEV's services, a comment and a branch"
fxset_near_fails b85 blind36 backup.script
fxset_near_fails b85 blind36 backup.schedule
fxset_near_fails b85 blind36 monitoring.health-endpoint
fxset_near_fails b85 blind36 deploy.staging-smoke
end

begin "health route: a Clojure reitit [\"/readyz\" {:handler ...}]; not a comment, not (GET \"/statuses\" ...)"
fxset_rule_is b85 kinds monitoring.health-endpoint "pass backend/src/app/http/routes.clj:7"
fxset_near_fails b85 blind36 monitoring.health-endpoint
end
