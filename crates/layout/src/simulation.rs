//! The simulation: d3-force's `simulation.js` without its timer and events.
//!
//! Each tick cools alpha toward its target, lets every force add to the node velocities in the
//! order the forces were added, then moves each node by its damped velocity (a pinned node is
//! put back where it is pinned). The caller decides when to tick; d3's timer would stop once
//! [`Simulation::is_settled`].

use std::f64::consts::PI;

use super::center::Center;
use super::fast::FastManyBody;
use super::fdlibm;
use super::lcg::Lcg;
use super::{Force, LayoutError};

/// Which many-body implementation a simulation runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// d3-force's algorithms and floating-point order: positions equal d3's.
    #[default]
    Parity,
    /// A faster many-body force (see `layout/fast.rs`) whose layouts are as good as d3's by
    /// the [`quality`](crate::quality) metrics but not equal to them. Every other force
    /// is the same as in parity mode.
    Fast,
}

/// What every force does on a tick: add to node velocities (center also moves positions),
/// drawing from the simulation's random source to break ties exactly where d3 does.
pub(crate) trait ApplyForce {
    fn apply(&mut self, alpha: f64, nodes: &mut Nodes, random: &mut Lcg);
}

/// The nodes' state, one entry per node in each array. Forces read and write it directly;
/// callers read it as slices.
#[derive(Debug, Clone, PartialEq)]
pub struct Nodes {
    pub(crate) x: Vec<f64>,
    pub(crate) y: Vec<f64>,
    pub(crate) vx: Vec<f64>,
    pub(crate) vy: Vec<f64>,
    pub(crate) fx: Vec<Option<f64>>,
    pub(crate) fy: Vec<Option<f64>>,
}

impl Nodes {
    /// `count` free nodes at rest and not yet placed: the simulation places them.
    pub fn new(count: usize) -> Self {
        Self {
            x: vec![f64::NAN; count],
            y: vec![f64::NAN; count],
            vx: vec![0.0; count],
            vy: vec![0.0; count],
            fx: vec![None; count],
            fy: vec![None; count],
        }
    }

    pub fn len(&self) -> usize {
        self.x.len()
    }

    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// Places a node before the simulation starts (a node left unplaced, with either coordinate
    /// NaN, gets d3's spiral position).
    pub fn set_position(&mut self, node: usize, x: f64, y: f64) {
        self.x[node] = x;
        self.y[node] = y;
    }

    /// Pins a node on either axis (d3's `fx` and `fy`), or frees it with `None`.
    pub fn set_fixed(&mut self, node: usize, fx: Option<f64>, fy: Option<f64>) {
        self.fx[node] = fx;
        self.fy[node] = fy;
    }

    pub fn fixed(&self, node: usize) -> (Option<f64>, Option<f64>) {
        (self.fx[node], self.fy[node])
    }

    pub fn x(&self) -> &[f64] {
        &self.x
    }

    pub fn y(&self) -> &[f64] {
        &self.y
    }

    pub fn vx(&self) -> &[f64] {
        &self.vx
    }

    pub fn vy(&self) -> &[f64] {
        &self.vy
    }

    /// d3's `initializeNodes`: pinned coordinates win, then any node missing a coordinate goes
    /// on a phyllotaxis spiral by index, which spreads nodes evenly with no randomness.
    fn initialize(&mut self) {
        let initial_radius = 10.0;
        let initial_angle = PI * (3.0 - 5f64.sqrt());
        for i in 0..self.len() {
            if let Some(fx) = self.fx[i] {
                self.x[i] = fx;
            }
            if let Some(fy) = self.fy[i] {
                self.y[i] = fy;
            }
            if self.x[i].is_nan() || self.y[i].is_nan() {
                let radius = initial_radius * (0.5 + i as f64).sqrt();
                let angle = i as f64 * initial_angle;
                self.x[i] = radius * fdlibm::cos(angle);
                self.y[i] = radius * fdlibm::sin(angle);
            }
        }
    }
}

/// A force simulation over a fixed set of nodes.
pub struct Simulation {
    nodes: Nodes,
    forces: Vec<Box<dyn ApplyForce>>,
    mode: Mode,
    alpha: f64,
    alpha_min: f64,
    alpha_decay: f64,
    alpha_target: f64,
    /// The share of velocity a node keeps each tick: d3 stores `1 - velocityDecay`.
    velocity_kept: f64,
    random: Lcg,
}

impl Simulation {
    /// Takes the nodes and places those not yet placed. The schedule is d3's: alpha starts at
    /// 1 and decays to `alpha_min` 0.001 in 300 ticks; velocity decay is 0.4.
    pub fn new(mut nodes: Nodes, mode: Mode) -> Self {
        nodes.initialize();
        let alpha_min = 0.001;
        Self {
            nodes,
            forces: Vec::new(),
            mode,
            alpha: 1.0,
            alpha_min,
            alpha_decay: 1.0 - libm::pow(alpha_min, 1.0 / 300.0),
            alpha_target: 0.0,
            velocity_kept: 0.6,
            random: Lcg::default(),
        }
    }

    /// Adds a force after those already added. Fails, adding nothing, when a link names a
    /// missing node or a per-node or per-link list has the wrong length.
    pub fn add_force(&mut self, force: impl Into<Force>) -> Result<&mut Self, LayoutError> {
        let count = self.nodes.len();
        let force: Box<dyn ApplyForce> = match force.into() {
            Force::ManyBody(force) => match self.mode {
                Mode::Parity => Box::new(force.initialize(count)?),
                Mode::Fast => Box::new(FastManyBody::new(&force, count)?),
            },
            Force::Link(force) => Box::new(force.initialize(count)?),
            Force::Center(force) => Box::<Center>::new(force),
            Force::Collide(force) => Box::new(force.initialize(count)?),
            Force::Position(force) => Box::new(force.initialize(count)?),
        };
        self.forces.push(force);
        Ok(self)
    }

    /// One step: cool alpha, apply the forces in order, move the nodes.
    pub fn tick(&mut self) {
        self.alpha += (self.alpha_target - self.alpha) * self.alpha_decay;
        for force in &mut self.forces {
            force.apply(self.alpha, &mut self.nodes, &mut self.random);
        }
        let nodes = &mut self.nodes;
        for i in 0..nodes.len() {
            match nodes.fx[i] {
                None => {
                    nodes.vx[i] *= self.velocity_kept;
                    nodes.x[i] += nodes.vx[i];
                }
                Some(fx) => {
                    nodes.x[i] = fx;
                    nodes.vx[i] = 0.0;
                }
            }
            match nodes.fy[i] {
                None => {
                    nodes.vy[i] *= self.velocity_kept;
                    nodes.y[i] += nodes.vy[i];
                }
                Some(fy) => {
                    nodes.y[i] = fy;
                    nodes.vy[i] = 0.0;
                }
            }
        }
    }

    pub fn tick_n(&mut self, ticks: usize) {
        for _ in 0..ticks {
            self.tick();
        }
    }

    /// True once alpha has cooled below `alpha_min`: where d3's timer stops ticking.
    pub fn is_settled(&self) -> bool {
        self.alpha < self.alpha_min
    }

    /// Heats the layout up again, as d3's `alpha(1)` does after a drag or a change of graph.
    pub fn reheat(&mut self) {
        self.alpha = 1.0;
    }

    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    pub fn set_alpha(&mut self, alpha: f64) {
        self.alpha = alpha;
    }

    pub fn alpha_min(&self) -> f64 {
        self.alpha_min
    }

    pub fn set_alpha_min(&mut self, alpha_min: f64) {
        self.alpha_min = alpha_min;
    }

    pub fn alpha_decay(&self) -> f64 {
        self.alpha_decay
    }

    pub fn set_alpha_decay(&mut self, alpha_decay: f64) {
        self.alpha_decay = alpha_decay;
    }

    pub fn alpha_target(&self) -> f64 {
        self.alpha_target
    }

    /// Keeps the layout warm (typically 0.3 while the user drags a node) or lets it cool (0).
    pub fn set_alpha_target(&mut self, alpha_target: f64) {
        self.alpha_target = alpha_target;
    }

    pub fn velocity_decay(&self) -> f64 {
        1.0 - self.velocity_kept
    }

    pub fn set_velocity_decay(&mut self, velocity_decay: f64) {
        self.velocity_kept = 1.0 - velocity_decay;
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn nodes(&self) -> &Nodes {
        &self.nodes
    }

    pub fn x(&self) -> &[f64] {
        &self.nodes.x
    }

    pub fn y(&self) -> &[f64] {
        &self.nodes.y
    }

    /// Pins or frees a node while the simulation runs; a pinned node jumps to its pin on the
    /// next tick, as in d3.
    pub fn set_fixed(&mut self, node: usize, fx: Option<f64>, fy: Option<f64>) {
        self.nodes.set_fixed(node, fx, fy);
    }

    /// The node closest to (x, y), within `radius` if given: d3's `simulation.find`, for
    /// hit-testing a pointer.
    pub fn find(&self, x: f64, y: f64, radius: Option<f64>) -> Option<usize> {
        let mut best = radius.map_or(f64::INFINITY, |r| r * r);
        let mut closest = None;
        for (i, (&node_x, &node_y)) in self.nodes.x.iter().zip(&self.nodes.y).enumerate() {
            let (dx, dy) = (x - node_x, y - node_y);
            let d2 = dx * dx + dy * dy;
            if d2 < best {
                closest = Some(i);
                best = d2;
            }
        }
        closest
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Link, ManyBody};

    #[test]
    fn places_unplaced_nodes_on_d3s_spiral() {
        let mut nodes = Nodes::new(3);
        nodes.set_position(1, 5.0, f64::NAN);
        nodes.set_fixed(2, Some(7.0), Some(8.0));
        let simulation = Simulation::new(nodes, Mode::Parity);
        // d3: forceSimulation([{}, {x: 5}]).nodes(), and a node given fx and fy.
        assert_eq!(simulation.x(), [7.0710678118654755, -9.03088751750192, 7.0]);
        assert_eq!(simulation.y(), [0.0, 8.273032735715967, 8.0]);
    }

    #[test]
    fn alpha_follows_d3s_schedule() {
        let mut simulation = Simulation::new(Nodes::new(0), Mode::Parity);
        assert_eq!(simulation.alpha_decay(), 0.02276277904418933);
        // d3's timer stops after exactly 300 ticks: alpha is then 0.0009999999999999966.
        simulation.tick_n(299);
        assert!(!simulation.is_settled());
        simulation.tick();
        assert_eq!(simulation.alpha(), 0.0009999999999999966);
        assert!(simulation.is_settled());
    }

    #[test]
    fn pinned_nodes_stay_put() {
        let mut nodes = Nodes::new(4);
        nodes.set_fixed(0, Some(1.5), Some(-2.5));
        let mut simulation = Simulation::new(nodes, Mode::Parity);
        simulation.add_force(ManyBody::new()).unwrap();
        simulation.add_force(Link::new(vec![(0, 1), (0, 2), (2, 3)])).unwrap();
        for _ in 0..50 {
            simulation.tick();
            assert_eq!((simulation.x()[0], simulation.y()[0]), (1.5, -2.5));
            assert_eq!((simulation.nodes().vx()[0], simulation.nodes().vy()[0]), (0.0, 0.0));
        }
        simulation.set_fixed(0, None, None);
        simulation.tick();
        assert_ne!((simulation.x()[0], simulation.y()[0]), (1.5, -2.5));
    }

    #[test]
    fn rejects_links_to_missing_nodes() {
        let mut simulation = Simulation::new(Nodes::new(2), Mode::Parity);
        let error = simulation.add_force(Link::new(vec![(0, 1), (1, 2)])).err();
        assert_eq!(error, Some(LayoutError::NodeNotFound { link: 1, node: 2 }));
    }

    #[test]
    fn finds_the_closest_node_within_a_radius() {
        let simulation = Simulation::new(Nodes::new(10), Mode::Parity);
        let (x, y) = (simulation.x()[4], simulation.y()[4]);
        assert_eq!(simulation.find(x + 0.1, y, None), Some(4));
        assert_eq!(simulation.find(1000.0, 1000.0, Some(1.0)), None);
    }
}
