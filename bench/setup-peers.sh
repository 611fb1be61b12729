#!/usr/bin/env bash
# Installs the peers a course author would otherwise use — R Markdown (knitr + pandoc), Jupyter
# (jupytext + nbconvert) and Codebraid — and hyperfine, if missing. The Python ones go into a
# virtual environment at $PEERS_VENV (default bench/work/peers-venv).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
VENV=${PEERS_VENV:-$HERE/work/peers-venv}
sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
need=()
for p in r-cran-knitr r-cran-rmarkdown pandoc hyperfine; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}"
fi
if [ ! -x "$VENV/bin/codebraid" ] || [ ! -x "$VENV/bin/jupytext" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q jupytext nbconvert nbclient ipykernel numpy codebraid
fi
echo "$VENV"
