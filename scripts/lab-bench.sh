#!/usr/bin/env bash
# One lab-bench cycle, safe to run from cron: discover the attached devices (edgenas devices --json),
# profile each one whose table is missing, stale or unfinished, keep dated tables per device, compare
# every new table with the previous one (edgenas table diff), write a summary and an HTML report
# (edgenas table report). Exits non-zero when something needs a person. See docs/LAB-BENCH.md.
#
#   scripts/lab-bench.sh [--tables DIR] [--work DIR] [--space NAME | --model M.onnx ...] [options]
#
# Tables:  DIR/history/<device>/<YYYY-MM-DD>.json  one per day a device was (re)profiled
#          DIR/history/<device>/current.json       copy of the newest complete one
#          DIR/history/<device>/device.json        the device's identity when current.json was made
# Work:    WORK/logs/<stamp>.log, WORK/runs/<stamp>/ (devices.json, per-device profile and diff output,
#          summary.json, summary.txt), WORK/report/index.html, WORK/last-summary.{json,txt}
#
# Exit codes: 0 all devices current; 1 a device needs a person (vanished, unreachable mid-run, failed,
# not usable, drift beyond the threshold); 2 usage or a missing tool; 75 another run holds the lock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lab-lib.sh
source "$root/scripts/lab-lib.sh"

usage() {
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
  cat <<'EOF'
Options:
  --tables DIR         where history/ lives (default: latency-tables)
  --work DIR           logs, run summaries and the report (default: work/lab-bench)
  --space NAME         kernel set: a search space (default: default; the real cron run uses this)
  --model M.onnx       kernel set: the kernels of these models instead (repeatable; quick runs, tests)
  --stale-days N       re-profile a device whose current table is N or more days old (default 7; 0: every run)
  --threshold X        drift threshold per entry (default 0.10); --max-share X: allowed drifted share (0.10)
  --min-ms X           noise floor of the comparison in ms (default 0.005; see edgenas table diff --help)
  --only REGEX         only devices whose history name matches, e.g. '^(android|gap8)'
  --ports LIST         serial ports to probe for GAP8 boards (comma-separated)
  --connect LIST       adb connect these HOST:PORT phones before discovery (comma-separated)
  --listen-ms N        how long to listen for a GAP8 HELLO (default: edgenas devices' default)
  --profile-args STR   extra arguments for every edgenas profile (e.g. "--max-seconds-per-entry 1")
  --cpu-args STR, --android-args STR, --gap8-args STR   extra arguments per backend
  --date YYYY-MM-DD    the date the run files its tables under (default: today, UTC)
  --wait-lock SEC      wait up to SEC for another run to finish (default 0: exit 75 at once)
  --keep-runs N        keep the newest N run folders and logs (default 60)
  --no-report          skip the HTML report
  --screenshot PNG     also render the report in headless Chromium into PNG (Debian package chromium)
Environment: EDGENAS_CMD (edgenas command, default ./edgenas), ANDROID_ADB_SERVER_PORT, ADB (adb client).
EOF
}

tables=latency-tables work=work/lab-bench stale_days=7 threshold=0.10 max_share=0.10 min_ms=0.005 only="" ports="" connect=""
listen_ms="" profile_args="" cpu_args="" android_args="" gap8_args="" wait_lock=0 keep_runs=60 report=1 screenshot=()
today="$(date -u +%F)"
kernels=()
while (($#)); do
  case "$1" in
    --tables) tables="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --space) kernels+=(--space "$2"); shift 2 ;;
    --model) kernels+=(--model "$2"); shift 2 ;;
    --stale-days) stale_days="$2"; shift 2 ;;
    --threshold) threshold="$2"; shift 2 ;;
    --max-share) max_share="$2"; shift 2 ;;
    --min-ms) min_ms="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --ports) ports="$2"; shift 2 ;;
    --connect) connect="$2"; shift 2 ;;
    --listen-ms) listen_ms="$2"; shift 2 ;;
    --profile-args) profile_args="$2"; shift 2 ;;
    --cpu-args) cpu_args="$2"; shift 2 ;;
    --android-args) android_args="$2"; shift 2 ;;
    --gap8-args) gap8_args="$2"; shift 2 ;;
    --date) today="$2"; shift 2 ;;
    --wait-lock) wait_lock="$2"; shift 2 ;;
    --keep-runs) keep_runs="$2"; shift 2 ;;
    --no-report) report=0; shift ;;
    --screenshot) screenshot=(--screenshot "$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "lab-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
((${#kernels[@]})) || kernels=(--space default)
if ! [[ "$today" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || ! date -u -d "$today" > /dev/null 2>&1; then
  echo "lab-bench: --date $today: expected YYYY-MM-DD" >&2; exit 2
fi
[[ "$stale_days" =~ ^[0-9]+$ ]] || { echo "lab-bench: --stale-days $stale_days: expected a whole number" >&2; exit 2; }
lab_require jq:jq flock:util-linux cmp:diffutils
lab_init_edgenas "$root"

history="$tables/history"
mkdir -p "$history" "$work/logs" "$work/runs"
# One run at a time per history folder: the lock lives beside the tables it protects.
exec 9> "$history/.lab-bench.lock"
if ! flock -w "$wait_lock" 9; then
  echo "lab-bench: another run holds $history/.lab-bench.lock ($(cat "$history/.lab-bench.owner" 2> /dev/null || echo unknown)); not starting" >&2
  exit 75
fi
stamp="$(date -u +%Y%m%dT%H%M%SZ)-$$"
echo "pid $$ since $(date -u +%FT%TZ) on $(hostname)" > "$history/.lab-bench.owner"
run="$work/runs/$stamp"
mkdir -p "$run"
LAB_LOG="$work/logs/$stamp.log"
results="$run/results.jsonl"
: > "$results"
started="$(date -u +%FT%TZ)"
lab_log "lab-bench $stamp: tables $history, date $today, kernels ${kernels[*]}, stale after $stale_days days, threshold $threshold"

# result NAME DEVICE STATUS ATTENTION(true|false) DETAIL [TABLE]
result() {
  jq -cn --arg name "$1" --arg device "$2" --arg status "$3" --argjson attention "$4" --arg detail "$5" \
    --arg table "${6:-}" '{name: $name, device: $device, status: $status, needsAttention: $attention, detail: $detail,
    table: (if $table == "" then null else $table end)}' >> "$results"
  lab_log "$1: $3${5:+ - $5}"
}

# --- discover -------------------------------------------------------------------------------------
if [[ -n "$connect" ]]; then
  IFS=',' read -r -a targets <<< "$connect"
  for t in "${targets[@]}"; do
    # A phone that went away leaves an "offline" transport that connect alone does not revive.
    "${ADB:-adb}" disconnect "$t" 9>&- < /dev/null > /dev/null 2>&1 || true
    "${ADB:-adb}" connect "$t" 9>&- < /dev/null >> "$LAB_LOG" 2>&1 || lab_log "adb connect $t failed"
  done
fi
discover=(devices --json)
[[ -n "$ports" ]] && discover+=(--ports "$ports")
[[ -n "$listen_ms" ]] && discover+=(--listen-ms "$listen_ms")
if ! lab_edgenas "${discover[@]}" > "$run/devices.json" 2> "$run/devices.log"; then
  lab_log "discovery failed: $(tail -n 3 "$run/devices.log")"
  result "(discovery)" "" failed true "edgenas devices failed: $(tail -n 1 "$run/devices.log")"
  echo '{"devices": []}' > "$run/devices.json"
fi
jq -r '.notes[]? // empty' "$run/devices.json" | while read -r note; do lab_log "discovery note: $note"; done

declare -A seen=()

# --- profile one device ---------------------------------------------------------------------------
profile_device() {
  local rec="$1" id name backend dir file cur mode reason="" rc=0
  id="$(jq -r '.device' <<< "$rec")"
  name="$(lab_name "$id")"
  backend="${id%%:*}"
  dir="$history/$name"; file="$dir/$today.json"; cur="$dir/current.json"
  mkdir -p "$dir"
  lab_device_identity <<< "$rec" > "$run/$name.device.json"

  local target=() extra=()
  case "$backend" in
    cpu) target=(--device cpu); read -r -a extra <<< "$cpu_args" ;;
    android) target=(--device android --serial "${id#android:}"); read -r -a extra <<< "$android_args" ;;
    gap8) target=(--device gap8 --port "${id#gap8:}"); read -r -a extra <<< "$gap8_args" ;;
    *) result "$name" "$id" skipped false "no profiling recipe for backend $backend"; return ;;
  esac
  local common=()
  read -r -a common <<< "$profile_args"

  # What to do: finish today's table, keep it, start afresh, or extend a copy of the current one.
  if [[ -f "$file" ]]; then
    if [[ "$(lab_table_complete "$file")" == true ]]; then mode=finished; else mode=resume; reason="finishing today's interrupted table"; fi
  elif [[ ! -f "$cur" ]]; then
    mode=fresh; reason="no table yet"
  else
    local age changes=""
    age="$(lab_days_between "$(lab_current_date "$dir")" "$today")"
    [[ -f "$dir/device.json" ]] && changes="$(lab_json_changes "$dir/device.json" "$run/$name.device.json" | paste -sd ';' -)"
    if ((age >= stale_days)); then mode=fresh; reason="current table is $age days old (stale after $stale_days)"
    elif [[ -n "$changes" ]]; then mode=fresh; reason="device facts changed: $changes"
    else mode=reuse; reason="current table ($age days old) kept; measuring only missing keys"; lab_copy_atomic "$cur" "$file"
    fi
  fi
  lab_log "$name ($id): $mode${reason:+ - $reason}"

  if [[ "$mode" != finished ]]; then
    local cmd=(profile "${target[@]}" "${kernels[@]}" --out "$file" --json --no-progress "${common[@]}" "${extra[@]}")
    lab_log "$name: edgenas ${cmd[*]}"
    lab_edgenas "${cmd[@]}" > "$run/$name.profile.json" 2> "$run/$name.profile.log" || rc=$?
    if ((rc == 3)) && [[ "$mode" == reuse ]] && grep -q 'provenance\.' "$run/$name.profile.log"; then
      # The device now runs another runtime / settings than the current table says: start afresh.
      reason="$(grep -o 'provenance\.[A-Za-z]*.*' "$run/$name.profile.log" | head -n 1)"
      lab_log "$name: the current table no longer matches the device ($reason); profiling afresh"
      rm -f "$file"; mode=fresh; rc=0
      lab_edgenas "${cmd[@]}" > "$run/$name.profile.json" 2> "$run/$name.profile.log" || rc=$?
    fi
    if ((rc != 0)); then
      local last partial=""
      last="$(grep -v '^\s*at ' "$run/$name.profile.log" | tail -n 1)"
      [[ -f "$file" ]] && partial="; partial table kept: $file ($(lab_table_entries "$file") entries), the next run resumes it"
      case "$rc" in
        4) result "$name" "$id" unreachable true "device unreachable during profiling (exit 4): $last$partial" "$file" ;;
        5) result "$name" "$id" device-error true "device run failed (exit 5): $last$partial" "$file" ;;
        130) result "$name" "$id" interrupted true "profiling interrupted$partial" "$file" ;;
        *) result "$name" "$id" failed true "edgenas profile exit $rc: $last$partial" "$file" ;;
      esac
      return
    fi
  fi
  if [[ "$(lab_table_complete "$file")" != true ]]; then
    result "$name" "$id" failed true "profile ended but $file is not complete" "$file"; return
  fi

  local status=ok attention=false detail
  detail="$reason; $(lab_table_entries "$file") entries"
  if [[ -f "$cur" ]] && cmp -s "$cur" "$file"; then
    [[ "$mode" == reuse ]] && rm -f "$file"   # nothing was missing: no new dated copy
    detail="up to date ($(lab_table_entries "$cur") entries, nothing to measure)"
    [[ "$mode" == finished ]] && detail="already profiled today ($(lab_table_entries "$cur") entries)"
    file="$cur"
  elif [[ -f "$cur" ]]; then
    local drc=0
    lab_edgenas table diff "$cur" "$file" --json --threshold "$threshold" --max-share "$max_share" \
      --min-ms "$min_ms" > "$run/$name.diff.json" 2> "$run/$name.diff.log" || drc=$?
    if ((drc != 0)); then
      status=failed attention=true detail="$detail; table diff failed: $(tail -n 1 "$run/$name.diff.log")"
    else
      detail="$detail; vs previous: $(jq -r '.summary | "median ratio \(if (.medianRatio | type) == "number" then (.medianRatio * 1000 | round / 1000) else "n/a" end), \(.drifted) of \(.compared) drifted, \(.added) added"' "$run/$name.diff.json")"
      local prov
      prov="$(jq -r '[.significantProvenance[] | "\(.category | ascii_downcase) \(.field | sub("provenance\\."; "")): \(.a) -> \(.b)"] | join(", ")' "$run/$name.diff.json")"
      [[ -n "$prov" ]] && detail="$detail; changed: $prov"
      if [[ "$(jq -r '.driftExceeded' "$run/$name.diff.json")" == true ]]; then
        status=drift attention=true
        detail="DRIFT beyond +-$threshold: $(jq -r '.summary.reasons | join("; ")' "$run/$name.diff.json"); $detail"
      fi
    fi
  fi
  if [[ "$file" != "$cur" ]]; then lab_copy_atomic "$file" "$cur"; fi
  lab_copy_atomic "$run/$name.device.json" "$dir/device.json"
  result "$name" "$id" "$status" "$attention" "$detail" "$file"
}

# --- every discovered device, then the known ones that were not found ---------------------------
while IFS= read -r rec; do
  id="$(jq -r '.device' <<< "$rec")"
  name="$(lab_name "$id")"
  if [[ -n "$only" && ! "$name" =~ $only ]]; then continue; fi
  found="$(jq -r '.foundBy // ""' <<< "$rec")"
  case "$id" in
    android:*)
      if [[ "$found" != *"(device)"* ]]; then
        # Listed but not usable (offline, unauthorized): it counts as vanished when it was profiled before.
        if [[ -d "$history/$name" ]]; then continue; fi
        seen[$name]=1
        result "$name" "$id" unusable true "adb lists it as: $found (unauthorized: accept the RSA prompt on the phone)"
        continue
      fi ;;
    gap8:*)
      if [[ "$(jq -r '.serial.status // ""' <<< "$rec")" == "cannot listen"* ]]; then continue; fi
      # Only boards that said HELLO, or ports named with --ports: other USB serial gear is left alone.
      if [[ "$(jq -r '.serial.platform // ""' <<< "$rec")" == "" && ",$ports," != *",${id#gap8:},"* ]]; then
        lab_log "$name: serial port without a GAP8 HELLO, not profiled (name it with --ports to profile it)"
        continue
      fi ;;
  esac
  seen[$name]=1
  profile_device "$rec"
done < <(jq -c '.devices[]?' "$run/devices.json")

for dir in "$history"/*/; do
  [[ -d "$dir" ]] || continue
  name="$(basename "$dir")"
  if [[ -n "$only" && ! "$name" =~ $only ]] || [[ -n "${seen[$name]:-}" ]]; then continue; fi
  last=""
  for f in "$dir"/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].json; do [[ -f "$f" ]] && last="$(basename "$f")"; done
  result "$name" "" vanished true "profiled before (newest table ${last:-none}) but not found now: unplugged, powered off, or its port/serial changed"
done

# --- summary, report, exit ------------------------------------------------------------------------
finished="$(date -u +%FT%TZ)"
attention="$(jq -s 'any(.[]; .needsAttention)' "$results")"
code=0; [[ "$attention" == true ]] && code=1
jq -s --arg started "$started" --arg finished "$finished" --arg date "$today" --arg history "$history" \
  --argjson code "$code" --arg log "$LAB_LOG" \
  '{startedAt: $started, finishedAt: $finished, date: $date, history: $history, exitCode: $code,
    needsAttention: ($code != 0), log: $log, devices: .}' "$results" > "$run/summary.json"
{
  echo "lab-bench $stamp ($today): $(jq -r '.devices | length' "$run/summary.json") devices, exit $code"
  jq -r '.devices[] | "  \(if .needsAttention then "!!" else "  " end) \(.name): \(.status) - \(.detail)"' "$run/summary.json"
  [[ "$code" != 0 ]] && echo "NEEDS A PERSON: see the lines marked !! and $LAB_LOG"
} > "$run/summary.txt"
if ((report)); then
  if compgen -G "$history/*/current.json" > /dev/null \
    && ! lab_edgenas table report --history "$history" --status "$run/summary.json" --out "$work/report" \
         --threshold "$threshold" --max-share "$max_share" --min-ms "$min_ms" --title "edgenas lab bench $today" "${screenshot[@]}" \
         > "$run/report.log" 2>&1; then
    echo "report failed: $(tail -n 1 "$run/report.log")" >> "$run/summary.txt"
  elif [[ -f "$work/report/index.html" ]]; then
    echo "report: $work/report/index.html" >> "$run/summary.txt"
  fi
fi
lab_copy_atomic "$run/summary.json" "$work/last-summary.json"
lab_copy_atomic "$run/summary.txt" "$work/last-summary.txt"
tee -a "$LAB_LOG" < "$run/summary.txt"
# Old runs and logs go; the tables' history is never pruned.
find "$work/runs" -mindepth 1 -maxdepth 1 -type d | sort | head -n -"$keep_runs" | xargs -r rm -rf
find "$work/logs" -mindepth 1 -maxdepth 1 -name '*.log' | sort | head -n -"$keep_runs" | xargs -r rm -f
exit "$code"
