#!/usr/bin/env python3
"""Reference values for modeltop's prediction-log monitoring (FORMATS.md section 3).

Reads fixtures/logs/ and fixtures/logs_dirty/ (written by make_logs.py) with Python's json module
(numbers via float(): correctly rounded) and writes:
  fixtures/goldens/logs_report.json         clean logs
  fixtures/goldens/logs_dirty_report.json   dirty logs (garbage lines + a half-written last line)
  fixtures/goldens/logs_stack_report.json   logs as serving stacks write them (make_stack_logs.py)
  fixtures/goldens/logs_percentiles.json    latency percentile unit cases

Run from the repository root:
  .venv/bin/python scripts/make_log_goldens.py

DEFINITIONS (modeltop implements exactly these)
-----------------------------------------------
Files: `predictions.jsonl.N`, ..., `predictions.jsonl.1`, `predictions.jsonl`, read in that order
(oldest first); `predictions.jsonl` is the newest file. Lines are split on LF; a trailing CR is
removed. Line numbers are 1-based per file.

Line classification, first rule that applies:
  * the last line of the newest file has no LF: "truncated" -> pending_partial_lines += 1, never
    parsed (a writer may still be finishing it). An unterminated last line of an older file is
    read like any other line.
  * length > 65536 bytes (UTF-8, without the LF/CR)  -> rejected "line longer than 65536 bytes",
    not parsed.
  * empty (after removing whitespace) -> rejected "empty line".
  * not valid JSON (NaN / Infinity literals are invalid) -> rejected "invalid JSON".
  * not a JSON object -> rejected "not a JSON object".
  Keys have aliases: `timestamp` and `time` are `ts`; `probabilities` and `proba` are `probs`;
  `latency` is `latency_ms`. Any other key is counted as unknown (a note names it).
  * has a non-null `prediction`, or has `ts` and `status` >= 400 (a failed request, no
    prediction) -> a REQUEST line candidate; it needs
      `ts` present ("missing ts") and a number or an ISO-8601 string
      ("ts is neither Unix seconds nor an ISO-8601 time"),
      `prediction` a number or a string ("prediction is not a number or string"),
    and optional fields, if present and not null, of the right type, else
    "<field> has the wrong type":
      latency_ms number; confidence number; status integer; id string; target integer or string;
      probs, embedding, pixels: non-empty arrays of numbers.
    ("number" = JSON integer or float, never a boolean; "integer" = JSON integer, not 3.0.)
    `pixels` may also be nested rows (a list of lists of numbers), flattened row by row.
    Labels that are the same number are the same label: 3, 3.0, "3.0" and "+3" are "3".
    A request line whose id was already seen on a request line is not a request: with a
    non-null `target` it is FEEDBACK (it repeats its request's fields), else a duplicate,
    counted in duplicate_requests and not counted again.
  * else has keys `id` and `target` -> a FEEDBACK line: id string, target integer or string, else
    "<field> has the wrong type". It sets the target of every request line with that id, matched
    over all files regardless of order; later feedback overrides earlier / inline targets.
    Feedback whose id matches no request line is counted in orphan_feedback.
  * else -> rejected "neither a request nor a feedback line".
Labels are strings in the output: str(int) for integers. Prediction and target compare as strings.

Metrics (all over REQUEST lines):
  requests = number of request lines.
  status: "2xx" = 200..299 or absent, "4xx" = 400..499, "5xx" = 500..599, "other" = anything else.
  error_rate = (4xx + 5xx) / requests.
  latency_ms over the requests that have it: mean = np.mean, p50,p90,p95,p99,p999 =
    np.percentile(x, [50, 90, 95, 99, 99.9]) (method 'linear'), max.
  "scored" requests = status absent or < 500.
  confidence of a scored request = max(probs) if probs present, else its `confidence` field, else none.
  confidence: over scored requests with a confidence: histogram = np.histogram(c, bins=20,
    range=(0, 1))[0] (bin b = [b/20, (b+1)/20), the last bin closed), mean, threshold 0.9,
    low_share = share of c < 0.9, per_class[predicted label] = {count, mean, low_share}.
  reliability: scored requests with a confidence and a target, same 20 bins; per non-empty bin
    {bin (0..19), count, confidence (np.mean), accuracy}; ece = sum over bins ascending of
    (n_b / N) * |accuracy_b - confidence_b| (Python float sum starting at 0.0).
  measured: scored requests with a target ("labelled"): accuracy, f1_macro = sklearn f1_score(
    average='macro', labels=union of targets and predictions, zero_division=0);
    unlabelled = scored requests without a target.
  estimated (CBPE, NannyML-style, multiclass): rows = scored requests with probs. probs[k] is the
    probability of label k (label order 0..K-1, here the digits 0..9). Calibrate on the labelled
    rows: per class k, IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1) fitted on
    (probs[:, k], 1[target == k]); apply to all rows; divide each row by its sum (a row whose
    calibrated sum is 0 keeps its uncalibrated probs). Over the unlabelled rows (`estimated`) and,
    as a check, over the labelled rows (`estimated_on_labelled`): accuracy = mean of p[yhat];
    per class k: TP = sum_{yhat=k} p_k, FP = sum_{yhat=k} (1 - p_k), FN = sum_{yhat!=k} p_k,
    F1_k = 2TP / (2TP + FP + FN) (0 if the denominator is 0); f1_macro = mean over all K classes;
    rows = number of rows used. (Sums are np.sum over the rows in file order.)
  windows: L = smallest of [60, 300, 900, 3600, 21600, 86400] with
    floor((max_ts - t0) / L) + 1 <= 120, t0 = floor(min_ts / L) * L (ts of request lines);
    request -> window floor((ts - t0) / L); every window from 0 to the last is listed, start =
    t0 + i*L (float). Per window: requests, error_rate (null if no requests), latency_p50/p95/p99
    (np.percentile, null if none), confidence (mean), low_share (null if none), accuracy (scored
    labelled requests, null if none), psi = mean over the embedding dimensions of
    psi_quantile(reference column, this window's embeddings) for the requests with an embedding
    (any status), null if fewer than 10; reference = fixtures/digits/ref_data.csv PCA_1..PCA_16.
"""

import csv
import json
import math
import os

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import f1_score

from make_fixtures import psi_quantile  # noqa: E402  (one PSI for every golden)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "goldens")
MAX_LINE = 65536
THRESHOLD = 0.9
WINDOW_CHOICES = [60, 300, 900, 3600, 21600, 86400]
COUNT_SIZES = [100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]
MAX_COUNT_WINDOWS = 120
MAX_WINDOWS = 120
PCTS = [50, 90, 95, 99, 99.9]
PCT_KEYS = ["p50", "p90", "p95", "p99", "p999"]


# ------------------------------------------------------------------------------------------------
# parsing
# ------------------------------------------------------------------------------------------------

def _reject_constant(name):
    raise ValueError(name)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_label(v):
    return is_number(v) or isinstance(v, str)


def is_num_array(v):
    return isinstance(v, list) and len(v) > 0 and all(is_number(x) for x in v)


OPTIONAL_TYPES = [("latency_ms", is_number), ("confidence", is_number), ("status", is_int),
                  ("id", lambda v: isinstance(v, str)), ("target", is_label),
                  ("probs", is_num_array), ("embedding", is_num_array), ("pixels", is_num_array)]


def label_str(v):
    """The canonical label: a number (or numeric text) that is integral as its integer text."""
    if isinstance(v, str):
        t = v
        if t[:1] in "+-." or t[:1].isdigit():
            try:
                x = float(t)
            except ValueError:
                return v
            if math.isfinite(x) and t.strip() == t:
                return _number_label(x)
        return v
    return _number_label(float(v))


def _number_label(x):
    if x == int(x) and abs(x) < 2**53:
        return str(int(x))
    return repr(x)


ALIASES = {"timestamp": "ts", "time": "ts", "probabilities": "probs", "proba": "probs", "latency": "latency_ms"}
KNOWN = {"ts", "prediction", "target", "id", "latency_ms", "confidence", "status", "probs", "embedding", "pixels"}


def iso_seconds(text):
    from datetime import datetime, timezone
    t = text.strip().replace(" ", "T", 1)
    if t.endswith("Z"):
        t = t[:-1] + "+00:00"
    try:
        d = datetime.fromisoformat(t)
    except ValueError:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.timestamp()


def flat_pixels(v):
    if isinstance(v, list) and v and all(isinstance(row, list) for row in v):
        return [x for row in v for x in row]
    return v


def classify(raw):
    """raw: bytes of one line without LF. Returns ("request"|"feedback", obj) or ("rejected", reason)."""
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    if len(raw) > MAX_LINE:
        return "rejected", f"line longer than {MAX_LINE} bytes"
    text = raw.decode("utf-8", errors="strict") if raw else ""
    if text.strip() == "":
        return "rejected", "empty line"
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except ValueError:
        return "rejected", "invalid JSON"
    if not isinstance(obj, dict):
        return "rejected", "not a JSON object"
    unknown = [k for k in obj if k not in KNOWN and k not in ALIASES]
    obj = {ALIASES.get(k, k): v for k, v in obj.items()}
    obj["_unknown"] = unknown
    if "pixels" in obj:
        obj["pixels"] = flat_pixels(obj["pixels"])
    if isinstance(obj.get("ts"), str) and iso_seconds(obj["ts"]) is not None:
        obj["ts"] = iso_seconds(obj["ts"])
    if obj.get("prediction") is None:
        obj.pop("prediction", None)
    failed = "prediction" not in obj and "ts" in obj and is_int(obj.get("status")) and obj["status"] >= 400
    if "prediction" in obj or failed:
        if "ts" not in obj:
            return "rejected", "missing ts"
        if not is_number(obj["ts"]):
            return "rejected", "ts is neither Unix seconds nor an ISO-8601 time"
        if not failed and not is_label(obj["prediction"]):
            return "rejected", "prediction is not a number or string"
        for key, ok in OPTIONAL_TYPES:
            if key in obj and obj[key] is not None and not ok(obj[key]):
                return "rejected", f"{key} has the wrong type"
        return "request", obj
    if "id" in obj and "target" in obj:
        if not isinstance(obj["id"], str):
            return "rejected", "id has the wrong type"
        if not is_label(obj["target"]):
            return "rejected", "target has the wrong type"
        return "feedback", obj
    return "rejected", "neither a request nor a feedback line"


def log_files(directory):
    names = [n for n in os.listdir(directory) if n == "predictions.jsonl" or n.startswith("predictions.jsonl.")]
    rotated = sorted((n for n in names if n != "predictions.jsonl"), key=lambda n: -int(n.rsplit(".", 1)[1]))
    return rotated + (["predictions.jsonl"] if "predictions.jsonl" in names else [])


def read_logs(directory):
    files = log_files(directory)
    requests, feedback, rejected = [], [], []
    pending = 0
    for fi, name in enumerate(files):
        with open(os.path.join(directory, name), "rb") as f:
            data = f.read()
        parts = data.split(b"\n")
        unterminated = parts[-1] != b""
        if not unterminated:
            parts = parts[:-1]
        for ln, raw in enumerate(parts, start=1):
            if unterminated and ln == len(parts) and fi == len(files) - 1:
                pending += 1
                continue
            kind, val = classify(raw)
            if kind == "rejected":
                rejected.append({"file": name, "line": ln, "reason": val})
            elif kind == "request":
                requests.append(val)
            else:
                feedback.append(val)
    # A request line that repeats a request's id is feedback (with a target) or a duplicate.
    by_id, kept, duplicates = {}, [], 0
    for r in requests:
        if isinstance(r.get("id"), str) and r["id"] in by_id:
            if r.get("target") is not None:
                feedback.append(r)
            else:
                duplicates += 1
            continue
        r["_target"] = label_str(r["target"]) if r.get("target") is not None else None
        if "prediction" in r:
            r["prediction"] = label_str(r["prediction"])
        if isinstance(r.get("id"), str):
            by_id[r["id"]] = r
        kept.append(r)
    orphan = 0
    for fb in feedback:
        if fb["id"] in by_id:
            by_id[fb["id"]]["_target"] = label_str(fb["target"])
        else:
            orphan += 1
    return kept, rejected, pending, orphan


# ------------------------------------------------------------------------------------------------
# metrics
# ------------------------------------------------------------------------------------------------

def sort_labels(labels):
    if all(_is_int_text(s) for s in labels):
        return sorted(labels, key=lambda s: int(s))
    return sorted(labels)


def _is_int_text(s):
    t = s[1:] if s[:1] in "+-" else s
    return t.isdigit() and t.isascii()


def status_of(r):
    return r.get("status")


def scored(r):
    s = status_of(r)
    return "prediction" in r and (s is None or s < 500)


def confidence_of(r):
    if r.get("probs") is not None:
        return float(max(r["probs"]))
    if r.get("confidence") is not None:
        return float(r["confidence"])
    return None


def percentiles(x):
    x = np.asarray(x, dtype=np.float64)
    return dict(zip(PCT_KEYS, (float(v) for v in np.percentile(x, PCTS))))


def cbpe(cal_rows, eval_rows):
    """cal_rows / eval_rows: lists of (probs array, yhat index, target index or None)."""
    P_cal = np.array([r[0] for r in cal_rows], dtype=np.float64)
    T_cal = np.array([r[2] for r in cal_rows])
    K = P_cal.shape[1]
    calibrators = []
    for k in range(K):
        iso = IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1)
        iso.fit(P_cal[:, k], (T_cal == k).astype(np.float64))
        calibrators.append(iso)

    def estimate(rows):
        if not rows:
            return {"accuracy": None, "f1_macro": None, "rows": 0}
        P = np.array([r[0] for r in rows], dtype=np.float64)
        yhat = np.array([r[1] for r in rows])
        C = np.column_stack([calibrators[k].predict(P[:, k]) for k in range(K)])
        s = C.sum(axis=1)
        zero = s == 0
        C = np.where(zero[:, None], P, C / np.where(zero, 1.0, s)[:, None])
        p_hat = C[np.arange(len(rows)), yhat]
        f1s = []
        for k in range(K):
            is_k = yhat == k
            tp = float(np.sum(C[is_k, k]))
            fp = float(np.sum(1.0 - C[is_k, k]))
            fn = float(np.sum(C[~is_k, k]))
            den = 2 * tp + fp + fn
            f1s.append(2 * tp / den if den > 0 else 0.0)
        return {"accuracy": float(np.mean(p_hat)), "f1_macro": float(np.mean(f1s)), "rows": len(rows)}

    return estimate(eval_rows)


def report(directory, ref_emb):
    requests, rejected, pending, orphan = read_logs(directory)
    n = len(requests)
    st = {"2xx": 0, "4xx": 0, "5xx": 0, "other": 0}
    for r in requests:
        s = status_of(r)
        if s is None or 200 <= s <= 299:
            st["2xx"] += 1
        elif 400 <= s <= 499:
            st["4xx"] += 1
        elif 500 <= s <= 599:
            st["5xx"] += 1
        else:
            st["other"] += 1
    lat = [float(r["latency_ms"]) for r in requests if r.get("latency_ms") is not None]
    latency = dict(percentiles(lat), mean=float(np.mean(lat)), max=float(max(lat)))

    conf_rows = [(r, confidence_of(r)) for r in requests if scored(r) and confidence_of(r) is not None]
    c = np.array([cv for _, cv in conf_rows], dtype=np.float64)
    hist = np.histogram(c, bins=20, range=(0, 1))[0]
    edges = np.histogram_bin_edges(c, bins=20, range=(0, 1))
    per_class = {}
    for lab in sort_labels(sorted({label_str(r["prediction"]) for r, _ in conf_rows})):
        cc = np.array([cv for r, cv in conf_rows if label_str(r["prediction"]) == lab])
        per_class[lab] = {"count": int(len(cc)), "mean": float(np.mean(cc)),
                          "low_share": float(np.mean(cc < THRESHOLD))}

    # reliability / ECE
    rel_rows = [(r, cv) for r, cv in conf_rows if r["_target"] is not None]
    rc = np.array([cv for _, cv in rel_rows], dtype=np.float64)
    rhit = np.array([label_str(r["prediction"]) == r["_target"] for r, _ in rel_rows], dtype=np.float64)
    bins = np.digitize(rc, edges[1:-1], right=False)   # == np.histogram's bin (last bin closed)
    assert np.array_equal(np.bincount(bins, minlength=20), np.histogram(rc, bins=20, range=(0, 1))[0])
    reliability, ece = [], 0.0
    for b in range(20):
        m = bins == b
        nb = int(np.sum(m))
        if nb == 0:
            continue
        conf_b, acc_b = float(np.mean(rc[m])), float(np.mean(rhit[m]))
        reliability.append({"bin": b, "count": nb, "confidence": conf_b, "accuracy": acc_b})
        ece += (nb / len(rc)) * abs(acc_b - conf_b)

    # measured quality
    lab_rows = [r for r in requests if scored(r) and r["_target"] is not None]
    unl_rows = [r for r in requests if scored(r) and r["_target"] is None]
    yt = [r["_target"] for r in lab_rows]
    yp = [label_str(r["prediction"]) for r in lab_rows]
    labels = sort_labels(sorted(set(yt) | set(yp)))
    as_int = all(_is_int_text(s) for s in labels)
    conv = (lambda s: int(s)) if as_int else (lambda s: s)
    measured = {"accuracy": float(np.mean([a == b for a, b in zip(yt, yp)])),
                "f1_macro": float(f1_score([conv(s) for s in yt], [conv(s) for s in yp],
                                           labels=[conv(s) for s in labels], average="macro",
                                           zero_division=0)),
                "labelled": len(lab_rows), "unlabelled": len(unl_rows)}

    # CBPE
    def prow(r):
        return (np.array(r["probs"], dtype=np.float64), int(r["prediction"]),
                int(r["_target"]) if r["_target"] is not None else None)
    with_probs = [r for r in requests if scored(r) and r.get("probs") is not None]
    cal = [prow(r) for r in with_probs if r["_target"] is not None]
    unl = [prow(r) for r in with_probs if r["_target"] is None]
    estimated = cbpe(cal, unl)
    estimated_on_labelled = cbpe(cal, cal)

    # windows
    ts = np.array([float(r["ts"]) for r in requests])
    min_ts, max_ts = float(ts.min()), float(ts.max())
    for L in WINDOW_CHOICES:
        t0 = math.floor(min_ts / L) * L
        count = math.floor((max_ts - t0) / L) + 1
        if count <= MAX_WINDOWS:
            break
    widx = [math.floor((float(r["ts"]) - t0) / L) for r in requests]
    def window_of(rs, start):
        wl = [float(r["latency_ms"]) for r in rs if r.get("latency_ms") is not None]
        wc = np.array([confidence_of(r) for r in rs if scored(r) and confidence_of(r) is not None])
        wlab = [r for r in rs if scored(r) and r["_target"] is not None]
        we = np.array([r["embedding"] for r in rs if r.get("embedding") is not None], dtype=np.float64)
        nerr = sum(1 for r in rs if status_of(r) is not None and 400 <= status_of(r) <= 599)
        lp = np.percentile(np.array(wl), [50, 95, 99]) if wl else [None] * 3
        return {
            "start": start,
            "requests": len(rs),
            "error_rate": nerr / len(rs) if rs else None,
            "latency_p50": float(lp[0]) if wl else None,
            "latency_p95": float(lp[1]) if wl else None,
            "latency_p99": float(lp[2]) if wl else None,
            "confidence": float(np.mean(wc)) if len(wc) else None,
            "low_share": float(np.mean(wc < THRESHOLD)) if len(wc) else None,
            "accuracy": float(np.mean([label_str(r["prediction"]) == r["_target"] for r in wlab])) if wlab else None,
            "psi": (float(np.mean([psi_quantile(ref_emb[:, d], we[:, d]) for d in range(ref_emb.shape[1])]))
                    if len(we) >= 10 else None),
        }

    windows = [window_of([r for r, w in zip(requests, widx) if w == i], float(t0 + i * L)) for i in range(count)]

    # count windows: the smallest size in COUNT_SIZES giving at most MAX_COUNT_WINDOWS, in logged order
    size = next(k for k in COUNT_SIZES if -(-n // k) <= MAX_COUNT_WINDOWS)
    count_windows = [window_of(requests[i:i + size], float(requests[i]["ts"])) for i in range(0, n, size)]

    ops = {
        "requests": n, "rejected_lines": len(rejected), "pending_partial_lines": pending,
        "orphan_feedback": orphan, "error_rate": (st["4xx"] + st["5xx"]) / n, "status": st,
        "latency_ms": latency,
        "confidence": {"mean": float(np.mean(c)), "threshold": THRESHOLD,
                       "low_share": float(np.mean(c < THRESHOLD)), "histogram": [int(v) for v in hist],
                       "ece": float(ece), "per_class": per_class, "reliability": reliability},
        "measured": measured, "estimated": estimated, "estimated_on_labelled": estimated_on_labelled,
        "window_seconds": L, "windows": windows,
        "count_window_requests": size, "count_windows": count_windows,
    }
    return {"operations": ops, "rejected": rejected}


# ------------------------------------------------------------------------------------------------
# percentile unit cases
# ------------------------------------------------------------------------------------------------

def percentile_cases():
    rng = np.random.default_rng(53)
    arrays = [
        ("n1", "a single request", [12.5]),
        ("n2", "two requests", [8.25, 30.0]),
        ("n7_unsorted_ties", "seven values, unsorted, with ties", [11.8, 3.0, 45.125, 11.8, 0.5, 9.999, 11.8]),
        ("lognormal_10000", "np.random.default_rng(53).lognormal(2.3, 0.35, 10000), rounded to 3 decimals",
         [round(float(v), 3) for v in rng.lognormal(2.3, 0.35, size=10000)]),
        ("pareto_5000", "10 * (1 + rng.pareto(1.5, 5000)) with the same rng, drawn after the lognormal case, rounded to 3 decimals",
         [round(float(v), 3) for v in 10.0 * (1.0 + rng.pareto(1.5, size=5000))]),
    ]
    cases = []
    for name, desc, xs in arrays:
        x = np.array(xs, dtype=np.float64)
        cases.append({"name": name, "description": desc, "values": xs, "percentiles": PCTS,
                      **percentiles(x), "mean": float(np.mean(x)), "max": float(np.max(x))})
    return {"method": "np.percentile(x, [50, 90, 95, 99, 99.9]) (method='linear'); mean = np.mean", "cases": cases}


def write_json(name, obj):
    path = os.path.join(OUT, name)
    text = json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text + "\n")
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes)")


def main():
    with open(os.path.join(ROOT, "fixtures", "digits", "ref_data.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    cols = [i for i, h in enumerate(rows[0]) if h != "target"]
    ref_emb = np.array([[float(row[i]) for i in cols] for row in rows[1:]], dtype=np.float64)

    clean = report(os.path.join(ROOT, "fixtures", "logs"), ref_emb)
    dirty = report(os.path.join(ROOT, "fixtures", "logs_dirty"), ref_emb)
    assert clean["rejected"] == [] and clean["operations"]["pending_partial_lines"] == 0
    assert len(dirty["rejected"]) == 5 and dirty["operations"]["pending_partial_lines"] == 1
    assert dirty["operations"]["requests"] == clean["operations"]["requests"] - 1
    stack = report(os.path.join(ROOT, "fixtures", "logs_stack"), ref_emb)
    assert stack["rejected"] == []
    write_json("logs_stack_report.json", stack)
    write_json("logs_report.json", clean)
    write_json("logs_dirty_report.json", dirty)
    write_json("logs_percentiles.json", percentile_cases())

    o = clean["operations"]
    print(f"requests {o['requests']}  error_rate {o['error_rate']:.4f}  status {o['status']}  "
          f"orphan_feedback {o['orphan_feedback']}")
    print(f"latency p50 {o['latency_ms']['p50']}  p99 {o['latency_ms']['p99']}  max {o['latency_ms']['max']}")
    print(f"confidence mean {o['confidence']['mean']:.4f}  low_share {o['confidence']['low_share']:.4f}  "
          f"ece {o['confidence']['ece']:.4f}")
    print(f"measured {o['measured']}")
    print(f"estimated {o['estimated']}")
    print(f"estimated_on_labelled {o['estimated_on_labelled']}")
    print(f"window_seconds {o['window_seconds']}  windows {len(o['windows'])}")
    print("dirty rejected:", dirty["rejected"])
    d = dirty["operations"]
    print(f"dirty: requests {d['requests']}  pending {d['pending_partial_lines']}  "
          f"rejected {d['rejected_lines']}")


if __name__ == "__main__":
    main()
