# 64-rules-blind15.sh - what the fifteenth blind set found (issue 12), written
# here without its files.  A false fail of a required rule: a key store under an
# example/ folder, loaded only by local development and the end-to-end tests, is
# no committed secret: a sample signing certificate (a credential written in a
# text file under example/ still fails: e2e 80).
# False "pending migration" listings: an architecture decision record explaining
# how to inspect pending migrations, and a deploy step saying how to show them
# (in English and Arabic).  A miss: a log call with OWASP security-logging's
# SecurityMarkers.SECURITY_AUDIT marker is an audit trail.  And the order of the
# CI evidence: a workflow run on every push or pull request that tests comes
# before a build-only one and a scheduled soak test (names sort the other way).
# fixtures/blind15 holds each kind (asserted by path and line), fixtures/blind15-near
# the near misses.  Helpers are prefixed b64_.

fxset_scan_sets b64 blind15

begin "blind15-near: every near miss leaves its rule failing (only a build workflow passes CI)"
fxset_near_passing b64 blind15 "['deploy.ci-pipeline']"
end

begin "secrets: a key store under example/ passes; the same file under certs/ fails"
fxset_ev b64 blind15 deploy.secrets-not-committed
b64_got=$(fxset_py "$T/b64-near.json" "[(r['outcome'], [e['path'] for e in r['evidence']]) for r in d['rules'] if r['id']=='deploy.secrets-not-committed']")
[ "$b64_got" = "[('fail', ['apps/signer/certs/signing.p12'])]" ] || bad "secrets on blind15-near: $b64_got"
end

begin "pending migrations: an ADR and 'to show pending migrations' (English, Arabic) list none; a checklist line does"
b64_got=$(fxset_py "$T/b64-kinds.json" "[r['outcome'] for r in d['rules'] if r['id']=='deploy.no-pending-migrations']")
[ "$b64_got" = "['pass']" ] || bad "no-pending-migrations on blind15: $b64_got"
b64_got=$(fxset_py "$T/b64-near.json" "[(r['outcome'], ['%s:%s' % (e['path'], e['line']) for e in r['evidence']]) for r in d['rules'] if r['id']=='deploy.no-pending-migrations']")
[ "$b64_got" = "[('fail', ['docs/release-checklist.md:4'])]" ] || bad "no-pending-migrations on blind15-near: $b64_got"
end

begin "access traces: a log call with SecurityMarkers.SECURITY_AUDIT; the same call without the marker is not"
fxset_ev b64 blind15 audit.access-traces api/src/main/java/org/acme/ledger/LedgerResource.java:12
fxset_near_fails b64 blind15 audit.access-traces
end

begin "CI order: the tested push and pull-request workflow first, at its test step, then the build-only one (the scheduled one runs on no change, so is no CI)"
b64_got=$(fxset_py "$T/b64-kinds.json" "['%s:%s' % (e['path'], e['line']) for r in d['rules'] if r['id']=='deploy.ci-pipeline' for e in r['evidence']]")
[ "$b64_got" = "['.github/workflows/unit.yml:19', '.github/workflows/analysis.yml:12']" ] || bad "CI evidence order on blind15: $b64_got"
end
