#!/usr/bin/env bash
# Two Liberty servers on one machine share one job repository (Derby Network Server) and fire the
# retraining schedule every minute; SCHEDULE_LOCK shows that each minute ran on exactly one of them.
#
# Run from the project root after `mvn verify` (or `mvn package liberty:create liberty:deploy`),
# which leaves the runtime in target/liberty/wlp. Embedded Derby admits one JVM per database, so
# the shared repository here is a Derby Network Server; in production it is PostgreSQL or another
# real database. Ports (override in the environment): HTTP 9581/9582, HTTPS 9944/9945, Derby 15270.
#
#   docs/scaling/two-servers-demo.sh [minutes]      (default 3 schedule firings)
set -euo pipefail

MINUTES=${1:-3}
ROOT=$(pwd)
WLP=$ROOT/target/liberty/wlp
DEMO=$ROOT/target/two-servers
DERBY_PORT=${DERBY_PORT:-15270}
HTTP=(${HTTP_PORTS:-9581 9582})
HTTPS=(${HTTPS_PORTS:-9944 9945})
DERBY_VERSION=10.16.1.1
# A throw-away password for this demonstration only, generated per run.
ADMIN_PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
# The network server runs without authentication; the client data source still wants a password.
DERBY_PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')

[ -x "$WLP/bin/server" ] || { echo "no Liberty runtime in $WLP: run mvn verify first" >&2; exit 1; }
[ -f "$WLP/usr/servers/defaultServer/server.xml" ] || { echo "no defaultServer to copy from in $WLP" >&2; exit 1; }
mkdir -p "$DEMO/lib"
for a in derby derbyshared derbytools derbynet derbyclient; do
  [ -f "$DEMO/lib/$a-$DERBY_VERSION.jar" ] || mvn -B -q dependency:copy -Dartifact=org.apache.derby:$a:$DERBY_VERSION -DoutputDirectory="$DEMO/lib"
done
CP=$(ls "$DEMO"/lib/*.jar | tr '\n' ':')

echo "== Derby Network Server on localhost:$DERBY_PORT"
mkdir -p "$DEMO/derby"
java -Dderby.system.home="$DEMO/derby" -cp "$CP" org.apache.derby.drda.NetworkServerControl start -h localhost -p "$DERBY_PORT" \
  > "$DEMO/derby/network-server.log" 2>&1 &
DERBY_PID=$!
cleanup() {
  for n in node1 node2; do "$WLP/bin/server" stop "$n" >/dev/null 2>&1 || true; done
  java -cp "$CP" org.apache.derby.drda.NetworkServerControl shutdown -h localhost -p "$DERBY_PORT" >/dev/null 2>&1 || true
  wait "$DERBY_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do
  java -cp "$CP" org.apache.derby.drda.NetworkServerControl ping -h localhost -p "$DERBY_PORT" >/dev/null 2>&1 && break
  sleep 0.2
done

for i in 0 1; do
  n=node$((i + 1))
  S=$WLP/usr/servers/$n
  rm -rf "$S"
  mkdir -p "$S/apps" "$S/lib"
  cp "$WLP/usr/servers/defaultServer/server.xml" "$WLP/usr/servers/defaultServer/jvm.options" "$S/"
  cp "$ROOT/target/routing-ml.war" "$S/apps/"
  cp -r "$WLP/usr/servers/defaultServer/lib/routingml" "$WLP/usr/servers/defaultServer/lib/derby" "$S/lib/"
  cp "$DEMO/lib/derbyclient-$DERBY_VERSION.jar" "$S/lib/derby/"
  # The job repository (and SCHEDULE_LOCK) moves to the network server; the app's own state stays local.
  python3 - "$S/server.xml" "$DERBY_PORT" <<'PY'
import re, sys
path, port = sys.argv[1], sys.argv[2]
s = open(path).read()
s, n = re.subn(r'(<dataSource id="batchDb"[^>]*>.*?)<properties\.derby\.embedded[^>]*/>',
               r'\1<properties.derby.client serverName="localhost" portNumber="' + port + r'" databaseName="batch" createDatabase="create" user="routingml" password="${env.DEMO_DERBY_PASSWORD}"/>',
               s, flags=re.S)
assert n == 1, "batchDb data source not found"
open(path, "w").write(s)
PY
  cat > "$S/bootstrap.properties" <<PROPS
http.port=${HTTP[$i]}
https.port=${HTTPS[$i]}
PROPS
  cat >> "$S/jvm.options" <<OPTS
-Droutingml.data.dir=$DEMO/$n/data
-Droutingml.models.dir=$DEMO/$n/models
-Droutingml.sample.items=3000
-Droutingml.retrain.cron=0 * * * * *
-Droutingml.retrain.on-drift=false
-Droutingml.cluster.member=$n
OPTS
  printf 'ROUTINGML_ADMIN_PASSWORD=%s\nDEMO_DERBY_PASSWORD=%s\n' "$ADMIN_PASSWORD" "$DERBY_PASSWORD" > "$S/server.env"
done

await_ready() {
  for _ in $(seq 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$1/health/ready")" = 200 ] && return 0
    sleep 1
  done
  echo "server on port $1 not ready" >&2; return 1
}
# One after the other: the first creates the batch tables in the shared database.
for i in 0 1; do
  n=node$((i + 1))
  echo "== starting $n (HTTP ${HTTP[$i]}, HTTPS ${HTTPS[$i]})"
  "$WLP/bin/server" start "$n" >/dev/null
  await_ready "${HTTP[$i]}"
done

echo "== both ready; waiting for $MINUTES schedule firings"
sleep $((MINUTES * 60 + 5))

echo "== what each server logged"
for n in node1 node2; do
  echo "-- $n"
  grep -h "scheduled monthly-retrain" "$WLP/usr/servers/$n/logs/messages.log" | sed 's/^.*ScheduleGuard *. /  /' || true
done

echo "== SCHEDULE_LOCK in the shared job repository"
cat > "$DEMO/query.sql" <<SQL
connect 'jdbc:derby://localhost:$DERBY_PORT/batch;user=routingml;password=$DERBY_PASSWORD';
SELECT PERIOD, OWNER, ACQUIRED_AT FROM SCHEDULE_LOCK WHERE NAME = 'monthly-retrain' ORDER BY PERIOD;
SELECT PERIOD, COUNT(*) AS CLAIMS FROM SCHEDULE_LOCK GROUP BY PERIOD HAVING COUNT(*) > 1;
SQL
java -cp "$CP" -Dij.outfile="$DEMO/query.out" org.apache.derby.tools.ij "$DEMO/query.sql" >/dev/null
cat "$DEMO/query.out"
started=$(cat "$WLP"/usr/servers/node{1,2}/logs/messages.log | grep -cE "scheduled monthly-retrain for .* claimed by node[0-9]+[[:space:]]*$" || true)
skipped=$(cat "$WLP"/usr/servers/node{1,2}/logs/messages.log | grep -c "skipped here" || true)
echo "== $started firings claimed (one per minute), $skipped skipped because the other server had claimed them"
