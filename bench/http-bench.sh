#!/usr/bin/env bash
# HTTP throughput/latency and server start-time benchmark (docs/benchmarks.md).
#
# One command, from the project root:   bench/http-bench.sh
#
# Needs: the bench data in $BENCH_DIR (default /tmp/bench): bench.accdb and the request bodies,
# made by   java -cp target/bench/benchmarks.jar com.routingml.bench.BenchPrepare (docs/benchmarks.md);
# wrk (Debian package) and curl.
#
# What it does:
#  1. builds the application (default profile) and creates/deploys its own Liberty server on
#     loopback ports $PORT/$HTTPS_PORT, with data and model store under $BENCH_DIR/server-* and
#     routingml.access.file = $BENCH_DIR/bench.accdb (environment variables via liberty.env.*);
#  2. first start with an EMPTY model store: time from `server start` to /health/ready UP
#     (includes training on the ~100k routed items) — skipped with SKIP_TRAIN_START=1 if a model
#     is already there;
#  3. restart with the trained model in the store: time from `server start` to /health/ready UP;
#  4. wrk warm-up, then `wrk -t2 -c16 -d30s --latency` with rotating attribute bodies of new items,
#     then the same with itemCode bodies;
#  5. stops the server (also on failure or Ctrl-C).
# Before every measurement it waits (up to MAX_LOAD_WAIT s) for the 1-minute load to drop to
# $MAX_LOAD and records `uptime`. Results: $BENCH_DIR/results/http-<time>.txt
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR=${BENCH_DIR:-/tmp/bench}
PORT=${PORT:-9280}
HTTPS_PORT=${HTTPS_PORT:-9643}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-20s}
MAX_LOAD=${MAX_LOAD:-1.5}
MAX_LOAD_WAIT=${MAX_LOAD_WAIT:-600}
SKIP_TRAIN_START=${SKIP_TRAIN_START:-0}
RUNS=${RUNS:-attributes itemcode}   # which wrk runs

ACCDB=$BENCH_DIR/bench.accdb
ATTR_BODIES=$BENCH_DIR/bodies-attributes.jsonl
CODE_BODIES=$BENCH_DIR/bodies-itemcode.jsonl
for f in "$ACCDB" "$ATTR_BODIES" "$CODE_BODIES"; do
  [[ -s $f ]] || { echo "missing $f: run BenchPrepare first (docs/benchmarks.md)" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 2; }

URL=http://127.0.0.1:$PORT
WLP=target/liberty/wlp
MVN_PROPS=(-Dliberty.var.http.port="$PORT" -Dliberty.var.https.port="$HTTPS_PORT"
           -Dliberty.env.ROUTINGML_DATA_DIR="$BENCH_DIR/server-data"
           -Dliberty.env.ROUTINGML_MODELS_DIR="$BENCH_DIR/server-models"
           -Dliberty.env.ROUTINGML_ACCESS_FILE="$ACCDB")
mkdir -p "$BENCH_DIR/results"
OUT=$BENCH_DIR/results/http-$(date -u +%Y%m%dT%H%M%SZ).txt

log() { echo "$*" | tee -a "$OUT"; }

wait_for_load() {
  local waited=0 load
  while :; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" -v m="$MAX_LOAD" 'BEGIN { exit !(l <= m) }' || (( waited >= MAX_LOAD_WAIT )); then
      break
    fi
    echo "load $load > $MAX_LOAD, waiting (${waited}s so far)"
    sleep 60
    waited=$((waited + 60))
  done
  log "uptime before '$1': $(uptime)"
}

started=0
stop_server() {
  if (( started )); then
    mvn -B -q liberty:stop "${MVN_PROPS[@]}" >/dev/null 2>&1 || true
    if "$WLP/bin/server" status defaultServer >/dev/null 2>&1; then
      echo "WARNING: server defaultServer still running after liberty:stop" >&2
    fi
    started=0
  fi
}
trap stop_server EXIT

# Starts the server with the plain `server start` and sets ELAPSED to the seconds until
# /health/ready is 200. Not called in a subshell: `started` must reach the EXIT trap. Refuses to
# "start" a server that is already running (that would time nothing).
start_and_time() {
  local t0 t1 code
  if "$WLP/bin/server" status defaultServer >/dev/null 2>&1; then
    echo "server defaultServer is already running; stop it first" >&2; exit 1
  fi
  t0=$(date +%s.%N)
  started=1
  "$WLP/bin/server" start defaultServer >/dev/null
  while :; do
    code=$(curl -s -o "$BENCH_DIR/ready.json" -w '%{http_code}' "$URL/health/ready" || true)
    [[ $code == 200 ]] && break
    if grep -q ' failed: ' "$BENCH_DIR/ready.json" 2>/dev/null; then
      echo "start-up failed: $(cat "$BENCH_DIR/ready.json")" >&2; exit 1
    fi
    if awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { exit !(b - a > 900) }'; then
      echo "not ready after 900 s: $(cat "$BENCH_DIR/ready.json")" >&2; exit 1
    fi
    sleep 0.1
  done
  t1=$(date +%s.%N)
  ELAPSED=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
}

log "# routing-ml HTTP benchmark $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
log "java: $(java -version 2>&1 | head -1); cores: $(nproc); wrk: $(wrk -v 2>&1 | head -1)"

mvn -B -q -DskipTests package
mvn -B -q liberty:create liberty:deploy "${MVN_PROPS[@]}"
# Loopback only: server.xml listens on host="*"; this drop-in (inside target/, not the project's
# config) narrows the bench server to 127.0.0.1.
mkdir -p "$WLP/usr/servers/defaultServer/configDropins/overrides"
cat > "$WLP/usr/servers/defaultServer/configDropins/overrides/bench-loopback.xml" <<'XML'
<server><httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1"/></server>
XML

if [[ $SKIP_TRAIN_START != 1 ]]; then
  rm -rf "$BENCH_DIR/server-models" "$BENCH_DIR/server-data"
  wait_for_load "first start (empty model store: trains)"
  start_and_time
  log "first start, empty model store -> ready (includes training): $ELAPSED s"
  log "  $(curl -s "$URL/health/ready")"
  stop_server
fi

wait_for_load "start with trained model"
start_and_time
log "start with trained model in the store -> ready: $ELAPSED s"
log "  active model: $(curl -s "$URL/api/models/active" | head -c 400)"

run_wrk() { # label bodies duration
  log ""
  log "## $1"
  head -1 "$2" | curl -s -o /dev/null -w "  sample response: HTTP %{http_code}, %{size_download} bytes\n" \
    -H 'Content-Type: application/json' -d @- "$URL/api/predictions" | tee -a "$OUT"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency -s bench/post.lua "$URL/api/predictions" -- "$2" | tee -a "$OUT"
}

if [[ " $RUNS " == *" attributes "* ]]; then
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/post.lua "$URL/api/predictions" -- "$ATTR_BODIES" >/dev/null
  wait_for_load "wrk attributes"
  run_wrk "attributes bodies (new items), -t$THREADS -c$CONNECTIONS -d$DURATION" "$ATTR_BODIES" "$DURATION"
fi
if [[ " $RUNS " == *" itemcode "* ]]; then
  wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s bench/post.lua "$URL/api/predictions" -- "$CODE_BODIES" >/dev/null
  wait_for_load "wrk itemCode"
  run_wrk "itemCode bodies (attributes looked up in the Access view), -t$THREADS -c$CONNECTIONS -d$DURATION" "$CODE_BODIES" "$DURATION"
fi

log ""
log "drift status after the runs: $(curl -s "$URL/api/drift/status" | head -c 400)"
log "results: $OUT"
