//! d3-quadtree 3.0.2's point quadtree, as forceManyBody and forceCollide use it.
//!
//! The forces rebuild the tree from every point on every tick (`quadtree(nodes, x, y)`, that is
//! `addAll`), so only that path is ported: cover the bounding box first, then add the points in
//! order. Quadrant boundaries, coincident-point chains and visit order follow d3 exactly,
//! because the forces' floating-point sums and random draws happen in visit order.
//!
//! Tree nodes live in one arena that keeps its allocation from tick to tick.

use std::cell::Cell;

/// The index of no tree node: an empty quadrant, the end of a chain, an empty tree.
pub(crate) const EMPTY: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuadNode {
    /// Children by quadrant: 0 is x < xm and y < ym, 1 is x ≥ xm and y < ym, 2 is x < xm and
    /// y ≥ ym, 3 is x ≥ xm and y ≥ ym.
    Internal([u32; 4]),
    /// A point (its index in the input), and the leaf of the next point at exactly the same
    /// place. The most recently added point heads the chain.
    Leaf { point: u32, next: u32 },
}

/// A step of [`Quadtree::visit_nested`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Nested {
    /// A node and its bounds `x0, y0, x1, y1`.
    Enter(QuadNode, f64, f64, f64, f64),
    /// The end of the most recently entered internal node still open.
    Leave,
}

/// A tree node waiting on the visit stack, with its bounds.
#[derive(Debug, Clone, Copy)]
struct Quad {
    node: u32,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// Pushes an internal node's children with d3's bounds for each quadrant, last quadrant first,
/// so that they pop in d3's visit order.
fn push_children(quads: &mut Vec<Quad>, children: [u32; 4], x0: f64, y0: f64, x1: f64, y1: f64) {
    let xm = (x0 + x1) / 2.0;
    let ym = (y0 + y1) / 2.0;
    let bounds = [(x0, y0, xm, ym), (xm, y0, x1, ym), (x0, ym, xm, y1), (xm, ym, x1, y1)];
    for (&child, &(x0, y0, x1, y1)) in children.iter().zip(&bounds).rev() {
        if child != EMPTY {
            quads.push(Quad { node: child, x0, y0, x1, y1 });
        }
    }
}

pub(crate) struct Quadtree {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    root: u32,
    nodes: Vec<QuadNode>,
    // Scratch for the visits, kept so that visiting allocates nothing. The visits take `&self`
    // so that a callback can read the tree while it mutates its own state.
    visit_stack: Cell<Vec<Quad>>,
    after_stack: Cell<Vec<u32>>,
    after_order: Cell<Vec<u32>>,
}

impl Default for Quadtree {
    fn default() -> Self {
        Self {
            x0: f64::NAN,
            y0: f64::NAN,
            x1: f64::NAN,
            y1: f64::NAN,
            root: EMPTY,
            nodes: Vec::new(),
            visit_stack: Cell::default(),
            after_stack: Cell::default(),
            after_order: Cell::default(),
        }
    }
}

impl Quadtree {
    /// Empties the tree and adds point `i` at `(xs[i], ys[i])` for every i, as d3's `addAll`:
    /// points with a NaN coordinate are left out.
    pub(crate) fn build(&mut self, xs: &[f64], ys: &[f64]) {
        debug_assert_eq!(xs.len(), ys.len());
        self.nodes.clear();
        self.root = EMPTY;
        (self.x0, self.y0, self.x1, self.y1) = (f64::NAN, f64::NAN, f64::NAN, f64::NAN);

        let [x0, y0, x1, y1] = bounds(xs.iter().copied().zip(ys.iter().copied()));
        if x0 > x1 || y0 > y1 {
            return;
        }
        self.cover(x0, y0);
        self.cover(x1, y1);
        for (i, (&x, &y)) in xs.iter().zip(ys).enumerate() {
            self.add(i as u32, x, y, xs, ys);
        }
    }

    /// The number of tree nodes; node indices run below it.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    pub(crate) fn node(&self, index: u32) -> QuadNode {
        self.nodes[index as usize]
    }

    /// The points of a leaf and of the leaves chained to it, head first.
    pub(crate) fn chain(&self, point: u32, next: u32) -> impl Iterator<Item = usize> + '_ {
        let mut cursor = Some((point, next));
        std::iter::from_fn(move || {
            let (point, next) = cursor?;
            cursor = match next {
                EMPTY => None,
                next => match self.node(next) {
                    QuadNode::Leaf { point, next } => Some((point, next)),
                    QuadNode::Internal(_) => unreachable!("chains link leaves only"),
                },
            };
            Some(point as usize)
        })
    }

    /// Grows the extent to contain (x, y). The first call snaps to the unit square around the
    /// point: integer bounds keep quadrant boundaries exact when the extent later doubles.
    /// `build` covers the whole bounding box before adding any point, so the tree is always
    /// empty here and, unlike d3's `cover`, there is never a root to wrap.
    fn cover(&mut self, x: f64, y: f64) {
        let (mut x0, mut y0, mut x1, mut y1) = (self.x0, self.y0, self.x1, self.y1);
        if x0.is_nan() {
            x0 = x.floor();
            x1 = x0 + 1.0;
            y0 = y.floor();
            y1 = y0 + 1.0;
        } else {
            // d3's `x1 - x0 || 1`.
            let mut z = x1 - x0;
            if z == 0.0 || z.is_nan() {
                z = 1.0;
            }
            while x0 > x || x >= x1 || y0 > y || y >= y1 {
                z *= 2.0;
                match ((y < y0) as u8) << 1 | (x < x0) as u8 {
                    0 => (x1, y1) = (x0 + z, y0 + z),
                    1 => (x0, y1) = (x1 - z, y0 + z),
                    2 => (x1, y0) = (x0 + z, y1 - z),
                    _ => (x0, y0) = (x1 - z, y1 - z),
                }
            }
        }
        (self.x0, self.y0, self.x1, self.y1) = (x0, y0, x1, y1);
    }

    fn push(&mut self, node: QuadNode) -> u32 {
        self.nodes.push(node);
        (self.nodes.len() - 1) as u32
    }

    /// Puts `child` in quadrant `quadrant` of internal node `parent`, or at the root when
    /// `parent` is `EMPTY`.
    fn attach(&mut self, parent: u32, quadrant: usize, child: u32) {
        if parent == EMPTY {
            self.root = child;
        } else if let QuadNode::Internal(children) = &mut self.nodes[parent as usize] {
            children[quadrant] = child;
        }
    }

    /// d3-quadtree's `add`; `xs` and `ys` give the positions of points already in the tree.
    fn add(&mut self, point: u32, x: f64, y: f64, xs: &[f64], ys: &[f64]) {
        if x.is_nan() || y.is_nan() {
            return;
        }
        let leaf = self.push(QuadNode::Leaf { point, next: EMPTY });
        if self.root == EMPTY {
            self.root = leaf;
            return;
        }

        let mut bounds = [self.x0, self.y0, self.x1, self.y1];
        let mut node = self.root;
        let mut parent = EMPTY;
        let mut quadrant = 0;
        while let QuadNode::Internal(children) = self.nodes[node as usize] {
            (quadrant, ..) = narrow(&mut bounds, x, y);
            parent = node;
            node = children[quadrant];
            if node == EMPTY {
                self.attach(parent, quadrant, leaf);
                return;
            }
        }

        let QuadNode::Leaf { point: existing, .. } = self.nodes[node as usize] else {
            unreachable!("the descent stops at a leaf")
        };
        let (xp, yp) = (xs[existing as usize], ys[existing as usize]);
        if x == xp && y == yp {
            self.nodes[leaf as usize] = QuadNode::Leaf { point, next: node };
            self.attach(parent, quadrant, leaf);
            return;
        }

        // Split until the new point and the existing one fall in different quadrants.
        loop {
            let split = self.push(QuadNode::Internal([EMPTY; 4]));
            self.attach(parent, quadrant, split);
            parent = split;
            let (xm, ym);
            (quadrant, xm, ym) = narrow(&mut bounds, x, y);
            let existing_quadrant = ((yp >= ym) as usize) << 1 | (xp >= xm) as usize;
            if quadrant != existing_quadrant {
                self.attach(parent, existing_quadrant, node);
                self.attach(parent, quadrant, leaf);
                return;
            }
        }
    }

    /// Pre-order visit, children in quadrant order 0 to 3, as d3's `visit`. The callback gets
    /// the node's index, the node and its bounds `x0, y0, x1, y1`; returning true skips the
    /// node's children.
    pub(crate) fn visit(&self, mut callback: impl FnMut(u32, QuadNode, f64, f64, f64, f64) -> bool) {
        let mut quads = self.visit_stack.take();
        if self.root != EMPTY {
            quads.push(Quad { node: self.root, x0: self.x0, y0: self.y0, x1: self.x1, y1: self.y1 });
        }
        while let Some(Quad { node, x0, y0, x1, y1 }) = quads.pop() {
            let quad = self.nodes[node as usize];
            if callback(node, quad, x0, y0, x1, y1) {
                continue;
            }
            if let QuadNode::Internal(children) = quad {
                push_children(&mut quads, children, x0, y0, x1, y1);
            }
        }
        self.visit_stack.set(quads);
    }

    /// The pre-order visit of [`Quadtree::visit`] without skipping, that also reports leaving
    /// each internal node once its children are done: one walk that can number the nodes in
    /// visit order on the way down and aggregate them on the way up. Bounds are computed exactly
    /// as `visit` (d3's `visit`) computes them.
    pub(crate) fn visit_nested(&self, mut callback: impl FnMut(Nested)) {
        let mut quads = self.visit_stack.take();
        if self.root != EMPTY {
            quads.push(Quad { node: self.root, x0: self.x0, y0: self.y0, x1: self.x1, y1: self.y1 });
        }
        while let Some(Quad { node, x0, y0, x1, y1 }) = quads.pop() {
            if node == EMPTY {
                callback(Nested::Leave);
                continue;
            }
            let quad = self.nodes[node as usize];
            callback(Nested::Enter(quad, x0, y0, x1, y1));
            if let QuadNode::Internal(children) = quad {
                // Popped after every child: the cue to leave this node.
                quads.push(Quad { node: EMPTY, x0, y0, x1, y1 });
                push_children(&mut quads, children, x0, y0, x1, y1);
            }
        }
        self.visit_stack.set(quads);
    }

    /// Post-order visit (children in quadrant order 0 to 3, then the node), as d3's
    /// `visitAfter`. The forces only use it to aggregate children into parents, which needs no
    /// bounds.
    pub(crate) fn visit_after(&self, mut callback: impl FnMut(u32, QuadNode)) {
        let mut stack = self.after_stack.take();
        let mut order = self.after_order.take();
        if self.root != EMPTY {
            stack.push(self.root);
        }
        while let Some(node) = stack.pop() {
            if let QuadNode::Internal(children) = self.nodes[node as usize] {
                stack.extend(children.iter().filter(|&&child| child != EMPTY));
            }
            order.push(node);
        }
        while let Some(node) = order.pop() {
            callback(node, self.nodes[node as usize]);
        }
        self.after_stack.set(stack);
        self.after_order.set(order);
    }
}

/// The bounding box `[x0, y0, x1, y1]` of the points without a NaN coordinate, as d3's
/// `addAll` computes it; empty (`x0 > x1`) when there are none. Comparisons rather than
/// `f64::min` and `max`, which the size-optimised release build turns into calls.
pub(crate) fn bounds(points: impl Iterator<Item = (f64, f64)>) -> [f64; 4] {
    let [mut x0, mut y0, mut x1, mut y1] = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
    for (x, y) in points.filter(|(x, y)| !x.is_nan() && !y.is_nan()) {
        if x < x0 {
            x0 = x;
        }
        if x > x1 {
            x1 = x;
        }
        if y < y0 {
            y0 = y;
        }
        if y > y1 {
            y1 = y;
        }
    }
    [x0, y0, x1, y1]
}

/// Narrows `[x0, y0, x1, y1]` to the quadrant holding (x, y), as each level of d3's descent
/// does, and returns that quadrant and the midpoints that split it from the others.
fn narrow(bounds: &mut [f64; 4], x: f64, y: f64) -> (usize, f64, f64) {
    let [x0, y0, x1, y1] = bounds;
    let xm = (*x0 + *x1) / 2.0;
    let right = x >= xm;
    if right {
        *x0 = xm;
    } else {
        *x1 = xm;
    }
    let ym = (*y0 + *y1) / 2.0;
    let bottom = y >= ym;
    if bottom {
        *y0 = ym;
    } else {
        *y1 = ym;
    }
    ((bottom as usize) << 1 | right as usize, xm, ym)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(xs: &[f64], ys: &[f64]) -> Quadtree {
        let mut tree = Quadtree::default();
        tree.build(xs, ys);
        tree
    }

    #[test]
    fn cover_snaps_to_integers_then_doubles() {
        // d3: quadtree().addAll([[0.5, 0.5], [5, -3]]).extent() is [[0, -3], [8, 5]].
        let tree = built(&[0.5, 5.0], &[0.5, -3.0]);
        assert_eq!((tree.x0, tree.y0, tree.x1, tree.y1), (0.0, -3.0, 8.0, 5.0));
        let single = built(&[2.5], &[-0.5]);
        assert_eq!((single.x0, single.y0, single.x1, single.y1), (2.0, -1.0, 3.0, 0.0));
    }

    #[test]
    fn visits_in_d3_order_with_coincident_chains() {
        // Points 0 and 3 coincide; 3 was added last, so it heads the chain.
        let xs = [0.0, 3.0, 0.5, 0.0, 3.5];
        let ys = [0.0, 0.0, 3.0, 0.0, 3.5];
        let tree = built(&xs, &ys);
        assert_eq!((tree.x0, tree.y0, tree.x1, tree.y1), (0.0, 0.0, 4.0, 4.0));

        let mut pre = Vec::new();
        tree.visit(|_, quad, x0, y0, x1, y1| {
            pre.push((quad, x0, y0, x1, y1));
            false
        });
        let points: Vec<(u32, f64, f64)> = pre
            .iter()
            .filter_map(|&(quad, x0, y0, ..)| match quad {
                QuadNode::Leaf { point, .. } => Some((point, x0, y0)),
                QuadNode::Internal(_) => None,
            })
            .collect();
        assert_eq!(points, [(3, 0.0, 0.0), (1, 2.0, 0.0), (2, 0.0, 2.0), (4, 2.0, 2.0)]);
        let QuadNode::Leaf { point, next } = pre[1].0 else { panic!("expected a leaf") };
        assert_eq!(tree.chain(point, next).collect::<Vec<_>>(), [3, 0]);

        let mut post = Vec::new();
        tree.visit_after(|index, _| post.push(index));
        let mut expected: Vec<u32> = Vec::new();
        tree.visit(|index, _, _, _, _, _| {
            expected.push(index);
            false
        });
        // Post-order ends at the root and lists every node once, each after its children.
        assert_eq!(post.last(), expected.first());
        assert_eq!(post.len(), expected.len());
        let position = |node: u32| post.iter().position(|&n| n == node).unwrap();
        for index in 0..tree.len() as u32 {
            if let QuadNode::Internal(children) = tree.node(index) {
                for child in children.into_iter().filter(|&c| c != EMPTY) {
                    assert!(position(child) < position(index));
                }
            }
        }
    }

    #[test]
    fn ignores_nan_points() {
        let tree = built(&[f64::NAN, 1.0], &[0.0, 1.0]);
        let mut count = 0;
        tree.visit(|_, _, _, _, _, _| {
            count += 1;
            false
        });
        assert_eq!(count, 1);
    }
}
