# 113-rules-blind75-76.sh - what the seventy-fifth and seventy-sixth blind sets found (issue 12),
# written here without their files.
# Misses: a start script's backup_db() copying the database file (cp "$DB_FILE" "$copy"), far
# below the function's head; a Litestream configuration replicating continuously with its
# snapshot interval, as a schedule; a Docker Hub build trigger URL with its token, as a
# committed credential.
# False fails: a committed .env naming a local SQLite file (SECRET_DATABASE_URL="file:…").
# False passes: a gap analysis' P0 to P2 tags introduced by "not severity order" as incident
# severity levels; a key rotation runbook's start-up verifier as a backup verification; a
# scheduled workflow that checks out the repo and only builds and pushes an image, as CI.
# fixtures/blind75 holds each kind (asserted by path and line), fixtures/blind75-near the near
# misses.  Helpers are prefixed b113_.

fxset_scan_sets b113 blind75

begin "blind75-near: every near miss leaves its rule failing"
fxset_near_passing b113 blind75 "['deploy.env-template', 'deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "backup: backup_db() copying the database file; Litestream's snapshot interval as the schedule"
fxset_rule_is b113 kinds backup.script "pass litestream.yml:3 scripts/start.sh:7"
fxset_rule_is b113 kinds backup.schedule "pass litestream.yml:8"
end

begin "secrets: a Docker Hub trigger token is one, a local SQLite file URL in .env is none"
fxset_rule_is b113 kinds deploy.secrets-not-committed "fail .github/workflows/notify.yml:13"
fxset_rule_is b113 near deploy.secrets-not-committed "pass"
end

begin "no priority tags as severity levels, no key verifier as backup verification, no image-only nightly as CI"
fxset_near_fails b113 blind75 incidents.severity-levels
fxset_near_fails b113 blind75 backup.verification
fxset_near_fails b113 blind75 deploy.ci-pipeline
end
