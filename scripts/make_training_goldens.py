#!/usr/bin/env python3
"""Golden values for modeltop's built-in trainer, from scikit-learn's LogisticRegression.

For each case, rows are read from fixtures/digits/*.csv (csv module + float(), correctly
rounded), split with sklearn.model_selection.train_test_split(indices, test_size=0.2,
stratify=target, random_state=0), standardised with StandardScaler fitted on the training rows
(population std, as modeltop), and fitted with LogisticRegression(C=1.0, max_iter=1000)
(lbfgs, multinomial softmax, L2 penalty ½‖W‖², unpenalised intercept).

Written to fixtures/goldens/training_digits.json, per case:
  train_indices, holdout_indices   0-based row indices into the concatenated files
  accuracy, f1_macro               sklearn.metrics on the holdout rows
  objective                        the fitted model's (1/n)·Σ CE + ‖W‖²/(2·C·n) on the standardised
                                   training rows (the same minimiser as sklearn's C·Σ CE + ½‖W‖²)
  holdout_predictions              predicted labels (text) of the holdout rows, in holdout order
  n_iter                           sklearn's iteration count

Run from the repository root:  .venv/bin/python scripts/make_training_goldens.py
"""

import csv
import json
import os

import numpy as np
from scipy.special import logsumexp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
C = 1.0


def read(name):
    with open(os.path.join(ROOT, "fixtures", "digits", name), newline="") as handle:
        rows = list(csv.DictReader(handle))
    features = [key for key in rows[0] if key.startswith("PCA_")]
    x = np.array([[float(row[key]) for key in features] for row in rows])
    y = np.array([row["target"] for row in rows])
    return features, x, y


def objective(model, x, y):
    scores = x @ model.coef_.T + model.intercept_
    truth = np.searchsorted(model.classes_, y)
    cross_entropy = logsumexp(scores, axis=1) - scores[np.arange(len(y)), truth]
    n = len(y)
    return float(cross_entropy.sum() / n + (model.coef_ ** 2).sum() / (2 * C * n))


def case(files):
    parts = [read(name) for name in files]
    features = parts[0][0]
    x = np.vstack([part[1] for part in parts])
    y = np.concatenate([part[2] for part in parts])
    indices = np.arange(len(y))
    train, holdout = train_test_split(indices, test_size=0.2, stratify=y, random_state=0)
    train, holdout = np.sort(train), np.sort(holdout)
    scaler = StandardScaler().fit(x[train])
    model = LogisticRegression(C=C, max_iter=1000).fit(scaler.transform(x[train]), y[train])
    predicted = model.predict(scaler.transform(x[holdout]))
    return {
        "files": files,
        "features": features,
        "train_indices": train.tolist(),
        "holdout_indices": holdout.tolist(),
        "accuracy": float(accuracy_score(y[holdout], predicted)),
        "f1_macro": float(f1_score(y[holdout], predicted, average="macro")),
        "objective": objective(model, scaler.transform(x[train]), y[train]),
        "n_iter": int(model.n_iter_[0]),
        "holdout_predictions": predicted.tolist(),
    }


def main():
    golden = {
        "reference": case(["ref_data.csv"]),
        "reference_plus_production": case(["ref_data.csv", "prod_data.csv"]),
    }
    path = os.path.join(ROOT, "fixtures", "goldens", "training_digits.json")
    with open(path, "w") as handle:
        json.dump(golden, handle, indent=1, sort_keys=True)
        handle.write("\n")
    for name, values in golden.items():
        print(f"{name}: accuracy {values['accuracy']:.4f}, macro F1 {values['f1_macro']:.4f}, "
              f"objective {values['objective']:.6f}, n_iter {values['n_iter']}")


if __name__ == "__main__":
    main()
