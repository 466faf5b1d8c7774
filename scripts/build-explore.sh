#!/usr/bin/env bash
# Builds the explore page's own wasm module (crates/explore) into OUT_DIR:
#
#   explore-<hash>.js, explore-<hash>_bg.wasm   the module, named by content (cache for a year)
#   explore-boot.js                             imports it and starts it on #explore (revalidate)
#
# The explore page is a static page with <div id="explore" data-src=… data-lang=… data-base=…>
# and <script type="module" src="{base}/explore-boot.js">: no inline script, so the site's
# Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval') holds. Older explore-<hash>
# files in OUT_DIR are removed. Prints the module's size, raw and gzipped.
#
# Usage: scripts/build-explore.sh OUT_DIR
#        CARGO_PROFILE_RELEASE_OPT_LEVEL=z scripts/build-explore.sh OUT_DIR   smaller, slower
#
# Needs what `make tools` installs: the wasm32 target, wasm-bindgen-cli equal to Cargo.lock's
# wasm-bindgen, and npm binaryen's wasm-opt.
set -euo pipefail
out=${1:?usage: scripts/build-explore.sh OUT_DIR}
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# The explorer draws half a million edges in a loop: built for speed (the app is built for
# size). Cargo keeps the two builds apart, so neither forces the other to start over.
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${CARGO_PROFILE_RELEASE_OPT_LEVEL:-3}"

want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null || true)
if [ "$have" != "wasm-bindgen $want" ]; then
  echo "build-explore: needs wasm-bindgen-cli $want (Cargo.lock), found '${have:-none}': make tool-wasm-bindgen" >&2
  exit 1
fi
command -v wasm-opt >/dev/null || { echo "build-explore: needs wasm-opt (make tool-wasm-opt)" >&2; exit 1; }

cargo build --release --locked --target wasm32-unknown-unknown -p eventlens-explore
target=${CARGO_TARGET_DIR:-target}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name explore \
  "$target/wasm32-unknown-unknown/release/eventlens_explore.wasm"
wasm-opt -O3 "$tmp/explore_bg.wasm" -o "$tmp/explore_bg.wasm"

hash=$(cat "$tmp/explore_bg.wasm" "$tmp/explore.js" | sha256sum | cut -c1-16)
mkdir -p "$out"
find "$out" -maxdepth 1 -regextype posix-extended -regex '.*/explore-[0-9a-f]{16}(\.js|_bg\.wasm)' -delete
cp "$tmp/explore_bg.wasm" "$out/explore-${hash}_bg.wasm"
cp "$tmp/explore.js" "$out/explore-${hash}.js"
cat > "$out/explore-boot.js" <<JS
// Starts the explore page's module on #explore. Written by scripts/build-explore.sh.
import init, { start } from './explore-${hash}.js';

const root = document.getElementById('explore');
if (root) {
  await init({ module_or_path: new URL('./explore-${hash}_bg.wasm', import.meta.url) });
  start(root);
}
JS

size() { stat -c %s "$1"; }
gz() { gzip -9c "$1" | wc -c; }
wasm="$out/explore-${hash}_bg.wasm"
js="$out/explore-${hash}.js"
echo "explore module: wasm $(size "$wasm") bytes ($(gz "$wasm") gzip), js $(size "$js") bytes ($(gz "$js") gzip), boot $(size "$out/explore-boot.js") bytes"
echo "explore module total gzip: $(( $(gz "$wasm") + $(gz "$js") + $(gz "$out/explore-boot.js") )) bytes"
