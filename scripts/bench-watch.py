#!/usr/bin/env python3
"""Benchmark for watch mode (issue 5): a writer appends ROWS_PER_SECOND production rows a second
for SECONDS seconds (in 10 batches a second) to a directory that `modeltop watch --headless
--interval INTERVAL` follows (default 1s; the dashboard itself refreshes up to every 0.1 s). Prints modeltop's CPU use (share of one core, from /proc) and how long
after each write a snapshot showed its rows (p50/p99/max).

usage: scripts/bench-watch.py [SECONDS] [ROWS_PER_SECOND] [INTERVAL]   (needs a release build and bench-data/)
MODELTOP_BIN overrides the binary (default .build/release/modeltop). MODELTOP_BENCH_DASHBOARD=1 runs
the dashboard itself in tmux (120x40) instead, and reads the row count from its title line every 20 ms.
"""
import json, os, re, subprocess, sys, tempfile, threading, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 60
rate = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
interval = sys.argv[3] if len(sys.argv) > 3 else "1s"
binary = os.environ.get("MODELTOP_BIN") or os.path.join(root, ".build", "release", "modeltop")
source = os.path.join(root, "bench-data", "prod_data.csv")
work = tempfile.mkdtemp(prefix="modeltop-bench-watch-")
os.symlink(os.path.join(root, "bench-data", "ref_data.csv"), os.path.join(work, "ref_data.csv"))
src = open(source, "rb")
header = src.readline()
with open(os.path.join(work, "prod_data.csv"), "wb") as f:
    f.write(header)

dashboard = os.environ.get("MODELTOP_BENCH_DASHBOARD") == "1"
seen = []  # (time, production rows) per snapshot or screen update

if dashboard:
    subprocess.run(["tmux", "kill-session", "-t", "modeltop-bench"], stderr=subprocess.DEVNULL)
    subprocess.run(["tmux", "new-session", "-d", "-s", "modeltop-bench", "-x", "120", "-y", "40",
                    f"LANG=C.UTF-8 {binary} {work}"], check=True)
    pid = int(subprocess.run(["tmux", "list-panes", "-t", "modeltop-bench", "-F", "#{pane_pid}"],
                             capture_output=True, text=True).stdout.split()[0])

    class Pane:
        def __init__(self, pid):
            self.pid = pid

        def terminate(self):
            subprocess.run(["tmux", "send-keys", "-t", "modeltop-bench", "q"])

        def wait(self, timeout):
            subprocess.run(["tmux", "kill-session", "-t", "modeltop-bench"], stderr=subprocess.DEVNULL)

    proc = Pane(pid)

    def reader():
        title = re.compile(r"\(([0-9,]+) rows\) vs")
        last = -1
        while True:
            text = subprocess.run(["tmux", "capture-pane", "-p", "-t", "modeltop-bench", "-S", "0", "-E", "0"],
                                  capture_output=True, text=True).stdout
            match = title.search(text)
            if match:
                rows = int(match.group(1).replace(",", ""))
                if rows != last:
                    seen.append((time.monotonic(), rows))
                    last = rows
            time.sleep(0.02)
else:
    proc = subprocess.Popen([binary, "watch", work, "--headless", "--interval", interval],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def reader():
        for line in proc.stdout:
            try:
                rows = json.loads(line)["rows"]["production"]
            except (ValueError, KeyError):
                continue
            seen.append((time.monotonic(), rows))


threading.Thread(target=reader, daemon=True).start()
time.sleep(1.0)
clock_ticks = os.sysconf("SC_CLK_TCK")


def cpu_seconds():
    fields = open(f"/proc/{proc.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / clock_ticks


writes = []  # (time, total rows after the write)
total = 0
batch = rate // 10
cpu_start, wall_start = cpu_seconds(), time.monotonic()
with open(os.path.join(work, "prod_data.csv"), "ab") as out:
    for step in range(seconds * 10):
        lines = []
        while len(lines) < batch:
            line = src.readline()
            if not line:  # the source ran out: start again after its header
                src.seek(0)
                src.readline()
                continue
            lines.append(line)
        out.write(b"".join(lines))
        out.flush()
        total += batch
        writes.append((time.monotonic(), total))
        time.sleep(max(0, wall_start + (step + 1) * 0.1 - time.monotonic()))
time.sleep(3)
cpu = cpu_seconds() - cpu_start
wall = time.monotonic() - wall_start
proc.terminate()
proc.wait(timeout=30)
lags = []
for t, rows in writes:
    shown = next((s for s, r in seen if r >= rows and s >= t), None)
    if shown is not None:
        lags.append(shown - t)
lags.sort()
pick = lambda q: lags[min(len(lags) - 1, int(q * len(lags)))]
print(f"wrote {total} rows in {seconds} s ({rate}/s); snapshots: {len(seen)}; final rows seen: {seen[-1][1] if seen else 0}")
print(f"modeltop CPU: {cpu:.1f} s over {wall:.1f} s = {100 * cpu / wall:.0f}% of one core")
print(f"write -> snapshot showing it: p50 {pick(0.5):.2f} s, p99 {pick(0.99):.2f} s, max {lags[-1]:.2f} s ({len(lags)}/{len(writes)} writes seen)")
