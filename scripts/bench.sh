#!/usr/bin/env bash
# Benchmarks (not tests): bundle breakdown, first-visit transfer, navigation times, long tasks and
# blocking time at 4x CPU per page kind (bench/tasks.mjs), a repeat visit with a cold HTTP cache
# with and without the service worker (bench/repeat.mjs), JS heap growth,
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
# The synthetic archive, written again whenever the content tool or the formats it writes changed
# (the last commit touching them names it).
formats="crates/portal-content/src :!crates/portal-content/src/search_read.rs crates/portal-core/src/search/index.rs crates/portal-core/src/search/fold.rs crates/portal-core/src/legal crates/portal-core/src/model.rs content"
stamp=$(git log -1 --format=%H -- $formats)
if [ "$(cat target/synthetic/stamp 2>/dev/null)" != "$stamp" ] || [ ! -f target/synthetic/api/v1/site.json ]; then
  rm -rf target/synthetic/api/v1
  cargo run -q --release -p portal-content -- synth --count 100000 --out target/synthetic/api/v1
  echo "$stamp" > target/synthetic/stamp
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
  # The baseline's own synthetic archive when its formats differ from this checkout's (its app
  # reads its own index format), kept per commit.
  base_stamp=$(git log -1 --format=%H "$ref" -- $formats)
  base_api=target/synthetic/api/v1
  if [ "$base_stamp" != "$stamp" ]; then
    base_api=target/bench/synthetic-$base_stamp/api/v1
    if [ ! -f "$base_api/site.json" ]; then
      (cd "$work/base" && CARGO_TARGET_DIR="$(dirname "$work")/portal-bench-base-target" \
        cargo run -q --release -p portal-content -- synth --count 100000 --out "$root/$base_api")
    fi
  fi
  git worktree remove --force "$work/base"
  builds+=(--build "base($ref)=target/bench/base-dist@$base_api")
fi
builds+=(--build "current=dist")
node bench/bench.mjs "${builds[@]}" --synthetic target/synthetic/api/v1
