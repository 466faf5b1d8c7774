//! The top of an event page: title, dek, type, date in the page's locale, heads and the counts.

use leptos::prelude::*;

use crate::i18n::Ui;
use eventlens_format::model::EventBundle;

#[component]
pub fn EventHeader(bundle: EventBundle, ui: Ui) -> impl IntoView {
    let counts = bundle.counts();
    let counts_text = [ui.takes_count(counts.takes), ui.lenses_count(counts.lenses), ui.regions_count(counts.regions)].join(" · ");
    view! {
        <header class="event-header">
            <p class="event-kicker">
                <span class="event-type">{bundle.kind.clone()}</span>
                " · "
                <time datetime=bundle.date.clone()>{ui.date(&bundle.date)}</time>
            </p>
            <h1 class="event-title">{bundle.title.clone()}</h1>
            {(!bundle.dek.is_empty()).then(|| view! { <p class="event-dek">{bundle.dek.clone()}</p> })}
            <div class="event-meta">
                <ul class="heads">
                    {bundle.heads.iter().map(|h| view! { <li class="head-tag">{h.clone()}</li> }).collect_view()}
                </ul>
                <p class="event-counts">{counts_text}</p>
            </div>
        </header>
    }
}
