#!/usr/bin/env bash
# Benchmark of edgenas deploy (docs/DEPLOY.md): fp32 vs int8 mIoU and ONNX Runtime latency ratio on this CPU
# for the default model and, given a search output folder, for every network of its Pareto set
# (SEARCH_OUT/pareto/*.onnx). Each deployment leaves its bundle and deploy-report.json under $OUT.
#   scripts/bench-deploy.sh [SEARCH_OUT]
# Env: MODEL (default models/deeplabv3plus-portrait.onnx), DATA (default work/data), OUT (default
#      work/bench-deploy), TARGET (default cpu), CALIB_IMAGES (64), CALIB_METHOD (minmax),
#      VAL_IMAGES (0 = whole split), RUNS (50), THREADS (0 = all cores), TABLE (latency table, optional).
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${MODEL:-models/deeplabv3plus-portrait.onnx}
DATA=${DATA:-work/data}
OUT=${OUT:-work/bench-deploy}
TARGET=${TARGET:-cpu}
[ -f "$MODEL" ] || { echo "bench-deploy: model $MODEL not found (scripts/make-default-model.sh, or MODEL=...)" >&2; exit 3; }
[ -d "$DATA" ] || { echo "bench-deploy: dataset $DATA not found (run: ./edgenas data synth --out $DATA)" >&2; exit 3; }
models=("$MODEL")
if [ $# -ge 1 ]; then
  [ -d "$1/pareto" ] || { echo "bench-deploy: $1/pareto not found: not a search output folder" >&2; exit 3; }
  for f in "$1"/pareto/*.onnx; do models+=("$f"); done
fi
mkdir -p "$OUT"
table=()
[ -n "${TABLE:-}" ] && table=(--latency-table "$TABLE")
printf '%-40s %9s %9s %7s %10s %10s %7s\n' network fp32_mIoU int8_mIoU drop fp32_ms int8_ms ratio
for m in "${models[@]}"; do
  name=$(basename "$m" .onnx)
  ./edgenas deploy --model "$m" --data "$DATA" --target "$TARGET" --out "$OUT/$name" --json --no-progress \
    --calib-images "${CALIB_IMAGES:-64}" --calib-method "${CALIB_METHOD:-minmax}" \
    --val-images "${VAL_IMAGES:-0}" --runs "${RUNS:-50}" --threads "${THREADS:-0}" "${table[@]}" > "$OUT/$name.json"
  /usr/bin/python3 - "$OUT/$name.json" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
l = r["latency"]
print("%-40s %9.4f %9.4f %7.2f %10.3f %10.3f %7.3f" % (sys.argv[2][:40], r["fp32Miou"], r["int8Miou"],
      r["miouDropPoints"], l["fp32Ms"], l["int8Ms"], l["ratio"]))
PY
done
echo "targets: mIoU drop <= 1 point, int8/fp32 latency <= 0.6 (reports: $OUT/*.json)" >&2
