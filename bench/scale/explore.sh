#!/usr/bin/env bash
# Builds the explore page for EVENTS synthetic events and measures it (bench/scale/explore.mjs):
# `bundle synth`, the explore files (crates/graph/examples/write_explore.rs, which prints the
# layout time and file sizes), the module (scripts/build-module.sh explore). Everything is written to
# target/bench-explore-EVENTS and deleted afterwards (100,000 events take about 0.6 GB).
#
# Usage: bench/scale/explore.sh EVENTS [RUNS]
set -euo pipefail
events=${1:?usage: bench/scale/explore.sh EVENTS [RUNS]}
runs=${2:-5}
cd "$(dirname "$0")/../.."
work="target/bench-explore-$events"
trap 'rm -rf "$work"' EXIT
rm -rf "$work"
cargo build --release --quiet -p eventlens-bundle --bin bundle
cargo build --release --quiet -p eventlens-graph --example write_explore
target/release/bundle synth --events "$events" --seed 7 --out "$work/synth"
target/release/examples/write_explore "$work/synth/index.json" "$work/www/data/graph"
rm -rf "$work/synth"
scripts/build-module.sh explore "$work/www"
node bench/scale/explore.mjs "$work/www" "$runs"
