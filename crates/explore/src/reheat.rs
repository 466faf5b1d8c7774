//! Dragging a node: the layout is reheated around it only. The dragged node, its neighbours and
//! theirs (up to [`MOST_MOVED`] nodes) follow the pointer on springs; every other node stays
//! exactly where the build put it, so a drag costs the same on a 100,000-event graph as on a
//! small one and the rest of the picture never shifts. Hubs other than the dragged node stay put
//! too: they hold hundreds of edges to nodes that do not move. When the reader lets go, the
//! springs pull the neighbourhood back and the simulation stops once it has settled.
//!
//! The simulation itself is set up by [`eventlens_graph::explore::reheat_simulation`]; this picks
//! the nodes, ticks it and writes positions back into the [`Scene`]. Not here: the clock or the
//! pointer (see `page`).

use std::collections::HashMap;

use eventlens_graph::explore::reheat_simulation;
use force_layout::Simulation;

use crate::scene::Scene;

/// The most nodes one drag moves.
pub const MOST_MOVED: usize = 1500;
/// Nodes with more neighbours than this stay put unless they are the one dragged.
pub const HUB_DEGREE: usize = 64;
/// How strongly each ring is held where it was: the dragged node and its neighbours a little,
/// theirs more, so that the pull fades with distance. (The dragged node's anchor only acts once
/// it is let go: it draws the neighbourhood back toward the built layout.)
const ANCHOR_BY_HOP: [f64; 3] = [0.04, 0.04, 0.25];
/// d3's drag convention: alpha is kept at 0.3 while the pointer holds a node.
const DRAG_ALPHA: f64 = 0.3;

pub struct Reheat {
    /// The moving nodes by scene index; the dragged node first.
    pub nodes: Vec<u32>,
    /// True for the moving nodes, by scene index: what the still picture leaves out.
    pub moving: Vec<bool>,
    sim: Simulation,
    held: bool,
}

impl Reheat {
    /// Starts a drag of `node`, which the pointer holds at its current place.
    pub fn start(scene: &Scene, node: usize) -> Reheat {
        let rings = neighbourhood(scene, node);
        let nodes: Vec<u32> = rings.iter().map(|&(i, _)| i).collect();
        let local: HashMap<u32, usize> = nodes.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        let mut edges = Vec::new();
        for (k, &i) in nodes.iter().enumerate() {
            for j in scene.neighbours(i as usize) {
                if let Some(&l) = local.get(j) {
                    if k < l {
                        edges.push((k, l));
                    }
                }
            }
        }
        let x: Vec<f64> = nodes.iter().map(|&i| f64::from(scene.x[i as usize])).collect();
        let y: Vec<f64> = nodes.iter().map(|&i| f64::from(scene.y[i as usize])).collect();
        let anchor = rings.iter().map(|&(_, hop)| ANCHOR_BY_HOP[usize::from(hop)]).collect();
        let mut sim = reheat_simulation(&x, &y, edges, anchor);
        sim.set_alpha(DRAG_ALPHA);
        sim.set_alpha_target(DRAG_ALPHA);
        sim.set_fixed(0, Some(x[0]), Some(y[0]));
        let mut moving = vec![false; scene.len()];
        for &i in &nodes {
            moving[i as usize] = true;
        }
        Reheat { nodes, moving, sim, held: true }
    }

    /// The pointer holds the dragged node at (x, y), in layout units.
    pub fn hold(&mut self, x: f64, y: f64) {
        self.sim.set_fixed(0, Some(x), Some(y));
    }

    /// The reader let go: the node is freed, as in d3, and the neighbourhood cools down.
    pub fn release(&mut self) {
        self.held = false;
        self.sim.set_alpha_target(0.0);
        self.sim.set_fixed(0, None, None);
    }

    pub fn is_held(&self) -> bool {
        self.held
    }

    /// One tick, written back into the scene. False once it has settled and nothing holds it.
    pub fn step(&mut self, scene: &mut Scene) -> bool {
        self.sim.tick();
        for (k, &i) in self.nodes.iter().enumerate() {
            scene.x[i as usize] = self.sim.x()[k] as f32;
            scene.y[i as usize] = self.sim.y()[k] as f32;
        }
        self.held || !self.sim.is_settled()
    }

    /// Runs to rest at once (for `prefers-reduced-motion`, or before another drag starts).
    pub fn settle(&mut self, scene: &mut Scene) {
        if self.held {
            self.release();
        }
        while self.step(scene) {}
    }
}

/// The nodes a drag of `node` moves, with how many edges away each is (0, 1 or 2): breadth
/// first, nearest rings first, at most [`MOST_MOVED`], hubs left out beyond the dragged node.
pub fn neighbourhood(scene: &Scene, node: usize) -> Vec<(u32, u8)> {
    let mut out = vec![(node as u32, 0u8)];
    let mut seen = HashMap::from([(node as u32, ())]);
    let mut at = 0;
    while at < out.len() && out.len() < MOST_MOVED {
        let (i, hop) = out[at];
        at += 1;
        if hop == 2 {
            break;
        }
        for &j in scene.neighbours(i as usize) {
            if out.len() >= MOST_MOVED {
                break;
            }
            if scene.degree(j as usize) <= HUB_DEGREE && seen.insert(j, ()).is_none() {
                out.push((j, hop + 1));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::tests::lattice;

    #[test]
    fn the_neighbourhood_is_two_rings_around_the_dragged_node() {
        let s = lattice();
        // Node 0: its row neighbour 1 and the hub 9 (small enough here), then 2 and the rest.
        let rings = neighbourhood(&s, 0);
        assert_eq!(rings[..3], [(0, 0), (1, 1), (9, 1)]);
        assert!(rings.iter().all(|&(_, hop)| hop <= 2));
        assert_eq!(rings.len(), 10);
    }

    #[test]
    fn dragging_moves_the_node_and_its_neighbours_and_nothing_else() {
        let mut s = lattice();
        // Unlink the hub, so node 0's neighbourhood is its row: 0, 1 and 2.
        s = crate::scene::Scene::new(eventlens_graph::explore::ExploreLayout {
            x: s.x.clone(),
            y: s.y.clone(),
            kinds: s.kinds.clone(),
            edges: vec![(0, 1), (1, 2), (3, 4), (4, 5), (6, 7), (7, 8)],
            labels_per_chunk: 4,
            label_hashes: vec![0; 3],
        });
        let before = (s.x.clone(), s.y.clone());
        let mut drag = Reheat::start(&s, 0);
        assert_eq!(drag.nodes, [0, 1, 2]);
        for _ in 0..30 {
            drag.hold(0.0, -40.0);
            assert!(drag.step(&mut s));
        }
        let moved = |s: &Scene, i: usize| (s.x[i] - before.0[i]).hypot(s.y[i] - before.1[i]);
        assert!((moved(&s, 0) - 40.0).abs() < 1e-3, "{}", moved(&s, 0));
        assert!(moved(&s, 1) > 5.0 && moved(&s, 2) > 0.1 && moved(&s, 1) > moved(&s, 2));
        for i in 3..10 {
            assert_eq!(moved(&s, i), 0.0, "node {i} moved");
        }
        drag.release();
        let mut ticks = 0;
        while drag.step(&mut s) {
            ticks += 1;
            assert!(ticks < 1000, "never settled");
        }
        // Let go, the springs pull the row most of the way back.
        assert!(moved(&s, 0) < 15.0, "{}", moved(&s, 0));
    }
}
