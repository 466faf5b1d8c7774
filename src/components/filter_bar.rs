//! Region and language chips with live counts. Pressing a chip narrows the takes; the counts
//! on the other group say what each choice would leave.

use std::sync::Arc;

use eventlens_format::model::EventDoc;
use leptos::prelude::*;

use crate::i18n::Ui;
use crate::reader::{lang_chips, region_chips, Chip, Filters};

#[component]
pub fn FilterBar(doc: Arc<EventDoc>, filters: RwSignal<Filters>, ui: Ui) -> impl IntoView {
    let regions = Memo::new({
        let doc = doc.clone();
        move |_| region_chips(&doc, &filters.get())
    });
    let langs = Memo::new(move |_| lang_chips(&doc, &filters.get()));
    view! {
        <div class="filter-bar">
            <ChipGroup label=ui.filter_region() chips=regions
                pressed=move |v: &str| filters.with(|f| f.regions.contains(v))
                on_press=move |v: String| filters.update(|f| f.toggle_region(&v))
                on_clear=move || filters.update(|f| f.regions.clear())
                ui=ui display=|v: &str, _ui: Ui| v.to_string()/>
            <ChipGroup label=ui.filter_language() chips=langs
                pressed=move |v: &str| filters.with(|f| f.langs.contains(v))
                on_press=move |v: String| filters.update(|f| f.toggle_lang(&v))
                on_clear=move || filters.update(|f| f.langs.clear())
                ui=ui display=|v: &str, ui: Ui| ui.language_name(v)/>
        </div>
    }
}

#[component]
fn ChipGroup(
    label: &'static str,
    chips: Memo<Vec<Chip>>,
    pressed: impl Fn(&str) -> bool + Copy + Send + Sync + 'static,
    on_press: impl Fn(String) + Copy + Send + Sync + 'static,
    on_clear: impl Fn() + Copy + Send + Sync + 'static,
    ui: Ui,
    display: fn(&str, Ui) -> String,
) -> impl IntoView {
    let any_pressed = move || chips.with(|cs| cs.iter().any(|c| pressed(&c.value)));
    view! {
        <div class="chip-group" role="group" aria-label=label>
            <span class="chip-group-label" aria-hidden="true">{label}</span>
            <button type="button" class="chip" aria-pressed=move || (!any_pressed()).to_string() on:click=move |_| on_clear()>
                {ui.all()}
            </button>
            // Keyed by value, the count read live: a filter changes counts, not chips, and at the
            // format's limits (683 chips) re-creating every chip per click cost a long task.
            <For each=move || chips.get().into_iter().enumerate() key=|(_, c)| c.value.clone() let:((i, chip))>
                {
                    let value = chip.value.clone();
                    let is_pressed = { let v = value.clone(); move || pressed(&v) };
                    let count = move || chips.with(|cs| cs.get(i).map(|c| c.count));
                    view! {
                        <button type="button" class="chip" aria-pressed=move || is_pressed().to_string()
                            on:click={ let v = value.clone(); move |_| on_press(v.clone()) }>
                            {display(&chip.value, ui)}
                            <span class="chip-count">{count}</span>
                        </button>
                    }
                }
            </For>
        </div>
    }
}
