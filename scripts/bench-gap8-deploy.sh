#!/usr/bin/env bash
# Whole networks on GVSOC (docs/GAP8.md "Whole networks on GVSOC"): deploys each model for GAP8 with
# --gvsoc (tiled project: weights HyperFlash -> HyperRAM -> L2 -> L1, activation tiles through L1) and
# prints per model: images, argmax agreement with ONNX Runtime int8, GVSOC cluster cycles and ms at
# 175 MHz, the GAP8 table's prediction and the ratio measured / predicted, and the slowest layers.
#   scripts/bench-gap8-deploy.sh DATA [MODEL...]   (default MODEL: models/deeplabv3plus-portrait.onnx)
# DATA: a VOC-layout dataset (edgenas data synth --out DATA). Env: EDGENAS_GVSOC_HOME (GVSOC setup prefix,
# default ~/.cache/gvsoc), BENCH_OUT (bundles; default a temporary folder), GAP8_TABLE (default the shipped
# GVSOC table). Takes ~6-7 min per model on a loaded 2-core VM (GVSOC ~5 min of it for 8 images).
# Exit: 0 every model ran with checksums equal to the host build's, 1 otherwise, 2 usage, 3 GVSOC not set up.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 DATA [MODEL...]" >&2; exit 2; }
DATA="$1"; shift
MODELS=("$@"); [ ${#MODELS[@]} -gt 0 ] || MODELS=(models/deeplabv3plus-portrait.onnx)
PREFIX="${EDGENAS_GVSOC_HOME:-$HOME/.cache/gvsoc}"
[ -f "$PREFIX/env.sh" ] || { echo "bench-gap8-deploy: no GVSOC at $PREFIX (set EDGENAS_GVSOC_HOME or run scripts/gvsoc/setup-gvsoc.sh)" >&2; exit 3; }
TABLE="${GAP8_TABLE:-latency-tables/gap8-gvsoc-gapuino-fc250-cl175.json}"
OUT="${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/edgenas-gap8-deploy.XXXXXX")}"
echo "# whole networks on GVSOC (gapuino_v3, cluster 175 MHz), table $TABLE; host load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-48s %6s %9s %12s %9s %12s %9s %8s %8s\n' model images agreement cycles ms predicted pred_ms ratio wall_s
rc=0
for m in "${MODELS[@]}"; do
  b="$OUT/$(basename "$m" .onnx)"
  rm -rf "$b"
  if ! ./edgenas deploy --target gap8 --model "$m" --data "$DATA" --val-images 20 --latency-table "$TABLE" --gvsoc \
      --out "$b" --no-progress --json > "$b.json" 2> "$b.err"; then
    echo "bench-gap8-deploy: $m failed: $(tail -n 3 "$b.err")" >&2; rc=1; continue
  fi
  python3 - "$m" "$b.json" <<'PY' || rc=1
import json, sys
m, f = sys.argv[1], sys.argv[2]
g = json.load(open(f))["gap8"]["gvsoc"]
pred = g.get("predictedCycles")
print("%-48s %6d %8.2f%% %12d %9.1f %12s %9s %8s %8.0f" % (m[-48:], g["images"], 100 * (g["argmaxAgreement"] or 0),
      g["cycles"], g["ms"], pred or "-", "%.1f" % (pred / 175e3) if pred else "-",
      "%.3f" % (g["cycles"] / pred) if pred else "-", g["wallSeconds"]))
lc = g["layerCycles"]
top = sorted(range(len(lc)), key=lambda i: -lc[i])[:3]
print("    slowest layers: " + ", ".join("#%d %.1f%%" % (i, 100.0 * lc[i] / g["cycles"]) for i in top))
sys.exit(0 if g["checksumsMatch"] else 1)
PY
done
exit $rc
