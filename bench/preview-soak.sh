#!/usr/bin/env bash
# preview-soak.sh [SECONDS] [CLIENTS] — a bounded soak of `render --serve` on loopback: CLIENTS
# (default 32) readers load pages of the 10-chapter bench book as fast as they can for SECONDS
# (default 60), each page view a GET of a chapter and its event stream held open for a moment, as
# a browser tab that is opened and closed; meanwhile a chapter is saved every half second, so the
# preview renders and announces reloads throughout. Reports requests, errors, renders, and the
# server's resident memory and open descriptors before and after (after: once the streams the
# readers closed are let go, which the preview's heartbeat does within a few seconds).
# The server runs under `ulimit -n 256`, macOS's default, where it used to stop listening.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SECONDS_=${1:-60}
CLIENTS=${2:-32}
WORK=$HERE/work/soak
rm -rf "$WORK" && mkdir -p "$WORK"
(cd "$ROOT" && swift build -c release --product render >/dev/null)
bash "$HERE/make-book.sh" 10 "$WORK/book" >/dev/null
(ulimit -n 256 && exec "$ROOT/.build/release/render" "$WORK/book" --serve --port 0 --output "$WORK/out" \
  --cache-dir "$WORK/cache") > "$WORK/serve.log" 2> "$WORK/serve.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do grep -q "^serving" "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.log" | grep -o '[0-9]*$')
python3 - "$PORT" "$SERVER" "$WORK/book" "$SECONDS_" "$CLIENTS" "$WORK/soak.json" <<'PY'
import glob, json, os, socket, sys, threading, time
port, pid, book, duration, clients, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
pages = sorted(os.path.basename(p)[:-3] + ".html" for p in glob.glob(book + "/ch*.md"))

def server_state():
    rss = next(int(line.split()[1]) for line in open(f"/proc/{pid}/status") if line.startswith("VmRSS:"))
    return {"rss_kib": rss, "descriptors": len(os.listdir(f"/proc/{pid}/fd"))}

def request(path, hold=0.0):
    """One GET; for an event stream, read its first event, hold it `hold` s, close. Returns the status."""
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk: break
            data += chunk
            if hold and b"event: diagnostics" in data:
                time.sleep(hold)
                break
        return int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else 0
    finally:
        s.close()

counts = {"requests": 0, "errors": 0, "error_samples": []}
lock = threading.Lock()
stop = time.monotonic() + duration

def reader(n):
    i = n
    while time.monotonic() < stop:
        i += 1
        for path, hold in ((f"/{pages[i % len(pages)]}", 0), ("/__galley/events", 0.2)):
            try:
                status = request(path, hold)
                ok = status == 200
            except OSError as error:
                ok, status = False, repr(error)
            with lock:
                counts["requests"] += 1
                if not ok:
                    counts["errors"] += 1
                    if len(counts["error_samples"]) < 5: counts["error_samples"].append(f"{path}: {status}")

def saver():
    n = 0
    while time.monotonic() < stop:
        n += 1
        with open(f"{book}/ch05.md", "a") as f: f.write(f"\n\n保存第 {n} 次。\n")
        time.sleep(0.5)
    counts["saves"] = n

before = server_state()
threads = [threading.Thread(target=reader, args=(n,)) for n in range(clients)] + [threading.Thread(target=saver)]
for t in threads: t.start()
for t in threads: t.join()
during = server_state()
# The readers are gone: wait (at most 60 s) for the server to let their streams go.
deadline = time.monotonic() + 60
while server_state()["descriptors"] > before["descriptors"] + 8 and time.monotonic() < deadline: time.sleep(0.2)
time.sleep(1)
after = server_state()
final = request("/index.html")
renders = open(sys.argv[6].replace("soak.json", "serve.log")).read().count("rendered in")
result = {"seconds": duration, "clients": clients, **counts, "renders": renders, "before": before,
          "at_end_of_load": during, "after": after, "answers_after": final}
json.dump(result, open(out, "w"), indent=2)
print(json.dumps(result, indent=2))
PY
echo "stderr of the server:"; cat "$WORK/serve.err"
