#!/usr/bin/env bash
# Benchmark for the streamed `modeltop report` (issue 15): wall time and peak memory on the
# 1 M × 32 set and on a 10 M × 32 file (the 1 M rows ten times, about 3.3 GB, made in a scratch
# directory and deleted afterwards), beside the peer (pandas.read_csv + scipy.stats.ks_2samp over
# every dimension, scripts/bench-peer.py) on the 1 M set, run in turn in the same session.
#   BASE_BIN=/path/to/older/modeltop  also runs an older binary on the same files.
#   PYTHON=/path/to/python            a Python with pandas and scipy (skipped when absent).
#   SCRATCH=/dir                      where the 10 M file goes (default: a mktemp directory).
set -euo pipefail
source "$(dirname "$0")/bench-setup.sh"
scratch=${SCRATCH:-$(mktemp -d)}
trap 'rm -f "$scratch/prod_10m.csv"' EXIT
{ cat "$data/prod_data.csv"; for _ in $(seq 9); do tail -n +2 "$data/prod_data.csv"; done; } >"$scratch/prod_10m.csv"
run() {  # label binary production-file
    local line
    line=$( { /usr/bin/time -f "%e %U %S %M" "$2" report --ref "$data/ref_data.csv" --prod "$3" --format json >/dev/null; } 2>&1 | tail -1)
    read -r wall user sys peak <<<"$line"
    printf '%-28s wall %6.2f s  cpu %6.2f s  peak %5d MB\n' "$1" "$wall" "$(awk "BEGIN {print $user + $sys}")" "$((peak / 1024))"
}
"$bin/modeltop" report --ref "$data/ref_data.csv" --prod "$data/prod_data.csv" --format json >/dev/null  # warm the page cache
for round in 1 2 3; do
    run "modeltop 1M" "$bin/modeltop" "$data/prod_data.csv"
    [ -n "${BASE_BIN:-}" ] && run "base 1M" "$BASE_BIN" "$data/prod_data.csv"
    if [ -n "${PYTHON:-}" ]; then "$PYTHON" scripts/bench-peer.py "$data/ref_data.csv" "$data/prod_data.csv"; fi
done
for round in 1 2; do
    run "modeltop 10M" "$bin/modeltop" "$scratch/prod_10m.csv"
    [ -n "${BASE_BIN:-}" ] && run "base 10M" "$BASE_BIN" "$scratch/prod_10m.csv"
done
