//! What the rest of the web reads from eventlens: Open Graph and X card tags, schema.org JSON-LD,
//! Atom and JSON feeds, sitemaps, robots.txt and the PNG share cards.
//!
//! The static-site build calls these with the collection's bundles and one [`Site`] (the
//! `--site` / `SITE_URL` base URL) and writes what they return; nothing here reads or writes
//! files, except that the card fonts are read from the system once. Every URL in every document
//! is absolute and built from the [`Site`], through the paths in [`site::route`], so the file
//! the build writes and the URL that names it cannot disagree, under a sub-folder too.
//!
//! | module | makes | written by hand, or by which library |
//! | --- | --- | --- |
//! | [`head`] | `<meta>`/`<link>` tags as data, for the app to render with leptos_meta | by hand: a list of tags |
//! | [`jsonld`] | `NewsArticle` JSON-LD, safe inside `<script>` | serde_json; the `\u` escaping by hand |
//! | [`feeds`] | Atom 1.0 and JSON Feed 1.1 | Atom by hand, JSON Feed with serde_json; tests read both with feed-rs |
//! | [`crawl`] | sitemap or sitemap index, robots.txt | by hand; tests read them with roxmltree |
//! | [`collection`] | entity pages, order, languages per slug, descriptions | by hand, the collection index's rules |
//! | [`words`] | counts, dates, feed titles in zh/en; og:locale | by hand, worded as the app's i18n |
//! | `card` | 1200×630 PNG share cards | the design, the line fitting and the overflow check by hand; break rules from unicode-linebreak, advances from skrifa, layout and drawing from resvg, fonts from fontdb, PNG from png |
//!
//! The card layout is the one part written here that a library could have done differently: a
//! fixed design has to fit any title in a fixed box, measured with the face resvg draws it in.
//! Everything else is a published format, written out plainly.
//!
//! The `cards` feature (on by default) brings resvg and the system fonts; without it
//! (`default-features = false`) the crate builds for wasm32 too, so the app can render the head
//! tags and the JSON-LD itself.
//!
//! Not here: reading bundles, choosing which pages exist (the collection index does), or
//! serving files with the right types (deploy/nginx.conf).

pub mod collection;
pub mod crawl;
pub mod feeds;
pub mod head;
pub mod jsonld;
pub mod site;
pub mod words;
mod xml;

#[cfg(feature = "cards")]
pub mod card;

#[cfg(test)]
mod testdata;

pub use collection::{entity_pages, EntityPage, EventRef, InputError};
pub use site::{route, Site, SiteError};

/// The share card's size: Open Graph's and X's recommended 1.91:1 large image.
pub const CARD_WIDTH: u32 = 1200;
pub const CARD_HEIGHT: u32 = 630;
