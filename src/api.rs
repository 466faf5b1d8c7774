//! Fetching the documents pages are drawn from, and what can go wrong with that.
//!
//! Every document is checked before a component sees it: an event document by the format's own
//! validator, the derived pages by their bounds ([`Checked`]). A fetch belongs to the page that
//! asked for it: it is aborted when that page goes away (`on_cleanup`, as Leptos's hackernews
//! example does), and when it takes longer than the time limit.
//!
//! Not here: where documents live (`eventlens_format::pages::paths`), or how a route waits for
//! them (`routes::load`).

use std::any::Any;
use std::sync::Arc;

use eventlens_format::model::EventDoc;
use eventlens_format::pages::{Checked, ListPage, Manifest, Neighbourhood};
use eventlens_format::validate::{parse_doc, Problem};
use leptos::prelude::on_cleanup;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::site_url::app_url;

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
    /// The answer was not a valid document.
    Invalid(Vec<Problem>),
}

impl LoadError {
    /// Whether trying again could help: not for data that is wrong or too big.
    pub fn is_retryable(&self) -> bool {
        matches!(self, LoadError::Network(_) | LoadError::Timeout(_) | LoadError::Status(_))
    }
}

/// Defaults a site can change with `<meta name="eventlens:fetch-timeout-ms">` and
/// `<meta name="eventlens:max-bundle-bytes">` in index.html. The size cap is the format's own
/// limit on an event document, the biggest thing a page fetches.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
pub const DEFAULT_MAX_BYTES: usize = eventlens_format::pages::MAX_DOC_BYTES;

/// A document the app fetches: how it is read and checked.
pub trait Document: Sized + Send + Sync + 'static {
    fn read(text: &str) -> Result<Self, Vec<Problem>>;
}

impl Document for EventDoc {
    fn read(text: &str) -> Result<Self, Vec<Problem>> {
        parse_doc(text)
    }
}

/// The derived pages: JSON that must also keep within its bounds.
fn read_checked<T: DeserializeOwned + Checked>(text: &str) -> Result<T, Vec<Problem>> {
    let doc: T = eventlens_format::json::from_str(text)
        .map_err(|e| vec![Problem { path: "$".into(), message: format!("not a valid document: {e}") }])?;
    let problems = doc.check();
    if problems.is_empty() {
        Ok(doc)
    } else {
        Err(problems)
    }
}

macro_rules! checked_document {
    ($($t:ty),*) => {$(
        impl Document for $t {
            fn read(text: &str) -> Result<Self, Vec<Problem>> {
                read_checked(text)
            }
        }
    )*};
}
checked_document!(ListPage, Neighbourhood, Manifest);

fn meta_number(name: &str) -> Option<u64> {
    let selector = format!("meta[name=\"{name}\"]");
    web_sys::window()?.document()?.query_selector(&selector).ok()??.get_attribute("content")?.trim().parse().ok()
}

fn timeout_ms() -> u32 {
    meta_number("eventlens:fetch-timeout-ms").map_or(DEFAULT_TIMEOUT_MS, |v| v as u32)
}

fn max_bytes() -> usize {
    meta_number("eventlens:max-bundle-bytes").map_or(DEFAULT_MAX_BYTES, |v| v as usize)
}

/// How a document is read and checked, its type erased (`routes::load` downcasts it back).
pub type Reader = fn(&str) -> Result<Arc<dyn Any + Send + Sync>, Vec<Problem>>;

/// Fetches the document at `path` (a path of the site, under its base) and checks it with `read`.
pub async fn fetch_document(path: String, read: Reader) -> Result<Arc<dyn Any + Send + Sync>, LoadError> {
    let text = get_text(&app_url(&path), max_bytes()).await?;
    // Parsing a big document and rendering it are each a long piece of work; giving the event
    // loop a turn before and after the parse keeps them in separate tasks, so input and paint
    // get in between.
    next_task().await;
    let doc = read(&text).map_err(LoadError::Invalid);
    next_task().await;
    doc
}

/// GET with a time limit (an AbortController the timer fires, and the page's cleanup too) and
/// a size cap checked against Content-Length before reading and against the body after.
async fn get_text(url: &str, cap: usize) -> Result<String, LoadError> {
    let limit = timeout_ms();
    let controller = web_sys::AbortController::new().map_err(|_| LoadError::Network("AbortController".into()))?;
    // Abort in-flight requests if, e.g., the reader has navigated away from this page.
    on_cleanup({
        let controller = send_wrapper::SendWrapper::new(controller.clone());
        move || controller.abort()
    });
    let abort = {
        let controller = controller.clone();
        wasm_bindgen::closure::Closure::once(move || controller.abort())
    };
    let timer = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(abort.as_ref().unchecked_ref(), limit as i32).ok()
    });
    // A rejected fetch is a timeout when our timer aborted it, else the network's failure.
    let failed = |e: wasm_bindgen::JsValue, controller: &web_sys::AbortController| {
        if controller.signal().aborted() {
            LoadError::Timeout(limit)
        } else {
            LoadError::Network(js_sys::Error::from(e).message().into())
        }
    };
    let result = async {
        let init = web_sys::RequestInit::new();
        init.set_signal(Some(&controller.signal()));
        let window = web_sys::window().ok_or_else(|| LoadError::Network("no window".into()))?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(|e| failed(e, &controller))?
            .unchecked_into();
        match response.status() {
            200..=299 => {}
            404 => return Err(LoadError::NotFound),
            status => return Err(LoadError::Status(status)),
        }
        let declared = response.headers().get("content-length").ok().flatten().and_then(|v| v.parse::<usize>().ok());
        if let Some(bytes) = declared.filter(|b| *b > cap) {
            return Err(LoadError::TooLarge { bytes, cap });
        }
        let body = response.text().map_err(|e| failed(e, &controller))?;
        let text = JsFuture::from(body).await.map_err(|e| failed(e, &controller))?.as_string().unwrap_or_default();
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

/// Resolves in a later task (a zero-delay timer), not in this one's microtasks.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
