#!/usr/bin/env bash
# Reproduces models/default.onnx, the pretrained DeepLabV3+ edgenas ships, from nothing:
#   1. the synthetic portrait dataset (seed 7, 2000 train / 500 val, 128x128),
#   2. the 'default' DeepLabV3+ preset with random initial weights (seed 1),
#   3. training with the recipe below (about 20 min on 2 idle x86 cores; longer on a shared machine).
# Work files go to work/default/ (git-ignored); the run checkpoints every epoch there, so running the
# script again after an interruption resumes where it stopped (at most one epoch is lost).
# Usage: scripts/make-default-model.sh [extra train options, e.g. --threads 4]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="work/default"
mkdir -p "$work" models

./edgenas data synth --out "$work/data" --seed 7 --train 2000 --val 500 --size 128
[[ -f "$work/deeplab-init.onnx" ]] || ./edgenas model build --preset default --seed 1 --out "$work/deeplab-init.onnx"

# Training runs the edgenas-train module's own entry point (dev.edgenas.train.TrainMain, whose
# --options are the fields of TrainOptions) on that module's classpath.
mvn -q -B -o -pl toolchain/train dependency:build-classpath -Dmdep.outputFile="$root/$work/train-classpath.txt" >&2
export EDGENAS_HOME="${EDGENAS_HOME:-$HOME/.cache/edgenas}"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$EDGENAS_HOME/djl}"
# PyTorch's OpenMP threads sleep rather than spin while waiting: on a shared machine spinning
# threads burn the cores the other threads need (measured: 2.4x more CPU per image under load).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export EDGENAS_GIT_COMMIT="${EDGENAS_GIT_COMMIT:-$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)}"
cp="$HOME/.m2/repository/dev/edgenas/edgenas-train/0.1.0-SNAPSHOT/edgenas-train-0.1.0-SNAPSHOT.jar:$(cat "$work/train-classpath.txt")"
java -Xmx4g -Dai.djl.offline=true -cp "$cp" dev.edgenas.train.TrainMain \
  --model "$work/deeplab-init.onnx" --data "$work/data" \
  --epochs 12 --batch 8 --optimizer adamw --lr 3e-3 --weight-decay 1e-2 --warmup-epochs 1 --schedule cosine \
  --flip --scale-min 0.75 --scale-max 1.25 --color-jitter 0.2 --seed 7 \
  --checkpoint-dir "$work/ckpt" --resume --out "$work/trained.onnx" "$@" | tee "$work/train-log.txt"
cp "$work/trained.onnx" models/default.onnx
echo "wrote models/default.onnx" >&2
