//! The search box in the site header, and the `/` key that focuses it.
//!
//! The box is a plain GET form to `/{lang}/search`, with or without the app: submitting loads
//! the search page with `?q=…`, a page of its own with its own module (`crates/search`), so the
//! app carries no search. On the search page itself the page's own field takes its place.
//!
//! Not here: running a search or showing results (`crates/search`), the search page's markup
//! (`routes::search`).

use eventlens_format::pages::paths;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::Ui;
use crate::routes::{current_route, route_lang, Route};
use crate::site_url::app_url;

/// Marks every search field `/` may focus: the header's, and the search page's own.
pub const SEARCH_INPUT_ATTR: &str = "data-search-input";

#[component]
pub fn SearchBox(ui: Signal<Ui>) -> impl IntoView {
    let lang = route_lang();
    let route = current_route();
    let on_search_page = move || route.with(|r| matches!(r, Route::Search { .. }));
    focus_on_slash();
    // One closure draws the whole box from the page's language, rather than an effect per
    // attribute: the language changes only with the page, and each effect is code of its own.
    move || {
        if on_search_page() {
            return None;
        }
        let (ui, lang) = (ui.get(), lang.get());
        Some(view! {
            <form class="search-box" role="search" method="get" aria-label=ui.search_collection()
                action=app_url(&paths::search_page(&lang))>
                <input type="search" name="q" data-search-input="" autocomplete="off" enterkeyhint="search"
                    aria-label=ui.search_collection() aria-keyshortcuts="/"
                    placeholder=ui.search_placeholder() title=ui.search_shortcut_hint()/>
                <button type="submit" class="search-go" aria-label=ui.search()>
                    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
                        <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2"/>
                        <line x1="12.6" y1="12.6" x2="17.5" y2="17.5" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
                    </svg>
                </button>
            </form>
        })
    }
}

/// `/` anywhere but in a field moves focus to the search field on the page, as on most sites
/// with search. In an effect, so it is registered in the browser only.
fn focus_on_slash() {
    Effect::new(|_| {
        let handle = window_event_listener(ev::keydown, |e: web_sys::KeyboardEvent| {
            if e.key() != "/" || e.ctrl_key() || e.meta_key() || e.alt_key() || e.default_prevented() {
                return;
            }
            let typing = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || el.closest("[contenteditable]").ok().flatten().is_some()
            });
            if typing {
                return;
            }
            let field = document()
                .query_selector(&format!("input[{SEARCH_INPUT_ATTR}]"))
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(field) = field {
                e.prevent_default();
                let _ = field.focus();
            }
        });
        on_cleanup(move || handle.remove());
    });
}
