# 10-sarif.sh - SARIF as GitHub code scanning takes it: the JSON schema (tests/ci_check.py),
# Microsoft's SARIF multitool with GitHub's upload rules (sarif-github.config.xml) and the
# SARIF rules, and code scanning's limits. Sourced by run.sh.
SM="$IT/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
mkdir -p "$T/sarif"

# findings of one multitool run at error and warning level, one "RULE: message" a line
sarif_validate() { # FILE
	rm -f "$1.check"
	"$SM" validate --config "$IT/sarif-github.config.xml" --rule-kind "Gh;Ghas;Sarif" \
		--level "Error;Warning" -o "$1.check" "$1" >"$1.log" 2>&1 || { cat "$1.log"; return 1; }
	python3 - "$1.check" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
for n in run.get("invocations", [{}])[0].get("toolExecutionNotifications", []):
    print("notification: " + n["message"].get("text", ""))
for r in run.get("results", []):
    print("%s %s: %s" % (r["ruleId"], r.get("level", "warning"), r["message"].get("arguments", [""])[0]))
PY
}

# the fixtures' reports: a blocked, a ready, an Arabic and a waived repository
sarif_ok=1
for name in seed-v1 ops-ready arabic basic near-miss; do
	lang=en
	[ "$name" = arabic ] && lang=ar
	"$PG" scan --no-cache --lang "$lang" --branch release/1.0 --sarif "$T/sarif/$name.sarif" "$FX/$name" \
		>/dev/null 2>"$T/sarif/$name.err"
	[ -s "$T/sarif/$name.sarif" ] || sarif_ok=0
done

begin "SARIF: every fixture's report is written"
[ "$sarif_ok" = 1 ] || bad "a report is missing: $(cat "$T"/sarif/*.err)"
end

begin "SARIF: every report validates against the SARIF 2.1.0 JSON schema"
for f in "$T"/sarif/*.sarif; do
	python3 "$ROOT/tests/ci_check.py" sarif "$f" "$ROOT/tests/schemas" >"$T/out" 2>&1 || bad "$(basename "$f"): $(cat "$T/out")"
done
end

begin "SARIF: the multitool reports no error and no warning (GitHub upload rules, SARIF rules)"
for f in "$T"/sarif/*.sarif; do
	sarif_validate "$f" >"$T/out" || bad "$(basename "$f"): the multitool failed"
	[ -s "$T/out" ] && bad "$(basename "$f"): $(head -5 "$T/out")"
done
end

begin "SARIF: the multitool reports a broken report (a web URI, a rule named as its id, 1001 locations)"
python3 - "$T/sarif/seed-v1.sarif" "$T/sarif/broken.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
run = d["runs"][0]
run["tool"]["driver"]["rules"][0]["name"] = run["tool"]["driver"]["rules"][0]["id"]
res = run["results"][0]
res["locations"][0]["physicalLocation"]["artifactLocation"] = {"uri": "https://example.invalid/x.md"}
run["results"][1]["locations"] = run["results"][1]["locations"] * 1001
json.dump(d, open(sys.argv[2], "w"))
PY
sarif_validate "$T/sarif/broken.json" >"$T/out"
for want in "GH1005 error" "GH1004 error" "SARIF1001 warning"; do
	grep -q "^$want" "$T/out" || bad "no $want in: $(cat "$T/out")"
done
end

begin "SARIF: within GitHub code scanning's limits; each rule has a readable name unlike its id"
for f in "$T"/sarif/*.sarif; do
	python3 - "$f" >"$T/out" 2>&1 <<'PY' || bad "$(basename "$f"): $(cat "$T/out")"
import gzip, json, re, sys
raw = open(sys.argv[1], "rb").read()
d = json.loads(raw)
problems = []
def limit(what, n, most):
    if n > most:
        problems.append("%s: %d > %d" % (what, n, most))
# docs.github.com, "SARIF results exceed limit": the hard limits of an upload
limit("gzipped size", len(gzip.compress(raw)), 10 * 1024 * 1024)
limit("runs", len(d["runs"]), 20)
for run in d["runs"]:
    limit("results per run", len(run.get("results", [])), 25000)
    limit("rules per run", len(run["tool"]["driver"].get("rules", [])), 25000)
    limit("tool extensions", len(run["tool"].get("extensions", [])), 100)
    for r in run.get("results", []):
        limit("locations per result", len(r.get("locations", [])), 1000)
        for flow in r.get("codeFlows", []):
            for tf in flow.get("threadFlows", []):
                limit("thread flow locations", len(tf.get("locations", [])), 10000)
    for rule in run["tool"]["driver"].get("rules", []):
        limit("tags of " + rule["id"], len(rule.get("properties", {}).get("tags", [])), 20)
        name = rule.get("name")
        if name is not None and (name.lower() == rule["id"].lower() or not re.match(r"^[A-Z][A-Za-z0-9]*$", name)):
            problems.append("rule %s: name %r" % (rule["id"], name))
if problems:
    print("; ".join(problems))
    sys.exit(1)
PY
done
end
