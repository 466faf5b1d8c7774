//! Times the explorer's picture natively: decoding the layout, indexing it, and drawing it
//! fitted to a canvas, as the page's first frame does.
//!
//!     cargo run --release -p eventlens-explore --example raster_time -- OUT/layout.bin [WIDTH HEIGHT]

use std::time::Instant;

use eventlens_explore::raster::{Palette, Raster};
use eventlens_explore::scene::Scene;
use eventlens_graph::explore::decode_layout;
use eventlens_graph::viewport::Viewport;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: raster_time LAYOUT_BIN [WIDTH HEIGHT]");
        std::process::exit(2);
    };
    let size = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (w, h) = (size(1, 1264), size(2, 675));
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let t = Instant::now();
    let layout = decode_layout(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let decoded = t.elapsed();
    let t = Instant::now();
    let scene = Scene::new(layout);
    let indexed = t.elapsed();
    let view = Viewport::fit(scene.bounds, w as f64, h as f64, 16.0, 2.0, 400.0);
    let mut raster = Raster::default();
    raster.resize(w, h);
    let palette = Palette { edge: [85, 85, 92], event: [11, 87, 164], entity: [230, 159, 0], outside: [85, 85, 92] };
    let mut times = Vec::new();
    let mut steps = 0;
    for _ in 0..5 {
        let t = Instant::now();
        raster.begin(&scene, &view, None);
        steps = raster.ink_edges(&scene, None, usize::MAX, &mut || false).0;
        let inked = t.elapsed();
        raster.compose(&scene, 0.6, &palette, None);
        times.push((t.elapsed().as_secs_f64() * 1000.0, inked.as_secs_f64() * 1000.0));
    }
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (whole, inking) = times[2];
    let t = Instant::now();
    for _ in 0..5 {
        raster.compose(&scene, 0.6, &palette, None);
    }
    let compose = t.elapsed().as_secs_f64() * 1000.0 / 5.0;
    println!(
        "{} nodes, {} edges, {w}x{h}: decode {:.1} ms, index {:.1} ms, whole picture median {whole:.1} ms \
         ({inking:.1} ms inking {steps} pixel steps, {:.1} ns a step); showing it {compose:.1} ms",
        scene.len(),
        scene.edges.len(),
        decoded.as_secs_f64() * 1000.0,
        indexed.as_secs_f64() * 1000.0,
        inking * 1e6 / steps.max(1) as f64
    );
}
