#!/usr/bin/env bash
# peers.sh [N] — renders the same N-chapter book (../shared/peers/softmax.md) with Galley and with
# R Markdown, Jupyter and Codebraid, side by side in ONE hyperfine run, and writes the figures to
# bench/work/peers-N.md and .json. Run from anywhere; installs the peers first if missing.
#
# Galley is timed three ways: cold (no program, batch, render or math cache: every chapter is
# compiled, run, typeset and rendered; NeuralMath and the runtime already built, as after a first
# run — the script checks each cold run's --report says nothing was reused), unchanged (a re-render with nothing edited), and one
# chapter edited (a line of its code changed before every run). The peers are timed cold, as their
# run.sh scripts run them (R Markdown and Codebraid with --clean).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${1:-10}
RUNS=${RUNS:-5}
WORK=$HERE/work
PEERS_SRC=${PEERS:-$ROOT/../shared/peers}
export PEERS_VENV=$(bash "$HERE/setup-peers.sh" | tail -n 1)

mkdir -p "$WORK"
rm -rf "$WORK/peers" && cp -r "$PEERS_SRC" "$WORK/peers"
(cd "$ROOT" && swift build -c release --product render >/dev/null)
RENDER=$ROOT/.build/release/render

BOOK=$WORK/galley-$N
bash "$HERE/make-book.sh" "$N" "$BOOK" >/dev/null
# A comment line in the first chapter's first code block, which the "edited" runs change.
sed -i '0,/^```swift run$/s//```swift run\n\/\/ bench-edit 0/' "$BOOK/ch$(printf '%0*d' $(( ${#N} < 2 ? 2 : ${#N} )) 1).md"
CACHE=$WORK/galley-cache-$N
OUT=$WORK/galley-out-$N
rm -rf "$CACHE"
"$RENDER" "$BOOK" --output "$OUT" --cache-dir "$CACHE" --quiet   # builds NeuralMath and the runtime once

bash "$WORK/peers/make_book.sh" "$N" rmarkdown "$WORK/rmarkdown-$N" >/dev/null
bash "$WORK/peers/make_book.sh" "$N" jupyter "$WORK/jupyter-$N" >/dev/null
bash "$WORK/peers/make_book.sh" "$N" codebraid "$WORK/codebraid-$N" >/dev/null

GALLEY="$RENDER $BOOK --output $OUT --cache-dir $CACHE --quiet"
COLD_REPORT=$WORK/galley-cold-report-$N.json
COLD="rm -rf $CACHE/programs $CACHE/batches $CACHE/render $CACHE/math $COLD_REPORT"
hyperfine --style basic --warmup "${WARMUP:-1}" --runs "$RUNS" \
  --export-markdown "$WORK/peers-$N.md" --export-json "$WORK/peers-$N.json" \
  --prepare "$COLD" -n "Galley, cold" "$GALLEY --report $COLD_REPORT" \
  --prepare "true" -n "Galley, unchanged" "$GALLEY" \
  --prepare "sed -i \"s|^// bench-edit .*|// bench-edit \$(date +%s%N)|\" $BOOK/ch*1.md" -n "Galley, one chapter edited" "$GALLEY" \
  --prepare "true" -n "R Markdown" "bash $WORK/peers/rmarkdown/run.sh --clean $WORK/rmarkdown-$N" \
  --prepare "true" -n "Jupyter" "bash $WORK/peers/jupyter/run.sh $WORK/jupyter-$N" \
  --prepare "true" -n "Codebraid" "bash $WORK/peers/codebraid/run.sh --clean $WORK/codebraid-$N"
# The last cold run reused nothing: every chapter compiled, no chapter or formula from a cache.
python3 - "$COLD_REPORT" "$N" <<'CHECK'
import json, sys
report = json.load(open(sys.argv[1]))
chapters = int(sys.argv[2])
problems = []
if report["reused"]: problems.append(f"reused {report['reused']}")
if len(report["compiled"]) != chapters: problems.append(f"compiled {len(report['compiled'])} of {chapters} chapters")
if report["math"]["fromCache"]: problems.append(f"{report['math']['fromCache']} formulas from the math cache")
if problems: sys.exit("the cold run was not cold: " + "; ".join(problems))
print(f"cold run checked: {chapters} chapters compiled, none reused, {report['math']['typeset']} formulas typeset")
CHECK
echo "figures: $WORK/peers-$N.md"
