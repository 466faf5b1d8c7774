//! The parts of an event page that the full page and the embed share: the summary, the takes in
//! their lenses with the filters, and the graph section.

use std::sync::Arc;

use eventlens_format::model::EventDoc;
use eventlens_format::pages::{paths, Neighbourhood};
use leptos::prelude::*;

use crate::components::filter_bar::FilterBar;
use crate::components::graph::GraphView;
use crate::components::inline::inline_view;
use crate::components::lens_section::LensSection;
use crate::components::related_list::RelatedList;
use crate::i18n::Ui;
use crate::prerender;
use crate::reader::{lens_anchors, Filters};
use crate::routes::load::with_document;
use crate::scheduler;

/// The open state of an event's lenses, however the page keeps it (the URL, or memory in an
/// embed): a signal to read and a way to change one lens or all.
#[derive(Clone, Copy)]
pub struct OpenLenses {
    pub open: Signal<Vec<bool>>,
    pub set: Callback<Vec<bool>>,
}

impl OpenLenses {
    fn toggle(self, i: usize, to: bool) {
        let mut next = self.open.get_untracked();
        if next.get(i) != Some(&to) {
            next[i] = to;
            self.set.run(next);
        }
    }
}

#[component]
pub fn Summary(doc: Arc<EventDoc>, ui: Ui, #[prop(default = true)] heading: bool) -> impl IntoView {
    view! {
        <section class="summary" aria-labelledby=heading.then_some("summary-title")>
            {heading.then(|| view! { <h2 id="summary-title">{ui.summary()}</h2> })}
            <p>{inline_view(&doc.summary)}</p>
        </section>
    }
}

/// Why it matters and what to watch, each only when the event has it.
#[component]
pub fn WhyAndWatch(doc: Arc<EventDoc>, ui: Ui) -> impl IntoView {
    let why = (!doc.why_it_matters.is_empty()).then(|| {
        view! {
            <section class="why" aria-labelledby="why-title">
                <h2 id="why-title">{ui.why_it_matters()}</h2>
                <p>{inline_view(&doc.why_it_matters)}</p>
            </section>
        }
    });
    let watch = (!doc.watch.is_empty()).then(|| {
        view! {
            <section class="watch" aria-labelledby="watch-title">
                <h2 id="watch-title">{ui.what_to_watch()}</h2>
                <ul>{doc.watch.iter().map(|w| view! { <li>{inline_view(w)}</li> }).collect_view()}</ul>
            </section>
        }
    });
    view! { {why}{watch} }
}

/// Lenses a big event draws per piece (see `crate::scheduler`), after the first draw: the app
/// draws its page out of sight and swaps it for the prerendered one once every piece is in.
const LENSES_PER_PIECE: usize = 25;

/// The filter chips and every lens, open or closed as `lenses` says.
#[component]
pub fn Lenses(
    doc: Arc<EventDoc>,
    lenses: OpenLenses,
    filters: RwSignal<Filters>,
    ui: Ui,
    eager: bool,
) -> impl IntoView {
    let anchors = StoredValue::new(lens_anchors(&doc.lenses));
    let count = doc.lenses.len();
    let drawn = RwSignal::new(if !eager && scheduler::is_piecemeal() { 0 } else { count });
    if drawn.get_untracked() < count {
        scheduler::schedule(move || {
            drawn.try_update(|n| {
                *n = (*n + LENSES_PER_PIECE).min(count);
                *n < count
            }) == Some(true)
        });
    }
    let section = {
        let doc = doc.clone();
        move |i: usize| {
            view! {
                <LensSection doc=doc.clone() index=i anchor=anchors.with_value(|a| a[i].clone())
                    open=Signal::derive(move || lenses.open.with(|o| o.get(i).copied().unwrap_or(false)))
                    on_toggle=Callback::new(move |to| lenses.toggle(i, to))
                    filters=filters ui=ui eager=eager/>
            }
        }
    };
    view! {
        <FilterBar doc=doc ui=ui filters=filters/>
        <For each=move || 0..drawn.get() key=|i| *i children=section/>
    }
}

/// Across the graph: the event's neighbourhood (its own document) as a graph and as lists.
/// A prerendered page is swapped for the app's once this has settled either way, since it is
/// the last part of the page to arrive, and once the lenses it opened have drawn their takes
/// (`crate::scheduler`), so the swap shows the same page.
#[component]
pub fn GraphSection(doc: Arc<EventDoc>, ui: Ui, #[prop(default = true)] lists: bool) -> impl IntoView {
    let path = paths::neighbourhood(&doc.lang, &doc.slug);
    let drawn = with_document::<Neighbourhood>(path, ui, move |near| {
        Effect::new(|_| scheduler::when_idle(prerender::reveal));
        view! {
            <GraphView graph=Arc::new(near.graph.clone()) ui=ui/>
            {lists.then(|| view! { <RelatedList doc=doc.clone() near=near ui=ui/> })}
        }
        .into_any()
    });
    view! {
        <section class="graph" aria-labelledby="graph-title">
            <h2 id="graph-title">{ui.across_the_graph()}</h2>
            {drawn}
        </section>
    }
}
