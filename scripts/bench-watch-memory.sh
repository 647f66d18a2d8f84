#!/usr/bin/env bash
# Memory of `modeltop watch --headless` (issue 15): resident memory once it has read every row
# and every log line of a directory: the 1 M-row benchmark set with its 1 M requests, and 10 M
# rows (the 1 M rows ten times) with 10 M requests (scripts/make_bench_logs.py), made in a scratch
# directory and deleted afterwards. Retention keeps the newest --retain rows and
# --feedback-horizon requests whole and the rest as counts, so the two figures should be close.
#   BASE_BIN=/path/to/older/modeltop  also measures an older binary.
#   SCRATCH=/dir                      where the 10 M file goes (default: a mktemp directory).
set -euo pipefail
source "$(dirname "$0")/bench-setup.sh"
scratch=${SCRATCH:-$(mktemp -d)}
mkdir -p "$scratch/w1" "$scratch/w10"
trap 'rm -rf "$scratch/w1" "$scratch/w10"' EXIT
cp "$data/ref_data.csv" "$scratch/w1/" && cp "$data/ref_data.csv" "$scratch/w10/"
cp "$data/prod_data.csv" "$scratch/w1/"
{ cat "$data/prod_data.csv"; for _ in $(seq 9); do tail -n +2 "$data/prod_data.csv"; done; } >"$scratch/w10/prod_data.csv"
[ -f "$data/logs/predictions.jsonl" ] || python3 scripts/make_bench_logs.py 1000000 "$data/logs"
mkdir -p "$scratch/w1/logs" "$scratch/w10/logs"
cp "$data/logs/predictions.jsonl" "$scratch/w1/logs/"
python3 scripts/make_bench_logs.py 10000000 "$scratch/w10/logs" >/dev/null
measure() {  # label binary directory rows requests
    local out pid start
    out=$(mktemp)
    start=$(date +%s.%N)
    "$2" watch "$3" --headless --interval 1s --logs "$3/logs" >"$out" 2>/dev/null &
    pid=$!
    until tail -n 1 "$out" 2>/dev/null | grep -q "\"production\": $4," && tail -n 1 "$out" | grep -q "\"requests\": $5,"; do
        sleep 0.2
        kill -0 "$pid" 2>/dev/null || { echo "$1: watch exited"; return; }
    done
    local seconds rss peak
    seconds=$(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $start}")
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
    peak=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    printf '%-24s all rows and requests read after %6s s: RSS %5d MB, peak %5d MB\n' "$1" "$seconds" "$rss" "$peak"
    rm -f "$out"
}
export XDG_CACHE_HOME="$scratch/cache"  # each run reads from the start: no checkpoint from the last
rm -rf "$XDG_CACHE_HOME"
measure "modeltop 1M + 1M" "$bin/modeltop" "$scratch/w1" 1000000 1000000
rm -rf "$XDG_CACHE_HOME"
measure "modeltop 10M + 10M" "$bin/modeltop" "$scratch/w10" 10000000 10000000
if [ -n "${BASE_BIN:-}" ]; then
    measure "base 1M + 1M" "$BASE_BIN" "$scratch/w1" 1000000 1000000
    measure "base 10M + 10M" "$BASE_BIN" "$scratch/w10" 10000000 10000000
fi
