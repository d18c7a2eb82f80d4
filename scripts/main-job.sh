#!/usr/bin/env bash
# The main job on the embedded default, end to end on this machine's CPU:
#   synthetic portrait dataset -> shipped pretrained DeepLabV3+ (eval) -> CPU latency table
#   (shipped, profiled when missing) -> FMAS search with a short fine-tuning of the final front
#   -> int8 bundles for cpu, android and gap8 of the network the search picked.
# Everything goes under ${EDGENAS_WORK:-work}/; each step resumes or reuses what a killed run left.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="${EDGENAS_WORK:-work}"
mkdir -p "$work"
edgenas=./edgenas
model=models/deeplabv3plus-portrait.onnx
table=latency-tables/cpu-x86.json

echo "== 1/6 synthetic portrait dataset (seed 7, 2000 train / 500 val, 128x128)" >&2
$edgenas data synth --out "$work/data" --seed 7

echo "== 2/6 pretrained model: $model" >&2
$edgenas model info --model "$model"
$edgenas eval --model "$model" --data "$work/data" --split val

echo "== 3/6 CPU latency table" >&2
if [[ ! -f "$table" ]]; then
  table="$work/cpu-x86.json"
  $edgenas profile --device cpu --threads 1 --space default --out "$table"
fi
$edgenas table predict --table "$table" --model "$model"

echo "== 4/6 search (NSGA-II, proxy mIoU on a validation subset, latency from the table, fine-tuned front)" >&2
resume=()
[[ -f "$work/search/journal.jsonl" ]] && resume=(--resume)
$edgenas search --model "$model" --data "$work/data" --latency-table "$table" --out "$work/search" "${resume[@]}"

echo "== 5/6 pick: the fastest Pareto network within 3 mIoU points of the best one" >&2
pick=$(jq -r '
  [.pareto[] | . + {m: (.finalMiou // .proxyMiou)}] as $p
  | ($p | map(.m) | max) as $best
  | [$p[] | select(.m >= $best - 0.03)] | min_by(.latencyMs[0]) | .file' "$work/search/pareto.json")
echo "picked $work/search/$pick" >&2

echo "== 6/6 deploy int8 bundles for cpu, android, gap8" >&2
for target in cpu android gap8; do
  $edgenas deploy --model "$work/search/$pick" --target "$target" --data "$work/data" \
    --latency-table "$table" --out "$work/deploy/$target"
done
echo "main job done: search report $work/search/report.md, bundles in $work/deploy/" >&2
