#!/usr/bin/env python3
"""realcode.py OUT.git [MANIFEST] - builds the real-code benchmark repository, deterministically.

The synthetic monorepo (gen.py) seldom holds the words the rule pack looks for, so its
prefilter skips most matching; real code does not. This corpus is real published code:
successive released versions of widely used npm packages (sources, docs, type definitions,
bundles), the ones pinned in bench/realcode.txt by the registry's sha512 integrity.

- Tarballs are fetched once with `npm pack NAME@VERSION` into build/bench/npm/ and checked
  against the pinned integrity (a mismatch stops the build: the corpus would differ).
- Round r (0..6) takes each package's r-th version in manifest order; each package version is
  one commit replacing packages/NAME/ with the tarball's contents, so the history has one
  commit per package version (252) and the pack holds real deltas between versions.
- Authors and dates are fixed (one minute apart), paths sorted, modes kept (executables,
  symlinks), so every object id is the same on every machine.
- Then repacked as `git repack -a -d -f` with one thread, so the pack is the same too.

Refs: `main` (the last commit), `base` (the end of the round before the last: `main` is the
next version of every package), `half` (the end of round 3), `log` = main (200 first-parent
commits back from it reach into round 1).
"""
import base64
import hashlib
import io
import os
import subprocess
import sys
import tarfile

DATE0 = 1780315200  # 2026-06-01T12:00:00Z
WHO = b"Proofgate Bench <bench@proofgate.invalid>"


def read_manifest(path):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, version, integrity = line.split()
            rows.append((name, version, integrity))
    return rows


def tarball_path(cache, name, version):
    # npm pack names @scope/pkg as scope-pkg-VERSION.tgz
    return os.path.join(cache, "%s-%s.tgz" % (name.lstrip("@").replace("/", "-"), version))


def fetch(cache, rows):
    missing = [(n, v) for n, v, _ in rows if not os.path.exists(tarball_path(cache, n, v))]
    # a few dozen specs per npm call: one process start for many tarballs
    for i in range(0, len(missing), 40):
        specs = ["%s@%s" % nv for nv in missing[i:i + 40]]
        print("realcode.py: npm pack %d tarballs" % len(specs), file=sys.stderr)
        subprocess.run(["npm", "pack", "--silent", "--pack-destination", cache] + specs,
                       check=True, stdout=subprocess.DEVNULL)
    for n, v, integ in rows:
        algo, want = integ.split("-", 1)
        with open(tarball_path(cache, n, v), "rb") as f:
            got = base64.b64encode(hashlib.new(algo, f.read()).digest()).decode()
        if got != want:
            sys.exit("realcode.py: %s@%s does not match its pinned integrity" % (n, v))


def files_of(tgz):
    """[(path, mode, data)] of a package tarball, the top folder stripped, sorted by path."""
    out = {}
    with tarfile.open(tgz, "r:gz") as t:
        for m in t.getmembers():
            parts = m.name.split("/", 1)
            if len(parts) < 2 or not parts[1] or ".." in parts[1].split("/"):
                continue
            path = parts[1].strip("/")
            if m.isfile():
                data = t.extractfile(m).read()
                mode = b"100755" if m.mode & 0o111 else b"100644"
            elif m.issym():
                data, mode = m.linkname.encode(), b"120000"
            else:
                continue
            out[path] = (mode, data)
    return sorted((p, md[0], md[1]) for p, md in out.items())


def build(out, cache, rows):
    order, versions = [], {}
    for n, v, _ in rows:
        if n not in versions:
            order.append(n)
            versions[n] = []
        versions[n].append(v)
    rounds = max(len(v) for v in versions.values())
    if os.path.exists(out):
        subprocess.run(["rm", "-rf", out], check=True)
    subprocess.run(["git", "init", "-q", "--bare", out], check=True)
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null")
    fi = subprocess.Popen(["git", "-C", out, "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE, env=env)
    w = fi.stdin
    mark, n = 0, 0
    marks = {}
    for r in range(rounds):
        for name in order:
            if r >= len(versions[name]):
                continue
            ver = versions[name][r]
            when = b"%d +0000" % (DATE0 + 60 * n)
            w.write(b"commit refs/heads/main\n")
            mark += 1
            w.write(b"mark :%d\n" % mark)
            w.write(b"author " + WHO + b" " + when + b"\ncommitter " + WHO + b" " + when + b"\n")
            msg = ("%s %s" % (name, ver)).encode()
            w.write(b"data %d\n%s\n" % (len(msg), msg))
            top = ("packages/%s" % name).encode()
            w.write(b"D " + top + b"\n")
            for path, mode, data in files_of(tarball_path(cache, name, ver)):
                w.write(b"M " + mode + b" inline " + top + b"/" + path.encode() + b"\n")
                w.write(b"data %d\n" % len(data) + data + b"\n")
            n += 1
        marks[r] = mark
    w.write(b"reset refs/heads/base\nfrom :%d\n\n" % marks[rounds - 2])
    w.write(b"reset refs/heads/half\nfrom :%d\n\n" % marks[rounds // 2])
    w.write(b"done\n")
    w.close()
    if fi.wait() != 0:
        sys.exit("realcode.py: git fast-import failed")
    subprocess.run(["git", "-C", out, "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    subprocess.run(["git", "-C", out, "-c", "pack.threads=1", "repack", "-a", "-d", "-f", "-q"], check=True, env=env)
    subprocess.run(["git", "-C", out, "prune-packed"], check=True)
    print("realcode.py: %d commits, %d packages, %d rounds" % (n, len(order), rounds), file=sys.stderr)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    manifest = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "realcode.txt")
    cache = os.path.join(os.path.dirname(os.path.abspath(out)), "npm")
    os.makedirs(cache, exist_ok=True)
    rows = read_manifest(manifest)
    fetch(cache, rows)
    build(out, cache, rows)


if __name__ == "__main__":
    main()
