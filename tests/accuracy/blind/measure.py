#!/usr/bin/env python3
"""measure.py LABELS REPORTS [--list]: agreement, precision and recall of `pass` for a blind set.

LABELS is the labellers' TSV (repo, rule, label, strength, evidence, why; docs/testing.md);
REPORTS a folder of proofgate JSON reports named OWNER+NAME.json (scan.sh writes them).
Any outcome but `pass` counts as not passing (an `error` too). --list prints each
disagreement: FP (proofgate passes, the label fails) or MISS, with the label's strength."""
import json
import os
import sys


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    labels = {}
    with open(argv[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            labels[(c[0], c[1])] = (c[2].strip(), c[3].strip() if len(c) > 3 else "", c[4] if len(c) > 4 else "")
    tp = fp = fn = tn = 0
    rows = []
    for repo in sorted({r for r, _ in labels}):
        path = os.path.join(argv[2], repo.replace("/", "+") + ".json")
        with open(path, encoding="utf-8") as f:
            got = {r["id"]: r["outcome"] for r in json.load(f)["rules"]}
        for (r, rule), (label, strength, evidence) in sorted(labels.items()):
            if r != repo:
                continue
            outcome = got.get(rule, "absent")
            says, agrees = outcome == "pass", label == "pass"
            if says and agrees:
                tp += 1
            elif says:
                fp += 1
                rows.append(("FP", repo, rule, outcome, label, strength, evidence))
            elif agrees:
                fn += 1
                rows.append(("MISS", repo, rule, outcome, label, strength, evidence))
            else:
                tn += 1
    n = tp + fp + fn + tn
    print(f"outcomes {n} tp {tp} fp {fp} fn {fn} tn {tn}")
    print(f"agreement {(tp + tn) / n:.3f} precision {tp / max(1, tp + fp):.3f} recall {tp / max(1, tp + fn):.3f}")
    if "--list" in argv:
        for row in rows:
            print("\t".join(row))


if __name__ == "__main__":
    main(sys.argv)
