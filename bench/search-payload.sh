#!/usr/bin/env bash
# search-payload.sh BOOK [QUERY] — what one search costs a reader over HTTP. Renders BOOK (release
# build; render builds the site's Pagefind index), serves the site with Python's http.server, and
# in headless Chromium with a fresh profile counts every byte search.html?q=QUERY fetches until its
# results are shown: the page, its scripts, Pagefind's script and WebAssembly, the index chunks and
# the fragments of the results shown. Also prints the index's size on disk and how long the render
# spent building it (--timings' search phase). Default query: 交叉熵. RENDER_ARGS: more options for
# render (e.g. --search-part-size BYTES, to weigh an index built in smaller parts).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BOOK=${1:?usage: search-payload.sh BOOK [QUERY]}
QUERY=${2:-交叉熵}
WORK=$HERE/work/search-payload
rm -rf "$WORK" && mkdir -p "$WORK"
(cd "$ROOT" && swift build -c release --product render >/dev/null)
"$ROOT/.build/release/render" "$BOOK" --output "$WORK/site" --cache-dir "$WORK/cache" --no-run --timings ${RENDER_ARGS:-} \
  | grep '^timings' | grep -o 'search [0-9.]* s' | sed 's/^/index built in: /' || true
echo "on disk: pagefind/ $(du -sh "$WORK/site/pagefind" | cut -f1) in $(find "$WORK/site/pagefind" -type f | wc -l) files"
(cd "$WORK/site" && exec python3 -m http.server 0 --bind 127.0.0.1 >"$WORK/http.log" 2>&1) &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "Serving HTTP" "$WORK/http.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o 'port [0-9]*' "$WORK/http.log" | grep -o '[0-9]*')
python3 "$HERE/search-payload.py" "$PORT" "$QUERY"
