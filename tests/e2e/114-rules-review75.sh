# 114-rules-review75.sh - what a review of the seventy-fifth and seventy-sixth sets' rules found
# (issue 12), written here.
# Kept counting: a runbook's "backup verifier" restoring each dump (only a key verifier is none);
# SEV levels introduced by "not by severity of the alert that fired" (only rows "not in severity
# order" or "not sorted by severity" are no severity scale).
# No longer counted: a shell function copying a database after another function named for backups
# has ended (its closing line carrying a comment), a restore_backup() copying the backup over the
# database, a Docker Hub trigger URL with a placeholder token in a README; priority tags on rows
# "not sorted by severity".
# fixtures/review75 holds what must count (asserted by path and line), fixtures/review75-near
# what must not.  Helpers are prefixed b114_.

fxset_scan_sets b114 review75

begin "review75-near: every near miss leaves its rule failing"
fxset_near_passing b114 review75 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "backup verification: a backup verifier restoring each dump still counts"
fxset_rule_is b114 kinds backup.verification "pass docs/runbooks/database.md:5"
end

begin "severity: SEV levels after 'not by severity of the alert' count, rows 'not sorted by severity' do not"
fxset_rule_is b114 kinds incidents.severity-levels "pass docs/incident-response.md:3"
fxset_near_fails b114 review75 incidents.severity-levels
end

begin "backup script: no copy after the backup function ended, no restore_backup(); no placeholder trigger token"
fxset_near_fails b114 review75 backup.script
fxset_rule_is b114 near deploy.secrets-not-committed "pass"
end
