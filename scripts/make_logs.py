#!/usr/bin/env python3
"""Build modeltop's prediction-log fixtures (FORMATS.md section 3) from the digits split.

Outputs:
  fixtures/logs/predictions.jsonl.1        older ~60 % of the lines (the rotated file)
  fixtures/logs/predictions.jsonl          the rest (newest file)
  fixtures/logs_dirty/predictions.jsonl.1  same lines + 3 garbage lines
  fixtures/logs_dirty/predictions.jsonl    same lines + 2 garbage lines, last line cut half-way (no LF)

The model is the one of make_fixtures.py (same split, PCA and LogisticRegression, same seeds);
the requests are the 899 production images in make_fixtures.py's production order, cycled.
Every number in a request line is computed by that model from the line's own `pixels`
(drifted requests: from the rotated + noisy, re-quantised image).

Run from the repository root:
  .venv/bin/python scripts/make_logs.py

Everything is seeded; re-running produces byte-identical files.
"""

import csv
import json
import os
import sys

import numpy as np
from scipy import ndimage
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import SHUFFLE_SEED, SPLIT_SEED, fit_reference_model  # noqa: E402  (same model)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "logs")
OUT_DIRTY = os.path.join(ROOT, "fixtures", "logs_dirty")
DIGITS = os.path.join(ROOT, "fixtures", "digits")

N_REQUESTS = 3000
T0 = 1795000000.0            # ts of req-000001
DT = 2.0                     # seconds between requests

# Episodes (1-based request numbers, inclusive)
SPIKE = (1000, 1150)         # latency x 8
SPIKE_FACTOR = 8.0
BURST_5XX = (1500, 1580)     # status 503
DRIFT = (2000, 2400)         # rotated 25..40 degrees + Gaussian noise
DRIFT_ANGLE = (25.0, 40.0)
DRIFT_SIGMA = 2.0
P_4XX = 0.01                 # status 422 anywhere outside the 5xx burst

FEEDBACK_LAST = int(0.8 * N_REQUESTS)   # requests after this one never get feedback (lagging labels)
P_FEEDBACK = 0.875                      # among requests 1..FEEDBACK_LAST -> ~70 % of all requests
FEEDBACK_DELAY = (30.0, 600.0)          # seconds after the request
ROTATED_SHARE = 0.6                     # share of lines in predictions.jsonl.1

# Seeds
LATENCY_SEED = 31
STATUS_SEED = 37
DRIFT_SEED = 41
FEEDBACK_SEED = 43
KEYS_SEED = 47


def build_model():
    """Exactly make_fixtures.py's split / PCA / classifier / production order."""
    digits = load_digits()
    X = digits.data.astype(np.float64)
    y = digits.target.astype(np.int64)
    idx = np.arange(X.shape[0])
    ref_idx, prod_idx = train_test_split(idx, test_size=0.5, stratify=y, random_state=SPLIT_SEED, shuffle=True)
    ref_idx = np.sort(ref_idx)
    prod_idx = np.random.default_rng(SHUFFLE_SEED).permutation(np.sort(prod_idx))
    pca, _, clf = fit_reference_model(X, y, ref_idx)
    assert list(clf.classes_) == list(range(10))
    return digits, X, y, prod_idx, pca, clf


def check_same_model(prod_idx, pca, clf, X):
    """The model must reproduce fixtures/digits/prod_clean.csv bit for bit."""
    with open(os.path.join(DIGITS, "prod_clean.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    pcols = [header.index(f"proba_{k}") for k in range(10)]
    proba = clf.predict_proba(pca.transform(X[prod_idx]))
    for i, row in enumerate(rows):
        assert row[0] == f"req-{int(prod_idx[i])}"
        if [float(row[c]) for c in pcols] != [float(v) for v in proba[i]]:
            sys.exit(f"model differs from fixtures/digits/prod_clean.csv at row {i}")


def in_range(n, rng_pair):
    return rng_pair[0] <= n <= rng_pair[1]


def main():
    digits, X, y, prod_idx, pca, clf = build_model()
    check_same_model(prod_idx, pca, clf, X)
    n_prod = len(prod_idx)

    # ---- images: production images cycled; drift episode rotated + noisy, re-quantised to ints
    img_idx = np.array([prod_idx[(n - 1) % n_prod] for n in range(1, N_REQUESTS + 1)])
    pixels = digits.data[img_idx].astype(np.int64).copy()      # (N, 64), ints 0..16
    labels = y[img_idx]
    rng_drift = np.random.default_rng(DRIFT_SEED)
    angles = {}
    for n in range(DRIFT[0], DRIFT[1] + 1):
        angle = float(rng_drift.uniform(*DRIFT_ANGLE))
        img = pixels[n - 1].astype(np.float64).reshape(8, 8)
        rot = ndimage.rotate(img, angle, reshape=False, order=1)
        noisy = rot + rng_drift.normal(0.0, DRIFT_SIGMA, size=(8, 8))
        pixels[n - 1] = np.clip(np.rint(noisy), 0, 16).astype(np.int64).reshape(64)
        angles[n] = angle

    Z = pca.transform(pixels.astype(np.float64))
    proba = clf.predict_proba(Z)
    pred = clf.classes_[np.argmax(proba, axis=1)]

    # ---- latency, status
    rng_lat = np.random.default_rng(LATENCY_SEED)
    lat_raw = rng_lat.lognormal(mean=2.3, sigma=0.35, size=N_REQUESTS)
    latency = []
    for n in range(1, N_REQUESTS + 1):
        v = float(lat_raw[n - 1])
        if in_range(n, SPIKE):
            v *= SPIKE_FACTOR
        latency.append(round(v, 3))
    rng_status = np.random.default_rng(STATUS_SEED)
    u_status = rng_status.random(N_REQUESTS)
    status = []
    for n in range(1, N_REQUESTS + 1):
        if in_range(n, BURST_5XX):
            status.append(503)
        elif u_status[n - 1] < P_4XX and n != N_REQUESTS:   # keep the newest line a 200
            status.append(422)
        else:
            status.append(200)

    # ---- lines: (ts, kind, seq, dict); kind 0 = request, 1 = feedback (ties: request first)
    events = []
    for n in range(1, N_REQUESTS + 1):
        ts = T0 + DT * (n - 1)
        rid = f"req-{n:06d}"
        if status[n - 1] >= 500:
            # 5xx: the contract requires `prediction`, so a failed request still logs the label the
            # model produced (the failure is after inference, e.g. the response could not be sent);
            # no probs / embedding / pixels.
            obj = {"ts": ts, "id": rid, "latency_ms": latency[n - 1],
                   "prediction": int(pred[n - 1]), "status": status[n - 1]}
        else:
            obj = {"ts": ts, "id": rid, "latency_ms": latency[n - 1], "prediction": int(pred[n - 1]),
                   "probs": [float(v) for v in proba[n - 1]], "status": status[n - 1],
                   "embedding": [float(v) for v in Z[n - 1]], "pixels": [int(v) for v in pixels[n - 1]]}
        events.append((ts, 0, n, obj))

    rng_fb = np.random.default_rng(FEEDBACK_SEED)
    u_fb = rng_fb.random(N_REQUESTS)
    delay = rng_fb.uniform(*FEEDBACK_DELAY, size=N_REQUESTS)
    labelled = set()
    for n in range(1, FEEDBACK_LAST + 1):
        if u_fb[n - 1] < P_FEEDBACK:
            ts = round(T0 + DT * (n - 1) + float(delay[n - 1]), 3)
            events.append((ts, 1, n, {"ts": ts, "id": f"req-{n:06d}", "target": int(labels[n - 1])}))
            labelled.add(n)
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    assert events[-1][1] == 0 and events[-1][2] == N_REQUESTS

    rng_keys = np.random.default_rng(KEYS_SEED)
    lines = []
    for _, _, _, obj in events:
        keys = list(obj.keys())
        order = rng_keys.permutation(len(keys))
        lines.append(json.dumps({keys[i]: obj[keys[i]] for i in order}, allow_nan=False))

    n_old = int(ROTATED_SHARE * len(lines))
    old, new = lines[:n_old], lines[n_old:]

    def write(path, ls, cut_last=False):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for i, line in enumerate(ls):
                if cut_last and i == len(ls) - 1:
                    f.write(line[: len(line) // 2])        # a writer caught mid-line: no LF
                else:
                    f.write(line + "\n")
        print(f"wrote {os.path.relpath(path, ROOT)} ({len(ls)} lines, {os.path.getsize(path)} bytes)")

    os.makedirs(OUT, exist_ok=True)
    write(os.path.join(OUT, "predictions.jsonl.1"), old)
    write(os.path.join(OUT, "predictions.jsonl"), new)

    # ---- dirty copy: garbage inserted so that it lands on these 1-based line numbers
    garbage_old = [(101, "not json"), (1001, "[1,2,3]"), (1501, "x" * 204800)]
    garbage_new = [(51, '{"ts": "yesterday", "prediction": 3}'), (801, '{"prediction": 3}')]

    def insert(ls, garbage):
        out = list(ls)
        for line_no, text in garbage:          # ascending, so earlier inserts already counted
            out.insert(line_no - 1, text)
        return out

    os.makedirs(OUT_DIRTY, exist_ok=True)
    write(os.path.join(OUT_DIRTY, "predictions.jsonl.1"), insert(old, garbage_old))
    write(os.path.join(OUT_DIRTY, "predictions.jsonl"), insert(new, garbage_new), cut_last=True)

    # ---- summary
    def conf_of(ns):
        return np.array([float(np.max(proba[n - 1])) for n in ns if status[n - 1] < 500])

    ok = [n for n in range(1, N_REQUESTS + 1)]
    drift_ns = list(range(DRIFT[0], DRIFT[1] + 1))
    other_ns = [n for n in ok if not in_range(n, DRIFT)]
    acc = lambda ns: float(np.mean([pred[n - 1] == labels[n - 1] for n in ns]))  # noqa: E731
    print(f"requests {N_REQUESTS}, feedback lines {len(labelled)} ({len(labelled) / N_REQUESTS:.1%}), "
          f"lines {len(lines)}: {len(old)} in .1, {len(new)} in newest")
    print(f"status: 503 x{status.count(503)}, 422 x{status.count(422)} at "
          f"{[n for n in ok if status[n - 1] == 422]}")
    print(f"low_share(<0.9): drift episode {float(np.mean(conf_of(drift_ns) < 0.9)):.4f}, "
          f"elsewhere {float(np.mean(conf_of(other_ns) < 0.9)):.4f}")
    print(f"accuracy: drift episode {acc(drift_ns):.4f}, elsewhere {acc(other_ns):.4f}; "
          f"drift angles {min(angles.values()):.1f}..{max(angles.values()):.1f}")
    if not float(np.mean(conf_of(drift_ns) < 0.9)) > 2 * float(np.mean(conf_of(other_ns) < 0.9)):
        sys.exit("expected the drift episode to lower the confidence")


if __name__ == "__main__":
    main()
