#!/usr/bin/env bash
# Serves the portal on the bundled content API with live rebuilds: http://127.0.0.1:8080
# Extra arguments go to `trunk serve` (e.g. --release, --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
if [ ! -d "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown" ]; then
  echo "First build: cargo compiles some 190 crates (about 2 minutes on 2 cores). The portal answers"
  echo "once Trunk prints '✅ success'; until then the address refuses connections."
fi
exec trunk serve "$@"
