//! The search page (`/{lang}/search?q=…`) as a wasm module of its own, so that no other page
//! loads it: events, entities and outlets that match, from the site's static Pagefind index.
//!
//! The site builder renders the page with the app's components (the header, the form; see the
//! app's `routes::search`) and gives it `search-boot.js` instead of the app's boot script
//! (`scripts/build-module.sh` writes it), which calls [`start`] with `#search`. Links from the
//! results lead to the app's pages.
//!
//! Modules: `query` (the query as the URL holds it, the answer read into plain data, the
//! highlighted excerpt built from text; tested natively), `engine` (Pagefind, through
//! `src/pagefind.js`), `page` (the DOM: the form, the results, the keyboard). The words are the
//! app's own (`eventlens-i18n`).
//!
//! Deliberately not Leptos, as the explorer: the module stays small. Not here: the index
//! (`scripts/search-index.mjs`), the header's box (the app's `components::search_box`).

use wasm_bindgen::prelude::*;

mod engine;
mod page;
pub mod query;

/// Starts the search page in `root` (the `#search` element).
#[wasm_bindgen]
pub fn start(root: web_sys::Element) {
    // Without the page's parts (a page not built by the site builder) there is nothing to do.
    let _ = page::start(root);
}
