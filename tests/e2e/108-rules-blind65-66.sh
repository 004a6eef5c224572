# 108-rules-blind65-66.sh - what the sixty-fifth and sixty-sixth blind sets found (issue 12),
# written here without their files.
# Misses: a Flask blueprint's route table mapping "/status" to StatusResource, a JAX-RS resource
# at @Path("/" + HEALTH_PATH), a Perl Dancer route in Health.pm (health endpoints); a base status
# resource checking the database and the queue, a Perl health module pinging the database handle
# (readiness); a restore function calling its unpackBackup() helper and a backupWorkDir() copying
# the work directory, in a source file not named for backups (a restore, the files backed up);
# a Perl DBIx::Class row created in AccessLog with the user and request->address (an access
# trace).
# False passes: the browser's navigator.canShare() in a download service as an access check.
# fixtures/blind65 holds each kind (asserted by path and line), fixtures/blind65-near the near
# misses.  Helpers are prefixed b108_.

fxset_scan_sets b108 blind65

begin "blind65-near: every near miss leaves its rule failing"
fxset_near_passing b108 blind65 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "health: a route table's (\"/status\", StatusResource), JAX-RS @Path(\"/\" + HEALTH_PATH), a Dancer route in Health.pm"
fxset_rule_is b108 kinds monitoring.health-endpoint "pass api/app/blueprints/meta/__init__.py:11 lib/Ledgerly/Web/Health.pm:10 server/src/main/java/org/ledgerly/api/OpsResource.java:21"
fxset_near_fails b108 blind65 monitoring.health-endpoint
end

begin "readiness: a base status resource checking the database, a Perl health module's dbh->ping"
fxset_rule_is b108 kinds monitoring.readiness-checks "pass api/app/blueprints/meta/resources.py:12 lib/Ledgerly/Web/Health.pm:11"
fxset_near_fails b108 blind65 monitoring.readiness-checks
end

begin "backup: restore() calling unpackBackup(), backupWorkDir() copying the work directory"
fxset_rule_is b108 kinds backup.restore-procedure "pass server/src/main/java/org/ledgerly/transfer/TransferService.java:17"
fxset_rule_is b108 kinds backup.file-coverage "pass server/src/main/java/org/ledgerly/transfer/TransferService.java:24"
fxset_near_fails b108 blind65 backup.restore-procedure
fxset_near_fails b108 blind65 backup.file-coverage
end

begin "access traces: a Perl AccessLog row with the user and request->address"
fxset_rule_is b108 kinds audit.access-traces "pass lib/Ledgerly/Web/Login.pm:12"
fxset_near_fails b108 blind65 audit.access-traces
end

begin "no navigator.canShare() as an export access check"
fxset_near_fails b108 blind65 audit.export-checks
end
