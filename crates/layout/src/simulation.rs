//! The simulation: d3-force's `simulation.js` without its timer and events.
//!
//! Each tick cools alpha toward its target, applies every force in the order the forces were
//! set, then moves each node by its damped velocity (a pinned node is put back where it is
//! pinned). The caller decides when to tick; d3's timer would stop once
//! [`Simulation::is_settled`].
//!
//! It knows no force. As in d3, forces are held by name in the order they were first set and
//! called through one interface ([`Force`]); it imports only that interface, the node state and
//! the random source. Not here: the forces (one file each) and any clock or rendering.

use std::any::Any;
use std::f64::consts::PI;
use std::fmt;

use crate::fdlibm;
use crate::force::{Force, LayoutError};
use crate::lcg::Lcg;
use crate::nodes::{Nodes, NodesMut};

/// A force simulation over a fixed set of nodes.
pub struct Simulation {
    nodes: Nodes,
    /// By name, in the order each name was first set: a JavaScript `Map`, as d3 keeps them.
    forces: Vec<(String, Box<dyn Force>)>,
    alpha: f64,
    alpha_min: f64,
    alpha_decay: f64,
    alpha_target: f64,
    /// The share of velocity a node keeps each tick: d3 stores `1 - velocityDecay`.
    velocity_kept: f64,
    random: Lcg,
}

impl Simulation {
    /// d3's `forceSimulation(nodes)`: takes the nodes and places those not yet placed, with no
    /// forces. The schedule is d3's: alpha starts at 1 and decays to `alpha_min` 0.001 in 300
    /// ticks; velocity decay is 0.4; the random source is d3's lcg, seeded with 1.
    pub fn new(mut nodes: Nodes) -> Self {
        place(&mut nodes);
        let alpha_min = 0.001;
        Self {
            nodes,
            forces: Vec::new(),
            alpha: 1.0,
            alpha_min,
            alpha_decay: 1.0 - libm::pow(alpha_min, 1.0 / 300.0),
            alpha_target: 0.0,
            velocity_kept: 0.6,
            random: Lcg::default(),
        }
    }

    /// d3's `simulation.force(name, force)`: initializes the force with the nodes and sets it
    /// under `name`. A new name goes after the forces already set; an existing one is replaced
    /// in its place. A force that cannot initialize (a link naming a missing node, a per-node
    /// list of the wrong length) is refused and the simulation is left as it was, the force of
    /// that name included.
    pub fn set_force(&mut self, name: impl Into<String>, mut force: impl Force) -> Result<&mut Self, LayoutError> {
        let name = name.into();
        // A trial copy of the random source, kept only if the force is accepted.
        let mut random = self.random.clone();
        force.initialize(&self.nodes, &mut random)?;
        self.random = random;
        let force: Box<dyn Force> = Box::new(force);
        match self.forces.iter_mut().find(|(existing, _)| *existing == name) {
            Some((_, existing)) => *existing = force,
            None => self.forces.push((name, force)),
        }
        Ok(self)
    }

    /// d3's `simulation.force(name, null)`: removes the force of that name, if there is one,
    /// and says whether there was. The others keep their order.
    pub fn remove_force(&mut self, name: &str) -> bool {
        let before = self.forces.len();
        self.forces.retain(|(existing, _)| existing != name);
        self.forces.len() != before
    }

    /// d3's `simulation.force(name)`: the force set under `name`, if it is an `F`.
    pub fn force<F: Force>(&self, name: &str) -> Option<&F> {
        let (_, force) = self.forces.iter().find(|(existing, _)| existing == name)?;
        let force: &dyn Any = force.as_ref();
        force.downcast_ref()
    }

    /// The names of the forces, in the order they are applied.
    pub fn force_names(&self) -> impl Iterator<Item = &str> {
        self.forces.iter().map(|(name, _)| name.as_str())
    }

    /// One step: cool alpha, apply the forces in order, move the nodes.
    pub fn tick(&mut self) {
        self.alpha += (self.alpha_target - self.alpha) * self.alpha_decay;
        for (_, force) in &mut self.forces {
            force.apply(self.alpha, &mut self.nodes, &mut self.random);
        }
        let velocity_kept = self.velocity_kept;
        let NodesMut { x, y, vx, vy, fx, fy } = self.nodes.parts_mut();
        for i in 0..x.len() {
            match fx[i] {
                None => {
                    vx[i] *= velocity_kept;
                    x[i] += vx[i];
                }
                Some(fx) => {
                    x[i] = fx;
                    vx[i] = 0.0;
                }
            }
            match fy[i] {
                None => {
                    vy[i] *= velocity_kept;
                    y[i] += vy[i];
                }
                Some(fy) => {
                    y[i] = fy;
                    vy[i] = 0.0;
                }
            }
        }
    }

    /// d3's `simulation.tick(ticks)`.
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

    pub fn nodes(&self) -> &Nodes {
        &self.nodes
    }

    pub fn x(&self) -> &[f64] {
        self.nodes.x()
    }

    pub fn y(&self) -> &[f64] {
        self.nodes.y()
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
        for (i, (&node_x, &node_y)) in self.nodes.x().iter().zip(self.nodes.y()).enumerate() {
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

impl fmt::Debug for Simulation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Simulation")
            .field("nodes", &self.nodes.len())
            .field("forces", &self.force_names().collect::<Vec<_>>())
            .field("alpha", &self.alpha)
            .finish_non_exhaustive()
    }
}

/// d3's `initializeNodes`: pinned coordinates win, then any node missing a coordinate goes on a
/// phyllotaxis spiral by index, which spreads nodes evenly with no randomness. cos and sin are
/// V8's (`fdlibm`), as d3 gets them from `Math`.
fn place(nodes: &mut Nodes) {
    let initial_radius = 10.0;
    let initial_angle = PI * (3.0 - 5f64.sqrt());
    let NodesMut { x, y, fx, fy, .. } = nodes.parts_mut();
    for i in 0..x.len() {
        if let Some(fx) = fx[i] {
            x[i] = fx;
        }
        if let Some(fy) = fy[i] {
            y[i] = fy;
        }
        if x[i].is_nan() || y[i].is_nan() {
            let radius = initial_radius * (0.5 + i as f64).sqrt();
            let angle = i as f64 * initial_angle;
            x[i] = radius * fdlibm::cos(angle);
            y[i] = radius * fdlibm::sin(angle);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    /// A force that records each call in a shared log, and can be told to refuse the nodes or
    /// to draw from the random source as it initializes.
    struct Probe {
        label: &'static str,
        log: Arc<Mutex<Vec<String>>>,
        refuse: bool,
        draw_on_initialize: bool,
    }

    impl Probe {
        fn new(label: &'static str, log: &Arc<Mutex<Vec<String>>>) -> Self {
            Self { label, log: Arc::clone(log), refuse: false, draw_on_initialize: false }
        }
    }

    impl Force for Probe {
        fn initialize(&mut self, nodes: &Nodes, random: &mut Lcg) -> Result<(), LayoutError> {
            if self.draw_on_initialize {
                random.next_f64();
            }
            if self.refuse {
                return Err(LayoutError::WrongLength { what: "probe", expected: nodes.len(), found: 0 });
            }
            self.log.lock().unwrap().push(format!("initialize {} with {}", self.label, nodes.len()));
            Ok(())
        }

        fn apply(&mut self, alpha: f64, nodes: &mut Nodes, _random: &mut Lcg) {
            self.log.lock().unwrap().push(format!("apply {} at {alpha:.3}", self.label));
            // Pushes every node right, so pinning has something to undo.
            nodes.parts_mut().vx.iter_mut().for_each(|vx| *vx += 1.0);
        }
    }

    fn take(log: &Arc<Mutex<Vec<String>>>) -> Vec<String> {
        std::mem::take(&mut *log.lock().unwrap())
    }

    #[test]
    fn places_unplaced_nodes_on_d3s_spiral() {
        let mut nodes = Nodes::new(3);
        nodes.set_position(1, 5.0, f64::NAN);
        nodes.set_fixed(2, Some(7.0), Some(8.0));
        let simulation = Simulation::new(nodes);
        // d3: forceSimulation([{}, {x: 5}]).nodes(), and a node given fx and fy.
        assert_eq!(simulation.x(), [7.0710678118654755, -9.03088751750192, 7.0]);
        assert_eq!(simulation.y(), [0.0, 8.273032735715967, 8.0]);
    }

    #[test]
    fn alpha_follows_d3s_schedule() {
        let mut simulation = Simulation::new(Nodes::new(0));
        assert_eq!(simulation.alpha_decay(), 0.02276277904418933);
        // d3's timer stops after exactly 300 ticks: alpha is then 0.0009999999999999966.
        simulation.tick_n(299);
        assert!(!simulation.is_settled());
        simulation.tick();
        assert_eq!(simulation.alpha(), 0.0009999999999999966);
        assert!(simulation.is_settled());
    }

    #[test]
    fn applies_forces_by_name_in_the_order_first_set() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let mut simulation = Simulation::new(Nodes::new(2));
        simulation.set_force("a", Probe::new("a1", &log)).unwrap();
        simulation.set_force("b", Probe::new("b", &log)).unwrap();
        simulation.set_force("c", Probe::new("c", &log)).unwrap();
        // Replacing keeps the place, as a JavaScript Map does; removing closes the gap.
        simulation.set_force("a", Probe::new("a2", &log)).unwrap();
        assert!(simulation.remove_force("b"));
        assert!(!simulation.remove_force("b"));
        assert_eq!(
            take(&log),
            ["initialize a1 with 2", "initialize b with 2", "initialize c with 2", "initialize a2 with 2"]
        );
        simulation.tick();
        assert_eq!(take(&log), ["apply a2 at 0.977", "apply c at 0.977"]);
        assert_eq!(simulation.force_names().collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(simulation.force::<Probe>("c").map(|probe| probe.label), Some("c"));
        assert!(simulation.force::<Probe>("b").is_none());
    }

    #[test]
    fn a_refused_force_leaves_the_simulation_as_it_was() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let mut simulation = Simulation::new(Nodes::new(2));
        simulation.set_force("a", Probe::new("a", &log)).unwrap();
        let random = simulation.random.clone();
        let refused = Probe { refuse: true, draw_on_initialize: true, ..Probe::new("bad", &log) };
        let error = simulation.set_force("a", refused).err();
        assert_eq!(error, Some(LayoutError::WrongLength { what: "probe", expected: 2, found: 0 }));
        let refused = Probe { refuse: true, ..Probe::new("bad", &log) };
        assert!(simulation.set_force("z", refused).is_err());
        assert_eq!(simulation.random, random, "a refused force must not use up random draws");
        assert_eq!(simulation.force_names().collect::<Vec<_>>(), ["a"]);
        take(&log);
        simulation.tick();
        assert_eq!(take(&log), ["apply a at 0.977"]);
    }

    #[test]
    fn pinned_nodes_stay_put() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let mut nodes = Nodes::new(4);
        nodes.set_fixed(0, Some(1.5), Some(-2.5));
        let mut simulation = Simulation::new(nodes);
        simulation.set_force("push", Probe::new("push", &log)).unwrap();
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
    fn finds_the_closest_node_within_a_radius() {
        let simulation = Simulation::new(Nodes::new(10));
        let (x, y) = (simulation.x()[4], simulation.y()[4]);
        assert_eq!(simulation.find(x + 0.1, y, None), Some(4));
        assert_eq!(simulation.find(1000.0, 1000.0, Some(1.0)), None);
    }

    #[test]
    fn can_move_to_another_thread() {
        fn send<T: Send>(_: T) {}
        send(Simulation::new(Nodes::new(1)));
    }
}
