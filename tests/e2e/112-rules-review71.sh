# 112-rules-review71.sh - what a review of the seventy-first to seventy-fourth sets' rules found
# (issue 12), written here.
# Kept counting: a policy giving a private address and sending bugs that are not security issues
# to GitHub; a Perl health route returning $dbh->ping in a hash; three environments named in one
# line that goes on to say staging does not mirror production; a backup verification section
# whose checklist sits under its own "Checklist" heading; a workflow that compiles the code and
# then builds an image in a run block.
# No longer counted: a settings store's Yaml::dump written with file_put_contents beside a
# function named for backups, a request dump written to a file; a RestoreAccess reading 2FA backup
# codes; a crontab line under the heading after a backup section; a security section naming the
# contact form as the channel not to use; a mail class named for an unhealthy link rounding a
# measured ping ($this->run->ping, 'float') as a readiness check.
# fixtures/review71 holds what must count (asserted by path and line), fixtures/review71-near
# what must not.  Helpers are prefixed b112_.

fxset_scan_sets b112 review71

begin "review71-near: every near miss leaves its rule failing"
fxset_near_passing b112 review71 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "security policy: a private address counts, whatever the policy says of other bugs"
fxset_rule_is b112 kinds audit.security-policy "pass SECURITY.md:3"
fxset_near_fails b112 review71 audit.security-policy
end

begin "readiness: a health route returning \$dbh->ping in a hash"
fxset_rule_is b112 kinds monitoring.readiness-checks "pass lib/Kiosk/Health.pm:6"
end

begin "environments: three named in a line that goes on to say staging does not mirror production"
fxset_rule_is b112 kinds deploy.environments "pass docs/deployment.md:5"
end

begin "backup verification: a checklist under its own heading"
fxset_rule_is b112 kinds backup.verification "pass docs/backups.md:5"
end

begin "ci: a workflow compiling the code, then building an image in a run block"
fxset_rule_is b112 kinds deploy.ci-pipeline "pass .github/workflows/build.yml:14"
end

begin "backup, restore, schedule: no Yaml::dump, request dump, 2FA backup codes or crash-file cron"
fxset_near_fails b112 review71 backup.script
fxset_near_fails b112 review71 backup.restore-procedure
fxset_near_fails b112 review71 backup.schedule
end
