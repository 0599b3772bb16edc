#!/usr/bin/env bash
# Screening throughput and latency, standing against its peers on the same
# 10 MB corpus, one core each (BENCHMARKS.md). Needs Node.js and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
(cd bench && npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null)
go run ./bench/corpus -o bench/out/corpus.txt
echo "== go (GOMAXPROCS=1)"
{
  go test ./internal/screen -run '^$' -bench 'ScreenCorpus' -benchtime 10x -count 3 -cpu 1
  go test ./internal/screen -run '^$' -bench 'Screen300' -benchtime 300000x -count 3 -cpu 1
  go test ./internal/screen -run '^$' -bench 'RegexpBaseline' -benchtime 3x -cpu 1
} | grep -E '^(Benchmark|cpu|goos)' | tee bench/out/go.txt
echo "== npm peers (node, one thread)"
node bench/peers.mjs speed bench/out/corpus.txt | tee bench/out/peers.txt
ours=$(awk '/BenchmarkScreenCorpus/ {for (i=1;i<=NF;i++) if ($(i+1)=="MB/s") v=$i} END {print v}' bench/out/go.txt)
echo "== ratios (standing MB/s ÷ peer MB/s)"
awk -v ours="$ours" -F'\t' '{split($2, a, " "); printf "%-45s %6.1fx\n", $1, ours / a[1]}' bench/out/peers.txt
awk -v ours="$ours" '/BenchmarkRegexpBaseline/ {for (i=1;i<=NF;i++) if ($(i+1)=="MB/s") v=$i} END {printf "%-45s %6.1fx\n", "Go regexp baseline", ours / v}' bench/out/go.txt
