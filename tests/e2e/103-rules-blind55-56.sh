# 103-rules-blind55-56.sh - what the fifty-fifth and fifty-sixth blind sets found (issue 12),
# written here without their files.
# Misses: a README's "How to build … from the sources" section (كيفية البناء in Arabic) whose
# ```console fence holds mvn; a Nix-built image's Healthcheck and a CakePHP route scope at
# /healthcheck; a console command running mysqldump (src/Command/); config/NAME.default.php as the
# configuration to copy, a committed .env whose variables are all commented out; PhpJsonLogger;
# OneDev's .onedev-buildspec.yml; a README's security section in a README that also says
# "Coming soon [see the preview](…)" (a teaser is no placeholder); a job
# publishing lastExecutionTimestamp (a heartbeat); an activity record with 'performed_by' and
# 'ip_address' (an audit trail).
# False passes: a catalog of other products in Laravel's storage/app/ as a heartbeat; a workflow
# locking closed issues as a CI pipeline; "to verify ownership" in a backup API's reference as a
# backup verification.
# fixtures/blind55 holds each kind (asserted by path and line), fixtures/blind55-near the near
# misses.  Helpers are prefixed b103_.

fxset_scan_sets b103 blind55

begin "blind55-near: every near miss leaves its rule failing"
fxset_near_passing b103 blind55 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "local setup: How to build … from the sources (and كيفية البناء), mvn after a console fence"
fxset_rule_is b103 kinds deploy.local-setup "pass README.md:10 docs/ar/build.md:5"
end

begin "health: a Nix image's Healthcheck, a CakePHP scope at /healthcheck"
fxset_rule_is b103 kinds monitoring.health-endpoint "pass config/routes.php:5 nix/docker.nix:7"
end

begin "backup: a console command running mysqldump; template: config/NAME.default.php; logs: PhpJsonLogger"
fxset_rule_is b103 kinds backup.script "pass src/Command/SqlExportCommand.php:8"
fxset_rule_is b103 kinds deploy.env-template "pass .env:5 config/larkspur.default.php:4"
fxset_rule_is b103 kinds monitoring.structured-logs "pass api/classes/logger.class.php:2"
end

begin "CI: .onedev-buildspec.yml; not a workflow locking closed issues"
fxset_rule_is b103 kinds deploy.ci-pipeline "pass .onedev-buildspec.yml:None"
fxset_near_fails b103 blind55 deploy.ci-pipeline
end

begin "security policy: a README's section, the README announcing an app as Coming soon [with a link]"
fxset_rule_is b103 kinds audit.security-policy "pass README.md:19"
end

begin "heartbeat: a job publishing lastExecutionTimestamp; access traces: an activity record with performed_by and ip_address"
fxset_rule_is b103 kinds monitoring.worker-heartbeat "pass packages/cron-status/src/publisher.ts:6"
fxset_rule_is b103 kinds audit.access-traces "pass include/activity.inc.php:12"
end

begin "no heartbeat in storage/app/, no verification in 'to verify ownership'"
fxset_near_fails b103 blind55 monitoring.worker-heartbeat
fxset_near_fails b103 blind55 backup.verification
end
