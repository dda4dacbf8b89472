#!/usr/bin/env bash
# Runs every test of the project; exits non-zero on the first failing layer.
#   1. lint: rustfmt, clippy (native workspace and the wasm app) with warnings denied
#   2. native: cargo test --workspace (contract decoding of every bundled document, content tool,
#      slugs, dates, pagination, and the check that public/api/v1 is what the tool generates)
#   3. components: wasm-bindgen-test in headless Chromium
#   4. the README's serve command (scripts/serve.sh) on a cold target directory: first answer at / and
#      at a deep link, then live reload after a change under src/, style/ and public/
#   5. release build with Trunk (wasm-opt), served by nginx as the README configures it (every route
#      kind, tests/host/nginx.mjs), then Playwright journeys against it (the size budget of a
#      first visit is one of them: tests/e2e/budget.spec.ts)
#   6. Lighthouse, mobile and desktop, on home, a category and an article, with thresholds
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
started=$SECONDS
# Every runner's output is also kept here, to total the counts in one closing line.
log=$(mktemp)
trap 'rm -f "$log"' EXIT

step "lint: cargo fmt --check, clippy -D warnings"
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "native tests: cargo test --workspace"
cargo test --workspace 2>&1 | tee -a "$log"

step "component tests: wasm-bindgen-test in headless Chromium"
cargo test --target wasm32-unknown-unknown 2>&1 | tee -a "$log"

step "dev server: scripts/serve.sh from a cold target directory, then live reload (tests/serve/cold-serve.mjs)"
node tests/serve/cold-serve.mjs 2>&1 | tee -a "$log"

step "release build: scripts/build.sh (portal + widget app, trunk build --release)"
bash scripts/build.sh
# The same build for a sub-path deployment, for the browser test that checks it.
bash scripts/build.sh --public-url /cong/ --dist target/dist-subpath

step "real host: the release build on nginx, configured as the README says (tests/host/nginx.mjs)"
node tests/host/nginx.mjs --dist dist 2>&1 | tee -a "$log"

step "browser tests: Playwright on the release build"
npx --no-install playwright test 2>&1 | tee -a "$log"

step "Lighthouse: mobile and desktop presets, thresholds asserted (report: target/lighthouse/report.md)"
CHROME_PATH=/usr/bin/chromium node tests/perf/lighthouse.mjs 2>&1 | tee -a "$log"

step "all layers passed in $((SECONDS - started)) s"
cargo_passed=$(grep -Eo '^test result: ok\. [0-9]+ passed' "$log" | awk '{s += $4} END {print s + 0}')
e2e_passed=$(grep -Eo '^ +[0-9]+ passed \(' "$log" | awk '{s += $1} END {print s + 0}')
lh_passed=$(grep -Eo '^lighthouse: [0-9]+ passed' "$log" | awk '{s += $2} END {print s + 0}')
serve_passed=$(grep -c '^cold-serve: passed' "$log" || true)
host_passed=$(grep -c '^nginx: passed' "$log" || true)
echo "rust (native + wasm components): $cargo_passed passed; dev server: $serve_passed passed; nginx: $host_passed passed; browser journeys: $e2e_passed passed; lighthouse pages: $lh_passed passed"
echo "total: $((cargo_passed + serve_passed + host_passed + e2e_passed + lh_passed)) passed, 0 failed"
