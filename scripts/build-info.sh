#!/usr/bin/env bash
# Writes the build's commit and dirty flag as Java properties; edgenas-core's build runs it
# (generate-resources), so every artifact records the commit the running jar was built from.
# Dirty: tracked files differ from HEAD (untracked files do not count). Without git: unknown.
# usage: scripts/build-info.sh REPO_DIR OUT_FILE
set -u
repo="$1"
out="$2"
commit="$(git -C "$repo" rev-parse --short=12 HEAD 2>/dev/null)" || commit=unknown
if [[ "$commit" == unknown ]]; then
  dirty=unknown
elif [[ -n "$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  dirty=true
else
  dirty=false
fi
mkdir -p "$(dirname "$out")"
printf 'git.commit=%s\ngit.dirty=%s\n' "$commit" "$dirty" > "$out.tmp" && mv -f "$out.tmp" "$out"
