//! `layout_bench`: the layout engine as a tiny wasm module, for `bench/layout` to time against
//! d3-force in the same Chromium page (see `bench/layout/run.sh`).
//!
//! It exports one function, `layout`, that lays out a graph with d3's default forces and
//! returns the positions. It is a benchmark harness only: the app lays out its graphs through
//! `force_layout` directly and never loads this module.
//!
//! Natively (`cargo test` builds every binary) it runs the same layout on the same graph as the
//! Chromium benchmark and prints the time of each run, for profiling the engine with native
//! tools (`perf record`) between runs of the real, wasm benchmark:
//!
//! ```sh
//! CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo run --release --bin layout_bench -- 1000 parity 5
//! ```
//!
//! Native times only point at hot spots; the figures that count are the wasm ones.

use force_layout::{Center, FastManyBody, LayoutError, Link, ManyBody, Nodes, Simulation};

/// Which many-body force lays out the graph: d3's own ([`ManyBody`]) or the fast one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Parity,
    Fast,
}

impl Mode {
    fn parse(mode: &str) -> Option<Mode> {
        match mode {
            "parity" => Some(Mode::Parity),
            "fast" => Some(Mode::Fast),
            _ => None,
        }
    }
}

/// d3's `forceManyBody()`, `forceLink(links)` and `forceCenter()`, all at their defaults and in
/// that order, ticked `ticks` times from d3's initial spiral: what `bench/layout/common.mjs`'s
/// `d3Layout` runs in d3. Fast mode puts [`FastManyBody`] in `ManyBody`'s place.
fn layout(nodes: usize, links: Vec<(usize, usize)>, mode: Mode, ticks: usize) -> Result<Simulation, LayoutError> {
    let mut simulation = Simulation::new(Nodes::new(nodes));
    match mode {
        Mode::Parity => simulation.set_force("charge", ManyBody::new())?,
        Mode::Fast => simulation.set_force("charge", FastManyBody::new())?,
    };
    simulation.set_force("link", Link::new(links))?.set_force("center", Center::default())?;
    simulation.tick_n(ticks);
    Ok(simulation)
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::time::Instant;

    let usage = "usage: layout_bench [NODES [parity|fast [RUNS]]]   (wasm: bench/layout/run.sh)";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let nodes: usize = args.first().map_or(Ok(1000), |n| n.parse()).unwrap_or_else(|_| panic!("{usage}"));
    let mode = Mode::parse(args.get(1).map_or("parity", String::as_str)).unwrap_or_else(|| panic!("{usage}"));
    let runs: usize = args.get(2).map_or(Ok(5), |n| n.parse()).unwrap_or_else(|_| panic!("{usage}"));
    let links = preferential_attachment(nodes, nodes as u32);
    for run in 1..=runs {
        let start = Instant::now();
        let simulation = layout(nodes, links.clone(), mode, 300).unwrap_or_else(|error| panic!("{error}"));
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        // A checksum of the positions, so a change that moves any node shows between builds.
        let checksum =
            simulation.x().iter().chain(simulation.y()).fold(0u64, |sum, v| sum.rotate_left(5) ^ v.to_bits());
        println!("{nodes} nodes {mode:?} run {run}: {ms:.1} ms, positions {checksum:016x}");
    }
}

/// `bench/layout/common.mjs`'s `preferentialAttachment(n, seed)`, link for link.
#[cfg(not(target_arch = "wasm32"))]
fn preferential_attachment(n: usize, seed: u32) -> Vec<(usize, usize)> {
    // mulberry32, in u32 arithmetic: JavaScript's Math.imul, `^` and `>>>` wrap the same way.
    let mut a = seed;
    let mut random = move || {
        a = a.wrapping_add(0x6d2b_79f5);
        let mut t = a;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    };
    let mut ends: Vec<usize> = vec![0, 1, 1, 2, 2, 0];
    for node in 3..n {
        let mut targets: Vec<usize> = Vec::with_capacity(2);
        while targets.len() < 2 {
            let target = ends[(random() * ends.len() as f64).floor() as usize];
            if !targets.contains(&target) {
                targets.push(target);
            }
        }
        for target in targets {
            ends.extend([node, target]);
        }
    }
    ends.chunks_exact(2).map(|pair| (pair[0], pair[1])).collect()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(target_arch = "wasm32")]
mod bench {
    use super::Mode;
    use wasm_bindgen::prelude::*;

    /// Lays out `nodes` nodes joined by `links` (flat source, target index pairs) as
    /// [`super::layout`] does, for `ticks` ticks. `mode` is "parity" or "fast". Returns the
    /// positions interleaved: x0, y0, x1, y1, ...
    #[wasm_bindgen]
    pub fn layout(nodes: usize, links: &[u32], mode: &str, ticks: usize) -> Result<Vec<f64>, JsError> {
        let Some(mode) = Mode::parse(mode) else {
            return Err(JsError::new(&format!("unknown mode {mode:?}: use \"parity\" or \"fast\"")));
        };
        if !links.len().is_multiple_of(2) {
            return Err(JsError::new("links must be source, target pairs: the array has an odd length"));
        }
        let pairs = links.chunks_exact(2).map(|pair| (pair[0] as usize, pair[1] as usize)).collect();
        let simulation = super::layout(nodes, pairs, mode, ticks).map_err(|error| JsError::new(&error.to_string()))?;
        Ok(simulation.x().iter().zip(simulation.y()).flat_map(|(&x, &y)| [x, y]).collect())
    }
}
