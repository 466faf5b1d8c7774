//! `/{lang}/search?q=…`: events, entities and outlets that match, from the static index.
//!
//! Everything the search depends on is in the URL (`q`, `in`, `from`, `to`, `page`; see
//! [`Query`]), so a search can be shared and back and forward replay it. The form navigates to
//! the URL of the query; the page reads the URL and asks [`crate::search::run`] for one page of
//! events and the best entities and outlets. Keyboard: Enter in the field searches, ↓ goes to the
//! first result, ↑ and ↓ move between results, Enter opens one (they are links).
//!
//! This page is never prerendered: it is the app's shell plus this route. Not here: the index
//! (`scripts/search-index.mjs`), the header's box (`components::search_box`).

use std::any::Any;
use std::sync::Arc;

use eventlens_format::pages::{paths, EventList, Manifest};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params, use_query_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use super::LangParams;
use crate::api::{fetch_document, Document, Reader};
use crate::components::event_list::Pager;
use crate::components::load_state::NotFound;
use crate::i18n::Ui;
use crate::search::{self, Answer, EventHit, NameHit, Query, Span, PAGE_SIZE};
use crate::site_url::app_url;

/// What the page shows under the form.
#[derive(Clone)]
enum Outcome {
    Prompt,
    Found(Arc<Answer>),
    Failed(String),
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let params = use_params::<LangParams>();
    let page_lang = Memo::new(move |_| params.read().as_ref().ok().and_then(LangParams::named).map(|n| n.lang));
    move || match page_lang.get() {
        Some(lang) => view! { <SearchView lang=lang/> }.into_any(),
        None => view! { <NotFound ui=Ui::En/> }.into_any(),
    }
}

#[component]
fn SearchView(lang: String) -> impl IntoView {
    let ui = Ui::for_lang(&lang);
    let query_map = use_query_map();
    let page_lang = lang.clone();
    let query = Memo::new(move |_| Query::from_params(&page_lang, |k| query_map.read().get(k)));
    // Signals a scoped task fills, as `routes::load` does, rather than resources read through
    // <Suspense>: the async machinery would weigh more in the wasm than the page itself. The
    // answer keeps the query it answers, so a late answer to an older query is never shown.
    let answered = RwSignal::new(None::<(Query, Outcome)>);
    // The search engine loads with the page, before the reader has typed: `data-ready` on the
    // form says when it is here (benchmarks count a query's bytes from then).
    let ready = RwSignal::new(false);
    Effect::new(move |_| {
        let asked = query.get();
        leptos::task::spawn_local_scoped(async move {
            let root = app_url("/pagefind/");
            ready.try_set(search::prepare(&root, &asked.lang).await.is_ok());
            let outcome = if asked.text.is_empty() {
                Outcome::Prompt
            } else {
                match search::run(&root, &asked).await {
                    Ok(answer) => Outcome::Found(Arc::new(answer)),
                    Err(e) => Outcome::Failed(e),
                }
            };
            if query.try_get_untracked().as_ref() == Some(&asked) {
                answered.try_set(Some((asked, outcome)));
            }
        });
    });
    let field = NodeRef::<html::Input>::new();
    let form_lang = lang.clone();
    let results = move || match answered.get() {
        Some((asked, outcome)) if asked == query.get() => {
            view! { <Results outcome=outcome query=asked page_lang=lang.clone() ui=ui/> }.into_any()
        }
        _ => view! { <p class="search-status" role="status">{ui.searching()}</p> }.into_any(),
    };
    view! {
        <Title text=move || match query.get().text.as_str() {
            "" => format!("{} · eventlens", ui.search()),
            text => format!("{text} · {} · eventlens", ui.search()),
        }/>
        <article class="search-page">
            <h1>{ui.search_collection()}</h1>
            <SearchForm lang=form_lang query=query field=field ui=ui ready=ready.into()/>
            <div class="search-results" on:keydown=move |e| move_between_results(e, field)>{results}</div>
        </article>
    }
}

/// The field, the language of the events, the date range. Submitting goes to the query's URL.
#[component]
fn SearchForm(
    lang: String,
    query: Memo<Query>,
    field: NodeRef<html::Input>,
    ui: Ui,
    ready: Signal<bool>,
) -> impl IntoView {
    let navigate = use_navigate();
    // The languages the collection has, once the manifest is here (none until then).
    let languages = RwSignal::new(Vec::<String>::new());
    leptos::task::spawn_local_scoped(async move {
        let read: Reader = |text| Manifest::read(text).map(|m| Arc::new(m) as Arc<dyn Any + Send + Sync>);
        let manifest =
            fetch_document(paths::MANIFEST.to_string(), read).await.ok().and_then(|m| m.downcast::<Manifest>().ok());
        if let Some(manifest) = manifest {
            languages.try_set(manifest.languages.iter().map(|l| l.lang.clone()).collect());
        }
    });
    let language = NodeRef::<html::Select>::new();
    let from = NodeRef::<html::Input>::new();
    let to = NodeRef::<html::Input>::new();
    let page_lang = lang.clone();
    let submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let value = |input: NodeRef<html::Input>| input.get().map(|i| i.value()).unwrap_or_default();
        let chosen = language.get().map(|s| s.value()).unwrap_or_else(|| page_lang.clone());
        let pairs = [("q", value(field)), ("in", chosen), ("from", value(from)), ("to", value(to))];
        let next = Query::from_params(&page_lang, |k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.clone()));
        navigate(&app_url(&next.url(&page_lang)), NavigateOptions { resolve: false, ..Default::default() });
    };
    // The collection's languages, and the chosen one whether or not it is among them.
    let options = move || {
        let chosen = query.get().lang;
        let mut langs = languages.get();
        if !langs.contains(&chosen) {
            langs.insert(0, chosen.clone());
        }
        langs
            .into_iter()
            .map(|l| {
                let name = ui.language_name(&l);
                view! { <option value=l.clone() selected=l == chosen>{name}</option> }
            })
            .collect_view()
    };
    view! {
        <form class="search-form" role="search" method="get" aria-label=ui.search() data-ready=move || ready.get().then_some("")
            action=app_url(&format!("/{lang}/search")) on:submit=submit>
            <div class="search-field">
                <label for="search-q" class="visually-hidden">{ui.search()}</label>
                <input id="search-q" node_ref=field type="search" name="q" data-search-input="" autocomplete="off"
                    enterkeyhint="search" aria-keyshortcuts="/" aria-describedby="search-keys"
                    placeholder=ui.search_placeholder() prop:value=move || query.get().text
                    on:keydown=move |e: ev::KeyboardEvent| if e.key() == "ArrowDown" && focus_result(0) { e.prevent_default() }/>
                <button type="submit">{ui.search()}</button>
            </div>
            <div class="search-filters">
                <label>{ui.search_in()}" "<select node_ref=language name="in">{options}</select></label>
                <label>{ui.date_from()}" "<input node_ref=from type="month" name="from" pattern="[0-9]{4}-[0-9]{2}"
                    placeholder="YYYY-MM" prop:value=move || query.get().from.unwrap_or_default()/></label>
                <label>{ui.date_to()}" "<input node_ref=to type="month" name="to" pattern="[0-9]{4}-[0-9]{2}"
                    placeholder="YYYY-MM" prop:value=move || query.get().to.unwrap_or_default()/></label>
            </div>
            <p id="search-keys" class="search-keys">{ui.search_keys_hint()}</p>
        </form>
    }
}

#[component]
fn Results(outcome: Outcome, query: Query, page_lang: String, ui: Ui) -> impl IntoView {
    let answer = match outcome {
        Outcome::Prompt => return view! { <p class="search-status">{ui.search_prompt()}</p> }.into_any(),
        Outcome::Failed(error) => {
            return view! {
                <div class="search-status" role="alert">
                    <p>{ui.search_unavailable()}</p>
                    <pre class="load-detail">{error}</pre>
                </div>
            }
            .into_any()
        }
        Outcome::Found(answer) => answer,
    };
    if answer.total == 0 && answer.names.is_empty() {
        return view! { <NothingFound query=query ui=ui/> }.into_any();
    }
    let pages = answer.total.div_ceil(PAGE_SIZE).max(1) as u32;
    let list = EventList { page: query.page.min(pages), pages, total: answer.total as u32, events: vec![] };
    let paged = query.clone();
    let pager_lang = page_lang.clone();
    let lang = query.lang.clone();
    view! {
        <p class="search-status" role="status">{ui.search_results(answer.total, &query.text)}</p>
        {(!answer.names.is_empty()).then(|| view! { <Names names=answer.names.clone() lang=lang.clone() page_lang=page_lang.clone() ui=ui/> })}
        {(answer.total > 0).then(|| view! {
            <section aria-labelledby="search-events">
                <h2 id="search-events">{ui.events_heading()}</h2>
                <ol class="search-hits" lang=lang.clone()>
                    {answer.events.iter().cloned().map(|hit| view! { <Hit hit=hit lang=lang.clone() ui=ui/> }).collect_view()}
                </ol>
                <Pager list=list ui=ui page_url=move |n| paged.with_page(n).url(&pager_lang)/>
            </section>
        })}
    }
    .into_any()
}

#[component]
fn Hit(hit: EventHit, lang: String, ui: Ui) -> impl IntoView {
    let [takes, lenses, regions] = hit.counts;
    let counts = [ui.takes_count(takes), ui.lenses_count(lenses), ui.regions_count(regions)].join(" · ");
    view! {
        <li class="search-hit">
            <h3><A href=app_url(&paths::event_page(&lang, &hit.slug)) attr:data-result="">{hit.title}</A></h3>
            // The dek, with what matched marked; where the dek has no match, the passage that does.
            {if hit.dek.iter().any(|s| matches!(s, Span::Mark(_))) {
                view! { <p class="search-excerpt search-dek">{highlighted(hit.dek)}</p> }.into_any()
            } else {
                view! { <p class="search-excerpt">"… "{highlighted(hit.excerpt)}" …"</p> }.into_any()
            }}
            <p class="event-item-meta"><time datetime=hit.date.clone()>{ui.date(&hit.date)}</time>" · "{counts}</p>
        </li>
    }
}

/// Text nodes and `<mark>` elements, never HTML from the index.
fn highlighted(spans: Vec<Span>) -> impl IntoView {
    spans
        .into_iter()
        .map(|span| match span {
            Span::Text(text) => text.into_any(),
            Span::Mark(text) => view! { <mark>{text}</mark> }.into_any(),
        })
        .collect_view()
}

#[component]
fn Names(names: Vec<NameHit>, lang: String, page_lang: String, ui: Ui) -> impl IntoView {
    let items = names.into_iter().map(|name| {
        let (href, text, kind, events) = match name {
            NameHit::Entity { slug, name, events } => (paths::entity_page(&lang, &slug, 1), name, ui.entity(), events),
            NameHit::Outlet { name, events } => {
                let cites = Query { text: name.clone(), lang: lang.clone(), page: 1, ..Query::default() };
                (cites.url(&page_lang), name, ui.outlet(), events)
            }
        };
        view! {
            <li>
                <A href=app_url(&href) attr:data-result="">{text}</A>
                <span class="search-name-kind">{kind}" · "{ui.events_total(events as u32)}</span>
            </li>
        }
    });
    view! {
        <section aria-labelledby="search-names">
            <h2 id="search-names">{ui.names_heading()}</h2>
            <ul class="search-names" lang=lang.clone()>{items.collect_view()}</ul>
        </section>
    }
}

/// A query with no match: say so, and what might help.
#[component]
fn NothingFound(query: Query, ui: Ui) -> impl IntoView {
    view! {
        <div class="search-empty" role="status">
            <p class="search-empty-title">{ui.no_results(&query.text)}</p>
            <ul>{ui.no_results_hints().into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul>
            <p><A href=app_url(&paths::home_page(ui.code(), 1))>{ui.back_home()}</A></p>
        </div>
    }
}

/// The result links in page order.
fn result_links() -> Vec<web_sys::HtmlElement> {
    let Ok(found) = document().query_selector_all(".search-results a[data-result]") else { return vec![] };
    (0..found.length()).filter_map(|i| found.item(i)?.dyn_into::<web_sys::HtmlElement>().ok()).collect()
}

/// Focuses the `n`th result link; false when there is none.
fn focus_result(n: usize) -> bool {
    result_links().get(n).map(|link| link.focus().is_ok()).unwrap_or(false)
}

/// ↑ and ↓ between result links; ↑ from the first goes back to the field.
fn move_between_results(e: ev::KeyboardEvent, field: NodeRef<html::Input>) {
    let step: isize = match e.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let links = result_links();
    let active = document().active_element();
    let Some(at) = links.iter().position(|l| active.as_ref() == Some(l.unchecked_ref())) else { return };
    e.prevent_default();
    let next = at as isize + step;
    if next < 0 {
        if let Some(field) = field.get() {
            let _ = field.focus();
        }
    } else if let Some(link) = links.get(next as usize) {
        let _ = link.focus();
    }
}
