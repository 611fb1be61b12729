#!/usr/bin/env bash
# make-book.sh N OUTDIR — an N-chapter Galley book of the peers' reference chapter
# (../shared/peers/softmax.md), with its ```swift blocks turned into ```swift run blocks so that
# Galley runs them, as the peers run theirs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PEERS=${PEERS:-$HERE/../../shared/peers}
N=${1:?usage: make-book.sh N OUTDIR}
OUT=${2:?usage: make-book.sh N OUTDIR}
bash "$PEERS/make_book.sh" "$N" swift "$OUT" >/dev/null
for f in "$OUT"/*.md; do
  sed -i 's/^```swift$/```swift run/' "$f"
done
echo "wrote $N Galley chapters to $OUT"
