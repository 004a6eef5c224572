# 96-rules-blind47.sh - what the forty-seventh blind set found (issue 12),
# written here without its files.
# Misses: a JAX-RS resource method under @GET @Path("health") is a health route; an application's
# backup function whose VACUUM INTO comes after a long preamble (more than 1,200 characters) is a
# backup command; its restore_database() copying the backup file over the database path
# (copy_with_retries(backup_file_path, &db_path, …)) is a restore; a Jenkinsfile kept in tests/ is a
# CI definition.
# False passes: a CI step dumping the test database into the test folder when a test failed
# (mysqldump … ledger_test > ./tests/_dump/mysqldump.sql, also continued over lines with \) is no
# backup, nor is the dump file's own name (mysqldump.sql) the tool; a database image's entrypoint
# loading its init.sql (mysql … < /scripts/init.sql) and a dev script running psql -f $init_script
# are no restore.  Near misses: @Path("users");
# a restore of a settings file.
# fixtures/blind47 holds each kind (asserted by path and line), fixtures/blind47-near
# the near misses.  Helpers are prefixed b96_.

fxset_scan_sets b96 blind47

begin "blind47-near: every near miss leaves its rule failing"
fxset_near_passing b96 blind47 "['deploy.ci-pipeline', 'deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "health: @GET @Path(\"health\"); not @Path(\"users\")"
fxset_rule_is b96 kinds monitoring.health-endpoint "pass modules/runtime/src/main/java/org/acme/RuntimeInfo.java:12"
fxset_near_fails b96 blind47 monitoring.health-endpoint
end

begin "backup: VACUUM INTO after a long preamble; not a CI step dumping the test database into tests/"
fxset_rule_is b96 kinds backup.script "pass crates/storage/src/db/mod.rs:10"
fxset_near_fails b96 blind47 backup.script
end

begin "restore: restore_database() copying the backup over the database; not an init.sql nor a settings restore"
fxset_rule_is b96 kinds backup.restore-procedure "pass crates/storage/src/db/mod.rs:53"
fxset_near_fails b96 blind47 backup.restore-procedure
end

begin "CI: tests/Jenkinsfile"
fxset_rule_is b96 kinds deploy.ci-pipeline "pass tests/Jenkinsfile:None"
end
