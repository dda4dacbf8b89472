#!/usr/bin/env bash
# Serves the portal on the bundled content API with live rebuilds: http://127.0.0.1:8080
# Every route shows what the release build shows: the portal is `trunk serve`; the look-up app,
# the snippet builder and the widget page are development builds of their own (`trunk watch`,
# target/dev/<app>), served by scripts/dev-apps.mjs on 127.0.0.1:8081 for the addresses the route
# table gives them, to which Trunk proxies (Trunk.toml [[proxy]]). The forms' write endpoints go to
# the development receiver (crates/portal-receiver, SQLite in target/dev/receiver.db) on 8082.
# Extra arguments go to `trunk serve` (e.g. --release, --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
if [ ! -d "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown" ]; then
  echo "First build: cargo compiles some 190 crates, then each app (about 6 minutes on 2 cores)."
  echo "The portal answers once Trunk prints '✅ success'; until then the address refuses connections."
fi
dev=${CARGO_TARGET_DIR:-target}/dev
mkdir -p "$dev"
# The host map of the route table (as the prerender writes it beside a release build).
cargo run --quiet -p portal-core --bin host-map -- "$dev/host"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
node scripts/dev-apps.mjs --map "$dev/host/routes.json" --dev "$dev" --port 8081 &
pids+=($!)
# (Built beside the apps, not before them: the portal's first answer does not wait for it.)
(cargo build --quiet -p portal-receiver &&
  exec "${CARGO_TARGET_DIR:-target}/debug/portal-receiver" serve --db "$dev/receiver.db" \
    --api public/api/v1 --listen 127.0.0.1:8082) &
pids+=($!)
# The other apps' builds (they read the same sources; cargo builds one at a time).
for entry in lookup.html:lookup participation.html:participation snippet-builder.html:snippet-builder widget/tin.html:widget; do
  trunk watch "${entry%%:*}" --dist "$dev/${entry##*:}" &
  pids+=($!)
done
trunk serve "$@"
