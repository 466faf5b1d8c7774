//! The graph's viewport: zoom and pan as one transform, and the maths that turns a pointer
//! position into layout units. Pure arithmetic, so it is tested natively; the interaction
//! module feeds it pointer, wheel and pinch input.

/// Scale, then translate, applied to layout units inside the SVG's viewBox.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub scale: f64,
    pub tx: f64,
    pub ty: f64,
}

/// How far a reader may zoom out and in.
pub const MIN_SCALE: f64 = 0.25;
pub const MAX_SCALE: f64 = 8.0;

impl View {
    pub const IDENTITY: View = View { scale: 1.0, tx: 0.0, ty: 0.0 };

    /// Zoomed by `factor` (clamped to the scale limits) about `around`, a point in layout units
    /// that stays where it is on screen.
    pub fn zoomed_at(self, factor: f64, around: (f64, f64)) -> View {
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let k = scale / self.scale;
        let (ax, ay) = (around.0 * self.scale + self.tx, around.1 * self.scale + self.ty);
        View { scale, tx: ax - (ax - self.tx) * k, ty: ay - (ay - self.ty) * k }
    }

    /// Moved so that layout point `from` lands where `to` is.
    pub fn panned(self, from: (f64, f64), to: (f64, f64)) -> View {
        View { tx: self.tx + (to.0 - from.0) * self.scale, ty: self.ty + (to.1 - from.1) * self.scale, ..self }
    }

    /// A point of the viewBox as a point of the layout, undoing this view.
    pub fn to_layout(self, (x, y): (f64, f64)) -> (f64, f64) {
        ((x - self.tx) / self.scale, (y - self.ty) / self.scale)
    }

    /// The SVG transform attribute, three decimals: without float formatting in the wasm.
    pub fn transform(self) -> String {
        format!("translate({} {}) scale({})", fixed3(self.tx), fixed3(self.ty), fixed3(self.scale))
    }
}

/// Where a client (CSS pixel) position falls in a viewBox drawn into `rect` (left, top, width,
/// height) with `preserveAspectRatio` xMidYMid meet, the SVG default.
pub fn client_to_view_box(
    client: (f64, f64),
    rect: (f64, f64, f64, f64),
    view_box: (f64, f64, f64, f64),
) -> (f64, f64) {
    let (left, top, width, height) = rect;
    let (vx, vy, vw, vh) = view_box;
    let s = (width / vw).min(height / vh);
    let (ox, oy) = ((width - vw * s) / 2.0, (height - vh * s) / 2.0);
    (vx + (client.0 - left - ox) / s, vy + (client.1 - top - oy) / s)
}

/// A wheel's zoom factor: a notch of 100 pixels zooms by about 18%.
pub fn wheel_factor(delta_y: f64) -> f64 {
    (-delta_y * 0.002).exp()
}

/// The zoom factor two fingers ask for, from their positions before and after a move.
pub fn pinch_factor(before: [(f64, f64); 2], after: [(f64, f64); 2]) -> f64 {
    let distance = |p: [(f64, f64); 2]| ((p[0].0 - p[1].0).powi(2) + (p[0].1 - p[1].1).powi(2)).sqrt().max(1.0);
    distance(after) / distance(before)
}

fn fixed3(x: f64) -> String {
    let thousandths = (x * 1000.0).round() as i64;
    let sign = if thousandths < 0 { "-" } else { "" };
    let t = thousandths.unsigned_abs();
    format!("{sign}{}.{:03}", t / 1000, t % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let view = View { scale: 1.5, tx: 10.0, ty: -4.0 };
        let around = (30.0, 20.0);
        let on_screen = |v: View| (around.0 * v.scale + v.tx, around.1 * v.scale + v.ty);
        let zoomed = view.zoomed_at(2.0, around);
        assert_eq!(zoomed.scale, 3.0);
        let (a, b) = (on_screen(view), on_screen(zoomed));
        assert!((a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9);
        assert_eq!(View::IDENTITY.zoomed_at(100.0, (0.0, 0.0)).scale, MAX_SCALE);
        assert_eq!(View::IDENTITY.zoomed_at(0.001, (0.0, 0.0)).scale, MIN_SCALE);
    }

    #[test]
    fn panning_and_the_inverse() {
        let view = View { scale: 2.0, tx: 0.0, ty: 0.0 }.panned((0.0, 0.0), (5.0, -5.0));
        assert_eq!((view.tx, view.ty), (10.0, -10.0));
        assert_eq!(view.to_layout((10.0, -10.0)), (0.0, 0.0));
        assert_eq!(view.transform(), "translate(10.000 -10.000) scale(2.000)");
    }

    #[test]
    fn client_points_through_a_letterboxed_view_box() {
        // A 200x100 viewBox drawn into a 400x400 box: scale 2, 100 px bars above and below.
        let p = client_to_view_box((200.0, 200.0), (0.0, 0.0, 400.0, 400.0), (-100.0, -50.0, 200.0, 100.0));
        assert_eq!(p, (0.0, 0.0));
        assert!((pinch_factor([(0.0, 0.0), (10.0, 0.0)], [(0.0, 0.0), (20.0, 0.0)]) - 2.0).abs() < 1e-12);
        assert!(wheel_factor(-100.0) > 1.0 && wheel_factor(100.0) < 1.0);
    }
}
