//! The explore page: the whole collection's graph, every node and edge drawn at once on a
//! canvas, as a wasm module of its own so that no other page loads it.
//!
//! A static page provides `<div id="explore" data-src="{base}/data/graph/" data-lang="zh"
//! data-base="{base}">` and loads `explore-boot.js` (`scripts/build-module.sh explore` writes both
//! scripts), which calls [`start`] with that element. The explorer then fetches the layout the
//! site build wrote (`eventlens_graph::explore`), showing progress, and draws it: nothing is
//! laid out in the browser unless the reader drags a node, and then only that node's
//! neighbourhood moves.
//!
//! Modules: `load` (fetching, start-up), `page` (elements, state, frame clock, overlay drawing),
//! `input` (pointer, wheel, keyboard, search), `scene` (the graph in memory, neighbours, hit
//! testing), `raster` (the whole picture in a pixel buffer), `reheat` (the drag simulation),
//! `labels` (label chunks and search), `strings` (zh/en words), `colour` (theme colours).
//!
//! Deliberately not Leptos: the module stays small, and needs nothing of the app's. The pure
//! parts (scene, raster, reheat, labels, strings, colour) are tested natively.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

pub mod colour;
mod input;
pub mod labels;
mod load;
mod page;
pub mod raster;
pub mod reheat;
pub mod scene;
pub mod strings;

thread_local! {
    /// The running explorer, for the read-only probes below.
    static APP: RefCell<Option<page::Shared>> = const { RefCell::new(None) };
}

/// `x` held within [lo, hi]. Not `f64::clamp`, whose panic message would bring float
/// formatting (about 10 KB) into the module.
pub(crate) fn within(x: f64, lo: f64, hi: f64) -> f64 {
    x.max(lo).min(hi)
}

fn set_app(app: page::Shared) {
    APP.with(|slot| *slot.borrow_mut() = Some(app));
}

fn with_app<T>(f: impl FnOnce(&page::App) -> T) -> Option<T> {
    APP.with(|slot| slot.borrow().as_ref().and_then(|app| app.try_borrow().ok().map(|a| f(&a))))
}

/// Starts the explorer in `root` (the `#explore` element).
#[wasm_bindgen]
pub fn start(root: web_sys::Element) {
    wasm_bindgen_futures::spawn_local(load::run(root));
}

// Read-only probes for the end-to-end test and the benchmark: what the picture holds, where a
// node is. They change nothing.

/// The search's best match (ringed on the picture), or -1.
#[wasm_bindgen(js_name = exploreSelected)]
pub fn explore_selected() -> i32 {
    with_app(|a| a.selected.map_or(-1, |n| n as i32)).unwrap_or(-1)
}

/// Node `node`'s position: [layout x, layout y, canvas x, canvas y] (canvas in CSS pixels).
#[wasm_bindgen(js_name = exploreNode)]
pub fn explore_node(node: u32) -> Vec<f64> {
    with_app(|a| {
        let i = node as usize;
        if i >= a.scene.len() {
            return Vec::new();
        }
        let (sx, sy) = a.screen_of(i);
        vec![f64::from(a.scene.x[i]), f64::from(a.scene.y[i]), sx, sy]
    })
    .unwrap_or_default()
}

/// Node `node`'s neighbours.
#[wasm_bindgen(js_name = exploreNeighbours)]
pub fn explore_neighbours(node: u32) -> Vec<u32> {
    with_app(|a| if (node as usize) < a.scene.len() { a.scene.neighbours(node as usize).to_vec() } else { Vec::new() })
        .unwrap_or_default()
}

/// Whether a dragged neighbourhood is still moving.
#[wasm_bindgen(js_name = exploreMoving)]
pub fn explore_moving() -> bool {
    with_app(|a| a.reheat.is_some()).unwrap_or(false)
}
