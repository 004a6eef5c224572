#!/usr/bin/env python3
"""run.py - measures the built-in pack on realistic fixture repositories.

    tests/accuracy/run.py --pg build/release/proofgate [--out DIR] [--quiet]

Each folder of tests/accuracy/fixtures/ is a small repository of one stack, written
for this harness (not copied from any project).  fixtures/build.sh turns them into
git repositories under DIR (fixed authors and dates, so reports are stable), and
proofgate scans each with the built-in pack.  tests/accuracy/expected/NAME.tsv
holds the outcome a release engineer expects for every built-in rule on NAME
(rule, pass or fail, and why).

Printed: precision and recall of `pass` and agreement, per rule and overall,
then every outcome that differs from the expected one.  Exit status 1 when any
outcome differs, a rule has no expected outcome, or an expected rule is not in
the report; 2 on a usage or build error.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def read_expected(path):
    """rule -> (outcome, why) from a TSV file; '#' lines are comments."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2 or cols[1] not in ("pass", "fail"):
                sys.exit(f"{path}:{n}: expected 'RULE<TAB>pass|fail<TAB>why'")
            if cols[0] in out:
                sys.exit(f"{path}:{n}: {cols[0]} listed twice")
            out[cols[0]] = (cols[1], cols[2] if len(cols) > 2 else "")
    return out


def ratio(a, b):
    return f"{a / b:.2f}" if b else "  - "


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pg", required=True, help="the proofgate binary")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "accuracy"), help="where the repositories are built")
    ap.add_argument("--quiet", action="store_true", help="print only the totals and the differences")
    args = ap.parse_args()

    repos_dir = os.path.join(HERE, "fixtures")
    names = sorted(n for n in os.listdir(repos_dir) if os.path.isdir(os.path.join(repos_dir, n)))
    build = subprocess.run([os.path.join(ROOT, "fixtures", "build.sh"), args.out, repos_dir],
                           capture_output=True, text=True)
    if build.returncode:
        print(build.stderr, file=sys.stderr)
        return 2

    rules_seen = None
    rows = []  # (repo, rule, expected, got, why, detail)
    problems = []
    for name in names:
        exp_path = os.path.join(HERE, "expected", name + ".tsv")
        if not os.path.exists(exp_path):
            problems.append(f"{name}: no expected outcomes ({os.path.relpath(exp_path, ROOT)})")
            continue
        expected = read_expected(exp_path)
        scan = subprocess.run([args.pg, "scan", "--no-cache", "--format", "json", os.path.join(args.out, name)],
                              capture_output=True, text=True)
        if scan.returncode not in (0, 1):
            print(scan.stderr, file=sys.stderr)
            return 2
        report = json.loads(scan.stdout)
        got = {r["id"]: r for r in report["rules"]}
        rules_seen = rules_seen or [r["id"] for r in report["rules"]]
        for rule in got:
            if rule not in expected:
                problems.append(f"{name}: {rule} has no expected outcome")
        for rule, (want, why) in expected.items():
            if rule not in got:
                problems.append(f"{name}: {rule} is expected but not in the report")
                continue
            r = got[rule]
            if r["outcome"] == "pass":
                detail = ", ".join(f"{e['path']}:{e['line']}" if e.get("line") else e["path"]
                                   for e in r["evidence"][:3]) or r.get("message", "")
            else:
                detail = r.get("message", "").split("\n")[0]
            rows.append((name, rule, want, r["outcome"], why, detail))

    def stats(sel):
        tp = sum(1 for x in sel if x[3] == "pass" and x[2] == "pass")
        fp = sum(1 for x in sel if x[3] == "pass" and x[2] != "pass")
        fn = sum(1 for x in sel if x[3] != "pass" and x[2] == "pass")
        agree = sum(1 for x in sel if x[3] == x[2])
        return tp, fp, fn, agree, len(sel)

    if not args.quiet:
        print(f"{'rule':32} {'precision':>9} {'recall':>7} {'agree':>6}   tp fp fn")
        for rule in rules_seen or []:
            tp, fp, fn, agree, n = stats([x for x in rows if x[1] == rule])
            print(f"{rule:32} {ratio(tp, tp + fp):>9} {ratio(tp, tp + fn):>7} {ratio(agree, n):>6}  {tp:3} {fp:2} {fn:2}")
    tp, fp, fn, agree, n = stats(rows)
    print(f"accuracy: {len(names)} repositories, {n} outcomes: precision(pass) {ratio(tp, tp + fp)}, "
          f"recall(pass) {ratio(tp, tp + fn)}, agreement {ratio(agree, n)} (tp {tp}, fp {fp}, fn {fn})")

    diffs = [x for x in rows if x[2] != x[3]]
    for repo, rule, want, outcome, why, detail in diffs:
        print(f"DIFF {repo}: {rule} is {outcome}, expected {want} ({why or 'no note'}): {detail}")
    for p in problems:
        print(f"PROBLEM {p}")
    return 1 if diffs or problems else 0


if __name__ == "__main__":
    sys.exit(main())
