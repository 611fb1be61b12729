#!/usr/bin/env bash
# floor.sh [MEGABYTES] — Galley against the floor: the cmark-gfm command-line tool alone parsing
# and rendering the same Markdown (what parsing costs at all), on a book with no code blocks and
# about MEGABYTES MB (default 10) of Markdown dense with math. Times both side by side in one
# hyperfine run and reports each one's peak memory from /usr/bin/time -v. Every Galley run parses
# and renders every chapter: the render cache is cleared before each (the formulas' typesetting
# stays cached, as on any machine that rendered the book once), and the script checks from
# --report that no chapter was reused.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
MB=${1:-10}
RUNS=${RUNS:-10}
WORK=$HERE/work
mkdir -p "$WORK"
command -v hyperfine >/dev/null && command -v cmark-gfm >/dev/null || {
  sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq hyperfine cmark-gfm
}
(cd "$ROOT" && swift build -c release --product render >/dev/null)
RENDER=$ROOT/.build/release/render
BOOK=$WORK/prose-$MB
bash "$HERE/make-prose-book.sh" "$MB" "$BOOK"
REPORT=$WORK/prose-report-$MB.json
GALLEY="$RENDER $BOOK --output $WORK/prose-out-$MB --cache-dir $WORK/prose-cache --quiet --report $REPORT"
RESET="rm -rf $WORK/prose-cache/render"
CMARK="cmark-gfm --unsafe -e table -e strikethrough -e autolink -e tasklist -e tagfilter $BOOK/*.md"
hyperfine --style basic --warmup 2 --runs "$RUNS" \
  --export-markdown "$WORK/floor-$MB.md" --export-json "$WORK/floor-$MB.json" \
  --prepare "$RESET" -n "Galley (render)" "$GALLEY" \
  --prepare "true" \
  -n "cmark-gfm alone" "bash -c '$CMARK > /dev/null'"
python3 -c "import json, sys; r = json.load(open('$REPORT')); sys.exit('chapters were reused: %s' % r['reused'] if r['reused'] else 0)"
for name in galley cmark; do
  if [ $name = galley ]; then $RESET; cmd=$GALLEY; else cmd="bash -c '$CMARK > /dev/null'"; fi
  peak=$(eval /usr/bin/time -v "$cmd" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}')
  echo "$name peak memory: $peak KB"
done
$RESET
"$RENDER" "$BOOK" --output "$WORK/prose-out-$MB" --cache-dir "$WORK/prose-cache" --quiet --timings
