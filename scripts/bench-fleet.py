"""Benchmark for issue 18: what `--listen` costs the agent on the 1M x 32 benchmark data set.

Runs `modeltop watch DIR --headless` on bench-data (1M production rows, 60k reference rows, and
bench-data/logs when present) with and without `--listen`, in turn, RUNS times: the time to the
first snapshot line (the whole file read), with --listen the time until /metrics counts every row
(the agent counts after the first line is out), the time and size of one scrape, and peak memory
(ru_maxrss). Prints each run and the medians.

    swift build -c release --product modeltop
    python3 scripts/bench-fleet.py --modeltop .build/release/modeltop [--runs 3]
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one(modeltop, directory, listen):
    port = free_port()
    command = [modeltop, "watch", directory, "--headless", "--no-checkpoint", "--interval", "60s"]
    if listen:
        command += ["--listen", f"127.0.0.1:{port}"]
    env = dict(os.environ, XDG_CACHE_HOME=tempfile.mkdtemp())
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    line = process.stdout.readline()
    first = time.monotonic() - start
    rows = json.loads(line)["rows"]["production"]
    scrape = size = counted = None
    if listen:
        while True:
            begin = time.monotonic()
            body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read()
            if f"modeltop_production_rows_total {rows}\n".encode() in body:
                counted = time.monotonic() - start
                scrape, size = time.monotonic() - begin, len(body)
                break
            time.sleep(0.05)
    process.terminate()
    process.stdout.read()
    _, _, usage = os.wait4(process.pid, 0)
    return first, usage.ru_maxrss, scrape, size, counted


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--modeltop", required=True)
    parser.add_argument("--data", default=os.path.join(ROOT, "bench-data"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="modeltop-bench-fleet-")
    for name in ("ref_data.csv", "prod_data.csv"):
        os.symlink(os.path.abspath(os.path.join(args.data, name)), os.path.join(directory, name))
    if os.path.isdir(os.path.join(args.data, "logs")):
        os.symlink(os.path.abspath(os.path.join(args.data, "logs")), os.path.join(directory, "logs"))
    results = {False: [], True: []}
    for run in range(1, args.runs + 1):
        for listen in (False, True):
            first, peak, scrape, size, counted = one(os.path.abspath(args.modeltop), directory, listen)
            results[listen].append((first, peak, counted))
            extra = f", every row in /metrics at {counted:.2f} s, scrape {scrape * 1000:.1f} ms for {size:,} bytes" if listen else ""
            print(f"run {run} {'--listen' if listen else 'plain   '}: first snapshot {first:.2f} s, peak {peak / 1024:.0f} MB{extra}", flush=True)
    for listen in (False, True):
        firsts = [r[0] for r in results[listen]]
        peaks = [r[1] for r in results[listen]]
        counted = f", every row in /metrics at {statistics.median([r[2] for r in results[listen]]):.2f} s" if listen else ""
        print(f"median {'--listen' if listen else 'plain   '}: first snapshot {statistics.median(firsts):.2f} s{counted}, peak {statistics.median(peaks) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
