#!/usr/bin/env bash
# Health probe latency while the server is under prediction load (issue 3: p99 <= 5 ms).
#
# Probes are sent the way a load balancer sends them: one at a time, each on a new connection,
# $PROBE_DELAY_MS ms apart for $PROBE_SECONDS s, timed by wrk (bench/probe.lua; curl's time_total
# carried 1-3 ms of curl's own overhead). Meanwhile wrk sends predictions in the background:
#   saturated  wrk -c8 closed loop: the server (and wrk, on the same 2 cores) at 100% CPU;
#   paced      the same 8 connections, each waiting $PACE_MS ms between requests (wrk delay()),
#              i.e. a busy but not overloaded server; the achieved rate is printed.
# Expects a running server with a trained model (e.g. the one bench/http-bench.sh starts, or
# `mvn liberty:start` with the -Dliberty.var/-Dliberty.env properties printed there) and the
# request bodies written by BenchPrepare. Loopback only; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
URL=${URL:-http://127.0.0.1:9280}
BENCH_DIR=${BENCH_DIR:-/tmp/bench}
BODIES=${BODIES:-$BENCH_DIR/bodies-attributes.jsonl}
PROBE_SECONDS=${PROBE_SECONDS:-30}
PROBE_DELAY_MS=${PROBE_DELAY_MS:-50}
PACE_MS=${PACE_MS:-10}
MODES=${MODES:-idle paced saturated}

curl -sf "$URL/health/ready" >/dev/null || { echo "server at $URL is not ready" >&2; exit 1; }
echo "# health probes under load $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
echo "uptime: $(uptime)"

# Prints wrk's latency distribution of sequential probes of $1 for $PROBE_SECONDS s: one connection,
# a new TCP connection per probe, $PROBE_DELAY_MS ms apart (bench/probe.lua).
probe() {
  echo "$1:"
  PROBE_DELAY_MS=$PROBE_DELAY_MS wrk -t1 -c1 -d"${PROBE_SECONDS}s" --latency -s bench/probe.lua "$URL$1" \
    | grep -E ' (50|90|99)%|requests in|Non-2xx|Socket errors'
}

for mode in $MODES; do
  echo; echo "## $mode"
  bg=
  case $mode in
    idle) ;;
    saturated) WRK_DELAY_MS=0 wrk -t1 -c8 -d600s -s bench/post.lua "$URL/api/predictions" -- "$BODIES" > "$BENCH_DIR/health-bg.txt" 2>&1 & bg=$! ;;
    paced) WRK_DELAY_MS=$PACE_MS wrk -t1 -c8 -d600s -s bench/post.lua "$URL/api/predictions" -- "$BODIES" > "$BENCH_DIR/health-bg.txt" 2>&1 & bg=$! ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
  [[ -n $bg ]] && sleep 5
  probe /health/ready
  probe /api/health
  if [[ -n $bg ]]; then
    kill -INT "$bg"; wait "$bg" || true
    echo "background predictions: $(grep -E 'Requests/sec' "$BENCH_DIR/health-bg.txt") ($(grep -E 'requests in' "$BENCH_DIR/health-bg.txt" | sed 's/^ *//'))"
    echo "uptime: $(uptime)"
  fi
done
