#!/usr/bin/env bash
# Health probe latency while the server is under prediction load (issue 3: p99 <= 5 ms).
# Expects a running server with a trained model (e.g. the one bench/http-bench.sh starts, or
# `mvn liberty:start` with the -Dliberty.var/-Dliberty.env properties printed there) and the
# request bodies written by BenchPrepare. Loopback only; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
URL=${URL:-http://127.0.0.1:9280}
BENCH_DIR=${BENCH_DIR:-/tmp/bench}
BODIES=${BODIES:-$BENCH_DIR/bodies-attributes.jsonl}
DURATION=${DURATION:-30s}

curl -sf "$URL/health/ready" >/dev/null || { echo "server at $URL is not ready" >&2; exit 1; }
echo "# health under load $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
echo "uptime: $(uptime)"

echo; echo "## /health/ready, idle server"
wrk -t1 -c2 -d10s --latency "$URL/health/ready"

echo; echo "## prediction load in the background: wrk -t1 -c8 (attribute bodies), then the probes"
wrk -t1 -c8 -d60s -s bench/post.lua "$URL/api/predictions" -- "$BODIES" > "$BENCH_DIR/health-bg.txt" 2>&1 &
bg=$!
sleep 5
echo; echo "## /health/ready under load"
wrk -t1 -c2 -d"$DURATION" --latency "$URL/health/ready"
echo; echo "## /api/health under load"
wrk -t1 -c2 -d15s --latency "$URL/api/health"
wait $bg || true
echo; echo "## the background prediction load"
cat "$BENCH_DIR/health-bg.txt"
