#!/usr/bin/env bash
# The loss experiments behind docs/TRAINING.md's "What holds the small classes back" table: each variant
# fine-tunes the same start model (default: the shipped one) for the same short cosine cycle on the
# synthetic portrait split that scripts/make-default-model.sh trains on, then `edgenas eval` scores it
# on the whole validation split. Variants differ only in the loss (class weighting, hard-pixel mining),
# and one control keeps the plain cross-entropy, so a gain is the loss's and not the extra epochs'.
# Each run checkpoints every epoch: running the script again resumes and skips finished variants.
# Prints one table row per variant (mIoU and per-class IoU) and writes work/experiments/results.tsv.
# Usage: scripts/train-experiments.sh [start.onnx] [epochs] [variant ...]
#   variants: control sqrt-mfb mfb ohem25 sqrt-mfb+ohem25   (default: all)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
start="${1:-models/deeplabv3plus-portrait.onnx}"
epochs="${2:-6}"
shift $(( $# > 2 ? 2 : $# ))
variants=("$@")
[[ ${#variants[@]} -gt 0 ]] || variants=(control sqrt-mfb mfb ohem25 sqrt-mfb+ohem25)
work="${EXPERIMENTS_DIR:-work/experiments}"
data="work/default/data"
mkdir -p "$work"
[[ -f "$data/dataset.json" ]] || ./edgenas data synth --out "$data" --seed 7 --train 2000 --val 500 --size 128

loss_options() {
  case "$1" in
    control) ;;
    sqrt-mfb) echo "--class-weights SQRT_MEDIAN_FREQUENCY" ;;
    mfb) echo "--class-weights MEDIAN_FREQUENCY" ;;
    ohem25) echo "--ohem-fraction 0.25" ;;
    sqrt-mfb+ohem25) echo "--class-weights SQRT_MEDIAN_FREQUENCY --ohem-fraction 0.25" ;;
    *) echo "unknown variant: $1" >&2; exit 2 ;;
  esac
}

results="$work/results.tsv"
[[ -f "$results" ]] || printf 'variant\tepochs\tminutes\tmiou\tbackground\tskin\thair\teyes\tmouth\tclothes\taccessories\n' > "$results"
for v in "${variants[@]}"; do
  out="$work/$v-e$epochs.onnx"
  opts=$(loss_options "$v")
  if [[ ! -f "$out" ]]; then
    t0=$(date +%s)
    # the same cycle for every variant: stage 2's settings at a lower peak rate
    # shellcheck disable=SC2086
    ./edgenas train --model "$start" --data "$data" --out "$out" --epochs "$epochs" --batch 8 --optimizer adamw \
      --weight-decay 1e-2 --schedule cosine --lr 1e-3 --warmup-epochs 0.3 --scale-min 1 --scale-max 1 \
      --color-jitter 0.1 --seed 11 --checkpoint-dir "$work/ckpt-$v-e$epochs" --resume --no-progress $opts \
      >/dev/null 2> >(tee -a "$work/$v-e$epochs-log.txt" >&2)
    echo $(( ($(date +%s) - t0) / 60 )) > "$work/$v-e$epochs.minutes"
  fi
  ./edgenas eval --model "$out" --data "$data" --split val --json --no-progress > "$work/$v-e$epochs-eval.json"
  python3 - "$v" "$epochs" "$(cat "$work/$v-e$epochs.minutes" 2>/dev/null || echo '?')" "$work/$v-e$epochs-eval.json" "$results" <<'PY'
import json, sys
v, epochs, minutes, path, results = sys.argv[1:]
r = json.load(open(path))
c = r["perClassIou"]
names = ["background", "skin", "hair", "eyes", "mouth", "clothes", "accessories"]
row = [v, epochs, minutes, "%.4f" % r["miou"]] + ["%.3f" % c[n] for n in names]
lines = [l for l in open(results).read().splitlines() if not l.startswith(v + "\t" + epochs + "\t")]
open(results, "w").write("\n".join(lines + ["\t".join(row)]) + "\n")
print("\t".join(row))
PY
done
column -t -s $'\t' "$results"
