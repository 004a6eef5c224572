# 83-rules-blind34.sh - what the thirty-fourth blind set found (issue 12),
# written here without its files.
# Misses: the application's backup code copying its database (store.copyDatabase(target) in
# a file named for backups) is a backup, and its server calling the backup on an interval
# (setInterval(() => backups.runScheduledBackup(), 6 h)) a schedule; an extensionless
# doc/INSTALL with "== Installation" and its numbered commands is local setup (an
# extensionless Arabic README too), and a README saying its samples are "lorem ipsum text"
# is no placeholder; a Google Maps browser key (the Maps JavaScript API's script URL, a
# GOOGLE_MAP_API_KEY setting) is no committed secret.
# False passes: a bug report template grading bugs "Sev 1..3" is no incident severity
# scale; one board exported and imported again in a test is no backup round trip; a timer
# pruning old backups, a browser widget's timer and a database copy taken to compact it
# are no backup schedule or backup; a real placeholder README (Lorem ipsum dolor) and an
# INSTALL pointing to a website are no local setup; a Firebase apiKey is still a secret.
# fixtures/blind34 holds each kind (asserted by path and line), fixtures/blind34-near
# the near misses.  Helpers are prefixed b83_.

fxset_scan_sets b83 blind34

begin "blind34-near: every near miss leaves its rule failing (a Google API key outside a maps setting still fails)"
fxset_near_passing b83 blind34 "['deploy.ci-pipeline', 'deploy.no-pending-migrations']"
end

begin "local setup: an extensionless doc/INSTALL and Arabic README, a README whose samples are 'lorem ipsum text'; not Lorem ipsum dolor, not an INSTALL with a link"
fxset_rule_is b83 kinds deploy.local-setup "pass README.md:5 doc/INSTALL:11 docs/ar/README:5"
fxset_near_fails b83 blind34 deploy.local-setup
end

begin "backup: the application copying its database in a backup file, and its server's interval calling the backup; not compacting, pruning or a browser timer"
fxset_rule_is b83 kinds backup.script "pass src/services/backup.ts:10"
fxset_rule_is b83 kinds backup.schedule "pass src/server/boot.ts:7"
fxset_near_fails b83 blind34 backup.script
fxset_near_fails b83 blind34 backup.schedule
end

begin "secrets: Google Maps browser keys are not committed secrets"
fxset_rule_is b83 kinds deploy.secrets-not-committed "pass"
end

begin "restore drill: a workspace backup exported and restored in a test; not one board exported and imported"
fxset_rule_is b83 kinds backup.restore-drill "pass .github/workflows/ci.yml:4 server/integrationtests/export_test.go:13"
fxset_near_fails b83 blind34 backup.restore-drill
end

begin "severity levels: a bug report template's Sev 1..3 is no incident severity scale"
fxset_near_fails b83 blind34 incidents.severity-levels
end
