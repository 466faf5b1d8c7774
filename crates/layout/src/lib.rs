//! A force-directed graph layout: d3-force 3.0.1 in Rust, number for number, plus a fast
//! many-body force for big graphs.
//!
//! What it is for: giving every node of a graph a position in the plane, so that linked nodes
//! sit near each other, unrelated ones spread apart and the picture settles. The caller owns
//! the clock: it ticks a [`Simulation`] (once per animation frame, or a few hundred times up
//! front) and reads the positions as slices. It knows nothing of rendering (no DOM, SVG, canvas
//! or timers), so the same code runs in the browser (wasm32) and natively.
//!
//! What it is not for: graph analysis, weighted shortest paths or any other layout family
//! (hierarchical, circular, 3-D); it only moves points by forces. Nor is it a binding to the
//! JavaScript library: it is written by hand, because exact parity and speed are its point.
//!
//! As in d3, the simulation knows no force. Forces are values of the [`Force`] trait, set on a
//! simulation by name ([`Simulation::set_force`], d3's `simulation.force(name, force)`), and
//! anyone can write one. The crate's forces are d3's: [`ManyBody`], [`Link`], [`Center`],
//! [`Collide`] and [`Position`] (`forceX`, `forceY`), with d3's defaults.
//!
//! ```
//! use force_layout::{Center, Link, ManyBody, Nodes, Simulation};
//!
//! // d3.forceSimulation(nodes).force("charge", d3.forceManyBody())
//! //   .force("link", d3.forceLink(links)).force("center", d3.forceCenter()).tick(300)
//! let mut simulation = Simulation::new(Nodes::new(4));
//! simulation
//!     .set_force("charge", ManyBody::new())?
//!     .set_force("link", Link::new(vec![(0, 1), (1, 2), (2, 3)]))?
//!     .set_force("center", Center::default())?;
//! simulation.tick_n(300);
//! assert!(simulation.is_settled());
//! let (x, y) = (simulation.x(), simulation.y());
//! # assert!(x.iter().chain(y).all(|v| v.is_finite()));
//! # Ok::<(), force_layout::LayoutError>(())
//! ```
//!
//! Parity: with the crate's forces, positions equal d3-force's as Node.js runs it (the parity
//! test, against d3 itself, holds every coordinate within 1e-9 after 1, 10 and 300 ticks, and
//! they are bit for bit equal), so a graph looks as it does in a d3 page and layouts can be
//! checked against d3 itself. Native and wasm32 agree bit for bit: cos and sin are fdlibm's, as
//! V8 computes `Math.cos` and `Math.sin` in Node 20 (`fdlibm`; Chromium 156 differs in the last
//! bit for a few angles, so d3 there drifts from d3 in Node), and square roots are `f64::sqrt`,
//! which IEEE 754 makes correctly rounded on every target (on wasm32 it is one instruction,
//! where `libm`'s is a software routine that cost the fast force a fifth of its time, and gives
//! the same bits).
//!
//! Speed: [`FastManyBody`] replaces `ManyBody` when a graph is big (thousands of nodes). It
//! trades d3's exact positions for many times the speed while keeping the layout quality
//! ([`quality`]) within a few percent of d3's.
//!
//! The files follow d3-force's: `simulation` (alpha schedule, integration, initial placement),
//! `lcg` (the shared random source), `quadtree` (d3-quadtree), one file per force (`many_body`,
//! `link`, `center`, `collide`, `position`), then `force` (the trait every force implements),
//! `nodes` (the node state they share), `fdlibm` (V8's cos and sin, for the initial placement),
//! `fast` (the fast many-body force) with `multipole` (its series arithmetic), and [`quality`]
//! (layout quality metrics). The simulation imports only `force`, `nodes`, `lcg` and `fdlibm`.

mod center;
mod collide;
mod fast;
mod fdlibm;
mod force;
mod lcg;
mod link;
mod many_body;
mod multipole;
mod nodes;
mod position;
mod quadtree;
pub mod quality;
mod simulation;

pub use center::Center;
pub use collide::Collide;
pub use fast::FastManyBody;
pub use force::{Force, LayoutError, Values};
pub use lcg::Lcg;
pub use link::Link;
pub use many_body::ManyBody;
pub use nodes::{Nodes, NodesMut};
pub use position::{Axis, Position};
pub use quality::Quality;
pub use simulation::Simulation;

/// The README's examples, run as doctests so that they keep compiling and passing.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
