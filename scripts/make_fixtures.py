#!/usr/bin/env python3
"""Build the digits fixtures for modeltop from scikit-learn's bundled digits.

Outputs (all under fixtures/digits/):
  digits.csv      all 1797 images of sklearn.datasets.load_digits(): id,label,p0..p63
  ref_data.csv    reference embeddings: PCA_1..PCA_16,target (898 rows, ascending digits id)
  prod_data.csv   production with drift (899 rows, fixed shuffled order)
  prod_clean.csv  the same production images/order without any drift transformation
  pca.json        the fitted PCA (mean, components, explained_variance_ratio) for `modeltop demo`

Run from the repository root:
  .venv/bin/python scripts/make_fixtures.py

Everything is seeded; re-running produces byte-identical files.
"""

import os
import sys

import numpy as np
from scipy import ndimage
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "digits")

SPLIT_SEED = 20240601       # stratified 50/50 split
SHUFFLE_SEED = 7            # production order
DRIFT_SEED = 11             # pixel noise
LATENCY_SEED = 23           # latency_ms
N_COMPONENTS = 16
CLEAN_FRACTION = 0.40       # first 40% of production rows are unchanged
MAX_ANGLE = 35.0            # degrees, reached at the last row
MAX_SIGMA = 2.0             # Gaussian pixel noise sigma, reached at the last row
T0 = 1795000000             # first timestamp (Unix seconds)
DT = 60                     # seconds between requests

PCA_COLS = [f"PCA_{k}" for k in range(1, N_COMPONENTS + 1)]
PROBA_COLS = [f"proba_{k}" for k in range(10)]
PROD_HEADER = ["id", "timestamp"] + PCA_COLS + ["target", "prediction", "confidence", "latency_ms"] + PROBA_COLS


def fmt(x):
    """Shortest round-trip float text (Python repr) or plain int."""
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    return repr(float(x))


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(fmt(v) if not isinstance(v, str) else v for v in row) + "\n")


def psi_quantile(ref, prod):
    inner = np.quantile(ref, np.arange(1, 10) / 10.0)
    r = np.bincount(np.searchsorted(inner, ref, side="right"), minlength=10) / len(ref)
    p = np.bincount(np.searchsorted(inner, prod, side="right"), minlength=10) / len(prod)
    r = np.where(r == 0, 1e-4, r)
    p = np.where(p == 0, 1e-4, p)
    return float(np.sum((p - r) * np.log(p / r)))


def write_pca(path, pca):
    """The fitted PCA as JSON, so `modeltop demo` embeds new images exactly as the fixtures were.

    Swift applies it as (x - mean) . components^T; floats are written as repr (shortest round-trip).
    """
    import json
    doc = {
        "mean": [float(v) for v in pca.mean_],
        "components": [[float(v) for v in row] for row in pca.components_],
        "explained_variance_ratio": [float(v) for v in pca.explained_variance_ratio_],
    }
    with open(path, "w", newline="", encoding="utf-8") as f:
        f.write(json.dumps(doc) + "\n")


def drift_schedule(n):
    """Per-row (angle_deg, sigma) for a production set of n rows."""
    start = int(np.floor(CLEAN_FRACTION * n))
    sched = []
    for i in range(n):
        if i < start:
            sched.append((0.0, 0.0))
        else:
            t = (i - start + 1) / (n - start)    # in (0, 1], 1 at the last row
            sched.append((MAX_ANGLE * t, MAX_SIGMA * t))
    return start, sched


def fit_reference_model(X, y, ref_idx):
    """The fixtures' model: PCA, then logistic regression, fitted on the reference images only."""
    pca = PCA(n_components=N_COMPONENTS, svd_solver="full", random_state=0)
    Z_ref = pca.fit_transform(X[ref_idx])
    clf = LogisticRegression(max_iter=10000, random_state=0)
    clf.fit(Z_ref, y[ref_idx])
    if clf.n_iter_.max() >= clf.max_iter:
        sys.exit("LogisticRegression did not converge")
    return pca, Z_ref, clf


def main():
    os.makedirs(OUT, exist_ok=True)
    digits = load_digits()
    X = digits.data.astype(np.float64)          # (1797, 64), values 0..16
    y = digits.target.astype(np.int64)
    n_all = X.shape[0]

    # digits.csv
    write_csv(
        os.path.join(OUT, "digits.csv"),
        ["id", "label"] + [f"p{k}" for k in range(64)],
        [[i, int(y[i])] + [int(v) for v in digits.data[i]] for i in range(n_all)],
    )

    # stratified 50/50 split on indices
    idx = np.arange(n_all)
    ref_idx, prod_idx = train_test_split(idx, test_size=0.5, stratify=y, random_state=SPLIT_SEED, shuffle=True)
    ref_idx = np.sort(ref_idx)                      # reference rows in ascending digits id
    rng_shuffle = np.random.default_rng(SHUFFLE_SEED)
    prod_idx = rng_shuffle.permutation(np.sort(prod_idx))   # fixed shuffled production order

    # embedding + classifier fitted on the reference images only
    pca, Z_ref, clf = fit_reference_model(X, y, ref_idx)

    write_pca(os.path.join(OUT, "pca.json"), pca)

    write_csv(
        os.path.join(OUT, "ref_data.csv"),
        PCA_COLS + ["target"],
        [list(Z_ref[i]) + [int(y[ref_idx[i]])] for i in range(len(ref_idx))],
    )

    # production images: clean and drifted
    n_prod = len(prod_idx)
    X_clean = X[prod_idx]
    start, sched = drift_schedule(n_prod)
    rng_noise = np.random.default_rng(DRIFT_SEED)
    X_drift = X_clean.copy()
    for i, (angle, sigma) in enumerate(sched):
        if i < start:
            continue
        img = X_clean[i].reshape(8, 8)
        rot = ndimage.rotate(img, angle, reshape=False, order=1)
        noisy = rot + rng_noise.normal(0.0, sigma, size=(8, 8))
        X_drift[i] = np.clip(noisy, 0.0, 16.0).reshape(64)

    rng_lat = np.random.default_rng(LATENCY_SEED)
    latency = [round(float(v), 3) for v in rng_lat.lognormal(mean=2.3, sigma=0.35, size=n_prod)]

    def prod_rows(Xp):
        Z = pca.transform(Xp)
        proba = clf.predict_proba(Z)
        classes = clf.classes_
        pred = classes[np.argmax(proba, axis=1)]
        rows = []
        for i in range(n_prod):
            rows.append(
                [f"req-{int(prod_idx[i])}", T0 + DT * i]
                + list(Z[i])
                + [int(y[prod_idx[i]]), int(pred[i]), float(np.max(proba[i])), latency[i]]
                + list(proba[i])
            )
        return Z, pred, rows

    Z_drift, pred_drift, rows_drift = prod_rows(X_drift)
    Z_clean, pred_clean, rows_clean = prod_rows(X_clean)
    assert np.array_equal(pred_clean, clf.predict(Z_clean))
    write_csv(os.path.join(OUT, "prod_data.csv"), PROD_HEADER, rows_drift)
    write_csv(os.path.join(OUT, "prod_clean.csv"), PROD_HEADER, rows_clean)

    # summary + sanity checks
    y_prod = y[prod_idx]
    ref_acc = float(np.mean(clf.predict(Z_ref) == y[ref_idx]))
    psi_d = [psi_quantile(Z_ref[:, k], Z_drift[:, k]) for k in range(N_COMPONENTS)]
    psi_c = [psi_quantile(Z_ref[:, k], Z_clean[:, k]) for k in range(N_COMPONENTS)]
    n_drift_d = sum(v >= 0.1 for v in psi_d)
    n_drift_c = sum(v >= 0.1 for v in psi_c)
    acc_clean = float(np.mean(pred_clean == y_prod))
    acc_drift = float(np.mean(pred_drift == y_prod))
    acc_head = float(np.mean(pred_drift[:start] == y_prod[:start]))
    acc_tail = float(np.mean(pred_drift[start:] == y_prod[start:]))
    last = n_prod - (n_prod - start) // 3
    acc_last = float(np.mean(pred_drift[last:] == y_prod[last:]))
    print(f"reference rows: {len(ref_idx)}  production rows: {n_prod}  drift starts at row {start}")
    print(f"PCA explained variance (16 comps): {float(np.sum(pca.explained_variance_ratio_)):.4f}")
    print(f"classifier: LogisticRegression n_iter={int(clf.n_iter_.max())}  train accuracy={ref_acc:.4f}")
    print("PSI (quantile) per dim, prod_data :", " ".join(f"{v:.3f}" for v in psi_d))
    print("PSI (quantile) per dim, prod_clean:", " ".join(f"{v:.3f}" for v in psi_c))
    print(f"dims with PSI >= 0.1: prod_data {n_drift_d}/16, prod_clean {n_drift_c}/16")
    print(f"accuracy prod_clean: {acc_clean:.4f}   prod_data: {acc_drift:.4f}")
    print(f"prod_data accuracy: first {start} rows (undrifted) {acc_head:.4f}, "
          f"drifted rows {acc_tail:.4f}, last third of drifted rows {acc_last:.4f}")
    if n_drift_d < 3:
        sys.exit("expected drift on several PCA dims in prod_data.csv")
    if not acc_tail < acc_head:
        sys.exit("expected lower accuracy in the drifted part")


if __name__ == "__main__":
    main()
