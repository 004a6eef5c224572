# 65-rules-blind15-down.sh - what the fifteenth blind set found (issue 12),
# written here without its files.  Misses: an upgrade guide keeps its way back
# as a section of its own, a "Downgrade" (rst "Rolling back", AsciiDoc
# "Reverting to the previous release", Arabic التراجع) section further down
# whose steps restore the dump taken before the upgrade and return to the
# previous release, with the backup warning at the top of the page; the
# step-list leaves want the backup and the way back within 8 lines of a step,
# and the documentation's restore sections leave upgrade guides out.  The
# section now counts, cited at its heading: for the production runbook and
# the restore procedure when a step restores the backup, dump or pre-upgrade
# database, for the rollback also when a step returns to the previous
# version.  Not counted: a Downgrade heading over one sentence (downgrades are
# not supported), a Rolling back section saying only "Restore.", a changelog
# list of "Downgrade dependency X" entries (which the rollback leaf counted
# before), an upgrade guide with no way back.  fixtures/blind15-down holds
# each kind of evidence (asserted by path and line), fixtures/blind15-down-near
# the near misses.  Helpers are prefixed b65_.

fxset_scan_sets b65 blind15-down

begin "blind15-down-near: every near miss leaves its rule failing (only secrets and 'no pending migrations' pass)"
fxset_near_passing b65 blind15-down "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "production runbook: a Downgrade / Rolling back / التراجع section of an upgrade guide whose steps restore the pre-upgrade dump"
# docs/content/upgrade.md:36: the Downgrade steps restore "the database dump you took before the upgrade" (a backup taken, read so since the fiftieth set)
fxset_ev b65 blind15-down deploy.production-runbook docs/content/upgrade.md:31 docs/content/upgrade.md:36 docs/ar/upgrade.md:21 UPGRADING.rst:10
fxset_near_fails b65 blind15-down deploy.production-runbook
end

begin "rollback: the same sections, and a Reverting section returning to the previous release; not a changelog's 'Downgrade dependency X'"
fxset_ev b65 blind15-down incidents.rollback docs/content/upgrade.md:31 docs/ar/upgrade.md:21 UPGRADING.rst:10 docs/upgrading/agent-upgrade.adoc:8
fxset_near_fails b65 blind15-down incidents.rollback
end

begin "restore procedure: an upgrade guide's Downgrade section restoring the backup; not one that only returns to the previous release"
fxset_ev b65 blind15-down backup.restore-procedure docs/content/upgrade.md:31 docs/ar/upgrade.md:21 UPGRADING.rst:10
fxset_near_fails b65 blind15-down backup.restore-procedure
end
