#!/usr/bin/env bash
# preview.sh [RUNS] [CHAPTERS] — how long `render --serve` takes from a save to the reloaded page,
# on the bench book (make-book.sh CHAPTERS, default 10: the peers' softmax chapter that many
# times, its code run).
#
# For each run it saves one chapter — a new sentence at the end of chapter 5 (prose), or a
# changed comment in its first `swift run` block (code: that chapter is compiled and run again) —
# and times, from the write: the `reload` event on the page's event stream, and the page fetched
# again with the new text in it (what a browser does on `reload`, short of drawing it). Medians
# of RUNS (default 10) runs each, one run of the script; the targets are prose ≤ 0.3 s, code ≤ 0.8 s.
# Saves follow each other at once, while the preview still builds the search index of the last
# one in the background; SPACED=1 waits, before each save, until that index is published (as
# when an author reads the page between saves).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RUNS=${1:-10}
CHAPTERS=${2:-10}
WORK=$HERE/work/preview
# The fifth chapter, named as make-book.sh names it (two digits at least).
EDITED=ch$(printf '%0*d' $(( ${#CHAPTERS} < 2 ? 2 : ${#CHAPTERS} )) 5)
rm -rf "$WORK" && mkdir -p "$WORK"
(cd "$ROOT" && swift build -c release --product render >/dev/null)
# BOOK=folder previews a copy of that book instead (chapters named chNNN.md, as
# make-course-book.py names them); without a `swift run` block, only prose edits are timed.
if [ -n "${BOOK:-}" ]; then
  cp -r "$BOOK" "$WORK/book"
  EDITED=$(basename "$(ls "$WORK/book"/ch*.md | sed -n 5p)" .md)
else
  bash "$HERE/make-book.sh" "$CHAPTERS" "$WORK/book" >/dev/null
fi
sed -i '0,/^```swift run$/s//```swift run\n\/\/ preview-edit 0/' "$WORK/book/$EDITED.md"
"$ROOT/.build/release/render" "$WORK/book" --serve --port 0 --output "$WORK/out" --cache-dir "$WORK/cache" ${RENDER_ARGS:-} \
  > "$WORK/serve.log" 2> "$WORK/serve.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q "^serving" "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.log" | grep -o '[0-9]*$')
python3 - "$PORT" "$WORK/book/$EDITED.md" "$RUNS" "$WORK/preview.json" "$WORK/serve.log" "${SPACED:-0}" <<'PY'
import html, json, re, socket, statistics, sys, time, urllib.request
port, chapter, runs, out = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
serve_log, spaced = sys.argv[5], sys.argv[6] == "1"
indexed = open(serve_log, encoding="utf-8").read().count(" 0 rendered,")

def open_stream():
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /__galley/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    buffer = b""
    while b"event: diagnostics" not in buffer:
        buffer += s.recv(65536)
    return s

def wait_for(s, marker):
    buffer = b""
    while marker not in buffer:
        buffer += s.recv(65536)

def edit(kind, i):
    text = open(chapter, encoding="utf-8").read()
    if kind == "prose":
        return text + f"\n预览改动 {i}。\n", f"预览改动 {i}。"
    changed = re.sub(r"// preview-edit \d+\n", f"// preview-edit {i}\n", text, count=1)
    assert changed != text, "the code edit changed nothing"
    return changed, f"// preview-edit {i}"

results = {}
counter = 0
kinds = ["prose", "code"] if "```swift run" in open(chapter, encoding="utf-8").read() else ["prose"]
for kind in kinds:
    reloads, pages = [], []
    for _ in range(runs + 1):  # the first run of each kind warms up
        counter += 1
        text, expected = edit(kind, counter)
        s = open_stream()
        start = time.perf_counter()
        with open(chapter, "w", encoding="utf-8") as f:
            f.write(text)
        wait_for(s, b"event: reload")
        reloaded = time.perf_counter()
        name = chapter.rsplit("/", 1)[1].replace(".md", ".html")
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/{name}").read().decode("utf-8")
        fetched = time.perf_counter()
        s.close()
        assert expected in html.unescape(re.sub(r"<[^>]+>", "", page)), f"the page lacks {expected!r}"
        reloads.append(reloaded - start)
        pages.append(fetched - start)
        if spaced:
            # An author reads the page before the next save: wait until the preview has built the
            # search index in the background and published it (its render reuses every chapter).
            log = open(serve_log, encoding="utf-8").read()
            deadline = time.time() + 120
            while log.count(" 0 rendered,") <= indexed and time.time() < deadline:
                time.sleep(0.05)
                log = open(serve_log, encoding="utf-8").read()
            indexed = log.count(" 0 rendered,")
    results[kind] = {"reload": statistics.median(reloads[1:]), "page": statistics.median(pages[1:]),
                     "runs": runs, "all_page": pages[1:]}
json.dump(results, open(out, "w"), indent=2)
for kind, target in [("prose", 0.3), ("code", 0.8)]:
    if kind not in results:
        continue
    r = results[kind]
    print(f"{kind}: save → reload event {r['reload']:.3f} s, save → page fetched {r['page']:.3f} s (median of {runs}; target {target} s)")
PY
