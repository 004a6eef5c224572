#!/bin/sh
# scan.sh PROOFGATE LABELS MIRRORS OUT - scan every repository LABELS names, at HEAD, from
# MIRRORS/OWNER+NAME (a bare clone, or a folder holding one as repo/), into OUT/OWNER+NAME.json,
# then measure (measure.py); the command of every figure in docs/testing.md's blind sets.
set -eu
pg=$1 labels=$2 mirrors=$3 out=$4
mkdir -p "$out"
for repo in $(grep -v '^#' "$labels" | cut -f1 | sort -u); do
	name=$(printf '%s' "$repo" | tr / +)
	dir=$mirrors/$name
	[ -d "$dir/repo" ] && dir=$dir/repo
	"$pg" scan --no-cache --format json --fail-on never --rev HEAD "$dir" >"$out/$name.json"
done
exec python3 "$(dirname "$0")/measure.py" "$labels" "$out" --list
