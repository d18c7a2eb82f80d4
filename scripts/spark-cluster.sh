#!/usr/bin/env bash
# A local Apache Spark standalone cluster from edgenas' own jars (no Spark download): one master and N workers,
# each a separate JVM bound to 127.0.0.1, for `edgenas search --engine spark --master spark://127.0.0.1:PORT`.
#
#   scripts/spark-cluster.sh start [--workers 2] [--cores 1] [--memory 2g] [--port 7077] [--dir DIR]
#                                  [--worker-conf [N:]KEY=VALUE ...]   (a Spark worker property, e.g. a device
#                                  resource: 1:spark.worker.resource.gap8.amount=1 for worker 1 only)
#   scripts/spark-cluster.sh stop  [--dir DIR]
#   scripts/spark-cluster.sh status [--dir DIR]
#
# start prints the master URL on stdout once every worker has registered. The jars are those Maven put in
# toolchain/scaleout/target/lib (Spark 4.0.1 + edgenas; built here when missing); the workers get a minimal
# SPARK_HOME whose jars/ is that folder, so their executors load edgenas' classes from their own class path.
# The state (pids, logs, work dirs) lives in DIR (default $EDGENAS_HOME/spark-cluster). For the settings of a
# cluster across machines (resources, memory, what each machine needs) see docs/SCALE-OUT.md.
# Exit codes: 0 ok, 2 usage, 4 the cluster did not come up (the logs in DIR say why).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="${1:-}"; [[ $# -gt 0 ]] && shift
workers=2 cores=1 memory=2g port=7077
dir="${EDGENAS_HOME:-$HOME/.cache/edgenas}/spark-cluster"
extra_worker_conf=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --cores) cores="$2"; shift 2 ;;
    --memory) memory="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    # [N:]KEY=VALUE, for every worker or worker N only, e.g. 1:spark.worker.resource.gap8.amount=1
    --worker-conf) extra_worker_conf+=("$2"); shift 2 ;;
    *) echo "spark-cluster.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
lib="$root/toolchain/scaleout/target/lib"
# Spark 4's JavaModuleOptions (the flags spark-submit would add)
jvm_opts=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

stop() {
  for f in "$dir"/*.pid; do
    [[ -f "$f" ]] || continue
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
    rm -f "$f"
  done
}

case "$cmd" in
  start)
    [[ "$workers" =~ ^[0-9]+$ && "$workers" -ge 1 ]] || { echo "spark-cluster.sh: --workers must be >= 1" >&2; exit 2; }
    if [[ ! -f "$lib/edgenas-scaleout.jar" ]]; then
      echo "spark-cluster.sh: building toolchain/scaleout (first run only)..." >&2
      (cd "$root" && mvn -q -B -DskipTests -pl toolchain/scaleout -am install >&2)
    fi
    stop
    # a start that fails half-way leaves no JVMs behind
    trap 'stop' ERR
    mkdir -p "$dir/spark-home" "$dir/local"
    ln -sfn "$lib" "$dir/spark-home/jars"
    export SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
    export SPARK_LOCAL_DIRS="$dir/local"
    java "${jvm_opts[@]}" -Xmx512m -cp "$lib/*" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$port" --webui-port 0 >"$dir/master.log" 2>&1 &
    echo $! >"$dir/master.pid"
    url="spark://127.0.0.1:$port"
    for i in $(seq 1 "$workers"); do
      mkdir -p "$dir/worker-$i"
      conf=()
      for c in "${extra_worker_conf[@]}"; do
        if [[ "$c" =~ ^([0-9]+):(.*)$ ]]; then
          if [[ "${BASH_REMATCH[1]}" == "$i" ]]; then conf+=("-D${BASH_REMATCH[2]}"); fi
        else
          conf+=("-D$c")
        fi
      done
      java "${jvm_opts[@]}" -Xmx512m "${conf[@]}" -cp "$lib/*" org.apache.spark.deploy.worker.Worker \
        "$url" --host 127.0.0.1 --cores "$cores" --memory "$memory" --webui-port 0 \
        --work-dir "$dir/worker-$i" >"$dir/worker-$i.log" 2>&1 &
      echo $! >"$dir/worker-$i.pid"
    done
    # up when the master has logged every worker's registration (each worker logs "Successfully registered")
    for _ in $(seq 1 120); do
      n=$( (grep -l "Successfully registered with master" "$dir"/worker-*.log 2>/dev/null || true) | wc -l)
      [[ "$n" -ge "$workers" ]] && { echo "$url"; exit 0; }
      sleep 1
    done
    echo "spark-cluster.sh: $n of $workers workers registered with $url after 120 s; see $dir/*.log" >&2
    stop
    exit 4 ;;
  stop) stop ;;
  status)
    for f in "$dir"/*.pid; do
      [[ -f "$f" ]] || continue
      pid=$(cat "$f")
      if kill -0 "$pid" 2>/dev/null; then s=running; else s=dead; fi
      echo "$(basename "$f" .pid) pid $pid $s"
    done ;;
  *) echo "usage: spark-cluster.sh start|stop|status [--workers N] [--cores C] [--memory M] [--port P] [--dir DIR]" >&2
     exit 2 ;;
esac
