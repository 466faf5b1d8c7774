//! The collision force: d3-force's `collide.js`. Nodes are circles; overlapping pairs are pushed
//! apart, the smaller circle moving more. It looks ahead to where nodes are heading (position
//! plus velocity), so it runs after the forces that set velocities.

use std::fmt;

use crate::force::{Force, LayoutError, Values};
use crate::lcg::Lcg;
use crate::nodes::{Nodes, NodesMut};
use crate::quadtree::{QuadNode, Quadtree, EMPTY};

/// d3's `forceCollide(radius)`. Defaults are d3's: radius 1, strength 1, one iteration.
#[derive(Debug, Clone)]
pub struct Collide {
    radius: Values,
    strength: f64,
    iterations: usize,
    /// Per node, resolved by `initialize`.
    radii: Vec<f64>,
    scratch: Scratch,
}

impl Default for Collide {
    fn default() -> Self {
        Self { radius: Values::All(1.0), strength: 1.0, iterations: 1, radii: Vec::new(), scratch: Scratch::default() }
    }
}

impl Collide {
    /// Circles of this radius; one value or one per node.
    pub fn new(radius: impl Into<Values>) -> Self {
        Self { radius: radius.into(), ..Self::default() }
    }

    /// The share of an overlap resolved per iteration, from 0 to 1.
    pub fn strength(mut self, strength: f64) -> Self {
        self.strength = strength;
        self
    }

    /// Iterations per tick: more make circles harder.
    pub fn iterations(mut self, iterations: usize) -> Self {
        self.iterations = iterations;
        self
    }
}

/// What a tick rebuilds from the positions, kept only for its allocations: a clone starts
/// without it.
#[derive(Default)]
struct Scratch {
    tree: Quadtree,
    /// Per quadtree node, the largest radius in it: how far its circles can reach.
    quad_radii: Vec<f64>,
    /// Where the nodes are heading, x + vx and y + vy, which the tree is built on.
    ahead_x: Vec<f64>,
    ahead_y: Vec<f64>,
}

impl Clone for Scratch {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl fmt::Debug for Scratch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Scratch")
    }
}

impl Force for Collide {
    fn initialize(&mut self, nodes: &Nodes, _random: &mut Lcg) -> Result<(), LayoutError> {
        self.radii = self.radius.resolve(nodes.len(), "collision radius")?;
        Ok(())
    }

    fn apply(&mut self, _alpha: f64, nodes: &mut Nodes, random: &mut Lcg) {
        let Self { strength, iterations, radii, scratch, .. } = self;
        let Scratch { tree, quad_radii, ahead_x, ahead_y } = scratch;
        let strength = *strength;
        let NodesMut { x: xs, y: ys, vx, vy, .. } = nodes.parts_mut();
        for _ in 0..*iterations {
            ahead_x.clear();
            ahead_x.extend(xs.iter().zip(vx.iter()).map(|(x, vx)| x + vx));
            ahead_y.clear();
            ahead_y.extend(ys.iter().zip(vy.iter()).map(|(y, vy)| y + vy));
            tree.build(ahead_x, ahead_y);

            // d3's `prepare`. A leaf counts only its head point's radius, as in d3.
            quad_radii.resize(tree.len(), 0.0);
            tree.visit_after(|index, quad| {
                quad_radii[index as usize] = match quad {
                    QuadNode::Leaf { point, .. } => radii[point as usize],
                    QuadNode::Internal(children) => {
                        children.into_iter().filter(|&child| child != EMPTY).fold(0.0, |r, child| {
                            if quad_radii[child as usize] > r {
                                quad_radii[child as usize]
                            } else {
                                r
                            }
                        })
                    }
                };
            });

            for node in 0..xs.len() {
                let ri = radii[node];
                let ri2 = ri * ri;
                let xi = xs[node] + vx[node];
                let yi = ys[node] + vy[node];
                // d3's `apply`: true skips a cell whose circles cannot reach this node's.
                tree.visit(|index, quad, x0, y0, x1, y1| {
                    let rj = quad_radii[index as usize];
                    let r = ri + rj;
                    let QuadNode::Leaf { point, .. } = quad else {
                        return x0 > xi + r || x1 < xi - r || y0 > yi + r || y1 < yi - r;
                    };
                    // Each pair once, from its lower index; coincident points behind the head
                    // of a chain are skipped, as in d3.
                    let other = point as usize;
                    if other <= node {
                        return false;
                    }
                    let mut x = xi - xs[other] - vx[other];
                    let mut y = yi - ys[other] - vy[other];
                    let l = x * x + y * y;
                    if l < r * r {
                        let distance = random.jiggle_zeros(&mut x, &mut y, l).sqrt();
                        let l = (r - distance) / distance * strength;
                        x *= l;
                        y *= l;
                        let rj2 = rj * rj;
                        let share = rj2 / (ri2 + rj2);
                        vx[node] += x * share;
                        vy[node] += y * share;
                        vx[other] -= x * (1.0 - share);
                        vy[other] -= y * (1.0 - share);
                    }
                    false
                });
            }
        }
    }
}
