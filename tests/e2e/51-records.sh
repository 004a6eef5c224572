# 51-records.sh - the cache's folder records change nothing but speed.
# A second commit changes files, kinds, attributes and folders; every scan
# with the cache (either direction, again, records off) must give the report
# a scan without it gives.  No timing is asserted.

# base: folders of files holding TOKEN; main: its child, changing a bit of everything
rec_repo() { # DEST
	rm -rf "$1"
	git init -q --bare -b main "$1"
	python3 - "$T/rec.yml" <<'EOF' | git -C "$1" fast-import --quiet
import sys
w = sys.stdout.buffer
pack = open(sys.argv[1], "rb").read()
def data(b):
    w.write(b"data %d\n" % len(b)); w.write(b); w.write(b"\n")
def commit(ref, when, msg, parent=None):
    w.write(("commit %s\n" % ref).encode())
    w.write(("author T <t@t.invalid> %d +0000\ncommitter T <t@t.invalid> %d +0000\n" % (when, when)).encode())
    data(msg)
    if parent:
        w.write(("from %s\n" % parent).encode())
def f(path, b, mode="100644"):
    w.write(("M %s inline %s\n" % (mode, path)).encode()); data(b)
def tok(path):
    return ("TOKEN in %s\n" % path).encode()

commit("refs/heads/base", 1780315200, b"base\n")
for d in ("src/m", "src/n", "gen/out", "docs/a", "docs/b", "keep/deep/er", "conf"):
    for i in range(12):
        f("%s/f%02d.txt" % (d, i), tok(d + str(i)))
f("src/m/f05.md", b"no token here\n")
f("src/l.txt", tok("l"))
f("src/k", tok("k"))
f("src/sub.txt", tok("sub"))
f("vendor/lib/x.txt", tok("vendor"))
f(".gitattributes", b"vendor/** linguist-vendored\n")
w.write(b"M 160000 1111111111111111111111111111111111111111 src/mod\n")
w.write(b"M 120000 inline src/ln.txt\n"); data(b"src/m/f00.txt")

commit("refs/heads/main", 1780401600, b"main\n", "refs/heads/base")
f("src/m/f03.txt", b"changed, TOKEN still\n")
f("src/m/f13.txt", tok("new"))
w.write(b"D src/m/f04.txt\n")
w.write(b"D src/l.txt\n")
w.write(b"M 120000 inline src/l.txt\n"); data(b"src/m/f00.txt")
w.write(b"D src/k\n")
f("src/k/inner.txt", tok("k inner"))
w.write(b"D src/sub.txt\n")
w.write(b"M 160000 2222222222222222222222222222222222222222 src/sub.txt\n")
w.write(b"D src/mod\n")
f("src/mod", tok("mod"))
w.write(b"R docs/a notes/a\n")
f("conf/rec.yml", pack)
f("keep/.gitattributes", b"deep/er/f0* linguist-generated\n")
EOF
}

cat >"$T/rec.yml" <<'EOF'
domains:
  - id: rec
    title: {en: Records, ar: سجلات}
rules:
  - id: rec.all
    domain: rec
    level: expected
    title: Every token
    next_step: Remove tokens
    evidence:
      # a file condition: generated and vendored files are left out of it (a no_file reads them all)
      file:
        paths: ['**']
        contains: 'TOKEN'
        min_files: 100000
  - id: rec.docs
    domain: rec
    level: expected
    title: Doc tokens
    next_step: Remove tokens
    evidence:
      no_file:
        paths: ['docs/**', 'notes/**']
        contains: 'TOKEN'
  - id: rec.src
    domain: rec
    level: advisory
    title: Source files
    next_step: Write source
    evidence:
      file:
        paths: ['src/**']
        min_files: 1000
EOF

RR="$T/rec.git"
rec_repo "$RR"
REC="--no-builtin --rules $T/rec.yml --format json --fail-on never"

begin "folder records: the fixture's two commits differ where they should"
run "$PG" scan $REC --no-cache --rev base "$RR"
cp "$T/out" "$T/rec-base.json"
json_is "[r['message'] for r in d['rules'] if r['id']=='rec.all'][0].endswith('only 87 of 100000 found')" True
json_is "sorted(s['path'] for s in d['skipped'])" "['src/ln.txt', 'src/mod']"
run "$PG" scan $REC --no-cache --rev main "$RR"
cp "$T/out" "$T/rec-main.json"
# keep/deep/er/f0* are generated now (keep/.gitattributes); src/m lost one and gained one; k is a folder; conf/rec.yml is the pack itself
json_is "[r['message'] for r in d['rules'] if r['id']=='rec.all'][0].endswith('only 76 of 100000 found')" True
json_is "sorted(s['path'] for s in d['skipped'])" "['src/l.txt', 'src/ln.txt', 'src/sub.txt']"
json_is "any('rec.yml' in e['path'] or 'keep/deep/er/f0' in e['path'] for r in d['rules'] for e in r['evidence'] + [m['at'] if 'at' in m else m for m in r['near_misses']])" False
end

begin "folder records: main after base, with the cache, is the report without it"
rm -rf "$T/rc"
run "$PG" scan $REC --cache "$T/rc" --rev base --stats "$RR"
holds cmp "$T/out" "$T/rec-base.json"
err_has ' 0 folders from cache records'
run "$PG" scan $REC --cache "$T/rc" --rev main --stats "$RR"
holds cmp "$T/out" "$T/rec-main.json"
# unchanged folders (src/n, gen, docs/b) come from their records; keep/deep/er is unchanged
# but keep/.gitattributes above it is new, so its record is not used (the count above shows)
err_has ' [1-9][0-9]* folders from cache records'
end

begin "folder records: a scan of the same commit reads no tree; back to base is right too"
run "$PG" scan $REC --cache "$T/rc" --rev main --stats "$RR"
holds cmp "$T/out" "$T/rec-main.json"
err_has ' 0 folders read, [1-9][0-9]* folders from cache records'
run "$PG" scan $REC --cache "$T/rc" --rev base --stats --jobs 1 "$RR"
holds cmp "$T/out" "$T/rec-base.json"
run "$PG" scan $REC --cache "$T/rc" --rev main --jobs 8 "$RR"
holds cmp "$T/out" "$T/rec-main.json"
end

begin "folder records: PROOFGATE_NO_RECORDS=1 walks every folder, same report"
run env PROOFGATE_NO_RECORDS=1 "$PG" scan $REC --cache "$T/rc" --rev main --stats "$RR"
holds cmp "$T/out" "$T/rec-main.json"
err_has ' 0 folders from cache records'
end

begin "folder records: an attributes file outside the tree (info/attributes) changes nothing"
# only the commit's .gitattributes count (git/linguist.h): the same report, and the records still serve
rm -rf "$T/rec-info.git"
cp -a "$RR" "$T/rec-info.git"
mkdir -p "$T/rec-info.git/info"
echo 'src/n/** linguist-generated' >"$T/rec-info.git/info/attributes"
cp -a "$T/rc" "$T/rc-info"
run "$PG" scan $REC --no-cache --rev main "$T/rec-info.git"
holds cmp "$T/out" "$T/rec-main.json"
run "$PG" scan $REC --cache "$T/rc-info" --rev main --stats "$T/rec-info.git"
holds cmp "$T/out" "$T/rec-main.json"
grep -q ' 0 folders from cache records' "$T/err" && bad "the records were not used"
end

begin "folder records: another rule pack never uses them"
sed 's/TOKEN/token in/' "$T/rec.yml" >"$T/rec2.yml"
run "$PG" scan --no-builtin --rules "$T/rec2.yml" --format json --fail-on never --no-cache --rev main "$RR"
cp "$T/out" "$T/rec2-main.json"
run "$PG" scan --no-builtin --rules "$T/rec2.yml" --format json --fail-on never --cache "$T/rc" --rev main --stats "$RR"
holds cmp "$T/out" "$T/rec2-main.json"
err_has ' 0 folders from cache records'
end

begin "folder records: a record never stands for a tree the repository lacks"
rm -rf "$T/rec-loose" "$T/rc2"
git init -q -b main "$T/rec-loose"
mkdir -p "$T/rec-loose/keep/deep" "$T/rec-loose/top"
echo "TOKEN one" >"$T/rec-loose/keep/deep/a.txt"
echo "TOKEN two" >"$T/rec-loose/top/b.txt"
git -C "$T/rec-loose" add -A
git -C "$T/rec-loose" -c user.name=T -c user.email=t@t.invalid commit -qm one
run "$PG" scan $REC --cache "$T/rc2" "$T/rec-loose"
rc_is 0
tree=$(git -C "$T/rec-loose" rev-parse HEAD:keep/deep)
rm -f "$T/rec-loose/.git/objects/${tree%"${tree#??}"}/${tree#??}"
run "$PG" scan $REC --no-cache "$T/rec-loose"
rc_is 2
err_has 'cannot read tree'
run "$PG" scan $REC --cache "$T/rc2" "$T/rec-loose"
rc_is 2
err_has 'cannot read tree'
end

begin "folder records: a tree 60 folders deep, cold and warm, is the report without the cache"
rm -rf "$T/rec-deep" "$T/rc3"
git init -q -b main "$T/rec-deep"
deep="$T/rec-deep"
for i in $(seq 1 60); do
	deep="$deep/d$i"
	mkdir -p "$deep"
	echo "TOKEN at depth $i" >"$deep/f.txt"
done
git -C "$T/rec-deep" add -A
git -C "$T/rec-deep" -c user.name=T -c user.email=t@t.invalid commit -qm deep
run "$PG" scan $REC --no-cache "$T/rec-deep"
cp "$T/out" "$T/rec-deep.json"
json_is "[r['message'] for r in d['rules'] if r['id']=='rec.all'][0].endswith('only 60 of 100000 found')" True
run "$PG" scan $REC --cache "$T/rc3" "$T/rec-deep"
holds cmp "$T/out" "$T/rec-deep.json"
run "$PG" scan $REC --cache "$T/rc3" --stats "$T/rec-deep"
holds cmp "$T/out" "$T/rec-deep.json"
err_has ' 0 folders read, 61 folders from cache records'
end

# a folder's own .gitattributes changes: its files' answers are not reused
rec_attrs_repo() { # WORK BARE
	rm -rf "$1" "$2"
	git init -q -b main "$1"
	mkdir -p "$1/d/e"
	for i in 1 2 3; do echo "TOKEN $i" >"$1/d/f$i.txt"; echo "TOKEN e$i" >"$1/d/e/g$i.txt"; done
	echo 'x.txt linguist-generated' >"$1/d/.gitattributes"
	git -C "$1" add -A
	git -C "$1" -c user.name=T -c user.email=t@t.invalid commit -qm a
	git -C "$1" tag A
	printf 'f1.txt linguist-generated\ne/g2.txt linguist-vendored\n' >"$1/d/.gitattributes"
	git -C "$1" -c user.name=T -c user.email=t@t.invalid commit -qam b
	git -C "$1" tag B
	git clone -q --bare "$1" "$2"
}

begin "folder records: a folder whose own .gitattributes changed is matched again, both ways"
rec_attrs_repo "$T/rec-attrs" "$T/rec-attrs.git"
for r in A B; do
	run "$PG" scan $REC --no-cache --rev $r "$T/rec-attrs.git"
	cp "$T/out" "$T/rec-attrs-$r.json"
done
json_is "[r['message'] for r in d['rules'] if r['id']=='rec.all'][0].endswith('only 4 of 100000 found')" True
rm -rf "$T/rc4" "$T/rc5"
run "$PG" scan $REC --cache "$T/rc4" --rev A "$T/rec-attrs.git"
run "$PG" scan $REC --cache "$T/rc4" --rev B "$T/rec-attrs.git"
holds cmp "$T/out" "$T/rec-attrs-B.json"
run "$PG" scan $REC --cache "$T/rc5" --rev B "$T/rec-attrs.git"
run "$PG" scan $REC --cache "$T/rc5" --rev A "$T/rec-attrs.git"
holds cmp "$T/out" "$T/rec-attrs-A.json"
end

begin "folder records: never stand in for a .gitattributes the repository lacks"
rm -rf "$T/rc6"
run "$PG" scan $REC --cache "$T/rc6" --rev B "$T/rec-attrs.git"
holds cmp "$T/out" "$T/rec-attrs-B.json"
blob=$(git -C "$T/rec-attrs.git" rev-parse B:d/.gitattributes)
rm -f "$T/rec-attrs.git/objects/${blob%"${blob#??}"}/${blob#??}"
run "$PG" scan $REC --no-cache --rev B "$T/rec-attrs.git"
cp "$T/out" "$T/rec-attrs-lost.json"
json_is "'d/.gitattributes' in [r['message'] for r in d['rules'] if r['id']=='rec.all'][0]" True
run "$PG" scan $REC --cache "$T/rc6" --rev B "$T/rec-attrs.git"
holds cmp "$T/out" "$T/rec-attrs-lost.json"
# and what that scan wrote is not used once the blob is back
git -C "$T/rec-attrs" cat-file blob "$blob" | git -C "$T/rec-attrs.git" hash-object -w --stdin >/dev/null
run "$PG" scan $REC --cache "$T/rc6" --rev B "$T/rec-attrs.git"
holds cmp "$T/out" "$T/rec-attrs-B.json"
end
