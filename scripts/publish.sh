#!/usr/bin/env bash
# Publishes what the sources say now into a built site, in one command (issue 28;
# docs/publishing.md): `portal-content publish` writes the API documents that differ into
# <dist>/api/v1 (the search index gets a delta beside the full build's, which stays as it is),
# then the prerender's `--changed` run writes the pages of the articles touched, their
# categories, home, the feeds and the sitemap. Needs a full build of that site first
# (scripts/build.sh, with the same --site). public/api/v1, the repository's sample, is the
# full build's (`portal-content build`): a publish leaves it alone.
# With slugs, only those articles are published (`en/<slug>`: English; no source: withdrawn),
# reading only the documents they touch, which is what keeps a publish to seconds in an archive of
# a million articles; without, every source is compared with the site's documents.
#   bash scripts/publish.sh                      # content/ into dist/, http://127.0.0.1:8080/
#   bash scripts/publish.sh --root DIR --dist DIR --site https://portal.example.gov.vn/ [SLUG…]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

root=.
dist=dist
site=http://127.0.0.1:8080/
slugs=()
while [ $# -gt 0 ]; do
  case $1 in
    --root) root=$2; shift 2 ;;
    --dist) dist=$2; shift 2 ;;
    --site) site=$2; shift 2 ;;
    --*) echo "publish: unknown option $1 (--root, --dist, --site)" >&2; exit 2 ;;
    *) slugs+=("$1"); shift ;;
  esac
done
[ -f "$dist/api/v1/search/index.json" ] || { echo "publish: no built site in $dist (scripts/build.sh)" >&2; exit 1; }

cargo build --quiet -p portal-content --bin portal-content
cargo build --quiet --bin prerender
started=$(date +%s%N)
articles=$(target/debug/portal-content publish --root "$root" --out "$dist/api/v1" "${slugs[@]}")
if [ -n "$articles" ]; then
  target/debug/prerender --api "$dist/api/v1" --dist "$dist" --site "$site" --changed "$articles"
fi
echo "publish: ${articles:-nothing} in $(( ($(date +%s%N) - started) / 1000000 )) ms"
