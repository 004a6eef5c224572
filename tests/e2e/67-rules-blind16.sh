# 67-rules-blind16.sh - what the sixteenth and seventeenth blind sets found
# (issue 12), written here without their files.
# A false pass of dependency readiness: Rails's config.silence_healthcheck_path
# = "/up" is a setting, not a health route, and the cache store configured two
# lines below it (:redis_cache_store) is not a handler checking Redis; nor is a
# health path kept in a constant beside a Redis client.  A health route whose
# inline handler pings Redis still counts.
# A false "pending migration": a database tool's manual installed for an AI
# coding agent (.agents/skills/…: "Applies pending migrations in production")
# and a deploy document saying what the command does ("applies all pending
# migrations", يطبّق جميع الترحيلات المعلقة) list no pending migration; a
# checklist line asking to apply one, in English or Arabic, still does, and a
# credential in an agent's folder still fails the secrets rule.
# A miss of export access checks: django-import-export told to ask for a
# permission before every export (IMPORT_EXPORT_EXPORT_PERMISSION_CODE =
# "change"); not when it names none, nor when only imports ask for one.
# A miss of worker heartbeats: a daemon sending systemd watchdog keep-alives
# after a database ping (go-systemd's SdNotifyWatchdog, Python sdnotify's
# WATCHDOG=1); not a readiness notification, the constant's definition or a
# comment.
# fixtures/blind16 holds each kind (asserted by path and line), fixtures/blind16-near
# the near misses.  Helpers are prefixed b67_.

fxset_scan_sets b67 blind16

begin "blind16-near: every near miss leaves its rule failing"
fxset_near_passing b67 blind16 "[]"
end

begin "readiness: a route's inline handler pinging Redis counts; a health path assigned to a setting or a constant does not"
fxset_ev b67 blind16 monitoring.readiness-checks server/thumbs.js:7
fxset_near_fails b67 blind16 monitoring.readiness-checks
end

begin "pending migrations: an agent's skill manual and 'applies all pending migrations' (English, Arabic) list none; checklist lines do"
fxset_rule_is b67 kinds deploy.no-pending-migrations pass
fxset_rule_is b67 near deploy.no-pending-migrations "fail docs/ar/release-checklist.md:3 docs/release-checklist.md:3"
end

begin "secrets: a credential in an AI agent's folder still fails (the pack's exclusion of agent folders is not the forbidding rule's)"
fxset_rule_is b67 near deploy.secrets-not-committed "fail .claude/skills/deploy/SKILL.md:5"
end

begin "export checks: IMPORT_EXPORT_EXPORT_PERMISSION_CODE naming a permission counts; None, an import-only code or DJANGO_EXPORTS_REQUIRE_PERM = False does not"
fxset_ev b67 blind16 audit.export-checks tracker/settings/base.py:14
fxset_near_fails b67 blind16 audit.export-checks
end

begin "worker heartbeat: systemd watchdog keep-alives (Go, Python) count; READY=1, the constant and a comment do not"
fxset_ev b67 blind16 monitoring.worker-heartbeat cmd/feedd/daemon.go:16 tools/mailer.py:11
fxset_near_fails b67 blind16 monitoring.worker-heartbeat
end
