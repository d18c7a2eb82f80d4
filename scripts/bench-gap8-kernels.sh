#!/usr/bin/env bash
# Benchmark of the GAP8 int8 convolutions on GVSOC (docs/GAP8.md "Kernels on GVSOC"): builds the
# firmware in device-agents/gap8/kernels/bench against the GAP SDK's PMSIS (pulp-os) and runs it on
# GVSOC. Per shape: MAC/cycle on 1 and 8 cluster cores of the old CHW kernels (en_conv2d.c), the HWC
# kernels' portable C path and their Xpulp path (en_hwc.c), all in one run, with ratios vs the old
# kernels; every output is checked bit-exact against the Xpulp 8-core output.
#   scripts/bench-gap8-kernels.sh [--test]      (--test: the small shapes with all tail cases)
# Env: EDGENAS_GVSOC_HOME: GVSOC setup prefix of scripts/gvsoc/setup-gvsoc.sh (default ~/.cache/gvsoc).
# Exit: 0 all outputs match, 1 a mismatch or a failed run, 3 GVSOC not set up.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX="${EDGENAS_GVSOC_HOME:-$HOME/.cache/gvsoc}"
SET=bench
[ "${1:-}" = --test ] && SET=test
[ -f "$PREFIX/env.sh" ] || { echo "bench-gap8-kernels: no GVSOC at $PREFIX (env.sh missing; set EDGENAS_GVSOC_HOME or run the GVSOC setup script)" >&2; exit 3; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/edgenas-gap8-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/kernels/bench"
cp device-agents/gap8/kernels/*.[ch] "$WORK/kernels/"
cp device-agents/gap8/kernels/bench/Makefile device-agents/gap8/kernels/bench/*.c "$WORK/kernels/bench/"
cd "$WORK/kernels/bench"
set +u; source "$PREFIX/env.sh" > /dev/null; set -u
make clean all platform=gvsoc BENCH_SET=$SET > build.log 2>&1 || { tail -n 30 build.log >&2; echo "bench-gap8-kernels: build failed" >&2; exit 1; }
ELF="$(find BUILD -type f -name en_bench | head -n 1)"
ndot=$("$GAP_RISCV_GCC_TOOLCHAIN/bin/riscv32-unknown-elf-objdump" -d "$ELF" 2>/dev/null | grep -c 'pv\.sdotsp\.b' || true)
nloop=$("$GAP_RISCV_GCC_TOOLCHAIN/bin/riscv32-unknown-elf-objdump" -d "$ELF" 2>/dev/null | grep -c 'lp\.setup' || true)
rc=0; timeout 1800 make run platform=gvsoc > run.log 2>&1 || rc=$?
sdk=$(git -C "$PREFIX/gap_sdk" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "# GVSOC (gap_sdk $sdk, gapuino_v3 / GAP8 rev C), set=$SET, firmware: $ndot pv.sdotsp.b + $nloop lp.setup; host load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# MAC/cycle on 1 and 8 cluster cores; old = CHW kernels, C = HWC portable path, xp = HWC Xpulp path"
printf '%-26s %9s | %6s %6s | %6s %6s | %6s %6s | %8s %8s %s\n' shape MACs old1 old8 C1 C8 xp1 xp8 xp8/old8 xp8/C8 check
grep -a '^BENCH .*|' run.log | sed 's/^BENCH //' | sort -u -t'|' -k1,1 | while IFS='|' read -r name macs cyc mpc check; do
  read -r c0 c1 c2 c3 c4 c5 <<< "$cyc"
  read -r m0 m1 m2 m3 m4 m5 <<< "$mpc"
  printf '%-26s %9s | %6s %6s | %6s %6s | %6s %6s | %7.1fx %7.1fx %s\n' "$name" "$macs" "$m0" "$m1" "$m2" "$m3" "$m4" "$m5" \
    "$(awk -v a="$c1" -v b="$c5" 'BEGIN { print a / b }')" "$(awk -v a="$c3" -v b="$c5" 'BEGIN { print a / b }')" "$check"
done
if [ $rc -ne 0 ] || ! grep -aq '^BENCH RESULT OK' run.log || [ "$ndot" -lt 1 ]; then
  grep -a '^BENCH' run.log | grep -v '|' >&2 || true
  tail -n 20 run.log >&2
  echo "bench-gap8-kernels: FAIL (run exit $rc)" >&2; exit 1
fi
echo "RESULT OK: every output bit-exact (old CHW = HWC C = HWC Xpulp, 1 and 8 cores)"
