//! The fast many-body force behind [`Mode::Fast`](super::Mode::Fast): the same force as
//! [`ManyBody`], Barnes–Hut with the same parameters, but not d3's tree or order of
//! operations, so positions differ from d3's while the layout's quality does not.
//!
//! d3 spends its time walking a pointer-linked quadtree, rebuilt every tick, once per node.
//! Here instead:
//! - Nodes are sorted along a Z-order (Morton) curve over their bounding square, so each
//!   quadtree cell is a contiguous run of the sorted arrays and the tree is built by splitting
//!   runs, not by inserting points one by one.
//! - Leaf cells hold up to [`LEAF_SIZE`] nodes, and the tree is walked once per leaf for all
//!   its nodes together. A cell acts as one body when d3's test, width² / theta² < distance²,
//!   holds for the distance from the cell's centre to the leaf's bounding box, and so for every
//!   node in the leaf; nodes in leaves that are not far enough interact pair by pair. The unit
//!   test below checks that this is at least as accurate as d3's per-node walk.
//! - Cells are stored in depth-first order with the index of the first cell after each
//!   subtree, so a walk is a loop over an array with no stack and no recursion.
//! - Every buffer is kept from tick to tick: after the first tick, a tick allocates nothing.
//!
//! Close pairs get d3's treatment (`distance_min`, a random nudge for coincident nodes).

use super::lcg::Lcg;
use super::many_body::{limit_close, ManyBody};
use super::quadtree::bounds;
use super::simulation::{ApplyForce, Nodes};
use super::LayoutError;

/// The most nodes in a leaf cell, unless they share one finest-grid square. 8 to 16 is fastest.
const LEAF_SIZE: usize = 8;

/// Bits per axis of the Z-order grid: cells stop dividing at 1/65536 of the layout's extent.
const DEPTH: u32 = 16;

#[derive(Debug, Clone, Copy)]
struct Body {
    x: f64,
    y: f64,
    strength: f64,
}

#[derive(Debug, Clone, Copy)]
struct FastCell {
    /// Total strength, and the |strength|-weighted centre, as in d3.
    value: f64,
    x: f64,
    y: f64,
    /// (width / theta)², for the opening test.
    reach2: f64,
    /// The cell's points: a range of the sorted arrays.
    start: u32,
    end: u32,
    /// The index of the first cell after this cell's subtree.
    skip: u32,
    leaf: bool,
}

pub(crate) struct FastManyBody {
    theta2: f64,
    distance_min2: f64,
    distance_max2: f64,
    strengths: Vec<f64>,
    /// Z-order key in the high half, node index in the low half: sorting orders the nodes.
    keys: Vec<u64>,
    /// Position and strength, and the velocity change being summed, per node in Z-order.
    bodies: Vec<Body>,
    sorted_vx: Vec<f64>,
    sorted_vy: Vec<f64>,
    cells: Vec<FastCell>,
}

impl FastManyBody {
    pub(crate) fn new(force: &ManyBody, count: usize) -> Result<Self, LayoutError> {
        Ok(Self {
            theta2: force.theta2,
            distance_min2: force.distance_min2,
            distance_max2: force.distance_max2,
            strengths: force.strength.resolve(count, "many-body strength")?,
            keys: Vec::with_capacity(count),
            bodies: Vec::with_capacity(count),
            sorted_vx: Vec::with_capacity(count),
            sorted_vy: Vec::with_capacity(count),
            cells: Vec::with_capacity(count / 2),
        })
    }

    /// Sorts the nodes along the Z-order curve over their bounding square and builds the cells.
    fn build(&mut self, xs: &[f64], ys: &[f64]) {
        let [x0, y0, x1, y1] = bounds(xs.iter().copied().zip(ys.iter().copied()));
        let side = if x1 - x0 > y1 - y0 { x1 - x0 } else { y1 - y0 };
        let side = if side > 0.0 { side } else { 1.0 };
        let scale = f64::from((1u32 << DEPTH) - 1) / side;

        self.keys.clear();
        self.keys.extend(xs.iter().zip(ys).enumerate().map(|(i, (&x, &y))| {
            // `as` saturates, so the far edge and any NaN stay on the grid.
            let qx = ((x - x0) * scale) as u32;
            let qy = ((y - y0) * scale) as u32;
            u64::from(spread_bits(qx) | spread_bits(qy) << 1) << 32 | i as u64
        }));
        self.keys.sort_unstable();

        self.bodies.clear();
        self.bodies.extend(self.keys.iter().map(|&key| {
            let i = (key as u32) as usize;
            Body { x: xs[i], y: ys[i], strength: self.strengths[i] }
        }));
        self.cells.clear();
        if !xs.is_empty() {
            self.build_cell(0, xs.len(), 0, side * side / self.theta2);
        }
    }

    /// Appends the cell for sorted points `start..end`, which share their first `level` Z-order
    /// digits, then its subtree; returns the cell's index.
    fn build_cell(&mut self, start: usize, end: usize, level: u32, reach2: f64) -> usize {
        let index = self.cells.len();
        let leaf = end - start <= LEAF_SIZE || level == DEPTH;
        self.cells.push(FastCell {
            value: 0.0,
            x: 0.0,
            y: 0.0,
            reach2,
            start: start as u32,
            end: end as u32,
            skip: 0,
            leaf,
        });

        let (mut value, mut weight, mut x, mut y) = (0.0, 0.0, 0.0, 0.0);
        let mut add = |v: f64, px: f64, py: f64, w: f64| {
            value += v;
            weight += w;
            x += w * px;
            y += w * py;
        };
        if leaf {
            for body in &self.bodies[start..end] {
                add(body.strength, body.x, body.y, body.strength.abs());
            }
        } else {
            let shift = 32 + 2 * (DEPTH - 1 - level);
            let quadrant = |key: u64| (key >> shift) & 3;
            let mut child_start = start;
            for q in 0..4 {
                let child_end = child_start + self.keys[child_start..end].partition_point(|&key| quadrant(key) <= q);
                if child_end > child_start {
                    let child = self.build_cell(child_start, child_end, level + 1, reach2 / 4.0);
                    let c = self.cells[child];
                    add(c.value, c.x, c.y, c.value.abs());
                }
                child_start = child_end;
            }
        }
        let skip = self.cells.len() as u32;
        let cell = &mut self.cells[index];
        (cell.value, cell.x, cell.y, cell.skip) = (value, x / weight, y / weight, skip);
        index
    }
}

/// Spreads the low 16 bits of `v` to the even bits of the result, for interleaving.
fn spread_bits(v: u32) -> u32 {
    let mut v = v & 0xffff;
    v = (v | v << 8) & 0x00ff_00ff;
    v = (v | v << 4) & 0x0f0f_0f0f;
    v = (v | v << 2) & 0x3333_3333;
    (v | v << 1) & 0x5555_5555
}

impl ApplyForce for FastManyBody {
    fn apply(&mut self, alpha: f64, nodes: &mut Nodes, random: &mut Lcg) {
        self.build(&nodes.x, &nodes.y);
        let n = nodes.len();
        self.sorted_vx.clear();
        self.sorted_vx.resize(n, 0.0);
        self.sorted_vy.clear();
        self.sorted_vy.resize(n, 0.0);
        let Self { distance_min2, distance_max2, bodies, sorted_vx, sorted_vy, cells, .. } = self;
        let (distance_min2, distance_max2) = (*distance_min2, *distance_max2);

        for group in cells.iter().filter(|cell| cell.leaf) {
            let range = group.start as usize..group.end as usize;
            let members = &bodies[range.clone()];
            let (group_vx, group_vy) = (&mut sorted_vx[range.clone()], &mut sorted_vy[range]);
            let [gx0, gy0, gx1, gy1] = bounds(members.iter().map(|body| (body.x, body.y)));

            let mut c = 0;
            while c < cells.len() {
                let cell = &cells[c];
                let next = cell.skip as usize;
                if cell.value == 0.0 || cell.value.is_nan() {
                    c = next;
                    continue;
                }
                // How far the cell's centre is from the group's bounding box, per axis.
                let dx = if cell.x < gx0 {
                    gx0 - cell.x
                } else if cell.x > gx1 {
                    cell.x - gx1
                } else {
                    0.0
                };
                let dy = if cell.y < gy0 {
                    gy0 - cell.y
                } else if cell.y > gy1 {
                    cell.y - gy1
                } else {
                    0.0
                };
                if cell.reach2 < dx * dx + dy * dy {
                    let pull = cell.value * alpha;
                    for (k, body) in members.iter().enumerate() {
                        let x = cell.x - body.x;
                        let y = cell.y - body.y;
                        let mut l = x * x + y * y;
                        if l < distance_max2 {
                            if l < distance_min2 {
                                l = libm::sqrt(distance_min2 * l);
                            }
                            let w = pull / l;
                            group_vx[k] += x * w;
                            group_vy[k] += y * w;
                        }
                    }
                } else if cell.leaf {
                    let others = &bodies[cell.start as usize..cell.end as usize];
                    let same = cell.start == group.start;
                    for (k, body) in members.iter().enumerate() {
                        let (mut ax, mut ay) = (0.0, 0.0);
                        for (m, other) in others.iter().enumerate() {
                            let mut x = other.x - body.x;
                            let mut y = other.y - body.y;
                            let mut l = x * x + y * y;
                            if l >= distance_max2 {
                                continue;
                            }
                            // The rare cases, off the common path: a body and itself, bodies
                            // closer than `distance_min`, offsets with a zero axis.
                            if l < distance_min2 || x == 0.0 || y == 0.0 {
                                if same && m == k {
                                    continue;
                                }
                                l = limit_close(&mut x, &mut y, l, distance_min2, random);
                            }
                            let w = other.strength / l;
                            ax += x * w;
                            ay += y * w;
                        }
                        group_vx[k] += ax * alpha;
                        group_vy[k] += ay * alpha;
                    }
                } else {
                    // Open the cell: its first child follows it.
                    c += 1;
                    continue;
                }
                c = next;
            }
        }

        for (k, &key) in self.keys.iter().enumerate() {
            let i = (key as u32) as usize;
            nodes.vx[i] += self.sorted_vx[k];
            nodes.vy[i] += self.sorted_vy[k];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::simulation::{Mode, Simulation};

    /// Velocity changes from one application of a force to a copy of `nodes`.
    fn kick(force: &mut dyn ApplyForce, nodes: &Nodes) -> Vec<(f64, f64)> {
        let mut nodes = nodes.clone();
        force.apply(1.0, &mut nodes, &mut Lcg::default());
        nodes.vx.iter().zip(&nodes.vy).map(|(&x, &y)| (x, y)).collect()
    }

    /// The exact many-body sum, with d3's minimum distance.
    fn exact(nodes: &Nodes) -> Vec<(f64, f64)> {
        (0..nodes.len())
            .map(|i| {
                (0..nodes.len()).filter(|&j| j != i).fold((0.0, 0.0), |(vx, vy), j| {
                    let (x, y) = (nodes.x[j] - nodes.x[i], nodes.y[j] - nodes.y[i]);
                    let l = (x * x + y * y).max(libm::sqrt(x * x + y * y));
                    (vx - 30.0 * x / l, vy - 30.0 * y / l)
                })
            })
            .collect()
    }

    /// Root-mean-square error relative to the root-mean-square exact force.
    fn error(approximate: &[(f64, f64)], exact: &[(f64, f64)]) -> f64 {
        let (mut error, mut norm) = (0.0, 0.0);
        for (a, e) in approximate.iter().zip(exact) {
            error += (a.0 - e.0).powi(2) + (a.1 - e.1).powi(2);
            norm += e.0 * e.0 + e.1 * e.1;
        }
        libm::sqrt(error / norm)
    }

    #[test]
    fn at_least_as_accurate_as_d3s_barnes_hut() {
        // A settled layout of a random tree has clusters and gaps, like real graphs.
        let n = 2000;
        let mut random = Lcg::default();
        let links = (1..n).map(|i| ((random.next_f64() * i as f64) as usize, i)).collect();
        let mut simulation = Simulation::new(Nodes::new(n), Mode::Parity);
        simulation.add_force(ManyBody::new()).unwrap();
        simulation.add_force(crate::layout::Link::new(links)).unwrap();
        simulation.tick_n(100);
        let nodes = simulation.nodes().clone();

        let exact = exact(&nodes);
        let d3 = error(&kick(&mut ManyBody::new().initialize(n).unwrap(), &nodes), &exact);
        let fast = error(&kick(&mut FastManyBody::new(&ManyBody::new(), n).unwrap(), &nodes), &exact);
        println!("relative RMS error: d3 {d3:.2e}, fast {fast:.2e}");
        assert!(fast <= d3, "fast {fast} is less accurate than d3 {d3}");
    }
}
