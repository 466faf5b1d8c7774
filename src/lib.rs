//! eventlens: a news event, every take on it grouped by lens, and the graph around it.
//!
//! One crate, three faces. This library is the pure-Rust core: the bundle format
//! ([`model`]), markdown import ([`import`]), validation ([`validate`]), inline markdown and
//! the URL allow-list ([`inline`]) and the collection index ([`index`]). It has no web
//! dependencies and is tested natively. The Leptos app ([`app`], wasm32 only) and the native
//! `bundle` tool (`src/bin/bundle.rs`) both sit on top of it.

pub mod graph;
pub mod i18n;
pub mod import;
pub mod index;
pub mod inline;
pub mod layout;
pub mod model;
pub mod oembed;
pub mod reader;
pub mod synth;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod app;
