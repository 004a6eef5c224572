# 128-rules-blind92.sh - what the ninety-second blind set found (issue 12).
# Counted: an export handler that asks IsPermitted( before it answers, and a log write naming the
# client's address and the acting user's name (_log.Write(GetRemoteEndPoint(context), "[" +
# caller.Username + "] …")); a sign-in log row inserted into a schema-qualified table from C++
# (INSERT INTO main_db.signin_log (username, ip, method)); a manual, LaTeX too, stating that the
# backup is made nightly (the sentence wrapped over two lines), and in Arabic (يتم النسخ الاحتياطي
# … يومياً); a scheduled job's SetLastExecutionTime(…); a Compose file whose environment lists
# the settings commented out, each with what it sets (# - LANTERN_LOG_DAYS=90 # how many days …).
# Not counted: a torrent client's proxy under Download/Clients/ answering 403 (it drives another
# program; it serves no download); an export handler whose only check is a name's format
# (IsPermittedZoneName(…)); a log write with the client's address but no user; advice, a
# condition or a possibility about the backup's frequency (should, if, can; يجب، إذا), and a
# backup made "inside the maintenance window" with no frequency; SetLastExecutionTimeout(…); a Go
# flag's help text "Queue length of pending probe requests" (worker visibility); a Compose file's
# settings commented out with no word of what they set.
# fixtures/blind92 holds each kind, fixtures/blind92-near the near misses (written here: no file
# of any fetched project).  Helpers are prefixed b128_.

fxset_scan_sets b128 blind92

begin "blind92-near: none of the near misses counts"
fxset_near_passing b128 blind92 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "audit: IsPermitted( in an export handler; a log write with the address and the user; a C++ sign-in row"
fxset_rule_is b128 kinds audit.export-checks "pass src/Lantern.Web/SettingsApi.cs:15"
fxset_rule_is b128 kinds audit.access-traces "pass server/auth/signin.cpp:7 src/Lantern.Web/SettingsApi.cs:24 web/admin/export.php:7"
end

begin "backup and workers: a stated nightly backup (LaTeX, wrapped; Arabic), SetLastExecutionTime"
fxset_rule_is b128 kinds backup.schedule "pass docs/ar/manual/backup.md:5 docs/ar/manual/catalogue.md:3 docs/manual/catalogue.md:3 docs/manual/server.tex:11"
fxset_rule_is b128 kinds monitoring.worker-heartbeat "pass src/Lantern.Core/Jobs/JobRunner.cs:18"
fxset_rule_is b128 kinds deploy.env-template "pass docker-compose.yml:8"
end

begin "not counted: a download client's 403, a name check, a log without a user, advice, a timeout setter, a flag"
fxset_near_fails b128 blind92 audit.export-checks
fxset_near_fails b128 blind92 audit.access-traces
fxset_near_fails b128 blind92 backup.schedule
fxset_near_fails b128 blind92 monitoring.worker-heartbeat
fxset_near_fails b128 blind92 deploy.env-template
end
