#!/usr/bin/env bash
# Inference benchmark (docs/MODELS.md, issue 19 item 6): edgenas (ONNX Runtime through OrtInference, the path of
# `edgenas eval` and of the search's scoring) against PyTorch 1.13 eager (Debian's python3-torch, an ordinary
# nn.Module built from the same ONNX weights, eval mode, inference_mode) on the same network, batch and threads.
#   scripts/bench-eval.sh [MODEL] [DATA]
# PyTorch runs twice per slice: OpenMP passive (OMP_WAIT_POLICY, default PASSIVE here) and ACTIVE (spinning, faster
# on an idle machine, collapses under load); the headline ratio is against the better of the two.
# Env: INT8 (an int8 model from `edgenas deploy --target cpu`, e.g. work/deploy/cpu/model-int8.onnx): also timed in
#      the same slices and reported on its own, labelled line: it is the deployed form of the network, not the
#      same fp32 network, so it does not count towards the fp32 ratio.
#      BATCH (8), THREADS (2), ROUNDS (7), SLICE_SECONDS (3), OMP_WAIT_POLICY for PyTorch (PASSIVE: its
#      OpenMP threads otherwise spin and collapse on a busy machine, which would flatter edgenas).
# Also times edgenas with ORT's default spinning intra-op workers (EDGENAS_ORT_SPIN=1), which edgenas turns off.
# Prints: forward-only images/s of each framework as the median of ROUNDS alternating slices (so load changes hit
# both alike), their ratio, the largest logit difference between the two (same network check), and `edgenas eval`
# end to end (PNG decoding, preprocessing, argmax and confusion matrix included) with its forward-only share.
# And the ceiling: this machine's fp32 FMA throughput with THREADS threads (scripts/fma_peak.c, once per round,
# best kept) against the GFLOP/s each framework reaches on the network's convolutions (MACs counted by PyTorch's
# hooks): a framework near the peak cannot be beaten by 2x, so the ratio is then a statement about the other one.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${1:-models/deeplabv3plus-portrait.onnx}
DATA=${2:-work/data}
BATCH=${BATCH:-8}; THREADS=${THREADS:-2}; ROUNDS=${ROUNDS:-7}; SECONDS_PER=${SLICE_SECONDS:-3}
[ -f "$MODEL" ] || { echo "bench-eval: model $MODEL not found" >&2; exit 3; }
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import torch, onnx' 2>/dev/null \
  || { echo "bench-eval: needs Debian's python3-torch and python3-onnx (scripts/setup.sh)" >&2; exit 4; }
TMP=$(mktemp -d); CP_FILE="$TMP/cp"
trap 'rm -rf "$TMP"' EXIT
mvn -q -B -o -Dstyle.color=never -pl toolchain/runtime dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
# through the environment: ONNX Runtime overflows its stack reading a long /proc/self/cmdline
export CLASSPATH="toolchain/runtime/target/classes:$(cat "$CP_FILE")"
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "network: $MODEL, batch $BATCH, $THREADS threads, $ROUNDS alternating slices of ${SECONDS_PER} s each"
gcc -O2 -march=native -fopenmp scripts/fma_peak.c -o "$TMP/fma_peak"
/usr/bin/python3 -c "import numpy as np; np.random.default_rng(5).standard_normal((2,3,128,128)).astype('<f4').tofile('$TMP/in.bin')"
for r in $(seq 1 "$ROUNDS"); do
  if [ "$r" = 1 ]; then chk=("$TMP/in.bin" "$TMP/ort.bin"); else chk=(); fi
  java dev.edgenas.runtime.InferenceBench "$MODEL" "$BATCH" "$THREADS" "$SECONDS_PER" "${chk[@]}" >> "$TMP/ort.jsonl"
  EDGENAS_ORT_SPIN=1 java dev.edgenas.runtime.InferenceBench "$MODEL" "$BATCH" "$THREADS" "$SECONDS_PER" >> "$TMP/spin.jsonl"
  if [ -n "${INT8:-}" ]; then
    java dev.edgenas.runtime.InferenceBench "$INT8" "$BATCH" "$THREADS" "$SECONDS_PER" >> "$TMP/int8.jsonl"
  fi
  /usr/bin/python3 scripts/bench_eval_torch.py "$MODEL" "$BATCH" "$THREADS" "$SECONDS_PER" "$TMP/in.bin" "$TMP/torch.bin" >> "$TMP/torch.jsonl"
  OMP_WAIT_POLICY=ACTIVE /usr/bin/python3 scripts/bench_eval_torch.py "$MODEL" "$BATCH" "$THREADS" "$SECONDS_PER" "$TMP/in.bin" "$TMP/torch.bin" >> "$TMP/torch-active.jsonl"
  "$TMP/fma_peak" "$THREADS" 1 >> "$TMP/fma.jsonl"
done
/usr/bin/python3 - "$TMP" "$THREADS" <<'PY'
import json, sys, statistics
import numpy as np
d = sys.argv[1]
ort = [json.loads(l)["imagesPerSecond"] for l in open(d + "/ort.jsonl")]
pt = [json.loads(l)["imagesPerSecond"] for l in open(d + "/torch.jsonl")]
diff = float(np.abs(np.fromfile(d + "/ort.bin", "<f4") - np.fromfile(d + "/torch.bin", "<f4")).max())
print("forward only, images/s per slice: edgenas %s | pytorch eager %s" % (
    " ".join("%.1f" % x for x in ort), " ".join("%.1f" % x for x in pt)))
print("edgenas (ONNX Runtime) forward only: %.1f images/s (median)" % statistics.median(ort))
print("PyTorch %s eager forward only:     %.1f images/s (median)" % (__import__("torch").__version__,
                                                                     statistics.median(pt)))
act = [json.loads(l)["imagesPerSecond"] for l in open(d + "/torch-active.jsonl")]
print("PyTorch eager with spinning OpenMP threads (OMP_WAIT_POLICY=ACTIVE): %.1f images/s (median; per slice %s)" % (
    statistics.median(act), " ".join("%.1f" % x for x in act)))
best = max(statistics.median(pt), statistics.median(act))
print("ratio edgenas / PyTorch eager (OMP passive): %.2fx (median of per-slice ratios %.2fx)" % (
    statistics.median(ort) / statistics.median(pt), statistics.median([a / b for a, b in zip(ort, pt)])))
print("ratio edgenas / PyTorch eager at its better OpenMP policy: %.2fx (target >= 2x)" % (statistics.median(ort) / best))
print("same network: largest logit difference %.2e" % diff)
spin = [json.loads(l)["imagesPerSecond"] for l in open(d + "/spin.jsonl")]
print("edgenas with ORT's spinning workers (EDGENAS_ORT_SPIN=1, ORT's default; edgenas turns it off): %.1f images/s "
      "(median; per slice %s)" % (statistics.median(spin), " ".join("%.1f" % x for x in spin)))
peak = [json.loads(l)["gflopsPerSecond"] for l in open(d + "/fma.jsonl")]
macs = json.loads(open(d + "/torch.jsonl").readline())["convMacsPerImage"]
gf = lambda ips: 2 * macs * ips / 1e9
print("ceiling: this machine's fp32 FMA peak with %s threads (scripts/fma_peak.c, best of %d; per round %s): "
      "%.1f GFLOP/s" % (sys.argv[2], len(peak), " ".join("%.0f" % p for p in peak), max(peak)))
print("convolutions %.1f M MACs per image: edgenas %.1f GFLOP/s = %.0f %% of the peak; PyTorch eager %.1f GFLOP/s = "
      "%.0f %% (passive), %.1f = %.0f %% (active); a 2x lead needs the other framework at <= %.0f %%" % (
          macs / 1e6, gf(statistics.median(ort)), 100 * gf(statistics.median(ort)) / max(peak),
          gf(statistics.median(pt)), 100 * gf(statistics.median(pt)) / max(peak),
          gf(statistics.median(act)), 100 * gf(statistics.median(act)) / max(peak),
          50 * gf(statistics.median(ort)) / max(peak)))
import os
if os.path.exists(d + "/int8.jsonl"):
    q = [json.loads(l)["imagesPerSecond"] for l in open(d + "/int8.jsonl")]
    print("edgenas int8 bundle (NOT the same fp32 network: its deployed QDQ form) forward only: %.1f images/s, "
          "%.2fx PyTorch eager fp32" % (statistics.median(q), statistics.median(q) / statistics.median(pt)))
PY
if [ -d "$DATA" ]; then
  ev=$(./edgenas eval --model "$MODEL" --data "$DATA" --batch "$BATCH" --threads "$THREADS" --json --no-progress)
  jq -r '"edgenas eval end to end (decode + preprocess + inference + scoring): \(.imagesPerSecond * 10 | round / 10) images/s over \(.images) images, \(.inferenceImagesPerSecond * 10 | round / 10) images/s inside ONNX Runtime, mIoU \(.miou * 10000 | round / 10000)"' <<<"$ev"
else
  echo "no dataset in $DATA: end-to-end eval skipped (edgenas data synth --out $DATA)"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
