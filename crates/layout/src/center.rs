//! The centering force: d3-force's `center.js`. It moves every node by the same amount so the
//! nodes' mean position lands on the center, which keeps the layout in view without changing
//! its shape. It moves positions, not velocities, and ignores alpha.

use crate::force::Force;
use crate::lcg::Lcg;
use crate::nodes::{Nodes, NodesMut};

/// Defaults are d3's: center (0, 0), strength 1 (the whole way in one tick).
#[derive(Debug, Clone, PartialEq)]
pub struct Center {
    x: f64,
    y: f64,
    strength: f64,
}

impl Default for Center {
    fn default() -> Self {
        Self { x: 0.0, y: 0.0, strength: 1.0 }
    }
}

impl Center {
    pub fn new(x: f64, y: f64) -> Self {
        Self { x, y, ..Self::default() }
    }

    /// The share of the offset removed each tick; below 1 it eases the layout toward the center.
    pub fn strength(mut self, strength: f64) -> Self {
        self.strength = strength;
        self
    }
}

impl Force for Center {
    fn apply(&mut self, _alpha: f64, nodes: &mut Nodes, _random: &mut Lcg) {
        let NodesMut { x: xs, y: ys, .. } = nodes.parts_mut();
        let n = xs.len() as f64;
        let sx = xs.iter().fold(0.0, |sum, &x| sum + x);
        let sy = ys.iter().fold(0.0, |sum, &y| sum + y);
        let sx = (sx / n - self.x) * self.strength;
        let sy = (sy / n - self.y) * self.strength;
        xs.iter_mut().for_each(|x| *x -= sx);
        ys.iter_mut().for_each(|y| *y -= sy);
    }
}
