#!/usr/bin/env bash
# Benchmark for issue 17: what the whole-embedding tests add to `modeltop report` on the 1M × 32
# benchmark (60,000 reference rows). Runs this build and an earlier binary in turn, so a machine
# whose speed drifts affects both alike, and prints each run and the medians.
#   scripts/bench-embedding.sh /path/to/earlier/modeltop [runs]
# Issue 17's target: the tests add ≤ 0.5 s. The earlier binary is any build before them (6a5132c).
set -euo pipefail
earlier=${1:?usage: scripts/bench-embedding.sh EARLIER_MODELTOP [RUNS]}
runs=${2:-5}
source "$(dirname "$0")/bench-setup.sh"
args=(report --ref "$data/ref_data.csv" --prod "$data/prod_data.csv" --format json)
"$bin/modeltop" "${args[@]}" >/dev/null || true     # page cache warm-up
declare -A walls
for run in $(seq "$runs"); do
    for name in earlier now; do
        exe=$([ "$name" = now ] && echo "$bin/modeltop" || echo "$earlier")
        # Exit status 1 (a drift found) is an answer, not a failure.
        line=$( { /usr/bin/time -f "%e %U %S %M" "$exe" "${args[@]}" >/dev/null || true; } 2>&1 | grep -E "^[0-9.]+ " | tail -1)
        read -r wall user sys peak <<<"$line"
        echo "run $run $name: wall $wall s, cpu $(awk "BEGIN {print $user + $sys}") s, peak $peak KB"
        walls[$name]+="$wall "
    done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
now=$(median "${walls[now]}"); before=$(median "${walls[earlier]}")
echo "median wall: now $now s, earlier $before s, added $(awk "BEGIN {printf \"%.2f\", $now - $before}") s over $runs runs (target <= 0.5 s)"
