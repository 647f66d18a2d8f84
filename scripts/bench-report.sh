#!/usr/bin/env bash
# Benchmark for `modeltop report` (issue 2): 60,000 reference rows, 1,000,000 production rows,
# 32 embedding columns, 10 classes. Prints wall time and peak memory of the release binary.
# Issue 2's target on a 2-core machine: <= 1.0 s wall and <= 400 MB peak (in memory); the streamed
# report of issue 15 takes about 1.5 s and 150 MB (docs/BENCHMARKS.md).
set -euo pipefail
source "$(dirname "$0")/bench-setup.sh"
ls -l "$data"/ref_data.csv "$data"/prod_data.csv | awk '{printf "%s %.1f MB\n", $9, $5/1e6}'
# One warm-up run so the files are in the page cache, as on a serving box that just wrote them.
"$bin/modeltop" report --ref "$data/ref_data.csv" --prod "$data/prod_data.csv" --format json >/dev/null || true
# CPU time is printed too: on a VM whose speed drifts, it is the steadier of the two signals.
runs=${BENCH_RUNS:-5}
walls=()
for run in $(seq "$runs"); do
    line=$( { /usr/bin/time -f "%e %U %S %M" \
        "$bin/modeltop" report --ref "$data/ref_data.csv" --prod "$data/prod_data.csv" --format json >/dev/null; } 2>&1 | tail -1)
    read -r wall user sys peak <<<"$line"
    echo "run $run: wall $wall s, cpu $(awk "BEGIN {print $user + $sys}") s (user $user, sys $sys), peak $peak KB"
    walls+=("$wall")
done
echo "median wall: $(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}') s over $runs runs (target <= 1.0 s, <= 400 MB)"
