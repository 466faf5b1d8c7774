//! `/` and `/{lang}`: the collection, newest first, with date, counts and heads.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::{route_lang, sync_document_lang};
use crate::api::app_url;
use crate::components::load_state::{LoadFailed, Skeleton};
use crate::IndexResource;
use crate::i18n::Ui;
use eventlens_format::index::EventSummary;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = route_lang();
    sync_document_lang(lang);
    let ui = move || Ui::for_lang(&lang.get());
    let index = expect_context::<IndexResource>().0;
    view! {
        <Title text="eventlens"/>
        <section class="home">
            <h1>{move || ui().collection()}</h1>
            <Suspense fallback=move || view! { <Skeleton ui=ui()/> }>
                {move || Suspend::new(async move {
                    match index.await {
                        Ok(ix) => view! {
                            <ol class="event-list">
                                {ix.events.into_iter().map(|e| view! { <EventItem event=e ui=ui()/> }).collect_view()}
                            </ol>
                        }.into_any(),
                        Err(e) => view! { <LoadFailed error=e ui=ui() retry=Callback::new(move |_| index.refetch())/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn EventItem(event: EventSummary, ui: Ui) -> impl IntoView {
    let c = event.counts;
    let counts = [ui.takes_count(c.takes), ui.lenses_count(c.lenses), ui.regions_count(c.regions)].join(" · ");
    view! {
        <li class="event-item" lang=event.lang.clone()>
            <h2><A href=app_url(&format!("/{}/n/{}", event.lang, event.slug))>{event.title.clone()}</A></h2>
            <p class="event-dek">{event.dek.clone()}</p>
            <p class="event-item-meta">
                <time datetime=event.date.clone()>{ui.date(&event.date)}</time>
                " · "{counts}
            </p>
            <ul class="heads">{event.heads.iter().map(|h| view! { <li class="head-tag">{h.clone()}</li> }).collect_view()}</ul>
        </li>
    }
}
