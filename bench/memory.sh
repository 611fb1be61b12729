#!/usr/bin/env bash
# memory.sh [BOOK_MAKER] — peak memory of a cold render at 100 and 200 chapters (issue 26: it must
# not grow with the book). Makes each book with make-course-book.py (or BOOK_MAKER N OUTDIR),
# renders it from nothing (--no-cache, a fresh cache and output) with the release build, and reads
# the peak resident set from /usr/bin/time -f %M; prints KB and MB per book, the 200/100 ratio, and
# the render's own wall time. One run each. BOOKS=PREFIX takes the books PREFIX100 and PREFIX200 as
# they are (a book of real chapters, made elsewhere and never committed) instead of making them.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
MAKER=${1:-python3 $HERE/make-course-book.py}
WORK=$HERE/work/memory
mkdir -p "$WORK"
[ -x /usr/bin/time ] || {
  sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq time
}
(cd "$ROOT" && swift build -c release --product render >/dev/null)
RENDER=$ROOT/.build/release/render
declare -A peak
for n in 100 200; do
  book=${BOOKS:-$WORK/book-}$n
  [ -d "$book" ] || $MAKER "$n" "$book" >/dev/null
  rm -rf "$WORK/out-$n" "$WORK/cache-$n"
  start=$(date +%s.%N)
  /usr/bin/time -f %M -o "$WORK/peak-$n" "$RENDER" "$book" --output "$WORK/out-$n" --cache-dir "$WORK/cache-$n" \
    --no-cache --quiet || true
  end=$(date +%s.%N)
  peak[$n]=$(cat "$WORK/peak-$n")
  printf '%d chapters (%s of Markdown): peak %d MB, %.2f s\n' "$n" "$(du -sh --exclude=Images "$book" | cut -f1)" \
    $(( ${peak[$n]} / 1024 )) "$(python3 -c "print($end - $start)")"
done
python3 -c "print(f'200/100: {${peak[200]} / ${peak[100]}:.2f}x')"
