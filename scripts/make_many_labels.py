#!/usr/bin/env python3
"""Writes the label-cardinality benchmark (issue 13): a production file of about 10 MB whose
`target` has 100,000 distinct values (free text, one per row) and whose `prediction` has as
many, against a reference of 2,000 rows with 10 classes. Deterministic.
Usage: python3 scripts/make_many_labels.py [OUT_DIR]   (default bench-data/labels)"""
import os
import random
import sys

DIMS = 8


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(5)
    header = ",".join(f"emb_{k + 1}" for k in range(DIMS))
    with open(os.path.join(out_dir, "ref_data.csv"), "w") as f:
        f.write(header + ",target\n")
        for _ in range(2000):
            f.write(",".join(f"{rng.gauss(0, 1):.6f}" for _ in range(DIMS)) + f",{rng.randrange(10)}\n")
    with open(os.path.join(out_dir, "prod_data.csv"), "w") as f:
        f.write(header + ",target,prediction\n")
        for i in range(100_000):
            f.write(",".join(f"{rng.gauss(0, 1):.6f}" for _ in range(DIMS)) + f",label-{i},label-{(i * 7919) % 100_000}\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join("bench-data", "labels"))
