# Sourced by the benchmark scripts: release builds of modeltop and its data generator, and the
# benchmark data set in $BENCH_DATA (default bench-data/, git-ignored), generated once.
# Sets `data` and `bin`; leaves the working directory at the package root.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
data=${BENCH_DATA:-bench-data}
swift build -c release --product modeltop >/dev/null
swift build -c release --product modeltop-benchdata >/dev/null
bin=$(swift build -c release --show-bin-path)
if [ ! -f "$data/prod_data.csv" ]; then
    echo "generating $data (once)…"
    "$bin/modeltop-benchdata" "$data"
fi
