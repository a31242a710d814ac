# Sourced by the benchmark scripts (retrain-bench.sh, production-scale.sh); not run on its own.
#
# bench_server NAME HTTP HTTPS RUN ACCDB XMX PASSWORD [WAR]
#   creates a Liberty server NAME next to defaultServer in $WLP (a built target/liberty/wlp): the same
#   configuration and application, on 127.0.0.1 at the given ports, with its data and model store under
#   RUN, reading ACCDB, heap XMX, a G1 log at RUN/gc.log, the admin password given, and neither the
#   schedule nor drift starting runs. With WAR, the server runs a copy of that WAR instead of the loose
#   application over target/classes, so that a build meanwhile cannot restart it.
bench_server() {
  local name=$1 http=$2 https=$3 run=$4 accdb=$5 xmx=$6 pw=$7 war=${8:-}
  local dir="$WLP/usr/servers/$name"
  rm -rf "$dir"
  cp -a "$WLP/usr/servers/defaultServer" "$dir"
  rm -rf "$dir/logs" "$dir/workarea" "$dir/configDropins/overrides/liberty-plugin-variable-config.xml"
  mkdir -p "$dir/configDropins/overrides"
  cat > "$dir/configDropins/overrides/bench-ports.xml" <<XML
<server>
    <variable name="http.port" value="$http"/>
    <variable name="https.port" value="$https"/>
    <variable name="app.context.root" value="/"/>
    <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1"/>
</server>
XML
  : > "$dir/server.env"
  if [ -n "$war" ]; then
    rm -f "$dir/apps/"*
    cp "$war" "$dir/apps/routing-ml.war"
  fi
  cat > "$dir/jvm.options" <<OPTS
-Xmx$xmx
-XX:+UseG1GC
-Xlog:gc:file=$run/gc.log:uptimemillis
-Droutingml.access.file=$accdb
-Droutingml.data.dir=$run/data
-Droutingml.models.dir=$run/models
-Droutingml.admin.password=$pw
-Droutingml.retrain.schedule-enabled=false
-Droutingml.retrain.on-drift=false
OPTS
}
