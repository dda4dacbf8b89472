#!/usr/bin/env bash
# Benchmarks (not tests): bundle breakdown, first-visit transfer, navigation times, long tasks and
# blocking time at 4x CPU per page kind (bench/tasks.mjs), JS heap growth,
# and load times on a 100,000-article synthetic archive, for this checkout and, given a git ref,
# for that ref's build measured in the same run (so a change is reported as a ratio).
#   bash scripts/bench.sh            # this checkout only
#   bash scripts/bench.sh main~3     # baseline = main~3, then this checkout
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh > /dev/null
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

bash scripts/build.sh > /dev/null 2>&1
# (Written again when it predates the register's documents.)
if [ ! -f target/synthetic/api/v1/documents/index.json ]; then
  rm -rf target/synthetic/api/v1
  cargo run -q --release -p portal-content -- synth --count 100000 --out target/synthetic/api/v1
fi

builds=()
if [ $# -ge 1 ]; then
  ref=$1
  # Outside this checkout: cargo would otherwise also read this checkout's .cargo/config.toml
  # (its rustflags) when building the baseline.
  work=$(mktemp -d)
  git worktree add --detach "$work/base" "$ref" > /dev/null
  # The baseline's own Trunk.toml, cargo config and sources; wasm-opt from this checkout's
  # node_modules; its own target dir, kept between runs.
  root=$PWD
  # (Its scripts find their npm packages here.)
  ln -s "$root/node_modules" "$work/base/node_modules"
  if [ -f "$work/base/src/prerender/mod.rs" ]; then
    # A baseline with prerendered pages is built as this one is (its own scripts/build.sh: every
    # app and the prerender), so the takeover of a prerendered page is compared with its like.
    (cd "$work/base" && CARGO_TARGET_DIR="$(dirname "$work")/portal-bench-base-target" \
      bash scripts/build.sh --dist "$root/target/bench/base-dist" > /dev/null 2>&1)
  else
    (cd "$work/base" && CARGO_TARGET_DIR="$(dirname "$work")/portal-bench-base-target" \
      trunk build --release --dist "$root/target/bench/base-dist" > /dev/null 2>&1)
    # And its look-up app (search, the register, the portal's own pages), whatever its entry's name
    # then (tim-kiem.html before issue 24, lookup.html since), beside the portal's files.
    for entry in lookup.html tim-kiem.html; do
      [ -f "$work/base/$entry" ] || continue
      (cd "$work/base" && CARGO_TARGET_DIR="$(dirname "$work")/portal-bench-base-target" \
        trunk build "$entry" --release --dist "$root/target/bench/base-lookup" > /dev/null 2>&1)
      for f in "$root"/target/bench/base-lookup/{lookup,tim-kiem-}*; do
        if [ -e "$f" ]; then cp -r "$f" "$root/target/bench/base-dist/"; fi
      done
      break
    done
  fi
  git worktree remove --force "$work/base"
  builds+=(--build "base($ref)=target/bench/base-dist")
fi
builds+=(--build "current=dist")
node bench/bench.mjs "${builds[@]}" --synthetic target/synthetic/api/v1
