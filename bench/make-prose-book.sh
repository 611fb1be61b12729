#!/usr/bin/env bash
# make-prose-book.sh MEGABYTES OUTDIR — a book with no code blocks: about MEGABYTES MB of Markdown
# dense with math ($…$ with _ and *, $$ blocks with \tag{}, a GFM table with math, Chinese prose),
# in 20 chapters, built from the public-course-style fixture chapter in Tests/Fixtures.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
MB=${1:?usage: make-prose-book.sh MEGABYTES OUTDIR}
OUT=${2:?usage: make-prose-book.sh MEGABYTES OUTDIR}
SRC=$HERE/../Tests/Fixtures/public-course/07-softmax.md
rm -rf "$OUT" && mkdir -p "$OUT"
# The fixture without its images, so that only Markdown and math are measured.
BODY=$(grep -v '<img' "$SRC")
SIZE=$(printf '%s\n' "$BODY" | wc -c)
TARGET=$(( MB * 1024 * 1024 / 20 ))
REPEATS=$(( (TARGET + SIZE - 1) / SIZE ))
for k in $(seq -w 1 20); do
  { echo "# 第 $k 章"; for _ in $(seq "$REPEATS"); do printf '%s\n\n' "$BODY" | sed '1s/^# /## /'; done; } > "$OUT/ch$k.md"
done
echo "wrote $(du -sh "$OUT" | cut -f1) in 20 chapters to $OUT"
