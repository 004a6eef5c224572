# 71-rules-blind21.sh - what the twenty-first blind set found (issue 12),
# written here without its files.
# A false pass of the audit trail: a CI server's LogEntry (one line of a build
# step's output, in a 'log_entries' table, read through GetLogEntries) was
# counted as an audit log entry.  Only an admin, access, security, moderation,
# support or staff log entry is one (AdminLogEntry still counts).
# A miss of worker heartbeats: the server records when each build agent last
# reported (agent.LastContact = time.Now().Unix()), and shows an agent as lost
# when that gets old.  A user's last_seen_at is not a worker's heartbeat.
# A miss of local setup: a 3,000-line manual whose "Simple 5-minute setup"
# gives the commands was taken whole for a placeholder because it says, a
# thousand lines on, "as placeholder for the login name".  A placeholder is
# now a line that starts with the word, "this section is a placeholder",
# "placeholder text" or "(placeholder)"; a "N-minute setup" heading is a
# setup heading.
# fixtures/blind21 holds each kind (asserted by path and line), fixtures/blind21-near
# the near misses.  Helpers are prefixed b71_.

fxset_scan_sets b71 blind21

begin "blind21-near: every near miss leaves its rule failing"
fxset_near_passing b71 blind21 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "audit trail: an admin's log entry counts; a build step's log lines (LogEntry, log_entries, GetLogEntries) do not"
fxset_rule_is b71 kinds audit.access-traces "pass app/models/admin_log_entry.rb:2"
fxset_near_fails b71 blind21 audit.access-traces
end

begin "heartbeats: a server recording an agent's last contact counts; a user's last_seen_at does not"
fxset_rule_is b71 kinds monitoring.worker-heartbeat "pass server/agents/report.go:15"
fxset_near_fails b71 blind21 monitoring.worker-heartbeat
end

begin "placeholders: a manual using the word in a sentence ('as placeholder for the login name') is no placeholder; 'This section is a placeholder' is"
# the local setup is cited at its heading ("Simple 5-minute setup"), past the word further on
fxset_rule_is b71 kinds deploy.local-setup "pass README.md:5"
fxset_near_fails b71 blind21 deploy.local-setup
end

begin "placeholders are cited at their own line: a TODO under a blank line is line 3, not the blank line 2"
b71_got=$(fxset_py "$T/b71-near.json" "sorted({m.get('line') for r in d['rules'] if r['id']=='backup.script' for m in r['near_misses'] if m['path']=='docs/how-to/backup.md'})")
[ "$b71_got" = "[3]" ] || bad "backup.script's near miss on docs/how-to/backup.md is at $b71_got, expected [3]"
end
