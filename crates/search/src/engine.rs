//! The search engine: Pagefind, through `src/pagefind.js`, a module wasm-bindgen ships as a file
//! of its own (so the strict CSP holds: no inline script, no eval), and the answer it gives read
//! into plain Rust values ([`RawAnswer`]); the manifest's languages, for the language select.
//!
//! Only in a browser: natively there is no JavaScript to call. Not here: what the answer means
//! (`query`), drawing it (`page`).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::query::{Answer, Query, RawAnswer, RawHit, NAMES_SHOWN, PAGE_SIZE};

/// The folder of `lang`'s search under `root`: its events, its entities and outlets, their
/// shards and `shards.json` (see `src/pagefind.js`).
fn folder(root: &str, lang: &str) -> String {
    format!("{root}{lang}/")
}

/// Loads the search of `lang` (Pagefind, its wasm, the indexes' metadata) before the first
/// query.
pub async fn prepare(root: &str, lang: &str) -> Result<(), String> {
    bridge::prepare(&folder(root, lang)).await.map(|_| ()).map_err(js_error)
}

/// Runs `query` against the bundles under `root` (the site's `/pagefind/` with its base path):
/// one page of events and the best names.
pub async fn run(root: &str, query: &Query) -> Result<Answer, String> {
    let months = query.months().map(|m| m.join(",")).unwrap_or_default();
    let from = (query.page as usize - 1) * PAGE_SIZE;
    let answer = bridge::search(
        &folder(root, &query.lang),
        &query.text,
        &months,
        from as u32,
        PAGE_SIZE as u32,
        NAMES_SHOWN as u32,
    )
    .await
    .map_err(js_error)?;
    Ok(read_answer(&answer)?.read())
}

/// The languages the manifest at `url` lists (`languages[].lang`), parsed by the browser: serde
/// would weigh more in this module than all the rest.
pub async fn manifest_languages(url: &str) -> Result<Vec<String>, String> {
    let manifest = bridge::fetch_json(url).await.map_err(js_error)?;
    Ok(list(&manifest, "languages")?.iter().filter_map(|l| get(l, "lang").as_string()).collect())
}

/// What a failure in `src/pagefind.js` says: its message, or what was thrown when that is text.
fn js_error(thrown: JsValue) -> String {
    match thrown.dyn_ref::<js_sys::Error>() {
        Some(error) => error.message().into(),
        None => thrown.as_string().unwrap_or_else(|| "the search failed".into()),
    }
}

mod bridge {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/pagefind.js")]
    extern "C" {
        #[wasm_bindgen(catch)]
        pub async fn prepare(folder: &str) -> Result<JsValue, JsValue>;

        #[wasm_bindgen(catch)]
        pub async fn search(
            folder: &str,
            text: &str,
            months: &str,
            from: u32,
            count: u32,
            names_shown: u32,
        ) -> Result<JsValue, JsValue>;

        #[wasm_bindgen(catch, js_name = fetchJson)]
        pub async fn fetch_json(url: &str) -> Result<JsValue, JsValue>;
    }
}

// The plain object `src/pagefind.js` answers with, read property by property: a missing or
// mistyped property reads as empty, except the lists, without which there is no answer.

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(value: JsValue) -> String {
    value.as_string().unwrap_or_default()
}

fn list(object: &JsValue, key: &str) -> Result<Vec<JsValue>, String> {
    get(object, key).dyn_into::<Array>().map(|a| a.to_vec()).map_err(|_| format!("the answer has no `{key}` list"))
}

fn read_answer(answer: &JsValue) -> Result<RawAnswer, String> {
    let count = |key| get(answer, key).as_f64().unwrap_or(0.0) as usize;
    let events = list(answer, "events")?.iter().map(read_hit).collect::<Result<_, _>>()?;
    let names = list(answer, "names")?.iter().map(read_hit).collect::<Result<_, _>>()?;
    Ok(RawAnswer { found: count("found"), searched: count("searched"), records: count("records"), events, names })
}

fn read_hit(hit: &JsValue) -> Result<RawHit, String> {
    let meta = match get(hit, "meta").dyn_into::<Object>() {
        Ok(meta) => Object::entries(&meta).iter().map(|pair| (text(get(&pair, "0")), text(get(&pair, "1")))).collect(),
        Err(_) => vec![],
    };
    Ok(RawHit {
        score: get(hit, "score").as_f64().unwrap_or(0.0),
        block: get(hit, "block").as_f64().unwrap_or(0.0) as u32,
        url: text(get(hit, "url")),
        meta,
        excerpt: text(get(hit, "excerpt")),
        matched: list(hit, "matched")?.into_iter().filter_map(|word| word.as_string()).collect(),
    })
}
