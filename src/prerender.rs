//! Taking over from a prerendered page without a flash.
//!
//! `make dist` saves every event and entity page, as this app drew it, into static HTML
//! (scripts/prerender.mjs). The saved page sits in `<div id="boot" data-prerendered>`, so the
//! reader sees and reads the event before any JavaScript or wasm has arrived. The app then
//! mounts beside it, hidden by the stylesheet (`#boot[data-prerendered] ~ *`), and [`reveal`]
//! swaps the two once the app has drawn the same page: both are the same rendering, so nothing
//! moves.
//!
//! This module is not the prerenderer (that is a headless browser at build time, so there is
//! one renderer, this app) and it decides nothing about what a page shows.

use leptos::prelude::document;

const BOOT: &str = "#boot[data-prerendered]";

/// Whether a prerendered page is still on screen in place of the app.
pub fn is_pending() -> bool {
    document().query_selector(BOOT).ok().flatten().is_some()
}

/// The app's page is drawn: remove the prerendered copy (the body's and the `<head>` elements
/// it brought, which the app's own metadata replaces) and tell whoever waits, such as the
/// prerenderer, with an `eventlens:ready` event on the document. Safe to call again: there is
/// nothing left to remove, and the event fires once more.
pub fn reveal() {
    let doc = document();
    if let Ok(stale) = doc.query_selector_all("[data-prerendered]") {
        for i in 0..stale.length() {
            if let Some(node) = stale.item(i) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
    if let Ok(ready) = web_sys::Event::new("eventlens:ready") {
        let _ = doc.dispatch_event(&ready);
    }
}
