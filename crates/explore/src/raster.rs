//! Draws the whole graph into a pixel buffer, in wasm, for one `putImageData`.
//!
//! Half a million anti-aliased lines through the canvas 2D API take seconds where there is no
//! GPU, and a second a frame even with one; here each edge adds ink to a density buffer along
//! its pixels (two pixels a step, split by coverage, as in Wu's line algorithm), and the
//! density is then mapped to the edge colour's opacity, so crossing edges darken where the
//! graph is dense instead of saturating into a blot. Nodes are stamped on top as solid discs
//! (events), squares (entities) and rings (related events outside the collection), hubs last.
//! The buffer is straight RGBA with transparent background, so the page's own background and
//! theme show through.
//!
//! Written by hand because no library does this job in a few kilobytes of wasm; it is pure
//! arithmetic on slices and is tested natively. Not here: labels, hover and other overlays
//! (drawn with the canvas API over this picture, see `page`).

use eventlens_graph::explore::ExploreKind;
use eventlens_graph::viewport::Viewport;

use crate::scene::Scene;

/// Colours as straight RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub edge: [u8; 3],
    pub event: [u8; 3],
    pub entity: [u8; 3],
    pub outside: [u8; 3],
}

/// Ink one edge lays on a pixel it fully crosses; the density buffer saturates at u16::MAX.
const INK: u32 = 64;
/// Density at which an area reaches about 63% of [`MAX_OPACITY`]: four edges' worth.
const HALF_DENSITY: f32 = INK as f32 * 4.0;
const MAX_OPACITY: f32 = 0.85;
const LEVELS: usize = 4096;

pub struct Raster {
    pub width: usize,
    pub height: usize,
    /// One column and one row wider than the picture, so that a line's second pixel never
    /// falls outside it.
    stride: usize,
    density: Vec<u16>,
    /// RGBA, row by row: what `putImageData` takes.
    pub pixels: Vec<u8>,
    sx: Vec<f32>,
    sy: Vec<f32>,
    opacity: Vec<u8>,
    /// The order edges are inked in: a fixed shuffle, so that any prefix is an even sample.
    order: Vec<u32>,
    /// Position in `order` of the next edge to ink.
    next: usize,
    /// Edges not skipped, and how many of those are inked so far.
    eligible: usize,
    inked: usize,
}

impl Default for Raster {
    fn default() -> Self {
        let opacity = (0..LEVELS)
            .map(|level| {
                let density = (level * 16) as f32;
                (255.0 * MAX_OPACITY * (1.0 - (-density / HALF_DENSITY).exp())).round() as u8
            })
            .collect();
        Raster {
            width: 0,
            height: 0,
            stride: 1,
            density: Vec::new(),
            pixels: Vec::new(),
            sx: Vec::new(),
            sy: Vec::new(),
            opacity,
            order: Vec::new(),
            next: 0,
            eligible: 0,
            inked: 0,
        }
    }
}

impl Raster {
    pub fn resize(&mut self, width: usize, height: usize) {
        self.width = width;
        self.height = height;
        self.stride = width + 1;
        self.density = vec![0; (width + 1) * (height + 1)];
        self.pixels = vec![0; width * height * 4];
        self.next = 0;
        self.inked = 0;
    }

    /// Works out the order edges are inked in, for a graph of `edges` edges (done by
    /// [`Raster::begin`] when needed; call it earlier to keep the first picture's task short).
    pub fn prepare(&mut self, edges: usize) {
        if self.order.len() != edges {
            self.order = shuffled(edges);
        }
    }

    /// Draws the whole picture at once: [`Raster::begin`], every edge, [`Raster::compose`].
    pub fn draw(&mut self, scene: &Scene, view: &Viewport, radius: f32, palette: &Palette, skip: Option<&[bool]>) {
        self.begin(scene, view, skip);
        self.ink_edges(scene, skip, usize::MAX, &mut || false);
        self.compose(scene, radius, palette, skip);
    }

    /// Starts a picture of `scene` seen through `view` (in device pixels), leaving out the
    /// nodes for which `skip` is true and their edges. Edges are then inked in slices
    /// ([`Raster::ink_edges`]); [`Raster::compose`] can show the picture after any slice.
    pub fn begin(&mut self, scene: &Scene, view: &Viewport, skip: Option<&[bool]>) {
        let (s, tx, ty) = (view.scale as f32, view.tx as f32, view.ty as f32);
        self.sx.clear();
        self.sy.clear();
        self.sx.extend(scene.x.iter().map(|&x| x * s + tx));
        self.sy.extend(scene.y.iter().map(|&y| y * s + ty));
        self.prepare(scene.edges.len());
        self.density.fill(0);
        self.next = 0;
        self.inked = 0;
        self.eligible = match skip {
            None => scene.edges.len(),
            Some(skip) => scene.edges.iter().filter(|&&(a, b)| !skip[a as usize] && !skip[b as usize]).count(),
        };
    }

    /// Inks edges until about `budget` pixel steps are spent, or `stop` says so (asked every
    /// few hundred edges: the page's clock). Returns the steps spent, and whether every edge is
    /// now inked.
    pub fn ink_edges(
        &mut self,
        scene: &Scene,
        skip: Option<&[bool]>,
        budget: usize,
        stop: &mut dyn FnMut() -> bool,
    ) -> (usize, bool) {
        let mut steps = 0;
        while self.next < self.order.len() && steps < budget {
            if self.next.is_multiple_of(256) && stop() {
                break;
            }
            let (a, b) = scene.edges[self.order[self.next] as usize];
            self.next += 1;
            if skip.is_some_and(|s| s[a as usize] || s[b as usize]) {
                continue;
            }
            self.inked += 1;
            let (a, b) = (a as usize, b as usize);
            steps += self.line(self.sx[a], self.sy[a], self.sx[b], self.sy[b]) + 1;
        }
        (steps, self.is_complete())
    }

    pub fn is_complete(&self) -> bool {
        self.next >= self.order.len()
    }

    /// The picture so far: the inked density, scaled up to stand for the edges not yet inked
    /// (so a partial picture has the right tone, only grainier), then the nodes.
    pub fn compose(&mut self, scene: &Scene, radius: f32, palette: &Palette, skip: Option<&[bool]>) {
        let scale = if self.inked == 0 { 0 } else { ((self.eligible as u64) << 16) / self.inked as u64 };
        self.shade(palette.edge, scale);
        for &i in &scene.draw_order {
            if skip.is_some_and(|s| s[i as usize]) {
                continue;
            }
            let i = i as usize;
            let r = radius * hub_size(scene.degree(i));
            let (colour, shape) = match scene.kinds[i] {
                ExploreKind::Event => (palette.event, Shape::Disc),
                ExploreKind::Entity => (palette.entity, Shape::Square),
                ExploreKind::OutsideEvent => (palette.outside, Shape::Ring),
            };
            self.stamp(self.sx[i], self.sy[i], r, colour, shape);
        }
    }

    /// Adds one edge's ink, clipped to the picture; returns the pixel steps taken. The minor
    /// coordinate is tracked in 16.16 fixed point, and each step's ink is split between the two
    /// pixels it falls between by how close it is to each.
    fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) -> usize {
        let (w, h) = (self.width as f32, self.height as f32);
        let Some((x0, y0, x1, y1)) = clip(x0, y0, x1, y1, w - 1.0, h - 1.0) else { return 0 };
        let (dx, dy) = (x1 - x0, y1 - y0);
        // Along x: step one column at a time, spread over two rows; along y: the reverse.
        let (along_x, (a0, b0, a1, b1)) = if dx.abs() >= dy.abs() {
            (true, if x0 <= x1 { (x0, y0, x1, y1) } else { (x1, y1, x0, y0) })
        } else {
            (false, if y0 <= y1 { (y0, x0, y1, x1) } else { (y1, x1, y0, x0) })
        };
        let slope = if a1 > a0 { (b1 - b0) / (a1 - a0) } else { 0.0 };
        let (start, end) = (a0.round() as usize, a1.round() as usize);
        let mut minor = ((b0 + (start as f32 - a0) * slope) * 65536.0) as i64;
        let step = (slope * 65536.0) as i64;
        let (stride, density) = (self.stride, &mut self.density);
        let (across, next) = if along_x { (stride, 1) } else { (1, stride) };
        let mut at = start * next;
        for _ in start..=end {
            let m = minor.max(0) as usize;
            let (cell, frac) = (m >> 16, ((m >> 8) & 0xff) as u32);
            let i = at + cell * across;
            if let Some(d) = density.get_mut(i) {
                *d = d.saturating_add((((256 - frac) * INK) >> 8) as u16);
            }
            if let Some(d) = density.get_mut(i + across) {
                *d = d.saturating_add(((frac * INK) >> 8) as u16);
            }
            minor += step;
            at += next;
        }
        end + 1 - start
    }

    /// Turns density (times `scale`, 16.16 fixed point) into the edge colour at the matching
    /// opacity; clears the rest. The scale is folded into a table once, so each pixel costs a
    /// lookup.
    fn shade(&mut self, [r, g, b]: [u8; 3], scale: u64) {
        let table: Vec<[u8; 4]> = (0..LEVELS as u64)
            .map(|level| {
                let scaled = ((level * 16 * scale) >> 20).min(LEVELS as u64 - 1) as usize;
                [r, g, b, self.opacity[scaled]]
            })
            .collect();
        let (w, stride) = (self.width, self.stride);
        for (row, pixels) in self.pixels.chunks_exact_mut(w * 4).enumerate() {
            let density = &self.density[row * stride..row * stride + w];
            for (pixel, &d) in pixels.chunks_exact_mut(4).zip(density) {
                pixel.copy_from_slice(&table[usize::from(d >> 4)]);
            }
        }
    }

    fn stamp(&mut self, cx: f32, cy: f32, r: f32, [red, green, blue]: [u8; 3], shape: Shape) {
        let (w, h) = (self.width as isize, self.height as isize);
        let reach = r.ceil() as isize;
        let (x0, y0) = (cx.round() as isize, cy.round() as isize);
        if !(cx.is_finite() && cy.is_finite()) || x0 + reach < 0 || y0 + reach < 0 || x0 - reach >= w || y0 - reach >= h
        {
            return;
        }
        if r < 0.75 {
            // A dot: the one pixel under the centre.
            if x0 >= 0 && y0 >= 0 && x0 < w && y0 < h {
                let at = (y0 * w + x0) as usize * 4;
                self.pixels[at..at + 4].copy_from_slice(&[red, green, blue, 255]);
            }
            return;
        }
        let (r2, inner2) = (r * r, (r - 1.3).max(0.0).powi(2));
        for py in (y0 - reach).max(0)..=(y0 + reach).min(h - 1) {
            let dy = py as f32 - cy;
            for px in (x0 - reach).max(0)..=(x0 + reach).min(w - 1) {
                let dx = px as f32 - cx;
                let d2 = dx * dx + dy * dy;
                let inside = match shape {
                    Shape::Square => dx.abs() <= r * 0.9 && dy.abs() <= r * 0.9,
                    Shape::Disc => d2 <= r2,
                    // Too small for a hole: a dot in the ring's colour.
                    Shape::Ring => d2 <= r2 && (d2 >= inner2 || r < 2.5),
                };
                if inside {
                    let at = (py * w + px) as usize * 4;
                    self.pixels[at..at + 4].copy_from_slice(&[red, green, blue, 255]);
                }
            }
        }
    }
}

/// 0..n in a fixed pseudo-random order (Fisher–Yates with a xorshift generator).
fn shuffled(n: usize) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    order
}

#[derive(Clone, Copy)]
enum Shape {
    Disc,
    Square,
    Ring,
}

/// How much bigger than a leaf a node with `degree` neighbours is drawn: hubs stand out, by
/// the logarithm of their degree, at most three times the size.
pub fn hub_size(degree: usize) -> f32 {
    (1.0 + (degree as f32 / 8.0).max(1.0).log2() * 0.35).min(3.0)
}

/// The part of the segment inside [0, w] × [0, h] (Liang–Barsky), or None.
fn clip(x0: f32, y0: f32, x1: f32, y1: f32, w: f32, h: f32) -> Option<(f32, f32, f32, f32)> {
    if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
        return None;
    }
    if (x0 < 0.0 && x1 < 0.0) || (y0 < 0.0 && y1 < 0.0) || (x0 > w && x1 > w) || (y0 > h && y1 > h) {
        return None;
    }
    let (dx, dy) = (x1 - x0, y1 - y0);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [(-dx, x0), (dx, w - x0), (-dy, y0), (dy, h - y0)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some((x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::tests::lattice;

    const PALETTE: Palette =
        Palette { edge: [10, 20, 30], event: [200, 0, 0], entity: [0, 200, 0], outside: [0, 0, 200] };

    fn alpha(r: &Raster, x: usize, y: usize) -> u8 {
        r.pixels[(y * r.width + x) * 4 + 3]
    }

    fn rgb(r: &Raster, x: usize, y: usize) -> [u8; 3] {
        let at = (y * r.width + x) * 4;
        [r.pixels[at], r.pixels[at + 1], r.pixels[at + 2]]
    }

    #[test]
    fn edges_ink_the_pixels_between_their_nodes_and_nowhere_else() {
        let scene = lattice();
        let mut r = Raster::default();
        r.resize(300, 300);
        // Layout (0,0)..(100,100) drawn at 2× with a 50 px margin.
        let view = Viewport { scale: 2.0, tx: 50.0, ty: 50.0, min_scale: 0.1, max_scale: 10.0 };
        r.draw(&scene, &view, 2.0, &PALETTE, None);
        // The edge 0–1 runs along y = 50 from x = 50 to 70; midway there is ink, in edge colour.
        assert!(alpha(&r, 60, 50) > 30 && rgb(&r, 60, 50) == PALETTE.edge);
        // Node 0 is an event disc at (50, 50); the hub an entity square at (250, 250).
        assert_eq!(rgb(&r, 50, 50), PALETTE.event);
        assert_eq!(alpha(&r, 50, 50), 255);
        assert_eq!(rgb(&r, 250, 250), PALETTE.entity);
        // Far from every edge and node: transparent.
        assert_eq!(alpha(&r, 280, 20), 0);
        assert_eq!(alpha(&r, 20, 280), 0);
        // The diagonal edge from node 4 (70, 70) to the hub (250, 250) is inked along its length.
        for t in [100, 150, 200] {
            assert!(alpha(&r, t, t) > 0 || alpha(&r, t + 1, t) > 0, "no ink at {t}");
        }
    }

    #[test]
    fn skipped_nodes_and_their_edges_are_left_out() {
        let scene = lattice();
        let mut r = Raster::default();
        r.resize(300, 300);
        let view = Viewport { scale: 2.0, tx: 50.0, ty: 50.0, min_scale: 0.1, max_scale: 10.0 };
        let mut skip = vec![false; scene.len()];
        skip[9] = true;
        r.draw(&scene, &view, 2.0, &PALETTE, Some(&skip));
        assert_eq!(alpha(&r, 250, 250), 0);
        assert_eq!(alpha(&r, 150, 150), 0);
        assert!(alpha(&r, 60, 50) > 0);
    }

    #[test]
    fn denser_ink_is_more_opaque_up_to_the_cap() {
        let r = Raster::default();
        let levels = &r.opacity;
        assert_eq!(levels[0], 0);
        assert!(levels.windows(2).all(|w| w[0] <= w[1]));
        assert!(levels[INK as usize / 16] > 20);
        assert!(*levels.last().unwrap() <= (255.0 * MAX_OPACITY) as u8 + 1);
    }

    #[test]
    fn lines_off_the_buffer_or_not_finite_draw_nothing() {
        let mut r = Raster::default();
        r.resize(10, 10);
        r.line(-50.0, -5.0, -1.0, 30.0);
        r.line(f32::NAN, 0.0, 5.0, 5.0);
        r.line(0.0, 1e30, 5.0, f32::INFINITY);
        assert!(r.density.iter().all(|&d| d == 0));
        r.line(-100.0, 5.0, 100.0, 5.0);
        assert!((0..10).all(|x| r.density[5 * r.stride + x] > 0));
    }

    #[test]
    fn a_partial_picture_has_the_tone_of_the_whole() {
        // Many parallel edges across a strip: after half of them, the strip's opacity is about
        // what it is with all of them.
        let n = 400;
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..n {
            x.extend([0.0, 100.0]);
            y.extend([i as f32 * 0.05, i as f32 * 0.05]);
        }
        let edges = (0..n as u32).map(|i| (2 * i, 2 * i + 1)).collect();
        let kinds = vec![ExploreKind::Event; 2 * n];
        let scene = Scene::new(eventlens_graph::explore::ExploreLayout {
            x,
            y,
            kinds,
            edges,
            labels_per_chunk: 1000,
            label_hashes: vec![0],
        });
        let view = Viewport { scale: 1.0, tx: 10.0, ty: 40.0, min_scale: 0.1, max_scale: 10.0 };
        let mut r = Raster::default();
        r.resize(120, 100);
        r.draw(&scene, &view, 0.0, &PALETTE, None);
        let whole = alpha(&r, 60, 50);
        r.begin(&scene, &view, None);
        let (steps, done) = r.ink_edges(&scene, None, 101 * n / 2, &mut || false);
        assert!(!done && steps >= 101 * n / 2);
        r.compose(&scene, 0.0, &PALETTE, None);
        let half = alpha(&r, 60, 50);
        assert!(whole > 50 && half.abs_diff(whole) < 25, "whole {whole}, half {half}");
        let (_, done) = r.ink_edges(&scene, None, usize::MAX, &mut || false);
        assert!(done);
        r.compose(&scene, 0.0, &PALETTE, None);
        assert_eq!(alpha(&r, 60, 50), whole);
    }

    #[test]
    fn inking_stops_when_told() {
        let scene = lattice();
        let mut r = Raster::default();
        r.resize(300, 300);
        r.begin(&scene, &Viewport { scale: 2.0, tx: 50.0, ty: 50.0, min_scale: 0.1, max_scale: 10.0 }, None);
        assert_eq!(r.ink_edges(&scene, None, usize::MAX, &mut || true), (0, false));
        assert!(r.ink_edges(&scene, None, usize::MAX, &mut || false).1);
    }

    #[test]
    fn the_edge_order_is_a_fixed_permutation() {
        let order = shuffled(1000);
        assert_eq!(order, shuffled(1000));
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..1000).collect::<Vec<u32>>());
        assert_ne!(order[..10], sorted[..10]);
    }

    #[test]
    fn clipping_keeps_the_inside_part() {
        assert_eq!(clip(-10.0, 5.0, 20.0, 5.0, 10.0, 10.0), Some((0.0, 5.0, 10.0, 5.0)));
        assert_eq!(clip(2.0, 2.0, 3.0, 3.0, 10.0, 10.0), Some((2.0, 2.0, 3.0, 3.0)));
        assert_eq!(clip(-1.0, 11.0, 11.0, -1.0, 10.0, 10.0), Some((0.0, 10.0, 10.0, 0.0)));
        assert_eq!(clip(-5.0, 0.0, 0.0, -5.0, 10.0, 10.0), None);
    }

    #[test]
    fn hubs_are_drawn_bigger_within_a_cap() {
        assert_eq!(hub_size(1), 1.0);
        assert!(hub_size(100) > hub_size(20));
        assert_eq!(hub_size(1_000_000), 3.0);
    }
}
