#!/usr/bin/env bash
# Release build of the three apps and the widget page into one deployable folder: the portal
# (index.html) and, beside it, the snippet builder (snippet-builder.html), the look-up app
# (lookup.html: search, the register, the portal's own pages) and the widget page (tin.html, no
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

trunk build index.html --release --dist "$dist" ${rest[@]+"${rest[@]}"}
# The snippet builder into a folder of its own (Trunk empties its --dist), then its page and
# hashed files next to the portal's; everything else it copies (api/, assets/, ...) is the same.
builder=target/dist-snippet-builder
trunk build snippet-builder.html --release --dist "$builder" ${rest[@]+"${rest[@]}"}
# (Its files are in a folder of its own, snippet-builder/: `App::assets`, the host map sends
# /snippet-builder/… there; its own styles, widgets-<hash>.css, with them.)
rm -rf "${dist:?}"/snippet-builder && cp -r "$builder"/snippet-builder "$dist"/
cp "$builder"/index.html "$dist"/snippet-builder.html
# The look-up app likewise (lookup.html: the prerender fills it for its pages).
lookup=target/dist-lookup
trunk build lookup.html --release --dist "$lookup" ${rest[@]+"${rest[@]}"}
rm -rf "${dist:?}"/lookup && cp -r "$lookup"/lookup "$dist"/
cp "$lookup"/index.html "$dist"/lookup.html
# The participation app likewise (participation.html: the consultations and questions).
participation=target/dist-participation
trunk build participation.html --release --dist "$participation" ${rest[@]+"${rest[@]}"}
rm -rf "${dist:?}"/participation && cp -r "$participation"/participation "$dist"/
cp "$participation"/index.html "$dist"/participation.html
# The widget page (tin.html: no wasm, a script and a stylesheet of its own) likewise; hosts answer
# /nhung/<kind> with it (README, "Deploying").
page=target/dist-tin
trunk build widget/tin.html --release --dist "$page" ${rest[@]+"${rest[@]}"}
rm -rf "${dist:?}"/widget && cp -r "$page"/widget "$dist"/
cp "$page"/index.html "$dist"/tin.html
# Without --site, the address `scripts/serve.sh` and the preview use (README: Deploying).
site=${site:-http://127.0.0.1:8080${public_url%/}/}
cargo run --quiet --bin prerender -- --api "${PORTAL_API:-$dist/api/v1}" --dist "$dist" --site "$site"
echo "build: $dist/index.html (portal), $dist/snippet-builder.html, $dist/tin.html (widgets), $dist/lookup.html (look-ups) and $dist/participation.html (consultations, questions), host map in $dist/host/, $(ls "$dist"/*.wasm | wc -l) wasm files, prerendered for $site"
