# 131-rules-review92.sh - a review of the ninety-second set's rules (issue 12), on repositories the
# reviewer wrote, mended before they landed; fixtures/blind92{,-near} hold the cases (written
# here: no file of any fetched project).
# Counted: a PHP log call naming $_SERVER['REMOTE_ADDR'] and $user->username; a stated nightly
# backup whose next sentence says "You can restore…" (advice is read per sentence, not per line);
# the Arabic spelling يوميًا.
# Not counted: an IsPermitted( guarding another function above an export handler; "username" inside
# a log message's text; a backup sentence wrapped over two lines that ends "if you enable the
# backup cron job"; pruning old backups daily, a backup report made daily, an HTML comment, an
# unchecked plan; لا يتم النسخ الاحتياطي يومياً (a negation); a Cobra PersistentFlags() help text
# naming a queue length; a Compose environment whose commented settings say only #optional.
# It reads the reports 128- wrote of the same fixtures rather than scanning them again.
# e2e: after 128-rules-blind92

begin "review92-near: a check above another function, a username in a message, advice over a wrap"
fxset_near_fails b128 blind92 audit.export-checks
fxset_near_fails b128 blind92 audit.access-traces
fxset_near_fails b128 blind92 backup.schedule
fxset_near_fails b128 blind92 monitoring.worker-heartbeat
fxset_near_fails b128 blind92 deploy.env-template
end

begin "review92: a PHP log with the address and the user; a sentence-scoped veto; يوميًا"
fxset_rule_is b128 kinds audit.access-traces "pass server/auth/signin.cpp:7 src/Lantern.Web/SettingsApi.cs:24 web/admin/export.php:7"
fxset_rule_is b128 kinds backup.schedule "pass docs/ar/manual/backup.md:5 docs/ar/manual/catalogue.md:3 docs/manual/catalogue.md:3 docs/manual/server.tex:11"
end
