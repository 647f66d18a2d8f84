#!/usr/bin/env bash
# Benchmark for `modeltop report` (issue 2): 60,000 reference rows, 1,000,000 production rows,
# 32 embedding columns, 10 classes. Prints wall time and peak memory of the release binary.
# Target on a 2-core machine: <= 1.0 s wall and <= 400 MB peak.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${BENCH_DATA:-bench-data}
swift build -c release --product modeltop >/dev/null
swift build -c release --product modeltop-benchdata >/dev/null
bin=$(swift build -c release --show-bin-path)
if [ ! -f "$data/prod_data.csv" ]; then
    echo "generating $data (once)…"
    "$bin/modeltop-benchdata" "$data"
fi
ls -l "$data"/ref_data.csv "$data"/prod_data.csv | awk '{printf "%s %.1f MB\n", $9, $5/1e6}'
# One warm-up run so the files are in the page cache, as on a serving box that just wrote them.
"$bin/modeltop" report --ref "$data/ref_data.csv" --prod "$data/prod_data.csv" --format json >/dev/null || true
for run in 1 2 3; do
    /usr/bin/time -f "run $run: wall %e s, peak %M KB, cpu %P" \
        "$bin/modeltop" report --ref "$data/ref_data.csv" --prod "$data/prod_data.csv" --format json >/dev/null || true
done
