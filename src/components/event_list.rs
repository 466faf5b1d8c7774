//! A page of a list of events (the home page, an entity's events, the events that name a hub
//! event) and the way to the pages before and after it.
//!
//! The pager is made of plain links to real URLs (`…/page/2`), so paging works in a prerendered
//! page with JavaScript off, by keyboard, and from a bookmark.

use eventlens_format::pages::{EventList, EventSummary};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::Ui;
use crate::site_url::app_url;
use eventlens_format::pages::paths;

/// The events of one list page, newest first.
#[component]
pub fn EventItems(events: Vec<EventSummary>, ui: Ui) -> impl IntoView {
    view! {
        <ol class="event-list">
            {events.into_iter().map(|e| view! { <EventItem event=e ui=ui/> }).collect_view()}
        </ol>
    }
}

#[component]
fn EventItem(event: EventSummary, ui: Ui) -> impl IntoView {
    let c = event.counts;
    let counts = [ui.takes_count(c.takes), ui.lenses_count(c.lenses), ui.regions_count(c.regions)].join(" · ");
    view! {
        <li class="event-item" lang=event.lang.clone()>
            <h2><A href=app_url(&paths::event_page(&event.lang, &event.slug))>{event.title.clone()}</A></h2>
            <p class="event-dek">{event.dek.clone()}</p>
            <p class="event-item-meta">
                <time datetime=event.date.clone()>{ui.date(&event.date)}</time>
                " · "{counts}
            </p>
            <ul class="heads">{event.heads.iter().map(|h| view! { <li class="head-tag">{h.clone()}</li> }).collect_view()}</ul>
        </li>
    }
}

/// "Page 2 of 200" with links to the previous and next pages; nothing for a one-page list.
/// `page_url` gives the route of a page number.
#[component]
pub fn Pager(list: EventList, ui: Ui, page_url: impl Fn(u32) -> String + 'static) -> impl IntoView {
    (list.pages > 1).then(|| {
        let previous = (list.page > 1).then(|| app_url(&page_url(list.page - 1)));
        let next = (list.page < list.pages).then(|| app_url(&page_url(list.page + 1)));
        view! {
            <nav class="pager" aria-label=ui.pages_nav()>
                {previous.map(|href| view! { <A href=href attr:rel="prev" attr:class="pager-prev">{ui.previous_page()}</A> })}
                <span class="pager-status" aria-current="page">{ui.page_of(list.page, list.pages)}</span>
                {next.map(|href| view! { <A href=href attr:rel="next" attr:class="pager-next">{ui.next_page()}</A> })}
            </nav>
        }
    })
}
