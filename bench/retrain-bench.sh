#!/usr/bin/env bash
# Benchmark of the monthly retraining job (docs/benchmarks.md, "Monthly retraining job").
#
# Runs one end-to-end execution of `monthly-retrain` on a separate Liberty server (its own ports,
# data and model directories, pointed at a generated Access file) and reports the job time, the
# per-step times from GET /api/retrain/executions/{id} (and, from the server log, the extract's two
# slow phases: opening the Access file and the extract query), and the peak heap during the job
# (G1 log: the largest heap occupancy seen before a collection, and the largest after one - the live
# set), plus `uptime`.
# No assertions: the figures go into docs/benchmarks.md by hand.
#
#   bench/retrain-bench.sh --items 20000 --xmx 1g                       # the whole catalog (the job's default)
#   bench/retrain-bench.sh --items 20000 --rows 100000 --xmx 1g         # only the newest 100,000 rows (extract=newest)
#   bench/retrain-bench.sh --items 200000 --rows 1000000 --xmx 2g --models-from /tmp/batchbench/100k/models
# At the plant's shape: bench/production-scale.sh.
#
# Needs a built server: `mvn -B package liberty:create liberty:deploy` (or a previous `mvn verify`).
# Generating the Access file takes minutes for 200k items (~1M routing rows); it is kept and reused.
set -euo pipefail
cd "$(dirname "$0")/.."

ITEMS=20000 ROWS="" XMX=1g HTTP=9590 HTTPS=9953 WORK=/tmp/batchbench MODELS_FROM="" CHUNK="" WAR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --items) ITEMS=$2; shift 2 ;;
    --rows) ROWS=$2; shift 2 ;;
    --xmx) XMX=$2; shift 2 ;;
    --http-port) HTTP=$2; shift 2 ;;
    --https-port) HTTPS=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --chunk-size) CHUNK=$2; shift 2 ;;
    # copy an existing model store, so the server does not first train a model from the whole file
    --models-from) MODELS_FROM=$2; shift 2 ;;
    # run a copy of a packaged WAR instead of the loose application over target/classes, so a
    # build running meanwhile cannot make Liberty restart the application mid-job
    --war) WAR=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

WLP=target/liberty/wlp
[ -d "$WLP/usr/servers/defaultServer" ] || { echo "no built server in $WLP: run mvn -B package liberty:create liberty:deploy" >&2; exit 1; }
LABEL="${ITEMS}items-${ROWS:+${ROWS}rows}${ROWS:-catalog}"
RUN="$WORK/$LABEL"
ACCDB="$WORK/items-$ITEMS.accdb"
PW="bench-$(date +%s)-$RANDOM"
SERVER=retrainBench
mkdir -p "$WORK"

if [ ! -f "$ACCDB" ]; then
  [ -f target/bench-cp.txt ] || mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
  echo "generating $ACCDB ($ITEMS items)..."
  start=$(date +%s)
  java -cp "target/classes:$(cat target/bench-cp.txt)" com.routingml.sample.SampleDatabaseGenerator --out "$ACCDB" --items "$ITEMS"
  echo "generated in $(( $(date +%s) - start )) s"
fi

# A server of its own next to defaultServer: same config and application, other ports and dirs.
rm -rf "$RUN"
mkdir -p "$RUN"
if [ -n "$MODELS_FROM" ]; then
  cp -a "$MODELS_FROM" "$RUN/models"
fi
. bench/bench-server.sh
bench_server "$SERVER" "$HTTP" "$HTTPS" "$RUN" "$ACCDB" "$XMX" "$PW" "$WAR"

stop() { "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true; }
trap stop EXIT
echo "starting $SERVER (http $HTTP, -Xmx$XMX) on $ACCDB..."
"$WLP/bin/server" start "$SERVER" >/dev/null
PID=$(cat "$WLP/usr/servers/.pid/$SERVER.pid")
BASE="http://127.0.0.1:$HTTP"
t0=$(date +%s)
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready")" = 200 ]; do
  sleep 2
  if [ $(( $(date +%s) - t0 )) -gt 3600 ]; then echo "not ready after an hour" >&2; exit 1; fi
done
echo "ready after $(( $(date +%s) - t0 )) s (first start trains a model when the store is empty)"

uptime_ms() { jcmd "$PID" VM.uptime | awk 'NR==2 {printf "%d", $1 * 1000}'; }
jcmd "$PID" GC.run >/dev/null   # start the job from the live set, not from startup garbage
LOAD_BEFORE=$(uptime)
BODY="{${ROWS:+\"extract\":\"newest\",\"maxRows\":$ROWS}${ROWS:+${CHUNK:+,}}${CHUNK:+\"chunkSize\":$CHUNK}}"
FROM_MS=$(uptime_ms)
START=$(curl -s -u "admin:$PW" -X POST "$BASE/api/retrain" -H 'Content-Type: application/json' -d "$BODY")
EXEC=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["executionId"])' "$START")
echo "execution $EXEC started: $BODY"
while :; do
  sleep 2
  # heap in use now (between collections the GC log does not see it)
  jcmd "$PID" GC.heap_info 2>/dev/null | sed -n 's/.*heap *total [0-9]*K, used \([0-9]*\)K.*/\1/p' >> "$RUN/heap-samples-kib.txt" || true
  E=$(curl -s "$BASE/api/retrain/executions/$EXEC")
  ST=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["status"])' "$E")
  case "$ST" in COMPLETED|FAILED|STOPPED|ABANDONED) break ;; esac
done
TO_MS=$(uptime_ms)
LOAD_AFTER=$(uptime)
echo "$E" > "$RUN/execution.json"
cp "$WLP/usr/servers/$SERVER/logs/messages.log" "$RUN/messages.log" 2>/dev/null || true

python3 - "$RUN" "$FROM_MS" "$TO_MS" "$LOAD_BEFORE" "$LOAD_AFTER" "$XMX" "$ACCDB" <<'PY'
import json, re, sys
from datetime import datetime
run, lo, hi, load0, load1, xmx, accdb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
e = json.load(open(run + "/execution.json"))
ts = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
unit = {"K": 1 / 1024, "M": 1, "G": 1024}
before, after = [], []
for line in open(run + "/gc.log"):
    m = re.match(r"\[(\d+)ms\].*?(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)", line)
    if m and lo <= int(m.group(1)) <= hi:
        before.append(int(m.group(2)) * unit[m.group(3)])
        after.append(int(m.group(4)) * unit[m.group(5)])
samples = [int(x) / 1024 for x in open(run + "/heap-samples-kib.txt").read().split()] if __import__("os").path.exists(run + "/heap-samples-kib.txt") else []
run_state = e.get("run") or {}
# extract phases from the server log: UCanAccess opening the file (outside any transaction) and the
# extract query (in the first chunk's transaction)
log = open(run + "/messages.log", errors="replace").read() if __import__("os").path.exists(run + "/messages.log") else ""
opened = re.findall(r"opened \S+ in ([0-9.]+) s \(", log)
queried = re.findall(r"extract query on \S+ ran in ([0-9.]+) s", log)
out = {
    "status": e["status"], "exitStatus": e.get("exitStatus"), "accessFile": accdb, "xmx": xmx,
    "datasetRows": run_state.get("datasetRows"),
    "jobSeconds": round((ts(e["end"]) - ts(e["start"])).total_seconds(), 1),
    "steps": {s["step"]: round((ts(s["end"]) - ts(s["start"])).total_seconds(), 1) for s in e["steps"] if s.get("end")},
    "extractOpenSeconds": float(opened[-1]) if opened else None,
    "extractQuerySeconds": float(queried[-1]) if queried else None,
    "peakHeapMiB": round(max(before + samples), 0) if before + samples else None,
    "peakSampledHeapMiB": round(max(samples), 0) if samples else None,
    "maxHeapAfterGcMiB": round(max(after), 0) if after else None,
    "gcCount": len(before),
    "loadBefore": load0.strip(), "loadAfter": load1.strip(),
}
json.dump(out, open(run + "/result.json", "w"), indent=2)
print(json.dumps(out, indent=2))
PY
