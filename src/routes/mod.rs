//! One module per route, each a thin layer: take the route's typed parts, name the documents
//! the page needs ([`load`]), and hand them to the components that draw it.
//!
//! Which page a path names is [`Route::parse`] (in the format crate, beside the builders of the
//! same paths), and [`Pages`] draws it. leptos_router keeps the history, the links and the
//! location. Its `<Routes>` is not used: it builds its matching code once per route and brings
//! the machinery for routes that load asynchronously, which this app has none of. Eleven routes
//! through `<Routes>` were 37 KB of the wasm gzipped (12% of it); one `match` does the same.
//!
//! | route | module | documents |
//! | --- | --- | --- |
//! | `/`, `/{lang}`, `/{lang}/page/{n}` | [`home`] | the manifest (at `/`), a home list page |
//! | `/{lang}/n/{slug}` | [`event`] | the event document, its neighbourhood |
//! | `/{lang}/n/{slug}/named-by[/page/{n}]` | [`named_by`] | a named-by list page |
//! | `/{lang}/entity/{slug}[/page/{n}]` | [`entity`] | an entity list page |
//! | `/embed/{lang}/n/{slug}` | [`embed`] | the event document, its neighbourhood |
//! | `/{lang}/graph` | [`explore`] | none: the explorer is a page of its own |
//! | `/{lang}/search?q=…` | [`search`] | none: the search is a page of its own (`crates/search`) |
//! | anything else | [`not_found`] | none |

pub mod embed;
pub mod entity;
pub mod event;
pub mod explore;
pub mod home;
pub mod load;
pub mod named_by;
pub mod not_found;
pub mod search;

use eventlens_format::model::is_known_lang;
pub use eventlens_format::pages::Route;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};

use crate::site_url::site_url;

/// The page the location names. A new path draws its page afresh (the old page's owner, and
/// the fetches it started, go with it); a change of query or fragment alone does not.
#[component]
pub fn Pages() -> impl IntoView {
    let location = use_location();
    let route = current_route();
    // A link to another path puts its address in the address bar (and scrolls) only once told
    // that the new page is drawn, which leptos_router's `<Routes>` would do. Effects run after
    // the page has been redrawn. There is no browser history to tell when rendering natively.
    if let Some(history) = use_context::<BrowserUrl>() {
        Effect::new(move |_| {
            location.pathname.track();
            history.ready_to_complete();
        });
    }
    move || match route.get() {
        Route::Root => view! { <home::RootPage/> }.into_any(),
        Route::Home { lang, page } => view! { <home::HomePage lang page/> }.into_any(),
        Route::Event { lang, slug } => view! { <event::EventPage lang slug/> }.into_any(),
        Route::NamedBy { lang, slug, page } => view! { <named_by::NamedByPage lang slug page/> }.into_any(),
        Route::Entity { lang, slug, page } => view! { <entity::EntityPage lang slug page/> }.into_any(),
        Route::Embed { lang, slug } => view! { <embed::EmbedPage lang slug/> }.into_any(),
        Route::Explore { lang } => view! { <explore::ExplorePage lang/> }.into_any(),
        Route::Search { lang } => view! { <search::SearchPage lang/> }.into_any(),
        Route::NotFound => view! { <not_found::NotFoundPage/> }.into_any(),
    }
}

/// The location's path under the site's base path (`/zh/n/slug` on a site served under `/sub`):
/// what the routes read.
fn site_path() -> Signal<String> {
    let location = use_location();
    let base = site_url().base;
    Signal::derive(move || location.pathname.with(|p| p.strip_prefix(base.as_str()).unwrap_or(p).to_string()))
}

/// The route the location names, for whatever draws by it: the pages, and the header, which
/// an embed leaves out and the search page draws without its search box.
pub fn current_route() -> Memo<Route> {
    let path = site_path();
    Memo::new(move |_| path.with(|path| Route::parse(path)))
}

/// The language the path starts with (`/zh/...`, `/embed/zh/...`), else the browser's
/// preference. Read from the path rather than the route so that it also works where no route
/// matched (the 404 page of `/zh/…` is in Chinese).
pub fn route_lang() -> Memo<String> {
    let path = site_path();
    Memo::new(move |_| {
        let path = path.get();
        let mut parts = path.trim_start_matches('/').split('/');
        let first = parts.next().unwrap_or("");
        let first = if first == "embed" { parts.next().unwrap_or("") } else { first };
        if is_known_lang(first) {
            first.to_string()
        } else {
            browser_lang()
        }
    })
}

/// Chinese for a reader whose browser prefers it, else English. Natively (when the site builder
/// renders a page) there is no browser, and every rendered route names its language.
fn browser_lang() -> String {
    if cfg!(feature = "ssr") {
        return "en".into();
    }
    let preferred = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    if preferred.starts_with("zh") {
        "zh".into()
    } else {
        "en".into()
    }
}
