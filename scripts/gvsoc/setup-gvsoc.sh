#!/bin/bash
# scripts/gvsoc/setup-gvsoc.sh SDK_REPO TOOLCHAIN_REPO [PREFIX]
#
# Builds GreenWaves' GVSOC simulator for GAP8 (gap_sdk, gapuino_v3 = GAP8 rev C) plus pulp-os and
# the PMSIS API/BSP, so that `make run platform=gvsoc` works for PMSIS applications with no board.
#   SDK_REPO       clone source of https://github.com/GreenWaves-Technologies/gap_sdk (path or URL)
#   TOOLCHAIN_REPO clone source of https://github.com/GreenWaves-Technologies/gap_riscv_toolchain_ubuntu
#   PREFIX         where everything goes (clones, PREFIX/fakegap, PREFIX/logs, PREFIX/env.sh);
#                  default $EDGENAS_GVSOC_HOME, else ~/.cache/gvsoc: where edgenas looks for it
#
# What it does NOT provide: GreenWaves' own gcc (7.1 with Xpulp code generation). All C is compiled
# by Debian's riscv64-unknown-elf-gcc as plain rv32imc (no hardware loops, post-increment loads,
# SIMD or MAC from the compiler). Xpulp instructions only come from assembly: .S files and C inline
# assembly are assembled by GreenWaves' binutils 2.28 from the toolchain repository (-march=rv32imcxgap8);
# linking uses GreenWaves' ld. GVSOC is GreenWaves' model of the chip, not silicon.
#
# Idempotent: each finished step leaves PREFIX/logs/NN-step.done and is skipped on a rerun
# (FORCE=1 redoes all). Needs root (or sudo) only to apt-get install missing Debian packages.
set -euo pipefail
[ $# -eq 2 ] || [ $# -eq 3 ] || { sed -n '2,9p' "$0"; exit 2; }
SDK_REPO="$1"; TC_REPO="$2"; PREFIX="${3:-${EDGENAS_GVSOC_HOME:-$HOME/.cache/gvsoc}}"
HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
mkdir -p "$PREFIX"; PREFIX="$(cd "$PREFIX" && pwd)"
LOGS="$PREFIX/logs"; mkdir -p "$LOGS"
T0=$(date +%s); say() { echo "[$(( $(date +%s) - T0 ))s] $*"; }
JOBS="${JOBS:-$(nproc)}"

# 1. Debian packages --------------------------------------------------------------------------
PKGS="git make gcc g++ rsync python3 python3-pyelftools python3-pexpect python3-prettytable python3-argcomplete python3-six scons
      libsdl2-dev libsndfile1-dev gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf"
missing=""
for p in $PKGS; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"; done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  say "apt-get install:$missing"
  $SUDO apt-get update > "$LOGS/00-apt.log" 2>&1
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing >> "$LOGS/00-apt.log" 2>&1
fi

# 2. Sources ----------------------------------------------------------------------------------
: > "$LOGS/00-commits.txt"
clone() { # src dst probe-file
  if [ ! -e "$2/$3" ]; then
    say "clone $1 -> $2"
    # A partial mirror may lack a few large blobs (then git reports a failed checkout);
    # what is needed is checked through the probe file.
    git clone -q "$1" "$2" >> "$LOGS/00-clone.log" 2>&1 || say "  (git clone reported errors, see logs/00-clone.log)"
    [ -e "$2/$3" ] || { echo "clone of $1 failed: $2/$3 missing" >&2; exit 1; }
  fi
  echo "$2 $(git -C "$2" rev-parse HEAD)" >> "$LOGS/00-commits.txt"
}
clone "$SDK_REPO" "$PREFIX/gap_sdk" configs/gapuino_v3.sh
clone "$TC_REPO" "$PREFIX/gap_riscv_toolchain" bin/riscv32-unknown-elf-as

# 3. Fake GAP toolchain folder (GAP_RISCV_GCC_TOOLCHAIN) --------------------------------------
FG="$PREFIX/fakegap"; TC="$PREFIX/gap_riscv_toolchain"
mkdir -p "$FG/bin" "$FG/include" "$FG/ldbin" "$FG/lib"
ln -sfn ../gap_riscv_toolchain/bin "$FG/gapbin"
install -m 755 "$HERE/fakegap/riscv32-unknown-elf-gcc" "$FG/bin/riscv32-unknown-elf-gcc"
ln -sf riscv32-unknown-elf-gcc "$FG/bin/riscv32-unknown-elf-g++"
for t in ar nm objcopy objdump ranlib readelf size strip as ld; do
  ln -sf "../gapbin/riscv32-unknown-elf-$t" "$FG/bin/riscv32-unknown-elf-$t"
done
install -m 644 "$HERE/fakegap/pulp_builtins_shim.h" "$FG/include/pulp_builtins_shim.h"
install -m 755 "$HERE/fakegap/as" "$FG/ldbin/as"
ln -sf ../gapbin/riscv32-unknown-elf-ld "$FG/ldbin/ld"
# The SDK link scripts say GROUP(-lgloss -lgcc). pulp-os brings its own syscalls and picolibc
# the C library, so an empty archive satisfies -lgloss (GreenWaves' newlib libgloss, in
# $TC/riscv32-unknown-elf/lib, is deliberately not linked).
[ -s "$FG/lib/libgloss.a" ] || printf '!<arch>\n' > "$FG/lib/libgloss.a"
# gapy and the SDK scripts need the Debian python3 modules installed above.
mkdir -p "$PREFIX/bin"; ln -sf /usr/bin/python3 "$PREFIX/bin/python"; ln -sf /usr/bin/python3 "$PREFIX/bin/python3"

# 4. Build (sequence of the SDK's gap8 targets, restricted to GVSOC + pulp-os + PMSIS) ---------
export PYTHONPATH="" LD_LIBRARY_PATH=""
export PATH="$PREFIX/bin:$PATH" GAP_RISCV_GCC_TOOLCHAIN="$FG"
set +eu; source "$PREFIX/gap_sdk/configs/gapuino_v3.sh" > /dev/null; set -eu
export BUILD_DIR="$GAP_SDK_HOME/build"
cd "$GAP_SDK_HOME"
TI="TARGET_INSTALL_DIR=$GAP_SDK_HOME/install"
step() { # NN name command...
  local n="$1-$2"; shift 2
  if [ -z "${FORCE:-}" ] && [ -e "$LOGS/$n.done" ]; then say "$n: done before, skipped"; return; fi
  say "$n (log: $LOGS/$n.log)"
  if ! "$@" > "$LOGS/$n.log" 2>&1; then tail -n 30 "$LOGS/$n.log" >&2; say "$n FAILED"; exit 1; fi
  touch "$LOGS/$n.done"
}
step 01 json-tools  make -C utils/json-tools all install BUILD_DIR="$BUILD_DIR/json-tools" INSTALL_DIR="$INSTALL_DIR"
step 02 gap_configs make -C utils/gap_configs all_scons BUILD_DIR="$BUILD_DIR/pulp-configs" INSTALL_DIR="$INSTALL_DIR" "$TI"
step 03 dpi-models  make -C gap8/gvsoc/dpi-models build install BUILD_DIR="$BUILD_DIR/archi" INSTALL_DIR="$INSTALL_DIR" "$TI" MAGICK=FAILED
step 04 runner      make -C gvsoc/runner sdk.build BUILD_DIR="$BUILD_DIR/gvsoc" INSTALL_DIR="$INSTALL_DIR" "$TI"
step 05 archi-hal   make -C gap8/rtos/pulp build.archi build.hal
step 06 gvsoc-core  make -j"$JOBS" -C gvsoc/gvsoc build BUILD_DIR="$BUILD_DIR/gvsoc" INSTALL_DIR="$INSTALL_DIR" "$TI" NO_IMAGE_MAGICK=1
step 07 gvsoc-gap   make -j"$JOBS" -C gvsoc/gvsoc_gap build BUILD_DIR="$BUILD_DIR/gvsoc_gap" INSTALL_DIR="$INSTALL_DIR" "$TI" NO_IMAGE_MAGICK=1
step 08 others      make -f gap8/gap8.mk install_others
step 09 pmsis-api   make -C rtos/pmsis/api -f tools/export.mk build
step 10 pulp-os     make -C gap8/rtos/pulp/pulp-os -f gap_sdk.mk gap8_revc BUILD_DIR="$BUILD_DIR"
step 11 pmsis-bsp   make -C rtos/pmsis/bsp all

# 5. Environment for users ---------------------------------------------------------------------
cat > "$PREFIX/env.sh" <<ENV
# Source me (bash): GAP8 / GVSOC environment from setup-gvsoc.sh, then in a PMSIS app folder:
#   make clean all run platform=gvsoc
# python, python3 -> /usr/bin/python3 (Debian modules for gapy and the GVSOC runner)
export PATH="$PREFIX/bin:\$PATH"
# Debian gcc wrapper + GreenWaves binutils (see setup-gvsoc.sh)
export GAP_RISCV_GCC_TOOLCHAIN="$FG"
# GAP_SDK_HOME, GAP8 rev C on gapuino (GVSOC config gapuino_revc), SDK paths
source "$PREFIX/gap_sdk/configs/gapuino_v3.sh"
ENV
say "done; source $PREFIX/env.sh (du: $(du -sh "$PREFIX" | cut -f1))"
