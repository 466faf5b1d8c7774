//! The eventlens bundle format and its rules.
//!
//! An event bundle ([`model`]) is the one JSON document an editor's export becomes. This crate
//! says what a valid one is ([`validate`]) and how big one may be ([`limits`]), what its inline
//! markdown means and where its links may lead ([`inline`]), what the collection index derived
//! from bundles holds ([`index`]), the documents each page of a built site reads ([`pages`]) and
//! how an event is embedded elsewhere ([`oembed`]). It is used by the native `bundle` tool and by
//! the app in the browser alike, so it reads no files and knows nothing of the web.
//!
//! Not here: importing markdown exports or writing files (`eventlens-bundle`), graph geometry
//! (`eventlens-graph`), or any view code (the app).

pub mod index;
pub mod inline;
pub mod json;
pub mod limits;
pub mod model;
pub mod oembed;
pub mod pages;
pub mod validate;
