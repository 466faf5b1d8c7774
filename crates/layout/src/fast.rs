//! The fast many-body force, [`FastManyBody`]: the same force as [`ManyBody`](crate::ManyBody)
//! (strengths, `distance_min`, `distance_max`), summed by a fast multipole method instead of
//! d3's Barnes–Hut, so positions differ from d3's while the layout's quality does not. It is
//! not for parity: d3's tree, order of operations and random draws are all gone. The caller
//! picks it in place of `ManyBody`, typically for graphs of thousands of nodes.
//!
//! d3 walks a quadtree once per node, and each far cell acts on that node as one body at its
//! centre: work proportional to n·log n, with an error of about 1% at d3's theta. Here instead:
//! - Nodes are sorted along a Z-order (Morton) curve over their bounding square, so each
//!   quadtree cell is a contiguous run of the sorted arrays and the tree is built by splitting
//!   runs, not by inserting points one by one. Cells are stored depth first, each with the
//!   index of the first cell after its subtree, so children are found without pointers.
//! - Each cell carries its moments and, for the field from far cells, local coefficients
//!   ([`multipole`]). The tree is walked against itself once per tick: two
//!   cells far enough apart for their radii ((r_a + r_b) < theta·distance) exchange fields
//!   in one step, both ways; otherwise the larger is split, and two leaves that are still too
//!   close sum their pairs body by body, each pair once for both ends. A downward pass then
//!   hands each cell's coefficients on to its children and evaluates them at every node.
//!   The walk's work grows like n rather than n·log n, and the unit tests check that the
//!   error stays well below d3's.
//! - Every buffer is kept from tick to tick: after the first tick, a tick allocates nothing.
//!   The keys are recomputed in last tick's sorted order, so the sort mostly finds them in
//!   order already.
//!
//! Close pairs get d3's treatment (`distance_min`, a random nudge for coincident nodes). With a
//! finite `distance_max`, cell pairs that straddle it are split down to bodies, so the cut-off
//! is exact; d3 applies it to cell centres.

use std::fmt;
use std::ops::Range;

use crate::force::{Force, LayoutError, Values};
use crate::lcg::Lcg;
use crate::many_body::limit_close;
use crate::multipole::{self, Complex, Local, Multipole};
use crate::nodes::{Nodes, NodesMut};
use crate::quadtree::bounds;

/// The most nodes in a leaf cell, unless they share one finest-grid square. Bigger leaves trade
/// cell interactions for pairs; 8 to 16 is fastest in Chromium at 10,000 nodes.
const LEAF_SIZE: usize = 16;

/// Bits per axis of the Z-order grid: cells stop dividing at 1/65536 of the layout's extent.
const DEPTH: u32 = 16;

/// No cell: the root's parent.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Cell {
    /// The centre the expansions are about: |strength|-weighted as d3's, or the plain centroid
    /// when every strength in the cell is zero.
    centre: Complex,
    /// No body is farther than this from the centre.
    radius: f64,
    /// The cell's points: a range of the sorted arrays.
    start: u32,
    end: u32,
    /// The index of the first cell after this cell's subtree.
    skip: u32,
    parent: u32,
    leaf: bool,
}

/// The many-body force by a fast multipole method, for big graphs: as good a layout as
/// [`ManyBody`](crate::ManyBody)'s by the [`quality`](crate::quality) metrics, in a fraction of
/// the time, but not d3's positions. Parameters and defaults are `ManyBody`'s: strength −30,
/// theta 0.9, distance bounds 1 and infinity.
pub struct FastManyBody {
    strength: Values,
    /// The opening criterion, squared: cells interact as wholes when (r_a + r_b) < theta ·
    /// distance. At 0.9 the force's relative error is about a third of d3's Barnes–Hut at its
    /// default theta; 0.8 halves it again for 12% more time.
    theta2: f64,
    distance_min2: f64,
    distance_max2: f64,
    /// Per node, resolved by `initialize`.
    strengths: Vec<f64>,
    // The rest is rebuilt on every tick and kept for its allocations.
    /// Z-order key in the high half, node index in the low half: sorting orders the nodes.
    keys: Vec<u64>,
    /// Position and strength per node in Z-order, and the velocity change being summed.
    xs: Vec<f64>,
    ys: Vec<f64>,
    ss: Vec<f64>,
    sorted_vx: Vec<f64>,
    sorted_vy: Vec<f64>,
    cells: Vec<Cell>,
    moments: Vec<Multipole>,
    locals: Vec<Local>,
    /// Cell pairs still to walk.
    stack: Vec<(u32, u32)>,
}

impl Default for FastManyBody {
    fn default() -> Self {
        Self {
            strength: Values::All(-30.0),
            theta2: 0.9 * 0.9,
            distance_min2: 1.0,
            distance_max2: f64::INFINITY,
            strengths: Vec::new(),
            keys: Vec::new(),
            xs: Vec::new(),
            ys: Vec::new(),
            ss: Vec::new(),
            sorted_vx: Vec::new(),
            sorted_vy: Vec::new(),
            cells: Vec::new(),
            moments: Vec::new(),
            locals: Vec::new(),
            stack: Vec::new(),
        }
    }
}

/// A clone has the same parameters and none of the buffers.
impl Clone for FastManyBody {
    fn clone(&self) -> Self {
        Self {
            strength: self.strength.clone(),
            theta2: self.theta2,
            distance_min2: self.distance_min2,
            distance_max2: self.distance_max2,
            strengths: self.strengths.clone(),
            ..Self::default()
        }
    }
}

impl fmt::Debug for FastManyBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FastManyBody")
            .field("strength", &self.strength)
            .field("theta2", &self.theta2)
            .field("distance_min2", &self.distance_min2)
            .field("distance_max2", &self.distance_max2)
            .finish_non_exhaustive()
    }
}

impl FastManyBody {
    pub fn new() -> Self {
        Self::default()
    }

    /// Negative repels, positive attracts; one value or one per node.
    pub fn strength(mut self, strength: impl Into<Values>) -> Self {
        self.strength = strength.into();
        self
    }

    /// The accuracy of the approximation: two cells of radii r_a and r_b whose centres are d
    /// apart act on each other as wholes when r_a + r_b < theta · d. Smaller is more exact and
    /// slower. Not `ManyBody`'s criterion, but at the same default it is about three times as
    /// exact.
    pub fn theta(mut self, theta: f64) -> Self {
        self.theta2 = theta * theta;
        self
    }

    /// Distances below this count as this much, so that close nodes do not fling apart.
    pub fn distance_min(mut self, distance: f64) -> Self {
        self.distance_min2 = distance * distance;
        self
    }

    /// Nodes farther apart than this do not interact: exactly, pair by pair.
    pub fn distance_max(mut self, distance: f64) -> Self {
        self.distance_max2 = distance * distance;
        self
    }

    /// Sorts the nodes along the Z-order curve over their bounding square and builds the cells
    /// with their moments.
    fn build(&mut self, xs: &[f64], ys: &[f64]) {
        let [x0, y0, x1, y1] = bounds(xs.iter().copied().zip(ys.iter().copied()));
        let side = if x1 - x0 > y1 - y0 { x1 - x0 } else { y1 - y0 };
        let side = if side > 0.0 { side } else { 1.0 };
        let scale = f64::from((1u32 << DEPTH) - 1) / side;

        // Keys are made in last tick's order, in which they are nearly sorted already.
        if self.keys.len() != xs.len() {
            self.keys.clear();
            self.keys.extend(0..xs.len() as u64);
        }
        for key in &mut self.keys {
            let i = (*key as u32) as usize;
            // `as` saturates, so the far edge and any NaN stay on the grid.
            let qx = ((xs[i] - x0) * scale) as u32;
            let qy = ((ys[i] - y0) * scale) as u32;
            *key = u64::from(spread_bits(qx) | spread_bits(qy) << 1) << 32 | i as u64;
        }
        self.keys.sort_unstable();

        self.xs.clear();
        self.ys.clear();
        self.ss.clear();
        for &key in &self.keys {
            let i = (key as u32) as usize;
            self.xs.push(xs[i]);
            self.ys.push(ys[i]);
            self.ss.push(self.strengths[i]);
        }
        self.cells.clear();
        self.moments.clear();
        if !xs.is_empty() {
            self.build_cell(0, xs.len(), 0, NONE);
        }
    }

    /// Appends the cell for sorted points `start..end`, which share their first `level` Z-order
    /// digits, then its subtree; returns the cell's index.
    fn build_cell(&mut self, start: usize, end: usize, level: u32, parent: u32) -> u32 {
        let index = self.cells.len() as u32;
        let leaf = end - start <= LEAF_SIZE || level == DEPTH;
        self.cells.push(Cell {
            centre: Complex::ZERO,
            radius: 0.0,
            start: start as u32,
            end: end as u32,
            skip: 0,
            parent,
            leaf,
        });
        self.moments.push([Complex::ZERO; multipole::ORDER + 1]);

        let (xs, ys, ss) = (&self.xs[start..end], &self.ys[start..end], &self.ss[start..end]);
        let centre = centre(xs, ys, ss);
        let mut moments = [Complex::ZERO; multipole::ORDER + 1];
        let mut radius: f64 = 0.0;
        if leaf {
            for ((&x, &y), &s) in xs.iter().zip(ys).zip(ss) {
                let e = Complex::new(x, y) - centre;
                multipole::add_body(&mut moments, s, e);
                radius = radius.max((e.re * e.re + e.im * e.im).sqrt());
            }
        } else {
            let shift = 32 + 2 * (DEPTH - 1 - level);
            let quadrant = |key: u64| (key >> shift) & 3;
            let mut child_start = start;
            for q in 0..4 {
                let child_end = child_start + self.keys[child_start..end].partition_point(|&key| quadrant(key) <= q);
                if child_end > child_start {
                    let child = self.build_cell(child_start, child_end, level + 1, index) as usize;
                    let t = self.cells[child].centre - centre;
                    multipole::add_shifted(&mut moments, &self.moments[child], t);
                    radius = radius.max((t.re * t.re + t.im * t.im).sqrt() + self.cells[child].radius);
                }
                child_start = child_end;
            }
        }
        let skip = self.cells.len() as u32;
        let cell = &mut self.cells[index as usize];
        (cell.centre, cell.radius, cell.skip) = (centre, radius, skip);
        self.moments[index as usize] = moments;
        index
    }

    /// Walks the tree against itself: far cell pairs exchange expansions, close leaves sum their
    /// pairs. Every pair of nodes is covered exactly once.
    fn interact(&mut self, random: &mut Lcg) {
        let (theta2, distance_min2, distance_max2) = (self.theta2, self.distance_min2, self.distance_max2);
        let Self { xs, ys, ss, sorted_vx, sorted_vy, cells, moments, locals, stack, .. } = self;
        let bounded = distance_max2 < f64::INFINITY;
        let mut bodies = Bodies { xs, ys, ss, vx: sorted_vx, vy: sorted_vy, distance_min2, distance_max2 };
        stack.clear();
        if !cells.is_empty() {
            stack.push((0, 0));
        }
        while let Some((a, b)) = stack.pop() {
            let cell_a = cells[a as usize];
            if a == b {
                if cell_a.leaf {
                    bodies.within(cell_a.start as usize..cell_a.end as usize, random);
                } else {
                    let mut first = a + 1;
                    while first < cell_a.skip {
                        stack.push((first, first));
                        let mut second = cells[first as usize].skip;
                        while second < cell_a.skip {
                            stack.push((first, second));
                            second = cells[second as usize].skip;
                        }
                        first = cells[first as usize].skip;
                    }
                }
                continue;
            }
            let cell_b = cells[b as usize];
            let u = cell_b.centre - cell_a.centre;
            let d2 = u.re * u.re + u.im * u.im;
            let reach = cell_a.radius + cell_b.radius;
            let mut separated = reach * reach < theta2 * d2;
            if bounded {
                let d = d2.sqrt();
                if d > reach && (d - reach) * (d - reach) >= distance_max2 {
                    // Every pair is at least distance_max apart: none interacts.
                    continue;
                }
                separated &= (d + reach) * (d + reach) < distance_max2;
            }
            if separated {
                let (a, b) = (a as usize, b as usize);
                let (low, high) = locals.split_at_mut(b);
                multipole::interact(&mut low[a], &moments[a], &mut high[0], &moments[b], u);
            } else if cell_a.leaf && cell_b.leaf {
                bodies.between(
                    cell_a.start as usize..cell_a.end as usize,
                    cell_b.start as usize..cell_b.end as usize,
                    random,
                );
            } else {
                // Split the bigger cell (a leaf cannot be split) and pair its children with the
                // other, keeping the lower index first.
                let (split, first, other) = if cell_b.leaf || (!cell_a.leaf && cell_a.radius >= cell_b.radius) {
                    (cell_a, a + 1, b)
                } else {
                    (cell_b, b + 1, a)
                };
                let mut child = first;
                let end = split.skip;
                while child < end {
                    stack.push(if child < other { (child, other) } else { (other, child) });
                    child = cells[child as usize].skip;
                }
            }
        }
    }

    /// Hands each cell's local coefficients down to its children and, at the leaves, adds the
    /// far field to every node's sum.
    fn evaluate(&mut self) {
        for index in 1..self.cells.len() {
            let cell = self.cells[index];
            let parent = cell.parent as usize;
            let t = cell.centre - self.cells[parent].centre;
            let (low, high) = self.locals.split_at_mut(index);
            multipole::add_local_shifted(&mut high[0], &low[parent], t);
        }
        for (cell, local) in self.cells.iter().zip(&self.locals).filter(|(cell, _)| cell.leaf) {
            let range = cell.start as usize..cell.end as usize;
            let (xs, ys) = (&self.xs[range.clone()], &self.ys[range.clone()]);
            let (vx, vy) = (&mut self.sorted_vx[range.clone()], &mut self.sorted_vy[range]);
            for (((&x, &y), vx), vy) in xs.iter().zip(ys).zip(vx).zip(vy) {
                let field = multipole::evaluate(local, Complex::new(x, y) - cell.centre);
                // The velocity change is the conjugate of the field.
                *vx += field.re;
                *vy -= field.im;
            }
        }
    }
}

/// The centre of a cell's bodies: weighted by |strength| as d3's, or the plain centroid when
/// the weights are all zero (the cell still receives forces, so it needs a centre).
fn centre(xs: &[f64], ys: &[f64], ss: &[f64]) -> Complex {
    let (mut weight, mut x, mut y) = (0.0, 0.0, 0.0);
    for ((&px, &py), &s) in xs.iter().zip(ys).zip(ss) {
        let w = s.abs();
        weight += w;
        x += w * px;
        y += w * py;
    }
    if weight > 0.0 {
        return Complex::new(x / weight, y / weight);
    }
    let count = xs.len() as f64;
    Complex::new(xs.iter().sum::<f64>() / count, ys.iter().sum::<f64>() / count)
}

/// The sorted bodies and their sums, for the pairs summed one by one.
struct Bodies<'a> {
    xs: &'a [f64],
    ys: &'a [f64],
    ss: &'a [f64],
    vx: &'a mut [f64],
    vy: &'a mut [f64],
    distance_min2: f64,
    distance_max2: f64,
}

impl Bodies<'_> {
    /// Every pair of bodies i < j in one leaf.
    fn within(&mut self, range: Range<usize>, random: &mut Lcg) {
        for i in range.clone() {
            self.with_all(i, i + 1..range.end, random);
        }
    }

    /// Every pair with one body in each of two leaves, `a` before `b` in the sorted order.
    fn between(&mut self, a: Range<usize>, b: Range<usize>, random: &mut Lcg) {
        for i in a {
            self.with_all(i, b.clone(), random);
        }
    }

    /// Body i and each body j in `others`, all after i, act on each other; one offset and one
    /// division serve both ends.
    #[inline(always)]
    fn with_all(&mut self, i: usize, others: Range<usize>, random: &mut Lcg) {
        let (xi, yi, si) = (self.xs[i], self.ys[i], self.ss[i]);
        let (distance_min2, distance_max2) = (self.distance_min2, self.distance_max2);
        let (vx_i, vx_others) = self.vx.split_at_mut(others.start);
        let (vy_i, vy_others) = self.vy.split_at_mut(others.start);
        let count = others.len();
        let (xs, ys, ss) = (&self.xs[others.clone()], &self.ys[others.clone()], &self.ss[others]);
        let (vx_others, vy_others) = (&mut vx_others[..count], &mut vy_others[..count]);
        let (mut ax, mut ay) = (0.0, 0.0);
        for ((((&xj, &yj), &sj), vxj), vyj) in xs.iter().zip(ys).zip(ss).zip(vx_others).zip(vy_others) {
            let mut x = xj - xi;
            let mut y = yj - yi;
            let mut l = x * x + y * y;
            if l >= distance_max2 {
                continue;
            }
            // The rare case, off the common path: bodies closer than `distance_min`, or on the
            // same spot, which d3 gives a random direction.
            if l < distance_min2 || l == 0.0 {
                l = limit_close(&mut x, &mut y, l, distance_min2, random);
            }
            let inverse = 1.0 / l;
            let (wi, wj) = (sj * inverse, si * inverse);
            ax += x * wi;
            ay += y * wi;
            *vxj -= x * wj;
            *vyj -= y * wj;
        }
        vx_i[i] += ax;
        vy_i[i] += ay;
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

impl Force for FastManyBody {
    fn initialize(&mut self, nodes: &Nodes, _random: &mut Lcg) -> Result<(), LayoutError> {
        self.strengths = self.strength.resolve(nodes.len(), "many-body strength")?;
        Ok(())
    }

    fn apply(&mut self, alpha: f64, nodes: &mut Nodes, random: &mut Lcg) {
        self.build(nodes.x(), nodes.y());
        let n = nodes.len();
        self.sorted_vx.clear();
        self.sorted_vx.resize(n, 0.0);
        self.sorted_vy.clear();
        self.sorted_vy.resize(n, 0.0);
        self.locals.clear();
        self.locals.resize(self.cells.len(), [Complex::ZERO; multipole::ORDER + 1]);
        self.interact(random);
        self.evaluate();
        let NodesMut { vx, vy, .. } = nodes.parts_mut();
        for (k, &key) in self.keys.iter().enumerate() {
            let i = (key as u32) as usize;
            vx[i] += self.sorted_vx[k] * alpha;
            vy[i] += self.sorted_vy[k] * alpha;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Link, ManyBody, Simulation};

    /// Velocity changes from one application of a force to a copy of `nodes` at rest (a
    /// settled layout's nodes still move, and that motion is no part of the force).
    fn kick(mut force: impl Force, nodes: &Nodes) -> Vec<(f64, f64)> {
        let mut nodes = nodes.clone();
        for i in 0..nodes.len() {
            nodes.set_velocity(i, 0.0, 0.0);
        }
        force.initialize(&nodes, &mut Lcg::default()).unwrap();
        force.apply(1.0, &mut nodes, &mut Lcg::default());
        nodes.vx().iter().zip(nodes.vy()).map(|(&x, &y)| (x, y)).collect()
    }

    /// The exact many-body sum, with d3's minimum distance, per-node strengths and cut-off.
    fn exact(nodes: &Nodes, strengths: &[f64], distance_max: f64) -> Vec<(f64, f64)> {
        (0..nodes.len())
            .map(|i| {
                (0..nodes.len()).filter(|&j| j != i).fold((0.0, 0.0), |(vx, vy), j| {
                    let (x, y) = (nodes.x()[j] - nodes.x()[i], nodes.y()[j] - nodes.y()[i]);
                    let l = x * x + y * y;
                    if l >= distance_max * distance_max {
                        return (vx, vy);
                    }
                    let l = l.max(libm::sqrt(l));
                    (vx + strengths[j] * x / l, vy + strengths[j] * y / l)
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

    /// A settled layout of a random tree: it has clusters and gaps, like real graphs.
    fn settled_tree(n: usize) -> Nodes {
        let mut random = Lcg::default();
        let links = (1..n).map(|i| ((random.next_f64() * i as f64) as usize, i)).collect();
        let mut simulation = Simulation::new(Nodes::new(n));
        simulation.set_force("charge", ManyBody::new()).unwrap();
        simulation.set_force("link", Link::new(links)).unwrap();
        simulation.tick_n(100);
        simulation.nodes().clone()
    }

    #[test]
    fn more_accurate_than_d3s_barnes_hut() {
        let n = 2000;
        let nodes = settled_tree(n);
        let exact = exact(&nodes, &vec![-30.0; n], f64::INFINITY);
        let d3 = error(&kick(ManyBody::new(), &nodes), &exact);
        let fast = error(&kick(FastManyBody::new(), &nodes), &exact);
        println!("relative RMS error: d3 {d3:.2e}, fast {fast:.2e}");
        assert!(fast <= d3 / 2.0, "fast {fast} is not twice as accurate as d3 {d3}");
    }

    #[test]
    fn per_node_strengths_and_a_cut_off() {
        // Mixed signs move cell centres off the centre of mass, and the cut-off must hold pair by
        // pair, not by cell centres.
        let n = 1500;
        let nodes = settled_tree(n);
        let strengths: Vec<f64> = (0..n).map(|i| [-30.0, -80.0, 10.0, 0.0][i % 4]).collect();
        for distance_max in [f64::INFINITY, 400.0, 120.0] {
            let exact = exact(&nodes, &strengths, distance_max);
            let d3 =
                error(&kick(ManyBody::new().strength(strengths.clone()).distance_max(distance_max), &nodes), &exact);
            let fast = FastManyBody::new().strength(strengths.clone()).distance_max(distance_max);
            let fast = error(&kick(fast, &nodes), &exact);
            println!("distance_max {distance_max}: relative RMS error: d3 {d3:.2e}, fast {fast:.2e}");
            assert!(fast <= d3 / 2.0, "distance_max {distance_max}: fast {fast} is not twice as accurate as d3 {d3}");
        }
    }

    #[test]
    fn coincident_and_unplaced_nodes_stay_finite() {
        // Forty nodes on one spot fill a cell of the finest grid; they get d3's random nudge.
        let mut nodes = Nodes::new(60);
        for i in 0..60 {
            let (x, y) = if i < 40 { (5.0, 5.0) } else { (i as f64, -(i as f64)) };
            nodes.set_position(i, x, y);
        }
        let kicks = kick(FastManyBody::new(), &nodes);
        assert!(kicks.iter().all(|(x, y)| x.is_finite() && y.is_finite()));
        assert!(kicks[..40].iter().any(|&(x, y)| x != 0.0 || y != 0.0));
    }
}
