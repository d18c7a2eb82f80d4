#!/usr/bin/env bash
# Installs what edgenas and its tests need on a fresh Debian/Ubuntu machine (run as root or with sudo):
#   socat                         pseudo-terminal pairs for the GAP8 serial path (host-sim, fault tests)
#   adb                           the real Android client, driven against the simulated phone
#   gcc-riscv64-unknown-elf,      compile every GAP8 kernel and firmware file for rv32imc
#   picolibc-riscv64-unknown-elf
#   gcc, make                     host-sim firmware and kernel reference tests
#   python3-onnx                  the independent checker of every ONNX file edgenas writes
#   libonnx-testdata              ONNX's own operator test vectors (int8 kernel tests)
#   python3-torch, torchvision    reference implementations (model family, exported-model fixtures)
#   dexdump                       validates the Android agent's classes.dex
#   chromium, jq                  lab-bench report checked in headless Chromium; JSON in the bench scripts
#   openjdk-17-jdk-headless, maven
# Maven then fetches the Java dependencies (DJL, ONNX Runtime, PyTorch natives) at build time.
set -euo pipefail
pkgs=(socat adb gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf gcc make python3-onnx libonnx-testdata dexdump
      python3-torch python3-torchvision chromium jq
      openjdk-17-jdk-headless maven git)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
echo "setup: system packages present" >&2
