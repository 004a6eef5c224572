# 119-rules-blind81-82.sh - what the eighty-first and eighty-second blind sets found (issue 12),
# written here without their files.
# Misses: a backup schedule setting documented with its cron default (#backup_cron = "0 30 2 *
# * * *"); an example configuration named config.yml_example, and a .cfg.example whose settings
# are all commented out (five at least), as environment templates; a health path declared as a
# command-line flag with its default (flagSet.String("ping-path", "/ping", …)); a documented log
# format setting switching to JSON (`log_fmt=json`, not nginx's log_format … escape=json).
# False passes: release notes kept in a releasenotes/ folder ("Reverted …") as a rollback
# runbook; a permission's description ("Indicates the account cannot be impersonated by other
# users") as a no-impersonation rule.
# fixtures/blind81 holds each kind (asserted by path and line), fixtures/blind81-near the near
# misses.  Helpers are prefixed b119_.

fxset_scan_sets b119 blind81

begin "blind81-near: every near miss leaves its rule failing"
fxset_near_passing b119 blind81 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "a backup cron setting with its default; config.yml_example and a commented .cfg.example"
fxset_rule_is b119 kinds backup.schedule "pass config.toml:7"
fxset_rule_is b119 kinds deploy.env-template "pass config/config.yml_example:4 contrib/gatekeeper.cfg.example:4"
fxset_near_fails b119 blind81 backup.schedule
fxset_near_fails b119 blind81 deploy.env-template
end

begin "a health path declared as a flag with its default, not a metrics path"
fxset_rule_is b119 kinds monitoring.health-endpoint "pass pkg/options/flags.go:8"
fxset_near_fails b119 blind81 monitoring.health-endpoint
end

begin "a documented log_fmt=json switch is JSON logging; nginx's log_format … escape=json and log_format = \"text\" are not"
fxset_rule_is b119 kinds monitoring.structured-logs "pass config.toml:13"
fxset_near_fails b119 blind81 monitoring.structured-logs
end

begin "no release notes in releasenotes/ as a rollback runbook, no permission's description as a rule"
fxset_near_fails b119 blind81 incidents.rollback
fxset_near_fails b119 blind81 support.no-impersonation
end
