//! Draws the local graph: one `<line>` per edge and one focusable `<g>` per node (its shape,
//! its label on the side chosen at build time, its full name as the accessible name), all at the
//! positions the state holds, under the viewport's transform.

use eventlens_format::index::NodeKind;
use eventlens_format::pages::LabelSide;
use eventlens_graph::node_radius_of;
use eventlens_graph::placed::LABEL_CHARS;
use eventlens_graph::short_label;
use leptos::prelude::*;

use super::interaction::Interaction;
use super::GraphState;
use crate::i18n::Ui;

/// The labels' size, `eventlens_graph::LABEL_SIZE` layout units, spelled out: formatting an f64
/// would bring float printing into the wasm for one attribute (a test keeps the two equal).
const LABEL_FONT_SIZE: &str = "font-size:12px";

pub(super) fn graph_svg(state: GraphState, interaction: Interaction, ui: Ui) -> impl IntoView {
    let (vx, vy, vw, vh) = state.graph.with_value(|g| g.view_box);
    view! {
        <svg class="graph-svg" viewBox=format!("{vx} {vy} {vw} {vh}") node_ref=interaction.svg role="group"
            aria-label=ui.across_the_graph() aria-describedby="graph-help"
            style=format!("aspect-ratio: {vw} / {vh}")
            on:pointermove=move |ev| interaction.moved(ev) on:pointerup=move |ev| interaction.up(ev)
            on:pointercancel=move |ev| interaction.up(ev) on:wheel=move |ev| interaction.wheel(ev)>
            <rect class="graph-background" x=vx y=vy width=vw height=vh
                on:pointerdown=move |ev| interaction.down(ev, None)/>
            <g transform=move || state.view.get().transform() style=LABEL_FONT_SIZE>
                {edges(state)}
                {nodes(state, interaction, ui)}
            </g>
        </svg>
    }
}

fn edges(state: GraphState) -> impl IntoView {
    let edges = state.graph.with_value(|g| g.edges.clone());
    edges
        .into_iter()
        .map(|(a, b)| {
            let (a, b) = (a as usize, b as usize);
            let coord = move |i: usize, y: bool| {
                state.positions.with(|(xs, ys)| (if y { ys } else { xs })[i].round() as i32)
            };
            view! {
                <line class="graph-edge" class:dim=move || state.lit_node().is_some_and(|h| h != a && h != b)
                    x1=move || coord(a, false) y1=move || coord(a, true) x2=move || coord(b, false) y2=move || coord(b, true)/>
            }
        })
        .collect_view()
}

fn nodes(state: GraphState, interaction: Interaction, ui: Ui) -> impl IntoView {
    let count = state.graph.with_value(|g| g.nodes.len());
    (0..count).map(|i| node(state, interaction, ui, i)).collect_view()
}

fn node(state: GraphState, interaction: Interaction, ui: Ui, i: usize) -> impl IntoView {
    let (kind, in_collection, full, id, side) = state.graph.with_value(|g| {
        let n = &g.nodes[i];
        (n.kind, n.in_collection, n.label.clone(), n.id.clone(), n.side)
    });
    let r = node_radius_of(kind, i == 0).round() as i32;
    let name = format!("{full}（{}）", ui.node_kind(kind == NodeKind::Entity, in_collection));
    let class = match (kind, in_collection, i == 0) {
        (_, _, true) => "graph-node centre",
        (NodeKind::Entity, _, _) => "graph-node entity",
        (NodeKind::Event, true, _) => "graph-node event",
        (NodeKind::Event, false, _) => "graph-node event missing",
    };
    let shape = match kind {
        NodeKind::Entity => view! { <rect x=-r y=-r width=2 * r height=2 * r rx="3"/> }.into_any(),
        NodeKind::Event => view! { <circle r=r/> }.into_any(),
    };
    let (lx, ly, anchor, baseline) = match side {
        LabelSide::Right => (r + 4, 0, "start", "central"),
        LabelSide::Left => (-r - 4, 0, "end", "central"),
        LabelSide::Below => (0, r + 4, "middle", "hanging"),
        LabelSide::Above => (0, -r - 4, "middle", "auto"),
    };
    let label = short_label(&full, LABEL_CHARS);
    let transform = move || {
        state.positions.with(|(xs, ys)| format!("translate({},{})", xs[i].round() as i32, ys[i].round() as i32))
    };
    view! {
        <g class=class id=format!("graph-node-{i}") data-id=id class:dim=move || !state.is_lit(i) transform=transform
            tabindex=move || if state.active.get() == i { "0" } else { "-1" }
            role="link" aria-label=name aria-disabled=(!in_collection).then_some("true")
            on:pointerdown=move |ev| interaction.down(ev, Some(i))
            on:pointerenter=move |_| state.lit.set(Some(i))
            // Opening a node leaves the page, and Chromium fires blur at the node as it is
            // removed, while the graph is being disposed (see `GraphState::lit_node`).
            on:pointerleave=move |_| state.unlight()
            on:focus=move |_| { state.active.set(i); state.lit.set(Some(i)); }
            on:blur=move |_| state.unlight()
            on:keydown=move |ev| interaction.key(ev, i)>
            <title>{full}</title>
            {shape}
            <text x=lx y=ly text-anchor=anchor dominant-baseline=baseline>{visible_label(&label)}</text>
        </g>
    }
}

/// The shortened label as the part of the full name it shows, plus an ellipsis kept out of the
/// accessibility tree, so the visible text stays a part of the node's accessible name.
fn visible_label(label: &str) -> impl IntoView {
    match label.strip_suffix('…') {
        Some(shown) => view! { {shown.to_string()}<tspan aria-hidden="true">"…"</tspan> }.into_any(),
        None => label.to_string().into_any(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_label_size_is_the_graph_crates() {
        assert_eq!(super::LABEL_FONT_SIZE, format!("font-size:{}px", eventlens_graph::LABEL_SIZE));
    }
}
