//! A collapsible lens: a heading button that says what is inside, and the takes that pass the
//! filters. The open state belongs to the page (it lives in the URL); this only shows it.

use leptos::prelude::*;

use crate::components::take_card::TakeCard;
use crate::i18n::Ui;
use eventlens_format::model::Lens;
use crate::reader::{visible_takes, Filters};

#[component]
pub fn LensSection(
    lens: Lens,
    anchor: String,
    #[prop(into)] open: Signal<bool>,
    on_toggle: Callback<()>,
    #[prop(into)] filters: Signal<Filters>,
    ui: Ui,
    #[prop(into)] text_lang: String,
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
        let print = window_event_listener(leptos::ev::beforeprint, move |_| rendered.set(true));
        on_cleanup(move || print.remove());
    }
    let body_id = format!("{anchor}-body");
    let total = lens.takes.len();
    let regions = lens.regions().join(" · ");
    let lens = StoredValue::new(lens);
    let text_lang = StoredValue::new(text_lang);
    let visible = Memo::new(move |_| lens.with_value(|l| visible_takes(l, &filters.get())));
    let count = move || {
        let shown = visible.with(Vec::len);
        if filters.with(Filters::is_empty) { ui.takes_count(total) } else { ui.shown_of(shown, total) }
    };
    view! {
        <section class="lens" id=anchor.clone() class:open=move || open.get()>
            <h3 class="lens-heading">
                <button type="button" class="lens-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=body_id.clone()
                    on:click=move |_| on_toggle.run(())>
                    <span class="lens-chevron" aria-hidden="true"></span>
                    <span class="lens-name">{lens.with_value(|l| l.name.clone())}</span>
                    <span class="lens-count">{count}</span>
                </button>
            </h3>
            <p class="lens-regions">{regions}</p>
            <div class="lens-body" id=body_id hidden=move || !open.get()>
                <Show when=move || rendered.get() && visible.with(|v| !v.is_empty())
                    fallback=move || rendered.get().then(|| view! { <p class="lens-empty">{ui.lens_empty_by_filter()}</p> })>
                    <For each=move || visible.get() key=|i| *i let:i>
                        <TakeCard take=lens.with_value(|l| l.takes[i].clone()) ui=ui text_lang=text_lang.get_value()/>
                    </For>
                </Show>
            </div>
        </section>
    }
}
