//! `/{lang}/n/{slug}`: an event, in the seed page's order. Header, summary, why it matters,
//! what to watch, coverage at a glance, the lens sections with their filters, and across the
//! graph.
//!
//! Which lenses are open lives in the URL (`?open=`), replaced rather than pushed, so that it
//! survives back/forward and reloads without adding history entries. `#lens-<slug>` opens and
//! scrolls to a lens.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use super::{route_lang, sync_document_lang};
use crate::api::{self, fetch_bundle};
use crate::prerender;
use crate::components::coverage_chart::CoverageChart;
use crate::components::embed_button::EmbedButton;
use crate::components::event_header::EventHeader;
use crate::components::filter_bar::FilterBar;
use crate::components::graph::GraphView;
use crate::components::lens_section::LensSection;
use crate::components::load_state::{LoadFailed, Skeleton};
use crate::components::markdown::InlineMarkdown;
use crate::components::related_list::RelatedList;
use crate::components::share_button::ShareButton;
use crate::IndexResource;
use eventlens_graph::LocalGraph;
use crate::i18n::Ui;
use eventlens_format::index::{event_id, EventSummary};
use eventlens_format::inline::{parse, plain_text};
use eventlens_format::model::EventBundle;
use crate::reader::{lens_anchors, open_param, parse_open_param, Filters, RENDER_CLOSED_UP_TO_TAKES};

#[component]
pub fn EventPage() -> impl IntoView {
    let params = use_params_map();
    sync_document_lang(route_lang());
    // The route's own params, not the location: while the page unmounts after a navigation the
    // location already names the next page, and reading it here would fetch for that page.
    let lang = Memo::new(move |_| params.read().get("lang").unwrap_or_default());
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let bundle = LocalResource::new(move || fetch_bundle(lang.get(), slug.get()));
    let ui = move || Ui::for_lang(&lang.get());
    view! {
        <Suspense fallback=move || view! { <Skeleton ui=ui()/> }>
            {move || Suspend::new(async move {
                match bundle.await {
                    Ok(b) => view! { <EventView bundle=b/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e ui=ui() retry=Callback::new(move |_| bundle.refetch())/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EventView(bundle: EventBundle) -> impl IntoView {
    let ui = Ui::for_lang(&bundle.lang);
    let anchors = StoredValue::new(lens_anchors(&bundle.lenses));
    let filters = RwSignal::new(Filters::default());
    let eager = bundle.counts().takes <= RENDER_CLOSED_UP_TO_TAKES;
    let (open, set_open) = url_open_state(&bundle, anchors);
    let oembed = format!("{}{}", window().location().origin().unwrap_or_default(), api::app_url(&format!("/oembed/{}/n/{}.json", bundle.lang, bundle.slug)));
    let description = if bundle.dek.is_empty() { plain_text(&parse(&bundle.summary)) } else { bundle.dek.clone() };
    let lenses = bundle
        .lenses
        .iter()
        .enumerate()
        .map(|(i, lens)| {
            let on_toggle = Callback::new(move |_| {
                let mut next = open.get_untracked();
                next[i] = !next[i];
                set_open(next);
            });
            view! {
                <LensSection lens=lens.clone() anchor=anchors.with_value(|a| a[i].clone())
                    open=Signal::derive(move || open.with(|o| o[i])) on_toggle=on_toggle
                    filters=filters ui=ui text_lang=bundle.lang.clone() eager=eager/>
            }
        })
        .collect_view();
    let lens_count = bundle.lenses.len();
    let index = use_context::<IndexResource>().map(|r| r.0);
    let stored = StoredValue::new(bundle.clone());
    // The page is whole once the index has settled either way (the graph and related events
    // come from it), so a prerendered copy is swapped then and nothing below the fold moves.
    Effect::new(move |_| {
        if index.is_none_or(|r| r.get().is_some()) {
            prerender::reveal();
        }
    });
    view! {
        <Title text=format!("{} · eventlens", bundle.title)/>
        <Meta name="description" content=description/>
        <Link rel="canonical" href=bundle.canonical_url.clone()/>
        <Link rel="alternate" type_="application/json+oembed" href=oembed title=bundle.title.clone()/>
        <article class="event" lang=bundle.lang.clone()>
            <EventHeader bundle=bundle.clone() ui=ui/>
            <div class="event-actions">
                <ShareButton title=bundle.title.clone() ui=ui/>
                <EmbedButton event=EventSummary::of(&bundle) ui=ui/>
            </div>
            <section class="summary" aria-labelledby="summary-title">
                <h2 id="summary-title">{ui.summary()}</h2>
                <p><InlineMarkdown source=bundle.summary.clone()/></p>
            </section>
            {(!bundle.why_it_matters.is_empty()).then(|| view! {
                <section class="why" aria-labelledby="why-title">
                    <h2 id="why-title">{ui.why_it_matters()}</h2>
                    <p><InlineMarkdown source=bundle.why_it_matters.clone()/></p>
                </section>
            })}
            {(!bundle.watch.is_empty()).then(|| view! {
                <section class="watch" aria-labelledby="watch-title">
                    <h2 id="watch-title">{ui.what_to_watch()}</h2>
                    <ul>{bundle.watch.iter().map(|w| view! { <li><InlineMarkdown source=w.clone()/></li> }).collect_view()}</ul>
                </section>
            })}
            <CoverageChart bundle=bundle.clone() ui=ui/>
            <section class="takes" aria-labelledby="takes-title">
                <div class="takes-head">
                    <h2 id="takes-title">{ui.takes_heading()}</h2>
                    <div class="lens-controls">
                        <button type="button" on:click=move |_| set_open(vec![true; lens_count])>{ui.expand_all()}</button>
                        <button type="button" on:click=move |_| set_open(vec![false; lens_count])>{ui.collapse_all()}</button>
                    </div>
                </div>
                <FilterBar bundle=stored filters=filters ui=ui/>
                {lenses}
            </section>
            <section class="graph" aria-labelledby="graph-title">
                <h2 id="graph-title">{ui.across_the_graph()}</h2>
                {move || {
                    let index = index.and_then(|r| r.get()).and_then(Result::ok);
                    let graph = index.as_ref().and_then(|ix| stored.with_value(|b| LocalGraph::around(ix, &event_id(&b.lang, &b.slug))));
                    view! {
                        {graph.map(|g| view! { <GraphView graph=g ui=ui/> })}
                        <RelatedList bundle=stored.get_value() index=index ui=ui/>
                    }
                }}
            </section>
            <footer class="event-footer">
                {ui.source_page()}": "
                <a href=bundle.canonical_url.clone() rel="noopener noreferrer" target="_blank">{bundle.canonical_url.clone()}</a>
            </footer>
        </article>
    }
}

/// The open state: read from `?open=` (or the default rule) when the page mounts and when
/// back/forward changes the URL, and written back with `history.replaceState`, which keeps the
/// reader's history free of one entry per click. `#lens-<slug>` opens and scrolls to a lens.
fn url_open_state(bundle: &EventBundle, anchors: StoredValue<Vec<String>>) -> (ReadSignal<Vec<bool>>, impl Fn(Vec<bool>) + Copy) {
    let query = use_query_map();
    let location = use_location();
    let lenses = StoredValue::new(bundle.lenses.clone());
    let from_query = move || {
        let param = query.read().get("open");
        lenses.with_value(|l| anchors.with_value(|a| parse_open_param(param.as_deref(), l, a)))
    };
    let (open, write_open) = signal(from_query());
    Effect::new(move |first: Option<()>| {
        let state = from_query();
        if first.is_some() {
            write_open.set(state);
        }
    });
    let set_open = move |next: Vec<bool>| {
        let param = anchors.with_value(|a| open_param(&next, a));
        write_open.set(next);
        replace_query_param("open", &param);
    };
    Effect::new(move |_| {
        let hash = location.hash.get();
        let Some(i) = anchors.with_value(|a| a.iter().position(|a| hash.strip_prefix('#') == Some(a.as_str()))) else { return };
        if !open.get_untracked()[i] {
            let mut next = open.get_untracked();
            next[i] = true;
            set_open(next);
        }
        let id = anchors.with_value(|a| a[i].clone());
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&id) {
                el.scroll_into_view();
            }
        });
    });
    (open, set_open)
}

/// Rewrites one query parameter of the current history entry, keeping its path, hash and state.
fn replace_query_param(key: &str, value: &str) {
    let Ok(href) = window().location().href() else { return };
    let Ok(url) = web_sys::Url::new(&href) else { return };
    url.search_params().set(key, value);
    if let Ok(history) = window().history() {
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url.href()));
    }
}
