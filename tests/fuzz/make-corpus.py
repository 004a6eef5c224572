#!/usr/bin/env python3
"""make-corpus.py FIXTURES PROOFGATE - writes the fuzzers' seed corpora under tests/fuzz/corpus/.

Every seed comes from this repository: the built-in rule pack (rules/), the
test packs (tests/rules/), the policy examples of docs/policy.md, the
attribute lines of the e2e tests, and the fixture repositories built by
fixtures/build.sh (FIXTURES, e.g. build/fixtures): their paths and files,
their packs, and the cache a scan of them writes (PROOFGATE, a built
binary).  Run it again when a format or the rule pack changes much; the
seeds are committed so that a run needs neither.
"""
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")
MAX_SEED = 60000


def put(target, name, data):
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX_SEED:
        return
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def git(repo, *args):
    return subprocess.run(["git", "-C", repo] + list(args), check=True, capture_output=True).stdout


def fixture_files(fixtures):
    """(fixture, path, bytes) of every blob at HEAD of every fixture repository."""
    out = []
    for name in sorted(os.listdir(fixtures)):
        repo = os.path.join(fixtures, name)
        if not os.path.isdir(os.path.join(repo, ".git")):
            continue
        for line in git(repo, "ls-tree", "-r", "-z", "HEAD").split(b"\0"):
            if not line:
                continue
            meta, path = line.split(b"\t", 1)
            mode, kind, oid = meta.split()
            if kind != b"blob":
                continue
            out.append((name, path, git(repo, "cat-file", "blob", oid.decode())))
    return out


def rule_packs():
    packs = {}
    for d in ("rules", os.path.join("tests", "rules")):
        for f in sorted(os.listdir(os.path.join(TOP, d))):
            if f.endswith(".yml"):
                with open(os.path.join(TOP, d, f), "rb") as fh:
                    packs[os.path.join(d, f)] = fh.read()
    return packs


def walk_conditions(node, globs, patterns):
    """Globs (paths, exclude) and content patterns (contains, not_contains, fresh) of a pack."""
    if isinstance(node, dict):
        icase = 1 if node.get("ignore_case") is True else 0
        for k, v in node.items():
            if k in ("paths", "exclude"):
                for g in v if isinstance(v, list) else [v]:
                    if isinstance(g, str):
                        globs.append((icase, g))
            elif k in ("contains", "not_contains", "fresh"):
                if isinstance(v, str):
                    patterns.append((0, v))
                elif isinstance(v, dict) and isinstance(v.get("pattern"), str):
                    patterns.append((1 if v.get("ignore_case") is True else 0, v["pattern"]))
            else:
                walk_conditions(v, globs, patterns)
    elif isinstance(node, list):
        for v in node:
            walk_conditions(v, globs, patterns)


def stable_pick(items, key, n):
    """n items chosen by a hash of key: the same every run."""
    if not items:
        return []
    h = int(hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest(), 16)
    return [items[(h >> (8 * i)) % len(items)] for i in range(n)]


def seeds_rules(packs):
    domains = packs["rules/00-domains.yml"]
    dom_doc = yaml.safe_load(domains)
    for name, data in packs.items():
        base = os.path.basename(name)
        if not name.startswith("rules/") or base == "00-domains.yml":
            put("rules", base, data)
            continue
        # with the domains and proofs it refers to, a pack also finishes; whole
        # packs are slow to load, so two whole ones and the others' first rules
        if base in ("40-support.yml", "60-audit.yml"):
            put("rules", "with-domains-" + base, domains + b"\n" + data)
        doc = yaml.safe_load(data)
        for i, rule in enumerate(doc.get("rules", [])[:5]):
            # the rule with only the domain and proofs it names
            small = {
                "domains": [d for d in dom_doc["domains"] if d["id"] == rule.get("domain")],
                "proofs": [dict((k, v) for k, v in pr.items() if k != "requires")
                           for pr in dom_doc.get("proofs", []) if pr["id"] in rule.get("proofs", [])],
                "rules": [rule],
            }
            if not small["proofs"]:
                del small["proofs"]
            put("rules", "one-rule-%s-%d.yml" % (base[:-4], i),
                yaml.safe_dump(small, allow_unicode=True, sort_keys=False).encode())


def seeds_config():
    with open(os.path.join(TOP, "docs", "policy.md"), encoding="utf-8") as f:
        text = f.read()
    for i, block in enumerate(re.findall(r"```yaml\n(.*?)```", text, re.S)):
        put("config", "policy-md-%d.yml" % i, block)
    small = {
        "off.yml": "off: [deploy.changelog]\n",
        "rules.yml": "rules: [ops/rules, extra.yml]\n",
        "gates.yml": 'gates:\n  "release/**": blocked\n  main: never\n',
        "levels.yml": "levels:\n  deploy.smoke-gate: required\n  support.ticket-handoff: advisory\n",
        "waiver.yml": "max_waiver_days: 30\nwaivers:\n  - rule: backup.restore-drill\n"
                      "    reason: moved to the platform team\n    owner: ops@example.com\n    expires: 2026-06-20\n",
        "anchors.yml": "off: &a [x.y]\nlevels: {x.y: advisory}\ngates: {'*': never}\nversion: 1\n",
    }
    for name, data in small.items():
        put("config", name, data)


def seeds_glob(packs, paths):
    seen = set()
    for name, data in packs.items():
        globs, patterns = [], []
        walk_conditions(yaml.safe_load(data), globs, patterns)
        for icase, g in globs:
            if (icase, g) in seen or "\n" in g:
                continue
            seen.add((icase, g))
            picked = stable_pick(paths, g, 3)
            seed = bytes([icase]) + g.encode() + b"\n" + b"\n".join(picked)
            put("glob", "g%03d-%s" % (len(seen), hashlib.sha1(seed).hexdigest()[:8]), seed)


def seeds_patterns(packs, texts):
    seen = set()
    for name, data in packs.items():
        globs, patterns = [], []
        walk_conditions(yaml.safe_load(data), globs, patterns)
        for icase, p in patterns:
            if (icase, p) in seen:
                continue
            seen.add((icase, p))
            # a file the pattern probably matches (Python's re reads most of these patterns)
            subject = None
            try:
                rx = re.compile(p, re.M | (re.I if icase else 0))
                for t in texts:
                    m = rx.search(t)
                    if m:
                        start = max(0, m.start() - 200)
                        subject = t[start:start + 1500]
                        break
            except (re.error, OverflowError):
                pass
            if subject is None:
                subject = stable_pick(texts, p, 1)[0][:1500]
            seed = bytes([icase]) + p.encode() + b"\0" + subject.encode()
            tag = "p%03d-%s" % (len(seen), hashlib.sha1(seed).hexdigest()[:8])
            put("twin", tag, seed)
            put("prefilter", tag, seed)
            put("multi", tag, seed)


def seeds_attrs(paths):
    lines = [
        b"gen/** linguist-generated\n",
        b"third_party/** linguist-vendored\n*.pb.go linguist-generated=true\n",
        b"*.[jt]sx linguist-generated\n[abcdefgh].txt linguist-vendored\n",
        b"[attr]thirdparty linguist-vendored\nlib/** thirdparty\n",
        b"vendor/** linguist-vendored\n# a comment\n*.md -linguist-generated\n",
        b"deep/er/f0* linguist-generated\n",
        b"f1.txt linguist-generated\ne/g2.txt linguist-vendored\n",
        b"docs/**/*.md linguist-documentation\n*.min.js linguist-vendored binary\n",
        b"  src/n/** linguist-generated  \r\n",
    ]
    with open(os.path.join(TOP, "fixtures", "basic", ".gitattributes"), "rb") as f:
        lines.append(f.read())
    for i, text in enumerate(lines):
        picked = stable_pick(paths, text.decode(), 4)
        put("attrs", "a%02d" % i, text + b"\0" + b"\n".join(picked))


def seeds_loose(files):
    """Loose object files as git writes them: fixture blobs, a tree and a commit."""
    import zlib

    def obj(kind, body):
        return zlib.compress(b"%s %d\0" % (kind, len(body)) + body)

    for i, (name, path, data) in enumerate(files[::max(1, len(files) // 12)][:12]):
        put("loose", "blob%02d" % i, obj(b"blob", data))
    put("loose", "tree", obj(b"tree", b"100644 runbook.md\0" + bytes(range(20))))
    put("loose", "commit", obj(b"commit", b"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
                                          b"author F <f@proofgate.invalid> 1780315200 +0000\n\nfixture\n"))


def seeds_pack(fixtures):
    for name in sorted(os.listdir(fixtures)):
        d = os.path.join(fixtures, name, ".git", "objects", "pack")
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if not f.endswith(".idx"):
                continue
            with open(os.path.join(d, f), "rb") as fh:
                idx = fh.read()
            with open(os.path.join(d, f[:-4] + ".pack"), "rb") as fh:
                pack = fh.read()
            if len(idx) < 65536:
                put("pack", name, b"\0" + struct.pack("<H", len(idx)) + idx + pack)
    # git repack writes OFS_DELTA bases only: history's objects again as REF_DELTAs (pack-objects without
    # --delta-base-offset)
    repo = os.path.join(fixtures, "history")
    tmp = tempfile.mkdtemp(prefix="pgseeds-")
    try:
        subprocess.run(["git", "-C", repo, "pack-objects", "-q", "--no-reuse-delta", os.path.join(tmp, "p")],
                       input=git(repo, "rev-list", "--objects", "--all"), check=True, capture_output=True)
        base = [f[:-4] for f in os.listdir(tmp) if f.endswith(".idx")][0]
        with open(os.path.join(tmp, base + ".idx"), "rb") as fh:
            idx = fh.read()
        with open(os.path.join(tmp, base + ".pack"), "rb") as fh:
            pack = fh.read()
        put("pack", "history-ref", b"\0" + struct.pack("<H", len(idx)) + idx + pack)
    finally:
        shutil.rmtree(tmp)


def seeds_cache(fixtures, proofgate):
    tmp = tempfile.mkdtemp(prefix="pgseeds-")
    try:
        for name in ("basic", "layouts", "layouts-more", "ops-ready", "arabic", "near-miss"):
            subprocess.run([proofgate, "scan", "--cache", tmp, "--format", "json", os.path.join(fixtures, name)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        n = 0
        for root, _, files in os.walk(tmp):
            for f in sorted(files):
                with open(os.path.join(root, f), "rb") as fh:
                    seg = fh.read()
                if not f.startswith("seg-") or len(seg) > MAX_SEED:
                    continue
                n += 1
                put("cache", "seg%02d" % n, b"\0" + seg)
                seeds_treerec(seg, n)
    finally:
        shutil.rmtree(tmp)


def seeds_treerec(seg, n):
    """The folder records (they start with 'T' and a tree id) and blob facts among a segment's values."""
    nslen, count = struct.unpack_from("<IQ", seg, 12)
    index = 32 + nslen
    data = index + count * 28
    k = f = 0
    for i in range(count):
        off, length = struct.unpack_from("<II", seg, index + i * 28 + 20)
        val = seg[data + off:data + off + length]
        if val[:1] == b"T" and len(val) >= 21 and k < 12:
            k += 1
            put("treerec", "seg%02d-rec%02d" % (n, k), struct.pack("<H", 1023) + val)
        elif val[:1] == b"\x01" and f < 12:
            # a blob's facts (format 1, the first varint)
            f += 1
            put("facts", "seg%02d-facts%02d" % (n, f), struct.pack("<H", 1023) + val)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: tests/fuzz/make-corpus.py FIXTURES PROOFGATE")
    fixtures, proofgate = sys.argv[1], os.path.abspath(sys.argv[2])
    for t in ("rules", "config", "glob", "twin", "prefilter", "multi", "attrs", "pack", "cache", "treerec", "loose", "facts"):
        shutil.rmtree(os.path.join(CORPUS, t), ignore_errors=True)
    files = fixture_files(fixtures)
    paths = sorted({p for _, p, _ in files})
    texts = [d.decode("ascii") for _, _, d in files if d.isascii() and b"\0" not in d and len(d) > 20]
    packs = rule_packs()
    seeds_rules(packs)
    seeds_config()
    seeds_glob(packs, paths)
    seeds_patterns(packs, texts)
    seeds_attrs(paths)
    seeds_loose(files)
    seeds_pack(fixtures)
    seeds_cache(fixtures, proofgate)
    for t in sorted(os.listdir(CORPUS)):
        d = os.path.join(CORPUS, t)
        print("%-10s %4d seeds %8d bytes" % (t, len(os.listdir(d)),
                                              sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))))


if __name__ == "__main__":
    main()
