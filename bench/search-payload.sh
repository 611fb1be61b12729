#!/usr/bin/env bash
# search-payload.sh BOOK [QUERY] — what one search costs a reader over HTTP, today's search against
# Pagefind over the same pages. Renders BOOK (release build), serves the site with Python's
# http.server, and in headless Chromium (DevTools protocol, Network domain) counts every byte the
# search page fetches until its results are shown: today's search.html?q=QUERY, and a page that
# asks Pagefind's own API (pagefind-bin-extended from PyPI, pinned by hash in
# scripts/pagefind-requirements.txt; its index built over a copy of the site). Also prints the
# size of each index on disk and how long Pagefind took to build it. Default query: 交叉熵.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BOOK=${1:?usage: search-payload.sh BOOK [QUERY]}
QUERY=${2:-交叉熵}
WORK=$HERE/work/search-payload
rm -rf "$WORK" && mkdir -p "$WORK"
(cd "$ROOT" && swift build -c release --product render >/dev/null)
"$ROOT/.build/release/render" "$BOOK" --output "$WORK/site" --cache-dir "$WORK/cache" --no-run --quiet || true
TOOL=$WORK/pagefind
python3 -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
  -r "$ROOT/scripts/pagefind-requirements.txt" -d "$TOOL/wheel"
python3 -m zipfile -e "$TOOL"/wheel/pagefind_bin_extended-*.whl "$TOOL/x"
chmod +x "$TOOL/x/pagefind_bin_extended/pagefind_extended"
start=$(date +%s.%N)
"$TOOL/x/pagefind_bin_extended/pagefind_extended" --site "$WORK/site" --output-subdir pagefind \
  --root-selector main >"$WORK/pagefind.log" 2>&1
end=$(date +%s.%N)
echo "pagefind indexed the site in $(python3 -c "print(f'{$end - $start:.2f}')") s; $(grep -i 'indexed' "$WORK/pagefind.log" | head -3 | tr '\n' ' ')"
echo "on disk: search-index.js $(du -h "$WORK/site/search-index.js" | cut -f1), pagefind/ $(du -sh "$WORK/site/pagefind" | cut -f1)"
cat > "$WORK/site/pagefind-probe.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><pre id="out"></pre>
<script type="module" src="pagefind-probe.js"></script></body></html>
HTML
cat > "$WORK/site/pagefind-probe.js" <<'JS'
const query = new URLSearchParams(location.search).get("q");
const pagefind = await import("./pagefind/pagefind.js");
const search = await pagefind.search(query);
const shown = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
document.getElementById("out").textContent = JSON.stringify({ results: search.results.length, shown: shown.map((d) => d.url) });
JS
(cd "$WORK/site" && exec python3 -m http.server 0 --bind 127.0.0.1 >"$WORK/http.log" 2>&1) &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "Serving HTTP" "$WORK/http.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o 'port [0-9]*' "$WORK/http.log" | grep -o '[0-9]*')
python3 "$HERE/search-payload.py" "$PORT" "$QUERY"
