#!/usr/bin/env bash
# Brings a Debian machine that has rustup/cargo, Node and npm to everything the project needs.
# Idempotent: installs what is missing, skips what is there (a second run takes seconds).
# Every tool version is pinned here or in a lockfile (Cargo.lock, package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

step "Rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "present"
else
  rustup target add wasm32-unknown-unknown
fi

step "Trunk $TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  echo "present"
else
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (equal to Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
  && command -v wasm-bindgen-test-runner >/dev/null; then
  echo "present"
else
  # Not --locked: the CLI's own lockfile names a crate version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

step "Chromium, ChromeDriver, zopfli, nginx with brotli_static (Debian packages)"
# nginx: the real host of tests/host/nginx.mjs, configured as the README tells a deployer.
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && command -v zopfli > /dev/null \
  && [ -x /usr/sbin/nginx ] && [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
  echo "present: $(/usr/bin/chromium --version 2>/dev/null), zopfli, $(/usr/sbin/nginx -v 2>&1)"
else
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    chromium chromium-driver zopfli nginx-light libnginx-mod-http-brotli-static
fi

step "npm packages (Playwright, axe-core, binaryen's wasm-opt) from package-lock.json"
# Browsers come from Debian; Playwright must never try to download its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.portal-lock-hash 2>/dev/null)" = "$lock_hash" ]; then
  echo "present"
else
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.portal-lock-hash
fi

step "Crates"
# Trunk runs cargo offline (Trunk.toml `offline = true`): every crate of Cargo.lock is downloaded
# here, or a first `trunk serve` on a fresh machine stops at the first crate it lacks.
cargo fetch --locked --quiet
echo "present"

step "Versions"
echo "rustc:        $(rustc --version)"
echo "trunk:        $(trunk --version)"
echo "wasm-bindgen: $(wasm-bindgen --version)"
echo "wasm-opt:     $(wasm-opt --version)"
echo "chromium:     $(/usr/bin/chromium --version 2>/dev/null)"
echo "chromedriver: $(/usr/bin/chromedriver --version 2>/dev/null | cut -d' ' -f1-2)"
echo "node:         $(node --version), playwright $(npx --no-install playwright --version 2>/dev/null)"
