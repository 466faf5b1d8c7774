//! eventlens: a news event, every take on it grouped by lens, and the graph around it.
//!
//! This is the Leptos app. trunk builds it for the browser (feature `csr`); the site builder
//! (`eventlens-site`) renders the same components to HTML natively (feature `ssr`), so a built
//! site's pages read before the app arrives and there is still one renderer.
//!
//! One module per route in [`routes`], each waiting for its documents the same way
//! ([`routes::load`]); small single-purpose components in [`components`]; fetching in [`api`];
//! where the site lives in [`site_url`]; the reader's rules (lens anchors, open state, filters)
//! in [`reader`]; the UI strings in [`i18n`] (the `eventlens-i18n` crate, which the search
//! module shares); the takeover from a prerendered page in [`prerender`]. It draws what the
//! format crate parsed, validated and decided; it never sets HTML from data.
//!
//! Not here: the bundle format and its checks (`eventlens-format`), graph geometry
//! (`eventlens-graph`), the layout engine (`force-layout`), the explorer of the whole collection
//! (`eventlens-explore`), running a search (`eventlens-search`: the search page is a module of
//! its own, so every other page loads none of it) or anything that reads files (the `bundle`
//! tool).
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod prerender;
pub mod reader;
pub mod routes;
pub mod scheduler;
pub mod site_url;

pub use eventlens_i18n as i18n;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html};
use leptos_router::components::Router;

use components::site::SiteHeader;
use routes::{current_route, route_lang, Pages, Route};
use site_url::{site_url, SiteUrl};

/// Starts the app on the page trunk built.
pub fn mount() {
    // Panic messages in the console, for editors on `trunk serve` (a debug build). A release
    // build leaves the hook and the formatting it brings out of the wasm: readers see a
    // failure the app draws, never a console.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // The static placeholder in index.html covers the wait for the wasm; the app replaces it. A
    // prerendered page stays until the app has drawn the same page (see [`prerender`]).
    if !prerender::is_pending() {
        if let Some(boot) = document().get_element_by_id("boot") {
            boot.remove();
        }
    }
    let site = SiteUrl::from_document();
    leptos::mount::mount_to_body(move || {
        provide_context(site);
        view! { <App/> }
    });
}

/// The whole app. Expects a [`SiteUrl`] in context (the document's when there is none).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = site_url();
    provide_context(site.clone());
    view! {
        <Router base=site.base>
            <Html attr:lang=move || route_lang().get()/>
            <SiteChrome/>
            <main id="main"><Pages/></main>
        </Router>
    }
}

/// The site header, except inside an embed, where the partner's page is the chrome.
#[component]
fn SiteChrome() -> impl IntoView {
    let route = current_route();
    view! { <Show when=move || !route.with(|r| matches!(r, Route::Embed { .. }))><SiteHeader/></Show> }
}
