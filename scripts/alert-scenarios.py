"""The alerts of issue 16 on the demo's own stories, end to end (run by .ci/run).

For each scenario (incident, gradual), at once:
  - `modeltop demo --headless` writes the directory in real time (--speed 4: 45 s);
  - `modeltop watch DIR --headless --config cfg.toml` follows it and sends its alerts to a command
    (appending stdin to a file) and a webhook (scripts/alert-receiver.py on 127.0.0.1);
  - the dashboard runs on the same directory inside tmux with the same rules and no targets.
At the end each expected rule fired once (and, for the incident, resolved once), the command got
exactly what the webhook got, and the dashboard's Alerts screen lists them. Any failure, or a part
that cannot start, exits 1.

    python3 scripts/alert-scenarios.py --modeltop .build/debug/modeltop [--speed 4] [--keep DIR]
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = ["data_drift", "embedding_drift", "accuracy_low", "macro_f1_low", "accuracy_drop", "estimated_accuracy_low", "server_errors",
         "latency_p99", "low_confidence", "stale_data", "rejected_lines"]

# What each scenario must send: rule -> the statuses, in order, once each.
EXPECTED = {
    "incident": {"server_errors": ["firing", "resolved"], "latency_p99": ["firing", "resolved"]},
    "gradual": {"data_drift": ["firing"], "embedding_drift": ["firing"], "accuracy_low": ["firing"]},
}


def config(scenario, directory, port, targets):
    lines = ['interval = "2s"', "only_changes = true"]
    if targets:
        lines += [f'webhook = "http://127.0.0.1:{port}/hook"',
                  f"on_alert = \"cat >> '{directory}/command.log'; echo >> '{directory}/command.log'\""]
    # The story's own rules, held 5 s; the demo's latency is ~10 ms, its spike ~80 ms.
    watched = list(EXPECTED[scenario])
    for rule in RULES:
        lines.append(f"\n[alerts.{rule}]")
        if rule not in watched:
            lines.append("enabled = false")
            continue
        lines.append('for = "5s"')
        if rule == "latency_p99":
            lines.append("above = 40")
    return "\n".join(lines) + "\n"


def run_scenario(scenario, args, results):
    problems = []
    root = tempfile.mkdtemp(prefix=f"modeltop-alerts-{scenario}-")
    data = os.path.join(root, "d")
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(root, "cache"), XDG_STATE_HOME=os.path.join(root, "state"),
               XDG_CONFIG_HOME=os.path.join(root, "config"))
    env.pop("MODELTOP_CONFIG", None)
    receiver = subprocess.Popen([sys.executable, os.path.join(HERE, "alert-receiver.py"), "--port", "0",
                                 "--log", os.path.join(root, "posts.jsonl")], stdout=subprocess.PIPE, text=True)
    line = receiver.stdout.readline()
    if not line.startswith("listening "):
        results[scenario] = [f"alert-receiver.py did not start: {line!r}"]
        return
    port = int(line.split()[1])
    with open(os.path.join(root, "watch.toml"), "w") as f:
        f.write(config(scenario, root, port, targets=True))
    with open(os.path.join(root, "dashboard.toml"), "w") as f:
        f.write(config(scenario, root, port, targets=False))
    demo = subprocess.Popen([args.modeltop, "demo", "--headless", "--scenario", scenario, "--out", data,
                             "--speed", str(args.speed), "--seed", "1"], env=env,
                            stdout=open(os.path.join(root, "demo.out"), "w"), stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while not os.path.exists(os.path.join(data, "prod_data.csv")) and time.time() < deadline:
        time.sleep(0.1)
    watch = subprocess.Popen([args.modeltop, "watch", data, "--headless", "--config", os.path.join(root, "watch.toml")],
                             env=env, stdout=open(os.path.join(root, "watch.out"), "w"),
                             stderr=open(os.path.join(root, "watch.err"), "w"))
    session = f"modeltop-alerts-{scenario}-{os.getpid()}"
    tmux = ["tmux", "-L", session]
    dashboard = (f"XDG_CACHE_HOME={root}/cache2 XDG_STATE_HOME={root}/state LANG=C.UTF-8 "
                 f"{os.path.abspath(args.modeltop)} {data} --config {root}/dashboard.toml")
    subprocess.run(tmux + ["-f", "/dev/null", "new-session", "-d", "-x", "140", "-y", "45", dashboard], env=env, check=True)
    try:
        demo.wait(timeout=args.speed and 180 / args.speed + 60)
        time.sleep(12)  # the last resolution: the newest 200 requests clean, held for its `for`
        watch.send_signal(signal.SIGTERM)
        watch.wait(timeout=30)
        if watch.returncode != 0:
            problems.append(f"watch exited {watch.returncode}")
        subprocess.run(tmux + ["send-keys", "7"], check=True)
        time.sleep(1.5)
        screen = subprocess.run(tmux + ["capture-pane", "-p"], capture_output=True, text=True).stdout
    finally:
        subprocess.run(tmux + ["kill-server"], capture_output=True)
        for process in (demo, watch):
            if process.poll() is None:
                process.kill()
        receiver.kill()

    with open(os.path.join(root, "posts.jsonl")) as f:
        posts = [line for line in f.read().splitlines() if line]
    alerts = [json.loads(post) for post in posts]
    sent = {}
    for alert in alerts:
        sent.setdefault(alert["rule"], []).append(alert["status"])
    if sent != EXPECTED[scenario]:
        problems.append(f"webhook got {sent}, expected {EXPECTED[scenario]}")
    command_log = [line for line in open(os.path.join(root, "command.log")).read().splitlines() if line] \
        if os.path.exists(os.path.join(root, "command.log")) else []
    if sorted(command_log) != sorted(posts):
        problems.append(f"the command got {len(command_log)} alerts, the webhook {len(posts)}, or different ones")
    for rule, statuses in EXPECTED[scenario].items():
        for status in statuses:
            word = "FIRED" if status == "firing" else "RESOLVED"
            if not any(word in line and f"[{rule}]" in line for line in screen.splitlines()):
                problems.append(f"the dashboard's Alerts screen does not list {word} [{rule}]")
    print(f"{scenario}: webhook {len(posts)} alerts {sent}; command {len(command_log)}; "
          f"dashboard lists {sum(1 for l in screen.splitlines() if 'FIRED' in l or 'RESOLVED' in l)} events")
    if problems or args.keep:
        target = os.path.join(args.keep or tempfile.gettempdir(), f"alerts-{scenario}")
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(root, target, ignore=shutil.ignore_patterns("cache", "cache2"))
        with open(os.path.join(target, "alerts-screen.txt"), "w") as f:
            f.write(screen)
        print(f"{scenario}: files kept in {target}")
    shutil.rmtree(root, ignore_errors=True)
    results[scenario] = problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--modeltop", required=True)
    parser.add_argument("--speed", type=float, default=4)
    parser.add_argument("--keep")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("alert-scenarios: tmux is not installed")
    start = time.time()
    results = {}
    threads = [threading.Thread(target=run_scenario, args=(s, args, results)) for s in EXPECTED]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    failed = False
    for scenario in EXPECTED:
        for problem in results.get(scenario, ["did not finish"]):
            print(f"FAIL {scenario}: {problem}")
            failed = True
    print(f"alert scenarios: {time.time() - start:.0f} s, {'FAILED' if failed else 'passed'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
