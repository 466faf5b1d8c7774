#!/usr/bin/env bash
# `make bench-layout`: times the layout engine (crates/layout), compiled to wasm, against
# d3-force 3.0.1 in the same headless Chromium page, and prints a table. A benchmark, not a
# test: it asserts nothing about speed.
#
# It measures the engine as the app ships it. The harness (bench/layout/harness) is built with
# the workspace's release profile, as trunk builds the app: the app's opt-level, LTO and codegen
# units, with force-layout at its own [profile.release.package.force-layout] opt-level. Then
# wasm-opt runs at the level index.html gives trunk (data-wasm-opt, with any
# data-wasm-opt-params). Beside it comes a special build for speed alone (opt-level 3
# everywhere, wasm-opt -O3), labelled as not shipped, but only if its wasm differs from the
# shipped one. The builds go to target/bench-layout/<build>/, listed in builds.json, and
# bench/layout/run.mjs takes over.
#
# Usage: bench/layout/run.sh                      all sizes: 50, 1000, 5000, 10000 nodes (minutes)
#        BENCH_SIZES=50,1000 bench/layout/run.sh  only these sizes
#        BENCH_RUNS=11 bench/layout/run.sh        more timed runs per median (default 5)
#
# Needs the tools `make test` installs: the wasm32 target, wasm-bindgen-cli matching Cargo.lock,
# wasm-opt (npm binaryen), node_modules and /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

# The shipped build is Cargo.toml's profile and nothing else.
for var in $(compgen -e | grep '^CARGO_PROFILE_' || true); do
  unset "$var"
done

# The attributes trunk reads from index.html's <link data-trunk rel="rust">.
rust_link=$(grep -o '<link[^>]*data-trunk[^>]*rel="rust"[^>]*>' index.html) || {
  echo "run.sh: index.html has no <link data-trunk rel=\"rust\">" >&2
  exit 1
}
attribute() { sed -n "s/.* $1=\"\\([^\"]*\\)\".*/\\1/p" <<<"$rust_link"; }
# trunk's levels: none given is wasm-opt's default -O, "0" skips wasm-opt.
if grep -q ' data-wasm-opt=' <<<"$rust_link"; then app_level=$(attribute data-wasm-opt); else app_level=""; fi
read -r -a app_params <<<"$(attribute data-wasm-opt-params)"
if grep -q ' data-reference-types' <<<"$rust_link"; then app_params+=(--enable-reference-types); fi

# A profile's opt-level as Cargo.toml sets it, for the labels.
opt_level() {
  awk -v section="[$1]" '/^\[/ { current = ($0 == section) }
    current && /^opt-level/ { sub(/^[^=]*= */, ""); gsub(/"/, ""); print }' Cargo.toml
}
app_opt=$(opt_level profile.release)
layout_opt=$(opt_level profile.release.package.force-layout)

out=target/bench-layout
rm -rf "$out"
mkdir -p "$out"

# build NAME WASM_OPT_LEVEL WASM_OPT_PARAMS [CARGO_ARGS...]: the harness as wasm in $out/NAME.
build() {
  local name=$1 level=$2 params=$3
  shift 3
  cargo build --release --locked --target wasm32-unknown-unknown -p layout-bench "$@"
  wasm-bindgen --target web --no-typescript --out-dir "$out/$name" target/wasm32-unknown-unknown/release/layout_bench.wasm
  if [ "$level" != 0 ]; then
    # shellcheck disable=SC2086 # the parameters are words
    wasm-opt "-O$level" $params "$out/$name/layout_bench_bg.wasm" -o "$out/$name/layout_bench_bg.wasm"
  fi
}

build shipped "$app_level" "${app_params[*]:-}"
build special 3 "" --config 'profile.release.opt-level=3' --config 'profile.release.package.force-layout.opt-level=3'

wasm_opt_label() { if [ "$1" = 0 ]; then echo "no wasm-opt"; else echo "wasm-opt -O$1${2:+ $2}"; fi; }
shipped_label="as the app ships it: opt-level ${app_opt:-default}, force-layout at ${layout_opt:-the same}, $(wasm_opt_label "$app_level" "${app_params[*]:-}") (index.html)"
special_label="for speed alone, NOT what the app ships: opt-level 3 everywhere, wasm-opt -O3"
size() { stat -c %s "$out/$1/layout_bench_bg.wasm"; }
json_build() { printf '{"name": "%s", "label": "%s", "bytes": %s}' "$1" "$2" "$(size "$1")"; }
if cmp -s "$out/shipped/layout_bench_bg.wasm" "$out/special/layout_bench_bg.wasm"; then
  echo "The special build is byte for byte the shipped one: only the shipped build is timed."
  printf '[%s]\n' "$(json_build shipped "$shipped_label")" >"$out/builds.json"
else
  printf '[%s, %s]\n' "$(json_build shipped "$shipped_label")" "$(json_build special "$special_label")" >"$out/builds.json"
fi

node bench/layout/run.mjs
