#!/usr/bin/env bash
# The synthetic archive at scale (a benchmark, not a test; issue 28): `portal-content synth` writes
# N articles, one document for every five with its file, the register and the search index, on
# every core. Reports each part's time, the whole run's wall time and peak memory, and the tree's
# size. Kept apart from target/synthetic (bench.sh's 100,000-article archive).
#   bash scripts/scale.sh [count]      # default 1,000,000
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
count=${1:-1000000}
out=target/scale/api/v1
cargo build --quiet --release -p portal-content
rm -rf target/scale && mkdir -p target/scale
echo "synthetic archive of $count articles on $(nproc) cores:"
/usr/bin/time -f "  whole run: %e s wall, %M KB peak memory" \
  target/release/portal-content synth --count "$count" --out "$out"
echo "  on disk: $(du -sh "$out" | cut -f1) in $(find "$out" -type f | wc -l) files"
