#!/usr/bin/env bash
# Benchmark of the FMAS search (docs/SEARCH.md): candidate evaluations per second on all cores, projected wall
# time of 1,000 evaluations, NSGA-II vs random hypervolume at equal budget over several seeds, and the best
# latency ratio within 3 points of proxy mIoU. Journals stay in $OUT, so a rerun only evaluates what is new.
#   scripts/bench-search.sh [MODEL] [DATA] [TABLE...]
# Env: EVALS (default 40), SEEDS (default 3), OUT (default work/bench-search).
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${1:-models/deeplabv3plus-portrait.onnx}
DATA=${2:-work/data}
shift $(( $# > 2 ? 2 : $# )) || true
TABLES=("$@")
if [ ${#TABLES[@]} -eq 0 ] && [ -f latency-tables/cpu-x86.json ]; then TABLES=(latency-tables/cpu-x86.json); fi
[ -f "$MODEL" ] || { echo "bench-search: model $MODEL not found (train it, or pass another)" >&2; exit 3; }
[ -d "$DATA" ] || { echo "bench-search: dataset $DATA not found (run: edgenas data synth --out $DATA)" >&2; exit 3; }
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -B -o -pl toolchain/search dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
# The class path goes through the environment: ONNX Runtime 1.29 overflows its stack while reading a long
# /proc/self/cmdline (a 4 KB -cp is enough), so it must not be on the command line.
export CLASSPATH="toolchain/search/target/classes:$(cat "$CP_FILE")"
java dev.edgenas.search.SearchBench "$MODEL" "$DATA" "${OUT:-work/bench-search}" "${EVALS:-40}" \
  "${SEEDS:-3}" "${TABLES[@]}"
