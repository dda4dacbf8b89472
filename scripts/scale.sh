#!/usr/bin/env bash
# The synthetic archive at scale (a benchmark, not a test; issue 28): `portal-content synth` writes
# N articles, one document for every five with its file, the register and the search index, on
# every core. Reports each part's time, the whole run's wall time and peak memory, and the tree's
# size; then, given a release build in dist/ (scripts/build.sh, for the pages' templates), the full
# prerender of that archive on every core and a publish of one new article, end to end. Everything goes to
# target/scale/<count>/ (api/v1, dist, and this output in scale.log), where `node bench/scale.mjs`
# finds it; kept apart from target/synthetic (bench.sh's 100,000-article archive).
#   bash scripts/scale.sh [count]      # default 1,000,000
#   node bench/scale.mjs target/scale/100000 target/scale/1000000   # the issue's table, side by side
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
count=${1:-1000000}
dir=target/scale/$count
out=$dir/api/v1
cargo build --quiet --release -p portal-content
cargo build --quiet --release --bin prerender -p portal
rm -rf "$dir" && mkdir -p "$dir"
exec > >(tee "$dir/scale.log") 2>&1
echo "synthetic archive of $count articles on $(nproc) cores:"
/usr/bin/time -f "  whole run: %e s wall, %M KB peak memory" \
  target/release/portal-content synth --count "$count" --out "$out"
echo "  on disk: $(du -sh "$out" | cut -f1) in $(find "$out" -type f | wc -l) files"

[ -f dist/index.html ] || { echo "no dist/: the prerender needs scripts/build.sh first"; exit 0; }
site=$dir/dist
mkdir -p "$site"
cp dist/shell.html "$site/index.html" 2>/dev/null || cp dist/index.html "$site/index.html"
cp dist/lookup.html dist/participation.html "$site/" 2>/dev/null || true
echo "full prerender on $(nproc) cores:"
/usr/bin/time -f "  %e s wall, %M KB peak memory" \
  target/release/prerender --api "$out" --dist "$site" --site https://portal.example/
echo "  on disk: $(du -sh "$site" | cut -f1) in $(find "$site" -type f | wc -l) files"
# A publish of one new article, end to end, as a CMS runs it (scripts/publish.sh with its slug):
# its source beside a copy of the sample's site and categories (the synthetic archive's), the API
# documents it touches, then the pages.
root=$dir/publish
rm -rf "$root" && mkdir -p "$root/content/articles"
cp content/site.toml "$root/content/"
slug=ban-tin-thu-nghiem-xuat-ban-mot-bai-viet
cat > "$root/content/articles/$slug.md" <<'ARTICLE'
+++
title = "Bản tin thử nghiệm xuất bản một bài viết"
slug = "ban-tin-thu-nghiem-xuat-ban-mot-bai-viet"
category = "thoi-su"
published = "2026-12-07T09:00:00+07:00"
author = "Cổng Giao tiếp điện tử"
lead = "Bài viết thử nghiệm việc xuất bản một bài mới vào kho lưu trữ lớn."
tags = ["thử nghiệm"]
+++

Bài viết được xuất bản vào kho lưu trữ để đo thời gian của một lần xuất bản.
ARTICLE
echo "publish of one new article, end to end ($slug):"
/usr/bin/time -f "  %e s wall, %M KB peak memory" bash -c '
  set -e
  changed=$(target/release/portal-content publish --root "$1" --out "$2" "$4")
  echo "  documents: $changed"
  target/release/prerender --api "$2" --dist "$3" --site https://portal.example/ --changed "$changed"
' _ "$root" "$out" "$site" "$slug"
