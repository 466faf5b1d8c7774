//! The local graph of an event or entity page as SVG, with the conventions readers know from d3
//! and Obsidian: nodes drag (pinned while held, the simulation reheated with alphaTarget 0.3),
//! wheel, pinch and buttons zoom, dragging the background pans, hover or focus lights a node's
//! neighbours, click or Enter opens a node. Tab enters the graph, arrow keys walk to neighbours
//! (roving tabindex), Escape leaves.
//!
//! The graph arrives laid out ([`PlacedGraph`], computed when the site was built), so it is drawn
//! at once, the same in a prerendered page and in the app, and nothing simulates until the
//! reader drags a node. The pieces: [`viewport`] (zoom and pan maths), `interaction` (pointer
//! and keyboard), `svg` (drawing), and this module, which holds the state they share.
//!
//! Not here: which nodes a graph holds or where they sit (the site builder and
//! `eventlens_graph`), or the whole collection's graph (the explorer, its own module).

mod interaction;
mod svg;
pub mod viewport;

use std::sync::Arc;

use eventlens_format::pages::PlacedGraph;
use eventlens_graph::placed::{adjacency, simulation};
use force_layout::Simulation;
use leptos::prelude::*;

use crate::i18n::Ui;
use interaction::Interaction;
use viewport::View;

/// alphaTarget while a node is held, as in d3's drag examples.
const DRAG_ALPHA_TARGET: f64 = 0.3;

/// What the renderer, the interaction and the animation clock share. Copy: every field is an
/// arena handle.
#[derive(Clone, Copy)]
struct GraphState {
    graph: StoredValue<Arc<PlacedGraph>>,
    /// Each node's neighbours, sorted, for hover and the keyboard walk.
    neighbours: StoredValue<Vec<Vec<usize>>>,
    /// Where each node is drawn, in layout units.
    positions: RwSignal<(Vec<f64>, Vec<f64>)>,
    /// The hovered or focused node, whose neighbours stay lit.
    lit: RwSignal<Option<usize>>,
    /// The node that takes Tab (roving tabindex).
    active: RwSignal<usize>,
    view: RwSignal<View>,
    /// Made on the first drag: until then the placed layout is all there is.
    sim: StoredValue<Option<Simulation>, LocalStorage>,
    /// Whether animation frames are being requested.
    running: StoredValue<bool>,
}

impl GraphState {
    fn new(graph: Arc<PlacedGraph>) -> GraphState {
        let xs = graph.nodes.iter().map(|n| f64::from(n.x)).collect();
        let ys = graph.nodes.iter().map(|n| f64::from(n.y)).collect();
        GraphState {
            neighbours: StoredValue::new(adjacency(&graph)),
            graph: StoredValue::new(graph),
            positions: RwSignal::new((xs, ys)),
            lit: RwSignal::new(None),
            active: RwSignal::new(0),
            view: RwSignal::new(View::IDENTITY),
            sim: StoredValue::new_local(None),
            running: StoredValue::new(false),
        }
    }

    /// The hovered or focused node. Read with `try_`: a node's blur as the page leaves can wake
    /// the drawing while the graph's values are being disposed, in any order.
    fn lit_node(self) -> Option<usize> {
        self.lit.try_get().flatten()
    }

    /// Whether node `i` stays lit: everything when nothing is hovered, else the hovered node and
    /// its neighbours.
    fn is_lit(self, i: usize) -> bool {
        match self.lit_node() {
            None => true,
            Some(h) => h == i || self.neighbours.try_with_value(|n| n[h].binary_search(&i).is_ok()).unwrap_or(true),
        }
    }

    /// Nothing hovered or focused any more; wakes the drawing only if something was.
    fn unlight(self) {
        self.lit.maybe_update(|lit| lit.take().is_some());
    }

    /// Pins node `i` at (x, y) and keeps the layout warm around it.
    fn hold(self, i: usize, x: f64, y: f64) {
        let created = self.sim.with_value(Option::is_none);
        if created {
            let sim = self.positions.with_untracked(|(xs, ys)| {
                self.graph.with_value(|g| {
                    let mut sim = simulation(g, xs, ys);
                    // The drawn layout is a settled one: start cool and warm up, as d3 does.
                    sim.set_alpha(0.0);
                    sim
                })
            });
            self.sim.set_value(Some(sim));
        }
        self.sim.update_value(|s| {
            if let Some(s) = s {
                s.set_alpha_target(DRAG_ALPHA_TARGET);
                s.set_fixed(i, Some(x), Some(y));
            }
        });
        self.start_frames();
    }

    /// Lets go of node `i`: the page's own node stays where it was dropped, others are freed, as
    /// in d3, and the layout cools.
    fn release(self, i: usize) {
        self.sim.update_value(|s| {
            let Some(s) = s else { return };
            s.set_alpha_target(0.0);
            if i == 0 {
                let (x, y) = (s.x()[0], s.y()[0]);
                s.set_fixed(0, Some(x), Some(y));
            } else {
                s.set_fixed(i, None, None);
            }
        });
    }

    /// One tick per animation frame, as d3's timer does, until the simulation settles or the
    /// component goes away (its stored values are then gone). A second call while frames are
    /// running does nothing.
    fn start_frames(self) {
        if self.running.try_get_value() != Some(false) {
            return;
        }
        self.running.set_value(true);
        request_animation_frame(move || self.frame());
    }

    fn frame(self) {
        let ticked = self.sim.try_update_value(|s| {
            let s = s.as_mut()?;
            s.tick();
            Some((s.x().to_vec(), s.y().to_vec(), s.is_settled() && s.alpha_target() < s.alpha_min()))
        });
        let Some(Some((xs, ys, settled))) = ticked else { return };
        self.positions.set((xs, ys));
        if settled {
            self.running.set_value(false);
        } else {
            request_animation_frame(move || self.frame());
        }
    }
}

#[component]
pub fn GraphView(graph: Arc<PlacedGraph>, ui: Ui) -> impl IntoView {
    let (vx, vy, vw, vh) = graph.view_box;
    let left_out = graph.left_out.total();
    let state = GraphState::new(graph);
    let interaction = Interaction::new(state);
    let centre = (f64::from(vx) + f64::from(vw) / 2.0, f64::from(vy) + f64::from(vh) / 2.0);
    let zoom_centre = move |factor: f64| {
        state.view.update(|v| *v = v.zoomed_at(factor, v.to_layout(centre)));
    };
    view! {
        <div class="graph-view" node_ref=interaction.wrapper tabindex="-1">
            <div class="graph-controls">
                <button type="button" on:click=move |_| zoom_centre(1.25) aria-label=ui.zoom_in()>"+"</button>
                <button type="button" on:click=move |_| zoom_centre(0.8) aria-label=ui.zoom_out()>"−"</button>
                <button type="button" on:click=move |_| state.view.set(View::IDENTITY)>{ui.zoom_reset()}</button>
            </div>
            <p class="visually-hidden" id="graph-help">{ui.graph_help()}</p>
            {svg::graph_svg(state, interaction, ui)}
            {(left_out > 0).then(|| view! { <p class="graph-left-out">{ui.more_not_drawn(left_out)}</p> })}
        </div>
    }
}
