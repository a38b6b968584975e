#!/usr/bin/env python3
"""Train newsdex's about-decision (src/extract/place/about.rs) on labelled development stories.

    cargo run --release --example eval -- ../shared/corpora/reuters21578 \
        --dump-about /tmp/about-dev.tsv ../shared/corpora/bbc eval/languages
    python3 scripts/train_about.py /tmp/about-dev.tsv [--write data/about-model.tsv]

The dump holds one row per (development story, country it names) with the story's label
(`about` 1/0) and the features the place reader computes. Rows with `reachable` 0 are
labelled countries the story never names: no decision can find them, but recall counts them.

A logistic regression (scikit-learn) is fitted with each collection weighted equally
(Reuters wire copy, BBC stories, the multilingual set), whatever its number of rows, so
that 16,000 Reuters rows do not drown 500 BBC ones. Stories under a dateline (wire copy)
and stories without one share the weights but each has its own decision threshold. The
figures are first measured by 5-fold cross-validation grouped by story, beside the rules'
own choice (`rule_*`), for each collection and both kinds of story; the model is then
fitted on every row and written with each threshold folded into its bias (`bias`,
`bias_dateline`). Held-out stories are never in the dump: `eval` judges the result.
"""

import argparse
import csv
import math
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

RULES = ["rule_dateline", "rule_headline", "rule_lead", "rule_repeated", "rule_fallback"]


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        rows = list(reader)
    features = header[5:]
    corpus = np.array([r[0].split("-")[0] for r in rows])
    story = np.array([r[0] + "/" + r[1] for r in rows])
    y = np.array([int(r[3]) for r in rows])
    reachable = np.array([int(r[4]) for r in rows]) == 1
    x = np.array([[float(v) for v in r[5:]] for r in rows])
    return features, corpus, story, y, reachable, x


def logit(p):
    return math.log(p / (1 - p))


def story_has_dateline(story, has_dateline):
    """Whether each row's story has a dateline (rows of unnamed countries hold zeros)."""
    with_dateline = {s for s, h in zip(story, has_dateline) if h > 0}
    return np.array([s in with_dateline for s in story])


def weights(corpus, shares):
    w = np.zeros(len(corpus))
    for name, share in shares.items():
        mask = corpus == name
        if mask.any():
            w[mask] = share / mask.sum()
    return w * len(corpus) / w.sum()


def scores(pred, y, mask):
    tp = int(((pred == 1) & (y == 1) & mask).sum())
    fp = int(((pred == 1) & (y == 0) & mask).sum())
    fn = int(((pred == 0) & (y == 1) & mask).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, tp, fp, fn


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dump")
    ap.add_argument("--write", help="write the fitted model to this file")
    ap.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    ap.add_argument("--threshold", type=float, default=0.45,
                    help="probability to call a country about, in a story without a dateline")
    ap.add_argument("--dateline-threshold", type=float, default=0.25,
                    help="the same under a dateline")
    ap.add_argument("--shares", default="reuters=1,bbc=1,lang=1", help="weight of each collection")
    args = ap.parse_args()

    features, corpus, story, y, reachable, x = read(args.dump)
    shares = {k: float(v) for k, v in (s.split("=") for s in args.shares.split(","))}
    w = weights(corpus, shares)
    rules = (x[:, [features.index(f) for f in RULES]].sum(axis=1) > 0).astype(int)

    fit_rows = reachable
    cv = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x, y, story):
        train = train[fit_rows[train]]
        model = LogisticRegression(C=args.c, max_iter=5000)
        model.fit(x[train], y[train], sample_weight=w[train])
        cv[test] = model.predict_proba(x[test])[:, 1]
    cv[~reachable] = 0.0
    dateline = story_has_dateline(story, x[:, features.index("has_dateline")])
    threshold = np.where(dateline, args.dateline_threshold, args.threshold)
    pred = (cv >= threshold).astype(int)

    print("collection | rules P / R | model (5-fold CV) P / R | tp / fp / fn")
    groups = {}
    for name in ["reuters", "bbc", "lang"]:
        groups[name] = corpus == name
        groups[f"{name}, dateline"] = (corpus == name) & dateline
        groups[f"{name}, none"] = (corpus == name) & ~dateline
    for name, mask in groups.items():
        rp, rr, *_ = scores(rules, y, mask)
        mp, mr, tp, fp, fn = scores(pred, y, mask)
        print(f"{name} | {rp:.3f} / {rr:.3f} | {mp:.3f} / {mr:.3f} | {tp} / {fp} / {fn}")

    model = LogisticRegression(C=args.c, max_iter=5000)
    model.fit(x[fit_rows], y[fit_rows], sample_weight=w[fit_rows])
    # Each threshold becomes part of the linear score, in its bias.
    coef = dict(zip(features, (float(c) for c in model.coef_[0])))
    bias = float(model.intercept_[0]) - logit(args.threshold)
    bias_dateline = float(model.intercept_[0]) - logit(args.dateline_threshold)
    print("\nweights:")
    for name, value in sorted(coef.items(), key=lambda t: -abs(t[1])):
        print(f"  {name:28} {value:+.3f}")
    if args.write:
        with open(args.write, "w", encoding="utf-8") as f:
            f.write("# The about-decision's weights (src/extract/place/about.rs): a story is about a\n")
            f.write("# country when bias + sum(weight * feature) >= 0. Written by scripts/train_about.py\n")
            f.write(f"# (C={args.c}, thresholds {args.threshold} and {args.dateline_threshold} under a dateline,\n")
            f.write(f"# shares {args.shares}) from the development\n")
            f.write(f"# stories of `eval --dump-about`: {len(set(story))} stories, {int(fit_rows.sum())} rows.\n")
            f.write(f"bias\t{bias:.6f}\n")
            f.write(f"bias_dateline\t{bias_dateline:.6f}\n")
            for name, value in coef.items():
                f.write(f"{name}\t{value:.6f}\n")
        print(f"written to {args.write}", file=sys.stderr)


if __name__ == "__main__":
    main()
