//! The nodes' state: what d3 keeps on each node object (`x`, `y`, `vx`, `vy`, `fx`, `fy`), as
//! one array per field.
//!
//! It is what the simulation and every force share: the simulation integrates it and forces
//! read positions and add to velocities through [`Nodes::parts_mut`]. It is not the graph
//! (links belong to the link force) and does not place unplaced nodes (the simulation does).

/// The nodes of a simulation, one entry per node in each array; a node is its index.
#[derive(Debug, Clone, PartialEq)]
pub struct Nodes {
    x: Vec<f64>,
    y: Vec<f64>,
    vx: Vec<f64>,
    vy: Vec<f64>,
    fx: Vec<Option<f64>>,
    fy: Vec<Option<f64>>,
}

/// The arrays of [`Nodes`] borrowed at once, positions and velocities writable, for a force's
/// inner loop (`let NodesMut { x, y, vx, vy, .. } = nodes.parts_mut();`). Slices, so that a
/// force can change values but not the number of nodes.
#[derive(Debug)]
pub struct NodesMut<'a> {
    pub x: &'a mut [f64],
    pub y: &'a mut [f64],
    pub vx: &'a mut [f64],
    pub vy: &'a mut [f64],
    pub fx: &'a [Option<f64>],
    pub fy: &'a [Option<f64>],
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

    /// Places a node (a node left unplaced, with either coordinate NaN, gets d3's spiral
    /// position when the simulation starts).
    pub fn set_position(&mut self, node: usize, x: f64, y: f64) {
        self.x[node] = x;
        self.y[node] = y;
    }

    /// Sets a node's velocity (d3's `vx` and `vy`); nodes start at rest.
    pub fn set_velocity(&mut self, node: usize, vx: f64, vy: f64) {
        self.vx[node] = vx;
        self.vy[node] = vy;
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

    /// Every array at once, positions and velocities writable.
    pub fn parts_mut(&mut self) -> NodesMut<'_> {
        NodesMut { x: &mut self.x, y: &mut self.y, vx: &mut self.vx, vy: &mut self.vy, fx: &self.fx, fy: &self.fy }
    }
}
