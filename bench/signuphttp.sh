#!/usr/bin/env bash
# HTTP sign-ups at a fixed rate against `standing serve` over a population
# bench/linkage loaded (BENCHMARKS.md, issue 13): the server pinned to core
# 0, bench/signupload to core 1, each in its own process.
#
#   bench/signuphttp.sh sqlite /work/bench-data/linkage-near-1000000.db 1000000 [stream] [rate] [seconds]
#   bench/signuphttp.sh postgres 'postgres://...' 1000000 [stream] [rate] [seconds]
#
# Each run on one database needs a stream number no earlier run used (its
# sign-ups are new people). Loaded with bench/linkage -near -reuse, so
# the population is the near-match one and the signal secret is the
# benchmark's.
#
# SERVER_CPUS (default 0) is the server's taskset list: 0,1 lets it use
# both cores while the load generator stays on core 1. BIN names a folder
# with standing and signupload already built (to compare two commits on
# one database); by default both are built from this tree.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=$1 db=$2 accounts=$3 stream=${4:-100} rate=${5:-500} seconds=${6:-30}
out=$(mktemp -d)
trap 'if [ -n "${server:-}" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$out"' EXIT
if [ -n "${BIN:-}" ]; then
  cp "$BIN/standing" "$BIN/signupload" "$out/"
else
  go build -o "$out/standing" ./cmd/standing
  go build -o "$out/signupload" ./bench/signupload
fi
export STANDING_SIGNAL_SECRET=bench-linkage-signal-secret
if [ "$engine" = postgres ]; then where=(--database-url "$db"); else where=(--db "$db"); fi
export STANDING_KEY=$("$out/standing" keys create --role integration --name "signupload $stream" "${where[@]}" | tail -1)
taskset -c "${SERVER_CPUS:-0}" "$out/standing" serve --addr 127.0.0.1:18090 "${where[@]}" 2>"$out/serve.log" &
server=$!
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:18090/healthz && break; sleep 0.2; done
echo "engine $engine, $accounts accounts, stream $stream, server on cores ${SERVER_CPUS:-0}; $(uptime)"
# The server's CPU time (user + system, clock ticks) over the run: on a
# shared machine it says what a sign-up costs when the wall clock cannot.
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
taskset -c 1 "$out/signupload" -url http://127.0.0.1:18090 -near -accounts "$accounts" -stream "$stream" -rate "$rate" -seconds "$seconds" -warmup 2 || true
requests=$((rate * (seconds + 2)))
echo "server CPU per request: $(( ($(ticks) - before) * 1000000 / hz / requests )) µs (over $requests requests, with the time it idled between them)"
echo "after: $(uptime)"
