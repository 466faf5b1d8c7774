#!/usr/bin/env bash
# Builds one of the pages that are wasm modules of their own into OUT_DIR, beside the app:
#
#   explore   crates/explore, the explore page (/{lang}/graph), on #explore
#   search    crates/search, the search page (/{lang}/search), on #search
#
# It writes, for NAME:
#
#   NAME-<hash>.js, NAME-<hash>_bg.wasm   the module, named by content (cache for a year)
#   snippets/…                            JS files the module imports (wasm-bindgen's snippets)
#   NAME-boot.js                          imports it and starts it on #NAME (revalidate)
#
# The page is a static page the site builder renders with the app's components, with
# <div id="NAME" data-…> and <script type="module" src="{base}/NAME-boot.js"> in place of the
# app's boot script: no inline script, so the site's Content-Security-Policy
# (script-src 'self' 'wasm-unsafe-eval') holds. Older NAME-<hash> files in OUT_DIR are removed.
# Prints the module's size, raw and gzipped.
#
# Usage: scripts/build-module.sh NAME OUT_DIR
#        CARGO_PROFILE_RELEASE_OPT_LEVEL=z scripts/build-module.sh explore OUT_DIR   smaller, slower
#
# Needs what `make tools` installs: the wasm32 target, wasm-bindgen-cli equal to Cargo.lock's
# wasm-bindgen, and npm binaryen's wasm-opt.
set -euo pipefail
name=${1:?usage: scripts/build-module.sh explore|search OUT_DIR}
out=${2:?usage: scripts/build-module.sh explore|search OUT_DIR}
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

case "$name" in
  # The explorer draws half a million edges in a loop: built for speed (the app is built for
  # size). Cargo keeps the two builds apart, so neither forces the other to start over.
  explore) level=3 opt=-O3 ;;
  # The search page's work is Pagefind's (its own wasm); this module only draws: built for size.
  search) level=z opt=-Oz ;;
  *) echo "build-module: no module $name (explore or search)" >&2; exit 1 ;;
esac
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${CARGO_PROFILE_RELEASE_OPT_LEVEL:-$level}"

want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null || true)
if [ "$have" != "wasm-bindgen $want" ]; then
  echo "build-module: needs wasm-bindgen-cli $want (Cargo.lock), found '${have:-none}': make tool-wasm-bindgen" >&2
  exit 1
fi
command -v wasm-opt >/dev/null || { echo "build-module: needs wasm-opt (make tool-wasm-opt)" >&2; exit 1; }

cargo build --release --locked --target wasm32-unknown-unknown -p "eventlens-$name"
target=${CARGO_TARGET_DIR:-target}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name "$name" \
  "$target/wasm32-unknown-unknown/release/eventlens_$name.wasm"
wasm-opt "$opt" "$tmp/${name}_bg.wasm" -o "$tmp/${name}_bg.wasm"

hash=$( (cat "$tmp/${name}_bg.wasm" "$tmp/$name.js"; [ ! -d "$tmp/snippets" ] || find "$tmp/snippets" -type f | sort | xargs cat) | sha256sum | cut -c1-16)
mkdir -p "$out"
find "$out" -maxdepth 1 -regextype posix-extended -regex ".*/$name-[0-9a-f]{16}(\\.js|_bg\\.wasm)" -delete
cp "$tmp/${name}_bg.wasm" "$out/$name-${hash}_bg.wasm"
cp "$tmp/$name.js" "$out/$name-${hash}.js"
if [ -d "$tmp/snippets" ]; then
  mkdir -p "$out/snippets"
  cp -R "$tmp/snippets/." "$out/snippets/"
fi
cat > "$out/$name-boot.js" <<JS
// Starts the $name page's module on #$name. Written by scripts/build-module.sh.
import init, { start } from './$name-${hash}.js';

const root = document.getElementById('$name');
if (root) {
  await init({ module_or_path: new URL('./$name-${hash}_bg.wasm', import.meta.url) });
  start(root);
}
JS

size() { stat -c %s "$1"; }
gz() { gzip -9c "$1" | wc -c; }
wasm="$out/$name-${hash}_bg.wasm"
js="$out/$name-${hash}.js"
echo "$name module: wasm $(size "$wasm") bytes ($(gz "$wasm") gzip), js $(size "$js") bytes ($(gz "$js") gzip), boot $(size "$out/$name-boot.js") bytes"
echo "$name module total gzip: $(( $(gz "$wasm") + $(gz "$js") + $(gz "$out/$name-boot.js") )) bytes"
