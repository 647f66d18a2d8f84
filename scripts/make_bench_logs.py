#!/usr/bin/env python3
"""Writes a large, deterministic prediction log for the operations benchmark.

  python3 scripts/make_bench_logs.py [N] [OUT_DIR]   (defaults: 1000000, bench-data/logs)

N request lines of ~300 bytes (ts, id, latency_ms, prediction, 10 probs, status) into
OUT_DIR/predictions.jsonl, and for ~70% of them a feedback line {"id", "target"} written a
little later in the stream. No pixels or embeddings. Standard library only, seeded.
"""

import json
import math
import os
import random
import sys


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join("bench-data", "logs")
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(20261122)
    t0 = 1_795_000_000.0
    pending = []  # (due index, feedback line)
    path = os.path.join(out_dir, "predictions.jsonl")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for i in range(n):
            truth = rng.randrange(10)
            prediction = truth if rng.random() < 0.85 else rng.randrange(10)
            logits = [rng.gauss(0.0, 1.0) for _ in range(10)]
            logits[prediction] += rng.uniform(2.0, 9.0)
            top = max(logits)
            exps = [math.exp(v - top) for v in logits]
            total = sum(exps)
            probs = [e / total for e in exps]
            r = rng.random()
            status = 200 if r < 0.96 else (429 if r < 0.975 else 503)
            request = {"ts": round(t0 + i * 0.05, 3), "id": f"req-{i:07d}",
                       "latency_ms": round(rng.lognormvariate(2.3, 0.35), 3),
                       "prediction": prediction, "probs": probs, "status": status}
            f.write(json.dumps(request) + "\n")
            if rng.random() < 0.7:
                pending.append((i + rng.randrange(1, 200), json.dumps({"id": request["id"], "target": truth})))
            while pending and pending[0][0] <= i:
                f.write(pending.pop(0)[1] + "\n")
        for _, line in pending:
            f.write(line + "\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
