#!/usr/bin/env bash
# katex-engines.sh [REPS] — KaTeX in node against KaTeX in JavaScriptCore's C API, on the same
# distinct formulas (every formula of Chapters/, Tests/Fixtures/public-course and three chapters of
# the prose fixture), REPS times over (default 30): warm throughput, and a whole cold run's time.
# Needs nodejs and libjavascriptcoregtk-4.1-dev (the latter is in scripts/setup.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
REPS=${1:-30}
WORK=$HERE/work/katex-engines
mkdir -p "$WORK"
[ -d "$HERE/work/prose-2" ] || bash "$HERE/make-prose-book.sh" 2 "$HERE/work/prose-2" >/dev/null
python3 - "$ROOT" "$HERE/work/prose-2" "$WORK/formulas.json" <<'PY'
import glob, json, re, sys
root, prose, out = sys.argv[1:]
files = sorted(glob.glob(f"{root}/Chapters/*.md")) + sorted(glob.glob(f"{root}/Tests/Fixtures/public-course/*.md"))
files += sorted(glob.glob(f"{prose}/*.md"))[:3]
formulas = []
for name in files:
    text = re.sub(r"```.*?```", "", open(name, encoding="utf-8").read(), flags=re.S)
    formulas += [(m.group(1), True) for m in re.finditer(r"\$\$(.+?)\$\$", text, flags=re.S)]
    text = re.sub(r"\$\$(.+?)\$\$", "", text, flags=re.S)
    formulas += [(m.group(1), False) for m in re.finditer(r"\$([^$\n]+?)\$", text)]
distinct = list(dict.fromkeys(formulas))
json.dump([{"tex": t, "display": d} for t, d in distinct], open(out, "w"), ensure_ascii=False)
print(f"{len(distinct)} distinct formulas of {len(formulas)}")
PY
cd "$WORK"
cp "$HERE/katex-node-probe.js" bench.js
gcc -O2 "$HERE/katex-jsc-probe.c" $(pkg-config --cflags --libs javascriptcoregtk-4.1) -o jsc
for run in 1 2 3; do echo "node: $(node bench.js "$REPS")"; done
for run in 1 2 3; do echo "jsc:  $(./jsc "$REPS")"; done
command -v hyperfine >/dev/null && hyperfine --style basic --warmup 1 --runs 10 -n node "node bench.js 1" -n jsc "./jsc 1"
