//! The bar above every page: the way home, the search box, the graph of the whole collection,
//! and the theme toggle.

use eventlens_format::pages::paths;
use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::components::search_box::SearchBox;
use crate::i18n::Ui;
use crate::routes::route_lang;
use crate::site_url::app_url;

/// Where a reader's pick of theme is kept; `public/theme.js` reads the same key before the first
/// paint.
pub const THEME_KEY: &str = "eventlens-theme";

#[component]
pub fn SiteHeader() -> impl IntoView {
    let lang = route_lang();
    let location = use_location();
    let ui = Signal::derive(move || Ui::for_lang(&lang.get()));
    view! {
        <header class="site-header">
            <a class="skip-link" href=move || format!("{}#main", location.pathname.get())>
                {move || ui.get().skip_to_content()}
            </a>
            // Current only on the home page itself: on every other page of the language it is a way back.
            <A href=move || app_url(&paths::home_page(&lang.get(), 1)) exact=true attr:class="brand">"eventlens"</A>
            <SearchBox ui=ui/>
            <nav class="site-nav">
                // The explorer is a page of its own (its own small module), so this is a
                // full navigation, not one the router handles.
                <a href=move || app_url(&paths::explore_page(&lang.get())) rel="external">
                    {move || ui.get().across_the_graph()}
                </a>
            </nav>
            <ThemeToggle ui=ui/>
        </header>
    }
}

/// Light, dark, or the system's choice until the reader picks; the pick is remembered. Both
/// icons are drawn and the stylesheet shows the one for the theme in force, so the button is
/// right before any script has run (a prerendered page) and never changes at takeover.
#[component]
pub fn ThemeToggle(ui: Signal<Ui>) -> impl IntoView {
    // None until the app runs in a browser, where the stored pick is read.
    let theme = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let stored = storage().and_then(|s| s.get_item(THEME_KEY).ok().flatten());
        theme.set(stored.filter(|t| t == "light" || t == "dark"));
    });
    let is_dark = move || match theme.get() {
        Some(t) => t == "dark",
        None => system_prefers_dark(),
    };
    let toggle = move |_| {
        let next = if is_dark() { "light" } else { "dark" };
        if let Some(s) = storage() {
            let _ = s.set_item(THEME_KEY, next);
        }
        theme.set(Some(next.to_string()));
    };
    view! {
        <Html attr:data-theme=move || theme.get()/>
        <button type="button" class="theme-toggle" on:click=toggle aria-label=move || ui.get().theme_toggle()
            aria-pressed=move || is_dark().to_string()>
            <span class="theme-icon-light" aria-hidden="true">"☀"</span>
            <span class="theme-icon-dark" aria-hidden="true">"☾"</span>
        </button>
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// False when the page is rendered natively: there is no system to ask, and the stylesheet
/// follows the reader's system setting until the app runs.
fn system_prefers_dark() -> bool {
    !cfg!(feature = "ssr")
        && window().match_media("(prefers-color-scheme: dark)").ok().flatten().is_some_and(|m| m.matches())
}
