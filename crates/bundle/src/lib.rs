//! The native side of eventlens's bundles: [`import`] turns an editor's markdown export into a
//! bundle, [`synth`] makes synthetic collections of any size for testing at scale, [`worst`]
//! makes the worst valid bundle and one bundle over each limit of the format, and [`rules`]
//! writes the format's rules out for the browser scripts and the web server. The `bundle`
//! command-line tool (`src/main.rs`) sits on top.
//!
//! Not here: what a valid bundle is (`eventlens-format` decides, and both modules go through
//! its validator), or anything the browser runs.

pub mod import;
pub mod rules;
pub mod synth;
pub mod worst;
