#!/usr/bin/env bash
# The prerender at 100,000 articles (a benchmark, not a test): a full run on the synthetic archive
# (`portal-content synth`), its time and disk size, then an incremental run for one article
# (`--changed`). Needs a release build in dist/ (scripts/build.sh) for the page template.
#   bash scripts/prerender-scale.sh [count]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
count=${1:-100000}
api=target/synthetic/api/v1
out=target/prerender-scale
cargo build --quiet --release --bin prerender -p portal
if [ ! -f "$api/site.json" ] || [ "$(cat target/synthetic/count 2>/dev/null)" != "$count" ]; then
  cargo run -q --release -p portal-content -- synth --count "$count" --out "$api"
  echo "$count" > target/synthetic/count
fi
rm -rf "$out" && mkdir -p "$out"
cp dist/shell.html "$out/index.html" 2>/dev/null || cp dist/index.html "$out/index.html"
echo "full prerender of $count articles:"
/usr/bin/time -f "  %e s wall, %M KB peak memory" target/release/prerender --api "$api" --dist "$out" --site https://portal.example/
echo "  on disk: $(du -sh "$out" | cut -f1) in $(find "$out" -type f | wc -l) files"
slug=$(find "$api/articles" -name '*.json' -print -quit); slug=$(basename "$slug" .json)
echo "incremental prerender of one changed article ($slug):"
/usr/bin/time -f "  %e s wall" target/release/prerender --api "$api" --dist "$out" --site https://portal.example/ --changed "$slug"
