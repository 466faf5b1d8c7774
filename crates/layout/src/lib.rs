//! Force-directed layout for the graph of events and entities: a port of d3-force 3.0.1.
//!
//! What it is for: giving every node of the collection graph a position in the plane, so that
//! linked nodes sit near each other, unrelated ones spread apart and the picture settles. The
//! caller owns the clock: it ticks a [`Simulation`] (once per animation frame, or a few hundred
//! times up front) and reads the positions as slices. It knows nothing of rendering (no DOM,
//! SVG, canvas or timers), so the same code runs in the browser and in native tests.
//!
//! What it is not for: graph analysis, weighted shortest paths or any other layout family
//! (hierarchical, circular, 3-D); it only moves points by forces.
//!
//! It is hand-written, not a binding to the JavaScript library, because exact d3 parity and
//! speed are what make eventlens better. [`Mode::Parity`] reproduces d3-force's positions number
//! for number (the parity test holds every coordinate to d3's within 1e-9 after 300 ticks), so
//! a graph looks exactly as it does in any d3 page and layouts can be checked against d3 itself.
//! Native and wasm32 agree bit for bit: cos and sin are V8's own (`fdlibm`), and square roots
//! are `f64::sqrt`, which IEEE 754 makes correctly rounded on every target (on wasm32 it is one
//! instruction, where `libm`'s is a software routine that cost fast mode a fifth of its time,
//! and gives the same bits). [`Mode::Fast`] trades that exactness for many times the speed on
//! big graphs while keeping the layout quality ([`quality`]) within a few percent of d3's.
//!
//! The files follow d3-force's: `simulation` (alpha schedule, integration, initial
//! placement), `lcg` (the shared random source), `quadtree` (d3-quadtree), one file per force
//! (`many_body`, `link`, `center`, `collide`, `position`), then `fdlibm` (V8's cos and sin,
//! for the initial placement), `fast` (the fast many-body force) with `multipole` (its series
//! arithmetic), and [`quality`] (layout quality metrics).

use std::fmt;

mod center;
mod collide;
pub mod fast;
mod fdlibm;
mod lcg;
mod link;
mod many_body;
mod multipole;
mod position;
mod quadtree;
pub mod quality;
mod simulation;

pub use center::Center;
pub use collide::Collide;
pub use link::Link;
pub use many_body::ManyBody;
pub use position::{Axis, Position};
pub use quality::Quality;
pub use simulation::{Mode, Nodes, Simulation};

/// A force to add to a [`Simulation`]: its parameters, applied in the order the forces were
/// added, as d3 applies its forces in registration order.
#[derive(Debug, Clone, PartialEq)]
pub enum Force {
    ManyBody(ManyBody),
    Link(Link),
    Center(Center),
    Collide(Collide),
    Position(Position),
}

impl From<ManyBody> for Force {
    fn from(force: ManyBody) -> Self {
        Force::ManyBody(force)
    }
}

impl From<Link> for Force {
    fn from(force: Link) -> Self {
        Force::Link(force)
    }
}

impl From<Center> for Force {
    fn from(force: Center) -> Self {
        Force::Center(force)
    }
}

impl From<Collide> for Force {
    fn from(force: Collide) -> Self {
        Force::Collide(force)
    }
}

impl From<Position> for Force {
    fn from(force: Position) -> Self {
        Force::Position(force)
    }
}

/// A parameter given either once for every node (or link) or once each: what d3 expresses as
/// "a constant or an accessor function".
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    All(f64),
    Each(Vec<f64>),
}

impl Values {
    /// One value per item, checking that a per-item list has one for each.
    pub(crate) fn resolve(&self, count: usize, what: &'static str) -> Result<Vec<f64>, LayoutError> {
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

/// Why a force could not be added: the d3 equivalents throw or silently produce NaN.
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
