//! `/embed/{lang}/n/{slug}`: the event as a widget inside a partner's page. A compact reader
//! (header, summary, coverage, lenses collapsed, optionally the small graph) and a link to the
//! full page. It tells the parent window its height on load and after every change, with the
//! message `{"type":"eventlens:resize","id":…,"height":…}` that `public/embed.js` listens for.
//!
//! Query parameters: `theme=light|dark|auto`, `lang` (UI strings), `graph=0|1`, `maxwidth`
//! (CSS pixels) and `id` (the loader's embed id, echoed in every message).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{app_url, fetch_bundle};
use crate::components::coverage_chart::CoverageChart;
use crate::components::event_header::EventHeader;
use crate::components::filter_bar::FilterBar;
use crate::components::graph::GraphView;
use crate::components::lens_section::LensSection;
use crate::components::load_state::{LoadFailed, Skeleton};
use crate::components::markdown::InlineMarkdown;
use crate::IndexResource;
use eventlens_graph::LocalGraph;
use crate::i18n::Ui;
use eventlens_format::index::event_id;
use eventlens_format::model::{is_known_lang, EventBundle};
use crate::reader::{lens_anchors, Filters};

/// The settings a partner's snippet can pass in the query string.
#[derive(Clone, Debug, PartialEq)]
struct EmbedOptions {
    ui: Ui,
    graph: bool,
    max_width: Option<u32>,
    id: String,
}

#[component]
pub fn EmbedPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let lang = Memo::new(move |_| params.read().get("lang").unwrap_or_default());
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let options = Memo::new(move |_| {
        let q = query.read();
        let ui_lang = q.get("lang").filter(|l| is_known_lang(l)).unwrap_or_else(|| lang.get());
        EmbedOptions {
            ui: Ui::for_lang(&ui_lang),
            graph: q.get("graph").as_deref() == Some("1"),
            max_width: q.get("maxwidth").and_then(|w| w.parse::<u32>().ok()).map(|w| w.clamp(240, 4000)),
            id: q.get("id").unwrap_or_default(),
        }
    });
    apply_theme(query.read_untracked().get("theme"));
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", &lang.get());
            let _ = root.set_attribute("data-embed", "");
        }
    });
    report_height(Signal::derive(move || options.with(|o| o.id.clone())));
    let bundle = LocalResource::new(move || fetch_bundle(lang.get(), slug.get()));
    view! {
        <div class="embed" style=move || options.with(|o| o.max_width.map(|w| format!("max-width:{w}px")).unwrap_or_default())>
            <Suspense fallback=move || view! { <Skeleton ui=options.with(|o| o.ui)/> }>
                {move || Suspend::new(async move {
                    let o = options.get_untracked();
                    match bundle.await {
                        Ok(b) => view! { <EmbedView bundle=b ui=o.ui graph=o.graph/> }.into_any(),
                        Err(e) => view! { <LoadFailed error=e ui=o.ui retry=Callback::new(move |_| bundle.refetch())/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn EmbedView(bundle: EventBundle, ui: Ui, graph: bool) -> impl IntoView {
    let anchors = lens_anchors(&bundle.lenses);
    let open = RwSignal::new(vec![false; bundle.lenses.len()]);
    let filters = RwSignal::new(Filters::default());
    let full_page = absolute_url(&app_url(&format!("/{}/n/{}", bundle.lang, bundle.slug)));
    let read_full = match ui {
        Ui::Zh => "阅读完整页面",
        Ui::En => "Read the full page",
    };
    let lenses = bundle
        .lenses
        .iter()
        .zip(anchors)
        .enumerate()
        .map(|(i, (lens, anchor))| {
            view! {
                <LensSection lens=lens.clone() anchor=anchor open=Signal::derive(move || open.with(|o| o[i]))
                    on_toggle=Callback::new(move |_| open.update(|o| o[i] = !o[i]))
                    filters=filters ui=ui text_lang=bundle.lang.clone() eager=false/>
            }
        })
        .collect_view();
    let index = use_context::<IndexResource>().map(|r| r.0);
    let id = event_id(&bundle.lang, &bundle.slug);
    let stored = StoredValue::new(bundle.clone());
    view! {
        <article class="event embed-event" lang=bundle.lang.clone()>
            <EventHeader bundle=bundle.clone() ui=ui/>
            <section class="summary">
                <p><InlineMarkdown source=bundle.summary.clone()/></p>
            </section>
            <CoverageChart bundle=bundle.clone() ui=ui/>
            <section class="takes" aria-label=ui.takes_heading()>
                <FilterBar bundle=stored filters=filters ui=ui/>
                {lenses}
            </section>
            {graph.then(|| view! {
                <section class="graph" aria-label=ui.across_the_graph()>
                    {move || index.and_then(|r| r.get()).and_then(Result::ok)
                        .and_then(|ix| LocalGraph::around(&ix, &id))
                        .map(|g| view! { <GraphView graph=g ui=ui/> })}
                </section>
            })}
            <p class="embed-full">
                <a href=full_page target="_blank" rel="noopener">{read_full}" ↗"</a>
            </p>
        </article>
    }
}

/// `light` and `dark` force a theme; anything else follows the reader's system setting.
fn apply_theme(theme: Option<String>) {
    let Some(root) = document().document_element() else { return };
    let _ = match theme.as_deref() {
        Some(t @ ("light" | "dark")) => root.set_attribute("data-theme", t),
        _ => root.remove_attribute("data-theme"),
    };
}

fn absolute_url(path: &str) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{path}")
}

/// Posts the page height to the parent whenever it changes. A ResizeObserver on the body
/// catches everything that changes it (a lens opened, a filter, a resize, the data arriving).
fn report_height(id: Signal<String>) {
    let Some(body) = document().body() else { return };
    let send = move || {
        let Some(body) = document().body() else { return };
        let height = body.scroll_height().max(body.offset_height());
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"eventlens:resize".into());
        let _ = js_sys::Reflect::set(&message, &"id".into(), &id.get_untracked().into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        if let Ok(Some(parent)) = window().parent() {
            // The height is not a secret, and the widget cannot know its host's origin.
            let _ = parent.post_message(&message, "*");
        }
    };
    let callback = Closure::<dyn Fn()>::new(send);
    let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else { return };
    observer.observe(&body);
    let kept = StoredValue::new_local(Some((observer, callback)));
    on_cleanup(move || {
        if let Some(Some((observer, _callback))) = kept.try_update_value(Option::take) {
            observer.disconnect();
        }
    });
}
