#!/usr/bin/env python3
"""gen.py OUT.git [SEED_FIXTURE] - builds the benchmark monorepo, deterministically.

Writes a bare repository OUT.git through one `git fast-import` stream, then
repacks it as `git gc` would (fast-import's own pack is not what real
repositories hold):

  base   the first commit: >= 200,000 files and >= 1 GB of text in the shape of a
         large monorepo (services with source trees, shared libraries, docs,
         vendored third-party code marked linguist-vendored, lock files, a few
         files over the 8 MiB content cap and some binaries), with the files of
         the seed fixture (fixtures/seed-v1) at the root, as the operations files
  main   a second commit on top that changes 1% of the files

Every byte comes from random.Random(SEED) and per-file seeds derived from the
path with crc32, and the authors and dates are fixed, so the object ids are
the same on every machine and every run.
"""
import os
import random
import shutil
import subprocess
import sys
import zlib

SEED = 20260601
DATE = "1780315200 +0000"  # 2026-06-01T12:00:00Z
DATE2 = "1780401600 +0000"  # a day later
WHO = "Proofgate Bench <bench@proofgate.invalid>"

# BENCH_SCALE=0.1 makes a tenth of it, for trying things quickly (not for the table)
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
SERVICES = 40
FILES_PER_SERVICE = int(3200 * SCALE)
LIBS = 25
FILES_PER_LIB = int(1600 * SCALE)
DOCS = int(12000 * SCALE)
VENDOR = int(32000 * SCALE)
CHANGED_FRACTION = 0.01

LANGS = {
    "go": ".go",
    "py": ".py",
    "ts": ".ts",
    "java": ".java",
    "rs": ".rs",
}


def words(rng, n):
    cons, vow = "bcdfghjklmnprstvwz", "aeiou"
    out = set()
    while len(out) < n:
        w = "".join(rng.choice(cons) + rng.choice(vow) for _ in range(rng.randint(2, 4)))
        out.add(w)
    return sorted(out)


def build_pools(rng):
    """Lines of each kind of file, built once; files pick from them."""
    vocab = words(rng, 4000)
    W = lambda: rng.choice(vocab)
    Cap = lambda: W().capitalize() + W().capitalize()
    sent = lambda k: " ".join(W() for _ in range(k))
    pools = {}
    go, py, ts, java, rs, md, yml, lock = [], [], [], [], [], [], [], []
    for _ in range(6000):
        go.append(rng.choice([
            f"func ({W()[0]} *{Cap()}) {Cap()}(ctx context.Context, {W()} {Cap()}) (*{Cap()}, error) {{",
            f"\tif err := {W()}.{Cap()}(ctx, {W()}); err != nil {{",
            f"\t\treturn nil, fmt.Errorf(\"{sent(3)}: %w\", err)",
            "\t}",
            "}",
            f"\t{W()} := make(map[string]{Cap()}, {rng.randint(1, 64)})",
            f"// {Cap()} {sent(rng.randint(4, 12))}.",
            f"\tfor _, {W()} := range {W()}.{Cap()} {{",
            f"\tlog.Printf(\"{sent(4)} %s\", {W()}.{Cap()})",
            f"\tr.HandleFunc(\"/api/{W()}\", h.{Cap()}).Methods(\"GET\")",
            "\tlogger, _ := zap.NewProduction()",
            f"\t{W()}.{Cap()} = {rng.randint(0, 100000)}",
            "",
        ]))
        py.append(rng.choice([
            f"def {W()}_{W()}(self, {W()}, {W()}={rng.randint(0, 99)}):",
            f"    \"\"\"{sent(rng.randint(5, 14)).capitalize()}.\"\"\"",
            f"    {W()} = self.{W()}.get(\"{W()}\", {rng.randint(0, 9)})",
            f"    if {W()} is None:",
            f"        raise {Cap()}Error(\"{sent(4)}\")",
            f"    return [{W()} for {W()} in {W()} if {W()}.{W()}]",
            f"class {Cap()}({Cap()}):",
            f"# {sent(rng.randint(4, 10))}",
            f"    logger.info(\"{sent(3)} %s\", {W()})",
            f"@app.route(\"/{W()}/<int:{W()}_id>\")",
            "import sentry_sdk",
            "log = structlog.get_logger()",
            "",
        ]))
        ts.append(rng.choice([
            f"export async function {W()}{Cap()}({W()}: {Cap()}): Promise<{Cap()}> {{",
            f"  const {W()} = await {W()}.{W()}({{ {W()}: {W()}, {W()}: {rng.randint(0, 999)} }});",
            f"  if (!{W()}) throw new Error(\"{sent(4)}\");",
            f"  return {W()}.map(({W()}) => {W()}.{W()});",
            "}",
            f"import {{ {Cap()} }} from \"../{W()}/{W()}\";",
            f"// {sent(rng.randint(4, 12))}",
            f"  {W()}.{W()} = `{sent(3)} ${{{W()}}}`;",
            f"app.get(\"/api/{W()}\", async (req, res) => res.json(await {W()}.{W()}()));",
            "import * as Sentry from \"@sentry/node\";",
            "const logger = pino({ level: process.env.LOG_LEVEL });",
            "",
        ]))
        java.append(rng.choice([
            f"    public {Cap()} {W()}{Cap()}(final {Cap()} {W()}) throws {Cap()}Exception {{",
            f"        final var {W()} = this.{W()}.{W()}({W()}, {rng.randint(0, 999)});",
            f"        if ({W()} == null) {{ throw new {Cap()}Exception(\"{sent(4)}\"); }}",
            f"        return {W()}.stream().map({Cap()}::{W()}).collect(Collectors.toList());",
            "    }",
            f"    /** {sent(rng.randint(5, 12)).capitalize()}. */",
            f"    private static final int {W().upper()}_{W().upper()} = {rng.randint(0, 9999)};",
            f"    @GetMapping(\"/{W()}/{{id}}\")",
            "",
        ]))
        rs.append(rng.choice([
            f"pub fn {W()}_{W()}(&self, {W()}: &{Cap()}) -> Result<{Cap()}, {Cap()}Error> {{",
            f"    let {W()} = self.{W()}.get(&{W()}).ok_or({Cap()}Error::{Cap()})?;",
            f"    Ok({Cap()} {{ {W()}, {W()}: {rng.randint(0, 999)} }})",
            "}",
            f"/// {sent(rng.randint(5, 12)).capitalize()}.",
            f"    for {W()} in {W()}.iter() {{ {W()}.push({W()}.clone()); }}",
            "",
        ]))
        md.append(rng.choice([
            f"## {sent(rng.randint(2, 5)).title()}",
            f"{sent(rng.randint(10, 25)).capitalize()}.",
            f"- {sent(rng.randint(3, 9))}",
            f"1. {sent(rng.randint(3, 9))}",
            f"See [{sent(2)}](../{W()}/{W()}.md) for {sent(4)}.",
            f"```\n{W()} {W()} --{W()}={rng.randint(1, 99)}\n```",
            f"Last reviewed {2019 + rng.randint(0, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} by {W()}.",
            "",
        ]))
        yml.append(rng.choice([
            f"{W()}:",
            f"  {W()}: {W()}-{rng.randint(0, 99)}",
            f"  - name: {W()}",
            f"    image: registry.example.invalid/{W()}/{W()}:{rng.randint(1, 9)}.{rng.randint(0, 30)}",
            f"    {W()}: \"{sent(2)}\"",
        ]))
        lock.append(
            f'    "node_modules/{W()}-{W()}": {{\n      "version": "{rng.randint(0, 12)}.{rng.randint(0, 40)}.{rng.randint(0, 30)}",\n'
            f'      "resolved": "https://registry.npmjs.invalid/{W()}/-/{W()}-{rng.randint(0, 9)}.tgz",\n'
            f'      "integrity": "sha512-{"".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(86))}=="\n    }},'
        )
    pools["go"], pools["py"], pools["ts"], pools["java"], pools["rs"] = go, py, ts, java, rs
    pools["md"], pools["yml"], pools["lock"] = md, yml, lock
    return pools, vocab


def file_rng(path, salt=0):
    return random.Random((zlib.crc32(path.encode()) << 8) ^ SEED ^ salt)


def text(pools, kind, path, mean, salt=0):
    """Deterministic text of about the lognormal size around mean bytes."""
    r = file_rng(path, salt)
    target = int(min(max(r.lognormvariate(0, 0.9) * mean * 0.67, 120), mean * 40))
    pool = pools[kind]
    out, size = [], 0
    while size < target:
        chunk = r.choices(pool, k=32)
        out.extend(chunk)
        size += sum(len(c) + 1 for c in chunk)
    # rare real-looking findings, so patterns have something to hit
    if r.random() < 0.002:
        out.insert(r.randrange(len(out)), "# TODO(security): rotate the staging token before release")
    if r.random() < 0.0005:
        out.insert(r.randrange(len(out)), 'aws_key = "AKIA' + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)) + '"')
    return ("\n".join(out) + "\n").encode()


def binary(path, size):
    r = file_rng(path, 7)
    return r.getrandbits(size * 8).to_bytes(size, "little")


class Stream:
    def __init__(self, proc):
        self.w = proc.stdin
        self.nfiles = 0
        self.nbytes = 0

    def data(self, b):
        self.w.write(b"data %d\n" % len(b))
        self.w.write(b)
        self.w.write(b"\n")

    def file(self, path, b, mode="100644"):
        self.w.write(("M %s inline %s\n" % (mode, path)).encode())
        self.data(b)
        self.nfiles += 1
        self.nbytes += len(b)


def layout(rng, vocab):
    """Every path of the first commit with how to make its bytes: (path, kind, arg)."""
    files = []
    pick = lambda: rng.choice(vocab)
    for s in range(SERVICES):
        svc = f"services/{pick()}-{s:02d}"
        lang = list(LANGS)[s % len(LANGS)]
        ext = LANGS[lang]
        # about 30 files a folder, as source trees have
        mods = [pick() for _ in range(12)]
        subs = [pick() for _ in range(9)]
        for i in range(FILES_PER_SERVICE):
            m = mods[i % len(mods)]
            sub = f"{subs[(i // 12) % len(subs)]}/" if i % 3 else ""
            base = "tests" if i % 9 == 0 else "src"
            files.append((f"{svc}/{base}/{m}/{sub}{pick()}_{i}{ext}", lang, 5200))
        files.append((f"{svc}/README.md", "md", 3000))
        files.append((f"{svc}/Dockerfile", "yml", 600))
        files.append((f"{svc}/deploy/values.yaml", "yml", 2500))
        files.append((f"{svc}/package-lock.json" if lang == "ts" else f"{svc}/deps.lock", "lock", 400000))
    for l in range(LIBS):
        lib = f"libs/{pick()}-{l:02d}"
        lang = list(LANGS)[(l + 2) % len(LANGS)]
        pkgs = [pick() for _ in range(40)]
        for i in range(FILES_PER_LIB):
            files.append((f"{lib}/src/{pkgs[i % len(pkgs)]}/{pick()}_{i}{LANGS[lang]}", lang, 5200))
    areas = [pick() for _ in range(30)]
    topics = [pick() for _ in range(12)]
    for i in range(DOCS):
        files.append((f"docs/{areas[i % len(areas)]}/{topics[(i // 30) % len(topics)]}/{pick()}_{i}.md", "md", 4000))
    for i in range(VENDOR):
        org = f"vendor/github.com/{vocab[i % 97]}/{vocab[1000 + i % 13]}"
        files.append((f"{org}/{pick()}_{i}.go", "go", 6000))
    for i in range(3):
        files.append((f"data/fixtures/dump-{i}.sql", "big", 12 << 20))
    for i in range(300):
        files.append((f"assets/img/{pick()}_{i}.png", "bin", 30000 + (i * 977) % 90000))
    files.append((".gitattributes", "attrs", 0))
    # paths are unique by construction (index suffixes); sort as git stores trees does not matter here
    return files


def main():
    out = sys.argv[1]
    seed_dir = sys.argv[2] if len(sys.argv) > 2 else None
    rng = random.Random(SEED)
    pools, vocab = build_pools(rng)
    files = layout(rng, vocab)
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", HOME=os.path.dirname(os.path.abspath(out)))
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", tmp], check=True, env=env)
    p = subprocess.Popen(["git", "-C", tmp, "fast-import", "--quiet", "--depth=10"], stdin=subprocess.PIPE, env=env)
    st = Stream(p)
    w = st.w
    w.write(b"commit refs/heads/main\nmark :1\n")
    w.write(("author %s %s\ncommitter %s %s\n" % (WHO, DATE, WHO, DATE)).encode())
    st.data(b"synthetic monorepo: first commit\n")
    for path, kind, arg in files:
        if kind == "big":
            r = file_rng(path, 3)
            line = "INSERT INTO events VALUES (%d, '%s');\n"
            b = "".join(line % (k, r.choice(vocab)) for k in range(arg // 40)).encode()
        elif kind == "bin":
            b = binary(path, arg)
        elif kind == "attrs":
            b = b"vendor/** linguist-vendored\n*.png binary\n"
        else:
            b = text(pools, kind, path, arg)
        st.file(path, b)
    seeded = []
    if seed_dir and os.path.isdir(seed_dir):
        for root, dirs, names in os.walk(seed_dir):
            dirs.sort()
            for n in sorted(names):
                full = os.path.join(root, n)
                rel = os.path.relpath(full, seed_dir)
                if os.path.islink(full) or not os.path.isfile(full):
                    continue
                mode = "100755" if os.access(full, os.X_OK) else "100644"
                with open(full, "rb") as f:
                    st.file(rel, f.read(), mode)
                seeded.append(rel)
    total_files, total_bytes = st.nfiles, st.nbytes
    # the second commit: 1% of the files, spread over the tree, edited
    crng = random.Random(SEED + 1)
    textual = [f for f in files if f[1] not in ("big", "bin", "attrs")]
    changed = sorted(crng.sample(range(len(textual)), int(len(textual) * CHANGED_FRACTION)))
    w.write(b"commit refs/heads/main\nmark :2\n")
    w.write(("author %s %s\ncommitter %s %s\n" % (WHO, DATE2, WHO, DATE2)).encode())
    st.data(b"synthetic monorepo: change 1% of the files\n")
    w.write(b"from :1\n")
    for i in changed:
        path, kind, arg = textual[i]
        b = text(pools, kind, path, arg) + text(pools, kind, path, 400, salt=99)
        st.file(path, b)
    w.write(b"reset refs/heads/base\nfrom :1\n\n")
    w.close()
    if p.wait() != 0:
        sys.exit("gen.py: git fast-import failed")
    subprocess.run(["git", "-C", tmp, "symbolic-ref", "HEAD", "refs/heads/main"], check=True, env=env)
    # fast-import deltas each blob against the one written before it, an unrelated
    # file here: chains of ten deltas that no real repository has.  As git's manual
    # for fast-import advises, repack, so the pack is what `git gc` or a clone from
    # a server gives: whole blobs, and deltas between versions of the same file.
    # One thread: the same pack on every machine.
    subprocess.run(["git", "-C", tmp, "-c", "pack.threads=1", "-c", "repack.writeBitmaps=false",
                    "repack", "-a", "-d", "-f", "-q"], check=True, env=env)
    shutil.rmtree(out, ignore_errors=True)
    os.rename(tmp, out)
    print("gen.py: %s: %d files, %.2f GB in the first commit (%d from %s), %d changed in the second"
          % (out, total_files, total_bytes / 1e9, len(seeded), seed_dir or "no seed fixture", len(changed)))


if __name__ == "__main__":
    main()
