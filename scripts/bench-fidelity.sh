#!/usr/bin/env bash
# Issue 19's rank-fidelity benchmark on fine-tuned networks (docs/SEARCH.md): N (20) networks spread over the
# front of a finished default search are fine-tuned with the default screening recipe (1 epoch of 1,000 training
# images, distillation from the pretrained model), each scored on the whole validation split; then the Spearman
# correlation of the proxy (with and without BatchNorm recalibration) against that fine-tuned mIoU is printed.
# The search is not redone: a copy of SEARCH is resumed (journal reused) with --finetune-networks N and no focus or
# target round, so only the fine-tuning runs (~1 min per network on an idle 2-core machine; finished ones are
# reused from finetune.json when the script is rerun).
#   scripts/bench-fidelity.sh SEARCH [N]      e.g. scripts/bench-fidelity.sh work/search 20
# Env: MODEL (models/deeplabv3plus-portrait.onnx), DATA (work/data), OUT (work/bench-fidelity), FINETUNE_LIMIT (the default recipe's 1000; smaller only for a smoke test).
set -euo pipefail
cd "$(dirname "$0")/.."
SEARCH=${1:?usage: scripts/bench-fidelity.sh SEARCH [N]}
N=${2:-20}
OUT=${OUT:-work/bench-fidelity}
[ -f "$SEARCH/pareto.json" ] || { echo "bench-fidelity: $SEARCH/pareto.json not found (run a default search first)" >&2; exit 3; }
MODEL=${MODEL:-models/deeplabv3plus-portrait.onnx}
DATA=${DATA:-work/data}
mapfile -t TABLES < <(jq -r '.latencyTables[]' "$SEARCH/pareto.json")
if [ ! -f "$OUT/journal.jsonl" ]; then
  mkdir -p "$OUT"
  cp "$SEARCH/journal.jsonl" "$OUT/"
fi
args=()
for t in "${TABLES[@]}"; do args+=(--latency-table "$t"); done
echo "== fine-tuning $N networks of $SEARCH's front (load $(cut -d' ' -f1-3 /proc/loadavg))"
start=$(date +%s)
./edgenas search --model "$MODEL" --data "$DATA" "${args[@]}" --out "$OUT" --resume \
  --seed "$(jq -r '.provenance.run.seed // .provenance.seed // 1' "$SEARCH/pareto.json")" --finetune-networks "$N" \
  --finetune-limit "${FINETUNE_LIMIT:-1000}" --focus-networks 0 --target-speedup 0 --no-progress >/dev/null
echo "   done in $(( $(date +%s) - start )) s (load $(cut -d' ' -f1-3 /proc/loadavg))"
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -B -o -pl toolchain/search dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
export CLASSPATH="toolchain/search/target/classes:$(cat "$CP_FILE")"
java dev.edgenas.search.FineTunedFidelity "$MODEL" "$DATA" "$OUT"
