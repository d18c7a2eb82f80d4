#!/usr/bin/env bash
# Benchmark of the latency-table pipeline on this machine: builds the default search space's CPU
# table from scratch, then validates it on random subnetworks. Prints the time to build the table,
# its entry count, the median relative CI of its entries, and the validation figures.
#   scripts/bench-profile.sh [THREADS] [SAMPLES]     (defaults: 1 thread, 50 networks)
# Other work on the machine inflates and skews the figures: the load average is printed before and after.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${1:-1}"
samples="${2:-50}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
./edgenas profile --device cpu --threads "$threads" --space default --out "$work/table.json" --no-progress --json > "$work/profile.json"
end=$(date +%s.%N)
./edgenas table validate --table "$work/table.json" --samples "$samples" --report "$work/validation" --no-progress > /dev/null
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$work" "$start" "$end" <<'PY'
import json, sys
work, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
p = json.load(open(work + "/profile.json"))
v = json.load(open(work + "/validation.json"))["stats"]
print(f"table build time      {end - start:.1f} s (wall, incl. JVM start and space enumeration)")
print(f"entries               {p['entries']}")
print(f"median relative CI    +-{100 * p['medianRelativeCi']:.2f} %  ({p['cappedEntries']} entries stopped by the cap)")
print(f"validation networks   {v['samples']}")
print(f"within +-5 %          {100 * v['within5']:.1f} %")
print(f"within +-10 %         {100 * v['within10']:.1f} %")
print(f"RMSPE                 {100 * v['rmspe']:.2f} %")
print(f"bias (mean error)     {100 * v['meanError']:+.2f} %")
print(f"Spearman              {v['spearman']:.4f}")
PY
