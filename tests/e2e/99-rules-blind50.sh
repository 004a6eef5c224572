# 99-rules-blind50.sh - what the fiftieth blind set found (issue 12),
# written here without its files.
# Miss: a Flask export route guarded by a permission decorator (@is_coorganizer).
# False passes: a view class whose name merely ends in StatusView (OrderSetStatusView) querying
# its model is no readiness check; a document's code block declaring `export const …
# = new PermissionDefinition(` states no export check; a marketing site's FAQ answer
# (content/faq/) is no support intake and escalation design.
# fixtures/blind50 holds the kind (asserted by path and line), fixtures/blind50-near the
# near misses.  Helpers are prefixed b99_.

fxset_scan_sets b99 blind50

begin "blind50-near: every near miss leaves its rule failing"
fxset_near_passing b99 blind50 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "export checks: an export route under @is_coorganizer; not a code block's export const"
fxset_rule_is b99 kinds audit.export-checks "pass app/api/exports.py:12"
fxset_near_fails b99 blind50 audit.export-checks
end

begin "readiness: OrderSetStatusView is no status handler"
fxset_near_fails b99 blind50 monitoring.readiness-checks
end

begin "intake and escalation: a website's FAQ answer does not count"
fxset_near_fails b99 blind50 support.intake-escalation
end
