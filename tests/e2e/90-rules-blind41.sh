# 90-rules-blind41.sh - what the forty-first blind set found (issue 12),
# written here without its files.
# Misses: a guide telling developers to "apply pending migrations before starting the dev server"
# (and "do not run production migrations from preview builds"; Arabic طبّق الترحيلات المعلقة)
# lists no pending migration; a backup script copying a container's data volume
# (docker run --volumes-from … cp -r /srv/uploads …) covers the uploaded files; a Logback layout of
# the application's own building each line as a JSON object is structured logging; a Heroku
# app.json naming each variable the app needs as "required": true is an environment template.
# False passes: an upgrade guide's advice to commit first "so you can roll back" (حتى تتمكن من
# التراجع) is no rollback runbook.  Near misses: a release checklist that does list a pending
# migration, a backup script copying only the dump, a Logback layout writing plain text, an
# app.json giving values without saying which are required.
# fixtures/blind41 holds each kind (asserted by path and line), fixtures/blind41-near
# the near misses.  Helpers are prefixed b90_.

fxset_scan_sets b90 blind41

begin "blind41-near: every near miss leaves its rule failing"
fxset_near_passing b90 blind41 "['deploy.secrets-not-committed', 'backup.script']"
end

begin "no pending migration: \"apply pending migrations before starting\" is an instruction (English and Arabic); a checklist line naming one is a listing"
fxset_rule_is b90 kinds deploy.no-pending-migrations "pass"
fxset_rule_is b90 near deploy.no-pending-migrations "fail docs/release-checklist.md:4"
end

begin "file coverage: a backup script copying the uploads out of a container's volumes; not one copying the dump"
fxset_rule_is b90 kinds backup.file-coverage "pass ops/volume-backup.sh:9"
fxset_near_fails b90 blind41 backup.file-coverage
end

begin "structured logs: a Logback layout that builds a JSON object per line; not one writing plain text"
fxset_rule_is b90 kinds monitoring.structured-logs "pass src/main/java/org/acme/logging/JsonLineLayout.java:9"
fxset_near_fails b90 blind41 monitoring.structured-logs
end

begin "environment template: app.json naming required variables; not one giving only values"
fxset_rule_is b90 kinds deploy.env-template "pass app.json:4"
fxset_near_fails b90 blind41 deploy.env-template
end

begin "no rollback runbook: \"commit first so you can roll back\" above an upgrade's steps (English and Arabic)"
fxset_near_fails b90 blind41 incidents.rollback
end
