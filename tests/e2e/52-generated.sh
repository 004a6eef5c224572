# 52-generated.sh - minified, generated and source-map files recognised by their
# contents (issue 13; docs/rules.md, "What a scan matches"): a one-line bundle
# (web/app.js), a Go file whose header says "Code generated ... DO NOT EDIT."
# and a source map not named *.map are never evidence for a `file` condition,
# and each is named in a near miss saying why; the secrets rule (no_file) still
# reads the bundle and fails on its key. fixtures/generated-near holds the same
# route readably and a hand-written router whose header says DO NOT EDIT: both
# count. Helpers are prefixed g52_ (one shared shell).

fxset_scan g52 kinds generated
fxset_scan g52 near generated-near

begin "generated: a minified bundle, a generated Go file and a source map are no health route"
fxset_ev g52 generated monitoring.health-endpoint
g52_got=$(fxset_py "$T/g52-kinds.json" "sorted(set((n['path'], n['why']) for r in d['rules'] if r['id']=='monitoring.health-endpoint' for n in r['near_misses']))")
for g52_w in "('api/routes_gen.go', 'is generated (a header line says so and \"DO NOT EDIT\"): not evidence')" \
	"('assets/server.js.json', 'is a source map (by its contents): not evidence')" \
	"('web/app.js', 'is minified (its lines average over 110 characters): not evidence')"; do
	case "$g52_got" in *"$g52_w"*) ;; *) bad "near misses lack $g52_w: $g52_got" ;; esac
done
end

begin "generated: the secrets rule still reads the minified bundle"
g52_got=$(fxset_py "$T/g52-kinds.json" "[(r['outcome'], [(e['path'], e['line']) for e in r['evidence']]) for r in d['rules'] if r['id']=='deploy.secrets-not-committed']")
[ "$g52_got" = "[('fail', [('web/app.js', 1)])]" ] || bad "secrets on generated: $g52_got"
end

begin "generated-near: readable code and a hand-written DO NOT EDIT header count"
g52_got=$(fxset_py "$T/g52-near.json" "' '.join(sorted('%s:%s' % (e['path'], e['line']) for r in d['rules'] if r['id']=='monitoring.health-endpoint' for e in r['evidence']))")
[ "$g52_got" = "api/routes.go:8 web/app.js:4" ] || bad "health evidence on generated-near: $g52_got"
end

begin "generated: a report from the cache is the report without it"
"$PG" scan --cache "$T/g52-cache" --format json "$FX/generated" >"$T/g52-c1.json" 2>/dev/null
"$PG" scan --cache "$T/g52-cache" --format json "$FX/generated" >"$T/g52-c2.json" 2>/dev/null
cmp -s "$T/g52-kinds.json" "$T/g52-c1.json" || bad "first cached scan differs from --no-cache"
cmp -s "$T/g52-kinds.json" "$T/g52-c2.json" || bad "scan from the cache differs from --no-cache"
end
