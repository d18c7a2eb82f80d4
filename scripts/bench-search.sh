#!/usr/bin/env bash
# Benchmark of the FMAS search (docs/SEARCH.md). Prints, with the machine's load average next to each figure:
#  - evaluations/s: random genomes, and head-only genomes with and without the backbone feature cache;
#  - the wall time of 1,000 evaluations (extrapolated from those rates, and labelled so);
#  - NSGA-II vs random hypervolume at equal budget over SEEDS seeds (journals stay in $OUT: a rerun is fast);
#  - rank fidelity of the proxy with and without BatchNorm recalibration (RANK networks, REF validation images);
#  - distinct networks scored per seed (NSGA-II, fast-end rounds and random baseline together);
#  - each seed's pick (measured speed-up, mIoU drop) from finished default searches in $PICKS/seedN
#    (edgenas search --seed N --latency-table T --out $PICKS/seedN; seed 1 may be the main job's work/search);
#  - for a finished default search in $SEARCH (edgenas search --latency-table ...): the best MEASURED latency
#    ratio at <= 3 points mIoU loss after fine-tuning, and the proxy-vs-screened-mIoU Spearman correlation.
#   scripts/bench-search.sh [MODEL] [DATA] [TABLE...]
#   scripts/bench-search.sh --engine spark [MODEL] [DATA] [TABLE...]   (scripts/bench-scaleout.sh)
# Env: EVALS (default 40), SEEDS (3), OUT (work/bench-search), RANK (20), REF (0 = whole val split),
#      SEARCH (work/search-default; skipped when it has no pareto.json), ROUNDS (300),
#      PICKS (work/bench-picks), PICKS_ONLY=1 (only the seeds' picks: no benchmark runs).
set -euo pipefail
cd "$(dirname "$0")/.."
# --engine spark: the scale-out benchmark (1 and 2 Spark workers vs the local engine), docs/SCALE-OUT.md
if [ "${1:-}" = "--engine" ] && [ "${2:-}" = "spark" ]; then shift 2; exec scripts/bench-scaleout.sh "$@"; fi
# shellcheck source=bench-inputs.sh
source scripts/bench-inputs.sh
bench_inputs bench-search "$@"
OUT=${OUT:-work/bench-search}
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -B -o -pl toolchain/search dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
# The class path goes through the environment: ONNX Runtime 1.29 overflows its stack while reading a long
# /proc/self/cmdline (a 4 KB -cp is enough), so it must not be on the command line.
export CLASSPATH="toolchain/search/target/classes:$(cat "$CP_FILE")"
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
if [ "${PICKS_ONLY:-0}" != 1 ]; then
echo "== throughput and hypervolume ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
java dev.edgenas.search.SearchBench "$MODEL" "$DATA" "$OUT" "${EVALS:-40}" "${SEEDS:-3}" "${TABLES[@]}"
echo "== BatchNorm recalibration and rank fidelity"
java dev.edgenas.search.RankFidelity "$MODEL" "$DATA" "$OUT/seed1/journal.jsonl" "${RANK:-20}" "${REF:-0}"
# the same among the networks a search actually has to rank (proxy at least half the best)
MIN_PROXY=0.5 java dev.edgenas.search.RankFidelity "$MODEL" "$DATA" "$OUT/seed1/journal.jsonl" "${RANK:-20}" "${REF:-0}"
fi
echo "== the pick of each seed's default search (fine-tuned; speed-up measured on this host by NetworkTimer)"
PICKS=${PICKS:-work/bench-picks}
for seed in 1 2 3; do
  f="$PICKS/seed$seed/pareto.json"
  [ "$seed" = 1 ] && [ ! -f "$f" ] && [ -f work/search/pareto.json ] && f=work/search/pareto.json
  if [ -f "$f" ]; then
    jq -r --arg s "$seed" --arg f "$f" 'if (.pick.network // null) != null then
      "seed \($s): pick \(.pick.network.genome) \(.pick.speedup * 100 | round / 100)x faster (\(if .pick.measured then "measured" else "PREDICTED" end)), mIoU \(.pick.network.finalMiou * 10000 | round / 10000) vs \(.pick.referenceMiou * 10000 | round / 10000): drop \(.pick.drop * 10000 | round / 100) points; \(if .pick.speedup >= 2 and .pick.drop <= 0.03 then "meets" else "MISSES" end) >= 2x within 3 points (\($f))"
      else "seed \($s): no fine-tuned network within the tolerance (\($f))" end,
      (.pick.target // null | select(. != null and (.met | not) and .closest != null) |
      "seed \($s):   closest to the target: \(.closest.genome) \(.closestSpeedup * 100 | round / 100)x, drop \(.closestDrop * 10000 | round / 100) points (\(.trained))")' "$f"
    h="$(dirname "$f")/hypervolume.json"
    [ -f "$h" ] && jq -r --arg s "$seed" '"seed \($s):   distinct networks scored \(.distinctNetworks), NSGA-II hypervolume \(.nsga2[-1].hypervolume * 10000 | round / 10000)"' "$h"
  else
    echo "seed $seed: no finished search in $PICKS/seed$seed (run: edgenas search --seed $seed --latency-table ${TABLES[0]:-TABLE} --out $PICKS/seed$seed)"
  fi
done
SEARCH=${SEARCH:-work/search-default}
if [ -f "$SEARCH/pareto.json" ]; then
  echo "== fine-tuned front of $SEARCH: measured latency and proxy-vs-screened rank correlation"
  java dev.edgenas.search.FrontCheck "$SEARCH" "$MODEL" "$DATA" "${ROUNDS:-300}"
else
  echo "== no finished search in $SEARCH (run: edgenas search --latency-table ${TABLES[0]:-TABLE} --out $SEARCH)"
fi
