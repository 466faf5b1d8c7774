//! A collapsible lens: a native `<details>` whose `<summary>` says what is inside (name, count,
//! regions), and the takes that pass the filters.
//!
//! Native, so that a saved or prerendered page opens and closes every lens with JavaScript off,
//! and so that following `#lens-…` opens its lens: the anchor is on the lens body, and a browser
//! opens a closed `<details>` that holds a fragment's target. The open state belongs to the page
//! (it lives in the URL); this shows it and reports the reader's toggles.

use std::sync::Arc;

use eventlens_format::model::EventDoc;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::take_card::TakeCard;
use crate::i18n::Ui;
use crate::reader::{visible_takes, Filters};

#[component]
pub fn LensSection(
    doc: Arc<EventDoc>,
    /// Which of the document's lenses.
    index: usize,
    anchor: String,
    #[prop(into)] open: Signal<bool>,
    /// Called with the lens's new state when the reader opens or closes it.
    on_toggle: Callback<bool>,
    #[prop(into)] filters: Signal<Filters>,
    ui: Ui,
    /// Render the takes while closed; otherwise they render on first open or on print.
    #[prop(default = true)]
    eager: bool,
) -> impl IntoView {
    let rendered = RwSignal::new(eager || open.get_untracked());
    Effect::new(move |_| {
        if open.get() {
            rendered.set(true);
        }
    });
    if !eager {
        // Inside an effect: effects run only in the browser, never when the page is rendered natively.
        Effect::new(move |_| {
            let print = window_event_listener(leptos::ev::beforeprint, move |_| rendered.set(true));
            on_cleanup(move || print.remove());
        });
    }
    let lens = &doc.lenses[index];
    let total = lens.takes.len();
    let regions = lens.regions().join(" · ");
    let name = lens.name.clone();
    let text_lang = doc.lang.clone();
    let visible = Memo::new({
        let doc = doc.clone();
        move |_| visible_takes(&doc.lenses[index], &filters.get())
    });
    let count = move || {
        let shown = visible.with(Vec::len);
        if filters.with(Filters::is_empty) {
            ui.takes_count(total)
        } else {
            ui.shown_of(shown, total)
        }
    };
    let toggled = move |ev: leptos::ev::Event| {
        let Some(details) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) else { return };
        if details.open() != open.get_untracked() {
            on_toggle.run(details.open());
        }
    };
    let takes = move || {
        let doc = doc.clone();
        let text_lang = text_lang.clone();
        view! {
            <For each=move || visible.get() key=|i| *i let:i>
                <TakeCard take=doc.lenses[index].takes[i].clone() ui=ui text_lang=text_lang.clone()/>
            </For>
        }
    };
    view! {
        <details class="lens" class:open=move || open.get() open=move || open.get()
            on:toggle=toggled>
            <summary class="lens-toggle">
                <h3 class="lens-heading">
                    <span class="lens-chevron" aria-hidden="true"></span>
                    <span class="lens-name">{name}</span>
                    <span class="lens-count">{count}</span>
                </h3>
                <span class="lens-regions">{regions}</span>
            </summary>
            <div class="lens-body" id=anchor>
                <Show when=move || rendered.get() && visible.with(|v| !v.is_empty())
                    fallback=move || rendered.get().then(|| view! { <p class="lens-empty">{ui.lens_empty_by_filter()}</p> })>
                    {takes.clone()}
                </Show>
            </div>
        </details>
    }
}
