//! `/{lang}/n/{slug}`: one event, every take on it grouped by lens, and the graph around it.
//!
//! The page reads two documents: the event itself, drawn as soon as it is here, and its
//! neighbourhood (graph, related events, the events that name it), drawn in its section when it
//! arrives. The lenses' open state lives in the URL (`?open=`), so a view can be shared.

use std::sync::Arc;

use eventlens_format::inline::plain_text;
use eventlens_format::model::EventDoc;
use eventlens_format::pages::paths;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_location, use_query_map};

use super::load::with_document;
use crate::components::coverage_chart::CoverageChart;
use crate::components::embed_button::EmbedButton;
use crate::components::event_header::EventHeader;
use crate::components::event_sections::{GraphSection, Lenses, OpenLenses, Summary, WhyAndWatch};
use crate::components::share_button::ShareButton;
use crate::i18n::Ui;
use crate::prerender;
use crate::reader::{lens_anchors, open_param, parse_open_param, Filters, RENDER_CLOSED_UP_TO_TAKES};
use crate::scheduler;
use crate::site_url::site_url;

#[component]
pub fn EventPage(lang: String, slug: String) -> impl IntoView {
    with_document::<EventDoc>(paths::event_doc(&lang, &slug), Ui::for_lang(&lang), |doc| {
        view! { <EventView doc=doc/> }.into_any()
    })
}

#[component]
pub fn EventView(doc: Arc<EventDoc>) -> impl IntoView {
    let ui = Ui::for_lang(&doc.lang);
    let filters = RwSignal::new(Filters::default());
    let eager = doc.counts().takes <= RENDER_CLOSED_UP_TO_TAKES;
    let lenses = url_open_state(doc.clone());
    let lens_count = doc.lenses.len();
    view! {
        <EventHead doc=doc.clone()/>
        <article class="event" lang=doc.lang.clone()>
            <EventHeader doc=doc.clone() ui=ui/>
            <div class="event-actions">
                <ShareButton title=doc.title.clone() ui=ui/>
                <EmbedButton doc=doc.clone() ui=ui/>
            </div>
            <Summary doc=doc.clone() ui=ui/>
            <WhyAndWatch doc=doc.clone() ui=ui/>
            <CoverageChart doc=doc.clone() ui=ui/>
            <section class="takes" aria-labelledby="takes-title">
                <div class="takes-head">
                    <h2 id="takes-title">{ui.takes_heading()}</h2>
                    <div class="lens-controls">
                        <button type="button" on:click=move |_| lenses.set.run(vec![true; lens_count])>{ui.expand_all()}</button>
                        <button type="button" on:click=move |_| lenses.set.run(vec![false; lens_count])>{ui.collapse_all()}</button>
                    </div>
                </div>
                <Lenses doc=doc.clone() lenses=lenses filters=filters ui=ui eager=eager/>
            </section>
            <GraphSection doc=doc.clone() ui=ui/>
            <footer class="event-footer">
                {ui.source_page()}": "
                <a href=doc.canonical_url.clone() rel="noopener noreferrer" target="_blank">{doc.canonical_url.clone()}</a>
            </footer>
        </article>
    }
}

/// The page's `<head>`: title, description, canonical page and the oEmbed discovery link.
#[component]
fn EventHead(doc: Arc<EventDoc>) -> impl IntoView {
    let description = if doc.dek.is_empty() { plain_text(&doc.summary) } else { doc.dek.clone() };
    let oembed = site_url().absolute(&paths::oembed(&doc.lang, &doc.slug));
    view! {
        <Title text=format!("{} · eventlens", doc.title)/>
        <Meta name="description" content=description/>
        <Link rel="canonical" href=doc.canonical_url.clone()/>
        <Link rel="alternate" type_="application/json+oembed" href=oembed title=doc.title.clone()/>
    }
}

/// The open state: read from `?open=` (or the default rule) when the page mounts and when
/// back/forward changes the URL, and written back with `history.replaceState`, which keeps the
/// reader's history free of one entry per click. `#lens-<slug>` opens and scrolls to a lens.
/// Lenses the reader opened or closed on the prerendered page, before the app arrived, stay so.
fn url_open_state(doc: Arc<EventDoc>) -> OpenLenses {
    let query = use_query_map();
    let location = use_location();
    let anchors = StoredValue::new(lens_anchors(&doc.lenses));
    // The document, not a copy of its lenses: at the format's limits they are megabytes.
    let doc = StoredValue::new(doc);
    let from_query = move || {
        let param = query.read().get("open");
        doc.with_value(|d| anchors.with_value(|a| parse_open_param(param.as_deref(), &d.lenses, a)))
    };
    let (open, write_open) = signal(from_query());
    let set = Callback::new(move |next: Vec<bool>| {
        let param = anchors.with_value(|a| open_param(&next, a));
        write_open.set(next);
        replace_query_param("open", &param);
    });
    Effect::new(move |first: Option<()>| {
        if first.is_none() {
            if let Some(saved) = anchors.with_value(|a| prerender::saved_open_lenses(a)) {
                if saved != open.get_untracked() {
                    set.run(saved);
                }
            }
        } else {
            write_open.set(from_query());
        }
        query.track();
    });
    Effect::new(move |_| {
        let hash = location.hash.get();
        let Some(i) = anchors.with_value(|a| a.iter().position(|a| hash.strip_prefix('#') == Some(a.as_str()))) else {
            return;
        };
        if !open.get_untracked()[i] {
            let mut next = open.get_untracked();
            next[i] = true;
            set.run(next);
        }
        scroll_to_when_shown(anchors.with_value(|a| a[i].clone()), 0);
    });
    OpenLenses { open: open.into(), set }
}

/// Scrolls to the element `id` once the app's page is on screen and drawn: after a big event's
/// lenses and the opened lens's takes (`crate::scheduler`), and after the swap with the
/// prerendered page (scrolling the app's page while it is out of sight does nothing). Gives up
/// after some 10 s of waiting.
fn scroll_to_when_shown(id: String, tries: u32) {
    scheduler::when_idle(move || {
        if prerender::is_pending() {
            if tries < 2_000 {
                scroll_to_when_shown(id, tries + 1);
            }
            return;
        }
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&id) {
                el.scroll_into_view();
            }
        });
    });
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
