# 102-rules-blind53-54.sh - what the fifty-third and fifty-fourth blind sets found (issue 12),
# written here without their files.
# Misses: an Ofelia job running the backup on a schedule (jobs.ini [job-exec "… backup"],
# schedule = @daily); Frappe's bench in a CI job (bench --site test_site migrate) and in a README's
# Installation section (bench get-app).
# False passes: a retry on an exception type named for the database (DatabaseParallelConnectionError)
# is no wait for the database; a dump piped straight into psql clones a database and restores no
# backup; a workflow that only runs CodeQL is no CI pipeline; a bundle's service configuration
# named processors.transit.template.yml is no environment template; a component README's code
# fence (```php) is no setup command.
# fixtures/blind53 holds each kind (asserted by path and line), fixtures/blind53-near the near
# misses.  Helpers are prefixed b102_.

fxset_scan_sets b102 blind53

begin "blind53-near: every near miss leaves its rule failing"
fxset_near_passing b102 blind53 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "schedule: an Ofelia job running the backup daily"
fxset_rule_is b102 kinds backup.schedule "pass setup/docker/scheduler/jobs.ini:7"
end

begin "bench: migrate in a CI job, get-app in the README's Installation section"
fxset_rule_is b102 kinds deploy.migration-check "pass .github/workflows/upgrade-test.yml:18"
fxset_rule_is b102 kinds deploy.local-setup "pass README.md:5"
end

begin "no readiness, restore, CI, template or setup: an exception's name, a clone, CodeQL, a bundle's config, a code fence"
fxset_near_fails b102 blind53 monitoring.readiness-checks
fxset_near_fails b102 blind53 backup.restore-procedure
fxset_near_fails b102 blind53 deploy.ci-pipeline
fxset_near_fails b102 blind53 deploy.env-template
fxset_near_fails b102 blind53 deploy.local-setup
end
