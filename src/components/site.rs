//! The bar above every page: the way home and the theme toggle.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::api::app_url;
use crate::routes::route_lang;
use crate::i18n::Ui;

const THEME_KEY: &str = "eventlens-theme";

#[component]
pub fn SiteHeader() -> impl IntoView {
    let lang = route_lang();
    let location = use_location();
    let ui = move || Ui::for_lang(&lang.get());
    let home = move || format!("/{}", lang.get());
    view! {
        <header class="site-header">
            <a class="skip-link" href=move || format!("{}#main", location.pathname.get())>{move || if ui() == Ui::Zh { "跳到正文" } else { "Skip to content" }}</a>
            <A href=move || app_url(&home()) attr:class="brand">"eventlens"</A>
            <nav class="site-nav">
                <A href=move || app_url(&format!("/{}/graph", lang.get()))>{move || ui().across_the_graph()}</A>
            </nav>
            <ThemeToggle ui=Signal::derive(ui)/>
        </header>
    }
}

/// Light, dark, or the system's choice until the reader picks; the pick is remembered.
#[component]
pub fn ThemeToggle(ui: Signal<Ui>) -> impl IntoView {
    let stored = storage().and_then(|s| s.get_item(THEME_KEY).ok().flatten());
    let theme = RwSignal::new(stored.filter(|t| t == "light" || t == "dark"));
    Effect::new(move |_| {
        let Some(root) = document().document_element() else { return };
        let _ = match theme.get() {
            Some(t) => root.set_attribute("data-theme", &t),
            None => root.remove_attribute("data-theme"),
        };
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
        <button type="button" class="theme-toggle" on:click=toggle
            aria-pressed=move || is_dark().to_string()
            aria-label=move || ui.get().theme_toggle()>
            <span aria-hidden="true">{move || if is_dark() { "☾" } else { "☀" }}</span>
        </button>
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn system_prefers_dark() -> bool {
    window().match_media("(prefers-color-scheme: dark)").ok().flatten().is_some_and(|m| m.matches())
}
