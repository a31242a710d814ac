#!/usr/bin/env bash
# Health probe latency while the server is under prediction load (issue 3: p99 <= 5 ms).
#
# Probes are sent the way a load balancer sends them: one at a time, each on a new connection,
# $PROBE_DELAY_MS ms apart for $PROBE_SECONDS s, timed by wrk (bench/probe.lua; curl's time_total
# carried 1-3 ms of curl's own overhead). Meanwhile wrk sends predictions in the background:
#   saturated  wrk -c8 closed loop: the server (and wrk, on the same 2 cores) at 100% CPU;
#   paced      the same 8 connections, each waiting $PACE_MS ms between requests (wrk delay()),
#              i.e. a busy but not overloaded server; the achieved rate is printed.
# The load generator and the probe client share the server's 2 cores, where a load balancer and the
# callers would have machines of their own. By default they are kept off the server's CPU as far as
# one box allows: the background wrk runs at nice 19 ($BG_PREFIX) and, when run as root, the probe
# client at real-time priority ($PROBE_PREFIX, chrt). Set both to "" for the plain figures.
# FLOOR=1 adds a reference: the same probes against a trivial Python HTTP server under the same
# paced load, i.e. what this box costs any server. If the Liberty server writes an access log with
# %D last but one (see docs/benchmarks.md), ACCESS_LOG=<path> adds the server's own time per probe.
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
BG_PREFIX=${BG_PREFIX-nice -n 19}
if [[ $(id -u) == 0 ]]; then PROBE_PREFIX=${PROBE_PREFIX-chrt -f 50}; else PROBE_PREFIX=${PROBE_PREFIX-}; fi
ACCESS_LOG=${ACCESS_LOG:-}
FLOOR=${FLOOR:-0}
# Seconds of saturating predictions before the first measurement: the JIT keeps compiling for minutes
# after a start, and probes measured meanwhile are slower (docs/benchmarks.md, session 5).
WARMUP_SECONDS=${WARMUP_SECONDS:-0}

curl -sf "$URL/health/ready" >/dev/null || { echo "server at $URL is not ready" >&2; exit 1; }
echo "# health probes under load $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
echo "uptime: $(uptime)"
echo "background load prefix: '${BG_PREFIX}', probe client prefix: '${PROBE_PREFIX}'"

# Prints wrk's latency distribution of sequential probes of $1 for $PROBE_SECONDS s: one connection,
# a new TCP connection per probe, $PROBE_DELAY_MS ms apart (bench/probe.lua).
probe() {
  local base=${2:-$URL} mark=0
  echo "$1 ($base):"
  [[ -n $ACCESS_LOG ]] && mark=$(wc -l < "$ACCESS_LOG")
  PROBE_DELAY_MS=$PROBE_DELAY_MS $PROBE_PREFIX wrk -t1 -c1 -d"${PROBE_SECONDS}s" --latency -s bench/probe.lua "$base$1" \
    | grep -E ' (50|90|99)%|requests in|Non-2xx|Socket errors'
  if [[ -n $ACCESS_LOG && $base == "$URL" ]]; then
    # %D (microseconds from reading the request to the end of the response) of this run's probes
    tail -n +"$((mark + 1))" "$ACCESS_LOG" | awk -v p="GET $1 " 'index($0, p) == 1 { print $(NF-1) }' | sort -n \
      | awk '{ a[NR] = $1 } END { if (NR) printf "    server time (access log %%D, %d probes): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms\n", NR, a[int(NR*0.5)]/1000, a[int(NR*0.9)]/1000, a[int(NR*0.99)]/1000 }'
  fi
}

if (( WARMUP_SECONDS > 0 )); then
  echo "warm-up: $WARMUP_SECONDS s of saturating predictions"
  WRK_DELAY_MS=0 $BG_PREFIX wrk -t1 -c8 -d"${WARMUP_SECONDS}s" -s bench/post.lua "$URL/api/predictions" -- "$BODIES" | grep -E 'Requests/sec' || true
fi

floor_pid=
if [[ $FLOOR == 1 ]]; then
  floor_dir=$(mktemp -d); echo '{"status":"UP"}' > "$floor_dir/ready"
  (cd "$floor_dir" && exec python3 -m http.server 9399 --bind 127.0.0.1 >/dev/null 2>&1) & floor_pid=$!
  trap 'kill $floor_pid 2>/dev/null || true' EXIT
  sleep 1
fi

for mode in $MODES; do
  echo; echo "## $mode"
  bg=
  case $mode in
    idle) ;;
    saturated) WRK_DELAY_MS=0 $BG_PREFIX wrk -t1 -c8 -d600s -s bench/post.lua "$URL/api/predictions" -- "$BODIES" > "$BENCH_DIR/health-bg.txt" 2>&1 & bg=$! ;;
    paced) WRK_DELAY_MS=$PACE_MS $BG_PREFIX wrk -t1 -c8 -d600s -s bench/post.lua "$URL/api/predictions" -- "$BODIES" > "$BENCH_DIR/health-bg.txt" 2>&1 & bg=$! ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
  [[ -n $bg ]] && sleep 5
  probe /health/ready
  probe /api/health
  [[ -n $floor_pid && $mode == paced ]] && probe /ready http://127.0.0.1:9399
  if [[ -n $bg ]]; then
    kill -INT "$bg"; wait "$bg" || true
    echo "background predictions: $(grep -E 'Requests/sec' "$BENCH_DIR/health-bg.txt") ($(grep -E 'requests in' "$BENCH_DIR/health-bg.txt" | sed 's/^ *//'))"
    echo "uptime: $(uptime)"
  fi
done
