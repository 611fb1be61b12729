#!/usr/bin/env bash
# run.sh TARGET [SECONDS] — builds a libFuzzer harness (swiftc -sanitize=fuzzer) and runs it for
# SECONDS (default 600) on its seed corpus in fuzz/corpus/TARGET, keeping what it learns in a
# working copy. TARGET: math (the math scanner), numbers (the stated-number reader), formulas
# (checked formulas read and translated), names (the scanner of a block's top-level names) or
# markdown (Markdown to document, through cmark-gfm, and the meaning and the claims read from
# it). Crashes are written to fuzz/work/TARGET/crash-*; turn each into a regression test.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TARGET=${1:?usage: run.sh math|numbers|formulas|names|markdown [SECONDS]}
SECONDS_TO_RUN=${2:-600}
WORK=$HERE/work/$TARGET
rm -rf "$WORK/src" && mkdir -p "$WORK/src" "$WORK/corpus"
cp -n "$HERE/corpus/$TARGET"/* "$WORK/corpus/" 2>/dev/null || true

# The harness and the sources it exercises become one module; imports between Galley's own
# modules are dropped, since they are one module here.
case "$TARGET" in
  math)     sources=("$ROOT/Sources/GalleyMarkdown/MathScanner.swift"); harness=MathScannerFuzz.swift; extra=() ;;
  numbers)  sources=("$ROOT/Sources/GalleyRecords/StatedNumber.swift" "$ROOT/Sources/GalleyRecords/DigitGroups.swift"); harness=StatedNumberFuzz.swift; extra=() ;;
  names)    sources=("$ROOT/Sources/GalleyEvaluation/TopLevelNames.swift" "$ROOT/Sources/GalleyEvaluation/LiteralConstants.swift"); harness=TopLevelNamesFuzz.swift; extra=() ;;
  formulas) sources=("$ROOT"/Sources/GalleyFormulas/*.swift "$ROOT/Sources/GalleyRecords/GeneratedName.swift"
                     "$ROOT/Sources/GalleyRecords/SwiftLiteral.swift" "$ROOT/Sources/GalleyRecords/DigitGroups.swift")
            harness=FormulaFuzz.swift; extra=() ;;
  markdown) sources=("$ROOT"/Sources/GalleyDiagnostics/*.swift "$ROOT"/Sources/GalleyFormulas/*.swift
                     "$ROOT/Sources/GalleyRecords/GeneratedName.swift" "$ROOT/Sources/GalleyRecords/StatedNumber.swift"
                     "$ROOT/Sources/GalleyRecords/SwiftLiteral.swift" "$ROOT/Sources/GalleyRecords/DigitGroups.swift"
                     "$ROOT"/Sources/GalleyMarkdown/*.swift
                     "$ROOT"/Sources/GalleySemantics/*.swift)
            harness=MarkdownFuzz.swift
            extra=(-I "$ROOT/Sources/CCmarkGFM" -lcmark-gfm -lcmark-gfm-extensions) ;;
  *) echo "unknown target $TARGET" >&2; exit 2 ;;
esac
for file in "${sources[@]}"; do
  sed -E '/^(public |internal )?import Galley(Diagnostics|Formulas|Markdown|Records|Runtime|Semantics)$/d' "$file" > "$WORK/src/$(basename "$(dirname "$file")")-$(basename "$file")"
done
cp "$HERE/$harness" "$WORK/src/"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name Fuzz -swift-version 6 \
  -enable-upcoming-feature InternalImportsByDefault -enable-upcoming-feature ExistentialAny \
  "${extra[@]}" "$WORK"/src/*.swift -o "$WORK/fuzzer"
cd "$WORK"
./fuzzer -max_total_time="$SECONDS_TO_RUN" -print_final_stats=1 -max_len=65536 corpus 2>&1 | tee fuzz.log | tail -n 25
