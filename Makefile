# eventlens. Quick start: `make serve`, `make test`. Both install what is missing, pinned, and
# skip what is already there, so they work on a fresh machine that reaches only the package
# registries (crates.io, npm, Debian).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export PATH := $(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true

TRUNK_VERSION := 0.21.14
BINARYEN_VERSION := 132.0.0
# wasm-bindgen-cli must equal the wasm-bindgen that Cargo.lock resolved, to the patch.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
SEED_DIR ?= ../shared/seed
DATA_DIR := public/data
BUNDLE := target/debug/bundle
# The native tool at full speed, for building sites (profile `native` in Cargo.toml).
BUNDLE_NATIVE := target/native/bundle
# `make dist COLLECTION=DIR DIST=OUT [SITE_URL=https://…]`: the site of the bundles under
# DIR/{lang}/n/*.json. By default the committed collection, into dist/.
COLLECTION ?= $(DATA_DIR)
DIST ?= dist
SITE_URL ?=

# Browser tests on two cores need more than the default 20 s.
export CHROMEDRIVER := /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT := 300
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT := 120
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner

.PHONY: help
help:
	@echo "make serve   build and serve the collection on http://127.0.0.1:8080 (trunk serve)"
	@echo "make test    native tests, layout parity, browser component tests, end-to-end tests"
	@echo "make dist    the whole site into dist/, every page prerendered (COLLECTION=DIR DIST=OUT SITE_URL=…)"
	@echo "make data    regenerate public/data from $(SEED_DIR) (bundle import + bundle index)"
	@echo "make schema  regenerate public/schema/event.v1.json"
	@echo "make bench   interactive time, time to content vs a static floor, the widget and its layout shift, the wasm by crate, then bench-layout"
	@echo "make bench-layout  d3-force vs our layout in Chromium, 50 to 10,000 nodes"
	@echo "make bench-scale   build and page figures at 1 to 100,000 synthetic events"
	@echo "make fuzz    run the cargo-fuzz targets (FUZZ_SECONDS each)"

# ---------------------------------------------------------------------------------------------
# Tools. Each step checks for the exact version first.

.PHONY: tools tool-rust-target tool-trunk tool-wasm-bindgen tool-wasm-opt tool-chromium tool-node
tools: tool-rust-target tool-trunk tool-wasm-bindgen tool-wasm-opt tool-node

tool-rust-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^rustfmt' && rustup component list --installed | grep -q '^clippy' \
	  || rustup component add rustfmt clippy

tool-trunk:
	@trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" || cargo install trunk --version $(TRUNK_VERSION) --locked

# Not --locked: with it, resolution of wasm-bindgen-cli's dependencies fails here.
tool-wasm-bindgen:
	@test -n "$(WASM_BINDGEN_VERSION)" || { echo "no wasm-bindgen in Cargo.lock"; exit 1; }
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" \
	  && wasm-bindgen-test-runner --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

# npm's binaryen, not Debian's: Debian's 108 builds a wasm that dies at start-up
# (WebAssembly.Table.set(): Argument 1 is invalid). Global, so plain `trunk build --release` finds it.
tool-wasm-opt:
	@wasm-opt --version 2>/dev/null | grep -q "version $(firstword $(subst ., ,$(BINARYEN_VERSION)))" \
	  || npm install --global --no-audit --no-fund binaryen@$(BINARYEN_VERSION)

# twiggy weighs the app's wasm item by item for `make bench`'s weight table (bench/weight/run.sh).
TWIGGY_VERSION := 0.8.0
.PHONY: tool-twiggy
tool-twiggy:
	@twiggy --version 2>/dev/null | grep -qx "twiggy-opt $(TWIGGY_VERSION)" || cargo install twiggy --version $(TWIGGY_VERSION) --locked

# Share cards are drawn with the system's Noto Sans CJK (Debian's fonts-noto-cjk).
.PHONY: tool-fonts
tool-fonts:
	@fc-list :lang=zh | grep -q . || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-noto-cjk fontconfig; }

# fonts-noto-cjk: without a CJK font the screenshots show the Chinese text as empty boxes.
# nginx: the e2e suite serves dist/ with deploy/nginx.conf, as production would.
tool-chromium:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && fc-list :lang=zh | grep -q . && test -x /usr/sbin/nginx \
	  || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-noto-cjk nginx; }

tool-node: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# ---------------------------------------------------------------------------------------------
# Build and serve

.PHONY: serve app app-sub dist dist-sub fetch bundle-native
fetch:
	cargo fetch --locked

# trunk's post-build hook makes the documents the app reads from public/data (Trunk.toml);
# building the tool first keeps that hook quick.
serve: tools fetch bundle-tool
	@echo "Serving the collection. The seed event: http://127.0.0.1:8080/zh/n/anthropic-alibaba-claude-distillation"
	trunk serve

bundle-native:
	cargo build --locked --profile native -p eventlens-bundle

# The app shell: trunk's release build of the app (index.html, JS, wasm, CSS, scripts), and the
# explorer's and the search page's own modules beside it (scripts/build-module.sh).
# trunk keeps wasm-bindgen's output folder between builds and ships, and preloads from
# index.html, every snippet it finds there: a JS module the app no longer imports would still be
# fetched by every page (src/search.js was, after the search page left the app).
STALE_SNIPPETS := target/wasm-bindgen/release/snippets

app: tools fetch
	rm -rf $(STALE_SNIPPETS)
	trunk build --release --dist target/app
	scripts/build-module.sh explore target/app
	scripts/build-module.sh search target/app

# The whole site, natively and with no browser: every page's documents and every page
# prerendered by the app's own components (`bundle site`), then its search index
# (scripts/search-index.mjs: Pagefind, pinned in package.json, into $(DIST)/pagefind/, made
# whole each time). Otherwise only what changed since the last build into $(DIST) is written;
# the list goes to target/dist-changes.txt. A bad bundle fails the build and leaves $(DIST) as
# it was.
dist: app bundle-native tool-fonts tool-node
	$(BUNDLE_NATIVE) site $(COLLECTION) --app target/app --out $(DIST) $(if $(SITE_URL),--site $(SITE_URL)) --changes target/dist-changes.txt
	node scripts/search-index.mjs $(DIST)

# ---------------------------------------------------------------------------------------------
# Data: everything in public/data and public/schema is generated, never typed by hand.

.PHONY: data schema bundle-tool
bundle-tool:
	cargo build --locked -p eventlens-bundle --bin bundle

data: bundle-tool
	rm -rf $(DATA_DIR)
	for md in $(SEED_DIR)/*.md; do $(BUNDLE) import "$$md" --into $(DATA_DIR); done

schema: bundle-tool
	$(BUNDLE) schema > public/schema/event.v1.json
	$(BUNDLE) schema --doc > public/schema/event-doc.v1.json

# ---------------------------------------------------------------------------------------------
# Tests

.PHONY: test lint test-native test-layout test-web test-e2e
test: tools tool-chromium fetch lint test-native test-layout test-web test-e2e
	@echo "make test: all suites passed"

# Formatting (rustfmt.toml), clippy with every warning an error, natively over the workspace and
# for wasm32 over the two crates the browser runs, and no function of the app over 120 lines.
lint: tool-rust-target
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --features csr -p eventlens -p eventlens-explore -p eventlens-search --all-targets -- -D warnings
	python3 scripts/long-functions.py 120 $$(find src -name '*.rs')

test-native: tool-fonts
	cargo test --locked --workspace

test-layout:
	node scripts/layout-reference.mjs target/layout-reference.json
	cargo test --locked --release -p force-layout --test parity -- --nocapture

test-web:
	cargo test --locked --target wasm32-unknown-unknown --features csr --test web

# The same site under a sub-folder, to prove every link and fetch respects the base.
app-sub: tools fetch
	rm -rf $(STALE_SNIPPETS)
	trunk build --release --public-url /sub/ --dist target/app-sub
	scripts/build-module.sh explore target/app-sub
	scripts/build-module.sh search target/app-sub

dist-sub: app-sub bundle-native tool-fonts tool-node
	$(BUNDLE_NATIVE) site $(DATA_DIR) --app target/app-sub --out target/dist-sub
	node scripts/search-index.mjs target/dist-sub

test-e2e: dist dist-sub
	node --test --test-concurrency=1 tests/e2e/

# ---------------------------------------------------------------------------------------------
# Benchmarks: they print figures and assert nothing about speed.

# Time to content against a static rendition of the seed event (with and without 4x CPU
# throttling), render and toggle cost, a waterfall of the load, then the layout table.
.PHONY: bench
bench: dist tool-chromium tool-node tool-twiggy tool-wasm-bindgen tool-wasm-opt
	node bench/page/run.mjs
	bench/weight/run.sh
	bench/layout/run.sh

# A site at 1, 1,000, 10,000 and 100,000 synthetic events: full and one-event build times, and
# what an event page, the home page, the biggest entity's page and the explorer cost a reader.
# BENCH_SIZES=1,1000 for a quick run. Needs about 20 GB of disk at 100,000, most of it the 150,000 share cards (removed after).
.PHONY: bench-scale
bench-scale: app bundle-native tool-fonts tool-chromium tool-node
	node bench/scale/run.mjs target/app

# d3-force and our wasm layout in one headless Chromium page, 50 to 10,000 nodes, 300 ticks;
# BENCH_SIZES=50,1000 for a quick run.
.PHONY: bench-layout
bench-layout: tool-rust-target tool-wasm-bindgen tool-wasm-opt tool-chromium tool-node fetch
	bench/layout/run.sh

# ---------------------------------------------------------------------------------------------
# Fuzzing (cargo-fuzz on the nightly toolchain): FUZZ_SECONDS per target, default 60.

.PHONY: fuzz
fuzz:
	fuzz/run.sh
