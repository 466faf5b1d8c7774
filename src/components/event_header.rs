//! The top of an event page: title, dek, type, date in the page's locale, heads and the counts.

use std::sync::Arc;

use eventlens_format::model::EventDoc;
use leptos::prelude::*;

use crate::i18n::Ui;

#[component]
pub fn EventHeader(doc: Arc<EventDoc>, ui: Ui) -> impl IntoView {
    let counts = doc.counts();
    let counts_text =
        [ui.takes_count(counts.takes), ui.lenses_count(counts.lenses), ui.regions_count(counts.regions)].join(" · ");
    view! {
        <header class="event-header">
            <p class="event-kicker">
                <span class="event-type">{doc.kind.clone()}</span>
                " · "
                <time datetime=doc.date.clone()>{ui.date(&doc.date)}</time>
            </p>
            <h1 class="event-title">{doc.title.clone()}</h1>
            {(!doc.dek.is_empty()).then(|| view! { <p class="event-dek">{doc.dek.clone()}</p> })}
            <div class="event-meta">
                <ul class="heads">
                    {doc.heads.iter().map(|h| view! { <li class="head-tag">{h.clone()}</li> }).collect_view()}
                </ul>
                <p class="event-counts">{counts_text}</p>
            </div>
        </header>
    }
}
