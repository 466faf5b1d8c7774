//! The positioning forces: d3-force's `x.js` and `y.js`, a spring pulling each node toward a
//! target coordinate on one axis. Weak by default, they keep disconnected pieces from drifting
//! apart, or sort nodes into bands when targets differ.

use crate::force::{Force, LayoutError, Values};
use crate::lcg::Lcg;
use crate::nodes::{Nodes, NodesMut};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    X,
    Y,
}

/// d3's `forceX` (axis X) or `forceY` (axis Y). Defaults are d3's: target 0, strength 0.1.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    axis: Axis,
    target: Values,
    strength: Values,
    /// Per node, resolved by `initialize`.
    targets: Vec<f64>,
    strengths: Vec<f64>,
}

impl Position {
    /// d3's `forceX(target)`: one target or one per node.
    pub fn x(target: impl Into<Values>) -> Self {
        Self {
            axis: Axis::X,
            target: target.into(),
            strength: Values::All(0.1),
            targets: Vec::new(),
            strengths: Vec::new(),
        }
    }

    /// d3's `forceY(target)`: one target or one per node.
    pub fn y(target: impl Into<Values>) -> Self {
        Self { axis: Axis::Y, ..Self::x(target) }
    }

    /// The share of the remaining offset added to velocity each tick (times alpha); one value
    /// or one per node.
    pub fn strength(mut self, strength: impl Into<Values>) -> Self {
        self.strength = strength.into();
        self
    }

    pub fn axis(&self) -> Axis {
        self.axis
    }
}

impl Force for Position {
    fn initialize(&mut self, nodes: &Nodes, _random: &mut Lcg) -> Result<(), LayoutError> {
        let targets = self.target.resolve(nodes.len(), "position target")?;
        let mut strengths = self.strength.resolve(nodes.len(), "position strength")?;
        // A node without a target (NaN) is not pulled, as in d3.
        for (strength, target) in strengths.iter_mut().zip(&targets) {
            if target.is_nan() {
                *strength = 0.0;
            }
        }
        (self.targets, self.strengths) = (targets, strengths);
        Ok(())
    }

    fn apply(&mut self, alpha: f64, nodes: &mut Nodes, _random: &mut Lcg) {
        let NodesMut { x, y, vx, vy, .. } = nodes.parts_mut();
        let (positions, velocities) = match self.axis {
            Axis::X => (x, vx),
            Axis::Y => (y, vy),
        };
        for (i, velocity) in velocities.iter_mut().enumerate() {
            *velocity += (self.targets[i] - positions[i]) * self.strengths[i] * alpha;
        }
    }
}
