#!/bin/sh
# real.sh PROOFGATE [REPO] - issue 13's measurements on the real-code corpus
# (build/bench/real.git, bench/realcode.py: pinned npm package versions, one
# commit each, repacked): the built-in pack against one git grep -P pass over
# the same revision, at --jobs 1, 2 and 4, with each acceleration switched
# off, peak memory at half and at the whole corpus, and main from the cache
# both as the next version (after main~1: each commit is one package's next
# release) and 36 versions on (after base).  Two rows say what no change to
# matching can take away: F, the same revision scanned with bench/floor.yml
# (every blob read and inflated, one pattern that never matches), and E, the
# built-in pack on a repository of one small file (the fixed cost: loading
# and compiling the pack and its databases).
#
# Medians of RUNS whole-process runs (hyperfine, the pack read once first so
# that every command finds it in the page cache alike); CPU time (user +
# system) and peak resident memory from /usr/bin/time.  Prints each
# measurement with its command and ratio and writes build/bench/real-results.md.
# Nothing here asserts a time: the exit status is 0 whatever was measured.
set -eu

PG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build/bench
REPO=$(cd "${2:-$B/real.git}" && pwd)
RUNS=${RUNS:-3}
W=$B/real
rm -rf "$W"
mkdir -p "$W"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1 LC_ALL=C
export XDG_CACHE_HOME="$W/xdg"

for tool in hyperfine /usr/bin/time python3 git; do
	command -v "$tool" >/dev/null 2>&1 || { echo "real.sh: $tool is needed" >&2; exit 2; }
done

hf() { # NAME [hyperfine options] COMMAND: the median wall time, s
	name=$1
	shift
	echo "bench: real: $name ..." >&2
	(cd "$REPO" && hyperfine --style none --warmup 0 --runs "$RUNS" --export-json "$W/$name.json" "$@" >"$W/$name.log" 2>&1)
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f" % r["median"])' "$W/$name.json"
}
# every proofgate run records CPU seconds and peak KB in res-NAME
timed() { # NAME COMMAND
	echo "/usr/bin/time -f '%U %S %M' -a -o $W/res-$1 $2"
}
cpu() { # NAME -> median CPU s of its runs
	awk '{ print $1 + $2 }' "$W/res-$1" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }'
}
peak() { # NAME -> MB, the most of any of its runs
	awk '{ print $3 }' "$W/res-$1" | sort -n | tail -n 1 | awk '{ printf "%.1f\n", $1 / 1024 }'
}
ratio() { python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }
atmost() { python3 -c "import sys; print('met' if float(sys.argv[1]) <= float(sys.argv[2]) else 'missed')" "$1" "$2"; }
atleast() { python3 -c "import sys; print('met' if float(sys.argv[1]) >= float(sys.argv[2]) else 'missed')" "$1" "$2"; }

G="git -C $REPO"
SCAN="$PG scan --no-cache --format json --fail-on never"
CG="$G grep -P -I -c -e 'backup|restore|health' main"
# the cache as the previous version left it (main~1: each commit is one package's next version), and as
# base left it (36 versions behind)
for prev in main~1 base; do
	printf 'rm -rf %s/cache && %s scan --rev %s --cache %s/cache --format json --fail-on never %s >/dev/null\n' \
		"$W" "$PG" "$prev" "$W" "$REPO"
done | {
	read -r l && echo "$l" >"$W/prep-next.sh"
	read -r l && echo "$l" >"$W/prep-base.sh"
}

# E's repository: one README, fixed author and date
E=$W/empty.git
git init -q --bare "$E"
blob=$(echo '# one file' | git -C "$E" hash-object -w --stdin)
tree=$(printf '100644 blob %s\tREADME.md\n' "$blob" | git -C "$E" mktree)
commit=$(GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' \
	GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid GIT_COMMITTER_DATE='2026-01-01T00:00:00Z' \
	git -C "$E" commit-tree -m one "$tree")
git -C "$E" update-ref refs/heads/main "$commit"

echo "bench: real: reading the pack once, then measuring (median of $RUNS runs)" >&2
cat "$REPO"/objects/pack/* >/dev/null
TG=$(hf grep "$CG >/dev/null")
T2=$(hf j2 --shell=none "$(timed j2 "$SCAN --jobs 2 --rev main $REPO")")
T1=$(hf j1 --shell=none "$(timed j1 "$SCAN --jobs 1 --rev main $REPO")")
T4=$(hf j4 --shell=none "$(timed j4 "$SCAN --jobs 4 --rev main $REPO")")
TF=$(hf floor --shell=none "$(timed floor "$PG scan --no-cache --no-builtin --rules $ROOT/bench/floor.yml --format json --fail-on never --jobs 2 --rev main $REPO")")
TE=$(hf empty --shell=none "$(timed empty "$SCAN --jobs 2 --rev main $E")")
TH=$(hf half --shell=none "$(timed half "$SCAN --jobs 2 --rev half $REPO")")
TM=$(hf nomulti "$(timed nomulti "env PROOFGATE_NO_MULTI=1 $SCAN --jobs 2 --rev main $REPO")")
TP=$(hf noprefilter "$(timed noprefilter "env PROOFGATE_NO_PREFILTER=1 $SCAN --jobs 2 --rev main $REPO")")
TK=$(hf noclasses "$(timed noclasses "env PROOFGATE_NO_CLASSES=1 $SCAN --jobs 2 --rev main $REPO")")
TN=$(hf next --prepare "sh $W/prep-next.sh" --shell=none \
	"$(timed next "$PG scan --rev main --cache $W/cache --format json --fail-on never --jobs 2 $REPO")")
TC=$(hf cold --shell=none "$(timed cold "$SCAN --jobs 2 --rev base $REPO")")
TB=$(hf afterbase --prepare "sh $W/prep-base.sh" --shell=none \
	"$(timed afterbase "$PG scan --rev main --cache $W/cache --format json --fail-on never --jobs 2 $REPO")")

# the reports must not depend on the acceleration or the number of threads
same=identical
for v in "--jobs 1" "--jobs 4"; do
	$SCAN $v --rev main "$REPO" >"$W/r.json" || true
	$SCAN --jobs 2 --rev main "$REPO" >"$W/r2.json" || true
	cmp -s "$W/r.json" "$W/r2.json" || same="DIFFERENT ($v)"
done
for sw in PROOFGATE_NO_MULTI PROOFGATE_NO_PREFILTER PROOFGATE_NO_FASTPACK PROOFGATE_NO_CLASSES; do
	env $sw=1 $SCAN --jobs 2 --rev main "$REPO" >"$W/r.json" || true
	cmp -s "$W/r.json" "$W/r2.json" || same="DIFFERENT ($sw=1)"
done

FILES=$($G ls-tree -r main | wc -l)
MB=$($G ls-tree -r -l main | awk '$2 == "blob" { s += $4 } END { printf "%.0f", s / 1048576 }')
HFILES=$($G ls-tree -r half | wc -l)
PATTERNS=$("$PG" scan --stats -q --no-cache --fail-on never --rev main "$REPO" 2>&1 | sed -n 's/.*; patterns: \([^;]*\);.*/\1/p')
MMAX=$(for n in j1 j2 j4 half next afterbase cold floor empty; do peak $n; done | sort -n | tail -n 1)
RG=$(ratio "$T2" "$TG")
R12=$(ratio "$T1" "$T2")
R14=$(ratio "$T1" "$T4")
RN=$(ratio "$TN" "$T2")
RB=$(ratio "$TB" "$T2")

OUT=$B/real-results.md
{
	echo "Real-code corpus: $REPO, main: $FILES files, $MB MiB of blobs; half: $HFILES files."
	echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(git --version), $("$PG" --version); patterns filtered by: $PATTERNS."
	echo "Median of $RUNS runs, pack in the page cache; CPU is user + system; peak is the largest max RSS of the runs."
	echo
	echo "| measurement | wall (s) | CPU (s) | peak MB | ratio | target | result |"
	echo "|---|---|---|---|---|---|---|"
	echo "| git grep -P -I -c, one pass (G) | $TG | | | | | |"
	echo "| proofgate scan, built-in pack, --jobs 2 (S) | $T2 | $(cpu j2) | $(peak j2) | S / G = $RG | <= 0.6 | $(atmost "$RG" 0.6) |"
	echo "| same, --jobs 1 | $T1 | $(cpu j1) | $(peak j1) | j1 / j2 = $R12 | >= 1.7 | $(atleast "$R12" 1.7) |"
	echo "| same, --jobs 4 | $T4 | $(cpu j4) | $(peak j4) | j1 / j4 = $R14 | | |"
	echo "| the floor: every blob read, one pattern (bench/floor.yml), --jobs 2 (F) | $TF | $(cpu floor) | $(peak floor) | F / G = $(ratio "$TF" "$TG"), F / S = $(ratio "$TF" "$T2") | | |"
	echo "| the fixed cost: built-in pack, a repository of one file (E) | $TE | $(cpu empty) | $(peak empty) | E / S = $(ratio "$TE" "$T2"), E / N = $(ratio "$TE" "$TN") | | |"
	echo "| same, half the corpus (rev half) | $TH | $(cpu half) | $(peak half) | | | |"
	echo "| same, PROOFGATE_NO_MULTI=1 (word prefilter) | $TM | $(cpu nomulti) | $(peak nomulti) | $(ratio "$TM" "$T2") x S | | |"
	echo "| same, PROOFGATE_NO_PREFILTER=1 (every pattern) | $TP | $(cpu noprefilter) | $(peak noprefilter) | $(ratio "$TP" "$T2") x S | | |"
	echo "| same, PROOFGATE_NO_CLASSES=1 (the whole database for every blob) | $TK | $(cpu noclasses) | $(peak noclasses) | $(ratio "$TK" "$T2") x S | | |"
	echo "| scan of base, no cache (C) | $TC | $(cpu cold) | $(peak cold) | N / C = $(ratio "$TN" "$TC") | | |"
	echo "| scan of main after main~1 (the next version), cache on (N) | $TN | $(cpu next) | $(peak next) | N / S = $RN | <= 0.15 | $(atmost "$RN" 0.15) |"
	echo "| scan of main after base (36 versions), cache on (B) | $TB | $(cpu afterbase) | $(peak afterbase) | B / S = $RB | | |"
	echo "| peak memory, every scan above but the switched-off ones | | | max $MMAX | | <= 100 MB | $(atmost "$MMAX" 100) |"
	echo
	echo "Reports at --jobs 1, 2, 4 and with each acceleration switched off: $same."
	echo
	echo "Commands (in the repository): G \`$CG\`; S \`$SCAN --jobs 2 --rev main $REPO\`;"
	echo "N \`$PG scan --rev main --cache DIR ...\` after \`... scan --rev main~1 --cache DIR\` (hyperfine --prepare), B the same after \`--rev base\`;"
	echo "the cold scan both are divided by is S (main, no cache). Issue 13's target is N: docs/performance.md says why."
	echo "F \`$PG scan --no-cache --no-builtin --rules bench/floor.yml --jobs 2 --rev main\`: what S cannot go below while every blob is read (the secrets rule reads them all);"
	echo "E \`$SCAN --jobs 2 --rev main\` on a repository of one file: what neither S nor N can go below without loading the pack faster."
} >"$OUT"
cat "$OUT"
