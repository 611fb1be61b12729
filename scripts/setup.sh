#!/usr/bin/env bash
# Installs the Debian packages Galley needs, if any is missing. Safe to run again: it does nothing
# when everything is there. Runs apt-get as root, or through sudo.
#
#   libcmark-gfm-dev, libcmark-gfm-extensions-dev   the Markdown parser and its GFM extensions
#   libjs-katex, fonts-katex                        KaTeX: its script typesets math when the book is
#                                                   built; its stylesheet and fonts go into Output/
#   libjavascriptcoregtk-4.1-dev                    JavaScriptCore, the engine KaTeX runs in
#   cmark-gfm                                       its command; the tests run its spec, which it ships
#   chromium                                        the real browser the tests open every page in
#
# --no-browser leaves out what only the tests need (chromium, cmark-gfm's spec): rendering and
# checking a book need neither (the GitHub workflows in .github/workflows use it).
set -euo pipefail

packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev libjs-katex fonts-katex libjavascriptcoregtk-4.1-dev)
if [ "${1:-}" != "--no-browser" ]; then packages+=(cmark-gfm chromium); fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: the Swift toolchain (swift) is not on PATH; Galley needs Swift 6.1 or later" >&2
  exit 2
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
