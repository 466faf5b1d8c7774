//! The search box in the site header, and the `/` key that focuses it.
//!
//! The box is a plain GET form to `/{lang}/search`, so it works on a prerendered page before the
//! app runs (the browser loads the search page with `?q=…`); once the app runs, submitting
//! navigates inside the app. On the search page itself the page's own field takes its place.
//!
//! Not here: running a search (`crate::search`) or showing results (`routes::search`).

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::i18n::Ui;
use crate::routes::route_lang;
use crate::search::Query;
use crate::site_url::{app_url, site_url};

/// Marks every search field `/` may focus: the header's, and the search page's own.
pub const SEARCH_INPUT_ATTR: &str = "data-search-input";

#[component]
pub fn SearchBox(ui: Signal<Ui>) -> impl IntoView {
    let lang = route_lang();
    let location = use_location();
    let base = site_url().base;
    let on_search_page = move || {
        location
            .pathname
            .with(|p| p.strip_prefix(base.as_str()).unwrap_or(p).trim_end_matches('/').ends_with("/search"))
    };
    let input = NodeRef::<html::Input>::new();
    let navigate = use_navigate();
    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let text = input.get().map(|i| i.value()).unwrap_or_default();
        let lang = lang.get_untracked();
        let query = Query { text: text.trim().to_string(), lang: lang.clone(), page: 1, ..Query::default() };
        navigate(&app_url(&query.url(&lang)), NavigateOptions { resolve: false, ..Default::default() });
        if let Some(i) = input.get() {
            i.set_value("");
            let _ = i.blur();
        }
    };
    focus_on_slash();
    // One closure draws the whole box from the page's language, rather than an effect per
    // attribute: the language changes only with the page, and each effect is code of its own.
    move || {
        if on_search_page() {
            return None;
        }
        let (ui, lang) = (ui.get(), lang.get());
        let (submit, action) = (submit.clone(), app_url(&format!("/{lang}/search")));
        Some(view! {
            <form class="search-box" role="search" method="get" aria-label=ui.search_collection()
                action=action on:submit=submit>
                <input node_ref=input type="search" name="q" data-search-input="" autocomplete="off" enterkeyhint="search"
                    on:focus=move |_| prepare(lang.clone())
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

/// Focus on the box loads the search of the page's language, so the first query does not wait
/// for it (as Pagefind advises). A failure shows when the search page runs the query.
fn prepare(lang: String) {
    leptos::task::spawn_local(async move {
        let _ = crate::search::prepare(&app_url("/pagefind/"), &lang).await;
    });
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
