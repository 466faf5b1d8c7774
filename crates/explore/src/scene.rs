//! The graph as the explorer holds it in memory: positions (which a drag changes), kinds,
//! edges, every node's neighbours (precomputed, so hover and the keyboard walk cost a slice
//! lookup, not a scan of half a million edges), and a grid for finding the node under the
//! pointer.
//!
//! Pure data and geometry, tested natively. Not here: drawing ([`crate::raster`]) or the page.

use eventlens_graph::explore::{ExploreKind, ExploreLayout};

pub struct Scene {
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    pub kinds: Vec<ExploreKind>,
    /// Each edge once, (a, b) with a < b.
    pub edges: Vec<(u32, u32)>,
    /// Node `i`'s neighbours are `adjacent[offsets[i]..offsets[i + 1]]`, in increasing order.
    offsets: Vec<u32>,
    adjacent: Vec<u32>,
    /// Nodes from fewest to most neighbours: drawn in this order, the hubs end up on top.
    pub draw_order: Vec<u32>,
    /// The box around every node as built, (x0, y0, x1, y1).
    pub bounds: (f64, f64, f64, f64),
    grid: Grid,
}

/// How many nodes of each kind: for the page's summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub events: usize,
    pub outside: usize,
    pub entities: usize,
}

impl Scene {
    pub fn new(layout: ExploreLayout) -> Scene {
        let n = layout.len();
        let mut degree = vec![0u32; n + 1];
        for &(a, b) in &layout.edges {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut total = 0u32;
        for d in &degree[..n] {
            offsets.push(total);
            total += d;
        }
        offsets.push(total);
        // Edges come sorted by (a, b) with a < b. So node i first gets its lower neighbours, in
        // increasing order, from the edges where it is b, then its higher ones, in increasing
        // order, from those where it is a: every list comes out sorted without sorting.
        let mut next = offsets.clone();
        let mut adjacent = vec![0u32; total as usize];
        for &(a, b) in &layout.edges {
            adjacent[next[b as usize] as usize] = a;
            next[b as usize] += 1;
        }
        for &(a, b) in &layout.edges {
            adjacent[next[a as usize] as usize] = b;
            next[a as usize] += 1;
        }
        let mut draw_order: Vec<u64> = (0..n).map(|i| (u64::from(degree[i]) << 32) | i as u64).collect();
        draw_order.sort_unstable();
        let draw_order = draw_order.into_iter().map(|key| key as u32).collect();
        let grid = Grid::new(&layout.x, &layout.y);
        let bounds = bounds(&layout.x, &layout.y);
        Scene {
            x: layout.x,
            y: layout.y,
            kinds: layout.kinds,
            edges: layout.edges,
            offsets,
            adjacent,
            draw_order,
            bounds,
            grid,
        }
    }

    pub fn len(&self) -> usize {
        self.x.len()
    }

    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    pub fn neighbours(&self, node: usize) -> &[u32] {
        &self.adjacent[self.offsets[node] as usize..self.offsets[node + 1] as usize]
    }

    pub fn degree(&self, node: usize) -> usize {
        (self.offsets[node + 1] - self.offsets[node]) as usize
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for k in &self.kinds {
            match k {
                ExploreKind::Event => c.events += 1,
                ExploreKind::OutsideEvent => c.outside += 1,
                ExploreKind::Entity => c.entities += 1,
            }
        }
        c
    }

    /// The node with the most neighbours: where the keyboard walk starts.
    pub fn biggest_hub(&self) -> Option<usize> {
        self.draw_order.last().map(|&i| i as usize)
    }

    /// The node closest to (x, y) within `radius`, all in layout units.
    pub fn nearest(&self, x: f64, y: f64, radius: f64) -> Option<usize> {
        self.grid.nearest(&self.x, &self.y, x, y, radius)
    }

    /// Call after positions changed (a drag), so that [`Scene::nearest`] finds nodes where they are.
    pub fn reindex(&mut self) {
        self.grid = Grid::new(&self.x, &self.y);
    }

    /// The neighbour of `from` closest to the direction (dx, dy), never one behind it: the
    /// arrow keys walk the picture the way it looks.
    pub fn neighbour_towards(&self, from: usize, dx: f64, dy: f64) -> Option<usize> {
        let (fx, fy) = (f64::from(self.x[from]), f64::from(self.y[from]));
        self.neighbours(from)
            .iter()
            .filter_map(|&j| {
                let (vx, vy) = (f64::from(self.x[j as usize]) - fx, f64::from(self.y[j as usize]) - fy);
                let cos = (vx * dx + vy * dy) / (vx * vx + vy * vy).sqrt().max(1e-9);
                (cos > 0.0).then_some((j as usize, cos))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(j, _)| j)
    }
}

/// The box around the points, (x0, y0, x1, y1).
fn bounds(xs: &[f32], ys: &[f32]) -> (f64, f64, f64, f64) {
    let mut b = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for (&x, &y) in xs.iter().zip(ys) {
        let (x, y) = (f64::from(x), f64::from(y));
        b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
    }
    b
}

/// A uniform grid over the layout's box, each cell listing the nodes in it.
struct Grid {
    x0: f64,
    y0: f64,
    cell: f64,
    columns: usize,
    rows: usize,
    /// Cell `c`'s nodes are `items[starts[c]..starts[c + 1]]`.
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Grid {
    fn new(xs: &[f32], ys: &[f32]) -> Grid {
        let n = xs.len();
        let (x0, y0, x1, y1) = bounds(xs, ys);
        if n == 0 {
            return Grid { x0: 0.0, y0: 0.0, cell: 1.0, columns: 1, rows: 1, starts: vec![0, 0], items: Vec::new() };
        }
        // About four nodes a cell.
        let (w, h) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
        let cell = (w * h / (n as f64 / 4.0).max(1.0)).sqrt().max(1e-3);
        let (columns, rows) = ((w / cell) as usize + 1, (h / cell) as usize + 1);
        let mut grid = Grid { x0, y0, cell, columns, rows, starts: vec![0; columns * rows + 1], items: vec![0; n] };
        let cells: Vec<usize> = xs.iter().zip(ys).map(|(&x, &y)| grid.cell_of(x.into(), y.into())).collect();
        for &c in &cells {
            grid.starts[c + 1] += 1;
        }
        for c in 0..columns * rows {
            grid.starts[c + 1] += grid.starts[c];
        }
        let mut next = grid.starts.clone();
        for (i, &c) in cells.iter().enumerate() {
            grid.items[next[c] as usize] = i as u32;
            next[c] += 1;
        }
        grid
    }

    fn column_row(&self, x: f64, y: f64) -> (i64, i64) {
        (((x - self.x0) / self.cell).floor() as i64, ((y - self.y0) / self.cell).floor() as i64)
    }

    fn cell_of(&self, x: f64, y: f64) -> usize {
        let (c, r) = self.column_row(x, y);
        let (c, r) = (c.clamp(0, self.columns as i64 - 1) as usize, r.clamp(0, self.rows as i64 - 1) as usize);
        r * self.columns + c
    }

    /// Searches rings of cells outward from (x, y) until no closer node can be left.
    fn nearest(&self, xs: &[f32], ys: &[f32], x: f64, y: f64, radius: f64) -> Option<usize> {
        let (c0, r0) = self.column_row(x, y);
        let mut best: Option<(f64, usize)> = None;
        let limit = radius * radius;
        let farthest = (self.columns.max(self.rows) as i64) + c0.abs().max(r0.abs());
        for ring in 0..=farthest {
            // Every cell of this ring is at least (ring - 1) cells from the point.
            let gap = (ring - 1).max(0) as f64 * self.cell;
            if gap * gap > limit || best.is_some_and(|(d, _)| gap * gap > d) {
                break;
            }
            for (c, r) in ring_cells(c0, r0, ring) {
                if c < 0 || r < 0 || c >= self.columns as i64 || r >= self.rows as i64 {
                    continue;
                }
                let cell = r as usize * self.columns + c as usize;
                for &i in &self.items[self.starts[cell] as usize..self.starts[cell + 1] as usize] {
                    let (dx, dy) = (f64::from(xs[i as usize]) - x, f64::from(ys[i as usize]) - y);
                    let d = dx * dx + dy * dy;
                    if d <= limit && best.is_none_or(|(b, j)| d < b || (d == b && (i as usize) < j)) {
                        best = Some((d, i as usize));
                    }
                }
            }
        }
        best.map(|(_, i)| i)
    }
}

/// The cells at Chebyshev distance `ring` from (c0, r0).
fn ring_cells(c0: i64, r0: i64, ring: i64) -> impl Iterator<Item = (i64, i64)> {
    let side = (-ring..=ring).flat_map(move |d| [(c0 + d, r0 - ring), (c0 + d, r0 + ring)]);
    let ends = (-ring + 1..ring).flat_map(move |d| [(c0 - ring, r0 + d), (c0 + ring, r0 + d)]);
    let centre = (ring == 0).then_some((c0, r0));
    centre.into_iter().chain(side.filter(move |_| ring > 0)).chain(ends)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A 3×3 lattice of nodes 10 units apart, linked along its rows, plus one hub linked to all.
    pub(crate) fn lattice() -> Scene {
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..9 {
            x.push((i % 3) as f32 * 10.0);
            y.push((i / 3) as f32 * 10.0);
        }
        x.push(100.0);
        y.push(100.0);
        let mut edges: Vec<(u32, u32)> = (0..9).filter(|i| i % 3 != 2).map(|i| (i, i + 1)).collect();
        edges.extend((0..9).map(|i| (i, 9)));
        edges.sort_unstable();
        let kinds = (0..10).map(|i| if i == 9 { ExploreKind::Entity } else { ExploreKind::Event }).collect();
        Scene::new(ExploreLayout { x, y, kinds, edges, labels_per_chunk: 4, label_hashes: vec![0; 3] })
    }

    #[test]
    fn neighbours_come_from_both_ends_of_every_edge() {
        let s = lattice();
        assert_eq!(s.neighbours(1), [0, 2, 9]);
        assert_eq!(s.neighbours(9), (0..9).collect::<Vec<u32>>());
        assert_eq!(s.degree(4), 3);
        assert_eq!(s.biggest_hub(), Some(9));
        assert_eq!(s.counts(), Counts { events: 9, outside: 0, entities: 1 });
    }

    #[test]
    fn nearest_finds_the_closest_node_within_the_radius() {
        let s = lattice();
        assert_eq!(s.nearest(11.0, 9.0, 5.0), Some(4));
        assert_eq!(s.nearest(14.0, 0.0, 5.0), Some(1));
        assert_eq!(s.nearest(50.0, 50.0, 5.0), None);
        assert_eq!(s.nearest(50.0, 50.0, 80.0), Some(8));
        assert_eq!(s.nearest(-1000.0, -1000.0, 2000.0), Some(0));
        // Agrees with a plain scan everywhere.
        for (px, py) in [(3.0, 7.0), (27.0, 21.0), (60.0, 80.0), (99.0, 1.0)] {
            let scan = (0..s.len())
                .map(|i| ((f64::from(s.x[i]) - px).hypot(f64::from(s.y[i]) - py), i))
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, i)| i);
            assert_eq!(s.nearest(px, py, 1000.0), scan, "at {px},{py}");
        }
    }

    #[test]
    fn moved_nodes_are_found_where_they_are_after_reindexing() {
        let mut s = lattice();
        s.x[0] = 60.0;
        s.y[0] = 60.0;
        s.reindex();
        assert_eq!(s.nearest(61.0, 61.0, 3.0), Some(0));
        assert_eq!(s.nearest(0.0, 0.0, 3.0), None);
    }

    #[test]
    fn arrows_walk_to_the_neighbour_that_way() {
        let s = lattice();
        assert_eq!(s.neighbour_towards(1, 1.0, 0.0), Some(2));
        assert_eq!(s.neighbour_towards(1, -1.0, 0.0), Some(0));
        assert_eq!(s.neighbour_towards(1, 0.0, 1.0), Some(9));
        assert_eq!(s.neighbour_towards(1, 0.0, -1.0), None);
    }
}
