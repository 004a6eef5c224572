# 107-rules-blind63-64.sh - what the sixty-third and sixty-fourth blind sets found (issue 12),
# written here without their files.
# Misses: an action record given the client's address and the acting user, then stored (an
# access trace); an upgrade guide's Rolling back section whose steps sit under one sub-heading
# per install method (Compose steps, a psql restore), in English and in Arabic (a production
# runbook's rollback, a restore procedure, a rollback); a PHP import of a backup archive
# unpacking it with ZipArchive extractTo (a restore); an .env of mock values, each one character
# repeated (no committed secret).
# Near misses of the rollback section: its restore in the next section of the same level, after
# a blank line or right below the last step.
# False passes: an export test comparing tables through a local helper named dump as a backup
# round trip; an analytics events table (pathname, referrer) as an audit log; Fastify logging
# through @fastify/one-line-logger as JSON logs; a settings comment ("a database connection
# should wait …") as a database retry.
# fixtures/blind63 holds each kind (asserted by path and line), fixtures/blind63-near the near
# misses.  Helpers are prefixed b107_.

fxset_scan_sets b107 blind63

begin "blind63-near: every near miss leaves its rule failing"
fxset_near_passing b107 blind63 "['deploy.ci-pipeline', 'deploy.env-template', 'deploy.no-pending-migrations']"
end

begin "access traces: new ShelfAction(); setRemoteAddress(request.getRemoteAddr()); setUserId(userId)"
fxset_rule_is b107 kinds audit.access-traces "pass src/main/java/org/shelfkeeper/audit/ActionRecorder.java:15"
end

begin "rollback: a Rolling back section with a sub-heading per install method, English and Arabic"
fxset_rule_is b107 kinds deploy.production-runbook "pass docs/ar/upgrading.md:18 docs/upgrading.md:11"
fxset_rule_is b107 kinds incidents.rollback "pass docs/ar/upgrading.md:18 docs/upgrading.md:11"
fxset_near_fails b107 blind63 deploy.production-runbook
fxset_near_fails b107 blind63 incidents.rollback
fxset_near_fails b107 blind63 backup.restore-procedure
end

begin "restore: a PHP import of the backup archive with ZipArchive extractTo"
fxset_rule_is b107 kinds backup.restore-procedure "pass app/modules/RestoreArchive.php:16 docs/ar/upgrading.md:18 docs/upgrading.md:11"
end

begin "secrets: mock values of one repeated character are none, a real-looking one still is"
fxset_rule_is b107 kinds deploy.secrets-not-committed "pass"
fxset_rule_is b107 near deploy.secrets-not-committed "fail scripts/build.env:4"
end

begin "no dump helper as a backup round trip, no analytics table as an audit log"
fxset_near_fails b107 blind63 backup.restore-drill
fxset_near_fails b107 blind63 audit.access-traces
end

begin "no one-line logger as JSON logs, no settings comment as a database retry"
fxset_near_fails b107 blind63 monitoring.structured-logs
fxset_near_fails b107 blind63 monitoring.readiness-checks
end
