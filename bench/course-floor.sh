#!/usr/bin/env bash
# course-floor.sh [CHAPTERS] — Galley against the floor on a book as rough as a real course
# (make-course-book.py: ~70 KB chapters with code fences of other languages, tables, closed
# arithmetic, images; CHAPTERS of them, default 100): a cold render (--no-cache: every formula
# typeset, nothing cached), a warm re-render (everything cached: every chapter comes from the
# render cache), a re-render after one chapter's prose changed (that chapter parsed, its formulas
# read from the math cache, rendered; the others reused), a re-render after `book.json` changed
# (no chapter reused: every one parsed and rendered again, every formula read from the math
# cache — what the warm case cost before the render cache), `cmark-gfm` alone on the same Markdown,
# and KaTeX alone (node, `katex.renderToString` on every formula of the book), in one hyperfine
# run. The targets: warm at most 1.5× cmark-gfm, cold at most 1.5× cmark-gfm + KaTeX.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CHAPTERS=${1:-100}
RUNS=${RUNS:-10}
WORK=$HERE/work/course-$CHAPTERS
mkdir -p "$WORK"
command -v hyperfine >/dev/null && command -v cmark-gfm >/dev/null && command -v node >/dev/null || {
  sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq hyperfine cmark-gfm nodejs
}
(cd "$ROOT" && swift build -c release --product render >/dev/null)
RENDER=$ROOT/.build/release/render
BOOK=$WORK/book
python3 "$HERE/make-course-book.py" "$CHAPTERS" "$BOOK"
# Every formula of the book, in order, for KaTeX alone.
python3 - "$BOOK" "$WORK/formulas.json" <<'PY'
import glob, json, re, sys
book, out = sys.argv[1:]
formulas = []
for name in sorted(glob.glob(f"{book}/*.md")):
    text = re.sub(r"```.*?```", "", open(name, encoding="utf-8").read(), flags=re.S)
    formulas += [{"tex": m.group(1), "display": True} for m in re.finditer(r"\$\$(.+?)\$\$", text, flags=re.S)]
    text = re.sub(r"\$\$(.+?)\$\$", "", text, flags=re.S)
    formulas += [{"tex": m.group(1), "display": False} for m in re.finditer(r"\$([^$\n]+?)\$", text)]
json.dump(formulas, open(out, "w"), ensure_ascii=False)
print(f"{len(formulas)} formulas, {len({(f['tex'], f['display']) for f in formulas})} distinct")
PY
cp "$HERE/katex-node-probe.js" "$WORK/bench.js"
"$RENDER" "$BOOK" --output "$WORK/out" --cache-dir "$WORK/cache" --quiet || true
# Before each run: the book as made (reset), a new sentence at the end of the middle chapter
# (edit), or a new author in book.json (settings).
MIDDLE=$(ls "$BOOK"/*.md | sort | sed -n "$(( (CHAPTERS + 1) / 2 ))p")
cp "$MIDDLE" "$WORK/middle.md"
cat > "$WORK/prepare.sh" <<EOF
#!/usr/bin/env bash
cp "$WORK/middle.md" "$MIDDLE"
rm -f "$BOOK/book.json"
case "\$1" in
  edit) echo "改动 \$RANDOM\$RANDOM。" >> "$MIDDLE" ;;
  settings) echo "{\"author\": \"\$RANDOM\$RANDOM\"}" > "$BOOK/book.json" ;;
esac
EOF
CMARK="cmark-gfm --unsafe -e table -e strikethrough -e autolink -e tasklist -e tagfilter $BOOK/*.md"
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$WORK/course-floor.json" \
  --prepare "bash $WORK/prepare.sh reset" --prepare "bash $WORK/prepare.sh reset" \
  --prepare "bash $WORK/prepare.sh edit" --prepare "bash $WORK/prepare.sh settings" \
  --prepare "bash $WORK/prepare.sh reset" --prepare "bash $WORK/prepare.sh reset" \
  -n "Galley, cold (--no-cache)" "$RENDER $BOOK --output $WORK/out-cold --no-cache --cache-dir $WORK/cache-cold --quiet" \
  -n "Galley, warm re-render" "$RENDER $BOOK --output $WORK/out --cache-dir $WORK/cache --quiet" \
  -n "Galley, one chapter edited" "$RENDER $BOOK --output $WORK/out --cache-dir $WORK/cache --quiet" \
  -n "Galley, book.json changed" "$RENDER $BOOK --output $WORK/out --cache-dir $WORK/cache --quiet" \
  -n "cmark-gfm alone" "bash -c '$CMARK > /dev/null'" \
  -n "KaTeX alone (node)" "bash -c 'cd $WORK && node bench.js 1 > /dev/null'"
bash "$WORK/prepare.sh" reset
python3 - "$WORK/course-floor.json" <<'PY'
import json, sys
results = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
cold, warm = results["Galley, cold (--no-cache)"], results["Galley, warm re-render"]
edited, settings = results["Galley, one chapter edited"], results["Galley, book.json changed"]
cmark, katex = results["cmark-gfm alone"], results["KaTeX alone (node)"]
print(f"medians: cold {cold:.3f} s, warm {warm:.3f} s, one chapter edited {edited:.3f} s, book.json changed {settings:.3f} s, cmark-gfm {cmark:.3f} s, KaTeX {katex:.3f} s")
print(f"warm / cmark-gfm = {warm / cmark:.2f} (target 1.5); one chapter edited / cmark-gfm = {edited / cmark:.2f}; book.json changed / cmark-gfm = {settings / cmark:.2f}; cold / (cmark-gfm + KaTeX) = {cold / (cmark + katex):.2f} (target 1.5)")
PY
