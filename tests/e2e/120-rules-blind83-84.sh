# 120-rules-blind83-84.sh - what the eighty-third and eighty-fourth blind sets found (issue 12),
# written here without their files.
# Misses: a root config.toml whose commented settings have camelCase names (#logPath = …); a
# configuration file that calls itself an example (# Tally example configuration file) and a
# Compose file named or introduced as an example of the environment it takes, as environment
# templates, in English and Arabic; a health path compared with an f-string holding the
# configured prefix (request.path == f"{settings.base_path}status"); gin-healthcheck's
# checks.NewPingCheck given to healthcheck.New as a readiness check; a Python backup function
# zipping the state files and the settings, or copying the database file, as a backup command,
# and its settings file as file coverage; restore_settings_backup(…) extracting that zip as a
# restore; a permission check given the download permission (require_permission(&[Grant::
# DownloadBook])); a key file of an integration-test stack is a test key.
# False passes: a Go download client's `case http.StatusUnauthorized, http.StatusForbidden:` and
# a route to download-client settings behind the session check, as export checks; pip install
# --upgrade in a Dockerfile and an echoed hint in a developer script as migrations.
# fixtures/blind83 holds each kind (asserted by path and line), fixtures/blind83-near the near
# misses.  Helpers are prefixed b120_.

fxset_scan_sets b120 blind83

begin "blind83-near: every near miss leaves its rule failing"
fxset_near_passing b120 blind83 "['deploy.no-pending-migrations']"
end

begin "environment templates: camelCase commented settings, an example configuration, example Compose files (English and Arabic)"
fxset_rule_is b120 kinds deploy.env-template "pass config.toml:20 deploy/ar/compose.yaml:8 deploy/docker-compose.yml:12 docker-compose.example.yml:5 packaging/relay.ar.yml:1 packaging/tally.yml:1"
fxset_near_fails b120 blind83 deploy.env-template
end

begin "a health path behind the configured prefix; gin-healthcheck's ping check of an upstream"
fxset_rule_is b120 kinds monitoring.health-endpoint "pass app/server.py:12"
fxset_rule_is b120 kinds monitoring.readiness-checks "pass cmd/relay/main.go:18"
fxset_near_fails b120 blind83 monitoring.health-endpoint
fxset_near_fails b120 blind83 monitoring.readiness-checks
end

begin "a Python backup function that zips the state or copies the database; its restore; the settings file it covers"
fxset_rule_is b120 kinds backup.script "pass app/housekeeping.py:18 app/state.py:21"
fxset_rule_is b120 kinds backup.restore-procedure "pass app/state.py:35"
fxset_rule_is b120 kinds backup.file-coverage "pass app/state.py:28"
fxset_near_fails b120 blind83 backup.script
fxset_near_fails b120 blind83 backup.restore-procedure
fxset_near_fails b120 blind83 backup.file-coverage
end

begin "a permission check naming the download; not a download client's status handling nor its settings route"
fxset_rule_is b120 kinds audit.export-checks "pass internal/media/handlers.rs:11"
fxset_near_fails b120 blind83 audit.export-checks
end

begin "an integration-test stack's key file is a test key; a key under integrations/ is found"
fxset_rule_is b120 kinds deploy.secrets-not-committed "pass"
fxset_rule_is b120 near deploy.secrets-not-committed "fail integrations/slack/app-key.pem:1"
end

begin "pip install --upgrade and an echoed hint are no migrations"
fxset_near_fails b120 blind83 deploy.migration-check
end
