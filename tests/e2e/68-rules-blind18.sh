# 68-rules-blind18.sh - what the eighteenth blind set found (issue 12),
# written here without its files.
# A miss of local setup: a contributing guide whose opening line says it is
# about running the project in development ("how to go about running
# Relaymark in development", Arabic تشغيل Relaymark في بيئة التطوير), then
# gives the commands under headings of its own (Requirements, Get the code,
# Start it).  Not a line about running it in production, nor about running
# the tests locally (تشغيل الاختبارات محليًا).
# A miss of the environment template: a documented configuration reference
# in the docs (doc/config/settings.yml), every setting under a comment saying
# what it sets.  Not one with fewer than five such settings, nor a deployment
# manifest under docs/ whose lines are commented the same way.
# fixtures/blind18 holds each kind (asserted by path and line), fixtures/blind18-near
# the near misses.  Helpers are prefixed b68_.

fxset_scan_sets b68 blind18

begin "blind18-near: every near miss leaves its rule failing"
fxset_near_passing b68 blind18 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "local setup: a guide about running the project in development (English, Arabic) counts; production or the tests locally do not"
fxset_ev b68 blind18 deploy.local-setup CONTRIBUTING.md:3 docs/ar/CONTRIBUTING.md:3
fxset_near_fails b68 blind18 deploy.local-setup
end

begin "environment template: a commented configuration reference under doc/config counts; three settings or a manifest do not"
fxset_ev b68 blind18 deploy.env-template doc/config/settings.yml:4
fxset_near_fails b68 blind18 deploy.env-template
end
