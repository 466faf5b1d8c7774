//! `/embed/{lang}/n/{slug}`: the event as a widget inside a partner's page. A compact reader
//! (header, summary, coverage, lenses collapsed, the small graph when asked for) and a link to
//! the full page. It tells the parent window its height on load and after every change, with the
//! message `{"type":"eventlens:resize","id":…,"height":…}` that `public/embed.js` listens for.
//!
//! Query parameters: `theme=light|dark|auto`, `lang` (UI strings), `graph=0|1`, `maxwidth`
//! (CSS pixels) and `id` (the loader's embed id, echoed in every message). The page is
//! prerendered without them; `public/theme.js` applies theme, graph and width from the query
//! before the first paint (as `data-theme`, `data-embed-graph` and a CSS variable on `<html>`),
//! and the app applies the same from its own reading of the query, so nothing moves at takeover.

use std::sync::Arc;

use eventlens_format::model::{is_known_lang, EventDoc};
use eventlens_format::pages::paths;
use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::load::with_document;
use crate::components::coverage_chart::CoverageChart;
use crate::components::event_header::EventHeader;
use crate::components::event_sections::{GraphSection, Lenses, OpenLenses, Summary};
use crate::i18n::Ui;
use crate::reader::{Filters, RENDER_CLOSED_UP_TO_TAKES};
use crate::site_url::site_url;

/// The narrowest and widest `maxwidth` a partner may ask for, in CSS pixels.
pub const MAX_WIDTH_RANGE: (u32, u32) = (240, 4000);

/// The settings a partner's snippet can pass in the query string.
#[derive(Clone, Debug, PartialEq)]
struct EmbedOptions {
    ui: Ui,
    theme: Option<&'static str>,
    graph: bool,
    max_width: Option<u32>,
    id: String,
}

#[component]
pub fn EmbedPage(lang: String, slug: String) -> impl IntoView {
    let query = use_query_map();
    let page_lang = lang.clone();
    let options = Memo::new(move |_| {
        let q = query.read();
        let ui_lang = q.get("lang").filter(|l| is_known_lang(l)).unwrap_or_else(|| page_lang.clone());
        EmbedOptions {
            ui: Ui::for_lang(&ui_lang),
            theme: match q.get("theme").as_deref() {
                Some("light") => Some("light"),
                Some("dark") => Some("dark"),
                _ => None,
            },
            graph: q.get("graph").as_deref() == Some("1"),
            max_width: q
                .get("maxwidth")
                .and_then(|w| w.parse::<u32>().ok())
                .map(|w| w.clamp(MAX_WIDTH_RANGE.0, MAX_WIDTH_RANGE.1)),
            id: q.get("id").unwrap_or_default(),
        }
    });
    Effect::new(move |_| report_height(Signal::derive(move || options.with(|o| o.id.clone()))));
    let max_width = move || options.with(|o| o.max_width.map(|w| format!("--embed-max-width:{w}px")));
    let ui = options.with_untracked(|o| o.ui);
    let page = with_document::<EventDoc>(paths::event_doc(&lang, &slug), ui, move |doc| {
        view! { <EmbedView doc=doc ui=ui/> }.into_any()
    });
    view! {
        <Html attr:data-embed="" attr:data-theme=move || options.with(|o| o.theme)
            attr:data-embed-graph=move || options.with(|o| o.graph.then_some(""))
            attr:style=max_width/>
        <div class="embed">{page}</div>
    }
}

#[component]
fn EmbedView(doc: Arc<EventDoc>, ui: Ui) -> impl IntoView {
    let open = RwSignal::new(vec![false; doc.lenses.len()]);
    let lenses = OpenLenses { open: open.into(), set: Callback::new(move |next| open.set(next)) };
    let filters = RwSignal::new(Filters::default());
    // As on the event page: closed lenses hold their takes (so a prerendered widget shows them
    // with JavaScript off) unless the event is big enough to make that slow.
    let eager = doc.counts().takes <= RENDER_CLOSED_UP_TO_TAKES;
    let full_page = site_url().absolute(&paths::event_page(&doc.lang, &doc.slug));
    view! {
        <article class="event embed-event" lang=doc.lang.clone()>
            <EventHeader doc=doc.clone() ui=ui/>
            <Summary doc=doc.clone() ui=ui heading=false/>
            <CoverageChart doc=doc.clone() ui=ui/>
            <section class="takes" aria-label=ui.takes_heading()>
                <Lenses doc=doc.clone() lenses=lenses filters=filters ui=ui eager=eager/>
            </section>
            // Drawn always and shown only with `data-embed-graph` on <html>, which theme.js
            // sets from the query before the first paint: the frame never grows at takeover.
            <div class="embed-graph">
                <GraphSection doc=doc.clone() ui=ui lists=false/>
            </div>
            <p class="embed-full">
                <a href=full_page target="_blank" rel="noopener">{ui.read_full_page()}" ↗"</a>
            </p>
        </article>
    }
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
