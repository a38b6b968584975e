#!/usr/bin/env python3
"""How far two labellers of the same BBC stories agree on their countries.

    python3 scripts/label_agreement.py eval/bbc/dev-labels.tsv eval/bbc/second-labeller-9.tsv

Both files have the columns of eval/bbc/labels.tsv. Over the stories both label, the second
file's `about` and `mentioned` countries are scored against the first's, micro-averaged over
(story, country) pairs as `eval` scores newsdex: the ceiling a reader's own agreement sets.
"""

import sys


def read(path):
    labels = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            labels[cols[0]] = [{c for c in col.split(";") if c} for col in cols[1:3]]
    return labels


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    first, second = read(sys.argv[1]), read(sys.argv[2])
    stories = sorted(first.keys() & second.keys())
    print(f"{len(stories)} stories labelled by both")
    for k, name in enumerate(["about", "mentioned"]):
        both = sum(len(first[s][k] & second[s][k]) for s in stories)
        only_first = sum(len(first[s][k] - second[s][k]) for s in stories)
        only_second = sum(len(second[s][k] - first[s][k]) for s in stories)
        same = sum(first[s][k] == second[s][k] for s in stories)
        print(
            f"{name}: P {both / (both + only_second):.3f} R {both / (both + only_first):.3f} "
            f"({both} in both, {only_first} only in the first, {only_second} only in the second); "
            f"same list in {same} of {len(stories)} stories"
        )


if __name__ == "__main__":
    main()
