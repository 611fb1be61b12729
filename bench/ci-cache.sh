#!/usr/bin/env bash
# ci-cache.sh — what the workflows' caches save a pull request. Runs check.yml's command
# (`swift run -c release render Chapters --check --strict --format github`) in a fresh clone of
# HEAD three times, as three CI runs would: from nothing; again with .build/, .galley-cache/ and
# the library cache kept, after a one-chapter edit (a new `swift run` block at the end of one
# chapter); and again with the caches kept after a prose-only edit. Prints each wall time and, from
# --report, how many chapters were compiled and reused.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORK=$(mktemp -d /tmp/galley-ci-cache.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
git clone -q "$ROOT" "$WORK/course"
cd "$WORK/course"
export XDG_CACHE_HOME=$WORK/xdg  # the library cache the workflows keep
command=(swift run -c release render Chapters --check --strict --format github --report "$WORK/report.json")

run() {
  local label=$1 start end
  start=$(date +%s.%N)
  "${command[@]}" >"$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt"; exit 1; }
  end=$(date +%s.%N)
  python3 - "$label" "$start" "$end" "$WORK/report.json" <<'PY'
import json, sys
label, start, end, report = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), json.load(open(sys.argv[4]))
print(f"{label}: {end - start:.1f} s, compiled {len(report['compiled'])} of {len(report['chapters'])} chapters, "
      f"reused {len(report['reused'])}")
PY
}

run "from nothing (no .build, no caches)"
chapter=$(ls Chapters/*.md | head -n 3 | tail -n 1)
printf '\n```swift run\nlet ciCacheEdit = 1 + 1\n```\n' >>"$chapter"
run "caches kept, one chapter's code edited ($(basename "$chapter"))"
printf '\nOne more sentence of prose.\n' >>"$chapter"
run "caches kept, one chapter's prose edited"
