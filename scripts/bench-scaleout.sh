#!/usr/bin/env bash
# Benchmark of the Spark engine (docs/SCALE-OUT.md), also run as `scripts/bench-search.sh --engine spark`.
# For the same random genomes of MODEL, prints evaluations/s of the local engine (1 and 2 threads: the
# baseline of the same run) and of Spark standalone clusters of 1 and 2 single-core workers started here on
# 127.0.0.1 (scripts/spark-cluster.sh), the Spark start-up, and its overhead per evaluation and per generation.
#   scripts/bench-scaleout.sh [MODEL] [DATA] [TABLE...]
# Env: EVALS (default 24), POPULATION (24), WORKERS ("1 2"), PORT (7177), DIR ($EDGENAS_HOME/bench-scaleout).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench-inputs.sh
source scripts/bench-inputs.sh
bench_inputs bench-scaleout "$@"
lib=toolchain/scaleout/target/lib
[ -f "$lib/edgenas-scaleout.jar" ] || mvn -q -B -DskipTests -pl toolchain/scaleout -am install >&2
DIR=${DIR:-${EDGENAS_HOME:-$HOME/.cache/edgenas}/bench-scaleout}
PORT=${PORT:-7177}
# the class path through the environment: ONNX Runtime overflows its stack on a long /proc/self/cmdline
export CLASSPATH="$lib/*" SPARK_LOCAL_IP=127.0.0.1 OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
opts=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
  -Dai.djl.offline=true -Dlog4j2.level=warn)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
  java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opts+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
trap 'scripts/spark-cluster.sh stop --dir "$DIR" >/dev/null 2>&1 || true' EXIT
for w in ${WORKERS:-1 2}; do
  echo "== $w worker(s) x 1 core, $(nproc) cores here, load $(cut -d' ' -f1-3 /proc/loadavg)"
  url=$(scripts/spark-cluster.sh start --workers "$w" --cores 1 --memory 2g --port "$PORT" --dir "$DIR")
  java "${opts[@]}" dev.edgenas.scaleout.SparkBench "$MODEL" "$DATA" "$url" "${EVALS:-24}" "${POPULATION:-24}" \
    "${TABLES[@]}" 2> >(grep -vE "WARN|^\s*$" >&2)
  scripts/spark-cluster.sh stop --dir "$DIR"
done
