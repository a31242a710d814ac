#!/usr/bin/env bash
# Two builds of the application, measured alternately in one run (docs/benchmarks.md, "Health
# probes and HTTP, before and after"): for each round and each build, start its server on the
# bench database, then `wrk -c16` predictions (req/s, p99) and bench/health-under-load.sh
# (probe p99 while predictions saturate the cores), then stop it. Only one server runs at a time.
#
#   BASE_REF=257f2de ROUNDS=2 bench/ab-servers.sh
#
# BASE_REF is checked out into a temporary worktree and built there; the other build is the
# working tree. Each build gets its own data and model directories under $BENCH_DIR/ab-<commit>,
# trains its model on the first start (same file, same seed: the same model) and reuses it after.
# Needs the bench data ($BENCH_DIR/bench.accdb and request bodies; docs/benchmarks.md) and wrk.
# Loopback only; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-/tmp/bench}
BASE_REF=${BASE_REF:?set BASE_REF to the commit to compare with}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-30s}
PORT_BASE=${PORT_BASE:-9981}
PORT_HEAD=${PORT_HEAD:-9982}
ACCDB=$BENCH_DIR/bench.accdb
BODIES=$BENCH_DIR/bodies-attributes.jsonl
for f in "$ACCDB" "$BODIES"; do [[ -s $f ]] || { echo "missing $f (docs/benchmarks.md)" >&2; exit 2; }; done
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 2; }

head_dir=$(pwd)
base_dir=$BENCH_DIR/ab-src-$BASE_REF
[[ -d $base_dir ]] || git worktree add -q --detach "$base_dir" "$BASE_REF"

props() { # label port dir; data and models per commit, so a model trained by one build is reused by that build only
  local id; id=$(git -C "$3" rev-parse --short HEAD)
  echo "-Dliberty.var.http.port=$2 -Dliberty.var.https.port=$(( $2 + 1000 ))" \
       "-Dliberty.env.ROUTINGML_DATA_DIR=$BENCH_DIR/ab-$id/data -Dliberty.env.ROUTINGML_MODELS_DIR=$BENCH_DIR/ab-$id/models" \
       "-Dliberty.env.ROUTINGML_ACCESS_FILE=$ACCDB"
}
build() { # label port dir
  (cd "$3" && mvn -B -q -DskipTests package && mvn -B -q liberty:create liberty:deploy $(props "$1" "$2" "$3"))
  local drop=$3/target/liberty/wlp/usr/servers/defaultServer/configDropins/overrides
  mkdir -p "$drop"
  echo '<server><httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1"/></server>' > "$drop/bench-loopback.xml"
}
running=
stop() { [[ -n $running ]] && "$running/target/liberty/wlp/bin/server" stop defaultServer >/dev/null 2>&1 || true; running=; }
trap stop EXIT
start() { # dir port
  running=$1
  "$1/target/liberty/wlp/bin/server" start defaultServer >/dev/null
  for _ in $(seq 1 900); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/health/ready") == 200 ]] && return 0
    sleep 1
  done
  echo "server in $1 not ready" >&2; exit 1
}

build base "$PORT_BASE" "$base_dir"
build head "$PORT_HEAD" "$head_dir"
echo "# A/B $(date -u +%FT%TZ): base $BASE_REF, head $(git rev-parse --short HEAD)$(git diff --quiet || echo '+dirty')"
for round in $(seq 1 "$ROUNDS"); do
  for side in base head; do
    if [[ $side == base ]]; then dir=$base_dir port=$PORT_BASE; else dir=$head_dir port=$PORT_HEAD; fi
    start "$dir" "$port"
    url=http://127.0.0.1:$port
    # warm-up: the JIT compiles the hot path for a while after a start
    wrk -t2 -c16 -d30s -s bench/post.lua "$url/api/predictions" -- "$BODIES" >/dev/null
    echo; echo "## round $round, $side ($(git -C "$dir" rev-parse --short HEAD)); uptime: $(uptime)"
    wrk -t2 -c16 -d"$DURATION" --latency -s bench/post.lua "$url/api/predictions" -- "$BODIES" \
      | grep -E 'Requests/sec| 99%| 50%|Non-2xx|Socket errors'
    URL=$url BENCH_DIR=$BENCH_DIR BODIES=$BODIES MODES=saturated PROBE_DELAY_MS=${PROBE_DELAY_MS:-10} \
      PROBE_SECONDS=${PROBE_SECONDS:-25} bench/health-under-load.sh | grep -vE '^# health|^uptime: |^background load prefix'
    stop
  done
done
