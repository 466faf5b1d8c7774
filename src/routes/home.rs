//! `/`, `/{lang}` and `/{lang}/page/{n}`: the collection in a language, newest first, a page at
//! a time. At `/` the manifest says which languages have events, and the reader's own is shown
//! if it has any.

use std::sync::Arc;

use eventlens_format::pages::{paths, ListPage, Manifest};
use leptos::prelude::*;
use leptos_meta::Title;

use super::load::with_document;
use super::route_lang;
use crate::components::event_list::{EventItems, Pager};
use crate::i18n::Ui;
use crate::prerender;

#[component]
pub fn HomePage(lang: String, page: u32) -> impl IntoView {
    home_list(lang, page)
}

/// `/`: the reader's language when the collection has events in it, else the language with the
/// most events.
#[component]
pub fn RootPage() -> impl IntoView {
    let preferred = route_lang().get_untracked();
    with_document::<Manifest>(paths::MANIFEST.to_string(), Ui::for_lang(&preferred), move |manifest| {
        let has = |lang: &str| manifest.languages.iter().any(|l| l.lang == lang && l.events > 0);
        let lang = if has(&preferred) {
            preferred.clone()
        } else {
            manifest.languages.iter().max_by_key(|l| l.events).map_or(preferred.clone(), |l| l.lang.clone())
        };
        home_list(lang, 1)
    })
}

fn home_list(lang: String, page: u32) -> AnyView {
    let ui = Ui::for_lang(&lang);
    with_document::<ListPage>(paths::home_list(&lang, page), ui, move |list| view! { <HomeView page=list/> }.into_any())
}

#[component]
fn HomeView(page: Arc<ListPage>) -> impl IntoView {
    let ui = Ui::for_lang(&page.lang);
    let lang = page.lang.clone();
    Effect::new(|_| prerender::reveal());
    view! {
        <Title text="eventlens"/>
        <section class="home">
            <h1>{ui.collection()}</h1>
            <p class="list-total">{ui.events_total(page.list.total)}</p>
            <EventItems events=page.list.events.clone() ui=ui/>
            <Pager list=page.list.clone() ui=ui page_url=move |n| paths::home_page(&lang, n)/>
        </section>
    }
}
