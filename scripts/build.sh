#!/usr/bin/env bash
# Release build of the three apps and the widget page into one deployable folder: the portal
# (index.html) and, beside it, the widget app (nhung.html: the snippet builder), the look-up app
# (tim-kiem.html: search, the register, the portal's own pages) and the widget page (tin.html, no
# wasm), so portal readers never download the others' code; then every route of the portal
# prerendered to HTML (src/prerender: pages, feeds, sitemap.xml, robots.txt, 404.html). Extra
# arguments go to every `trunk build` run.
#   bash scripts/build.sh                                   # → dist/
#   bash scripts/build.sh --public-url /cong/ --dist target/dist-subpath
#   bash scripts/build.sh --site https://portal.example.gov.vn/   # the public address (canonical
#                                                                # URLs, share previews, sitemap)
# PORTAL_API=https://cms.example/api/v1 prerenders from a CMS instead of the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

dist=dist
site=
public_url=/
rest=()  # the arguments without --dist and --site, for the Trunk builds
while [ $# -gt 0 ]; do
  case $1 in
    --dist) dist=$2; shift 2 ;;
    --site) site=$2; shift 2 ;;
    --public-url) public_url=$2; rest+=("$1" "$2"); shift 2 ;;
    *) rest+=("$1"); shift ;;
  esac
done
widgets=target/dist-nhung

trunk build index.html --release --dist "$dist" ${rest[@]+"${rest[@]}"}
# The widget app into a folder of its own (Trunk empties its --dist), then its page and hashed
# files next to the portal's; everything else it copies (api/, assets/, ...) is the same.
trunk build nhung.html --release --dist "$widgets" ${rest[@]+"${rest[@]}"}
# (Its own styles too: widgets-<hash>.css with their precompressed copies.)
cp "$widgets"/nhung-* "$widgets"/widgets-* "$dist"/
cp "$widgets"/index.html "$dist"/nhung.html
# The search app likewise (tim-kiem.html: the prerender fills it as tim-kiem/index.html).
search=target/dist-search
trunk build tim-kiem.html --release --dist "$search" ${rest[@]+"${rest[@]}"}
cp "$search"/tim-kiem-* "$search"/lookup-* "$dist"/
cp "$search"/index.html "$dist"/tim-kiem.html
# The widget page (tin.html: no wasm, a script and a stylesheet of its own) likewise; hosts answer
# /nhung/<kind> with it (README, "Deploying").
page=target/dist-tin
trunk build widget/tin.html --release --dist "$page" ${rest[@]+"${rest[@]}"}
cp "$page"/widget-* "$dist"/
cp "$page"/index.html "$dist"/tin.html
# Without --site, the address `scripts/serve.sh` and the preview use (README: Deploying).
site=${site:-http://127.0.0.1:8080${public_url%/}/}
cargo run --quiet --bin prerender -- --api "${PORTAL_API:-$dist/api/v1}" --dist "$dist" --site "$site"
echo "build: $dist/index.html (portal), $dist/nhung.html (snippet builder), $dist/tin.html (widgets) and $dist/tim-kiem.html (look-ups), $(ls "$dist"/*.wasm | wc -l) wasm files, prerendered for $site"
