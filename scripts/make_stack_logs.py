#!/usr/bin/env python3
"""Writes fixtures/logs_stack/: prediction logs as real serving stacks write them.

Most lines come from the drop-in logger (docs/serving/modeltop_logging.py): request lines,
failed requests with a null prediction, feedback. The rest are written the ways other loggers
do, each a case modeltop once got wrong:
  * float labels (`"prediction": 3.0`, `"target": "3.0"`), as pandas and numpy hand them over;
  * `timestamp` as an ISO-8601 string, `probabilities` for `probs`, `latency` for `latency_ms`;
  * pixels as nested rows (8 x 8) on a 0-16 scale;
  * feedback lines that repeat the request's `prediction` and `ts` besides `target`;
  * a request logged twice with one id (a retry), and a key nobody defined (`model_version`),
    and a misspelt one (`probabilites`).
Deterministic (seeded, fixed clock). Run from the repository root:
  python3 scripts/make_stack_logs.py
"""
import csv
import json
import os
import random
import shutil
import sys
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "docs", "serving"))
from modeltop_logging import PredictionLog  # noqa: E402

START = 1795000000.0


def main():
    rng = random.Random(12)
    with open(os.path.join(ROOT, "fixtures", "digits", "ref_data.csv"), newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    dims = [i for i, h in enumerate(header) if h != "target"]
    out_dir = os.path.join(ROOT, "fixtures", "logs_stack")
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    path = os.path.join(out_dir, "predictions.jsonl")
    log = PredictionLog(path)
    raw = open(path, "a")  # the hand-written variants, between the logger's lines

    def softmax_probs(label):
        p = [rng.random() * 0.02 for _ in range(10)]
        p[label] = 1.0 - sum(p) + p[label]
        return p

    for k in range(400):
        ts = START + k * 1.5
        row = data[k % len(data)]
        truth = int(row[header.index("target")])
        shift = 0.0 if k < 200 else 1.5  # drift in the second half
        emb = [float(row[i]) + shift for i in dims]
        pred = truth if rng.random() < 0.85 else rng.randrange(10)
        probs = softmax_probs(pred)
        rid = f"req-{k:04d}"
        kind = k % 10
        if k % 25 == 7:
            log.error(id=rid, status=rng.choice([500, 503, 422]), latency_ms=rng.uniform(1, 5), ts=ts)
            continue
        pixels = [[rng.randrange(17) for _ in range(8)] for _ in range(8)]
        if kind == 3:
            # Another logger: ISO time, float labels, other spellings, nested pixels, an extra key.
            iso = datetime.fromtimestamp(ts, tz=timezone.utc).isoformat().replace("+00:00", "Z")
            raw.write(json.dumps({"timestamp": iso, "prediction": float(pred), "probabilities": probs,
                                  "latency": round(rng.uniform(5, 20), 3), "id": rid, "status": 200,
                                  "embedding": emb, "pixels": pixels, "model_version": "v3"}) + "\n")
            raw.flush()
        elif kind == 6:
            raw.write(json.dumps({"ts": ts, "prediction": pred, "probabilites": probs, "id": rid,
                                  "latency_ms": round(rng.uniform(5, 20), 3), "embedding": emb}) + "\n")
            raw.flush()
        else:
            log.request(id=rid, prediction=pred, probs=probs, latency_ms=rng.uniform(5, 20),
                        embedding=emb, pixels=[v for r in pixels for v in r], ts=ts)
        if k % 3 == 0:
            if kind in (0, 3):
                # Feedback that repeats its request's fields, with a float target as text.
                raw.write(json.dumps({"id": rid, "target": f"{truth}.0", "prediction": pred, "ts": ts + 30}) + "\n")
                raw.flush()
            else:
                log.feedback(id=rid, target=truth)
        if k == 150:
            # A retry logged the same request again.
            log.request(id=rid, prediction=pred, probs=probs, latency_ms=9.0, ts=ts + 0.5)
    raw.close()
    log.close()
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
