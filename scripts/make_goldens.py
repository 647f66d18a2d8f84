#!/usr/bin/env python3
"""Compute golden values for modeltop's Swift statistics from the reference libraries.

Reads fixtures/digits/*.csv (written by make_fixtures.py) with the csv module and float()
(correctly rounded), and writes pretty, sorted-key JSON to fixtures/goldens/:

  digits_report.json        ref_data.csv vs prod_data.csv   (`modeltop report --format json` schema)
  digits_clean_report.json  ref_data.csv vs prod_clean.csv
  stat_cases.json           KS / PSI / Evidently PSI / normed Wasserstein on hand-made edge cases
  ks_pvalues.json           scipy ks_2samp p-values as a function of (n1, n2, D)
  quality_cases.json        scikit-learn classification metrics on hand-made label sets

Which library function produced which number:
  ks_statistic, ks_pvalue   scipy.stats.ks_2samp(ref, prod)            (method='auto', two-sided)
  ks_pvalue_bh              scipy.stats.false_discovery_control(p, method='bh'), across one data set's dims
  psi                       psi_quantile() below (modeltop's default PSI, numpy only)
  psi_evidently             evidently.legacy.calculations.stattests.psi_stat_test(
                                ref_series, prod_series, ColumnType.Numerical, 0.1).drift_score
                            (dispatches to evidently.legacy.calculations.stattests.psi._psi with n_bins=30,
                             which calls evidently.legacy.calculations.stattests.utils.get_binned_data)
  wasserstein_norm          scipy.stats.wasserstein_distance(ref, prod) / max(np.std(ref), 0.001), cross-checked
                            against evidently.legacy.calculations.stattests.wasserstein_stat_test(
                                ref_series, prod_series, ColumnType.Numerical, 0.1).drift_score
                            (dispatches to ...stattests.wasserstein_distance_norm._wasserstein_distance_norm)
  quality                   sklearn.metrics accuracy_score, balanced_accuracy_score,
                            precision_recall_fscore_support(average=None|'macro'|'weighted',
                            labels=L, zero_division=0), confusion_matrix(labels=L)

NaN and +-inf are removed from a dimension before any of its statistics (Evidently's own data-drift
pipeline does the same: `column.replace([-np.inf, np.inf], np.nan).dropna()`).

Run from the repository root:  .venv/bin/python scripts/make_goldens.py
"""

import csv
import json
import math
import os
import re
import sys
import warnings

import numpy as np
import pandas as pd
import scipy.stats as st
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix,
                             precision_recall_fscore_support)

from evidently.legacy.calculations.stattests import psi_stat_test, wasserstein_stat_test
from evidently.legacy.core import ColumnType

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIGITS = os.path.join(ROOT, "fixtures", "digits")
OUT = os.path.join(ROOT, "fixtures", "goldens")

PSI_THRESHOLD = 0.1
DRIFT_SHARE = 0.5
WASSERSTEIN_RTOL = 1e-12   # our scipy/np.std value vs Evidently's (pandas Series) value

# Largest relative difference seen between our normed Wasserstein and Evidently's (reported at the end).
_wd_max_rel = [0.0, ""]


# --------------------------------------------------------------------------------------------
# statistics
# --------------------------------------------------------------------------------------------

def psi_quantile(ref, prod):
    """modeltop's default PSI: 10 bins at the reference deciles (np.quantile, method='linear')."""
    inner = np.quantile(ref, np.arange(1, 10) / 10.0)   # method='linear', the default
    r = np.bincount(np.searchsorted(inner, ref, side='right'), minlength=10) / len(ref)
    p = np.bincount(np.searchsorted(inner, prod, side='right'), minlength=10) / len(prod)
    r = np.where(r == 0, 1e-4, r); p = np.where(p == 0, 1e-4, p)
    return float(np.sum((p - r) * np.log(p / r)))


def wasserstein_norm(ref, prod):
    return float(st.wasserstein_distance(ref, prod) / max(np.std(ref), 0.001))


def evidently_psi(ref, prod):
    """Evidently 0.7 PSI via its registered StatTest object (-> stattests.psi._psi -> utils.get_binned_data).
    Returns (value or None, note or None)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = psi_stat_test(pd.Series(ref, dtype="float64"), pd.Series(prod, dtype="float64"),
                                ColumnType.Numerical, PSI_THRESHOLD)
        return float(res.drift_score), None
    except Exception as e:  # noqa: BLE001 - record whatever Evidently raises
        return None, f"evidently psi_stat_test raised {type(e).__name__}: {e}"


def evidently_wasserstein(ref, prod):
    """Evidently 0.7 normed Wasserstein via wasserstein_stat_test
    (-> stattests.wasserstein_distance_norm._wasserstein_distance_norm)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = wasserstein_stat_test(pd.Series(ref, dtype="float64"), pd.Series(prod, dtype="float64"),
                                    ColumnType.Numerical, PSI_THRESHOLD)
    return float(res.drift_score)


def finite_only(values):
    a = np.asarray(values, dtype=np.float64)
    keep = np.isfinite(a)
    return a[keep], int(np.count_nonzero(~keep))


def dimension_stats(ref_raw, prod_raw, where):
    ref, nf_ref = finite_only(ref_raw)
    prod, nf_prod = finite_only(prod_raw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ks = st.ks_2samp(ref, prod)          # method='auto'
        wd = wasserstein_norm(ref, prod)
    psi_ev, note = evidently_psi(ref, prod)
    wd_ev = evidently_wasserstein(ref, prod)
    out = {
        "nonfinite_reference": nf_ref,
        "nonfinite_production": nf_prod,
        "ks_statistic": float(ks.statistic),
        "ks_pvalue": float(ks.pvalue),
        "psi": psi_quantile(ref, prod),
        "psi_evidently": psi_ev,
        "wasserstein_norm": wd,
    }
    if note:
        out["note"] = note
    if wd != wd_ev:
        rel = abs(wd - wd_ev) / max(abs(wd), abs(wd_ev))
        if rel > _wd_max_rel[0]:
            _wd_max_rel[:] = [rel, where]
        if not (rel <= WASSERSTEIN_RTOL):
            sys.exit(f"{where}: normed Wasserstein disagrees with Evidently: {wd!r} vs {wd_ev!r}")
        out["wasserstein_norm_evidently"] = wd_ev
    return out


# --------------------------------------------------------------------------------------------
# quality
# --------------------------------------------------------------------------------------------

INT_RE = re.compile(r"^[+-]?[0-9]+$")


def label_order(target, prediction):
    """Label order L: numeric if every label (union of target and prediction) is an integer, else by
    Unicode code point (Python str ordering). Returns (L as passed to sklearn, L as JSON strings, converter)."""
    union = set(target) | set(prediction)
    if all(INT_RE.match(s) for s in union):
        labels = sorted({int(s) for s in union})
        return labels, [str(v) for v in labels], int
    labels = sorted(union)
    return labels, list(labels), str


def quality(target, prediction):
    labels, label_strs, conv = label_order(target, prediction)
    yt = [conv(s) for s in target]
    yp = [conv(s) for s in prediction]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        acc = accuracy_score(yt, yp)
        bacc = balanced_accuracy_score(yt, yp)
        p, r, f, s = precision_recall_fscore_support(yt, yp, average=None, labels=labels, zero_division=0)
        avg = {}
        for kind in ("macro", "weighted"):
            ap, ar, af, _ = precision_recall_fscore_support(yt, yp, average=kind, labels=labels, zero_division=0)
            avg[kind] = {"precision": float(ap), "recall": float(ar), "f1": float(af)}
        cm = confusion_matrix(yt, yp, labels=labels)
    classes = [{"label": label_strs[i], "precision": float(p[i]), "recall": float(r[i]),
                "f1": float(f[i]), "support": int(s[i])} for i in range(len(labels))]
    return {
        "accuracy": float(acc),
        "balanced_accuracy": float(bacc),
        "macro": avg["macro"],
        "weighted": avg["weighted"],
        "classes": classes,
        "labels": label_strs,
        "confusion": [[int(v) for v in row] for row in cm],
    }


# --------------------------------------------------------------------------------------------
# I/O
# --------------------------------------------------------------------------------------------

def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def jsonable(x):
    """Non-finite floats -> "nan" / "inf" / "-inf"; numpy scalars -> Python numbers."""
    if isinstance(x, dict):
        return {k: jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [jsonable(v) for v in x]
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        v = float(x)
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    return x


def write_json(name, obj):
    path = os.path.join(OUT, name)
    text = json.dumps(jsonable(obj), indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text + "\n")
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes)")


# --------------------------------------------------------------------------------------------
# (a) digits reports
# --------------------------------------------------------------------------------------------

def report(ref_file, prod_file):
    ref_header, ref_rows = read_csv(os.path.join(DIGITS, ref_file))
    prod_header, prod_rows = read_csv(os.path.join(DIGITS, prod_file))
    dims = [c for c in ref_header if c != "target"]
    dimensions = []
    for name in dims:
        ri, pi = ref_header.index(name), prod_header.index(name)
        ref = [float(row[ri]) for row in ref_rows]
        prod = [float(row[pi]) for row in prod_rows]
        d = dimension_stats(ref, prod, f"{prod_file}:{name}")
        if d["nonfinite_reference"] or d["nonfinite_production"]:
            sys.exit(f"unexpected non-finite values in {name}")
        dimensions.append({
            "name": name,
            "psi": d["psi"],
            "psi_evidently": d["psi_evidently"],
            "ks_statistic": d["ks_statistic"],
            "ks_pvalue": d["ks_pvalue"],
            "wasserstein_norm": d["wasserstein_norm"],
            "drifted": d["psi"] >= PSI_THRESHOLD,
        })
    bh = st.false_discovery_control([d["ks_pvalue"] for d in dimensions], method="bh")
    for d, v in zip(dimensions, bh):
        d["ks_pvalue_bh"] = float(v)
    drifted = sum(d["drifted"] for d in dimensions)
    share = drifted / len(dimensions)

    ti, pi = prod_header.index("target"), prod_header.index("prediction")
    q = quality([row[ti] for row in prod_rows], [row[pi] for row in prod_rows])
    return {
        "rows": {"reference": len(ref_rows), "production": len(prod_rows),
                 "unlabelled": sum(1 for row in prod_rows if row[ti] == ""), "rejected": 0},
        "drift": {
            "test": "psi",
            "threshold": PSI_THRESHOLD,
            "drift_share": DRIFT_SHARE,
            "drifted": drifted,
            "share": share,
            "dataset_drift": share >= DRIFT_SHARE,
            "dimensions": dimensions,
        },
        "quality": {
            "accuracy": q["accuracy"],
            "balanced_accuracy": q["balanced_accuracy"],
            "macro": q["macro"],
            "weighted": q["weighted"],
            "classes": q["classes"],
            "confusion": {"labels": q["labels"], "matrix": q["confusion"]},
        },
    }


# --------------------------------------------------------------------------------------------
# (b) stat cases
# --------------------------------------------------------------------------------------------

def stat_cases():
    rng = np.random.default_rng(12345)
    nan, inf = float("nan"), float("inf")
    cases = []

    def add(name, ref, prod, description):
        ref = [float(v) for v in ref]
        prod = [float(v) for v in prod]
        assert len(ref) <= 3000 and len(prod) <= 3000
        d = dimension_stats(ref, prod, f"stat_cases:{name}")
        case = {"name": name, "description": description, "reference": ref, "production": prod}
        case.update(d)
        cases.append(case)

    def r3(a):
        # 3 significant decimals keeps the file small; the values are exact doubles either way
        return [float(round(v, 3)) for v in a]

    add("n1_vs_1", [0.5], [1.5], "smallest possible samples")
    add("n1_vs_3", [1.0], [0.0, 2.0, 3.0], "single reference value")
    add("n2_vs_3", [0.25, 1.75], [0.5, 1.0, 3.5], "tiny unequal samples")
    add("n3_vs_2", [0.5, 1.0, 3.5], [0.25, 1.75], "tiny unequal samples, sides swapped")
    add("n3_vs_3_identical", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0], "identical samples: D=0, p=1")
    add("heavy_ties_0to3_40_vs_55", rng.integers(0, 4, 40), rng.integers(0, 4, 55) ,
        "integers 0..3 only: heavy ties, Evidently categorical path")
    add("constant_reference", [2.5] * 50, r3(rng.normal(2.5, 1.0, 60)),
        "reference is one repeated value, production varies; np.std(ref)=0 -> norm 0.001")
    add("both_constant_equal", [1.0] * 30, [1.0] * 40, "both constant, same value")
    add("both_constant_different", [1.0] * 30, [2.0] * 40, "both constant, different values")
    ref = r3(rng.normal(0, 1, 200)); prod = r3(rng.normal(0.3, 1, 220))
    for i in (3, 50, 51, 120, 199):
        ref[i] = [nan, inf, -inf, nan, inf][(i // 3) % 5] if i != 3 else nan
    for i in (0, 7, 100, 150, 219, 218):
        prod[i] = [nan, -inf, inf][i % 3]
    add("nonfinite_sprinkled", ref, prod, "NaN/+inf/-inf in both; removed (and counted) before any statistic")
    ref = rng.integers(0, 15, 300).astype(float)
    prod = rng.integers(0, 15, 280).astype(float); prod[::7] = 20.0
    add("categorical_path_unseen_value", ref, prod,
        "reference has 15 (<=20) unique values -> Evidently categorical PSI path; production has 20.0, unseen in reference")
    add("unique_20_boundary", np.arange(100) % 20 * 0.5, (np.arange(90) % 23) * 0.5,
        "reference has exactly 20 unique values -> categorical path (n_vals > 20 is needed for numeric)")
    add("unique_21_boundary", np.arange(105) % 21 * 0.5, (np.arange(90) % 23) * 0.5,
        "reference has exactly 21 unique values -> Evidently numeric (sturges) path")
    add("integers_on_bin_edges", np.arange(64) % 33, (np.arange(64) % 29) + 4,
        "integer data where sturges edges fall on data values; combined n=128 is a power of two")
    ref = np.arange(30) * 0.5                    # 0.0 .. 14.5, 30 unique -> numeric path
    prod = 17.0 - np.arange(34) * 0.45           # 17.0 down to 2.15
    edges = np.histogram_bin_edges(np.concatenate([ref, prod]), bins="sturges")
    assert len(edges) - 1 == 8, "expected the float-rounding extra sturges bin"
    add("sturges_power_of_two_extra_bin", ref, prod,
        "combined n=64 (log2(n)+1 = 7) and range 17: 17/(17/7) = 7.000000000000001 so numpy makes 8 bins, not 7")
    add("normal_shift_500_vs_800", r3(rng.normal(0, 1, 500)), r3(rng.normal(0.25, 1.1, 800)),
        "normal vs shifted, wider normal")
    add("equal_sizes_300_vs_300", r3(rng.normal(0, 1, 300)), r3(rng.normal(0.15, 1, 300)),
        "n1 == n2: scipy's exact path for equal sizes")
    add("shift_2000_vs_2500", r3(rng.normal(0, 1, 2000)), r3(rng.normal(0.3, 1, 2500)),
        "small shift, exact path (max(n) <= 10000), tiny p-value")
    add("identical_dist_1500_vs_2500", r3(rng.normal(5, 2, 1500)), r3(rng.normal(5, 2, 2500)),
        "same distribution, large samples")
    mags = [1e-300, 1e300, -1e300, -1e-300, 1.0, 0.0, 5e299, 2e-300, 123.456]
    ref = [mags[i % len(mags)] * (1 + (i // len(mags)) * 0.01) for i in range(60)]
    prod = [mags[(i + 2) % len(mags)] * (1 + (i // len(mags)) * 0.013) for i in range(70)]
    add("huge_range_1e-300_1e300", ref, prod,
        "magnitudes 1e-300..1e300 of both signs; np.std(ref) overflows to inf so wasserstein_norm is 0.0")
    add("range_overflows_double", [(i - 15) / 15 * 1.5e308 for i in range(31)],
        [(i - 10) / 15 * 1.5e308 for i in range(26)],
        "max - min overflows to inf: numpy's sturges bin count becomes NaN and Evidently raises; np.std(ref) = inf")
    add("large_values_no_overflow", r3(rng.normal(0, 1, 100) * 1e150), r3(rng.normal(0.5, 1, 120) * 1e150),
        "values ~1e150: squares stay finite, np.std is finite")
    ref = [0.0, -0.0, 1.0, -1.0, 0.0, -0.0, 2.0, -0.0, 0.5, 0.0]
    prod = [-0.0, -0.0, -0.0, 1.0, 0.0, 3.0, -1.0, -0.0]
    add("negative_zero_and_zero", ref, prod, "-0.0 and 0.0 compare equal everywhere (sort, ties, set/value_counts)")
    for c in cases:
        assert len(c["reference"]) <= 3000 and len(c["production"]) <= 3000
    return {"cases": cases}


# --------------------------------------------------------------------------------------------
# (c) KS p-values
# --------------------------------------------------------------------------------------------

def ks_case(x, y):
    """Run ks_2samp(method='auto') and report which method it actually used."""
    n1, n2 = len(x), len(y)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        res = st.ks_2samp(x, y)
    method = "exact" if max(n1, n2) <= 10000 else "asymp"     # scipy: MAX_AUTO_N = 10000
    if any("Exact calculation unsuccessful" in str(m.message) for m in w):
        method = "asymp"
    # cross-check: forcing the detected method must give the identical answer
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        forced = st.ks_2samp(x, y, method=method)
    assert float(forced.pvalue) == float(res.pvalue) and float(forced.statistic) == float(res.statistic)
    return {"n1": n1, "n2": n2, "d": float(res.statistic), "pvalue": float(res.pvalue), "method": method}


def ks_pvalues():
    rng = np.random.default_rng(777)
    cases = []
    # tiny sizes: every pair 1..10 x 1..10
    for n1 in range(1, 11):
        for n2 in range(1, 11):
            shift = float(rng.uniform(0.0, 2.5))
            cases.append(ks_case(rng.normal(0, 1, n1), rng.normal(shift, 1, n2)))

    def spread(n1, n2, targets):
        en = n1 * n2 / (n1 + n2)
        for p in targets:
            if p >= 1.0:
                shift = 0.0
            else:
                dtarget = math.sqrt(-math.log(p / 2.0) / (2.0 * en))
                shift = dtarget / 0.3989422804014327     # D ~ shift * phi(0) for a small normal shift
            cases.append(ks_case(rng.normal(0, 1, n1), rng.normal(shift, 1, n2)))

    exact_targets = [1.0, 0.5, 0.05, 1e-3, 1e-6, 1e-10]
    for n in (10, 100, 1000, 5000):
        spread(n, n, exact_targets)
    for n1, n2 in ((7, 13), (100, 1000), (3000, 9999)):
        spread(n1, n2, exact_targets)
    asymp_targets = [1.0, 0.5, 0.1, 1e-2, 1e-4, 1e-6, 1e-9, 1e-12]
    for n1, n2 in ((10001, 10001), (20000, 60000), (60000, 1000000)):
        spread(n1, n2, asymp_targets)
    return {"cases": cases}


# --------------------------------------------------------------------------------------------
# (d) quality cases
# --------------------------------------------------------------------------------------------

def quality_cases():
    rng = np.random.default_rng(4242)
    cases = []

    def add(name, target, prediction, description):
        target = [str(v) for v in target]
        prediction = [str(v) for v in prediction]
        assert len(target) == len(prediction)
        q = quality(target, prediction)
        case = {"name": name, "description": description, "target": target, "prediction": prediction}
        case.update(q)
        cases.append(case)

    def noisy(truth, labels, p_correct):
        out = []
        for t in truth:
            out.append(t if rng.random() < p_correct else labels[int(rng.integers(0, len(labels)))])
        return out

    t = [["True", "False"][int(v)] for v in rng.integers(0, 2, 40)]
    add("bool_strings", t, noisy(t, ["True", "False"], 0.8), 'labels "True"/"False": string order, "False" < "True"')
    t = [str(v) for v in rng.integers(0, 3, 30)]
    p = list(t); p[2] = "3"; p[11] = "3"; p[25] = "3"
    add("class_only_predicted", t, p,
        'label "3" is predicted but never a target: support 0, recall 0 (zero_division=0); '
        'balanced_accuracy ignores it (mean recall over classes present in target)')
    t = [str(v) for v in rng.integers(0, 4, 30)]
    p = [v if v != "3" else "0" for v in t]
    add("class_never_predicted", t, p, 'label "3" is a target but never predicted: precision 0 (zero_division=0)')
    add("single_class", ["7"] * 12, ["7"] * 12, "one class everywhere")
    add("single_class_text", ["spam"] * 5, ["spam"] * 5, "one text class everywhere")
    t = [str(v) for v in rng.integers(0, 13, 120)]
    add("int_labels_0_to_12", t, noisy(t, [str(v) for v in range(13)], 0.7),
        'integer labels: numeric order 0,1,2,...,10,11,12 (string order would put "10" before "2")')
    t = [str(v) for v in rng.choice([-3, -1, 0, 2, 10], 50)]
    add("negative_int_labels", t, noisy(t, ["-3", "-1", "0", "2", "10"], 0.7), "negative integers sort numerically")
    names = ["cat", "dog", "Émile", "zebra"]
    t = [names[int(v)] for v in rng.integers(0, 4, 60)]
    add("text_labels_codepoint", t, noisy(t, names, 0.75),
        'text labels sorted by Unicode code point: "cat" < "dog" < "zebra" < "Émile" (U+00C9)')
    mixed = ["1", "2", "10", "x"]
    t = [mixed[int(v)] for v in rng.integers(0, 4, 40)]
    add("mixed_int_and_text", t, noisy(t, mixed, 0.7),
        'one non-integer label -> every label sorted as a string: "1" < "10" < "2" < "x"')
    t = [str(v) for v in rng.integers(0, 10, 500)]
    add("random_10_int_500", t, noisy(t, [str(v) for v in range(10)], 0.6), "10 integer classes, 500 rows")
    cls = ["ant", "Bee", "cow", "Dog", "eel", "fox", "gnu", "Hen", "ibis", "jay"]   # upper case sorts first
    probs = rng.dirichlet(np.ones(10))
    t = [cls[int(v)] for v in rng.choice(10, 500, p=probs)]
    add("random_10_text_500", t, noisy(t, cls, 0.55), "10 text classes with unequal frequencies, 500 rows")
    return {"cases": cases}


def main():
    os.makedirs(OUT, exist_ok=True)
    for out_name, prod_file in (("digits_report.json", "prod_data.csv"), ("digits_clean_report.json", "prod_clean.csv")):
        rep = report("ref_data.csv", prod_file)
        write_json(out_name, rep)
        dr = rep["drift"]
        print(f"  {prod_file}: {dr['drifted']}/{len(dr['dimensions'])} dims with PSI >= 0.1, "
              f"dataset_drift={dr['dataset_drift']}, accuracy={rep['quality']['accuracy']:.4f}")
    write_json("stat_cases.json", stat_cases())
    write_json("ks_pvalues.json", ks_pvalues())
    write_json("quality_cases.json", quality_cases())
    if _wd_max_rel[0] > 0:
        print(f"normed Wasserstein vs Evidently: max relative difference {_wd_max_rel[0]:.3g} at {_wd_max_rel[1]}")
    else:
        print("normed Wasserstein vs Evidently: bit-identical everywhere")


if __name__ == "__main__":
    main()
