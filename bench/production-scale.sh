#!/usr/bin/env bash
# Production-shape scale run (docs/benchmarks.md, "Production shape"). Too slow for CI; one command:
#
#   flock /tmp/routingml-bench.lock bench/production-scale.sh --http-port 20180 --https-port 20181
#
# On a sample of the plant's shape (SampleDatabaseGenerator --profile production: 325,000 items,
# ~178,000 with a routing in force, ~1.1M routing rows, work orders), generated once and kept:
#  1. generation: time and file size (skipped when the file exists);
#  2. first start with an empty model store on a Liberty server of its own (ports as given,
#     -Xmx as given, default 2g): seconds to /health/ready (reads the file, trains, saves, serves);
#  3. three starts with the trained model in the store: seconds to /health/ready each;
#  4. the monthly job (POST /api/retrain, default settings: the whole catalog), cold (nothing opened
#     the Access file since the start): job and step times, extract phases, peak heap;
#  5. the check that the promoted model covers the catalog: its items against the items with a
#     routing in force, counted with plain SQL over the file (com.routingml.bench.CatalogCount);
#  6. in-process top-10 (JMH PredictionBenchmark.recommend) on the promoted model.
# Heap: a G1 log of the server (-Xlog:gc): the largest occupancy before a collection and after one
# in each phase's window, plus full collections. `uptime` before each phase. No assertions: the
# figures go into docs/benchmarks.md by hand. Everything is written under <work>/ (default
# /tmp/scalebench): the sample, and per run <work>/run-<time>/ with result.json, run.log, gc.log,
# execution.json, messages.log, jmh-recommend.json.
#
# Options: --work DIR, --xmx SIZE, --as-of YYYY-MM-DD (the sample's day, default today), --skip-jmh,
# --models-from DIR (start from a copy of a model store: no first start), --max-load L (wait before
# each timed phase until the 1-minute load is at most L, for at most --max-load-wait seconds, 1800).
#
# Needs Java 17, Maven, curl, python3. Builds the application and the benchmark jar itself.
set -euo pipefail
cd "$(dirname "$0")/.."

HTTP=9590 HTTPS=9953 WORK=/tmp/scalebench XMX=2g AS_OF="" SKIP_JMH=0 MODELS_FROM="" MAX_LOAD="" MAX_LOAD_WAIT=1800
while [ $# -gt 0 ]; do
  case "$1" in
    --http-port) HTTP=$2; shift 2 ;;
    --https-port) HTTPS=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --xmx) XMX=$2; shift 2 ;;
    # the sample's day (default today): expired routings end before it, planned ones start after it
    --as-of) AS_OF=$2; shift 2 ;;
    --skip-jmh) SKIP_JMH=1; shift ;;
    # a model store to start from: no first start (its training) is timed
    --models-from) MODELS_FROM=$2; shift 2 ;;
    # before each timed phase, wait (at most --max-load-wait seconds) until the 1-minute load is at most this
    --max-load) MAX_LOAD=$2; shift 2 ;;
    --max-load-wait) MAX_LOAD_WAIT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
TODAY=$(date +%F)
AS_OF=${AS_OF:-$TODAY}
ACCDB="$WORK/production-$AS_OF.accdb"
RUN="$WORK/run-$(date -u +%Y%m%dT%H%M%SZ)"
SERVER=scaleBench
WLP=target/liberty/wlp
PW="bench-$(date +%s)-$RANDOM"
BASE="http://127.0.0.1:$HTTP"
mkdir -p "$RUN"
PHASES="$RUN/phases.jsonl"
log() { echo "$(date -u +%T) $*" | tee -a "$RUN/run.log"; }
# Waits until the 1-minute load is at most --max-load (if given), at most --max-load-wait seconds.
quiet() {
  [ -n "$MAX_LOAD" ] || return 0
  local waited=0
  until awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$MAX_LOAD" 'BEGIN { exit !(l <= m) }' \
      || [ "$waited" -ge "$MAX_LOAD_WAIT" ]; do
    sleep 30
    waited=$((waited + 30))
  done
}
phase() { # name key=value... (numbers or quoted strings), appended as one JSON object
  python3 - "$PHASES" "$@" <<'PY'
import json, sys
out, name, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
o = {"phase": name}
for kv in rest:
    k, v = kv.split("=", 1)
    try:
        o[k] = json.loads(v)
    except ValueError:
        o[k] = v
open(out, "a").write(json.dumps(o) + "\n")
PY
}

log "building the application and the benchmark jar (commit $(git rev-parse --short HEAD))"
# clean: classes of moved or deleted sources must not reach the WAR
mvn -B -q -DskipTests clean package liberty:create liberty:deploy >/dev/null
mvn -B -q -Pbench -DskipTests package >/dev/null
JAR="$RUN/benchmarks.jar"
# copies, so a build running meanwhile cannot restart the application or change the tools mid-run
cp target/bench/benchmarks.jar "$JAR"
cp target/routing-ml.war "$RUN/routing-ml.war"

# 1. the production-shape file
if [ ! -f "$ACCDB" ]; then
  log "generating $ACCDB; $(uptime)"
  LOAD=$(uptime)
  t0=$(date +%s.%N)
  java -Xmx1g -cp "$JAR" com.routingml.sample.SampleDatabaseGenerator --out "$ACCDB" --profile production \
    --as-of "$AS_OF" 2>&1 | tee "$RUN/generate.log"
  t1=$(date +%s.%N)
  SUMMARY=$(grep -o 'Summary\[.*\]' "$RUN/generate.log" | tail -1)
  phase generate seconds="$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')" bytes="$(stat -c %s "$ACCDB")" \
    summary="\"$SUMMARY\"" load="\"$LOAD\""
else
  log "reusing $ACCDB ($(stat -c %s "$ACCDB") bytes)"
fi

# A server of its own next to defaultServer: same configuration and application, other ports and dirs.
. bench/bench-server.sh
bench_server "$SERVER" "$HTTP" "$HTTPS" "$RUN" "$ACCDB" "$XMX" "$PW" "$RUN/routing-ml.war"

PID=""
stop() {
  if [ -n "$PID" ]; then
    "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true
    PID=""
  fi
}
trap stop EXIT
uptime_ms() { jcmd "$PID" VM.uptime | awk 'NR==2 {printf "%d", $1 * 1000}'; }
# Starts the server; sets READY (seconds from `server start` to /health/ready 200) and PID.
start() {
  local t0 t1
  t0=$(date +%s.%N)
  "$WLP/bin/server" start "$SERVER" >/dev/null
  PID=$(cat "$WLP/usr/servers/.pid/$SERVER.pid")
  until [ "$(curl -s -o "$RUN/ready.json" -w '%{http_code}' "$BASE/health/ready")" = 200 ]; do
    if grep -q ' failed: ' "$RUN/ready.json" 2>/dev/null; then
      echo "start-up failed: $(cat "$RUN/ready.json")" >&2; exit 1
    fi
    if awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{exit !(b - a > 3600)}'; then
      echo "not ready after an hour" >&2; exit 1
    fi
    sleep 0.2
  done
  t1=$(date +%s.%N)
  READY=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
}
# Heap figures of the GC log between two JVM uptimes (ms): peak before a collection, peak after, full GCs.
heap() {
  python3 - "$RUN/gc.log" "$1" "$2" <<'PY'
import re, sys
log, lo, hi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
unit = {"K": 1 / 1024, "M": 1, "G": 1024}
before, after, full = [], [], 0
for line in open(log):
    m = re.match(r"\[(\d+)ms\].*?(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)", line)
    if m and lo <= int(m.group(1)) <= hi:
        before.append(int(m.group(2)) * unit[m.group(3)])
        after.append(int(m.group(4)) * unit[m.group(5)])
        full += "Pause Full" in line
peak = round(max(before)) if before else 0
live = round(max(after)) if after else 0
print(f"peakHeapMiB={peak} maxAfterGcMiB={live} fullGcs={full}")
PY
}

# The served model's version, size and holdout accuracy, as JSON.
active_model() {
  curl -s "$BASE/api/models/active" | python3 -c '
import json, sys
m = json.load(sys.stdin)
p = m["provenance"]
print(json.dumps({"version": m["version"], "routedItems": p["routedItems"], "routingRows": p["routingRows"],
                  "trainingMillis": p["durationMillis"], "top1": m["metrics"]["top1Accuracy"],
                  "top3": m["metrics"]["top3HitRate"]}))'
}

# 2. first start: trains from the file (or a copied model store)
if [ -n "$MODELS_FROM" ]; then
  cp -a "$MODELS_FROM" "$RUN/models"
  log "model store copied from $MODELS_FROM: no first start"
else
  quiet
  LOAD=$(uptime)
  log "first start (empty model store); $LOAD"
  rm -f "$RUN/gc.log"
  start
  H=$(heap 0 "$(uptime_ms)")
  log "first start ready after $READY s; $H"
  phase first-start seconds="$READY" $H load="\"$LOAD\"" active="$(active_model)"
  stop
fi

# 3. starts with the trained model in the store
for i in 1 2 3; do
  quiet
  LOAD=$(uptime)
  start
  log "start $i with the model loaded: ready after $READY s; $LOAD"
  phase model-start run="$i" seconds="$READY" load="\"$LOAD\""
  if [ "$i" -lt 3 ]; then stop; fi
done

# 4. the monthly job, cold
quiet
jcmd "$PID" GC.run >/dev/null
LOAD=$(uptime)
FROM=$(uptime_ms)
START=$(curl -s -u "admin:$PW" -X POST "$BASE/api/retrain" -H 'Content-Type: application/json' -d '{}')
EXEC=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["executionId"])' "$START")
log "monthly job: execution $EXEC; $LOAD"
while :; do
  sleep 2
  E=$(curl -s "$BASE/api/retrain/executions/$EXEC")
  ST=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["status"])' "$E")
  case "$ST" in COMPLETED|FAILED|STOPPED|ABANDONED) break ;; esac
done
TO=$(uptime_ms)
echo "$E" > "$RUN/execution.json"
cp "$WLP/usr/servers/$SERVER/logs/messages.log" "$RUN/messages.log"
H=$(heap "$FROM" "$TO")
JOB=$(python3 - "$RUN/execution.json" "$RUN/messages.log" <<'PY'
import json, re, sys
from datetime import datetime
e = json.load(open(sys.argv[1]))
log = open(sys.argv[2], errors="replace").read()
ts = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
run = e.get("run") or {}
opened = re.findall(r"opened \S+ in ([0-9.]+) s \(", log)
queried = re.findall(r"extract query on \S+ ran in ([0-9.]+) s", log)
print(json.dumps({"status": e["status"], "exitStatus": e.get("exitStatus"),
                  "seconds": round((ts(e["end"]) - ts(e["start"])).total_seconds(), 1),
                  "steps": {s["step"]: round((ts(s["end"]) - ts(s["start"])).total_seconds(), 1)
                            for s in e["steps"] if s.get("end")},
                  "extractOpenSeconds": float(opened[-1]) if opened else None,
                  "extractQuerySeconds": float(queried[-1]) if queried else None,
                  "datasetRows": run.get("datasetRows"), "validOn": run.get("validOn"),
                  "candidate": run.get("candidateVersion"), "promoted": run.get("promoted"),
                  "verdict": (run.get("comparison") or {}).get("reason")}))
PY
)
log "monthly job: $JOB; $H"
phase monthly-job job="$JOB" $H load="\"$LOAD\"" loadAfter="\"$(uptime)\""
ACTIVE=$(curl -s "$BASE/api/models/active" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
stop

# 5. the promoted model against the items in force, counted with plain SQL
VALID_ON=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["validOn"])' "$JOB")
COUNT=$(java -Xmx2g -cp "$JAR" com.routingml.bench.CatalogCount "$ACCDB" "$VALID_ON" "$RUN/models" "$ACTIVE" | tail -1)
log "catalog check: $COUNT"
phase catalog-check result="$COUNT"

# 6. in-process top-10 on the promoted model
if [ "$SKIP_JMH" = 0 ]; then
  quiet
  LOAD=$(uptime)
  log "JMH PredictionBenchmark.recommend; $LOAD"
  java -jar "$JAR" 'PredictionBenchmark.recommend' \
    -jvmArgsAppend "-Dbench.accdb=$ACCDB -Dbench.models=$RUN/models -Dbench.day=$VALID_ON" \
    -rf json -rff "$RUN/jmh-recommend.json" 2>&1 | tee "$RUN/jmh.log" | grep -E 'recommend|p0\.|index ' || true
  phase jmh load="\"$LOAD\"" loadAfter="\"$(uptime)\"" percentiles="$(python3 -c '
import json,sys
r = json.load(open(sys.argv[1]))[0]["primaryMetric"]
p = {k: round(v, 1) for k, v in r["scorePercentiles"].items()}
print(json.dumps({"unit": r["scoreUnit"], "mean": round(r["score"], 1), **p}))' "$RUN/jmh-recommend.json")"
fi

python3 -c 'import json,sys; print(json.dumps([json.loads(l) for l in open(sys.argv[1])], indent=2))' "$PHASES" \
  | tee "$RUN/result.json"
