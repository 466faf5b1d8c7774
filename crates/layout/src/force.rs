//! What a force is: the [`Force`] trait every force implements, the [`Values`] its per-node or
//! per-link parameters are given as, and the [`LayoutError`] that refuses a force whose
//! parameters do not fit the nodes.
//!
//! d3-force has no such file: a d3 force is any function of alpha, with an optional
//! `initialize(nodes, random)`. This is that contract written down, so that the simulation
//! (`simulation.rs`) and the forces (one file each) depend on it and not on each other. It is
//! not a force itself and holds no state.

use std::any::Any;
use std::fmt;

use crate::lcg::Lcg;
use crate::nodes::Nodes;

/// A force: something that, given the nodes, adds to their velocities (or moves them) on each
/// tick, as d3's `force(alpha)` does.
///
/// A simulation calls [`initialize`](Force::initialize) once when the force is set on it, then
/// [`apply`](Force::apply) on every tick, in the order the forces were set. The random source is
/// the simulation's own, seeded as d3's: d3 hands it to `initialize` for the force to keep, and
/// here the simulation lends it again at each call, which is how Rust shares one generator
/// among forces the simulation owns.
///
/// A force of one's own is an ordinary type:
///
/// ```
/// use force_layout::{Force, Lcg, Nodes, Simulation};
///
/// /// Drags every node rightwards, harder while the layout is hot.
/// struct Wind(f64);
///
/// impl Force for Wind {
///     fn apply(&mut self, alpha: f64, nodes: &mut Nodes, _random: &mut Lcg) {
///         for vx in nodes.parts_mut().vx {
///             *vx += self.0 * alpha;
///         }
///     }
/// }
///
/// let mut simulation = Simulation::new(Nodes::new(3));
/// simulation.set_force("wind", Wind(2.0))?;
/// let before = simulation.x().to_vec();
/// simulation.tick();
/// assert!(simulation.x().iter().zip(&before).all(|(after, before)| after > before));
/// # Ok::<(), force_layout::LayoutError>(())
/// ```
pub trait Force: Any + Send {
    /// d3's `force.initialize(nodes, random)`: fits the force to the nodes (resolves per-node
    /// parameters, checks that links name existing nodes, sizes buffers). Called before the
    /// first [`apply`](Force::apply), and again whenever the force is set on a simulation. An
    /// error refuses the force. Forces with nothing to prepare keep this default.
    fn initialize(&mut self, nodes: &Nodes, random: &mut Lcg) -> Result<(), LayoutError> {
        let _ = (nodes, random);
        Ok(())
    }

    /// d3's `force(alpha)`: one tick of the force at the simulation's current alpha. Draws
    /// from `random` only to break ties, so that it draws exactly where d3 does.
    fn apply(&mut self, alpha: f64, nodes: &mut Nodes, random: &mut Lcg);
}

/// A parameter given either once for every node (or link) or once each: what d3 expresses as
/// "a constant or an accessor function".
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    All(f64),
    Each(Vec<f64>),
}

impl Values {
    /// One value per item, checking that a per-item list has one for each; `what` names the
    /// parameter in the error.
    pub fn resolve(&self, count: usize, what: &'static str) -> Result<Vec<f64>, LayoutError> {
        match self {
            Values::All(value) => Ok(vec![*value; count]),
            Values::Each(values) if values.len() == count => Ok(values.clone()),
            Values::Each(values) => Err(LayoutError::WrongLength { what, expected: count, found: values.len() }),
        }
    }
}

impl From<f64> for Values {
    fn from(value: f64) -> Self {
        Values::All(value)
    }
}

impl From<Vec<f64>> for Values {
    fn from(values: Vec<f64>) -> Self {
        Values::Each(values)
    }
}

/// Why a force was refused: where d3 would throw (a link to a missing node) or silently produce
/// NaN (an accessor list too short).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutError {
    /// A link names a node index the simulation does not have.
    NodeNotFound { link: usize, node: usize },
    /// A per-node or per-link list does not have one value for each.
    WrongLength { what: &'static str, expected: usize, found: usize },
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LayoutError::NodeNotFound { link, node } => {
                write!(f, "link {link} names node {node}, which does not exist")
            }
            LayoutError::WrongLength { what, expected, found } => {
                write!(f, "{what} has {found} values where {expected} are needed")
            }
        }
    }
}

impl std::error::Error for LayoutError {}
