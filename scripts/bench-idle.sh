#!/usr/bin/env bash
# CPU of `modeltop watch --headless` with no new data (issue 15, "idle costs nothing"): starts it on
# the benchmark directory (bench-data: 1M production rows, 1M requests), waits for its first
# snapshot, then reads its CPU time from /proc over 20 s. Usage: scripts/bench-idle.sh [BINARY...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bench-data/prod_data.csv ] || { echo "run scripts/bench-report.sh and scripts/make_bench_logs.py first"; exit 2; }
binaries=("$@")
if [ ${#binaries[@]} -eq 0 ]; then
    swift build -c release --product modeltop >/dev/null
    binaries=("$(swift build -c release --show-bin-path)/modeltop")
fi
hz=$(getconf CLK_TCK)
for bin in "${binaries[@]}"; do
    out=$(mktemp)
    "$bin" watch bench-data --headless --interval 1s >"$out" 2>/dev/null &
    pid=$!
    while [ ! -s "$out" ]; do sleep 0.2; done
    sleep 2
    t0=$(awk '{print $14 + $15}' /proc/$pid/stat)
    sleep 20
    t1=$(awk '{print $14 + $15}' /proc/$pid/stat)
    rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    kill -TERM $pid
    wait $pid 2>/dev/null || true
    echo "$bin: $(awk "BEGIN {printf \"%.3f\", ($t1 - $t0) / $hz / 20}") cores over 20 s with no new data; $(wc -l <"$out") snapshots; RSS $rss KB"
    rm -f "$out"
done
