//! `/{lang}/n/{slug}/named-by` and `…/page/{n}`: every event that names a hub event as related,
//! newest first, a page at a time. The event's own page shows the newest few and links here.

use std::sync::Arc;

use eventlens_format::pages::{paths, ListOf, ListPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::load::with_document;
use crate::components::event_list::{EventItems, Pager};
use crate::components::load_state::NotFound;
use crate::i18n::Ui;
use crate::prerender;
use crate::site_url::app_url;

#[component]
pub fn NamedByPage(lang: String, slug: String, page: u32) -> impl IntoView {
    let ui = Ui::for_lang(&lang);
    let path = paths::named_by_list(&lang, &slug, page);
    with_document::<ListPage>(path, ui, move |page| {
        view! { <NamedByView page=page lang=lang.clone() slug=slug.clone()/> }.into_any()
    })
}

#[component]
fn NamedByView(page: Arc<ListPage>, lang: String, slug: String) -> impl IntoView {
    let ui = Ui::for_lang(&page.lang);
    let ListOf::NamedBy { title, .. } = page.of.clone() else {
        return view! { <NotFound ui=ui/> }.into_any();
    };
    Effect::new(|_| prerender::reveal());
    let event = app_url(&paths::event_page(&lang, &slug));
    view! {
        <Title text=format!("{} {title} · eventlens", ui.events_naming())/>
        <article class="named-by-page">
            <p class="event-kicker">{ui.events_naming()}</p>
            <h1><A href=event>{title}</A></h1>
            <p class="list-total">{ui.events_total(page.list.total)}</p>
            <EventItems events=page.list.events.clone() ui=ui/>
            <Pager list=page.list.clone() ui=ui page_url=move |n| paths::named_by_page(&lang, &slug, n)/>
        </article>
    }
    .into_any()
}
