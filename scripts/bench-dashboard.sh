#!/usr/bin/env bash
# Benchmark for `modeltop dashboard` (issue 3): keypress→screen latency and idle CPU of the
# release binary, driven inside a private tmux server at 120×40 on the digits fixtures.
# Targets: <= 30 ms from a key to the changed screen; < 1% CPU while idle.
#
# Latency: the time from `tmux send-keys` (switching between the Overview and Drift screens)
# until `tmux capture-pane` shows the other screen. Each tmux call is a process start and a
# socket round trip (a few ms), so the figures are upper bounds on the dashboard's own latency.
# Idle CPU: utime+stime from /proc/PID/stat, before and after IDLE_SECONDS of no input.
#
# Environment: SAMPLES (default 200), IDLE_SECONDS (default 60), SCRATCH (swift build
# --scratch-path, default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
samples=${SAMPLES:-200}
idle=${IDLE_SECONDS:-60}
scratch=${SCRATCH:-.build}
command -v tmux >/dev/null || { echo "bench-dashboard: tmux is required" >&2; exit 2; }
swift build -c release --product modeltop --scratch-path "$scratch" >/dev/null
bin=$(swift build -c release --show-bin-path --scratch-path "$scratch")/modeltop
socket="modeltop-bench-$$"
work=$(mktemp -d)
tmuxc() { tmux -L "$socket" -f /dev/null "$@"; }
cleanup() { tmuxc kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

tmuxc new-session -d -x 120 -y 40 \
    "echo \$\$ > $work/pid; exec env TERM=xterm-256color LC_ALL=C.UTF-8 $bin dashboard --ref fixtures/digits/ref_data.csv --prod fixtures/digits/prod_data.csv"
wait_for() {  # wait_for TEXT: poll the pane until TEXT shows (10 s at most)
    local deadline=$(( $(date +%s%N) + 10000000000 ))
    until tmuxc capture-pane -p | grep -qF -- "$1"; do
        [ "$(date +%s%N)" -lt "$deadline" ] || { echo "bench-dashboard: timed out waiting for '$1'" >&2; exit 1; }
    done
}
wait_for "Worst dimensions"
pid=$(cat "$work/pid")

# Keypress → screen: alternate 2 (Drift: "verdict by") and 1 (Overview: "Worst dimensions").
for i in $(seq "$samples"); do
    if [ $((i % 2)) -eq 1 ]; then key=2 marker="verdict by"; else key=1 marker="Worst dimensions"; fi
    start=$(date +%s%N)
    tmuxc send-keys "$key"
    wait_for "$marker"
    echo $(( ($(date +%s%N) - start) / 1000 ))
done | sort -n > "$work/latency"
# The floor: one send-keys plus one capture-pane with nothing to wait for.
for i in $(seq 50); do
    start=$(date +%s%N)
    tmuxc send-keys ""
    tmuxc capture-pane -p >/dev/null
    echo $(( ($(date +%s%N) - start) / 1000 ))
done | sort -n > "$work/floor"
pick() { sed -n "$(( ($(wc -l < "$1") * $2 + 99) / 100 ))p" "$1"; }
awk -v p50="$(pick "$work/latency" 50)" -v p95="$(pick "$work/latency" 95)" -v max="$(tail -1 "$work/latency")" \
    -v floor="$(pick "$work/floor" 50)" -v n="$samples" \
    'BEGIN { printf "keypress→screen (%d samples): p50 %.1f ms, p95 %.1f ms, max %.1f ms (tmux round-trip floor p50 %.1f ms)\n", n, p50/1000, p95/1000, max/1000, floor/1000 }'

# Idle CPU: no keys for $idle seconds.
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
sleep "$idle"
after=$(ticks)
awk -v d=$((after - before)) -v hz="$hz" -v s="$idle" \
    'BEGIN { printf "idle CPU over %d s: %.2f s of CPU = %.3f%%\n", s, d/hz, 100*d/hz/s }'
