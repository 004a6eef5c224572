#!/bin/sh
# run.sh PROOFGATE [REPO] - the measurements of issue 5 on the benchmark monorepo.
#
# Times whole processes with hyperfine (median of RUNS runs; the pack is read
# once first so that every command finds it in the page cache alike), and the
# peak resident memory of every proofgate run with /usr/bin/time -f %M.
# Prints each measurement with the exact command behind it and its ratio, and
# writes the table to build/bench/results.md.  Nothing here asserts a time.
set -eu

PG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build/bench
REPO=$(cd "${2:-$B/mono.git}" && pwd)
RUNS=${RUNS:-3}
SLOW_RUNS=${SLOW_RUNS:-1}
W=$B/work
rm -rf "$W"
mkdir -p "$W"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1 LC_ALL=C
# proofgate's default cache must not leak between measurements
export XDG_CACHE_HOME="$W/xdg"

for tool in hyperfine /usr/bin/time python3 git; do
	command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is needed" >&2; exit 2; }
done

# one pattern for measurements 3 and 4: private keys and cloud/forge tokens
PAT='-----BEGIN (?:RSA |DSA |EC |OPENSSH )?PRIVATE KEY-----|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{36}\b|\bglpat-[A-Za-z0-9_-]{20}\b|\bxox[abprs]-[0-9A-Za-z]{10,}-[0-9A-Za-z-]{10,}'
cat >"$W/one.yml" <<EOF
domains:
  - id: bench
    title: {en: Bench}
rules:
  - id: bench.one-pattern
    domain: bench
    level: advisory
    title: One content rule over every file
    next_step: none
    evidence:
      no_file:
        paths: '**'
        contains: '$PAT'
EOF

# the built-in pack as the per-rule git grep script a team would write
python3 "$ROOT/bench/greps.py" base "$ROOT"/rules/*.yml >"$W/greps.sh" 2>"$W/greps.count"
NGREP=$(sed -n 's/^greps.py: \([0-9]*\) git grep.*/\1/p' "$W/greps.count")
# a pattern git grep rejects would make the script look cheaper than it is: compile each on no file
(cd "$REPO" && sed 's| base -- .*| base -- no-such-path-at-all|' "$W/greps.sh" | sh) 2>"$W/greps.err" || true
NGREPERR=$(grep -c . "$W/greps.err" || true)

DIGEST=$("$PG" rules list --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["rules_digest"])')
NRULES=$("$PG" rules list --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rules"]))')

G="git -C $REPO"
C1="$PG scan --rev base --no-cache --format json --fail-on never $REPO"
C2="sh $W/greps.sh"
C3="$G grep -P -c -e '$PAT' base"
C4="$PG scan --rev base --no-builtin --rules $W/one.yml --no-cache --format json --fail-on never $REPO"
C5a="$G ls-tree -r base"
C5b="$G ls-tree -r base | awk '\$2 == \"blob\" { print \$3 }' | $G cat-file --batch"
C6="$PG scan --rev main --cache $W/cache --format json --fail-on never $REPO"
C7="$PG scan --rev base --cache $W/cache --format json --fail-on never $REPO"

# 6 measures the second commit after the first: each run starts from the cache as the first scan left it
$PG scan --rev base --cache "$W/cache.base" --format json --fail-on never "$REPO" >/dev/null
printf 'rm -rf %s/cache && cp -a %s/cache.base %s/cache\n' "$W" "$W" "$W" >"$W/prep6.sh"
printf 'rm -rf %s/cache\n' "$W" >"$W/prep7.sh"
PREP6="sh $W/prep6.sh"
PREP7="sh $W/prep7.sh"

hf() { # NAME RUNS [--prepare CMD] COMMAND
	name=$1 runs=$2
	shift 2
	echo "bench: $name ..." >&2
	(cd "$REPO" && hyperfine --style none --warmup 0 --runs "$runs" --export-json "$W/$name.json" "$@" >"$W/$name.log" 2>&1)
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f" % r["median"])' "$W/$name.json"
}

# every proofgate run under hyperfine records its peak resident memory (KB) in mem-NAME
timed() { # NAME COMMAND
	echo "/usr/bin/time -f %M -a -o $W/mem-$1 $2"
}
peak() { # NAME -> MB, the most of any of its runs
	sort -n "$W/mem-$1" | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }'
}

echo "bench: reading the pack once, then measuring (median of $RUNS runs, $SLOW_RUNS for the git grep script)" >&2
cat "$REPO"/objects/pack/* >/dev/null
T5a=$(hf m5a "$RUNS" "$C5a >/dev/null")
T5b=$(hf m5b "$RUNS" "$C5b >/dev/null")
T3=$(hf m3 "$RUNS" --ignore-failure "$C3 >/dev/null")
T4=$(hf m4 "$RUNS" --shell=none "$(timed m4 "$C4")")
T1=$(hf m1 "$RUNS" --shell=none "$(timed m1 "$C1")")
T6=$(hf m6 "$RUNS" --prepare "$PREP6" --shell=none "$(timed m6 "$C6")")
T7=$(hf m7 "$SLOW_RUNS" --prepare "$PREP7" --shell=none "$(timed m7 "$C7")")
T2=$(hf m2 "$SLOW_RUNS" "$C2")
M1=$(peak m1)
M4=$(peak m4)
M6=$(peak m6)
M7=$(peak m7)

# what the scans saw
FILES=$($G ls-tree -r base | wc -l)
BYTES=$($G ls-tree -r -l base | awk '$2 == "blob" { s += $4 } END { printf "%.2f", s / 1e9 }')
CHANGED=$($G diff --name-only base main | wc -l)

ratio() { python3 -c "import sys; print('%.3f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }
verdict() { python3 -c "import sys; print('met' if float(sys.argv[1]) <= float(sys.argv[2]) else 'missed')" "$1" "$2"; }

R12=$(ratio "$T1" "$T2")
R13=$(ratio "$T1" "$T3")
R43=$(ratio "$T4" "$T3")
R61=$(ratio "$T6" "$T1")
R5a=$(ratio "$T5a" "$T1")
R5b=$(ratio "$T5b" "$T1")
R71=$(ratio "$T7" "$T1")
MMAX=$(printf '%s\n%s\n%s\n%s\n' "$M1" "$M4" "$M6" "$M7" | sort -n | tail -n 1)

OUT=$B/results.md
{
	echo "Repository: $REPO, revision base: $FILES files, $BYTES GB of blobs; main changes $CHANGED files."
	echo "Built-in pack: $NRULES rules, digest $DIGEST; the script runs $NGREP git grep commands ($NGREPERR lines of git grep errors on a dry run)."
	echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(git --version), $("$PG" --version)."
	echo "Median of $RUNS runs ($SLOW_RUNS for 2 and 7), pack in the page cache; peak memory is the largest max RSS of the runs."
	echo
	echo "| # | measurement | median (s) | ratio | target | result | peak MB |"
	echo "|---|---|---|---|---|---|---|"
	echo "| 1 | proofgate scan, built-in pack | $T1 | 1 / 2 = $R12 | <= 0.10 | $(verdict "$R12" 0.10) | $M1 |"
	echo "| 2 | git grep -P script, one per rule pattern | $T2 | | | | |"
	echo "| 3 | git grep -P -c, one pattern, every file | $T3 | 1 / 3 = $R13 | <= 1.0 | $(verdict "$R13" 1.0) | |"
	echo "| 4 | proofgate scan, one \`**\` content rule | $T4 | 4 / 3 = $R43 | <= 0.6 | $(verdict "$R43" 0.6) | $M4 |"
	echo "| 5a | git ls-tree -r (tree-walk floor) | $T5a | 5a / 1 = $R5a | | | |"
	echo "| 5b | git cat-file --batch, every blob (inflate floor) | $T5b | 5b / 1 = $R5b | | | |"
	echo "| 6 | proofgate scan of main after base, cache on | $T6 | 6 / 1 = $R61 | <= 0.2 | $(verdict "$R61" 0.2) | $M6 |"
	echo "| 7 | proofgate scan of base, cache on and empty (writes it) | $T7 | 7 / 1 = $R71 | | | $M7 |"
	echo "| | peak memory, every proofgate run | | | <= 100 MB | $(verdict "$MMAX" 100) | max $MMAX |"
	echo
	echo "Commands (run in the repository; hyperfine --warmup 0 --runs N):"
	echo
	printf '1. `%s`\n' "$C1"
	printf '2. `%s` (generated by `bench/greps.py base rules/*.yml`)\n' "$C2"
	printf '3. `%s`\n' "$C3"
	printf '4. `%s` (one.yml: `no_file`, paths `**`, contains the pattern of 3)\n' "$C4"
	printf '5. `%s` and `%s`\n' "$C5a" "$C5b"
	printf '6. `%s`, each run from the cache left by `proofgate scan --rev base --cache` (hyperfine --prepare)\n' "$C6"
	printf '7. `%s`, each run from an empty cache\n' "$C7"
} >"$OUT"
cat "$OUT"
