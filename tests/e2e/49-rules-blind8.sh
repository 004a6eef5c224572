# 49-rules-blind8.sh - kinds of evidence from the eighth blind set (issue 12):
# commented server configuration templates (server.yml: settings commented out
# with their defaults) and env templates whose variables are all commented out;
# a Go store stepping its database through a table of migrations at start-up;
# test keys under Go's testdata/; SQLite's online backup API in the
# application's backup code, a CronJob's quoted pg_dump and its schedule in a
# backup section of the docs, the application's scheduler calling its backup,
# its own restore subcommand; a backup-and-restore round trip through the
# application's routes; health routes behind a constant (r.URL.Path ==
# apiHealthPath), chi's middleware.Heartbeat, a Plug's path_info, /worker-health;
# a logger writing JSON under its JSON format; a last-run gauge of a job; export
# handlers under login_optionally_required or answering ErrNotAuthorized.  The
# set's false passes: zerolog forced to its console writer, "queue depth" in a
# comment, "waited to check out a database connection" in a metric's help.
# Each passing file in fixtures/blind8 is asserted by path and line;
# fixtures/blind8-near holds a near miss for each.  Helpers are prefixed b49_
# (one shared shell).

# the helpers are tests/lib.sh's fxset_*: reports in $T/b49-NAME.json
fxset_scan_sets b49 blind8

begin "blind8-near: every near miss leaves its rule failing (only the CI pipeline, there for the restore drill, and 'no pending migrations' pass)"
fxset_not_failing b49 near "blind8-near" "['deploy.ci-pipeline', 'deploy.no-pending-migrations']"
end

begin "env template: a server.yml with its settings commented out, an env template of commented variables; a live server.yml with two commented lines and a template of prose are not"
fxset_ev b49 blind8 deploy.env-template packaging/server.yml:8 relay.env.example:5
fxset_near_fails b49 blind8 deploy.env-template
end

begin "migration check: a loop from the stored schema version through migrations[i]; a loop that only reports the versions is not"
fxset_ev b49 blind8 deploy.migration-check internal/store/schema.go:22
fxset_near_fails b49 blind8 deploy.migration-check
end

begin "secrets: a test key under Go's testdata/ passes; the same key under keys/ fails and is named"
b49_got=$(fxset_py "$T/b49-kinds.json" "[r['outcome'] for r in d['rules'] if r['id']=='deploy.secrets-not-committed']")
[ "$b49_got" = "['pass']" ] || bad "secrets on blind8 (a test key under testdata/): $b49_got"
b49_got=$(fxset_py "$T/b49-near.json" "[(r['outcome'], [(e['path'], e['line']) for e in r['evidence']]) for r in d['rules'] if r['id']=='deploy.secrets-not-committed']")
[ "$b49_got" = "[('fail', [('internal/tls/keys/server_key.pem', 1)])]" ] || bad "secrets on blind8-near: $b49_got"
end

begin "backup: SQLite's online backup API (Backup(\"main\", ...)), a CronJob's quoted pg_dump under a backup heading; a backup.go listing files and a prune CronJob are not"
# cited since the thirty-fourth and thirty-fifth sets at the copy call (copyDB) and the heading "Backing up the database"
fxset_ev b49 blind8 backup.script internal/db/backup.go:15 docs/self-hosting.md:5
fxset_near_fails b49 blind8 backup.script
end

begin "schedule: a backup section's CronJob schedule, a scheduler job calling the backup; a prune CronJob's schedule and a scheduled vacuum are not"
fxset_ev b49 blind8 backup.schedule docs/self-hosting.md:15 cmd/serve.go:15
fxset_near_fails b49 blind8 backup.schedule
end

begin "restore: the application's restore subcommand calling its Restore; a 'restore' command for a window layout is not"
fxset_ev b49 blind8 backup.restore-procedure cmd/backup.go:12
fxset_near_fails b49 blind8 backup.restore-procedure
end

begin "restore drill: a test going through the backup routes and then the restore route, with CI; a backup download test is not"
fxset_ev b49 blind8 backup.restore-drill tests/test_backup_roundtrip.py:9 .github/workflows/ci.yml:4
fxset_near_fails b49 blind8 backup.restore-drill
end

begin "health: r.URL.Path == apiHealthPath, middleware.Heartbeat(\"/ping\"), a Plug on path_info [\"status\"], /worker-health; a stats path, a metrics Plug and /worker-stats are not"
fxset_ev b49 blind8 monitoring.health-endpoint internal/server/server.go:11 internal/server/router.go:12 lib/relay_web/plugs/status.ex:6 app/flask_app.py:9
fxset_near_fails b49 blind8 monitoring.health-endpoint
end

begin "structured logs: zerolog whose console writer is behind a condition, a logger rendering JSON under JSONFormat; zerolog forced to its console writer fails and is named, an export format is no log"
fxset_ev b49 blind8 monitoring.structured-logs go.mod:7 cmd/logging.go:6 internal/log/event.go:15
b49_got=$(fxset_py "$T/b49-near.json" "[(r['outcome'], [(e['path'], e['line']) for e in r['evidence']]) for r in d['rules'] if r['id']=='monitoring.structured-logs']")
[ "$b49_got" = "[('fail', [('cmd/logging.go', 13)])]" ] || bad "structured logs on blind8-near: $b49_got"
end

begin "worker heartbeat: a job's last-run gauge; 'queue depth' in a comment and a request's last-time gauge are not"
fxset_ev b49 blind8 monitoring.worker-heartbeat internal/metrics/prometheus.go:5 app/flask_app.py:9
fxset_near_fails b49 blind8 monitoring.worker-heartbeat
end

begin "readiness: 'waited to check out a database connection' in a metric's help is no retry"
fxset_near_fails b49 blind8 monitoring.readiness-checks
end

begin "export checks: @login_optionally_required over a download, a download handler answering ErrNotAuthorized; a cache decorator and ErrNotFound are not"
fxset_ev b49 blind8 audit.export-checks app/blueprints/archive.py:5 internal/public/handle_downloads.go:16
fxset_near_fails b49 blind8 audit.export-checks
end

begin "Arabic: a failing rule names the new kinds in Arabic"
b49_got=$(fxset_py "$T/b49-near-ar.json" "any('قالب إعدادات خادم مشروح' in l for r in d['rules'] if r['id']=='deploy.env-template' for l in r['looked_for'])")
[ "$b49_got" = True ] || bad "deploy.env-template in Arabic lacks the commented server configuration: $b49_got"
b49_got=$(fxset_py "$T/b49-near-ar.json" "any('مجدول التطبيق يشغّل نسخه الاحتياطي' in l for r in d['rules'] if r['id']=='backup.schedule' for l in r['looked_for'])")
[ "$b49_got" = True ] || bad "backup.schedule in Arabic lacks the application's scheduler: $b49_got"
b49_got=$(fxset_py "$T/b49-near-ar.json" "any('أمر الاستعادة في التطبيق نفسه' in l for r in d['rules'] if r['id']=='backup.restore-procedure' for l in r['looked_for'])")
[ "$b49_got" = True ] || bad "backup.restore-procedure in Arabic lacks the restore command: $b49_got"
end
