//! Component tests in headless Chromium (wasm-bindgen-test): real components mounted into a
//! real DOM, clicked the way a reader clicks them.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use eventlens::components::inline::inline_view;
use eventlens::components::lens_section::LensSection;
use eventlens::components::take_card::TakeCard;
use eventlens::i18n::Ui;
use eventlens::reader::Filters;
use eventlens::routes::event::EventView;
use eventlens_format::inline;
use eventlens_format::model::{EventBundle, EventDoc};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlDetailsElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../public/data/zh/n/anthropic-alibaba-claude-distillation.json");

fn seed() -> EventBundle {
    serde_json::from_str(SEED).unwrap()
}

/// The seed as the app reads it on a built site: its inline markdown parsed, as `bundle site`
/// does.
fn seed_doc() -> Arc<EventDoc> {
    Arc::new(seed().to_doc())
}

/// A fresh container; the mounted view stays alive for the rest of the test run.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> Element {
    let doc = document();
    let container = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone().unchecked_into(), view);
    std::mem::forget(handle);
    container
}

/// Lets effects and render effects run, as the browser would between a click and a paint.
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"))
}

fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

fn is_open(details: &Element) -> bool {
    details.unchecked_ref::<HtmlDetailsElement>().open()
}

/// Whether a reader can see `el` (Element.checkVisibility, which web-sys does not bind): a closed
/// `<details>` keeps its content in the DOM, and even laid out, but shows none of it.
fn is_visible(el: &Element) -> bool {
    let check: js_sys::Function = js_sys::Reflect::get(el, &"checkVisibility".into()).unwrap().unchecked_into();
    check.call0(el).unwrap().is_truthy()
}

fn visible_takes(root: &Element) -> usize {
    all(root, "article.take").iter().filter(|t| is_visible(t)).count()
}

#[wasm_bindgen_test]
async fn lens_summary_shows_and_hides_its_takes() {
    let open = RwSignal::new(false);
    let root = mount(move || {
        view! {
            <LensSection doc=seed_doc() index=1 anchor="lens-unlabelled".to_string() open=open
                on_toggle=Callback::new(move |to| open.set(to))
                filters=RwSignal::new(Filters::default()) ui=Ui::Zh/>
        }
    });
    let details = one(&root, "details.lens");
    let summary = one(&details, "summary.lens-toggle");
    let body = one(&details, ".lens-body");
    assert_eq!(body.id(), "lens-unlabelled");
    assert!(!is_open(&details));
    assert!(text(&summary).contains("12 条观点"));
    // Closed, the takes are there (a saved page shows them when opened) but not seen.
    assert_eq!(all(&body, "article.take").len(), 12);
    assert_eq!(visible_takes(&root), 0);

    click(&summary);
    settle().await;
    assert!(is_open(&details));
    assert!(open.get_untracked(), "the toggle reached the page's state");
    assert_eq!(visible_takes(&root), 12);

    click(&summary);
    settle().await;
    assert!(!is_open(&details));
    assert!(!open.get_untracked());
    assert_eq!(visible_takes(&root), 0);

    // The page's state drives the element too (expand all, ?open=, back and forward).
    open.set(true);
    settle().await;
    assert!(is_open(&details));
    assert_eq!(visible_takes(&root), 12);
}

#[wasm_bindgen_test]
async fn a_big_lens_renders_its_takes_only_when_first_opened() {
    let open = RwSignal::new(false);
    let root = mount(move || {
        view! {
            <LensSection doc=seed_doc() index=1 anchor="lens-lazy".to_string() open=open
                on_toggle=Callback::new(move |to| open.set(to))
                filters=RwSignal::new(Filters::default()) ui=Ui::Zh eager=false/>
        }
    });
    assert!(all(&root, "article.take").is_empty());
    click(&one(&root, "summary"));
    settle().await;
    assert_eq!(visible_takes(&root), 12);
}

#[wasm_bindgen_test]
async fn expand_all_collapse_all_filters_and_counts() {
    let root = mount(|| view! { <Router><EventView doc=seed_doc()/></Router> });
    settle().await;
    assert_eq!(all(&root, "details.lens").len(), 6);
    let expanded = |root: &Element| all(root, "details.lens").iter().map(is_open).collect::<Vec<_>>();
    // Default rule: lenses with at most 3 takes start open; the 12-take lens starts closed.
    assert_eq!(expanded(&root), [true, false, true, true, true, true]);

    let controls = all(&root, ".lens-controls button");
    click(&controls[0]);
    settle().await;
    assert_eq!(expanded(&root), [true; 6]);
    assert_eq!(visible_takes(&root), 17);
    click(&controls[1]);
    settle().await;
    assert_eq!(expanded(&root), [false; 6]);
    assert_eq!(visible_takes(&root), 0);
    click(&controls[0]);
    settle().await;

    // Language chip "中文" (zh): only Global Times is left; region chips recount.
    let lang_chip = all(&root, ".chip-group:nth-child(2) .chip")
        .into_iter()
        .find(|c| text(c).starts_with("中文"))
        .expect("zh chip");
    assert_eq!(text(&one(&lang_chip, ".chip-count")), "1");
    click(&lang_chip);
    settle().await;
    assert_eq!(lang_chip.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(all(&root, "article.take").len(), 1);
    let region_counts: Vec<(String, String)> = all(&root, ".chip-group:nth-child(1) .chip")
        .iter()
        .skip(1)
        .map(|c| (text(c).replace(&text(&one(c, ".chip-count")), ""), text(&one(c, ".chip-count"))))
        .collect();
    assert!(region_counts.contains(&("China".into(), "1".into())), "{region_counts:?}");
    assert!(region_counts.contains(&("United States".into(), "0".into())), "{region_counts:?}");
    // A lens the filter empties says so instead of going blank.
    assert_eq!(all(&root, ".lens-empty").len(), 5);
    assert!(text(&one(&root, "details.lens:has(#lens-unlabelled) .lens-count")).contains("显示 0 / 12"));

    let all_chip = one(&root, ".chip-group:nth-child(2) .chip");
    click(&all_chip);
    settle().await;
    assert_eq!(all(&root, "article.take").len(), 17);
    assert_eq!(all(&root, ".lens-empty").len(), 0);
}

#[wasm_bindgen_test]
async fn summary_links_route_inside_the_app_and_never_run_script() {
    // Parsed as the site build parses a bundle's inline markdown into its document.
    let nodes = inline::parse(
        "[Anthropic](/zh/entity/anthropic)说，见[原文](https://example.com/a)，[点我](javascript:alert(1))<img src=x onerror=alert(1)>",
    );
    let root = mount(move || view! { <Router><p>{inline_view(&nodes)}</p></Router> });
    settle().await;
    let links = all(&root, "a");
    assert_eq!(links.len(), 2, "{}", root.inner_html());
    assert_eq!(links[0].get_attribute("href").as_deref(), Some("/zh/entity/anthropic"));
    assert_eq!(links[0].get_attribute("target"), None);
    assert_eq!(links[1].get_attribute("href").as_deref(), Some("https://example.com/a"));
    assert_eq!(links[1].get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(links[1].get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    assert!(all(&root, "img").is_empty());
    assert!(text(&root).contains("点我<img src=x onerror=alert(1)>"));
}

#[wasm_bindgen_test]
async fn an_empty_take_summary_leaves_no_trace() {
    let bundle = seed();
    let bloomberg = bundle.lenses[1].takes[0].clone();
    assert!(bloomberg.summary.is_empty());
    let root = mount(move || view! { <TakeCard take=bloomberg ui=Ui::Zh text_lang="zh"/> });
    settle().await;
    assert!(all(&root, ".take-summary").is_empty());
    assert!(all(&root, "blockquote").is_empty());
    assert!(!text(&root).contains('—'));
    let link = one(&root, "a.take-source");
    assert!(text(&link).contains("bloomberg.com"));
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    assert_eq!(one(&root, ".take-outlet").get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn a_quote_is_a_blockquote_citing_its_source() {
    let cnbc = seed().lenses[0].takes[0].clone();
    let url = cnbc.url.clone();
    let root = mount(move || view! { <TakeCard take=cnbc ui=Ui::En text_lang="zh"/> });
    settle().await;
    let quote = one(&root, "blockquote.take-quote");
    assert_eq!(quote.get_attribute("cite"), Some(url));
    assert_eq!(quote.get_attribute("lang").as_deref(), Some("zh"));
    assert!(text(&quote).contains("2880万次"));
}
