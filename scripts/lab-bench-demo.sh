#!/usr/bin/env bash
# The lab bench end to end against simulated devices, in one command:
#   scripts/lab-bench-demo.sh [WORKDIR]          (default: work/lab-bench-demo, emptied first)
# Starts a simulated phone (the edgenas adbd simulator, attached to a private adb server with
# `adb connect`) and a simulated GAP8 board (a socat pty pair: the host-sim firmware writes into one
# end, edgenas reads the other as it would /dev/ttyUSB1), builds the tiny model, then runs
# scripts/lab-bench.sh for two days on the tiny model's kernels:
#   day 1 (yesterday): cpu, phone and board are discovered and profiled (no tables yet);
#   overnight the phone gets an "OTA update" (Android SDK 33 -> 34, big cores 2.4 -> 2.0 GHz);
#   day 2 (today): cpu and board are up to date; the phone's facts changed, so it is profiled
#   again and its new table is compared with yesterday's (provenance changes, drift verdict).
# The report is WORKDIR/bench/report/index.html (plus WORKDIR/report.png when chromium is installed).
# Exit 0 when both days ran and every device ended ok or with a drift verdict (drift is news the
# bench reports, not a failure of the demo); 1 otherwise. Everything it starts is stopped on exit.
# The real cron run profiles --space default with the default stopping rule (docs/LAB-BENCH.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lab-lib.sh
source "$root/scripts/lab-lib.sh"
lab_require java:openjdk-17-jdk-headless adb:adb socat:socat jq:jq flock:util-linux gcc:gcc
cd "$root"
W="$(realpath -m "${1:-work/lab-bench-demo}")"
rm -rf "$W"
mkdir -p "$W/home" "$W/phone/sandbox" "$W/gap8"
lab_init_edgenas "$root"

pids=()
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  HOME="$W/home" adb kill-server > /dev/null 2>&1 || true
}
trap cleanup EXIT

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

echo "== building the CLI (first run only) and the tiny model" >&2
lab_edgenas --version >&2
lab_edgenas model build --preset tiny --out "$W/tiny.onnx" >&2

echo "== simulated phone" >&2
# A private adb server (own port, keys under WORKDIR/home): the user's adb and phones are untouched.
export ANDROID_ADB_SERVER_PORT; ANDROID_ADB_SERVER_PORT="$(free_port)"
HOME="$W/home" adb start-server > /dev/null 2>&1
phone_port="$(free_port)"
# describe SDK BIG_KHZ: writes the phone's description.
describe() {
  printf '%s\n' "{\"model\": \"edgenas-sim\", \"board\": \"edgenas-sim\", \"abi\": \"arm64-v8a\", \"sdk\": $1," \
    " \"clusters\": [{\"cpus\": [0, 1, 2, 3], \"maxKHz\": 1800000}, {\"cpus\": [4, 5, 6, 7], \"maxKHz\": $2}]," \
    " \"thermalStatus\": 0}" > "$W/phone/description.json"
}
# The simulator's classes: CLASSPATH when the caller set it (tests), else the built CLI's jars.
sim_cp=(-cp "$root/toolchain/cli/target/edgenas-cli.jar:$root/toolchain/cli/target/lib/*")
[[ -n "${CLASSPATH:-}" ]] && sim_cp=()
phone_pid=""
start_phone() {
  : > "$W/phone/simulator.log"
  java "${sim_cp[@]}" dev.edgenas.android.sim.AdbdSimulator --sandbox "$W/phone/sandbox" --port "$phone_port" \
    --description "$W/phone/description.json" >> "$W/phone/simulator.log" 2>&1 &
  phone_pid=$!
  pids+=("$phone_pid")
  for _ in $(seq 150); do grep -q "listening on" "$W/phone/simulator.log" && return 0; sleep 0.2; done
  cat "$W/phone/simulator.log" >&2
  echo "the simulated phone did not start" >&2
  exit 1
}
describe 33 2400000
start_phone

echo "== simulated GAP8 board (host-sim firmware behind a pty pair)" >&2
socat pty,raw,echo=0,link="$W/gap8/uart" pty,raw,echo=0,link="$W/gap8/fw" 2> "$W/gap8/socat.log" &
pids+=($!)
for _ in $(seq 50); do [[ -e "$W/gap8/uart" && -e "$W/gap8/fw" ]] && break; sleep 0.1; done
[[ -e "$W/gap8/uart" ]] || { echo "socat made no pty pair: $(cat "$W/gap8/socat.log")" >&2; exit 1; }

# Quick settings for a demo: fewer samples than the defaults a real table is measured with.
quick="--min-samples 10 --max-samples 40 --target-ci 0.05 --max-seconds-per-entry 1 --reps 20 --group-size 64"
bench() {
  local shot=()
  if [[ "$1" == "$(date -u +%F)" ]] && command -v chromium > /dev/null; then shot=(--screenshot "$W/report.png"); fi
  "$root/scripts/lab-bench.sh" --tables "$W/tables" --work "$W/bench" --model "$W/tiny.onnx" --date "$1" \
    --connect "127.0.0.1:$phone_port" --ports "$W/gap8/uart" --listen-ms 500 \
    --profile-args "$quick" --cpu-args "--threads 1" \
    --gap8-args "--platform host-sim --sim-tty $W/gap8/fw --work-dir $W/gap8/runs" "${shot[@]}" || true
}
echo "== day 1: discover and profile everything" >&2
bench "$(date -u -d yesterday +%F)"
cp "$W/bench/last-summary.json" "$W/bench/day1-summary.json"
echo "== overnight: the phone's OTA update (SDK 34, big cores at 2.0 GHz); it restarts" >&2
kill "$phone_pid"
wait "$phone_pid" 2> /dev/null || true
describe 34 2000000
start_phone
echo "== day 2: only the phone is profiled again, and compared with day 1" >&2
bench "$(date -u +%F)"

echo "report: $W/bench/report/index.html" >&2
if [[ -f "$W/report.png" ]]; then echo "screenshot: $W/report.png" >&2; fi
# The demo worked when every device ended ok or with a drift verdict and the report exists.
bad="$(jq -r '.date as $d | .devices[] | select(.status != "ok" and .status != "drift") | "\($d) \(.name): \(.status)"' \
  "$W/bench/day1-summary.json" "$W/bench/last-summary.json")"
if [[ -n "$bad" || ! -f "$W/bench/report/index.html" ]]; then
  echo "demo FAILED: ${bad:-no report}" >&2
  exit 1
fi
