#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): first minifies the JavaScript (scripts/minify.mjs, terser), then
# puts next to every bundle file of a release build a .br (brotli, quality 11, by node: what every
# current browser accepts, about 14% smaller than zopfli on the wasm) and a .gz made by zopfli (gzip
# for the rest, ~4% smaller than gzip -9). Hosts serve these as they are (nginx `brotli_static on`
# and `gzip_static on`; tests/e2e/server.mjs does the same).
# Debug builds (`trunk serve`) skip it: compressing costs seconds on every rebuild.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
dir=${TRUNK_STAGING_DIR:?run by Trunk}
if [ -f node_modules/terser/package.json ]; then
  node scripts/minify.mjs "$dir"
else
  echo "precompress: terser is missing (bash scripts/setup.sh installs it); scripts left as written" >&2
fi
# Not index.html: deployments edit it (the API base), and a stale .br or .gz beside it would win.
files=()
# (The look-up and participation apps, the snippet builder and the widget page keep theirs in a
# folder of their own.)
for f in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css "$dir"/assets/*.js \
  "$dir"/{lookup,participation,snippet-builder,widget}/*.{wasm,js,css}; do
  [ -f "$f" ] && files+=("$f")
done
node scripts/brotli.mjs "${files[@]}"
if ! command -v zopfli > /dev/null; then
  echo "precompress: zopfli is missing (bash scripts/setup.sh installs it); bundle left uncompressed" >&2
  exit 0
fi
for f in "${files[@]}"; do
  zopfli --i10 "$f"
done
echo "precompress: ${#files[@]} files, each with .br and .gz"
