//! The many-body force: d3-force's `manyBody.js`, every node pushing (negative strength) or
//! pulling (positive) every other, with the Barnes–Hut approximation: a far enough quadtree
//! cell acts as one body at its strength-weighted centre.
//!
//! Most of a d3-parity layout's time is here: one walk of the tree per node per tick. So the
//! tree is laid out once per tick as a flat array in d3's visit order, with what d3 recomputes
//! at every visit computed once, and each walk is a forward scan doing d3's floating-point
//! operations in d3's order. It is not the fast approximation ([`FastManyBody`](crate::FastManyBody)).

use std::fmt;

use crate::force::{Force, LayoutError, Values};
use crate::lcg::Lcg;
use crate::nodes::{Nodes, NodesMut};
use crate::quadtree::{Nested, QuadNode, Quadtree, EMPTY};

/// d3's `forceManyBody()`. Defaults are d3's: strength −30, theta 0.9, distance bounds 1 and
/// infinity.
#[derive(Debug, Clone)]
pub struct ManyBody {
    strength: Values,
    // Squared like d3 stores them; the default 0.81 is d3's literal, not 0.9 squared.
    theta2: f64,
    distance_min2: f64,
    distance_max2: f64,
    /// Per node, resolved by `initialize`.
    strengths: Vec<f64>,
    walk: Walk,
}

impl Default for ManyBody {
    fn default() -> Self {
        Self {
            strength: Values::All(-30.0),
            theta2: 0.81,
            distance_min2: 1.0,
            distance_max2: f64::INFINITY,
            strengths: Vec::new(),
            walk: Walk::default(),
        }
    }
}

impl ManyBody {
    pub fn new() -> Self {
        Self::default()
    }

    /// Negative repels, positive attracts; one value or one per node.
    pub fn strength(mut self, strength: impl Into<Values>) -> Self {
        self.strength = strength.into();
        self
    }

    /// The Barnes–Hut accuracy: a cell of width w at distance l acts as one body when
    /// w / l < theta. Smaller is more exact and slower.
    pub fn theta(mut self, theta: f64) -> Self {
        self.theta2 = theta * theta;
        self
    }

    /// Distances below this count as this much, so that close nodes do not fling apart.
    pub fn distance_min(mut self, distance: f64) -> Self {
        self.distance_min2 = distance * distance;
        self
    }

    /// Nodes farther apart than this do not interact.
    pub fn distance_max(mut self, distance: f64) -> Self {
        self.distance_max2 = distance * distance;
        self
    }
}

/// `Link::kind` of an internal cell.
const INTERNAL: u32 = u32::MAX;
/// Set in `Link::kind` of a leaf of coincident points; the rest is where its points start in
/// `Walk::coincident`.
const COINCIDENT: u32 = 1 << 31;

/// A quadtree node as the force walks it, with d3's `accumulate` aggregate. Cells are stored in
/// d3's visit order, so a walk is a forward scan that jumps over the subtrees it skips: no
/// stack, no bounds, one contiguous array. Cells of no strength are left out (see `drop_cell`).
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// The |strength|-weighted centre; a leaf's point.
    x: f64,
    y: f64,
    /// Total strength (d3's `quad.value`).
    value: f64,
    /// d3's `w * w / theta2` for this cell's width w: beyond this squared distance the cell
    /// acts as one body. The same operations on the same operands as d3's per-visit test,
    /// done once per tick.
    far: f64,
}

/// The rest of a cell, kept apart so that a `Cell` is 32 bytes: wasm then finds one with a
/// shift rather than a multiplication, on the walk's critical path.
#[derive(Debug, Clone, Copy)]
struct Link {
    /// The index of the cell after this one's subtree: where a walk goes when it skips it.
    end: u32,
    /// `INTERNAL`, a leaf's single point, or `COINCIDENT` and where the leaf's points start.
    kind: u32,
}

/// The tree as the force walks it, rebuilt from the positions on every tick and kept only for
/// its allocations: a clone starts without it.
#[derive(Default)]
struct Walk {
    tree: Quadtree,
    /// The tree, one `Cell` and one `Link` per node.
    cells: Vec<Cell>,
    links: Vec<Link>,
    /// The points of each leaf of coincident points, head first as d3 chains them, each run
    /// ended by `EMPTY`.
    coincident: Vec<u32>,
    /// Scratch for flattening: the internal cells whose subtrees are being laid out.
    open: Vec<u32>,
}

impl Clone for Walk {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl fmt::Debug for Walk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Walk")
    }
}

impl Walk {
    /// Rebuilds the tree on the current positions and lays it out as `cells`, aggregated: d3's
    /// `quadtree(nodes, x, y).visitAfter(accumulate)`.
    fn prepare(&mut self, xs: &[f64], ys: &[f64], strengths: &[f64], theta2: f64) {
        let Self { tree, cells, links, coincident, open } = self;
        tree.build(xs, ys);
        cells.clear();
        links.clear();
        coincident.clear();
        tree.visit_nested(|step| match step {
            Nested::Enter(quad, x0, _, x1, _) => {
                let w = x1 - x0;
                let far = w * w / theta2;
                let index = cells.len() as u32;
                let (kind, value, x, y) = match quad {
                    QuadNode::Internal(_) => {
                        open.push(index);
                        // Aggregated on the way up.
                        (INTERNAL, 0.0, 0.0, 0.0)
                    }
                    QuadNode::Leaf { point, next } => {
                        let kind = if next == EMPTY {
                            point
                        } else {
                            let start = coincident.len() as u32;
                            coincident.extend(tree.chain(point, next).map(|point| point as u32));
                            coincident.push(EMPTY);
                            COINCIDENT | start
                        };
                        let value = tree.chain(point, next).fold(0.0, |value, point| value + strengths[point]);
                        (kind, value, xs[point as usize], ys[point as usize])
                    }
                };
                cells.push(Cell { x, y, value, far });
                links.push(Link { end: index + 1, kind });
                if kind != INTERNAL && (value == 0.0 || value.is_nan()) {
                    drop_cell(cells, links, index as usize);
                }
            }
            Nested::Leave => {
                let index = open.pop().expect("every internal cell is left once") as usize;
                let end = cells.len();
                let (mut value, mut weight, mut x, mut y) = (0.0, 0.0, 0.0, 0.0);
                // The children, in quadrant order: each starts where its elder sibling ends.
                let mut child = index + 1;
                while child < end {
                    let cell = cells[child];
                    let c = cell.value.abs();
                    // JavaScript's truthiness: zero and NaN add nothing.
                    if c != 0.0 && !c.is_nan() {
                        value += cell.value;
                        weight += c;
                        x += c * cell.x;
                        y += c * cell.y;
                    }
                    child = links[child].end as usize;
                }
                if value == 0.0 || value.is_nan() {
                    drop_cell(cells, links, index);
                } else {
                    let cell = &mut cells[index];
                    (cell.value, cell.x, cell.y) = (value, x / weight, y / weight);
                    links[index].end = end as u32;
                }
            }
        });
    }
}

/// Removes the cell at `index` and its subtree, the last cells laid out: d3's walk skips a cell
/// of no strength (zero or NaN) without looking at its children, and `accumulate` leaves it
/// out of its parent's aggregate, so the walk need not meet it at all.
fn drop_cell(cells: &mut Vec<Cell>, links: &mut Vec<Link>, index: usize) {
    cells.truncate(index);
    links.truncate(index);
}

impl Force for ManyBody {
    fn initialize(&mut self, nodes: &Nodes, _random: &mut Lcg) -> Result<(), LayoutError> {
        self.strengths = self.strength.resolve(nodes.len(), "many-body strength")?;
        Ok(())
    }

    fn apply(&mut self, alpha: f64, nodes: &mut Nodes, random: &mut Lcg) {
        let NodesMut { x: xs, y: ys, vx, vy, .. } = nodes.parts_mut();
        self.walk.prepare(xs, ys, &self.strengths, self.theta2);
        let Self { strengths, walk: Walk { cells, links, coincident, .. }, distance_min2, distance_max2, .. } = self;
        let links = &links[..cells.len()];
        let (distance_min2, distance_max2) = (*distance_min2, *distance_max2);

        for node in 0..xs.len() {
            let (node_x, node_y) = (xs[node], ys[node]);
            // Summed here in d3's order and stored once: the same additions as d3's
            // `node.vx +=` at every visit.
            let (mut node_vx, mut node_vy) = (vx[node], vy[node]);
            // d3's `visit(apply)`, cell by cell in visit order.
            let mut index = 0;
            while let Some(cell) = cells.get(index) {
                let link = links[index];
                let mut x = cell.x - node_x;
                let mut y = cell.y - node_y;
                let mut l = x * x + y * y;

                // The Barnes–Hut approximation: the cell acts as one body.
                if cell.far < l {
                    if l < distance_max2 {
                        l = limit_close(&mut x, &mut y, l, distance_min2, random);
                        node_vx += x * cell.value * alpha / l;
                        node_vy += y * cell.value * alpha / l;
                    }
                    index = link.end as usize;
                    continue;
                }

                // Otherwise into an internal cell's children, or each point of a leaf.
                index += 1;
                if link.kind == INTERNAL || l >= distance_max2 {
                    continue;
                }
                if link.kind & COINCIDENT == 0 {
                    let point = link.kind as usize;
                    if point != node {
                        l = limit_close(&mut x, &mut y, l, distance_min2, random);
                        let w = strengths[point] * alpha / l;
                        node_vx += x * w;
                        node_vy += y * w;
                    }
                } else {
                    l = limit_close(&mut x, &mut y, l, distance_min2, random);
                    let start = (link.kind & !COINCIDENT) as usize;
                    for &point in coincident[start..].iter().take_while(|&&point| point != EMPTY) {
                        let point = point as usize;
                        if point != node {
                            let w = strengths[point] * alpha / l;
                            node_vx += x * w;
                            node_vy += y * w;
                        }
                    }
                }
            }
            vx[node] = node_vx;
            vy[node] = node_vy;
        }
    }
}

/// d3's treatment of close pairs, for an offset (x, y) of squared length `l`: coincident
/// points get a random direction, and a squared distance under `distance_min2` is raised to its
/// geometric mean with it, so that very close nodes do not fling apart. Returns the squared
/// distance to divide by.
pub(crate) fn limit_close(x: &mut f64, y: &mut f64, l: f64, distance_min2: f64, random: &mut Lcg) -> f64 {
    let l = random.jiggle_zeros(x, y, l);
    if l < distance_min2 {
        (distance_min2 * l).sqrt()
    } else {
        l
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quadtree::{QuadNode, Quadtree, EMPTY as NO_NODE};

    /// d3's `manyBody.js` as literally as the tree allows: `visitAfter(accumulate)`, then a
    /// `visit(apply)` per node over the quadtree itself. The force must match it bit for bit.
    fn d3_apply(force: &ManyBody, strengths: &[f64], alpha: f64, nodes: &mut Nodes, random: &mut Lcg) {
        #[derive(Clone, Copy, Default)]
        struct Mass {
            value: f64,
            x: f64,
            y: f64,
        }
        let NodesMut { x: xs, y: ys, vx, vy, .. } = nodes.parts_mut();
        let mut tree = Quadtree::default();
        tree.build(xs, ys);
        let mut masses = vec![Mass::default(); tree.len()];
        tree.visit_after(|index, quad| {
            masses[index as usize] = match quad {
                QuadNode::Internal(children) => {
                    let (mut value, mut weight, mut x, mut y) = (0.0, 0.0, 0.0, 0.0);
                    for child in children.into_iter().filter(|&child| child != NO_NODE) {
                        let child = masses[child as usize];
                        let c = child.value.abs();
                        if c != 0.0 && !c.is_nan() {
                            value += child.value;
                            weight += c;
                            x += c * child.x;
                            y += c * child.y;
                        }
                    }
                    Mass { value, x: x / weight, y: y / weight }
                }
                QuadNode::Leaf { point, next } => Mass {
                    value: tree.chain(point, next).fold(0.0, |value, point| value + strengths[point]),
                    x: xs[point as usize],
                    y: ys[point as usize],
                },
            };
        });
        for node in 0..xs.len() {
            tree.visit(|index, quad, x0, _, x1, _| {
                let mass = masses[index as usize];
                if mass.value == 0.0 || mass.value.is_nan() {
                    return true;
                }
                let (mut x, mut y) = (mass.x - xs[node], mass.y - ys[node]);
                let w = x1 - x0;
                let mut l = x * x + y * y;
                if w * w / force.theta2 < l {
                    if l < force.distance_max2 {
                        l = limit_close(&mut x, &mut y, l, force.distance_min2, random);
                        vx[node] += x * mass.value * alpha / l;
                        vy[node] += y * mass.value * alpha / l;
                    }
                    return true;
                }
                let QuadNode::Leaf { point, next } = quad else { return false };
                if l >= force.distance_max2 {
                    return false;
                }
                if point as usize != node || next != NO_NODE {
                    l = limit_close(&mut x, &mut y, l, force.distance_min2, random);
                }
                for point in tree.chain(point, next).filter(|&point| point != node) {
                    let w = strengths[point] * alpha / l;
                    vx[node] += x * w;
                    vy[node] += y * w;
                }
                false
            });
        }
    }

    #[test]
    fn matches_d3s_walk_bit_for_bit() {
        let mut state = 7u64;
        let mut next = move |bound: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % bound
        };
        for case in 0..300 {
            let n = 1 + next(80) as usize;
            let mut nodes = Nodes::new(n);
            // A coarse grid gives coincident points (chains), a fine one deep trees.
            let (span, scale) = [(6, 5.0), (40, 0.75), (1000, 0.013)][case % 3];
            for i in 0..n {
                let x = (next(span) as f64 - span as f64 / 2.0) * scale;
                let y = (next(span) as f64 - span as f64 / 3.0) * scale;
                nodes.set_position(i, x, y);
                nodes.set_velocity(i, (next(5) as f64 - 2.0) * 0.25, -0.0);
            }
            if case % 13 == 0 {
                nodes.set_position(0, f64::NAN, 1.0);
            }
            // Strengths of both signs and zero, so that some cells cancel out.
            let strengths: Vec<f64> = (0..n).map(|_| [-30.0, 30.0, 0.0, -30.0, -7.5][next(5) as usize]).collect();
            let mut force = ManyBody::new().strength(strengths.clone()).theta([0.9, 0.5, 1.5][case % 3]);
            if case % 4 == 1 {
                force = force.distance_min(3.0).distance_max(span as f64 * scale / 2.0);
            }
            let alpha = 0.7;
            let (mut expected, mut expected_random) = (nodes.clone(), Lcg::default());
            d3_apply(&force, &strengths, alpha, &mut expected, &mut expected_random);
            let mut state = force.clone();
            state.initialize(&nodes, &mut Lcg::default()).unwrap();
            let mut random = Lcg::default();
            // Twice, so that storage kept from the first tick is reused correctly.
            for _ in 0..2 {
                let (mut ours, mut ours_random) = (nodes.clone(), random.clone());
                state.apply(alpha, &mut ours, &mut ours_random);
                let bits = |v: &[f64]| v.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(ours.vx()), bits(expected.vx()), "case {case}: vx");
                assert_eq!(bits(ours.vy()), bits(expected.vy()), "case {case}: vy");
                assert_eq!(ours_random, expected_random, "case {case}: random draws");
                random = Lcg::default();
            }
        }
    }

    #[test]
    fn refuses_per_node_strengths_of_the_wrong_length() {
        let mut force = ManyBody::new().strength(vec![-30.0; 4]);
        let error = force.initialize(&Nodes::new(5), &mut Lcg::default()).err();
        assert_eq!(error, Some(LayoutError::WrongLength { what: "many-body strength", expected: 5, found: 4 }));
    }
}
