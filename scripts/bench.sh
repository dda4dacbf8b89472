#!/usr/bin/env bash
# Benchmarks (not tests): bundle breakdown, first-visit transfer, navigation times, JS heap growth,
# and load times on a 100,000-article synthetic archive, for this checkout and, given a git ref,
# for that ref's build measured in the same run (so a change is reported as a ratio).
#   bash scripts/bench.sh            # this checkout only
#   bash scripts/bench.sh main~3     # baseline = main~3, then this checkout
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh > /dev/null
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

trunk build --release > /dev/null 2>&1
if [ ! -f target/synthetic/api/v1/site.json ]; then
  cargo run -q --release -p portal-content -- synth --count 100000 --out target/synthetic/api/v1
fi

builds=()
if [ $# -ge 1 ]; then
  ref=$1
  base=target/bench/base
  rm -rf "$base" && git worktree prune
  git worktree add --detach "$base" "$ref" > /dev/null
  # The baseline's own Trunk.toml and sources; wasm-opt from this checkout's node_modules.
  (cd "$base" && CARGO_TARGET_DIR="$PWD/../target-base" trunk build --release --dist "$PWD/../base-dist" > /dev/null 2>&1)
  git worktree remove --force "$base"
  builds+=(--build "base($ref)=target/bench/base-dist")
fi
builds+=(--build "current=dist")
node bench/bench.mjs "${builds[@]}" --synthetic target/synthetic/api/v1
