# 53-rules-blind9.sh - kinds of evidence from the ninth blind set (issue 12):
# a CI pipeline is a workflow that checks changes, so a workflow that only
# builds and pushes a container image, and a Travis `make ci` whose Makefile
# target only builds, are none (a `make ci` target that vets and tests is one);
# "invalidate" is no validation and backup (MFA) codes are no backup; a Go 1.22
# route "GET /system/liveness"; a health handler pinging the database through
# dbx.Ping(); an own logger encoding JSON under its structured switch; a job's
# last successful/failed run kept under jobs.<name>.; an upgrade script running
# the binary with Go's single-dash -migrate; a loop over a cron schedule's
# upcoming times calling the backup (Rust); a unit test named for backup and
# restore beside the code it tests, with CI; a server's update procedure whose
# steps end in a revert (English and Arabic); export routes in a Laravel route
# group behind auth middleware, a Go export handler refusing without an access
# token.  Each passing file in fixtures/blind9 is asserted by path and line;
# fixtures/blind9-near holds a near miss for each.  Helpers are prefixed b53_
# (one shared shell).

# the helpers are tests/lib.sh's fxset_*: reports in $T/b53-NAME.json
fxset_scan_sets b53 blind9

begin "blind9-near: every near miss leaves its rule failing (only secrets and 'no pending migrations' pass)"
fxset_not_failing b53 near "blind9-near" "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "CI: a test step, an image workflow that also tests, make ci whose target tests; an image-only workflow and make ci that only builds are not"
fxset_ev b53 blind9 deploy.ci-pipeline .github/workflows/ci.yml:8 .github/workflows/image.yml:10 .travis.yml:4 Makefile:3
fxset_near_fails b53 blind9 deploy.ci-pipeline
end

begin "backup verification: a recovery (backup) MFA codes design that 'invalidates' a code is no backup verification"
fxset_near_fails b53 blind9 backup.verification
fxset_near_fails b53 blind9 backup.restore-procedure
end

begin "health: HandleFunc(\"GET /system/liveness\"); /system/status (an admin page) and /system/settings are not"
fxset_ev b53 blind9 monitoring.health-endpoint internal/http/server.go:9
fxset_near_fails b53 blind9 monitoring.health-endpoint
end

begin "readiness: Health() pinging dbx; a Health() that only answers OK and a setup page pinging dbx are not"
fxset_ev b53 blind9 monitoring.readiness-checks internal/handlers/common.go:6
fxset_near_fails b53 blind9 monitoring.readiness-checks
end

begin "structured logs: json.NewEncoder under cfg.Log.Structured in the logger; plain text under the switch and a JSON export are not"
fxset_ev b53 blind9 monitoring.structured-logs internal/log/console.go:12
fxset_near_fails b53 blind9 monitoring.structured-logs
end

begin "worker heartbeat: jobs.%s.last_successful_run; users.%s.last_login and reports.%s.last_run are not"
fxset_ev b53 blind9 monitoring.worker-heartbeat internal/jobs/settings.go:10
fxset_near_fails b53 blind9 monitoring.worker-heartbeat
end

begin "migration check: ./ledgerd -migrate in an upgrade script; -version and a commented -migrate are not"
fxset_ev b53 blind9 deploy.migration-check scripts/upgrade-server.sh:8
fxset_near_fails b53 blind9 deploy.migration-check
end

begin "schedule: for next_time in schedule.upcoming(Utc) calling handle_online_backup; the same loop expiring sessions is not"
fxset_ev b53 blind9 backup.schedule server/src/interval.rs:8
fxset_near_fails b53 blind9 backup.schedule
end

begin "restore drill: fn test_be_backup_restore backing up then restoring, with CI; a test that only writes a backup is not"
fxset_ev b53 blind9 backup.restore-drill server/src/be.rs:8 .github/workflows/ci.yml:8 .github/workflows/image.yml:10
fxset_near_fails b53 blind9 backup.restore-drill
end

begin "runbook and rollback: a Docker update procedure ending in a revert, and its Arabic twin; the procedure with no revert is not"
fxset_ev b53 blind9 deploy.production-runbook docs/server_updates.md:10 docs/server_updates.ar.md:7
fxset_ev b53 blind9 incidents.rollback docs/server_updates.md:10 docs/server_updates.ar.md:7
fxset_near_fails b53 blind9 deploy.production-runbook
fxset_near_fails b53 blind9 incidents.rollback
end

begin "export checks: an export route in an auth route group, ErrNoAccessToken in viewExportPosts; a route after the group, a throttle group and ErrBadRequest are not"
fxset_ev b53 blind9 audit.export-checks routes/web.php:11 app/account.go:10
fxset_near_fails b53 blind9 audit.export-checks
end

begin "Arabic: a failing rule names the new kinds in Arabic"
b53_got=$(fxset_py "$T/b53-near-ar.json" "any('مفتاح السجلات المنظمة' in l for r in d['rules'] if r['id']=='monitoring.structured-logs' for l in r['looked_for'])")
[ "$b53_got" = True ] || bad "monitoring.structured-logs in Arabic lacks the structured switch: $b53_got"
b53_got=$(fxset_py "$T/b53-near-ar.json" "any('اختبار وحدة مسمّى بالنسخ الاحتياطي والاستعادة' in l for r in d['rules'] if r['id']=='backup.restore-drill' for l in r['looked_for'])")
[ "$b53_got" = True ] || bad "backup.restore-drill in Arabic lacks the unit test: $b53_got"
b53_got=$(fxset_py "$T/b53-near-ar.json" "any('خلف وسيط مصادقة' in l for r in d['rules'] if r['id']=='audit.export-checks' for l in r['looked_for'])")
[ "$b53_got" = True ] || bad "audit.export-checks in Arabic lacks the auth route group: $b53_got"
b53_got=$(fxset_py "$T/b53-near-ar.json" "any('هدف ci في Makefile' in l for r in d['rules'] if r['id']=='deploy.ci-pipeline' for l in r['looked_for'])")
[ "$b53_got" = True ] || bad "deploy.ci-pipeline in Arabic lacks the Makefile's ci target: $b53_got"
end
