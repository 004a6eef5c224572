# 70-rules-blind20.sh - what the twentieth blind set found (issue 12),
# written here without its files.
# A false pass of worker heartbeats: a monitoring product's push examples
# (extra/push-examples/*, a curl sending a heartbeat to the product) show its
# users how to ping it; they are not the project's own jobs reporting.  Folders
# named *-examples or *_examples are examples like examples/.
# A false pass of the security policy: a SECURITY.md saying private
# vulnerability reporting is disabled and security issues are treated as
# regular bugs names no private channel, though it mentions "vulnerability
# reporting".  The rule fails on it, citing the line (also in Arabic).
# Evidence at the line that proves it: a pip-compile comment (#   sentry-sdk
# under "# via") is not the dependency; the line that pins sentry-sdk is.
# fixtures/blind20 holds each kind (asserted by path and line), fixtures/blind20-near
# the near misses.  Helpers are prefixed b70_.

fxset_scan_sets b70 blind20

begin "blind20-near: every near miss leaves its rule failing"
fxset_near_passing b70 blind20 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "heartbeats: a job pinging its monitor counts; the same curl in a *-examples or *_examples folder does not"
fxset_rule_is b70 kinds monitoring.worker-heartbeat "pass scripts/nightly-export.sh:5"
fxset_near_fails b70 blind20 monitoring.worker-heartbeat
end

begin "security policy: a policy turning private reporting off fails on that line; one with a private channel passes"
fxset_rule_is b70 kinds audit.security-policy "pass SECURITY.md:5"
fxset_rule_is b70 near audit.security-policy "fail SECURITY.md:5"
b70_ar=$T/b70-ar
rm -rf "$b70_ar" && mkdir -p "$b70_ar"
printf '%s\n' '# سياسة الأمان' '' 'للإبلاغ عن ثغرة أمنية راسلنا على security@example.org وسنرد خلال ثلاثة أيام.' >"$b70_ar/SECURITY.md"
scan_dir_expect "$b70_ar" audit.security-policy pass "an Arabic policy with a private channel"
printf '%s\n' 'تم تعطيل الإبلاغ الخاص عن الثغرات عبر GitHub، وتُعامل الثغرات الأمنية كأخطاء عادية.' >>"$b70_ar/SECURITY.md"
git -C "$b70_ar" add -A && git -C "$b70_ar" -c user.name=t -c user.email=t@t commit -qm refusal
run "$PG" scan --no-cache --format json "$b70_ar"
[ "$(rule_outcome audit.security-policy)" = fail ] || bad "an Arabic policy turning private reporting off passes"
cites audit.security-policy SECURITY.md:4
end

begin "error tracking: the pinned sentry-sdk line is the evidence, not a pip-compile comment naming it"
fxset_rule_is b70 kinds monitoring.error-tracking "pass requirements.txt:8"
fxset_near_fails b70 blind20 monitoring.error-tracking
end
