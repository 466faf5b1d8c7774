#!/usr/bin/env bash
# `make bench` prints this: the shipped app's wasm, weighed by crate. The wasm trunk ships has
# no names left, so the same code is put through the same steps with names kept (wasm-bindgen,
# then wasm-opt at the level and with the passes index.html gives trunk, plus -g), weighed item by item by twiggy,
# and summed by the crate each item's name starts with (bench/weight/by-crate.mjs).
#
# Usage: bench/weight/run.sh [WASM]   default: the release build trunk last made,
#                                      target/wasm32-unknown-unknown/release/eventlens.wasm
# Needs twiggy (make tool-twiggy), wasm-bindgen-cli and wasm-opt (make tools).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
wasm=${1:-target/wasm32-unknown-unknown/release/eventlens.wasm}
[ -f "$wasm" ] || { echo "weight: no $wasm; run make app first" >&2; exit 1; }
level=$(sed -n 's/.*data-wasm-opt="\([^"]*\)".*/\1/p' index.html | head -n 1)
# The passes trunk runs after the level (data-wasm-opt-params), in the same order.
params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html | head -n 1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$tmp" --out-name app "$wasm"
# shellcheck disable=SC2086 # the params are words
wasm-opt "-O${level:-z}" -g "$tmp/app_bg.wasm" $params -o "$tmp/named.wasm"
twiggy top -n 1000000 --format csv "$tmp/named.wasm" > "$tmp/items.csv"
shipped=$(ls target/app/eventlens-*_bg.wasm 2>/dev/null | head -n 1)
node bench/weight/by-crate.mjs "$tmp/items.csv" "${shipped:-$tmp/named.wasm}"
