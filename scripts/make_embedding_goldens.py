#!/usr/bin/env python3
"""Goldens for the whole-embedding drift tests (issue 17), computed by the peers themselves.

Two embeddings of the same digits:
  pca    fixtures/digits: the course stack's PCA, fitted on the reference itself, so the
         reference's standardised dimensions are uncorrelated with equal variance and every
         direction explains as much as any other. NannyML's 65% subspace is then decided by
         rounding (numpy's eigh and scikit-learn's PCA disagree by 4% on the same rows), so its
         reconstruction figures are recorded but cannot be matched; modeltop says so instead.
  layer  fixtures/embedding/layer_*.csv: the same rows through a fixed random layer,
         tanh(W z / 8) with a seeded 16×16 W, as a network's hidden layer would embed them:
         correlated dimensions, a well-defined PCA, figures that any exact solver reproduces.
For each embedding, four production sets against its reference:
  clean, gradual (prod_data.csv: rotation and noise growing over the last 60% of rows),
  shuffled     the clean set with dimension 1 shuffled across rows: every column keeps its
               values (so every per-dimension test passes), the clusters break;
  correlated   the clean set with dimension 1's values re-ordered to follow dimension 2's ranks:
               the marginals are unchanged, a rank correlation appears.
Files written: fixtures/embedding/{prod_shuffled,prod_correlated}.csv (PCA) and
fixtures/embedding/layer_{ref,clean,gradual,shuffled,correlated}.csv, and
fixtures/goldens/embedding_drift.json with, for each embedding and set:
  - NannyML 0.13.1's DataReconstructionDriftCalculator (defaults, chunk_size = len(ref) // 10 on
    both sides as NannyML's DefaultChunker gives the reference): components, thresholds, and per
    chunk the value, sampling error, band and alert; and the whole production as one chunk;
  - Evidently's mmd() (legacy embedding_drift_methods): its drift score, and MMD2u itself with
    the same kernel (Evidently clips the score at 0).

Run from the repository root (in a venv with nannyml==0.13.1 and evidently):
  .venv/bin/python scripts/make_embedding_goldens.py
"""
import json, logging, os, warnings

import numpy as np
import pandas as pd

logging.disable(logging.CRITICAL)
warnings.filterwarnings("ignore")

import nannyml as nml
from sklearn.metrics import pairwise_distances, pairwise_kernels

try:
    from evidently.legacy.metrics.data_drift.embedding_drift_methods import mmd, MMD2u
except ImportError:  # evidently < 0.7
    from evidently.metrics.data_drift.embedding_drift_methods import mmd, MMD2u

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIGITS = os.path.join(ROOT, "fixtures", "digits")
OUT = os.path.join(ROOT, "fixtures", "embedding")
SEED = 17


def joint_sets(clean, first, second):
    rng = np.random.default_rng(SEED)
    shuffled = clean.copy()
    shuffled[first] = rng.permutation(clean[first].to_numpy())
    correlated = clean.copy()
    ranks = np.argsort(np.argsort(clean[second].to_numpy(), kind="stable"), kind="stable")
    correlated[first] = np.sort(clean[first].to_numpy())[ranks]
    return shuffled, correlated


LAYER_SEED = 29


def layer(frame, dims):
    """A fixed random hidden layer over the PCA values, keeping every other column."""
    w = np.random.default_rng(LAYER_SEED).normal(size=(len(dims), len(dims)))
    h = np.tanh(frame[dims].to_numpy() @ w.T / 8.0)
    out = frame.drop(columns=dims)
    names = [f"layer_{k}" for k in range(1, len(dims) + 1)]
    for k, name in enumerate(names):
        out.insert(k + (1 if "timestamp" in frame.columns else 0) + (1 if "id" in frame.columns else 0), name, h[:, k])
    return out, names


def write_like(frame, path):
    # the same layout as the fixture it came from; floats as Python's repr (shortest round trip)
    frame.to_csv(path, index=False, float_format=None)


def reconstruction(ref, prod, dims):
    size = len(ref) // 10
    calc = nml.DataReconstructionDriftCalculator(column_names=dims, chunk_size=size)
    calc.fit(ref[dims])
    result = calc.calculate(prod[dims]).to_df()
    def rows(period):
        part = result[result[("chunk", "period")] == period]
        return [
            {
                "first_row": int(r[("chunk", "start_index")]),
                "rows": int(r[("chunk", "end_index")] - r[("chunk", "start_index")] + 1),
                "error": float(r[("reconstruction_error", "value")]),
                "sampling_error": float(r[("reconstruction_error", "sampling_error")]),
                "upper_band": float(r[("reconstruction_error", "upper_confidence_boundary")]),
                "lower_band": float(r[("reconstruction_error", "lower_confidence_boundary")]),
                "alert": bool(r[("reconstruction_error", "alert")]),
            }
            for _, r in part.iterrows()
        ]
    whole_calc = nml.DataReconstructionDriftCalculator(column_names=dims, chunk_size=size)
    whole_calc.fit(ref[dims])
    whole_calc.chunker = nml.chunk.SizeBasedChunker(chunk_size=len(prod))
    whole = whole_calc.calculate(prod[dims]).filter(period="analysis").to_df()
    return {
        "chunk_size": size,
        "components": int(calc._pca.n_components_),
        "lower_threshold": calc.lower_threshold_value,
        "upper_threshold": float(calc.upper_threshold_value),
        "reference_chunks": rows("reference"),
        "chunks": rows("analysis"),
        "whole": {
            "error": float(whole[("reconstruction_error", "value")].iloc[0]),
            "sampling_error": float(whole[("reconstruction_error", "sampling_error")].iloc[0]),
            "alert": bool(whole[("reconstruction_error", "alert")].iloc[0]),
        },
    }


def evidently_mmd(ref, prod, dims):
    x, y = ref[dims].reset_index(drop=True), prod[dims].reset_index(drop=True)
    assert len(x) <= 1000 and len(y) <= 1000, "Evidently samples above 1,000 rows; keep the sets small"
    score, drifted, _ = mmd()(y.copy(), x.copy())
    sigma2 = np.median(pairwise_distances(x, y, metric="euclidean")) ** 2
    K = pairwise_kernels(np.vstack([x, y]), metric="rbf", gamma=1.0 / sigma2)
    return {"score": float(score), "drifted_at_0_015": bool(drifted), "mmd2u": float(MMD2u(K, len(x), len(y))),
            "bandwidth_squared": float(sigma2)}


def read(path):
    return pd.read_csv(os.path.join(ROOT, path), float_precision="round_trip")


def check_marginals(name, frame, clean, dims):
    for d in dims:
        assert np.array_equal(np.sort(frame[d].to_numpy()), np.sort(clean[d].to_numpy())), (name, d)


def main():
    os.makedirs(OUT, exist_ok=True)
    ref = read("fixtures/digits/ref_data.csv")
    dims = [c for c in ref.columns if c.startswith("PCA_")]
    clean = read("fixtures/digits/prod_clean.csv")
    gradual = read("fixtures/digits/prod_data.csv")
    shuffled, correlated = joint_sets(clean, "PCA_1", "PCA_2")
    write_like(shuffled, os.path.join(OUT, "prod_shuffled.csv"))
    write_like(correlated, os.path.join(OUT, "prod_correlated.csv"))
    layer_ref, names = layer(ref, dims)
    layer_clean, _ = layer(clean, dims)
    layer_gradual, _ = layer(gradual, dims)
    layer_shuffled, layer_correlated = joint_sets(layer_clean, "layer_1", "layer_2")
    for name, frame in [("ref", layer_ref), ("clean", layer_clean), ("gradual", layer_gradual),
                        ("shuffled", layer_shuffled), ("correlated", layer_correlated)]:
        write_like(frame, os.path.join(OUT, f"layer_{name}.csv"))
    embeddings = {
        "pca": ("fixtures/digits/ref_data.csv", dims, {
            "clean": "fixtures/digits/prod_clean.csv", "gradual": "fixtures/digits/prod_data.csv",
            "shuffled": "fixtures/embedding/prod_shuffled.csv", "correlated": "fixtures/embedding/prod_correlated.csv"}),
        "layer": ("fixtures/embedding/layer_ref.csv", names, {
            s: f"fixtures/embedding/layer_{s}.csv" for s in ["clean", "gradual", "shuffled", "correlated"]}),
    }
    goldens = {"nannyml": nml.__version__, "embeddings": {}}
    for embedding, (ref_path, columns, sets) in embeddings.items():
        # read back what was written, so the goldens describe the bytes the tests read
        reference = read(ref_path)
        clean_set = read(sets["clean"])
        entry = {"reference": ref_path, "sets": {}}
        for name, path in sets.items():
            prod = read(path)
            if name in ("shuffled", "correlated"):
                check_marginals(name, prod, clean_set, columns)
            entry["sets"][name] = {"production": path, "reconstruction": reconstruction(reference, prod, columns),
                                   "mmd": evidently_mmd(reference, prod, columns)}
        goldens["embeddings"][embedding] = entry
    with open(os.path.join(ROOT, "fixtures", "goldens", "embedding_drift.json"), "w") as f:
        json.dump(goldens, f, indent=1)
        f.write("\n")
    for embedding, entry in goldens["embeddings"].items():
        for name, g in entry["sets"].items():
            r = g["reconstruction"]
            print(f"{embedding:6s} {name:11s} components {r['components']} whole {r['whole']['error']:.4f} "
                  f"alert {r['whole']['alert']} chunks alerting {sum(c['alert'] for c in r['chunks'])}/{len(r['chunks'])}"
                  f"  mmd2u {g['mmd']['mmd2u']:.5f}")


if __name__ == "__main__":
    main()
