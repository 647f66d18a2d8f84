#!/usr/bin/env python3
"""The course serving stack as a test of modeltop (issue 12), bounded to a few minutes.

1. train.py: scaler + PCA + LogisticRegression on scikit-learn's bundled digits, ref_data.csv.
2. api.py under uvicorn on 127.0.0.1: predictions logged by docs/serving/modeltop_logging.py,
   feedback appended to prod_data.csv with pandas in batches (float targets, empty targets).
3. `modeltop watch DIR --headless` follows the directory while a client sends requests at about
   25 a second: clean digits, then drifted ones (shifted and noisy), some failing requests (500)
   and some invalid ones (422), feedback for most, "no label" for some. Midway prod_data.csv is
   deleted and created again (a reset between experiments).
4. At the end: the counts equal what the client sent; watch's last snapshot equals
   `modeltop report` on the final files; quality equals scikit-learn's on the labelled rows; the
   5xx count equals the failures sent.

Usage: python run_stack.py --modeltop PATH/TO/modeltop [--requests 300]
Exit status 0 when every check passes; 1 otherwise. Prints "N passed, M failed" last.
"""
import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time

import httpx
import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score

HERE = os.path.dirname(os.path.abspath(__file__))
checks = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    checks["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if detail else ""), flush=True)


def close(a, b, rel=1e-9):
    if a is None or b is None:
        return a is b
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"uvicorn exited early with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"uvicorn did not listen on 127.0.0.1:{port} within {seconds} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--modeltop", required=True)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rate", type=float, default=25.0)
    parser.add_argument("--keep", help="keep the stack directory here")
    args = parser.parse_args()
    modeltop = os.path.abspath(args.modeltop)
    stack = args.keep or tempfile.mkdtemp(prefix="modeltop-stack-")
    os.makedirs(stack, exist_ok=True)
    started = time.time()

    subprocess.run([sys.executable, os.path.join(HERE, "train.py"), stack], check=True, timeout=120)
    port = free_port()
    env = dict(os.environ, MODELTOP_STACK_DIR=stack, PYTHONPATH=HERE)
    api = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api:app", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "1", "--log-level", "critical"], cwd=HERE, env=env)
    # watch's own output goes beside the stack, not into the directory it watches.
    watch_out = open(stack.rstrip("/") + ".watch.jsonl", "w")
    watch_err = open(stack.rstrip("/") + ".watch.err", "w")
    watch = None
    try:
        wait_for_port(port, api)
        os.makedirs(os.path.join(stack, "logs"), exist_ok=True)
        # The command line lives in the stack's modeltop.toml, as a user would keep it (issue 16):
        # `modeltop watch STACK` finds it in the watched directory.
        with open(os.path.join(stack, "modeltop.toml"), "w") as config:
            config.write('headless = true\ninterval = "0.5s"\nexit_with_parent = true\nlogs = "%s"\n' % os.path.join(stack, "logs"))
        # Started before any feedback: prod_data.csv does not exist yet.
        watch = subprocess.Popen([modeltop, "watch", stack], stdout=watch_out, stderr=watch_err)
        # Its first snapshot (waiting for prod_data.csv) before the first request is sent.
        deadline = time.time() + 30
        while os.path.getsize(watch_out.name) == 0 and time.time() < deadline and watch.poll() is None:
            time.sleep(0.05)
        sent = drive(port, stack, args.requests, args.rate)
        time.sleep(2.5)  # let watch catch up, then end it: it prints a final snapshot
        watch.send_signal(signal.SIGTERM)
        watch.wait(timeout=20)
    finally:
        if watch and watch.poll() is None:
            watch.kill()
        api.send_signal(signal.SIGINT)
        try:
            api.wait(timeout=15)
        except subprocess.TimeoutExpired:
            api.kill()
        watch_out.close()
        watch_err.close()

    verify(modeltop, stack, sent)
    print(f"serving stack: {time.time() - started:.1f} s in {stack}")
    print(f"{checks['passed']} passed, {checks['failed']} failed")
    return 0 if checks["failed"] == 0 else 1


def drift(pixels, rng):
    """A changed population: strokes shifted one column right, thicker, and noisier."""
    image = np.asarray(pixels, dtype=np.float64).reshape(8, 8)
    shifted = np.roll(image, 1, axis=1) * 1.3 + rng.normal(0, 2.5, size=(8, 8))
    return np.clip(shifted, 0, 16).round(2)


def drive(port, stack, requests, rate):
    rng = np.random.default_rng(7)
    pick = random.Random(7)
    images = pd.read_csv(os.path.join(stack, "serve_images.csv"))
    labels = images.pop("label").to_numpy()
    pixels = images.to_numpy()
    sent = {"predicted": 0, "failed_500": 0, "invalid_422": 0, "feedback_labelled": 0, "feedback_unlabelled": 0,
            "prod_rows_after_reset": 0, "unlabelled_after_reset": 0}
    gap = 1.0 / rate
    prod = os.path.join(stack, "prod_data.csv")
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
        for k in range(requests):
            tick = time.perf_counter()
            if k == requests // 2:
                client.post("/flush").raise_for_status()
                os.remove(prod)  # the routine reset between experiments
                sent["reset"] = True
            after_reset = k >= requests // 2
            roll = pick.random()
            if roll < 0.05:
                # A malformed image: reshape fails inside the endpoint, an unhandled 500. uvicorn
                # closes that connection after it, so it goes on a connection of its own.
                response = httpx.post(f"http://127.0.0.1:{port}/predict", json={"pixels": [1, 2, 3]}, timeout=10)
                assert response.status_code == 500, response.status_code
                sent["failed_500"] += 1
                continue
            if roll < 0.07:
                response = client.post("/predict", json={"pixels": "not a list"})
                assert response.status_code == 422, response.status_code
                sent["invalid_422"] += 1
                continue
            index = k % len(pixels)
            image = pixels[index] if not after_reset else drift(pixels[index], rng)
            nested = k % 3 == 0
            payload = np.asarray(image).reshape(8, 8).tolist() if nested else np.asarray(image).ravel().tolist()
            response = client.post("/predict", json={"pixels": payload})
            response.raise_for_status()
            sent["predicted"] += 1
            rid = response.json()["id"]
            feedback = pick.random()
            if feedback < 0.8:
                client.post("/feedback", json={"id": rid, "target": int(labels[index])}).raise_for_status()
                sent["feedback_labelled"] += 1
                sent["prod_rows_after_reset"] += after_reset
            elif feedback < 0.9:
                client.post("/feedback", json={"id": rid, "target": None}).raise_for_status()
                sent["feedback_unlabelled"] += 1
                sent["prod_rows_after_reset"] += after_reset
                sent["unlabelled_after_reset"] += after_reset
            time.sleep(max(0.0, gap - (time.perf_counter() - tick)))
        client.post("/flush").raise_for_status()
    print("client sent:", json.dumps(sent), flush=True)
    return sent


def last_snapshot(stack):
    lines = [json.loads(line) for line in open(stack.rstrip("/") + ".watch.jsonl") if line.strip()]
    return lines, lines[-1]


def verify(modeltop, stack, sent):
    lines, final = last_snapshot(stack)
    errors = open(stack.rstrip("/") + ".watch.err").read()
    check("watch waited for prod_data.csv before the first feedback",
          any("waiting_for" in line for line in lines[:3]), json.dumps(lines[0])[:200])
    check("watch said the reset started prod_data.csv afresh", "start afresh" in errors, errors[-300:])
    check("watch printed no error", "error" not in errors.lower(), errors[-300:])

    report_run = subprocess.run(
        [modeltop, "report", "--ref", os.path.join(stack, "ref_data.csv"), "--prod", os.path.join(stack, "prod_data.csv"),
         "--logs", os.path.join(stack, "logs"), "--format", "json"], capture_output=True, text=True, timeout=60)
    check("report exits 0 or 1 (no input error)", report_run.returncode in (0, 1), report_run.stderr[-300:])
    report = json.loads(report_run.stdout)

    rows = final["rows"]
    check("production rows = feedback rows sent after the reset", rows["production"] == sent["prod_rows_after_reset"],
          f"{rows['production']} vs {sent['prod_rows_after_reset']}")
    check("unlabelled rows = feedback without a label after the reset", rows.get("unlabelled") == sent["unlabelled_after_reset"],
          f"{rows.get('unlabelled')} vs {sent['unlabelled_after_reset']}")
    check("no row or line rejected", rows["rejected"] == 0 and final["operations"]["rejected_lines"] == 0)
    check("watch's rows equal the report's", rows == report["rows"], f"{rows} vs {report['rows']}")

    ops, report_ops = final["operations"], report["operations"]
    requests = sent["predicted"] + sent["failed_500"] + sent["invalid_422"]
    check("requests = every request sent", ops["requests"] == requests, f"{ops['requests']} vs {requests}")
    check("5xx = the failures sent", ops["status"]["5xx"] == sent["failed_500"], f"{ops['status']} vs {sent['failed_500']}")
    check("4xx = the invalid requests sent", ops["status"]["4xx"] == sent["invalid_422"], f"{ops['status']}")
    labelled = sent["feedback_labelled"]
    check("labelled requests in the logs = labelled feedback sent", ops["measured"]["labelled"] == labelled,
          f"{ops['measured']['labelled']} vs {labelled}")
    for key in ("requests", "status", "error_rate", "rejected_lines", "orphan_feedback"):
        check(f"operations.{key}: watch = report", ops[key] == report_ops[key], f"{ops[key]} vs {report_ops[key]}")
    for key in ("mean", "p50", "p99", "max"):
        check(f"operations.latency_ms.{key}: watch = report", close(ops["latency_ms"][key], report_ops["latency_ms"][key]))
    for key in ("accuracy", "f1_macro"):
        check(f"operations.measured.{key}: watch = report", close(ops["measured"][key], report_ops["measured"][key]))

    drift_w, drift_r = final["drift"], report["drift"]
    check("drift verdict: watch = report", (drift_w["drifted"], drift_w["dataset_drift"]) == (drift_r["drifted"], drift_r["dataset_drift"]),
          f"{drift_w['drifted']} vs {drift_r['drifted']}")
    check("the drifted second half is seen as drift", drift_r["dataset_drift"], f"{drift_r['drifted']} of {len(drift_r['dimensions'])}")
    mismatched = [d["name"] for d, e in zip(drift_w["dimensions"], drift_r["dimensions"])
                  if not all(close(d[k], e[k], 1e-12) for k in ("psi", "ks_statistic", "ks_pvalue", "wasserstein_norm"))]
    check("every dimension's PSI, KS and Wasserstein: watch = report", not mismatched, ", ".join(mismatched))

    prod = pd.read_csv(os.path.join(stack, "prod_data.csv"))
    check("pandas wrote float targets (the case modeltop once got wrong)", prod["target"].dtype.kind == "f")
    labelled_rows = prod.dropna(subset=["target"])
    truth = labelled_rows["target"].astype(int)
    predicted = labelled_rows["prediction"].astype(int)
    accuracy = accuracy_score(truth, predicted)
    macro = f1_score(truth, predicted, average="macro", labels=sorted(set(truth) | set(predicted)), zero_division=0)
    for name, q in (("watch", final["quality"]), ("report", report["quality"])):
        check(f"{name} quality rows = labelled rows", q["rows"] == len(labelled_rows), f"{q['rows']} vs {len(labelled_rows)}")
        check(f"{name} accuracy = scikit-learn's", close(q["accuracy"], accuracy, 1e-12), f"{q['accuracy']} vs {accuracy}")
        check(f"{name} macro F1 = scikit-learn's", close(q["macro"]["f1"], macro, 1e-12), f"{q['macro']['f1']} vs {macro}")
    print(f"counted: {rows['production']} production rows ({rows.get('unlabelled')} unlabelled), {ops['requests']} requests, "
          f"{ops['status']['5xx']} 5xx, {ops['status']['4xx']} 4xx; accuracy {report['quality']['accuracy']:.4f} "
          f"= scikit-learn {accuracy:.4f}; macro F1 {report['quality']['macro']['f1']:.4f} = {macro:.4f}; "
          f"drift {drift_r['drifted']}/{len(drift_r['dimensions'])}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
