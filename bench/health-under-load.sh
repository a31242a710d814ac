#!/usr/bin/env bash
# Health probe latency while the server is under prediction load (issue 3: p99 <= 5 ms).
#
# Probes are sent the way a load balancer sends them: one at a time, on a fresh connection, at a
# fixed interval (curl every $PROBE_INTERVAL s, $PROBES probes), and timed by curl (time_total:
# connect + request + response). Meanwhile wrk sends predictions in the background:
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
PROBES=${PROBES:-600}
PROBE_INTERVAL=${PROBE_INTERVAL:-0.05}
PACE_MS=${PACE_MS:-10}
MODES=${MODES:-idle paced saturated}

curl -sf "$URL/health/ready" >/dev/null || { echo "server at $URL is not ready" >&2; exit 1; }
echo "# health probes under load $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
echo "uptime: $(uptime)"

# Prints p50/p90/p99/max in ms of $PROBES sequential probes of $1.
probe() {
  local path=$1 i
  for ((i = 0; i < PROBES; i++)); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$URL$path"
    sleep "$PROBE_INTERVAL"
  done | sort -k2 -n | awk -v p="$path" '
    { code[NR] = $1; t[NR] = $2 * 1000; if ($1 != 200) bad++ }
    END { n = NR; printf "%s: %d probes, non-200 %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
          p, n, bad, t[int(n * 0.50)], t[int(n * 0.90)], t[int(n * 0.99)], t[n] }'
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
