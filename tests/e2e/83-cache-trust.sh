# 83-cache-trust.sh - the cache folder is input too (issue 11): a segment too large,
# truncated or edited, a folder others may write, and a policy that turns the cache
# off never change a report, fail a scan or turn a fail into a pass.  See docs/cache.md.
# e2e: slow

# src/notes.txt says rollback; the runbook does not, so ct.runbook fails; src/secret.txt
# holds a secret, so ct.secret fails too; ct.src selects the src files.
ct_repo() { # DEST
	rm -rf "$1"
	git init -q -b main "$1"
	mkdir -p "$1/docs" "$1/src/deep" "$1/lib"
	echo "# runbook: restart the service" >"$1/docs/runbook.md"
	echo "how to rollback a release" >"$1/src/notes.txt"
	echo "SECRET=hunter2" >"$1/src/secret.txt"
	echo "SECRET=again" >"$1/src/deep/more.txt"
	for i in 1 2 3 4; do echo "plain $i" >"$1/src/f$i.txt"; echo "lib $i" >"$1/lib/l$i.txt"; done
	git -C "$1" add -A
	git -C "$1" -c user.name=T -c user.email=t@t.invalid commit -qm one
}

cat >"$T/ct.yml" <<'EOF'
domains:
  - id: ct
    title: {en: Cache trust}
rules:
  - id: ct.src
    domain: ct
    level: advisory
    title: Source
    next_step: Write source
    evidence:
      file:
        paths: ['src/**']
  - id: ct.runbook
    domain: ct
    level: required
    title: Runbook says how to roll back
    next_step: Write it
    evidence:
      file:
        paths: ['docs/runbook.md']
        contains: 'rollback'
  - id: ct.secret
    domain: ct
    level: required
    title: No secret
    next_step: Remove it
    evidence:
      no_file:
        paths: ['**']
        contains: 'SECRET='
EOF

# edits the segments of a cache folder in place, then (crc) makes each checksum right again:
#   seg.py DIR attack OFF VAL  - byte OFF after the name notes.txt in a folder record set to VAL
#   seg.py DIR records SEED    - 1 to 3 random bytes of folder records changed, checksum recomputed
#   seg.py DIR any SEED        - 1 to 3 random bytes anywhere changed, checksum left as it was
cat >"$T/seg.py" <<'EOF'
import glob, random, struct, sys, zlib
d, mode = sys.argv[1], sys.argv[2]
for path in sorted(glob.glob(d + "/v1/*/seg-*.pgc")):
    b = bytearray(open(path, "rb").read())
    nslen, count = struct.unpack_from("<IQ", b, 12)
    index = 32 + nslen
    data = index + count * 28
    recs = []
    for i in range(count):
        off, length = struct.unpack_from("<II", b, index + i * 28 + 20)
        if b[data + off:data + off + 1] == b"T":
            recs.append((data + off, length))
    if mode == "attack":
        k, v = int(sys.argv[3]), int(sys.argv[4])
        for start, length in recs:
            at = b.find(b"notes.txt", start, start + length)
            if at >= 0 and at + 9 + k < start + length:
                b[at + 9 + k] = v
    else:
        rnd = random.Random(int(sys.argv[3]))
        for _ in range(rnd.randint(1, 3)):
            if mode == "records" and recs:
                start, length = rnd.choice(recs)
                at = start + rnd.randrange(length)
            else:
                at = rnd.randrange(len(b))
            b[at] ^= rnd.randint(1, 255)
    if mode != "any":
        struct.pack_into("<Q", b, len(b) - 8, zlib.crc32(bytes(b[:-8])))
    open(path, "wb").write(b)
EOF

CR="$T/ct"
ct_repo "$CR"
CT="--no-builtin --rules $T/ct.yml --format json --fail-on never"

begin "cache trust: the fixture fails ct.runbook and ct.secret without the cache; a warm cache gives the same"
run "$PG" scan $CT --no-cache "$CR"
cp "$T/out" "$T/ct.json"
json_is "sorted((r['id'], r['outcome']) for r in d['rules'])" "[('ct.runbook', 'fail'), ('ct.secret', 'fail'), ('ct.src', 'pass')]"
rm -rf "$T/ctc"
run "$PG" scan $CT --cache "$T/ctc" "$CR"
holds cmp "$T/out" "$T/ct.json"
run "$PG" scan $CT --cache "$T/ctc" --stats "$CR"
holds cmp "$T/out" "$T/ct.json"
err_has ' 0 folders read, [1-9][0-9]* folders from cache records'
cp -a "$T/ctc" "$T/ctc.orig"
end

# at the start of this work (folder records format 4) byte 23 set to 0 made ct.runbook pass, citing src/notes.txt
begin "cache trust: a folder record's leaves edited, checksum made right: never a pass (issue 11's attack)"
for k in 20 21 22 23; do
	for v in 0 1 2 3; do
		rm -rf "$T/ctc" && cp -a "$T/ctc.orig" "$T/ctc"
		python3 "$T/seg.py" "$T/ctc" attack $k $v
		run "$PG" scan $CT --cache "$T/ctc" "$CR"
		rc_is 0
		cmp -s "$T/out" "$T/ct.json" || bad "byte $k after notes.txt set to $v changed the report"
	done
done
end

begin "cache trust: random bytes of folder records edited, checksum made right: the report without the cache"
for seed in $(seq 1 40); do
	rm -rf "$T/ctc" && cp -a "$T/ctc.orig" "$T/ctc"
	python3 "$T/seg.py" "$T/ctc" records $seed
	run "$PG" scan $CT --cache "$T/ctc" "$CR"
	rc_is 0
	cmp -s "$T/out" "$T/ct.json" || bad "seed $seed changed the report"
done
end

begin "cache trust: random bytes anywhere in a segment: skipped, never a different report or exit 2"
for seed in $(seq 1 30); do
	rm -rf "$T/ctc" && cp -a "$T/ctc.orig" "$T/ctc"
	python3 "$T/seg.py" "$T/ctc" any $seed
	run "$PG" scan $CT --cache "$T/ctc" "$CR"
	rc_is 0
	cmp -s "$T/out" "$T/ct.json" || bad "seed $seed changed the report"
	err_has 'cache segment skipped: .*torn or corrupt'
done
end

begin "cache trust: a 3 GB stray segment is skipped unread, said in one line, and removed"
rm -rf "$T/ctc" && cp -a "$T/ctc.orig" "$T/ctc"
stray=$(ls -d "$T"/ctc/v1/*)/seg-99999999999999999999-1-00000000.pgc
truncate -s 3G "$stray"
run "$PG" scan $CT --cache "$T/ctc" --stats "$CR"
rc_is 0
holds cmp "$T/out" "$T/ct.json"
err_has "cache segment skipped: .*seg-99999999999999999999-1-00000000.pgc: larger than the cache's size bound"
err_has '1 segments loaded, 1 skipped'
[ ! -e "$stray" ] || bad "the stray segment is still there"
end

begin "cache trust: a truncated segment is skipped and the scan goes on"
rm -rf "$T/ctc" && cp -a "$T/ctc.orig" "$T/ctc"
for s in "$T"/ctc/v1/*/seg-*.pgc; do truncate -s 100 "$s"; done
run "$PG" scan $CT --cache "$T/ctc" --stats "$CR"
rc_is 0
holds cmp "$T/out" "$T/ct.json"
err_has 'torn or corrupt'
end

begin "cache trust: a cache folder group or others may write is refused, as ssh refuses keys"
rm -rf "$T/ctc" && cp -a "$T/ctc.orig" "$T/ctc"
chmod g+w "$T/ctc"
run "$PG" scan $CT --cache "$T/ctc" --stats "$CR"
rc_is 0
holds cmp "$T/out" "$T/ct.json"
err_has "scanning without the cache: cache folder '.*ctc' is not trusted: .* is writable by its group"
err_has '; cache: off'
chmod g-w,o+w "$T/ctc"
run "$PG" scan $CT --cache "$T/ctc" "$CR"
err_has "is writable by others"
chmod o-w "$T/ctc"
chmod g+w "$T"/ctc/v1/*
run "$PG" scan $CT --cache "$T/ctc" "$CR"
err_has "is not trusted: '.*/v1/[0-9a-f]*' is writable by its group"
chmod g-w "$T"/ctc/v1/*
# the default folder too: said without --cache
mkdir -p "$T/xdg/proofgate" && chmod 777 "$T/xdg/proofgate"
run env XDG_CACHE_HOME="$T/xdg" "$PG" scan $CT "$CR"
holds cmp "$T/out" "$T/ct.json"
err_has "cache folder '.*xdg/proofgate' is not trusted"
end

begin "cache trust: a folder of another user is refused, even to root"
if [ "$(id -u)" = 0 ]; then
	rm -rf "$T/ctc" && cp -a "$T/ctc.orig" "$T/ctc"
	chown nobody "$T/ctc"
	run "$PG" scan $CT --cache "$T/ctc" "$CR"
	rc_is 0
	holds cmp "$T/out" "$T/ct.json"
	err_has "is not trusted: '.*ctc' belongs to user [0-9]+, not to this one \\(0\\)"
	chown root "$T/ctc"
else
	echo "  # (skipped: needs root to give a folder away)"
fi
end

begin "cache trust: cache: off in the policy, for every gate or a branch's, reads and writes nothing"
rm -rf "$T/ct-off" "$T/ctc-off"
cp -a "$CR" "$T/ct-off"
printf 'version: 1\ncache:\n  off: [main]\n' >"$T/ct-off/.proofgate.yml"
git -C "$T/ct-off" add -A
git -C "$T/ct-off" -c user.name=T -c user.email=t@t.invalid commit -qm policy
run "$PG" scan $CT --cache "$T/ctc-off" --stats "$T/ct-off"
rc_is 0
err_has '; cache: off'
[ -z "$(ls "$T"/ctc-off/v1/*/seg-*.pgc 2>/dev/null)" ] || bad "a segment was written"
# another branch's gate uses it
git -C "$T/ct-off" checkout -qb feature
run "$PG" scan $CT --cache "$T/ctc-off" --stats "$T/ct-off"
err_has 'segments loaded'
printf 'version: 1\ncache: off\n' >"$T/ct-off/.proofgate.yml"
git -C "$T/ct-off" -c user.name=T -c user.email=t@t.invalid commit -qam off
run "$PG" scan $CT --cache "$T/ctc-off" --stats "$T/ct-off"
err_has '; cache: off'
end
