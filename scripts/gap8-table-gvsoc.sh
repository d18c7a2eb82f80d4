#!/usr/bin/env bash
# The GAP8 GVSOC table re-timed in whole tiled networks and validated on held-out ones (docs/GAP8.md
# "Table validation on whole networks"):
#   scripts/gap8-table-gvsoc.sh [NETWORKS]     (validation networks, default 10, the full network included)
# 1. edgenas table retime: subnetworks of the default space chosen to contain every int8 key, each deployed
#    (tiled project) and run whole on GVSOC; the table's entry per key = median of its layers' cycles;
# 2. edgenas table validate --device gap8 --platform gvsoc: the full network and NETWORKS-1 random subnetworks,
#    never one of step 1's, run whole on GVSOC and compared with the table (share within +-5 % / +-10 %).
# Env: EDGENAS_GVSOC_HOME (GVSOC setup prefix, default ~/.cache/gvsoc), OUT (work folder, default
# work/gap8-table-gvsoc; rerun with the same OUT to resume), TABLE (default the shipped GVSOC table; it is
# rewritten in place by step 1). Prints the validation summary and the host load before and after.
# Exit: 0 done, 3 GVSOC not set up, else the failing command's code.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10}"
PREFIX="${EDGENAS_GVSOC_HOME:-$HOME/.cache/gvsoc}"
[ -f "$PREFIX/env.sh" ] || { echo "gap8-table-gvsoc: no GVSOC at $PREFIX (set EDGENAS_GVSOC_HOME or run scripts/gvsoc/setup-gvsoc.sh)" >&2; exit 3; }
OUT="${OUT:-work/gap8-table-gvsoc}"
TABLE="${TABLE:-latency-tables/gap8-gvsoc-gapuino-fc250-cl175.json}"
MODEL=models/deeplabv3plus-portrait.onnx
mkdir -p "$OUT"
echo "# host load before: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s)
./edgenas table retime --device gap8 --platform gvsoc --table "$TABLE" --model "$MODEL" --out "$TABLE" \
  --work-dir "$OUT/retime" --no-progress
t1=$(date +%s)
echo "# retime: $((t1 - t0)) s wall; host load $(cut -d' ' -f1-3 /proc/loadavg)"
./edgenas table validate --device gap8 --platform gvsoc --table "$TABLE" --model "$MODEL" --networks "$N" \
  --work-dir "$OUT/validate" --report "$OUT/validation" --force --no-progress
t2=$(date +%s)
echo "# validate: $((t2 - t1)) s wall; host load after: $(cut -d' ' -f1-3 /proc/loadavg); report $OUT/validation.md"
