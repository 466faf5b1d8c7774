//! Pan and zoom for a drawn graph: the transform from layout units to screen pixels, and what
//! wheel, buttons, pinch and dragging do to it, as readers know them from d3-zoom and Obsidian.
//! Zooming keeps the point under the pointer (or between two fingers) where it is, the scale
//! stays between two limits, and a press only becomes a drag once it has moved a few pixels, so
//! that a slightly shaky click still opens a node.
//!
//! Pure maths on plain numbers: no DOM, canvas or SVG types, so the explore page's canvas and
//! the SVG local graph share it, and it is tested natively. Not here: hit-testing nodes (the
//! caller knows its nodes) or animation.

/// How far (in screen pixels) a press must move before it counts as a drag rather than a click.
pub const DRAG_THRESHOLD: f64 = 3.0;

/// Screen = layout × scale + (tx, ty), with the scale kept within `[min_scale, max_scale]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub scale: f64,
    pub tx: f64,
    pub ty: f64,
    pub min_scale: f64,
    pub max_scale: f64,
}

impl Viewport {
    /// The identity transform with the given scale limits.
    pub fn new(min_scale: f64, max_scale: f64) -> Viewport {
        Viewport { scale: 1.0, tx: 0.0, ty: 0.0, min_scale, max_scale }.clamped()
    }

    /// The view that shows the layout box `(x0, y0, x1, y1)` whole and centred in a `width` ×
    /// `height` screen with `margin` pixels to spare on each side. Its scale becomes the middle
    /// of the limits: the reader can zoom out to `1 / zoom_out` of it and in to `zoom_in` times
    /// it. An empty or degenerate box counts as one layout unit wide.
    pub fn fit(
        bounds: (f64, f64, f64, f64),
        width: f64,
        height: f64,
        margin: f64,
        zoom_out: f64,
        zoom_in: f64,
    ) -> Viewport {
        let (x0, y0, x1, y1) = if bounds.0.is_finite() && bounds.2 >= bounds.0 { bounds } else { (0.0, 0.0, 0.0, 0.0) };
        let room = |side: f64| (side - 2.0 * margin).max(1.0);
        let scale = (room(width) / (x1 - x0).max(1.0)).min(room(height) / (y1 - y0).max(1.0));
        Viewport {
            scale,
            tx: width / 2.0 - (x0 + x1) / 2.0 * scale,
            ty: height / 2.0 - (y0 + y1) / 2.0 * scale,
            min_scale: scale / zoom_out.max(1.0),
            max_scale: scale * zoom_in.max(1.0),
        }
    }

    pub fn to_screen(&self, x: f64, y: f64) -> (f64, f64) {
        (x * self.scale + self.tx, y * self.scale + self.ty)
    }

    pub fn to_layout(&self, sx: f64, sy: f64) -> (f64, f64) {
        ((sx - self.tx) / self.scale, (sy - self.ty) / self.scale)
    }

    /// Multiplies the scale by `factor` (within the limits), keeping the screen point `at` over
    /// the same layout point.
    pub fn zoom_at(&mut self, factor: f64, at: (f64, f64)) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let scale = self.limit(self.scale * factor);
        let k = scale / self.scale;
        self.tx = at.0 - (at.0 - self.tx) * k;
        self.ty = at.1 - (at.1 - self.ty) * k;
        self.scale = scale;
    }

    /// Moves the picture by (dx, dy) screen pixels.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        self.tx += dx;
        self.ty += dy;
    }

    /// Puts the layout point (x, y) at the screen point `at`, at `scale` (within the limits).
    pub fn centre_on(&mut self, x: f64, y: f64, scale: f64, at: (f64, f64)) {
        self.scale = self.limit(scale);
        self.tx = at.0 - x * self.scale;
        self.ty = at.1 - y * self.scale;
    }

    /// Two fingers moved from `before` to `after` (screen points): the picture zooms by the
    /// change in their distance about their midpoint and follows the midpoint, so the layout
    /// points under both fingers stay under them as closely as the limits allow.
    pub fn pinch(&mut self, before: [(f64, f64); 2], after: [(f64, f64); 2]) {
        let distance = |p: [(f64, f64); 2]| ((p[0].0 - p[1].0).powi(2) + (p[0].1 - p[1].1).powi(2)).sqrt().max(1.0);
        let mid = |p: [(f64, f64); 2]| ((p[0].0 + p[1].0) / 2.0, (p[0].1 + p[1].1) / 2.0);
        let (m0, m1) = (mid(before), mid(after));
        self.pan(m1.0 - m0.0, m1.1 - m0.1);
        self.zoom_at(distance(after) / distance(before), m1);
    }

    /// `scale` within the limits. Not `f64::clamp`: its panic message would bring float
    /// formatting into the wasm modules that use this.
    fn limit(&self, scale: f64) -> f64 {
        scale.max(self.min_scale).min(self.max_scale)
    }

    fn clamped(mut self) -> Viewport {
        if self.min_scale > self.max_scale {
            std::mem::swap(&mut self.min_scale, &mut self.max_scale);
        }
        self.scale = self.limit(self.scale);
        self
    }
}

/// The zoom factor for one wheel event, as d3-zoom computes it (2 to the power of the delta):
/// `delta_y` in pixels (mode 0), lines (1) or pages (2), scrolling down zooms out. Pinch-zoom on
/// a trackpad arrives as a wheel event with ctrl held, in small deltas, and gets ten times the
/// effect, as in d3.
pub fn wheel_factor(delta_y: f64, delta_mode: u32, ctrl: bool) -> f64 {
    let unit = match delta_mode {
        1 => 0.05,
        2 => 1.0,
        _ => 0.002,
    };
    let boost = if ctrl { 10.0 } else { 1.0 };
    (-delta_y * unit * boost).exp2()
}

/// What the pointers pressed on a drawing are doing: nothing, one pressed (a click until it
/// moves past [`DRAG_THRESHOLD`], then a drag), or two (a pinch). Feed it every pointer event
/// and act on what it returns; a pinch ends any drag, and lifting a finger from a pinch does not
/// turn into a click.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pointers {
    down: Vec<(i32, f64, f64)>,
    start: (f64, f64),
    dragging: bool,
    pinched: bool,
}

/// What one pointer event means for the picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Gesture {
    /// Nothing to do yet (a press that has not moved far enough, or a stray event).
    None,
    /// The first movement past the threshold: a drag from the press point `from` to `at`.
    DragStart { from: (f64, f64), at: (f64, f64) },
    /// The pressed pointer moved by (dx, dy) while dragging; `at` is where it is now.
    Drag { dx: f64, dy: f64, at: (f64, f64) },
    /// Two fingers moved: apply with [`Viewport::pinch`].
    Pinch { before: [(f64, f64); 2], after: [(f64, f64); 2] },
    /// The pointer went up without having dragged: a click at this point.
    Click { at: (f64, f64) },
    /// The drag ended.
    DragEnd,
}

impl Pointers {
    /// A pointer went down at (x, y).
    pub fn down(&mut self, id: i32, x: f64, y: f64) -> Gesture {
        self.down.retain(|p| p.0 != id);
        self.down.push((id, x, y));
        match self.down.len() {
            1 => {
                self.start = (x, y);
                self.dragging = false;
                self.pinched = false;
                Gesture::None
            }
            _ => {
                let was_dragging = std::mem::replace(&mut self.dragging, false);
                self.pinched = true;
                if was_dragging {
                    Gesture::DragEnd
                } else {
                    Gesture::None
                }
            }
        }
    }

    /// A pointer moved to (x, y).
    pub fn moved(&mut self, id: i32, x: f64, y: f64) -> Gesture {
        let Some(slot) = self.down.iter().position(|p| p.0 == id) else { return Gesture::None };
        let last = (self.down[slot].1, self.down[slot].2);
        if self.down.len() >= 2 {
            let before = [(self.down[0].1, self.down[0].2), (self.down[1].1, self.down[1].2)];
            self.down[slot] = (id, x, y);
            let after = [(self.down[0].1, self.down[0].2), (self.down[1].1, self.down[1].2)];
            return if slot < 2 { Gesture::Pinch { before, after } } else { Gesture::None };
        }
        self.down[slot] = (id, x, y);
        if self.pinched {
            return Gesture::None;
        }
        if !self.dragging {
            let (dx, dy) = (x - self.start.0, y - self.start.1);
            if (dx * dx + dy * dy).sqrt() <= DRAG_THRESHOLD {
                return Gesture::None;
            }
            self.dragging = true;
            return Gesture::DragStart { from: self.start, at: (x, y) };
        }
        Gesture::Drag { dx: x - last.0, dy: y - last.1, at: (x, y) }
    }

    /// A pointer went up (or was cancelled) at (x, y).
    pub fn up(&mut self, id: i32, x: f64, y: f64) -> Gesture {
        let Some(slot) = self.down.iter().position(|p| p.0 == id) else { return Gesture::None };
        self.down.remove(slot);
        if !self.down.is_empty() {
            return Gesture::None;
        }
        let (dragging, pinched) = (std::mem::take(&mut self.dragging), std::mem::take(&mut self.pinched));
        match (dragging, pinched) {
            (true, _) => Gesture::DragEnd,
            (false, false) => Gesture::Click { at: (x, y) },
            (false, true) => Gesture::None,
        }
    }

    /// True between a drag's start and its end.
    pub fn is_dragging(&self) -> bool {
        self.dragging
    }

    /// How many pointers are down.
    pub fn count(&self) -> usize {
        self.down.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn fit_centres_the_box_with_its_margin() {
        let v = Viewport::fit((-100.0, -50.0, 100.0, 50.0), 420.0, 300.0, 10.0, 4.0, 8.0);
        assert_eq!(v.scale, 2.0);
        assert!(close(v.to_screen(0.0, 0.0), (210.0, 150.0)));
        assert!(close(v.to_screen(-100.0, 0.0), (10.0, 150.0)));
        assert_eq!((v.min_scale, v.max_scale), (0.5, 16.0));
        let empty = Viewport::fit(
            (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY),
            100.0,
            100.0,
            0.0,
            1.0,
            1.0,
        );
        assert!(empty.scale.is_finite() && empty.tx.is_finite());
    }

    #[test]
    fn screen_and_layout_are_inverse() {
        let v = Viewport { scale: 0.37, tx: -12.5, ty: 301.0, min_scale: 0.1, max_scale: 10.0 };
        let (sx, sy) = v.to_screen(123.4, -56.7);
        assert!(close(v.to_layout(sx, sy), (123.4, -56.7)));
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer_and_respects_the_limits() {
        let mut v = Viewport::new(0.5, 4.0);
        let under = v.to_layout(30.0, 40.0);
        v.zoom_at(2.0, (30.0, 40.0));
        assert_eq!(v.scale, 2.0);
        assert!(close(v.to_screen(under.0, under.1), (30.0, 40.0)));
        v.zoom_at(100.0, (30.0, 40.0));
        assert_eq!(v.scale, 4.0);
        assert!(close(v.to_screen(under.0, under.1), (30.0, 40.0)));
        v.zoom_at(0.0001, (0.0, 0.0));
        assert_eq!(v.scale, 0.5);
        let before = v;
        v.zoom_at(f64::NAN, (1.0, 1.0));
        v.zoom_at(-1.0, (1.0, 1.0));
        assert_eq!(v, before);
    }

    #[test]
    fn pinching_follows_both_fingers() {
        let mut v = Viewport::new(0.1, 10.0);
        let (a, b) = (v.to_layout(100.0, 100.0), v.to_layout(200.0, 100.0));
        // The fingers spread to twice their distance and move 10 px down together.
        v.pinch([(100.0, 100.0), (200.0, 100.0)], [(50.0, 110.0), (250.0, 110.0)]);
        assert!((v.scale - 2.0).abs() < 1e-12);
        assert!(close(v.to_screen(a.0, a.1), (50.0, 110.0)));
        assert!(close(v.to_screen(b.0, b.1), (250.0, 110.0)));
    }

    #[test]
    fn panning_and_centring() {
        let mut v = Viewport::new(0.1, 10.0);
        v.pan(5.0, -7.0);
        assert!(close(v.to_screen(0.0, 0.0), (5.0, -7.0)));
        v.centre_on(10.0, 20.0, 3.0, (400.0, 300.0));
        assert_eq!(v.scale, 3.0);
        assert!(close(v.to_screen(10.0, 20.0), (400.0, 300.0)));
    }

    #[test]
    fn wheel_down_zooms_out_and_modes_scale_the_delta() {
        assert!(wheel_factor(100.0, 0, false) < 1.0);
        assert!(wheel_factor(-100.0, 0, false) > 1.0);
        assert_eq!(wheel_factor(0.0, 0, false), 1.0);
        assert_eq!(wheel_factor(3.0, 1, false), wheel_factor(75.0, 0, false));
        assert_eq!(wheel_factor(-5.0, 0, true), wheel_factor(-50.0, 0, false));
    }

    #[test]
    fn a_press_is_a_click_until_it_moves_past_the_threshold() {
        let mut p = Pointers::default();
        assert_eq!(p.down(1, 10.0, 10.0), Gesture::None);
        assert_eq!(p.count(), 1);
        assert_eq!(p.moved(1, 12.0, 11.0), Gesture::None);
        assert_eq!(p.up(1, 12.0, 11.0), Gesture::Click { at: (12.0, 11.0) });

        p.down(1, 10.0, 10.0);
        assert_eq!(p.moved(1, 20.0, 10.0), Gesture::DragStart { from: (10.0, 10.0), at: (20.0, 10.0) });
        assert!(p.is_dragging());
        assert_eq!(p.moved(1, 25.0, 12.0), Gesture::Drag { dx: 5.0, dy: 2.0, at: (25.0, 12.0) });
        assert_eq!(p.up(1, 25.0, 12.0), Gesture::DragEnd);
        assert!(!p.is_dragging());
        assert_eq!(p.up(1, 25.0, 12.0), Gesture::None);
    }

    #[test]
    fn two_fingers_pinch_and_never_click() {
        let mut p = Pointers::default();
        p.down(1, 0.0, 0.0);
        assert_eq!(p.moved(1, 10.0, 0.0), Gesture::DragStart { from: (0.0, 0.0), at: (10.0, 0.0) });
        assert_eq!(p.down(2, 100.0, 0.0), Gesture::DragEnd);
        assert_eq!(
            p.moved(2, 110.0, 0.0),
            Gesture::Pinch { before: [(10.0, 0.0), (100.0, 0.0)], after: [(10.0, 0.0), (110.0, 0.0)] }
        );
        assert_eq!(p.up(2, 110.0, 0.0), Gesture::None);
        // The finger left behind neither drags nor clicks.
        assert_eq!(p.moved(1, 50.0, 50.0), Gesture::None);
        assert_eq!(p.up(1, 50.0, 50.0), Gesture::None);
    }
}
