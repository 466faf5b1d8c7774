//! A page's local graph laid out once, at build time: where each node sits, which side its
//! label takes and the box that fits it, as the [`PlacedGraph`] the page's data carries.
//!
//! The layout is deterministic (d3-force parity mode from d3's spiral), so laying it out when
//! the site is built gives the picture the browser would have settled on, without a browser:
//! the prerendered page draws it, the app draws the same, and neither simulates at page load.
//! The simulation comes back only when the reader drags a node ([`simulation`]).
//!
//! Not here: which nodes a page's graph holds (the site builder decides, capped at
//! `GRAPH_MAX_NODES`), or drawing (the app).

use eventlens_format::pages::{LeftOut, PlacedGraph, PlacedNode};
use force_layout::{Nodes, Simulation};

use crate::{fit, label_width, local_simulation, node_radius, place_labels, short_label, LocalGraph};

/// Characters of a label drawn beside its node; the full text is the node's accessible name.
pub const LABEL_CHARS: usize = 16;

/// Ticks to lay out a local graph: d3's timer stops after 300, when alpha falls below 0.001.
const TICKS: usize = 300;

/// Lays out `graph` (node 0 is the page's own), noting what the caller left out of it.
pub fn place(graph: &LocalGraph, left_out: LeftOut) -> PlacedGraph {
    let mut sim = graph.simulation();
    sim.tick_n(TICKS);
    // Positions are drawn as whole layout units, so labels and the box are fitted to those.
    let xs: Vec<f64> = sim.x().iter().map(|x| x.round()).collect();
    let ys: Vec<f64> = sim.y().iter().map(|y| y.round()).collect();
    let radii: Vec<f64> =
        graph.nodes.iter().enumerate().map(|(i, n)| node_radius(n, graph.centred && i == 0)).collect();
    let widths: Vec<f64> = graph.nodes.iter().map(|n| label_width(&short_label(&n.label, LABEL_CHARS))).collect();
    let sides = place_labels(&xs, &ys, &radii, &widths);
    let (vx, vy, vw, vh) = fit(&xs, &ys, &radii, &widths, &sides);
    let nodes = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| PlacedNode {
            id: n.id.clone(),
            kind: n.kind,
            label: n.label.clone(),
            in_collection: n.in_collection,
            x: xs[i] as i32,
            y: ys[i] as i32,
            side: sides[i],
        })
        .collect();
    PlacedGraph {
        nodes,
        edges: graph.edges.iter().map(|&(a, b)| (a as u32, b as u32)).collect(),
        view_box: (vx.floor() as i32, vy.floor() as i32, vw.ceil() as i32, vh.ceil() as i32),
        left_out,
    }
}

/// Each node's neighbours, sorted: looked up on every hover and arrow key, so computed once.
pub fn adjacency(graph: &PlacedGraph) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); graph.nodes.len()];
    for &(a, b) in &graph.edges {
        let (a, b) = (a as usize, b as usize);
        if a < out.len() && b < out.len() && a != b {
            out[a].push(b);
            out[b].push(a);
        }
    }
    for list in &mut out {
        list.sort_unstable();
        list.dedup();
    }
    out
}

/// The simulation a placed graph comes back to life with when the reader drags a node: the
/// page graph's forces, started from where the nodes are drawn now (`xs`, `ys`).
pub fn simulation(graph: &PlacedGraph, xs: &[f64], ys: &[f64]) -> Simulation {
    let mut nodes = Nodes::new(graph.nodes.len());
    for (i, (&x, &y)) in xs.iter().zip(ys).enumerate() {
        nodes.set_position(i, x, y);
    }
    let edges = graph.edges.iter().map(|&(a, b)| (a as usize, b as usize)).collect();
    local_simulation(nodes, edges, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use eventlens_format::index::build_index;
    use eventlens_format::model::EventBundle;

    #[test]
    fn the_seed_graph_is_placed_where_the_simulation_settles() {
        let bundle: EventBundle =
            serde_json::from_str(include_str!("../../../public/data/zh/n/anthropic-alibaba-claude-distillation.json"))
                .unwrap();
        let graph = LocalGraph::around(&build_index(&[bundle]), "zh/n/anthropic-alibaba-claude-distillation").unwrap();
        let placed = place(&graph, LeftOut::default());
        assert_eq!(placed.nodes.len(), 8);
        assert_eq!((placed.nodes[0].x, placed.nodes[0].y), (0, 0), "the page's own node is pinned at the centre");
        let mut settled = graph.simulation();
        settled.tick_n(TICKS);
        for (node, (x, y)) in placed.nodes.iter().zip(settled.x().iter().zip(settled.y())) {
            assert_eq!((node.x, node.y), (x.round() as i32, y.round() as i32));
        }
        let (_, _, w, h) = placed.view_box;
        assert!(w > 100 && h > 100, "{:?}", placed.view_box);
        assert_eq!(adjacency(&placed)[0], (1..8).collect::<Vec<_>>());
        assert_eq!(adjacency(&placed)[3], [0]);
    }
}
