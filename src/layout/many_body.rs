//! The many-body force: d3-force's `manyBody.js`, every node pushing (negative strength) or
//! pulling (positive) every other, with the Barnes–Hut approximation: a far enough quadtree
//! cell acts as one body at its strength-weighted centre.

use super::lcg::Lcg;
use super::quadtree::{QuadNode, Quadtree, EMPTY};
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
        Ok(ManyBodyState { force: self, strengths, tree: Quadtree::default(), masses: Vec::new() })
    }
}

/// A quadtree node's aggregate: total strength and the |strength|-weighted centre.
#[derive(Debug, Clone, Copy, Default)]
struct Mass {
    value: f64,
    x: f64,
    y: f64,
}

pub(crate) struct ManyBodyState {
    force: ManyBody,
    strengths: Vec<f64>,
    tree: Quadtree,
    masses: Vec<Mass>,
}

impl ApplyForce for ManyBodyState {
    fn apply(&mut self, alpha: f64, nodes: &mut Nodes, random: &mut Lcg) {
        let Self { force, strengths, tree, masses } = self;
        let Nodes { x: xs, y: ys, vx, vy, .. } = nodes;
        tree.build(xs, ys);
        masses.resize(tree.len(), Mass::default());

        // d3's `accumulate`.
        tree.visit_after(|index, quad| {
            let mass = match quad {
                QuadNode::Internal(children) => {
                    let (mut value, mut weight, mut x, mut y) = (0.0, 0.0, 0.0, 0.0);
                    for child in children.into_iter().filter(|&child| child != EMPTY) {
                        let child = masses[child as usize];
                        let c = child.value.abs();
                        // JavaScript's truthiness: zero and NaN add nothing.
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
            masses[index as usize] = mass;
        });

        for node in 0..xs.len() {
            let (node_x, node_y) = (xs[node], ys[node]);
            // d3's `apply`: true means the cell was handled whole (or is empty), skip its children.
            tree.visit(|index, quad, x0, _, x1, _| {
                let mass = masses[index as usize];
                if mass.value == 0.0 || mass.value.is_nan() {
                    return true;
                }
                let mut x = mass.x - node_x;
                let mut y = mass.y - node_y;
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
                if point as usize != node || next != EMPTY {
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
