#!/usr/bin/env bash
# Benchmark of the latency-table pipeline on this machine: builds the default search space's CPU table from
# scratch (kernels, then the whole-network calibration on CALIBRATE random subnetworks), then validates it on
# SAMPLES other random subnetworks (never the calibration's). Prints the time to profile and to calibrate, and the
# held-out validation figures of the raw kernel sum and of the calibrated prediction side by side, plus the
# machine-state factor of the table's reference workload (now vs when profiled) and the figures without it.
#   scripts/bench-profile.sh [THREADS] [SAMPLES] [CALIBRATE]     (defaults: 1 thread, 50 networks, 30)
# Other work on the machine inflates and skews the figures: the load average is printed before and after; the
# issue's targets (>= 95 % within +-10 %, >= 80 % within +-5 %, RMSPE <= 5 %) are for a load below 2.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${1:-1}"
samples="${2:-50}"
calibrate="${3:-30}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
./edgenas profile --device cpu --threads "$threads" --space default --out "$work/table.json" --calibrate "$calibrate" \
  --no-progress --json > "$work/profile.json"
end=$(date +%s.%N)
./edgenas table validate --table "$work/table.json" --samples "$samples" --report "$work/validation" --no-progress > /dev/null
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$work" "$start" "$end" <<'PY'
import json, sys
work, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
p = json.load(open(work + "/profile.json"))
r = json.load(open(work + "/validation.json"))
cal_s = p.get("calibrationSeconds") or 0.0
total = end - start
print(f"profile time          {total - cal_s:.1f} s (wall, incl. JVM start and space enumeration)")
print(f"calibration time      {cal_s:.1f} s ({(p.get('calibration') or {}).get('networks', 0)} networks end to end)")
print(f"profile + calibrate   {total:.1f} s")
print(f"entries               {p['entries']}")
print(f"median relative CI    +-{100 * p['medianRelativeCi']:.2f} %  ({p['cappedEntries']} entries stopped by the cap)")
c = p.get("calibration")
if c:
    print(f"calibration form      {c['form']} (leave-one-out RMSPE by form: "
          + ", ".join(f"{k} {100 * v:.1f} %" for k, v in c['cvRmspe'].items()) + ")")
print(f"held-out networks     {r['stats']['samples']} ({r['networks'].get('heldOut')})")
rows = [("raw", r["stats"]), ("calibrated", r.get("calibrated"))]
ref = r.get("reference")
if ref:
    rows += [("raw, state-adj.", ref.get("adjusted")), ("calibrated, state-adj.", ref.get("calibratedAdjusted"))]
print(f"{'':24s} {'within 5%':>10s} {'within 10%':>11s} {'RMSPE':>8s} {'bias':>8s} {'Spearman':>9s}")
for name, s in rows:
    if s:
        print(f"{name:24s} {100 * s['within5']:9.1f}% {100 * s['within10']:10.1f}% {100 * s['rmspe']:7.2f}% "
              f"{100 * s['meanError']:+7.2f}% {s['spearman']:9.4f}")
if ref:
    print(f"machine-state factor  {ref['factor']:.3f} (reference workload {ref['nowMs']:.4f} ms now vs "
          f"{ref['thenMs']:.4f} ms when profiled)")
PY
