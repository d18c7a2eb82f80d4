#!/usr/bin/env bash
# The main job on the embedded default: synthetic portrait dataset -> shipped pretrained DeepLabV3+
# -> evaluation on this machine's CPU. Later pipeline stages (latency table, search, deploy) are
# appended here as they land. Everything goes under ${EDGENAS_WORK:-work}/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="${EDGENAS_WORK:-work}"
mkdir -p "$work"
edgenas=./edgenas

echo "== 1/3 synthetic portrait dataset (seed 7, 2000 train / 500 val, 128x128)" >&2
$edgenas data synth --out "$work/data" --seed 7

model=models/deeplabv3plus-portrait.onnx
echo "== 2/3 model" >&2
if [[ -f "$model" ]]; then
  $edgenas model info --model "$model"
else
  echo "no pretrained model at $model: building a randomly initialised default (run scripts/make-default-model.sh to train one)" >&2
  model="$work/deeplabv3plus-untrained.onnx"
  $edgenas model build --preset default --out "$model"
fi

echo "== 3/3 evaluation with ONNX Runtime on this CPU" >&2
$edgenas eval --model "$model" --data "$work/data" --split val
