#!/usr/bin/env bash
# The main job on the embedded default, end to end on this machine's CPU:
#   synthetic portrait dataset -> shipped pretrained DeepLabV3+ (eval) -> this host's CPU latency table
#   (profiled here in about 10-20 s, or reused from $EDGENAS_HOME/tables/) -> FMAS search with a short
#   fine-tuning of the final front
#   -> int8 bundles for cpu, android and gap8 of the network the search picked.
# Everything goes under ${EDGENAS_WORK:-work}/; each step resumes or reuses what a killed run left.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="${EDGENAS_WORK:-work}"
mkdir -p "$work"
edgenas=./edgenas
model=models/deeplabv3plus-portrait.onnx

echo "== 1/6 synthetic portrait dataset (seed 7, 2000 train / 500 val, 128x128)" >&2
$edgenas data synth --out "$work/data" --seed 7

echo "== 2/6 pretrained model: $model" >&2
$edgenas model info --model "$model"
$edgenas eval --model "$model" --data "$work/data" --split val

echo "== 3/6 CPU latency table of this host (profiled here unless cached in \$EDGENAS_HOME/tables/)" >&2
# A table describes one machine: latency-tables/cpu-x86.json is the CI machine kind's example, not this host.
# profile without --out writes this host's table to the cache, named by CPU, cores, ONNX Runtime and settings;
# a complete cached table is reused as it is.
profiled=$($edgenas profile --device cpu --threads 1 --space default --json --no-progress)
table=$(jq -r .table <<<"$profiled")
jq -r '"table \(.table): profiled on this host, \(.entries) entries, " + (if .reusedEntries == .entries
  then "reused from the cache" else "\(.entries - .reusedEntries) measured now in \(.seconds * 10 | round / 10) s" end)' \
  <<<"$profiled" >&2
$edgenas table predict --table "$table" --model "$model"

echo "== 4/6 search (NSGA-II, proxy mIoU on a validation subset, latency from the table, fine-tuned front)" >&2
resume=()
[[ -f "$work/search/journal.jsonl" ]] && resume=(--resume)
$edgenas search --model "$model" --data "$work/data" --latency-table "$table" --out "$work/search" "${resume[@]}"

echo "== 5/6 pick: the search's final pick, the fastest fine-tuned network within 3 mIoU points of the pretrained model" >&2
pick=$(jq -r '
  if (.pick.network // null) != null then .pick.network.file
  else [.pareto[] | . + {m: (.finalMiou // .proxyMiou)}] | max_by(.m) | .file end' "$work/search/pareto.json")
jq -r 'if (.pick.network // null) != null
  then "pick: mIoU \(.pick.network.finalMiou * 10000 | round / 10000) vs \(.pick.referenceMiou * 10000 | round / 10000) (pretrained), \(.pick.speedup * 100 | round / 100)x faster (\(if .pick.measured then "measured" else "predicted" end))"
  else "no fine-tuned network within the tolerance: deploying the most accurate Pareto network" end' \
  "$work/search/pareto.json" >&2
echo "picked $work/search/$pick" >&2

echo "== 6/6 deploy int8 bundles for cpu, android, gap8" >&2
for target in cpu android gap8; do
  $edgenas deploy --model "$work/search/$pick" --target "$target" --data "$work/data" \
    --latency-table "$table" --out "$work/deploy/$target"
done
echo "main job done: search report $work/search/report.md, bundles in $work/deploy/" >&2
