"""A fleet of two replicas through a real Prometheus, end to end (issue 18; run by .ci/run).

  - Two `modeltop watch DIR --headless --listen 127.0.0.1:PORT` agents follow two directories,
    each sharing ref_data.csv, while this script writes them: the two halves of
    fixtures/digits/prod_data.csv appended in batches (pandas' way: header once, rows after),
    and prediction logs written with json.dumps, a known number of them 5xx.
  - Debian's `prometheus` scrapes both every 2 s on 127.0.0.1 and evaluates the shipped rules
    (docs/prometheus/modeltop-rules.yml) every second.
  - Then: the fleet PSI of the recording rules equals `modeltop report`'s decile PSI on the two
    halves together (1e-9); fleet accuracy and macro F1 equal scikit-learn's on them
    (fixtures/goldens/fleet_quality.json) and the report's; request and 5xx counts equal what was
    written; `promtool check metrics` passes on each agent's /metrics; --metrics-file holds the same; `promtool check rules`
    and `promtool test rules` pass; every Grafana panel's query answers.
  - `modeltop fleet` in tmux shows both replicas and the fleet verdict; stopping one agent marks
    it stale within two scrape intervals; stopping Prometheus is a notice, the figures stay.
Any failure, or a part that cannot start, exits 1.

    python3 scripts/fleet-prometheus.py --modeltop .build/debug/modeltop [--keep]
"""
import argparse
import json
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCRAPE = 2.0
PROBLEMS = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        PROBLEMS.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return answer.read().decode()


def query(base, promql):
    answer = json.loads(get(f"{base}/api/v1/query?" + urllib.parse.urlencode({"query": promql})))
    if answer.get("status") != "success":
        raise RuntimeError(f"{promql}: {answer}")
    return answer["data"]["result"]


def wait_for(what, predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except Exception:
            pass
        time.sleep(0.25)
    check(False, f"{what} within {timeout:.0f} s")
    return False


def split_production():
    """The header and the two halves of the fixture's rows (the file's own line text)."""
    with open(os.path.join(ROOT, "fixtures", "digits", "prod_data.csv"), newline="") as f:
        lines = f.read().splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    half = len(rows) // 2
    return header, rows[:half], rows[half:]


def log_lines(replica, count, rng):
    """Requests as a FastAPI app logs them (json.dumps), 1 in 10 a 5xx without a prediction, and
    the users' feedback for one in three of the others, written after its request."""
    lines, errors, feedback = [], 0, []
    for k in range(count):
        request = {"id": f"{replica}-{k}", "ts": 1795000000 + k, "latency_ms": round(rng.uniform(3, 40), 3)}
        if k % 10 == 7:
            request["status"] = 500
            errors += 1
        else:
            probs = [rng.random() for _ in range(10)]
            total = sum(probs)
            probs = [p / total for p in probs]
            request.update(status=200, prediction=max(range(10), key=lambda i: probs[i]), probs=probs)
            if k % 3 == 0:
                feedback.append(json.dumps({"id": request["id"], "target": rng.randrange(10)}) + "\n")
        lines.append(json.dumps(request) + "\n")
        if len(feedback) > 4:
            lines.append(feedback.pop(0))
    return lines + feedback, errors


def tmux(session, *args):
    return subprocess.run(["tmux", "-L", session, *args], capture_output=True, text=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--modeltop", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    modeltop = os.path.abspath(args.modeltop)
    for tool in ("prometheus", "promtool", "tmux"):
        if shutil.which(tool) is None:
            sys.exit(f"fleet-prometheus: {tool} is not installed (.ci/run installs Debian's prometheus and tmux)")
    root = tempfile.mkdtemp(prefix="modeltop-fleet-")
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(root, "cache"), XDG_CONFIG_HOME=os.path.join(root, "config"))
    env.pop("MODELTOP_CONFIG", None)
    processes = []
    session = f"modeltop-fleet-{os.getpid()}"
    try:
        run(root, env, modeltop, processes, session)
    finally:
        tmux(session, "kill-server")
        for process in processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print("kept", root)
    if PROBLEMS:
        print(f"fleet-prometheus: {len(PROBLEMS)} problem(s)", file=sys.stderr)
        sys.exit(1)
    print("fleet-prometheus: all checks passed")


def run(root, env, modeltop, processes, session):
    # ── The shipped rules, on their own ──
    rules = os.path.join(ROOT, "docs", "prometheus", "modeltop-rules.yml")
    check(subprocess.run(["promtool", "check", "rules", rules]).returncode == 0, "promtool check rules")
    check(subprocess.run(["promtool", "test", "rules", os.path.join(ROOT, "docs", "prometheus", "tests", "modeltop-rules-test.yml")]).returncode == 0,
          "promtool test rules (drift fires on the drift fixture, nothing on the clean one)")

    # ── Two replicas, written while they run ──
    header, first, second = split_production()
    rng = random.Random(18)
    replicas = []
    for name, rows in (("a", first), ("b", second)):
        directory = os.path.join(root, name)
        os.makedirs(directory)
        shutil.copy(os.path.join(ROOT, "fixtures", "digits", "ref_data.csv"), directory)
        lines, errors = log_lines(name, 120 + (30 if name == "b" else 0), rng)
        port = free_port()
        agent = subprocess.Popen(
            [modeltop, "watch", directory, "--headless", "--listen", f"127.0.0.1:{port}", "--interval", "500ms",
             "--only-changes", "--no-checkpoint", "--exit-with-parent"]
            + (["--metrics-file", os.path.join(root, "a.prom")] if name == "a" else []),
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(root, f"agent-{name}.err"), "w"), env=env)
        processes.append(agent)
        replicas.append({"name": name, "dir": directory, "rows": rows, "logs": lines, "errors": errors, "port": port, "agent": agent})
    for replica in replicas:
        wait_for(f"agent {replica['name']} serving /metrics", lambda r=replica: "modeltop" in get(f"http://127.0.0.1:{r['port']}/metrics"), 30)

    prom_port = free_port()
    base = f"http://127.0.0.1:{prom_port}"
    config = os.path.join(root, "prometheus.yml")
    shutil.copy(rules, os.path.join(root, "modeltop-rules.yml"))
    with open(config, "w") as f:
        f.write(
            f"global:\n  scrape_interval: {SCRAPE:g}s\n  evaluation_interval: 1s\n"
            "rule_files:\n  - modeltop-rules.yml\n"
            "scrape_configs:\n  - job_name: modeltop\n    static_configs:\n      - targets:\n"
            + "".join(f"          - 127.0.0.1:{r['port']}\n" for r in replicas))
    prometheus = subprocess.Popen(
        ["prometheus", f"--config.file={config}", f"--storage.tsdb.path={os.path.join(root, 'tsdb')}",
         f"--web.listen-address=127.0.0.1:{prom_port}"],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(root, "prometheus.err"), "w"))
    processes.append(prometheus)
    if not wait_for("Prometheus ready", lambda: "Ready" in get(f"{base}/-/ready"), 60):
        print(open(os.path.join(root, "prometheus.err")).read()[-2000:], file=sys.stderr)
        raise SystemExit(1)

    # Both agents scraped once before any row is written, so the counters' growth is seen (the
    # last-hour rules use increase(), which cannot count a series' first value).
    wait_for("Prometheus scraped both agents", lambda: sum(float(s["value"][1]) for s in query(base, 'up{job="modeltop"}')) == 2, 30)
    # The serving API's side: feedback rows appended in batches, requests logged as they come.
    batches = 6
    for replica in replicas:
        with open(os.path.join(replica["dir"], "prod_data.csv"), "w") as f:
            f.write(header)
    for k in range(batches):
        for replica in replicas:
            rows, logs = replica["rows"], replica["logs"]
            with open(os.path.join(replica["dir"], "prod_data.csv"), "a") as f:
                f.writelines(rows[k * len(rows) // batches:(k + 1) * len(rows) // batches])
            with open(os.path.join(replica["dir"], "predictions.jsonl"), "a") as f:
                f.writelines(logs[k * len(logs) // batches:(k + 1) * len(logs) // batches])
        time.sleep(0.7)
    total_rows = len(first) + len(second)
    wait_for("Prometheus has every row from both agents",
             lambda: sum(float(s["value"][1]) for s in query(base, 'modeltop_production_rows_total{job="modeltop"}')) == total_rows, 60)
    total_requests = sum(sum('"target"' not in line for line in r["logs"]) for r in replicas)
    wait_for("Prometheus has every request",
             lambda: sum(float(s["value"][1]) for s in query(base, 'modeltop_requests_total{job="modeltop"}')) == total_requests, 30)
    time.sleep(2.5)  # two rule evaluations past the last scrape

    # ── The fleet's figures against the report on both halves together ──
    together = os.path.join(root, "together.csv")
    with open(together, "w") as f:
        f.write(header)
        f.writelines(first + second)
    report = json.loads(subprocess.run(
        [modeltop, "report", "--ref", os.path.join(ROOT, "fixtures", "digits", "ref_data.csv"), "--prod", together, "--format", "json"],
        capture_output=True, text=True, env=env).stdout)
    expected_psi = {d["name"]: d["psi"] for d in report["drift"]["dimensions"]}
    fleet_psi = {s["metric"]["dimension"]: float(s["value"][1]) for s in query(base, "dimension:modeltop_psi:fleet")}
    check(set(fleet_psi) == set(expected_psi), f"fleet PSI for every dimension ({len(fleet_psi)} of {len(expected_psi)})")
    worst = max((abs(fleet_psi.get(name, math.inf) - psi) for name, psi in expected_psi.items()), default=math.inf)
    check(worst <= 1e-9, f"fleet PSI (recording rules) = report's decile PSI on the concatenation: largest difference {worst:.3g}")
    golden = json.load(open(os.path.join(ROOT, "fixtures", "goldens", "fleet_quality.json")))
    accuracy = float(query(base, "modeltop:accuracy:fleet")[0]["value"][1])
    f1 = float(query(base, "modeltop:f1_macro:fleet")[0]["value"][1])
    check(abs(accuracy - golden["accuracy"]) <= 1e-9, f"fleet accuracy {accuracy!r} = scikit-learn's {golden['accuracy']!r}")
    check(abs(f1 - golden["f1_macro"]) <= 1e-9, f"fleet macro F1 {f1!r} = scikit-learn's {golden['f1_macro']!r}")
    check(abs(report["quality"]["accuracy"] - golden["accuracy"]) <= 1e-12, "report's accuracy on the concatenation = scikit-learn's")
    requests = sum(float(s["value"][1]) for s in query(base, 'modeltop_requests_total{job="modeltop"}'))
    errors = sum(float(s["value"][1]) for s in query(base, 'modeltop_requests_total{job="modeltop",code="5xx"}'))
    written_errors = sum(r["errors"] for r in replicas)
    check(requests == total_requests, f"requests counted {requests:g} = written {total_requests}")
    check(errors == written_errors, f"5xx counted {errors:g} = written {written_errors}")
    ks = query(base, "dimension:modeltop_ks_grid:fleet")
    check(len(ks) == len(expected_psi) and all(0 <= float(s["value"][1]) <= 1 for s in ks), "fleet KS grid statistic per dimension")

    # ── Conventions ──
    for replica in replicas:
        scrape = get(f"http://127.0.0.1:{replica['port']}/metrics")
        lint = subprocess.run(["promtool", "check", "metrics"], input=scrape, capture_output=True, text=True)
        check(lint.returncode == 0 and not lint.stdout.strip() and not lint.stderr.strip(),
              f"promtool check metrics clean on agent {replica['name']} {lint.stdout.strip()} {lint.stderr.strip()}")
    with open(os.path.join(root, "a.prom")) as f:
        check(f.read() == get(f"http://127.0.0.1:{replicas[0]['port']}/metrics"), "--metrics-file holds what /metrics serves")
    dashboard = json.load(open(os.path.join(ROOT, "docs", "prometheus", "grafana-dashboard.json")))
    for panel in dashboard["panels"]:
        for target in panel["targets"]:
            try:
                answered = len(query(base, target["expr"])) > 0
            except Exception as error:
                answered = False
                print("     ", error)
            check(answered, f"Grafana panel '{panel['title']}' answers")

    # ── The console ──
    fleet = f"{modeltop} fleet --prometheus {base} --refresh 1s"
    tmux(session, "-f", "/dev/null", "new-session", "-d", "-x", "150", "-y", "45", f"env LANG=C.UTF-8 {fleet}")

    def screen():
        return tmux(session, "capture-pane", "-p").stdout

    wait_for("modeltop fleet shows both replicas' rows and the verdict",
             lambda: "2 replicas (2 up)" in screen() and "DRIFT" in screen() and f"accuracy {golden['accuracy']:.4f}" in screen(), 20)
    wait_for("the Fleet screen lists the drift alert pending (9 of 16 dimensions drifted)",
             lambda: "FleetDrift pending" in screen(), 10)
    print(screen())
    tmux(session, "send-keys", "2")
    wait_for("the Replicas screen lists both agents up",
             lambda: all(f"127.0.0.1:{r['port']}" in screen() for r in replicas) and screen().count(" up ") >= 2, 10)
    print(screen())
    stopped = replicas[1]
    start = time.monotonic()
    stopped["agent"].terminate()
    stopped["agent"].wait(timeout=10)
    marked = wait_for("the stopped agent marked stale", lambda: any(
        f"127.0.0.1:{stopped['port']}" in line and "stale" in line for line in screen().splitlines()), 4 * SCRAPE)
    if marked:
        took = time.monotonic() - start
        check(took <= 2 * SCRAPE + 0.5, f"stale within two scrape intervals: {took:.1f} s (interval {SCRAPE:g} s)")
    print(screen())
    wait_for("the Replicas screen shows the replica-down alert Prometheus evaluates on the stopped replica", lambda: any(
        f"127.0.0.1:{stopped['port']}" in line and "ReplicaDown pending" in line for line in screen().splitlines()), 4 * SCRAPE)
    print(screen())
    tmux(session, "send-keys", "1")
    wait_for("the Fleet screen is back", lambda: "KS ≥" in screen(), 5)
    # The stopped replica's counts stay in the fleet's figures (last_over_time, an hour).
    check(f"accuracy {golden['accuracy']:.4f}" in screen(), "the fleet console keeps the stopped replica's feedback")
    time.sleep(2.5)
    after = float(query(base, "modeltop:accuracy:fleet")[0]["value"][1])
    check(abs(after - golden["accuracy"]) <= 1e-9, f"the recording rules keep the stopped replica's feedback: accuracy {after!r}")
    print(screen())
    tmux(session, "send-keys", "2")
    prometheus.terminate()
    prometheus.wait(timeout=20)
    wait_for("Prometheus down is a notice, the figures stay",
             lambda: "connection refused" in screen() and f"127.0.0.1:{replicas[0]['port']}" in screen(), 10)
    print(screen())
    tmux(session, "send-keys", "q")
    wait_for("q quits the console", lambda: tmux(session, "list-panes").returncode != 0 or "$" in screen().strip()[-2:], 5)


if __name__ == "__main__":
    main()
