"""Counts the bytes a search page fetches from the site served on PORT until it shows results:
every file the server was asked for (http.server's log), at its size on disk (nothing is
compressed on the wire). Used by search-payload.sh."""
import os, re, subprocess, sys, tempfile, urllib.parse

port, query = sys.argv[1], sys.argv[2]
work = os.path.join(os.path.dirname(os.path.abspath(__file__)), "work", "search-payload")
site, log = os.path.join(work, "site"), os.path.join(work, "http.log")


def fetched(url):
    offset = os.path.getsize(log)
    # A fresh profile each time: nothing may come from an earlier run's HTTP cache.
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
             "--virtual-time-budget=60000", "--dump-dom", url],
            capture_output=True, text=True, timeout=300).stdout
    with open(log, encoding="utf-8", errors="replace") as handle:
        handle.seek(offset)
        lines = handle.read().splitlines()
    paths = []
    for line in lines:
        match = re.search(r'"GET (\S+) HTTP/[\d.]+" 200', line)
        if match:
            paths.append(urllib.parse.unquote(urllib.parse.urlsplit(match.group(1)).path))
    total = sum(os.path.getsize(os.path.join(site, p.lstrip("/"))) for p in paths
                if os.path.isfile(os.path.join(site, p.lstrip("/"))))
    return total, paths, dom


q = urllib.parse.quote(query)
total, paths, dom = fetched(f"http://127.0.0.1:{port}/search.html?q={q}")
status = re.search(r'id="search-status"[^>]*>([^<]*)<', dom)
shown = dom.count('class="search-result"')
print(f"search.html?q={query}: {total / 1024:.0f} KB in {len(paths)} requests; "
      f"status: {status.group(1) if status else '?'}; {shown} sections shown")
for path in paths:
    full = os.path.join(site, path.lstrip("/"))
    if os.path.isfile(full):
        print(f"    {os.path.getsize(full) / 1024:8.1f} KB  {path}")
