#!/bin/sh
# log.sh PROOFGATE [REPO] - issue 15's measurement: `proofgate log` over the first-parent history
# of the real-code corpus (build/bench/real.git, bench/realcode.py) against cold scans of the
# same commits.
#
#   A  proofgate log -n N (N = LOG_COMMITS, default 200), the cache empty at the start: each
#      commit's scan reuses what its neighbour's stored
#   B  N cold scans: proofgate scan --no-cache --rev C, one process per commit.  LOG_COLD=K
#      (default N) runs K of them, evenly spread over the N, and scales their sum by N/K; the
#      output says so.
#
# Prints wall and CPU time (user + system, from /usr/bin/time) of each, their ratio, and the
# goal (A <= 0.05 x B: the log costs less than ten cold scans); checks that the log's verdict and
# statuses equal the cold scans' for every commit measured.  Writes build/bench/log-results.md.
# Nothing here asserts a time: the exit status is 0 whatever was measured.
set -eu

PG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build/bench
REPO=$(cd "${2:-$B/real.git}" && pwd)
N=${LOG_COMMITS:-200}
K=${LOG_COLD:-$N}
W=$B/log
rm -rf "$W"
mkdir -p "$W"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1 LC_ALL=C
# proofgate's default cache must not leak into the measurements
export XDG_CACHE_HOME="$W/xdg"

for tool in /usr/bin/time python3 git; do
	command -v "$tool" >/dev/null 2>&1 || { echo "log.sh: $tool is needed" >&2; exit 2; }
done

git -C "$REPO" rev-list --first-parent -n "$N" main >"$W/commits"
NC=$(wc -l <"$W/commits")
[ "$K" -le "$NC" ] || K=$NC
# K commits evenly spread over the NC (the first and the last among them)
python3 - "$NC" "$K" "$W/commits" >"$W/cold-commits" <<'PY'
import sys
n, k = int(sys.argv[1]), int(sys.argv[2])
c = [l.strip() for l in open(sys.argv[3])]
idx = sorted({round(i * (n - 1) / max(k - 1, 1)) for i in range(k)}) if k > 1 else [0]
print("\n".join(c[i] for i in idx))
PY
K=$(wc -l <"$W/cold-commits")

# seconds: wall, user, system, peak KB of one command (its output to a file)
measure() { # OUTFILE COMMAND...
	out=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$W/time" "$@" >"$out" 2>>"$W/stderr" || true
	cat "$W/time"
}
add() { python3 -c "import sys; print('%.2f' % sum(float(x) for x in sys.argv[1:]))" "$@"; }

cat "$REPO"/objects/pack/* >/dev/null
echo "log.sh: A: proofgate log -n $NC through an empty cache ..." >&2
CA="$PG log -n $NC --cache $W/cache --format csv -C $REPO main"
set -- $(measure "$W/log.csv" $CA)
AW=$1 AU=$2 AS=$3 AM=$4
AC=$(add "$AU" "$AS")
echo "log.sh: A again, every commit in the cache ..." >&2
set -- $(measure "$W/log2.csv" $CA)
A2W=$1 A2C=$(add "$2" "$3")

echo "log.sh: B: $K cold scans of the $NC commits ..." >&2
BW=0 BC=0 BM=0
i=0
while read -r c; do
	i=$((i + 1))
	set -- $(measure "$W/cold-$c.json" "$PG" scan --rev "$c" --no-cache --format json --fail-on never "$REPO")
	BW=$(add "$BW" "$1")
	BC=$(add "$BC" "$2" "$3")
	[ "$4" -gt "$BM" ] && BM=$4
	echo "log.sh:   cold scan $i of $K: $1 s" >&2
done <"$W/cold-commits"
SCALE=$(python3 -c "import sys; print(float(sys.argv[1]) / float(sys.argv[2]))" "$NC" "$K")
BWN=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) * float(sys.argv[2])))" "$BW" "$SCALE")
BCN=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) * float(sys.argv[2])))" "$BC" "$SCALE")

ratio() { python3 -c "import sys; print('%.4f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }
verdict() { python3 -c "import sys; print('met' if float(sys.argv[1]) <= float(sys.argv[2]) else 'missed')" "$1" "$2"; }
RW=$(ratio "$AW" "$BWN")
RC=$(ratio "$AC" "$BCN")

# the cache changes no answer: the log's verdict and statuses against each cold scan's
SAME=$(python3 - "$W" <<'PY'
import csv, json, os, sys
w = sys.argv[1]
rows = {r["commit"]: r for r in csv.DictReader(open(os.path.join(w, "log.csv"), newline=""))}
same = bad = 0
for c in open(os.path.join(w, "cold-commits")).read().split():
    d = json.load(open(os.path.join(w, "cold-%s.json" % c)))
    r = rows.get(c)
    ok = r is not None and r["verdict"] == d["verdict"] and all(r[x["id"]] == x["status"] for x in d["domains"])
    same += ok
    bad += not ok
print("%d of %d" % (same, same + bad))
PY
)

if [ "$K" = "$NC" ]; then
	BNOTE="$NC cold scans, each measured"
else
	BNOTE="$K cold scans measured, evenly spread over the $NC commits, their sum scaled by $NC/$K"
fi
OUT=$B/log-results.md
{
	echo "Repository: $REPO; the $NC first-parent commits back from main."
	echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg), $("$PG" --version)."
	echo
	echo "| # | measurement | wall (s) | CPU (s) | peak MB |"
	echo "|---|---|---|---|---|"
	echo "| A | proofgate log of $NC commits, empty cache at the start | $AW | $AC | $(python3 -c "print('%.1f' % ($AM / 1024))") |"
	echo "| A2 | the same again, every commit in the cache | $A2W | $A2C | |"
	echo "| B | $BNOTE | $BWN | $BCN | $(python3 -c "print('%.1f' % ($BM / 1024))") |"
	echo
	echo "A / B: $RW by wall time, $RC by CPU time; goal <= 0.05: $(verdict "$RW" 0.05) by wall time, $(verdict "$RC" 0.05) by CPU time."
	echo "The log's verdict and statuses equal the cold scans' for $SAME commits measured."
	echo
	echo "Commands (run from anywhere; /usr/bin/time -f '%e %U %S %M'):"
	echo
	printf 'A. `%s` (from an empty `--cache` folder)\n' "$CA"
	printf 'B. `%s scan --rev COMMIT --no-cache --format json --fail-on never %s`, for each commit measured\n' "$PG" "$REPO"
} >"$OUT"
cat "$OUT"
