//! Fetching the collection's JSON: where it lives under the base path, and what can go wrong.
//!
//! Everything fetched is checked by the library's validator before a component sees it.

use eventlens_format::index::CollectionIndex;
use eventlens_format::model::{is_known_lang, is_url_safe_slug, EventBundle};
use eventlens_format::validate::{parse_bundle, Problem};
use gloo_net::http::Request;
use wasm_bindgen::JsCast;

/// Why a page's data could not be shown.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// No such event or entity: a 404, or a route that cannot name one.
    NotFound,
    /// The request failed before any answer came.
    Network(String),
    /// No answer within the time limit, in milliseconds.
    Timeout(u32),
    /// The server answered with an error status.
    Status(u16),
    /// The answer is bigger than the cap, in bytes.
    TooLarge { bytes: usize, cap: usize },
    /// The answer was not a valid bundle or index.
    Invalid(Vec<Problem>),
}

impl LoadError {
    /// Whether trying again could help: not for data that is wrong or too big.
    pub fn is_retryable(&self) -> bool {
        matches!(self, LoadError::Network(_) | LoadError::Timeout(_) | LoadError::Status(_))
    }
}

/// Defaults a site can change with `<meta name="eventlens:fetch-timeout-ms">` and
/// `<meta name="eventlens:max-bundle-bytes">` in index.html.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
pub const DEFAULT_MAX_BYTES: usize = 5 * 1024 * 1024;
/// The index grows with the collection (10,000 events make about 15 MB), so it gets its own,
/// larger cap.
pub const MAX_INDEX_BYTES: usize = 64 * 1024 * 1024;

fn meta_number(name: &str) -> Option<f64> {
    let selector = format!("meta[name=\"{name}\"]");
    web_sys::window()?.document()?.query_selector(&selector).ok()??.get_attribute("content")?.trim().parse().ok()
}

fn timeout_ms() -> u32 {
    meta_number("eventlens:fetch-timeout-ms").map_or(DEFAULT_TIMEOUT_MS, |v| v as u32)
}

fn max_bytes() -> usize {
    meta_number("eventlens:max-bundle-bytes").map_or(DEFAULT_MAX_BYTES, |v| v as usize)
}

/// The sub-folder the app is served under, without a trailing slash ("" at the root). trunk
/// writes it into `<base href>` from `--public-url`.
pub fn base_path() -> String {
    // Only a <base href> sets it; without one, baseURI is the page's own URL and the app is
    // at the root.
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|b| b.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok());
    base.map(|url| url.pathname().trim_end_matches('/').to_string()).unwrap_or_default()
}

/// A path of the app (`/zh/n/slug`) as a URL under the base path.
pub fn app_url(path: &str) -> String {
    format!("{}{path}", base_path())
}

/// GET with a time limit (an AbortController the timer fires) and a size cap checked against
/// Content-Length before reading and against the body after.
async fn get_text(path: &str, cap: usize) -> Result<String, LoadError> {
    let limit = timeout_ms();
    let controller = web_sys::AbortController::new().map_err(|_| LoadError::Network("AbortController".into()))?;
    let abort = {
        let controller = controller.clone();
        wasm_bindgen::closure::Closure::once(move || controller.abort())
    };
    let timer = web_sys::window()
        .and_then(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(abort.as_ref().unchecked_ref(), limit as i32).ok());
    let result = async {
        let response = Request::get(&app_url(path))
            .abort_signal(Some(&controller.signal()))
            .send()
            .await
            .map_err(|e| if controller.signal().aborted() { LoadError::Timeout(limit) } else { LoadError::Network(e.to_string()) })?;
        match response.status() {
            200..=299 => {}
            404 => return Err(LoadError::NotFound),
            status => return Err(LoadError::Status(status)),
        }
        let declared = response.headers().get("content-length").and_then(|v| v.parse::<usize>().ok());
        if let Some(bytes) = declared.filter(|b| *b > cap) {
            return Err(LoadError::TooLarge { bytes, cap });
        }
        let text = response
            .text()
            .await
            .map_err(|e| if controller.signal().aborted() { LoadError::Timeout(limit) } else { LoadError::Network(e.to_string()) })?;
        if text.len() > cap {
            return Err(LoadError::TooLarge { bytes: text.len(), cap });
        }
        Ok(text)
    }
    .await;
    if let (Some(id), Some(w)) = (timer, web_sys::window()) {
        w.clear_timeout_with_handle(id);
    }
    drop(abort);
    result
}

pub async fn fetch_bundle(lang: String, slug: String) -> Result<EventBundle, LoadError> {
    if !is_known_lang(&lang) || !is_url_safe_slug(&slug) {
        return Err(LoadError::NotFound);
    }
    let text = get_text(&format!("/data/{lang}/n/{slug}.json"), max_bytes()).await?;
    // Parsing a big bundle and rendering it are each a long piece of work; giving the event
    // loop a turn before and after the parse keeps them in separate tasks, so input and paint
    // get in between.
    next_task().await;
    let bundle = parse_bundle(&text).map_err(LoadError::Invalid);
    next_task().await;
    bundle
}

/// Resolves in a later task (a zero-delay timer), not in this one's microtasks.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub async fn fetch_index() -> Result<CollectionIndex, LoadError> {
    let text = get_text("/data/index.json", MAX_INDEX_BYTES).await?;
    serde_json::from_str(&text).map_err(|e| LoadError::Invalid(vec![Problem { path: "$".into(), message: e.to_string() }]))
}
