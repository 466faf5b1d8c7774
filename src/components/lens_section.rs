//! A collapsible lens: a native `<details>` whose `<summary>` says what is inside (name, count,
//! regions), and the takes that pass the filters.
//!
//! Native, so that a saved or prerendered page opens and closes every lens with JavaScript off,
//! and so that following `#lens-…` opens its lens: the anchor is on the lens body, and a browser
//! opens a closed `<details>` that holds a fragment's target. The open state belongs to the page
//! (it lives in the URL); this shows it and reports the reader's toggles.
//!
//! A big event's lens (not `eager`) draws its takes a piece per task ([`crate::scheduler`])
//! once opened, so that opening every lens at the format's limits (5,000 takes) never holds the
//! main thread; its count and the filters always speak of every take, drawn yet or not.

use std::sync::Arc;

use eventlens_format::model::EventDoc;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::take_card::TakeCard;
use crate::i18n::Ui;
use crate::reader::{visible_takes, Filters};
use crate::scheduler;

/// Takes a big event's lens draws per piece: a few milliseconds of drawing, so a slice of a task
/// ends close to its time.
const TAKES_PER_PIECE: usize = 8;

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
    // Printing draws every take at once: the page is about to be laid out on paper.
    let printing = RwSignal::new(false);
    Effect::new(move |_| {
        if open.get() {
            rendered.set(true);
        }
    });
    if !eager {
        // Inside an effect: effects run only in the browser, never when the page is rendered natively.
        Effect::new(move |_| {
            let print = window_event_listener(leptos::ev::beforeprint, move |_| {
                printing.set(true);
                rendered.set(true);
            });
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
    let drawn = drawn_takes(visible, rendered, printing, !eager && scheduler::is_piecemeal());
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
            <For each=move || drawn.get() key=|i| *i let:i>
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

/// The visible takes that are drawn. All of them unless `piecemeal`; then none at first, and a
/// job draws [`TAKES_PER_PIECE`] more per task while the lens is rendered and some are missing.
/// A filter keeps the takes already drawn that still pass it, and the ones it brings back come
/// a piece at a time too. Printing draws them all at once.
fn drawn_takes(
    visible: Memo<Vec<usize>>,
    rendered: RwSignal<bool>,
    printing: RwSignal<bool>,
    piecemeal: bool,
) -> Memo<Vec<usize>> {
    let step = RwSignal::new(0u32);
    let drawn = Memo::new(move |before: Option<&Vec<usize>>| {
        step.track();
        let visible = visible.get();
        if !piecemeal || printing.get() {
            return visible;
        }
        // The longest prefix of the visible takes that draws at most a piece of new cards.
        let before = before.map(Vec::as_slice).unwrap_or_default();
        let mut new = 0;
        let end = visible
            .iter()
            .position(|i| {
                new += usize::from(before.binary_search(i).is_err());
                new > if before.is_empty() && step.get_untracked() == 0 { 0 } else { TAKES_PER_PIECE }
            })
            .unwrap_or(visible.len());
        visible[..end].to_vec()
    });
    if piecemeal {
        let queued = StoredValue::new(false);
        Effect::new(move |_| {
            let missing = rendered.get() && drawn.with(Vec::len) < visible.with(Vec::len);
            if missing && !queued.get_value() {
                queued.set_value(true);
                scheduler::schedule(move || {
                    // The lens may be gone (another page) before its turn comes.
                    let more = step.try_update(|s| *s += 1).is_some()
                        && drawn.try_with_untracked(Vec::len) < visible.try_with_untracked(Vec::len);
                    if !more {
                        queued.try_set_value(false);
                    }
                    more
                });
            }
        });
    }
    drawn
}
