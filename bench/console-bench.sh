#!/usr/bin/env bash
# Browser console: how soon each page is interactive on a ~100k-item model (docs/benchmarks.md,
# "Browser console"). One command, from the project root:   bench/console-bench.sh
#
# Needs Debian's chromium and chromium-driver (as the browser ITs). What it does:
#  1. builds the application and starts its own Liberty server on $PORT/$HTTPS_PORT with data and
#     models under $BENCH_DIR; the first start generates a $ITEMS-item sample (about 100k routed
#     items) and trains on it, which takes several minutes (later starts load the model);
#  2. sends $PREDICTIONS predictions by ITEM_CD, so the drift page has a window and a history;
#  3. under `flock /tmp/routingml-bench.lock`, records `uptime` and runs ConsoleTiming (headless
#     Chromium: per page a first load, $RUNS loads and $RUNS in-app navigations);
#  4. stops the server (also on failure). Results: $BENCH_DIR/console-timing-<time>.txt
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR=${BENCH_DIR:-/tmp/console-bench}
PORT=${PORT:-9480}
HTTPS_PORT=${HTTPS_PORT:-9843}
ITEMS=${ITEMS:-134000}
RUNS=${RUNS:-10}
PREDICTIONS=${PREDICTIONS:-500}
CHROMEDRIVER_PORT=${CHROMEDRIVER_PORT:-0}
URL=http://127.0.0.1:$PORT
MVN_PROPS=(-Dliberty.var.http.port="$PORT" -Dliberty.var.https.port="$HTTPS_PORT"
           -Dliberty.env.ROUTINGML_DATA_DIR="$BENCH_DIR/data" -Dliberty.env.ROUTINGML_MODELS_DIR="$BENCH_DIR/models"
           -Dliberty.env.ROUTINGML_SAMPLE_ITEMS="$ITEMS" -Dliberty.env.ROUTINGML_SAMPLE_SHIFTED_ITEMS=400
           -Dliberty.env.ROUTINGML_RETRAIN_ON_DRIFT=false)
mkdir -p "$BENCH_DIR"
OUT=$BENCH_DIR/console-timing-$(date -u +%Y%m%dT%H%M%SZ).txt

stop() { mvn -q "${MVN_PROPS[@]}" liberty:stop >/dev/null 2>&1 || true; }
trap stop EXIT

mvn -q -DskipTests "${MVN_PROPS[@]}" package liberty:create liberty:deploy liberty:start
for _ in $(seq 1 720); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$URL/health/ready") == 200 ]] && break
  sleep 5
done
curl -sf "$URL/health/ready" >/dev/null || { echo "server not ready" >&2; exit 1; }

# ITEM_CDs of the sample are B000001, B000002, ...: every 97th of the first $PREDICTIONS * 97.
for i in $(seq 1 "$PREDICTIONS"); do
  printf -v code 'B%06d' $((i * 97 % ITEMS + 1))
  curl -s -o /dev/null "$URL/api/predictions" -H 'Content-Type: application/json' -d "{\"itemCode\":\"$code\",\"topK\":3}"
done

{
  echo "console timing, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo "(not a git checkout)"), $ITEMS-item sample"
  curl -s "$URL/api/models/active" | head -c 300; echo
  echo "uptime before: $(uptime)"
} | tee "$OUT"
flock /tmp/routingml-bench.lock mvn -q "${MVN_PROPS[@]}" -Dit.test=ConsoleTiming -Dbench.runs="$RUNS" \
  -Dbench.out="$OUT.table" -Dit.chromedriver.port="$CHROMEDRIVER_PORT" failsafe:integration-test
cat "$OUT.table" | tee -a "$OUT"
echo "uptime after: $(uptime)" | tee -a "$OUT"
rm -f "$OUT.table"
