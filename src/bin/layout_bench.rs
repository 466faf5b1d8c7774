//! `layout_bench`: the layout engine as a tiny wasm module, for `bench/layout` to time against
//! d3-force in the same Chromium page (see `bench/layout/run.sh`).
//!
//! It exports one function, `layout`, that lays out a graph with d3's default forces and
//! returns the positions. It is a benchmark harness only: the app lays out its graphs through
//! `eventlens::layout` directly and never loads this module. Natively it only says so, since
//! `cargo test` builds every binary.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("layout_bench is wasm-only: bench/layout/run.sh builds it for wasm32 and runs it in Chromium.");
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(target_arch = "wasm32")]
mod bench {
    use eventlens::layout::{Center, Link, ManyBody, Mode, Nodes, Simulation};
    use wasm_bindgen::prelude::*;

    /// Lays out `nodes` nodes joined by `links` (flat source, target index pairs) with
    /// d3's `forceManyBody()`, `forceLink(links)` and `forceCenter()`, all at their defaults
    /// and in that order, for `ticks` ticks from d3's initial spiral. `mode` is "parity" or
    /// "fast". Returns the positions interleaved: x0, y0, x1, y1, ...
    #[wasm_bindgen]
    pub fn layout(nodes: usize, links: &[u32], mode: &str, ticks: usize) -> Result<Vec<f64>, JsError> {
        let mode = match mode {
            "parity" => Mode::Parity,
            "fast" => Mode::Fast,
            other => return Err(JsError::new(&format!("unknown mode {other:?}: use \"parity\" or \"fast\""))),
        };
        if !links.len().is_multiple_of(2) {
            return Err(JsError::new("links must be source, target pairs: the array has an odd length"));
        }
        let pairs = links.chunks_exact(2).map(|pair| (pair[0] as usize, pair[1] as usize)).collect();
        let mut simulation = Simulation::new(Nodes::new(nodes), mode);
        simulation.add_force(ManyBody::new())?;
        simulation.add_force(Link::new(pairs))?;
        simulation.add_force(Center::default())?;
        simulation.tick_n(ticks);
        Ok(simulation.x().iter().zip(simulation.y()).flat_map(|(&x, &y)| [x, y]).collect())
    }
}
