# The search benchmarks' inputs (sourced, not run): bench-search.sh and bench-scaleout.sh take the same
# [MODEL] [DATA] [TABLE...] and must agree on their defaults.
# shellcheck shell=bash

# bench_inputs NAME [MODEL] [DATA] [TABLE...]: sets MODEL, DATA and TABLES (default: the shipped CPU table when
# there is one); exits 3 naming the missing model or dataset.
bench_inputs() {
  local name=$1
  shift
  MODEL=${1:-models/deeplabv3plus-portrait.onnx}
  DATA=${2:-work/data}
  shift $(( $# > 2 ? 2 : $# )) || true
  TABLES=("$@")
  if [ ${#TABLES[@]} -eq 0 ] && [ -f latency-tables/cpu-x86.json ]; then TABLES=(latency-tables/cpu-x86.json); fi
  [ -f "$MODEL" ] || { echo "$name: model $MODEL not found (train it, or pass another)" >&2; exit 3; }
  [ -d "$DATA" ] || { echo "$name: dataset $DATA not found (run: edgenas data synth --out $DATA)" >&2; exit 3; }
}
