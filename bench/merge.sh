#!/bin/sh
# merge.sh PROOFGATE [N] - times `proofgate merge` over N (default 1000) generated reports.
#
# The reports are made from a real one (the seed fixture's, about 60 KB, most of it the
# rules' evidence a merge skips), each with its own name, commit and statuses, so the
# merge reads as much as it would for N real repositories.  Prints the median wall and CPU
# time of RUNS runs with the exact command; asserts nothing.
set -eu
PG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
N=${2:-1000}
RUNS=${RUNS:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$ROOT/build/bench/merge
rm -rf "$W"
mkdir -p "$W/reports"
export NO_COLOR=1

[ -d "$ROOT/build/fixtures/seed-v1" ] || "$ROOT/fixtures/build.sh" "$ROOT/build/fixtures" >/dev/null
"$PG" scan --no-cache --fail-on never --json "$W/seed.json" "$ROOT/build/fixtures/seed-v1" >/dev/null
python3 - "$W/seed.json" "$W/reports" "$N" <<'PY'
import hashlib, json, sys
seed, out, n = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
statuses = ["ready", "readiness-only", "blocked"]
for i in range(n):
    d = json.loads(json.dumps(seed))
    d["repository"]["commit"] = hashlib.sha1(b"repo %d" % i).hexdigest()
    for k, dom in enumerate(d["domains"]):
        dom["status"] = statuses[(i * 7 + k * 3 + i // 13) % 3]
    d["verdict"] = "go" if all(x["status"] == "ready" for x in d["domains"]) else "stop"
    for k, p in enumerate(d["proofs"]):
        p["status"] = "proven" if (i + k) % 4 == 0 else "unproven"
    with open("%s/repo-%04d.json" % (out, i), "w") as f:
        json.dump(d, f, indent=2, ensure_ascii=False)
PY
BYTES=$(cat "$W"/reports/*.json | wc -c)
CMD="$PG merge -q --json $W/org.json --html $W/org.html --markdown $W/org.md $W/reports/*.json"
echo "bench: merging $N reports ($BYTES bytes), $RUNS runs after one warm-up ..." >&2
# wall time, and the CPU time the merge itself used (on a busy machine the two differ)
python3 - "$CMD" "$RUNS" >"$W/merge.txt" <<'PY'
import resource, statistics, subprocess, sys, time
cmd, runs = sys.argv[1], int(sys.argv[2])
subprocess.run(cmd, shell=True, check=True)
wall, cpu = [], []
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, shell=True, check=True)
    wall.append(time.perf_counter() - t)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
print("%.3f %.3f" % (statistics.median(wall), statistics.median(cpu)))
PY
read WALL CPU <"$W/merge.txt"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["summary"]; assert s["repositories"]==int(sys.argv[2]) and s["unreadable"]==0, s' "$W/org.json" "$N"
LOAD=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
echo "merge of $N reports ($BYTES bytes): $WALL s wall, $CPU s CPU (medians of $RUNS; load average $LOAD)"
echo "  command: $CMD" | sed "s|$W|build/bench/merge|g"
