//! Builds an eventlens site from a collection of bundles, natively, with no browser.
//!
//! The pieces, in the order a build runs them:
//! - [`collection`] reads every bundle at `DIR/{lang}/n/{slug}.json` and checks it;
//! - [`derive`] makes the documents each page reads (an event's document and neighbourhood,
//!   paged lists, the manifest, oEmbed documents), none of which grows with the collection;
//! - [`render`] prerenders each page with the app's own components (Leptos's SSR);
//! - [`web`] adds what the rest of the web reads (share cards, feeds, sitemaps, head tags) and
//!   [`explore`] the explorer's whole-collection layout;
//! - [`build`] plans every output with a fingerprint, makes only what changed since the last
//!   build, and moves it into place only once all of it is made.
//!
//! Not here: the format's rules (`eventlens-format`), graph layout (`eventlens-graph`), the app
//! (the root crate), or the command line (`eventlens-bundle`'s `bundle site`).

// The app's view types nest deeply, and computing their layout here needs the same room as in
// the app (src/lib.rs).
#![recursion_limit = "256"]

pub mod build;
pub mod collection;
pub mod derive;
pub mod explore;
pub mod render;
pub mod web;

pub use build::{build, Options, Report};

/// The hash behind every fingerprint a build keeps: 64 bits of xxh3, which hashes a large
/// site's 300 MB of bundles several times faster than the standard library's SipHash
/// (whose resistance to chosen keys a fingerprint does not need). Stable across runs.
pub(crate) type Fingerprinter = xxhash_rust::xxh3::Xxh3Default;

/// Maps keyed by site paths and slugs, looked up hundreds of thousands of times a build: FxHash
/// is several times faster than SipHash on short keys, and these keys come from the publisher's
/// own files, not from an attacker choosing collisions.
pub(crate) type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
pub(crate) type FastSet<K> = rustc_hash::FxHashSet<K>;
