//! The positioning forces: d3-force's `x.js` and `y.js`, a spring pulling each node toward a
//! target coordinate on one axis. Weak by default, they keep disconnected pieces from drifting
//! apart, or sort nodes into bands when targets differ.

use super::lcg::Lcg;
use super::simulation::{ApplyForce, Nodes};
use super::{LayoutError, Values};

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
}

impl Position {
    /// d3's `forceX(target)`: one target or one per node.
    pub fn x(target: impl Into<Values>) -> Self {
        Self { axis: Axis::X, target: target.into(), strength: Values::All(0.1) }
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

    pub(crate) fn initialize(self, count: usize) -> Result<PositionState, LayoutError> {
        let targets = self.target.resolve(count, "position target")?;
        let mut strengths = self.strength.resolve(count, "position strength")?;
        // A node without a target (NaN) is not pulled, as in d3.
        for (strength, target) in strengths.iter_mut().zip(&targets) {
            if target.is_nan() {
                *strength = 0.0;
            }
        }
        Ok(PositionState { axis: self.axis, targets, strengths })
    }
}

pub(crate) struct PositionState {
    axis: Axis,
    targets: Vec<f64>,
    strengths: Vec<f64>,
}

impl ApplyForce for PositionState {
    fn apply(&mut self, alpha: f64, nodes: &mut Nodes, _random: &mut Lcg) {
        let (positions, velocities) = match self.axis {
            Axis::X => (&nodes.x, &mut nodes.vx),
            Axis::Y => (&nodes.y, &mut nodes.vy),
        };
        for (i, velocity) in velocities.iter_mut().enumerate() {
            *velocity += (self.targets[i] - positions[i]) * self.strengths[i] * alpha;
        }
    }
}
