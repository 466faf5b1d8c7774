//! Taking over from a prerendered page without a flash.
//!
//! A built site saves every event, entity and list page, as this app draws it, into static HTML
//! (the site builder renders the app's own components natively, with Leptos's SSR). The saved
//! page sits in `<div id="boot" data-prerendered>`, so the reader sees and reads it, lenses and
//! paging included, before any JavaScript or wasm has arrived. The app then mounts beside it,
//! hidden by the stylesheet (`#boot[data-prerendered] ~ *`), and [`reveal`] swaps the two once
//! the app has drawn the same page: both are the same rendering, so nothing moves. Lenses the
//! reader opened or closed on the saved page stay so ([`saved_open_lenses`]).
//!
//! This module is not the prerenderer (that is `eventlens-site`) and it decides nothing about
//! what a page shows.

use leptos::prelude::document;
use wasm_bindgen::JsCast;

const BOOT: &str = "#boot[data-prerendered]";

/// Whether a prerendered page is still on screen in place of the app.
pub fn is_pending() -> bool {
    document().query_selector(BOOT).ok().flatten().is_some()
}

/// The open state of the prerendered page's lenses, as the reader left them, if a prerendered
/// page with exactly these lenses is on screen and the reader opened or closed one of them.
/// Untouched, the saved page only shows the state it was rendered with (the default rule: it
/// cannot know the address's `?open=`), which must not override a shared link's.
pub fn saved_open_lenses(anchors: &[String]) -> Option<Vec<bool>> {
    let details = document().query_selector_all(&format!("{BOOT} details.lens")).ok()?;
    if details.length() as usize != anchors.len() {
        return None;
    }
    let mut touched = false;
    let states = (0..details.length())
        .map(|i| {
            let d = details.item(i)?.dyn_into::<web_sys::HtmlDetailsElement>().ok()?;
            // The `open` class is the state the page was rendered with; a click on the summary
            // changes only the element's `open`.
            let rendered = d.get_attribute("class").is_some_and(|c| c.split_whitespace().any(|c| c == "open"));
            touched |= d.open() != rendered;
            Some(d.open())
        })
        .collect::<Option<Vec<bool>>>()?;
    touched.then_some(states)
}

/// The app's page is drawn: remove the prerendered copy (the body's and the `<head>` elements
/// it brought, which the app's own metadata replaces) and tell whoever waits with an
/// `eventlens:ready` event on the document. Safe to call again: there is nothing left to
/// remove, and the event fires once more.
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
