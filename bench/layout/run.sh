#!/usr/bin/env bash
# `make bench-layout`: times eventlens's layout engine, compiled to wasm, against d3-force 3.0.1
# in the same headless Chromium page, and prints a table. A benchmark, not a test: it asserts
# nothing about speed. Builds bench/layout's wasm module (bench/layout/harness) into
# target/bench-layout, then hands over to bench/layout/run.mjs.
#
# Usage: bench/layout/run.sh                      all sizes: 50, 1000, 5000, 10000 nodes (minutes)
#        BENCH_SIZES=50,1000 bench/layout/run.sh  only these sizes
#        CARGO_PROFILE_RELEASE_OPT_LEVEL=z ...    the engine as the app ships it (default 3)
#
# Needs the tools `make test` installs: the wasm32 target, wasm-bindgen-cli matching Cargo.lock,
# wasm-opt (npm binaryen), node_modules and /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

# The release profile optimises the app for size (opt-level "z"); the benchmark measures the
# engine built for speed unless told otherwise. Cargo keeps both builds apart, so this does not
# force the app's next build to start over.
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${CARGO_PROFILE_RELEASE_OPT_LEVEL:-3}"

out=target/bench-layout
cargo build --release --locked --target wasm32-unknown-unknown -p layout-bench
wasm-bindgen --target web --no-typescript --out-dir "$out" target/wasm32-unknown-unknown/release/layout_bench.wasm
# For speed, not size (the app's build uses -Oz).
wasm-opt -O3 "$out/layout_bench_bg.wasm" -o "$out/layout_bench_bg.wasm"
node bench/layout/run.mjs
