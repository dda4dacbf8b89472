#!/usr/bin/env bash
# Release build of both apps into one deployable folder: the portal (index.html) and, beside it, the
# widget app (nhung.html: widgets and the snippet builder), so portal readers never download the
# widget code. Extra arguments go to both `trunk build` runs.
#   bash scripts/build.sh                                   # → dist/
#   bash scripts/build.sh --public-url /cong/ --dist target/dist-subpath
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

dist=dist
rest=()  # the arguments without --dist, for the widget build
while [ $# -gt 0 ]; do
  case $1 in
    --dist) dist=$2; shift 2 ;;
    *) rest+=("$1"); shift ;;
  esac
done
widgets=target/dist-nhung

trunk build index.html --release --dist "$dist" ${rest[@]+"${rest[@]}"}
# The widget app into a folder of its own (Trunk empties its --dist), then its page and hashed
# files next to the portal's; everything else it copies (api/, assets/, ...) is the same.
trunk build nhung.html --release --dist "$widgets" ${rest[@]+"${rest[@]}"}
cp "$widgets"/nhung-* "$dist"/
cp "$widgets"/index.html "$dist"/nhung.html
echo "build: $dist/index.html (portal) and $dist/nhung.html (widgets), $(ls "$dist"/*.wasm | wc -l) wasm files"
