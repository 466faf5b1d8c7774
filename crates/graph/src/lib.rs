//! The local graph of an event or entity page, decided without a browser: which nodes and
//! edges it shows, how its layout is set up, where labels go so they don't collide, which
//! neighbour an arrow key moves to, and the box that fits it.
//!
//! Not here: drawing, pointer handling or the animation clock (see `app::components::graph`),
//! or the forces themselves (see [`force_layout`]).

pub mod explore;
pub mod placed;
pub mod viewport;

use eventlens_format::index::{CollectionIndex, GraphNode, NodeKind};
use force_layout::{Center, Collide, FastManyBody, Link, ManyBody, Nodes, Simulation};

/// A graph as indices. For a page's neighbourhood node 0 is the page's own node, pinned at the
/// centre; the whole collection has no centre.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalGraph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<(usize, usize)>,
    pub centred: bool,
}

impl LocalGraph {
    /// The page's node and everything one edge away, in index order after it.
    pub fn around(index: &CollectionIndex, id: &str) -> Option<LocalGraph> {
        let centre = index.node(id)?.clone();
        let (nodes, edges) = index.neighbourhood(id);
        let mut out = vec![centre];
        out.extend(nodes.into_iter().filter(|n| n.id != id).cloned());
        let position = |id: &str| out.iter().position(|n| n.id == id);
        let edges = edges.iter().filter_map(|e| Some((position(&e.source)?, position(&e.target)?))).collect();
        Some(LocalGraph { nodes: out, edges, centred: true })
    }

    /// Every node and edge of the collection, for the explore page.
    pub fn whole(index: &CollectionIndex) -> LocalGraph {
        let position: std::collections::HashMap<&str, usize> =
            index.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
        let edges = index
            .edges
            .iter()
            .filter_map(|e| Some((*position.get(e.source.as_str())?, *position.get(e.target.as_str())?)))
            .collect();
        LocalGraph { nodes: index.nodes.clone(), edges, centred: false }
    }

    pub fn neighbours(&self, node: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .edges
            .iter()
            .filter_map(|&(a, b)| {
                if a == node {
                    Some(b)
                } else if b == node {
                    Some(a)
                } else {
                    None
                }
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// A d3-style simulation with forces sized for a handful of labelled nodes; the page's own
    /// node is pinned at the origin so the picture is centred on it.
    pub fn simulation(&self) -> Simulation {
        self.simulation_from(Nodes::new(self.nodes.len()))
    }

    /// The same simulation from nodes already placed (a layout computed earlier, reheated
    /// when the reader drags a node).
    pub fn simulation_from(&self, nodes: Nodes) -> Simulation {
        local_simulation(nodes, self.edges.clone(), self.centred)
    }
}

/// The forces of a page's local graph, sized for a handful of labelled nodes, on `nodes`
/// joined by `edges`; with `centred`, node 0 (the page's own) is pinned at the origin.
pub fn local_simulation(mut nodes: Nodes, edges: Vec<(usize, usize)>, centred: bool) -> Simulation {
    if centred && !nodes.is_empty() {
        nodes.set_fixed(0, Some(0.0), Some(0.0));
    }
    let mut sim = Simulation::new(nodes);
    sim.set_force("link", Link::new(edges).distance(90.0))
        .and_then(|sim| sim.set_force("charge", ManyBody::new().strength(-260.0)))
        .and_then(|sim| sim.set_force("collide", Collide::new(28.0)))
        .and_then(|sim| sim.set_force("center", Center::new(0.0, 0.0)))
        .expect("edges come from this graph, so they name its nodes");
    sim
}

/// Graphs above this many nodes are drawn on a canvas and laid out in fast mode.
pub const CANVAS_ABOVE: usize = 300;

impl LocalGraph {
    /// The whole collection with d3's default forces, in fast mode once the graph is big
    /// enough for exact d3 parity to cost more than it shows.
    pub fn overview_simulation(&self) -> Simulation {
        let mut sim = Simulation::new(Nodes::new(self.nodes.len()));
        let charge = if self.nodes.len() > CANVAS_ABOVE {
            sim.set_force("charge", FastManyBody::new())
        } else {
            sim.set_force("charge", ManyBody::new())
        };
        charge
            .and_then(|sim| sim.set_force("link", Link::new(self.edges.clone())))
            .and_then(|sim| sim.set_force("center", Center::new(0.0, 0.0)))
            .expect("edges come from this graph, so they name its nodes");
        sim
    }
}

/// Node radius in layout units, by kind.
pub fn node_radius(node: &GraphNode, is_centre: bool) -> f64 {
    node_radius_of(node.kind, is_centre)
}

/// [`node_radius`] by kind alone, for graphs that carry only the kind.
pub fn node_radius_of(kind: NodeKind, is_centre: bool) -> f64 {
    match (kind, is_centre) {
        (_, true) => 14.0,
        (NodeKind::Event, false) => 10.0,
        (NodeKind::Entity, false) => 9.0,
    }
}

pub use eventlens_format::pages::LabelSide;

/// Label font size in layout units, and the widths used to keep labels apart. CJK characters
/// are about one em wide; Latin ones about 0.6.
pub const LABEL_SIZE: f64 = 12.0;

pub fn label_width(text: &str) -> f64 {
    text.chars().map(|c| if (c as u32) >= 0x2E80 { LABEL_SIZE } else { LABEL_SIZE * 0.6 }).sum()
}

/// A label short enough to sit beside a node; the full text stays in the accessible name.
/// Latin text is cut at a word boundary (space or hyphen), so what is shown is made of whole
/// words of the name, which is what screen-reader users say to voice control.
pub fn short_label(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let word_end = text
        .is_ascii()
        .then(|| (max_chars / 2..=max_chars).rev().find(|&i| matches!(text.as_bytes()[i], b'-' | b' ')))
        .flatten();
    let mut s: String = match word_end {
        Some(i) => text[..i].to_string(),
        None => text.chars().take(max_chars.saturating_sub(1)).collect(),
    };
    s.push('…');
    s
}

#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    fn area_overlap(&self, o: &Rect) -> f64 {
        let w = (self.x1.min(o.x1) - self.x0.max(o.x0)).max(0.0);
        let h = (self.y1.min(o.y1) - self.y0.max(o.y0)).max(0.0);
        w * h
    }
}

/// The box a label of `width` occupies on `side` of a node at (x, y) with radius `r`.
pub fn label_box(x: f64, y: f64, r: f64, width: f64, side: LabelSide) -> (f64, f64, f64, f64) {
    let h = LABEL_SIZE * 1.2;
    let gap = 4.0;
    let rect = match side {
        LabelSide::Right => Rect { x0: x + r + gap, y0: y - h / 2.0, x1: x + r + gap + width, y1: y + h / 2.0 },
        LabelSide::Left => Rect { x0: x - r - gap - width, y0: y - h / 2.0, x1: x - r - gap, y1: y + h / 2.0 },
        LabelSide::Below => Rect { x0: x - width / 2.0, y0: y + r + gap, x1: x + width / 2.0, y1: y + r + gap + h },
        LabelSide::Above => Rect { x0: x - width / 2.0, y0: y - r - gap - h, x1: x + width / 2.0, y1: y - r - gap },
    };
    (rect.x0, rect.y0, rect.x1, rect.y1)
}

/// Greedy placement: each label, biggest first, takes the side that overlaps least with the
/// nodes and the labels already placed.
pub fn place_labels(xs: &[f64], ys: &[f64], radii: &[f64], widths: &[f64]) -> Vec<LabelSide> {
    let n = xs.len();
    let nodes: Vec<Rect> = (0..n)
        .map(|i| Rect { x0: xs[i] - radii[i], y0: ys[i] - radii[i], x1: xs[i] + radii[i], y1: ys[i] + radii[i] })
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| widths[b].total_cmp(&widths[a]).then(a.cmp(&b)));
    let mut sides = vec![LabelSide::Right; n];
    let mut placed: Vec<Rect> = Vec::with_capacity(n);
    for i in order {
        let mut best = (f64::INFINITY, LabelSide::Right, nodes[i]);
        for side in [LabelSide::Right, LabelSide::Left, LabelSide::Below, LabelSide::Above] {
            let (x0, y0, x1, y1) = label_box(xs[i], ys[i], radii[i], widths[i], side);
            let r = Rect { x0, y0, x1, y1 };
            let cost: f64 =
                placed.iter().chain(nodes.iter()).filter(|o| o.overlaps(&r)).map(|o| o.area_overlap(&r)).sum();
            if cost < best.0 {
                best = (cost, side, r);
            }
        }
        sides[i] = best.1;
        placed.push(best.2);
    }
    sides
}

/// Whether two placed labels overlap, for tests and for deciding if labels need hiding.
pub fn labels_overlap(xs: &[f64], ys: &[f64], radii: &[f64], widths: &[f64], sides: &[LabelSide]) -> bool {
    let boxes: Vec<Rect> = (0..xs.len())
        .map(|i| {
            let (x0, y0, x1, y1) = label_box(xs[i], ys[i], radii[i], widths[i], sides[i]);
            Rect { x0, y0, x1, y1 }
        })
        .collect();
    boxes.iter().enumerate().any(|(i, a)| boxes[i + 1..].iter().any(|b| a.overlaps(b)))
}

/// The neighbour of `from` that lies closest to the direction (dx, dy), so the arrow keys walk
/// the picture the way it looks. Neighbours behind the direction are never chosen.
pub fn neighbour_towards(graph: &LocalGraph, xs: &[f64], ys: &[f64], from: usize, dx: f64, dy: f64) -> Option<usize> {
    towards(&graph.neighbours(from), xs, ys, from, dx, dy)
}

/// [`neighbour_towards`] over a node's known `neighbours`.
pub fn towards(neighbours: &[usize], xs: &[f64], ys: &[f64], from: usize, dx: f64, dy: f64) -> Option<usize> {
    neighbours
        .iter()
        .copied()
        .filter_map(|j| {
            let (vx, vy) = (xs[j] - xs[from], ys[j] - ys[from]);
            let len = (vx * vx + vy * vy).sqrt().max(1e-9);
            let cos = (vx * dx + vy * dy) / len;
            (cos > 0.0).then_some((j, cos))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(j, _)| j)
}

/// The smallest box holding every node and its label, with a margin: the graph's viewBox.
pub fn fit(xs: &[f64], ys: &[f64], radii: &[f64], widths: &[f64], sides: &[LabelSide]) -> (f64, f64, f64, f64) {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for i in 0..xs.len() {
        let (lx0, ly0, lx1, ly1) = label_box(xs[i], ys[i], radii[i], widths[i], sides[i]);
        x0 = x0.min(lx0).min(xs[i] - radii[i]);
        y0 = y0.min(ly0).min(ys[i] - radii[i]);
        x1 = x1.max(lx1).max(xs[i] + radii[i]);
        y1 = y1.max(ly1).max(ys[i] + radii[i]);
    }
    if !x0.is_finite() {
        return (-50.0, -50.0, 100.0, 100.0);
    }
    let margin = 10.0;
    (x0 - margin, y0 - margin, x1 - x0 + 2.0 * margin, y1 - y0 + 2.0 * margin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use eventlens_format::index::build_index;
    use eventlens_format::model::EventBundle;

    fn seed_graph() -> LocalGraph {
        let bundle: EventBundle =
            serde_json::from_str(include_str!("../../../public/data/zh/n/anthropic-alibaba-claude-distillation.json"))
                .unwrap();
        LocalGraph::around(&build_index(&[bundle]), "zh/n/anthropic-alibaba-claude-distillation").unwrap()
    }

    #[test]
    fn the_seed_event_with_its_four_related_events_and_three_entities() {
        let g = seed_graph();
        assert_eq!(g.nodes.len(), 8);
        assert_eq!(g.nodes.iter().filter(|n| n.kind == NodeKind::Event && !n.in_collection).count(), 4);
        assert_eq!(g.nodes.iter().filter(|n| n.kind == NodeKind::Entity).count(), 3);
        assert_eq!(g.neighbours(0), (1..8).collect::<Vec<_>>());
        assert_eq!(g.neighbours(3), [0]);
    }

    #[test]
    fn settled_layout_keeps_the_centre_pinned_and_labels_apart() {
        let g = seed_graph();
        let mut sim = g.simulation();
        sim.tick_n(300);
        let (xs, ys) = (sim.x(), sim.y());
        assert_eq!((xs[0], ys[0]), (0.0, 0.0));
        let radii: Vec<f64> = g.nodes.iter().enumerate().map(|(i, n)| node_radius(n, i == 0)).collect();
        let widths: Vec<f64> = g.nodes.iter().map(|n| label_width(&short_label(&n.label, 16))).collect();
        let sides = place_labels(xs, ys, &radii, &widths);
        assert!(!labels_overlap(xs, ys, &radii, &widths, &sides), "labels collide: {sides:?}");
        let (_, _, w, h) = fit(xs, ys, &radii, &widths, &sides);
        assert!(w > 100.0 && h > 100.0 && w < 2000.0 && h < 2000.0, "{w}x{h}");
    }

    #[test]
    fn arrows_walk_towards_the_neighbour_in_that_direction() {
        let g =
            LocalGraph { nodes: seed_graph().nodes[..4].to_vec(), edges: vec![(0, 1), (0, 2), (0, 3)], centred: true };
        let (xs, ys) = ([0.0, 100.0, -100.0, 0.0], [0.0, 0.0, 0.0, 100.0]);
        assert_eq!(neighbour_towards(&g, &xs, &ys, 0, 1.0, 0.0), Some(1));
        assert_eq!(neighbour_towards(&g, &xs, &ys, 0, -1.0, 0.0), Some(2));
        assert_eq!(neighbour_towards(&g, &xs, &ys, 0, 0.0, 1.0), Some(3));
        assert_eq!(neighbour_towards(&g, &xs, &ys, 0, 0.0, -1.0), None);
        assert_eq!(neighbour_towards(&g, &xs, &ys, 1, -1.0, 0.0), Some(0));
    }

    #[test]
    fn the_whole_collection_has_every_node_and_edge_and_no_pinned_centre() {
        let bundle: EventBundle =
            serde_json::from_str(include_str!("../../../public/data/zh/n/anthropic-alibaba-claude-distillation.json"))
                .unwrap();
        let index = build_index(&[bundle]);
        let g = LocalGraph::whole(&index);
        assert_eq!((g.nodes.len(), g.edges.len()), (index.nodes.len(), index.edges.len()));
        let mut sim = g.simulation();
        sim.tick_n(10);
        assert_ne!((sim.x()[0], sim.y()[0]), (0.0, 0.0));
    }

    #[test]
    fn long_labels_are_shortened_with_an_ellipsis() {
        assert_eq!(short_label("chip-controls", 16), "chip-controls");
        assert_eq!(short_label("Anthropic指控阿里巴巴对Claude发动史上最大规模AI蒸馏攻击", 10), "Anthropic…");
        assert_eq!(short_label("anthropic-series-h-ipo-2026", 16), "anthropic-series…");
        assert_eq!(short_label("openai-jalapeno-broadcom-chip-2026", 16), "openai-jalapeno…");
    }
}
