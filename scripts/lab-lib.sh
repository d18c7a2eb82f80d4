# Helpers of the lab-bench scripts (sourced, not run). Needs bash 4+, jq, flock (util-linux), cmp.
# shellcheck shell=bash

# The edgenas command as an array: EDGENAS_CMD (a wrapper, e.g. in tests) or the checkout's launcher.
lab_init_edgenas() {
  local root="$1"
  if [[ -n "${EDGENAS_CMD:-}" ]]; then
    read -r -a LAB_EDGENAS <<< "$EDGENAS_CMD"
  else
    LAB_EDGENAS=("$root/edgenas")
  fi
}

# Runs edgenas with the lock's descriptor closed (a daemon it starts, the adb server, must not
# inherit the lock and hold it after this run) and without stdin (loops feed their input there).
lab_edgenas() {
  "${LAB_EDGENAS[@]}" "$@" 9>&- < /dev/null
}

lab_require() {
  local tool pkg
  for tool in "$@"; do
    pkg="${tool#*:}"; tool="${tool%%:*}"
    command -v "$tool" > /dev/null || { echo "lab-bench: '$tool' not found: install the Debian package $pkg" >&2; exit 2; }
  done
}

# Timestamped line to stderr and the run log.
lab_log() {
  local line
  line="$(date -u +%FT%TZ) $*"
  echo "$line" >&2
  if [[ -n "${LAB_LOG:-}" ]]; then echo "$line" >> "$LAB_LOG"; fi
}

# History folder name of a device id: cpu, android-SERIAL, gap8-PORTNAME (the port's last path part).
lab_name() {
  local id="$1" backend="${1%%:*}" target=""
  [[ "$id" == *:* ]] && target="${id#*:}"
  if [[ "$backend" == gap8 ]]; then target="${target##*/}"; fi
  local name="$backend${target:+-$target}"
  echo "${name//[^A-Za-z0-9._-]/-}"
}

lab_table_complete() {
  jq -r '.complete' "$1" 2> /dev/null || echo "unreadable"
}

lab_table_entries() {
  jq -r '.entries | length' "$1" 2> /dev/null || echo 0
}

# The date current.json of a history folder is filed under: the newest complete dated table
# (current.json is a copy of it); its createdAt date when there is none.
lab_current_date() {
  local dir="$1" f date=""
  for f in "$dir"/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].json; do
    if [[ -f "$f" && "$(lab_table_complete "$f")" == true ]]; then date="$(basename "$f" .json)"; fi
  done
  [[ -n "$date" ]] || date="$(jq -r '.provenance.createdAt[0:10]' "$dir/current.json")"
  echo "$date"
}

# Whole days from date $1 to date $2 (YYYY-MM-DD, UTC).
lab_days_between() {
  echo $(( ( $(date -u -d "$2" +%s) - $(date -u -d "$1" +%s) ) / 86400 ))
}

# Copy through a temp file and rename: a reader never sees half a file.
lab_copy_atomic() {
  local tmp
  tmp="$(dirname "$2")/.$(basename "$2").tmp.$$"
  cp "$1" "$tmp" && mv -f "$tmp" "$2"
}

# The identity of a discovered device (edgenas devices --json record) without what changes from
# one look to the next: its table, how it was found (adb state, listen status), frame counts, and a
# GAP8's firmware hash (the board runs whichever batch firmware edgenas loaded last; the human
# identity line repeats it).
lab_device_identity() {
  jq -S 'del(.table, .foundBy, .serial.status, .serial.framesHeard, .serial.firmwareHash)
         | if (.device | startswith("gap8:")) then del(.identity) else . end'
}

# "path: old -> new" for every leaf that differs between two JSON files.
lab_json_changes() {
  jq -rn --slurpfile a "$1" --slurpfile b "$2" '
    def leaves: [paths(scalars) as $p | {key: ($p | map(tostring) | join(".")), value: getpath($p)}] | from_entries;
    ($a[0] | leaves) as $x | ($b[0] | leaves) as $y
    | ([$x, $y] | map(keys) | add | unique)[] as $k
    | select($x[$k] != $y[$k]) | "\($k): \($x[$k]) -> \($y[$k])"'
}
