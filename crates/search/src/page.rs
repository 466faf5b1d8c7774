//! The search page in the browser: reads the query from the URL, runs it, and draws the answer
//! under the form the site builder prerendered (the app's `routes::search`).
//!
//! Everything a search depends on is in the URL (see [`Query`]), so a search can be shared and
//! back and forward replay it: submitting the form, a pager link or an outlet's link pushes the
//! query's URL and searches in place, and `popstate` searches again from the URL. Links to
//! events and entities are plain links: those pages are the app's.
//!
//! Keyboard: `/` focuses the field, ↓ from the field goes to the first result, ↑ and ↓ move
//! between results, ↑ from the first goes back to the field, Enter opens one (they are links).
//!
//! Every piece of an answer becomes text nodes and elements made here; nothing from the index
//! becomes HTML. The markup and classes are the ones the app's pages use (`event-item-meta`,
//! the pager's), so the site's stylesheet draws them alike.

use std::cell::Cell;
use std::rc::Rc;

use eventlens_format::pages::paths;
use eventlens_i18n::Ui;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent};

use crate::engine;
use crate::query::{Answer, EventHit, NameHit, Query, Span, PAGE_SIZE};

/// The prerendered page's parts, and what the module keeps between searches.
struct Page {
    doc: Document,
    form: Element,
    field: HtmlInputElement,
    language: HtmlSelectElement,
    from: HtmlInputElement,
    to: HtmlInputElement,
    results: Element,
    /// The page's language (`/{lang}/search`), which its words are in.
    lang: String,
    ui: Ui,
    /// The site's base path (`/sub`, or "" at the root).
    base: String,
    /// Counts searches, so that an answer to a query the reader has since left is dropped.
    latest: Cell<u32>,
}

/// What the page shows under the form.
enum Outcome {
    Prompt,
    Found(Answer),
    Failed(String),
}

/// Starts the search page in `root` (`#search`, with `data-lang` and `data-base`).
pub fn start(root: Element) -> Option<()> {
    let doc = root.owner_document()?;
    let find = |selector: &str| root.query_selector(selector).ok().flatten();
    let lang = root.get_attribute("data-lang")?;
    let page = Rc::new(Page {
        form: find("form.search-form")?,
        field: find("#search-q")?.dyn_into().ok()?,
        language: find("select[name=in]")?.dyn_into().ok()?,
        from: find("input[name=from]")?.dyn_into().ok()?,
        to: find("input[name=to]")?.dyn_into().ok()?,
        results: find(".search-results")?,
        ui: Ui::for_lang(&lang),
        lang,
        base: root.get_attribute("data-base").unwrap_or_default(),
        latest: Cell::new(0),
        doc,
    });
    listen(&page.form, "submit", {
        let page = page.clone();
        move |e| {
            e.prevent_default();
            let pairs = [
                ("q", page.field.value()),
                ("in", page.language.value()),
                ("from", page.from.value()),
                ("to", page.to.value()),
            ];
            let next =
                Query::from_params(&page.lang, |k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.clone()));
            go(&page, &format!("{}{}", page.base, next.url(&page.lang)));
        }
    });
    listen(&page.results, "click", {
        let page = page.clone();
        move |e| follow_in_place(&page, e)
    });
    listen(&page.results, "keydown", {
        let page = page.clone();
        move |e| move_between_results(&page, e.unchecked_ref())
    });
    listen(&page.field, "keydown", {
        let page = page.clone();
        move |e| {
            let key: &KeyboardEvent = e.unchecked_ref();
            if key.key() == "ArrowDown" && focus_result(&page, 0) {
                e.prevent_default();
            }
        }
    });
    let window = web_sys::window()?;
    listen(&window, "popstate", {
        let page = page.clone();
        move |_| show(&page)
    });
    listen(&window, "keydown", {
        let page = page.clone();
        move |e| focus_on_slash(&page, e.unchecked_ref())
    });
    fill_languages(page.clone());
    show(&page);
    Some(())
}

/// Calls `f` on every `event` at `target`, for as long as the page lives.
fn listen(target: &web_sys::EventTarget, event: &str, f: impl FnMut(web_sys::Event) + 'static) {
    let f = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    let _ = target.add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
    f.forget();
}

/// Pushes `url` (under the base) and searches what it says.
fn go(page: &Rc<Page>, url: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(url));
    }
    show(page);
}

/// A plain click on a link to this same search page (a pager link, an outlet's events) searches
/// in place; every other link is left to the browser.
fn follow_in_place(page: &Rc<Page>, e: web_sys::Event) {
    let click: &web_sys::MouseEvent = e.unchecked_ref();
    if click.button() != 0 || click.ctrl_key() || click.meta_key() || click.shift_key() || click.alt_key() {
        return;
    }
    let link = e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest("a[href]").ok().flatten());
    let Some(href) = link.and_then(|a| a.get_attribute("href")) else { return };
    let here = page.doc.location().and_then(|l| l.pathname().ok()).unwrap_or_default();
    if href.split('?').next() == Some(here.as_str()) {
        e.prevent_default();
        go(page, &href);
    }
}

/// The query in the page's URL.
fn current_query(page: &Page) -> Query {
    let search = page.doc.location().and_then(|l| l.search().ok()).unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    Query::from_params(&page.lang, |k| params.as_ref().and_then(|p| p.get(k)))
}

/// Shows the query the URL holds: the form says it, the title names it, and the answer follows.
fn show(page: &Rc<Page>) {
    let query = current_query(page);
    page.field.set_value(&query.text);
    ensure_language(page, &query.lang);
    page.language.set_value(&query.lang);
    page.from.set_value(query.from.as_deref().unwrap_or(""));
    page.to.set_value(query.to.as_deref().unwrap_or(""));
    let ui = page.ui;
    page.doc.set_title(&match query.text.as_str() {
        "" => format!("{} · eventlens", ui.search()),
        text => format!("{text} · {} · eventlens", ui.search()),
    });
    let this = page.latest.get() + 1;
    page.latest.set(this);
    clear(&page.results);
    let status = add(page, &page.results, "p", &[("class", "search-status"), ("role", "status")]);
    add_text(page, &status, ui.searching());
    let page = page.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let root = format!("{}/pagefind/", page.base);
        // The engine loads with the page, before the reader has typed: `data-ready` on the form
        // says when it is here (benchmarks count a query's bytes from then).
        if engine::prepare(&root, &query.lang).await.is_ok() {
            let _ = page.form.set_attribute("data-ready", "");
        }
        let outcome = if query.text.is_empty() {
            Outcome::Prompt
        } else {
            match engine::run(&root, &query).await {
                Ok(answer) => Outcome::Found(answer),
                Err(e) => Outcome::Failed(e),
            }
        };
        if page.latest.get() == this {
            clear(&page.results);
            draw(&page, &query, outcome);
        }
    });
}

fn draw(page: &Page, query: &Query, outcome: Outcome) {
    let (ui, at) = (page.ui, &page.results);
    let answer = match outcome {
        Outcome::Prompt => {
            let p = add(page, at, "p", &[("class", "search-status")]);
            return add_text(page, &p, ui.search_prompt());
        }
        Outcome::Failed(error) => {
            let alert = add(page, at, "div", &[("class", "search-status"), ("role", "alert")]);
            let p = add(page, &alert, "p", &[]);
            add_text(page, &p, ui.search_unavailable());
            let detail = add(page, &alert, "pre", &[("class", "load-detail")]);
            return add_text(page, &detail, &error);
        }
        Outcome::Found(answer) => answer,
    };
    if answer.total == 0 && answer.names.is_empty() {
        return nothing_found(page, query);
    }
    let status = add(page, at, "p", &[("class", "search-status"), ("role", "status")]);
    if answer.estimated {
        add_text(page, &status, &ui.search_results_about(answer.total, &query.text));
        let why = add(page, at, "p", &[("class", "search-order")]);
        add_text(page, &why, ui.search_newest_first());
    } else {
        add_text(page, &status, &ui.search_results(answer.total, &query.text));
    }
    if !answer.names.is_empty() {
        names(page, query, &answer.names);
    }
    if answer.total > 0 {
        let section = add(page, at, "section", &[("aria-labelledby", "search-events")]);
        let h2 = add(page, &section, "h2", &[("id", "search-events")]);
        add_text(page, &h2, ui.events_heading());
        let list = add(page, &section, "ol", &[("class", "search-hits"), ("lang", &query.lang)]);
        for hit in &answer.events {
            event_hit(page, &list, &query.lang, hit);
        }
        let pages = answer.total.div_ceil(PAGE_SIZE).max(1) as u32;
        pager(page, &section, query, query.page.min(pages), pages);
    }
}

fn event_hit(page: &Page, list: &Element, lang: &str, hit: &EventHit) {
    let ui = page.ui;
    let li = add(page, list, "li", &[("class", "search-hit")]);
    let h3 = add(page, &li, "h3", &[]);
    let href = format!("{}{}", page.base, paths::event_page(lang, &hit.slug));
    let a = add(page, &h3, "a", &[("href", &href), ("data-result", "")]);
    add_text(page, &a, &hit.title);
    // The dek, with what matched marked; where the dek has no match, the passage that does.
    if hit.dek.iter().any(|s| matches!(s, Span::Mark(_))) {
        let p = add(page, &li, "p", &[("class", "search-excerpt search-dek")]);
        highlighted(page, &p, &hit.dek);
    } else {
        let p = add(page, &li, "p", &[("class", "search-excerpt")]);
        add_text(page, &p, "… ");
        highlighted(page, &p, &hit.excerpt);
        add_text(page, &p, " …");
    }
    let meta = add(page, &li, "p", &[("class", "event-item-meta")]);
    let time = add(page, &meta, "time", &[("datetime", &hit.date)]);
    add_text(page, &time, &ui.date(&hit.date));
    let [takes, lenses, regions] = hit.counts;
    let counts = [ui.takes_count(takes), ui.lenses_count(lenses), ui.regions_count(regions)].join(" · ");
    add_text(page, &meta, &format!(" · {counts}"));
}

/// Text nodes and `<mark>` elements, never HTML from the index.
fn highlighted(page: &Page, parent: &Element, spans: &[Span]) {
    for span in spans {
        match span {
            Span::Text(text) => add_text(page, parent, text),
            Span::Mark(text) => {
                let mark = add(page, parent, "mark", &[]);
                add_text(page, &mark, text);
            }
        }
    }
}

fn names(page: &Page, query: &Query, names: &[NameHit]) {
    let ui = page.ui;
    let section = add(page, &page.results, "section", &[("aria-labelledby", "search-names")]);
    let h2 = add(page, &section, "h2", &[("id", "search-names")]);
    add_text(page, &h2, ui.names_heading());
    let list = add(page, &section, "ul", &[("class", "search-names"), ("lang", &query.lang)]);
    for name in names {
        let (href, text, kind, events) = match name {
            NameHit::Entity { slug, name, events } => {
                (paths::entity_page(&query.lang, slug, 1), name, ui.entity(), *events)
            }
            NameHit::Outlet { name, events } => {
                let cites = Query { text: name.clone(), lang: query.lang.clone(), page: 1, ..Query::default() };
                (cites.url(&page.lang), name, ui.outlet(), *events)
            }
        };
        let li = add(page, &list, "li", &[]);
        let a = add(page, &li, "a", &[("href", &format!("{}{href}", page.base)), ("data-result", "")]);
        add_text(page, &a, text);
        let kind_of = add(page, &li, "span", &[("class", "search-name-kind")]);
        add_text(page, &kind_of, &format!("{kind} · {}", ui.events_total(events as u32)));
    }
}

/// "Page 2 of 5" with links to the pages before and after, as the app's list pages have
/// (`components::event_list::Pager`); nothing for one page.
fn pager(page: &Page, parent: &Element, query: &Query, at: u32, pages: u32) {
    if pages <= 1 {
        return;
    }
    let ui = page.ui;
    let nav = add(page, parent, "nav", &[("class", "pager"), ("aria-label", ui.pages_nav())]);
    let link = |n: u32, rel: &str, class: &str, text: &str| {
        let href = format!("{}{}", page.base, query.with_page(n).url(&page.lang));
        let a = add(page, &nav, "a", &[("href", &href), ("rel", rel), ("class", class)]);
        add_text(page, &a, text);
    };
    if at > 1 {
        link(at - 1, "prev", "pager-prev", ui.previous_page());
    }
    let status = add(page, &nav, "span", &[("class", "pager-status"), ("aria-current", "page")]);
    add_text(page, &status, &ui.page_of(at, pages));
    if at < pages {
        link(at + 1, "next", "pager-next", ui.next_page());
    }
}

/// A query with no match: say so, and what might help.
fn nothing_found(page: &Page, query: &Query) {
    let ui = page.ui;
    let empty = add(page, &page.results, "div", &[("class", "search-empty"), ("role", "status")]);
    let title = add(page, &empty, "p", &[("class", "search-empty-title")]);
    add_text(page, &title, &ui.no_results(&query.text));
    let hints = add(page, &empty, "ul", &[]);
    for hint in ui.no_results_hints() {
        let li = add(page, &hints, "li", &[]);
        add_text(page, &li, hint);
    }
    let p = add(page, &empty, "p", &[]);
    let a = add(page, &p, "a", &[("href", &format!("{}{}", page.base, paths::home_page(&page.lang, 1)))]);
    add_text(page, &a, ui.back_home());
}

/// A new `tag` element with `attrs`, the last child of `parent`.
fn add(page: &Page, parent: &Element, tag: &str, attrs: &[(&str, &str)]) -> Element {
    let el = page.doc.create_element(tag).expect("a known tag name");
    for (name, value) in attrs {
        let _ = el.set_attribute(name, value);
    }
    let _ = parent.append_child(&el);
    el
}

/// `text` as a text node, the last child of `parent`.
fn add_text(page: &Page, parent: &Element, text: &str) {
    let _ = parent.append_child(&page.doc.create_text_node(text));
}

fn clear(el: &Element) {
    el.set_text_content(None);
}

/// The languages the collection has (the manifest's) in the language select, once the manifest
/// is here; the chosen one stays whether or not it is among them.
fn fill_languages(page: Rc<Page>) {
    wasm_bindgen_futures::spawn_local(async move {
        let url = format!("{}{}", page.base, paths::MANIFEST);
        let Ok(langs) = engine::manifest_languages(&url).await else { return };
        let chosen = page.language.value();
        for lang in langs {
            ensure_language(&page, &lang);
        }
        page.language.set_value(&chosen);
    });
}

/// An option for `lang` in the language select, unless it has one.
fn ensure_language(page: &Page, lang: &str) {
    let options = page.language.options();
    let known =
        (0..options.length()).any(|i| options.item(i).and_then(|o| o.get_attribute("value")).as_deref() == Some(lang));
    if !known {
        let option = add(page, &page.language, "option", &[("value", lang)]);
        add_text(page, &option, &page.ui.language_name(lang));
    }
}

/// The result links in page order.
fn result_links(page: &Page) -> Vec<HtmlElement> {
    let Ok(found) = page.results.query_selector_all("a[data-result]") else { return vec![] };
    (0..found.length()).filter_map(|i| found.item(i)?.dyn_into::<HtmlElement>().ok()).collect()
}

/// Focuses the `n`th result link; false when there is none.
fn focus_result(page: &Page, n: usize) -> bool {
    result_links(page).get(n).map(|link| link.focus().is_ok()).unwrap_or(false)
}

/// ↑ and ↓ between result links; ↑ from the first goes back to the field.
fn move_between_results(page: &Page, e: &KeyboardEvent) {
    let step: isize = match e.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let links = result_links(page);
    let active = page.doc.active_element();
    let Some(at) = links.iter().position(|l| active.as_ref() == Some(l.unchecked_ref())) else { return };
    e.prevent_default();
    let next = at as isize + step;
    if next < 0 {
        let _ = page.field.focus();
    } else if let Some(link) = links.get(next as usize) {
        let _ = link.focus();
    }
}

/// `/` anywhere but in a field focuses the search field, as the app's header box does on its
/// pages (`components::search_box`).
fn focus_on_slash(page: &Page, e: &KeyboardEvent) {
    if e.key() != "/" || e.ctrl_key() || e.meta_key() || e.alt_key() || e.default_prevented() {
        return;
    }
    let typing = e.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || el.closest("[contenteditable]").ok().flatten().is_some()
    });
    if !typing {
        e.prevent_default();
        let _ = page.field.focus();
    }
}
