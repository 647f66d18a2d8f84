#!/usr/bin/env python3
"""fixtures/goldens/fleet_quality.json: scikit-learn's accuracy and macro F1 on
fixtures/digits/prod_data.csv, the data set scripts/fleet-prometheus.py splits between two
replicas. The fleet's figures (summed confusion counters, the shipped recording rules and
`modeltop fleet`) must equal these on the two halves together.

Run with the goldens venv (scripts/requirements-goldens.txt): .venv/bin/python scripts/make_fleet_goldens.py
"""
import json
import pathlib

import pandas as pd
import sklearn
from sklearn.metrics import accuracy_score, f1_score

ROOT = pathlib.Path(__file__).resolve().parent.parent
prod = pd.read_csv(ROOT / "fixtures" / "digits" / "prod_data.csv")
labelled = prod[prod["target"].notna()]
truth = labelled["target"].astype(int).astype(str)
predicted = labelled["prediction"].astype(int).astype(str)
golden = {
    "source": "fixtures/digits/prod_data.csv",
    "sklearn": sklearn.__version__,
    "rows": int(len(labelled)),
    "accuracy": accuracy_score(truth, predicted),
    "f1_macro": f1_score(truth, predicted, average="macro"),
}
out = ROOT / "fixtures" / "goldens" / "fleet_quality.json"
out.write_text(json.dumps(golden, indent=2) + "\n")
print(json.dumps(golden))
