//! eventlens: a news event, every take on it grouped by lens, and the graph around it.
//!
//! This is the Leptos app that trunk builds. One module per route in [`routes`], small
//! single-purpose components in [`components`], fetching in [`api`], the reader's rules (lens
//! anchors, open state, filters) in [`reader`] and the UI strings in [`i18n`]. It draws what
//! the format crate parsed, validated and decided; it never sets HTML from data.
//!
//! Not here: the bundle format and its checks (`eventlens-format`), graph geometry
//! (`eventlens-graph`), the layout engine (`force-layout`) or anything that reads files (the
//! `bundle` tool).

pub mod api;
pub mod components;
pub mod i18n;
pub mod prerender;
pub mod reader;
pub mod routes;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use eventlens_format::index::CollectionIndex;
use api::LoadError;
use components::site::SiteHeader;
use routes::{embed::EmbedPage, entity::EntityPage, explore::ExplorePage, event::EventPage, home::HomePage, not_found::NotFoundPage};

/// Starts the app on the page trunk built.
pub fn mount() {
    console_error_panic_hook::set_once();
    // The static placeholder in index.html covers the wait for the wasm; the app replaces it. A
    // prerendered page stays until the app has drawn the same page (see [`prerender`]).
    if !prerender::is_pending() {
        if let Some(boot) = document().get_element_by_id("boot") {
            boot.remove();
        }
    }
    leptos::mount::mount_to_body(App);
}

/// The collection index, fetched once and shared by every page that needs it.
#[derive(Clone, Copy)]
pub struct IndexResource(pub LocalResource<Result<CollectionIndex, LoadError>>);

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(IndexResource(LocalResource::new(api::fetch_index)));
    view! {
        <Router base=api::base_path()>
            <SiteChrome/>
            <main id="main">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/:lang") view=HomePage/>
                    <Route path=path!("/embed/:lang/n/:slug") view=EmbedPage/>
                    <Route path=path!("/:lang/graph") view=ExplorePage/>
                    <Route path=path!("/:lang/n/:slug") view=EventPage/>
                    <Route path=path!("/:lang/entity/:slug") view=EntityPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The site header, except inside an embed, where the partner's page is the chrome.
#[component]
fn SiteChrome() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let embedded = move || location.pathname.with(|p| p.strip_prefix(&api::base_path()).unwrap_or(p).starts_with("/embed/"));
    view! { <Show when=move || !embedded()><SiteHeader/></Show> }
}
