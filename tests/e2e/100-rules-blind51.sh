# 100-rules-blind51.sh - what the fifty-first blind set found (issue 12),
# written here without its files.
# Misses: .github/SUPPORT.md's "Reporting Security Issues" section with a private address (a
# security policy); a stats module exposing the worker's 'last_worker_execution' (a heartbeat);
# event types for sign-ins registered with the application's event log
# (namespace.add_event_type(…, name='user_logged_in'), an audit trail).
# False passes: a cookbook's example support agent is no intake and escalation design; an
# entitlement flag (IsAuditLogsEnabled, AuditLogs bool, audit_logs BOOLEAN) and a fixity check's
# audit_log are no audit log; a line about exporting traces to an OpenTelemetry collector with an
# Authorization header states no export check.
# fixtures/blind51 holds each kind (asserted by path and line), fixtures/blind51-near the near
# misses.  Helpers are prefixed b100_.

fxset_scan_sets b100 blind51

begin "blind51-near: every near miss leaves its rule failing"
fxset_near_passing b100 blind51 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "security policy: the Security section of .github/SUPPORT.md with a private address"
fxset_rule_is b100 kinds audit.security-policy "pass .github/SUPPORT.md:5"
end

begin "heartbeat: a stats module exposing 'last_worker_execution'"
fxset_rule_is b100 kinds monitoring.worker-heartbeat "pass src/Module/Stats.php:11"
end

begin "access traces: sign-in event types; not an entitlement flag, not a fixity check's audit log"
fxset_rule_is b100 kinds audit.access-traces "pass larkspur/accounts/events.py:7"
fxset_near_fails b100 blind51 audit.access-traces
end

begin "no intake design in a cookbook's example agent; no export check in a telemetry exporter's settings"
fxset_near_fails b100 blind51 support.intake-escalation
fxset_near_fails b100 blind51 audit.export-checks
end
