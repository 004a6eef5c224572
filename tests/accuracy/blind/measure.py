#!/usr/bin/env python3
"""measure.py LABELS REPORTS [--list] [--second LABELS2]: agreement, precision and recall of `pass`
for a blind set.

LABELS is the labellers' TSV (repo, rule, label, strength, evidence, why; docs/testing.md);
REPORTS a folder of proofgate JSON reports named OWNER+NAME.json (scan.sh writes them).
Any outcome but `pass` counts as not passing (an `error` too). The figures are printed for every
outcome and for those the label marks strong. --list prints each disagreement: FP (proofgate
passes, the label fails) or MISS, with the label's strength.

--second LABELS2 is a second, independent labelling of the same repositories. Then also: how
often the two labellers agree; the second scored against the first as if it were the tool (what
the figures can say at best: a tool can disagree with one engineer as much as another engineer
does); proofgate against the second; and proofgate on the outcomes both labellers agree on."""
import json
import os
import sys


def read_labels(path):
    labels = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            labels[(c[0], c[1])] = (c[2].strip(), c[3].strip() if len(c) > 3 else "", c[4] if len(c) > 4 else "")
    return labels


def read_outcomes(reports, repos):
    got = {}
    for repo in repos:
        path = os.path.join(reports, repo.replace("/", "+") + ".json")
        with open(path, encoding="utf-8") as f:
            for r in json.load(f)["rules"]:
                got[(repo, r["id"])] = r["outcome"]
    return got


def score(says, truth, keys):
    """Counts of says (passes or not) against truth over keys: tp, fp, fn, tn."""
    tp = fp = fn = tn = 0
    for k in keys:
        s, t = says(k), truth(k)
        tp += s and t
        fp += s and not t
        fn += t and not s
        tn += not s and not t
    return tp, fp, fn, tn


def line(name, c):
    tp, fp, fn, tn = c
    n = max(1, tp + fp + fn + tn)
    return (f"{name}: outcomes {tp + fp + fn + tn} agreement {(tp + tn) / n:.3f} "
            f"precision {tp / max(1, tp + fp):.3f} recall {tp / max(1, tp + fn):.3f}")


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    labels = read_labels(argv[1])
    keys = sorted(labels)
    got = read_outcomes(argv[2], sorted({r for r, _ in labels}))
    tool = lambda k: got.get(k, "absent") == "pass"
    first = lambda k: labels[k][0] == "pass"
    tp, fp, fn, tn = score(tool, first, keys)
    n = tp + fp + fn + tn
    print(f"outcomes {n} tp {tp} fp {fp} fn {fn} tn {tn}")
    print(f"agreement {(tp + tn) / n:.3f} precision {tp / max(1, tp + fp):.3f} recall {tp / max(1, tp + fn):.3f}")
    print(line("strong labels", score(tool, first, [k for k in keys if labels[k][1] == "strong"])))
    if "--second" in argv:
        second_labels = read_labels(argv[argv.index("--second") + 1])
        both = [k for k in keys if k in second_labels]
        second = lambda k: second_labels[k][0] == "pass"
        agree = [k for k in both if labels[k][0] == second_labels[k][0]]
        print(f"labellers agree on {len(agree)} of {len(both)} ({len(agree) / max(1, len(both)):.3f}); "
              f"both strong on {sum(labels[k][1] == second_labels[k][1] == 'strong' for k in both)}")
        print(line("the second labeller scored against the first", score(second, first, both)))
        print(line("proofgate against the second", score(tool, second, both)))
        print(line("proofgate where both labellers agree", score(tool, first, agree)))
    if "--list" in argv:
        for k in keys:
            outcome, (label, strength, evidence) = got.get(k, "absent"), labels[k]
            if (outcome == "pass") != (label == "pass"):
                print("\t".join(("FP" if outcome == "pass" else "MISS", k[0], k[1], outcome, label, strength, evidence)))


if __name__ == "__main__":
    main(sys.argv)
