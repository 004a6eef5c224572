# 50-perf.sh - threads, the content cache and PCRE2 limits change nothing but speed.
# No timing is asserted anywhere: only that results are identical and nothing hangs.
# e2e: slow

# A tree big enough to wrap the scanner's queue several times, with every kind
# of leaf: contains (min_matches), not_contains, min_lines, fresh (with more
# dates after the commit than a cached record keeps), executable, binary,
# oversized, symlink, and the same blob at several paths.
perf_repo() { # DEST
	rm -rf "$1"
	git init -q --bare -b main "$1"
	python3 - <<'EOF' | git -C "$1" fast-import --quiet
import sys
w = sys.stdout.buffer
def data(b):
    w.write(b"data %d\n" % len(b)); w.write(b); w.write(b"\n")
w.write(b"commit refs/heads/main\n")
w.write(b"author T <t@t.invalid> 1780315200 +0000\ncommitter T <t@t.invalid> 1780315200 +0000\n")
data(b"perf fixture\n")
def f(path, b, mode="100644"):
    w.write(("M %s inline %s\n" % (mode, path)).encode()); data(b)
for i in range(3000):
    d = "src/m%02d/s%d" % (i % 37, i % 5)
    body = "".join("line %d of file %d\n" % (k, i) for k in range(i % 23))
    if i % 7 == 0:
        body += "TOKEN=abc%d\n" % i
    if i % 11 == 0:
        body += "placeholder\n"
    if i % 13 == 0:
        body += "reviewed 2026-0%d-1%d\n" % (1 + i % 5, i % 10)
    f("%s/f%d.txt" % (d, i), body.encode(), "100755" if i % 17 == 0 else "100644")
    if i % 101 == 0:
        f("%s/dup%d.txt" % (d, i), b"TOKEN=same\nTOKEN=same\n")
    if i % 250 == 0:
        f("%s/bin%d.dat" % (d, i), b"TOKEN=x\0" + bytes(range(256)))
    if i % 400 == 0:
        f("%s/big%d.txt" % (d, i), b"TOKEN=big\n" * 3000)
later = "".join("dated 2026-07-%02d\n" % d for d in range(1, 8))
f("docs/drill.md", ("restore drill\n" + later + "dated 2026-05-20\n").encode())
f("docs/drill-late.md", ("restore drill\n" + later).encode())
w.write(b"M 120000 inline src/link.txt\n"); data(b"src/m00/s0/f0.txt")
EOF
}

cat >"$T/perf.yml" <<'EOF'
domains:
  - id: perf
    title: {en: Perf, ar: أداء}
rules:
  - id: perf.tokens
    domain: perf
    level: required
    title: Tokens
    next_step: Add tokens
    evidence:
      file:
        paths: ['**/*.{txt,dat}']
        contains: {pattern: '^TOKEN=', min_matches: 2}
        min_files: 5000
  - id: perf.no-placeholder
    domain: perf
    level: expected
    title: No placeholder
    next_step: Remove placeholders
    evidence:
      no_file:
        paths: ['src/**']
        contains: 'placeholder'
  - id: perf.lines
    domain: perf
    level: advisory
    title: Long files
    next_step: Write more
    evidence:
      file:
        paths: ['src/m0*/**']
        min_lines: 15
        not_contains: '(?i)PLACEHOLDER'
        min_files: 4000
  - id: perf.exec
    domain: perf
    level: advisory
    title: Executables
    next_step: chmod
    evidence:
      file:
        paths: ['src/m1*/**/*.txt']
        executable: true
        contains: 'line 3 '
        min_files: 500
  - id: perf.fresh
    domain: perf
    level: expected
    title: Fresh
    next_step: Review
    evidence:
      file:
        paths: ['**/*.txt']
        fresh: {pattern: 'reviewed (\d{4}-\d{2}-\d{2})', days: 30}
  - id: perf.drill
    domain: perf
    level: expected
    title: Drills
    next_step: Drill
    evidence:
      file:
        paths: ['docs/drill*.md']
        contains: 'restore'
        fresh: {pattern: 'dated (\d{4}-\d{2}-\d{2})', days: 30}
        min_files: 2
EOF

PR="$T/perf.git"
perf_repo "$PR"
PERF="--no-builtin --rules $T/perf.yml --format json --fail-on never --max-file-size 20000"

begin "the perf fixture scans, with findings of every kind"
run "$PG" scan $PERF --no-cache --jobs 1 "$PR"
rc_is 0
cp "$T/out" "$T/perf-ref.json"
json_is "len(d['skipped']) >= 20" True
json_is "any('larger than the 20000-byte cap' in s['why'] for s in d['skipped'])" True
json_is "any('binary' in s['why'] for s in d['skipped'])" True
json_is "any('symbolic link' in s['why'] for s in d['skipped'])" True
json_is "[r['outcome'] for r in d['rules'] if r['id']=='perf.no-placeholder'][0]" fail
json_is "[r['outcome'] for r in d['rules'] if r['id']=='perf.fresh'][0]" pass
json_is "[m['why'] for r in d['rules'] if r['id']=='perf.drill' for m in r['near_misses']] == [r'dates matching /dated (\d{4}-\d{2}-\d{2})/ are all after the scanned commit']" True
end

begin "--jobs 1, 2 and 8, cache off, cold and warm: byte-identical JSON"
rm -rf "$T/pc"
for j in 1 2 8; do
	run "$PG" scan $PERF --no-cache --jobs "$j" "$PR"
	holds cmp "$T/out" "$T/perf-ref.json"
	run "$PG" scan $PERF --cache "$T/pc/$j" --jobs "$j" "$PR"
	holds cmp "$T/out" "$T/perf-ref.json"
	run "$PG" scan $PERF --cache "$T/pc/$j" --jobs "$j" "$PR"
	holds cmp "$T/out" "$T/perf-ref.json"
	err_empty
done
holds test -n "$(find "$T/pc/1" -name 'seg-*.pgc')"
end

begin "the walk asks the cache for each blob once: a blob it lacks is not looked up again by the thread that reads it"
# every folder and every blob read is one miss of a cold cache, at any --jobs; the
# hits of the warm scan are read by the walking thread, and the report is the same
for j in 1 2 4; do
	rm -rf "$T/pc1"
	run "$PG" scan -q --stats --fail-on never --cache "$T/pc1" --jobs "$j" "$PR"
	read=$(sed -n 's/.* \([0-9]*\) blobs read;.*/\1/p' "$T/err")
	folders=$(sed -n 's/.* \([0-9]*\) folders read,.*/\1/p' "$T/err")
	misses=$(sed -n 's/.* \([0-9]*\) misses.*/\1/p' "$T/err")
	[ -n "$read" ] && [ "$misses" = "$((read + folders))" ] ||
		bad "--jobs $j: $misses cache misses for $read blobs read and $folders folders read: $(cat "$T/err")"
	run "$PG" scan $PERF --cache "$T/pc1" --jobs "$j" "$PR"
	holds cmp "$T/out" "$T/perf-ref.json"
done
end

begin "blobs read from packs by proofgate and through libgit2 give byte-identical reports"
# the fast-import pack holds chains of deltas (read by libgit2); repacked, nearly
# every blob is whole (read by pack.c); the fixtures were packed by git gc
rm -rf "$T/perf-repacked.git"
cp -a "$PR" "$T/perf-repacked.git"
git -C "$T/perf-repacked.git" -c pack.threads=1 -c repack.writeBitmaps=false repack -a -d -f -q
holds test "$(git -C "$T/perf-repacked.git" count-objects -v | sed -n 's/^in-pack: //p')" -gt 3000
for r in "$PR" "$T/perf-repacked.git"; do
	run env PROOFGATE_NO_FASTPACK=1 "$PG" scan $PERF --no-cache --jobs 2 "$r"
	holds cmp "$T/out" "$T/perf-ref.json"
	run "$PG" scan $PERF --no-cache --jobs 2 "$r"
	holds cmp "$T/out" "$T/perf-ref.json"
done
for f in seed-v1 ops-ready basic arabic near-miss; do
	run env PROOFGATE_NO_FASTPACK=1 "$PG" scan --format json --fail-on never --no-cache "$FX/$f"
	cp "$T/out" "$T/fp-ref.json"
	run "$PG" scan --format json --fail-on never --no-cache "$FX/$f"
	holds cmp "$T/out" "$T/fp-ref.json"
done
end

begin "patterns skipped for want of their words change nothing: byte-identical reports"
for f in seed-v1 ops-ready basic arabic near-miss layouts layouts-more stubs; do
	for fmt in json text; do
		run env PROOFGATE_NO_PREFILTER=1 "$PG" scan --format "$fmt" --lang ar --fail-on never --no-cache "$FX/$f"
		cp "$T/out" "$T/pf-ref.out"
		run "$PG" scan --format "$fmt" --lang ar --fail-on never --no-cache "$FX/$f"
		holds cmp "$T/out" "$T/pf-ref.out"
	done
done
run env PROOFGATE_NO_PREFILTER=1 "$PG" scan $PERF --no-cache "$PR"
holds cmp "$T/out" "$T/perf-ref.json"
run "$PG" scan --format json --fail-on never --no-cache "$ROOT"
cp "$T/out" "$T/pf-self.json"
run env PROOFGATE_NO_PREFILTER=1 "$PG" scan --format json --fail-on never --no-cache "$ROOT"
holds cmp "$T/out" "$T/pf-self.json"
end

begin "one Vectorscan pass changes nothing, and the built-in pack's database is made at build time"
run "$PG" scan --stats -q --fail-on never --no-cache "$FX/basic"
if grep -q 'patterns: word prefilter' "$T/err"; then
	echo "# built without Vectorscan (VECTORSCAN=no or no libhs): the word prefilter is the filter"
else
	# the built-in pack alone, or with rules it already holds: no compiling at run time
	err_has '; patterns: one Vectorscan pass, built-in database \(9 blobs by the smaller database of their class\);'
	run "$PG" scan --stats -q --fail-on never --no-cache --rules "$ROOT/rules/20-backup.yml" "$FX/basic"
	err_has '; patterns: one Vectorscan pass, built-in database \(9 blobs by the smaller database of their class\);'
	# every blob of bare has a class: the whole database is never loaded (basic's are not all: it is)
	run "$PG" scan --stats -q --fail-on never --no-cache "$FX/bare"
	err_has '; patterns: one Vectorscan pass, built-in database \(2 blobs by the smaller database of their class, the whole one never loaded\);'
	# each blob with the whole database: no class
	run env PROOFGATE_NO_CLASSES=1 "$PG" scan --stats -q --fail-on never --no-cache "$FX/basic"
	err_has '; patterns: one Vectorscan pass, built-in database \(0 blobs by the smaller database of their class\);'
	# a pattern of its own: the database is compiled for the scan
	run "$PG" scan --stats -q --fail-on never --no-cache --no-builtin --rules "$T/perf.yml" "$FX/basic"
	err_has '; patterns: one Vectorscan pass, database compiled;'
	# the built-in pack and patterns of its own: the built-in database, and one compiled for the rest only
	run "$PG" scan --stats -q --fail-on never --no-cache --rules "$T/perf.yml" "$FX/basic"
	err_has '; patterns: one Vectorscan pass, built-in database and one compiled for the other patterns \([0-9]+ blobs by the smaller database of their class\);'
	run env PROOFGATE_NO_MULTI=1 "$PG" scan --stats -q --fail-on never --no-cache "$FX/basic"
	err_has '; patterns: word prefilter;'
	run env PROOFGATE_NO_PREFILTER=1 "$PG" scan --stats -q --fail-on never --no-cache "$FX/basic"
	err_has '; patterns: every pattern run;'
fi
for f in seed-v1 ops-ready basic bare arabic near-miss layouts layouts-more stubs kinds hostile declared; do
	for fmt in json text; do
		run env PROOFGATE_NO_MULTI=1 "$PG" scan --format "$fmt" --lang ar --fail-on never --no-cache "$FX/$f"
		cp "$T/out" "$T/mm-ref.out"
		run "$PG" scan --format "$fmt" --lang ar --fail-on never --no-cache --jobs 2 "$FX/$f"
		holds cmp "$T/out" "$T/mm-ref.out"
		run env PROOFGATE_NO_CLASSES=1 "$PG" scan --format "$fmt" --lang ar --fail-on never --no-cache --jobs 2 "$FX/$f"
		holds cmp "$T/out" "$T/mm-ref.out"
	done
done
run env PROOFGATE_NO_MULTI=1 "$PG" scan $PERF --no-cache "$PR"
holds cmp "$T/out" "$T/perf-ref.json"
run env PROOFGATE_NO_CLASSES=1 "$PG" scan $PERF --no-cache "$PR"
holds cmp "$T/out" "$T/perf-ref.json"
# with the built-in pack beside a pack of its own (two databases), the same report
run env PROOFGATE_NO_MULTI=1 "$PG" scan --rules "$T/perf.yml" --format json --fail-on never --no-cache --max-file-size 20000 "$PR"
cp "$T/out" "$T/mm-both.json"
run "$PG" scan --rules "$T/perf.yml" --format json --fail-on never --no-cache --max-file-size 20000 "$PR"
holds cmp "$T/out" "$T/mm-both.json"
# Unicode properties and caseless letters beyond ASCII (newer than Vectorscan's tables)
rm -rf "$T/uni"
git init -q "$T/uni"
printf 'caf\303\251 \360\237\245\260 \341\262\200\n' >"$T/uni/notes.md"
git -C "$T/uni" add -A
git -C "$T/uni" -c user.name=T -c user.email=t@t.invalid commit -qm uni
cat >"$T/uni.yml" <<'YML'
domains:
  - {id: u, title: {en: U}, order: 1}
rules:
  - {id: u.emoji, domain: u, level: required, title: {en: emoji}, next_step: {en: none}, evidence: {file: {paths: '*.md', contains: '\p{So}'}}}
  - {id: u.ve, domain: u, level: required, title: {en: ve}, next_step: {en: none}, evidence: {file: {paths: '*.md', contains: '(?i)\x{432}'}}}
YML
run env PROOFGATE_NO_MULTI=1 "$PG" scan --no-builtin --rules "$T/uni.yml" --format json --fail-on never --no-cache "$T/uni"
cp "$T/out" "$T/uni-ref.json"
json_is "[r['outcome'] for r in d['rules']]" "['pass', 'pass']"
run "$PG" scan --no-builtin --rules "$T/uni.yml" --format json --fail-on never --no-cache "$T/uni"
holds cmp "$T/out" "$T/uni-ref.json"
run env PROOFGATE_NO_MULTI=1 "$PG" scan --format json --fail-on never --no-cache "$ROOT"
holds cmp "$T/out" "$T/pf-self.json"
end

begin "a damaged pack: the same error outcome and exit status as libgit2 gives, never other bytes"
copy_fixture seed-v1 "$T/fp-bad"
pk=$(ls "$T"/fp-bad/.git/objects/pack/*.pack)
chmod u+w "$pk"
# one byte in the middle of the largest blob's deflated data
at=$(git verify-pack -v "${pk%.pack}.idx" | awk '$2 == "blob" && NF == 5 && $4 > n { n = $4; at = $5 + int($4 / 2) } END { print at }')
python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[int(sys.argv[2])]^=0x5a; open(p,'wb').write(b)" "$pk" "$at"
run env PROOFGATE_NO_FASTPACK=1 "$PG" scan --format json --no-cache "$T/fp-bad"
ref_rc=$rc
cp "$T/out" "$T/fp-bad-ref.json"
holds grep -q "('docs/blueprint/step-07-operations.md') is corrupt (invalid distance too far back): git fsck" "$T/fp-bad-ref.json"
run "$PG" scan --format json --no-cache "$T/fp-bad"
rc_is "$ref_rc"
holds cmp "$T/out" "$T/fp-bad-ref.json"
end

begin "a cache filled at one --jobs serves another, and another size cap"
run "$PG" scan $PERF --cache "$T/pc/1" --jobs 8 "$PR"
holds cmp "$T/out" "$T/perf-ref.json"
run "$PG" scan --no-builtin --rules "$T/perf.yml" --format json --fail-on never --cache "$T/pc/1" "$PR"
cp "$T/out" "$T/perf-bigcap.json"
run "$PG" scan --no-builtin --rules "$T/perf.yml" --format json --fail-on never --no-cache "$PR"
holds cmp "$T/out" "$T/perf-bigcap.json"
end

begin "a torn or corrupt cache segment is ignored, never trusted"
for s in $(find "$T/pc/2" -name 'seg-*.pgc'); do
	head -c 100 "$s" >"$s.cut" && mv "$s.cut" "$s"
done
run "$PG" scan $PERF --cache "$T/pc/2" --jobs 2 "$PR"
holds cmp "$T/out" "$T/perf-ref.json"
for s in $(find "$T/pc/8" -name 'seg-*.pgc'); do
	python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[len(b)//2]^=0xff; open(p,'wb').write(b)" "$s"
done
run "$PG" scan $PERF --cache "$T/pc/8" --jobs 8 "$PR"
holds cmp "$T/out" "$T/perf-ref.json"
end

begin "the default cache (under XDG_CACHE_HOME) gives the same results, cold and warm"
rm -rf "$XDG_CACHE_HOME/proofgate"
run "$PG" scan $PERF "$PR"
holds cmp "$T/out" "$T/perf-ref.json"
holds test -d "$XDG_CACHE_HOME/proofgate/v1"
run "$PG" scan $PERF "$PR"
holds cmp "$T/out" "$T/perf-ref.json"
end

tree_digest_50() {
	(cd "$1" && find . -printf '%p %m %y %s\n' | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum
}

begin "the cache is never written inside the scanned repository"
copy_fixture basic "$T/pc-repo"
before=$(tree_digest_50 "$T/pc-repo")
run "$PG" scan --format json --fail-on never "$T/pc-repo"
rc_is 0
cp "$T/out" "$T/pc-repo-ref.json"
for inside in "$T/pc-repo/.cache" "$T/pc-repo/.git/proofgate" "$T/pc-repo/docs/../x" "$T/pc-repo/no/such/../.."; do
	run "$PG" scan --format json --fail-on never --cache "$inside" "$T/pc-repo"
	rc_is 0
	err_has 'scanning without the cache'
	holds cmp "$T/out" "$T/pc-repo-ref.json"
done
(cd "$T/pc-repo/docs" && "$PG" scan --format json --fail-on never --cache .pgcache . >"$T/out" 2>"$T/err")
err_has 'inside the scanned repository'
holds cmp "$T/out" "$T/pc-repo-ref.json"
after=$(tree_digest_50 "$T/pc-repo")
holds test "$before" = "$after"
end

begin "an unusable cache folder never fails the scan"
: >"$T/a-file"
run "$PG" scan --format json --fail-on never --cache "$T/a-file/cache" "$T/pc-repo"
rc_is 0
err_has 'note: scanning without the cache'
holds cmp "$T/out" "$T/pc-repo-ref.json"
run env HOME="$T/a-file" XDG_CACHE_HOME= "$PG" scan --format json --fail-on never "$T/pc-repo"
rc_is 0; err_empty
holds cmp "$T/out" "$T/pc-repo-ref.json"
end

begin "--jobs must be a positive number"
run "$PG" scan --jobs 0 "$T/pc-repo"
rc_is 2; err_has -- '--jobs must be a number of threads'
run "$PG" scan --jobs lots "$T/pc-repo"
rc_is 2; err_has -- '--jobs must be a number of threads'
end

# (a+)+$ on many a's then a b backtracks exponentially: PCRE2's match limit
# must stop it, and the rule must end as an error naming the file and limit.
rm -rf "$T/evil"
git init -q "$T/evil"
python3 -c "print('a' * 5000 + 'b')" >"$T/evil/evil.txt"
echo fine >"$T/evil/fine.txt"
git -C "$T/evil" add -A
git -C "$T/evil" -c user.name=T -c user.email=t@t.invalid commit -qm evil
cat >"$T/evil.yml" <<'EOF'
domains:
  - id: perf
    title: {en: Perf}
rules:
  - id: perf.catastrophic
    domain: perf
    level: required
    title: Catastrophic pattern
    next_step: Simplify the pattern
    evidence:
      file:
        paths: ['*.txt']
        contains: '^(a+)+(?<=c)'
EOF

# a look-behind no filter can rule out: PCRE2 alone decides, and cannot
begin "a catastrophic pattern ends as the rule's error outcome, naming file and limit"
run timeout 120 "$PG" scan --no-builtin --rules "$T/evil.yml" --format json --fail-on never --no-cache "$T/evil"
rc_is 0
json_is "d['rules'][0]['outcome']" error
json_is "'evil.txt' in d['rules'][0]['message']" True
json_is "\"hit PCRE2's match limit (10000000 steps, depth 100000)\" in d['rules'][0]['message']" True
end

begin "when that rule matters for the gate, the scan cannot decide: exit 2"
run timeout 120 "$PG" scan --no-builtin --rules "$T/evil.yml" --fail-on blocked --no-cache --jobs 2 "$T/evil"
rc_is 2
err_has 'could not decide'
out_has 'ERROR required perf.catastrophic'
end

# (a+)+$ backtracks as badly, but a filter proves no match is possible
# (one Vectorscan pass: no 'a' run ends the file): whichever filter the scan
# uses up front, and with none, the outcome is that proof's, never an error
sed "s/'^(a+)+(?<=c)'/'(a+)+\$'/" "$T/evil.yml" >"$T/evil2.yml"
begin "a pattern PCRE2 cannot finish, where a filter proves no match: the same outcome with every filter"
run timeout 120 "$PG" scan --no-builtin --rules "$T/evil2.yml" --format json --fail-on never --no-cache "$T/evil"
cp "$T/out" "$T/evil2.json"
if "$PG" scan --stats -q --no-cache "$T/evil" 2>&1 | grep -q 'patterns: one Vectorscan pass'; then
	json_is "d['rules'][0]['outcome']" fail
else
	json_is "d['rules'][0]['outcome']" error
fi
for sw in PROOFGATE_NO_MULTI PROOFGATE_NO_PREFILTER PROOFGATE_NO_CLASSES; do
	run timeout 120 env $sw=1 "$PG" scan --no-builtin --rules "$T/evil2.yml" --format json --fail-on never --no-cache --jobs 2 "$T/evil"
	holds cmp "$T/out" "$T/evil2.json"
done
end

# so a cached result depends on which proofs the build has: a cache written by a
# build without Vectorscan (an error there) must never answer for one with it
begin "the cache's namespace names the proofs the build has"
run "$PG" scan --no-builtin --rules "$T/evil2.yml" --format json --fail-on never --cache "$T/evil2-cache" "$T/evil"
holds cmp "$T/out" "$T/evil2.json"
holds grep -qa 'proofs words+[^;]*; rules ' "$(find "$T/evil2-cache" -name 'seg-*.pgc' | head -n 1)"
end

begin "a match-limit error is cached as such and comes back the same"
run timeout 120 "$PG" scan --no-builtin --rules "$T/evil.yml" --format json --fail-on never --cache "$T/evil-cache" "$T/evil"
cp "$T/out" "$T/evil-cold.json"
run timeout 120 "$PG" scan --no-builtin --rules "$T/evil.yml" --format json --fail-on never --cache "$T/evil-cache" "$T/evil"
holds cmp "$T/out" "$T/evil-cold.json"
json_is "d['rules'][0]['outcome']" error
end
