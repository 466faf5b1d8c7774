//! The many-body force: d3-force's `manyBody.js`, every node pushing (negative strength) or
//! pulling (positive) every other, with the Barnes–Hut approximation: a far enough quadtree
//! cell acts as one body at its strength-weighted centre.

use super::lcg::Lcg;
use super::quadtree::{Nested, QuadNode, Quadtree, EMPTY};
use super::simulation::{ApplyForce, Nodes};
use super::{LayoutError, Values};

/// The many-body force's parameters. Defaults are d3's: strength −30, theta 0.9, distance
/// bounds 1 and infinity.
#[derive(Debug, Clone, PartialEq)]
pub struct ManyBody {
    pub(crate) strength: Values,
    // Squared like d3 stores them; the default 0.81 is d3's literal, not 0.9 squared.
    pub(crate) theta2: f64,
    pub(crate) distance_min2: f64,
    pub(crate) distance_max2: f64,
}

impl Default for ManyBody {
    fn default() -> Self {
        Self { strength: Values::All(-30.0), theta2: 0.81, distance_min2: 1.0, distance_max2: f64::INFINITY }
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

    pub(crate) fn initialize(self, count: usize) -> Result<ManyBodyState, LayoutError> {
        let strengths = self.strength.resolve(count, "many-body strength")?;
        Ok(ManyBodyState {
            force: self,
            strengths,
            tree: Quadtree::default(),
            cells: Vec::new(),
            coincident: Vec::new(),
            open: Vec::new(),
        })
    }
}

/// `Cell::kind` of an internal cell.
const INTERNAL: u32 = u32::MAX;
/// Set in `Cell::kind` of a leaf of coincident points; the rest is where its points start in
/// `ManyBodyState::coincident`.
const COINCIDENT: u32 = 1 << 31;

/// A quadtree node as the force walks it, with d3's `accumulate` aggregate. Cells are stored in
/// d3's visit order, so a walk is a forward scan that jumps over the subtrees it skips: no
/// stack, no bounds, one contiguous array.
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
    /// The index of the cell after this one's subtree: where a walk goes when it skips it.
    end: u32,
    /// `INTERNAL`, a leaf's single point, or `COINCIDENT` and where the leaf's points start.
    kind: u32,
}

pub(crate) struct ManyBodyState {
    force: ManyBody,
    strengths: Vec<f64>,
    tree: Quadtree,
    cells: Vec<Cell>,
    /// The points of each leaf of coincident points, head first as d3 chains them, each run
    /// ended by `EMPTY`.
    coincident: Vec<u32>,
    /// Scratch for flattening: the internal cells whose subtrees are being laid out.
    open: Vec<u32>,
}

impl ManyBodyState {
    /// Rebuilds the tree on the current positions and lays it out as `cells`, aggregated: d3's
    /// `quadtree(nodes, x, y).visitAfter(accumulate)`.
    fn prepare(&mut self, xs: &[f64], ys: &[f64]) {
        let Self { force, strengths, tree, cells, coincident, open } = self;
        tree.build(xs, ys);
        cells.clear();
        coincident.clear();
        tree.visit_nested(|step| match step {
            Nested::Enter(quad, x0, _, x1, _) => {
                let w = x1 - x0;
                let far = w * w / force.theta2;
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
                cells.push(Cell { x, y, value, far, end: index + 1, kind });
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
                    child = cell.end as usize;
                }
                let cell = &mut cells[index];
                (cell.value, cell.x, cell.y, cell.end) = (value, x / weight, y / weight, end as u32);
            }
        });
    }
}

impl ApplyForce for ManyBodyState {
    fn apply(&mut self, alpha: f64, nodes: &mut Nodes, random: &mut Lcg) {
        let Nodes { x: xs, y: ys, vx, vy, .. } = nodes;
        self.prepare(xs, ys);
        let Self { force, strengths, cells, coincident, .. } = self;
        let (distance_min2, distance_max2) = (force.distance_min2, force.distance_max2);

        for node in 0..xs.len() {
            let (node_x, node_y) = (xs[node], ys[node]);
            // Summed here in d3's order and stored once: the same additions as d3's
            // `node.vx +=` at every visit.
            let (mut node_vx, mut node_vy) = (vx[node], vy[node]);
            // d3's `visit(apply)`, cell by cell in visit order.
            let mut index = 0;
            while let Some(cell) = cells.get(index) {
                if cell.value == 0.0 || cell.value.is_nan() {
                    index = cell.end as usize;
                    continue;
                }
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
                    index = cell.end as usize;
                    continue;
                }

                // Otherwise into an internal cell's children, or each point of a leaf.
                index += 1;
                if cell.kind == INTERNAL || l >= distance_max2 {
                    continue;
                }
                if cell.kind & COINCIDENT == 0 {
                    let point = cell.kind as usize;
                    if point != node {
                        l = limit_close(&mut x, &mut y, l, distance_min2, random);
                        let w = strengths[point] * alpha / l;
                        node_vx += x * w;
                        node_vy += y * w;
                    }
                } else {
                    l = limit_close(&mut x, &mut y, l, distance_min2, random);
                    let start = (cell.kind & !COINCIDENT) as usize;
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
