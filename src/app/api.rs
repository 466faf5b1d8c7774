//! Fetching the collection's JSON: where it lives under the base path, and what can go wrong.
//!
//! Everything fetched is checked by the library's validator before a component sees it.

use crate::index::CollectionIndex;
use crate::model::{is_known_lang, is_url_safe_slug, EventBundle};
use crate::validate::{parse_bundle, Problem};
use gloo_net::http::Request;

/// Why a page's data could not be shown.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// No such event or entity: a 404, or a route that cannot name one.
    NotFound,
    /// The request failed before any answer came.
    Network(String),
    /// The server answered with an error status.
    Status(u16),
    /// The answer was not a valid bundle or index.
    Invalid(Vec<Problem>),
}

/// The sub-folder the app is served under, without a trailing slash ("" at the root). trunk
/// writes it into `<base href>` from `--public-url`.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let path = base.split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string())).unwrap_or_default();
    path.trim_end_matches('/').to_string()
}

/// A path of the app (`/zh/n/slug`) as a URL under the base path.
pub fn app_url(path: &str) -> String {
    format!("{}{path}", base_path())
}

async fn get_text(path: &str) -> Result<String, LoadError> {
    let response = Request::get(&app_url(path)).send().await.map_err(|e| LoadError::Network(e.to_string()))?;
    match response.status() {
        200..=299 => response.text().await.map_err(|e| LoadError::Network(e.to_string())),
        404 => Err(LoadError::NotFound),
        status => Err(LoadError::Status(status)),
    }
}

pub async fn fetch_bundle(lang: String, slug: String) -> Result<EventBundle, LoadError> {
    if !is_known_lang(&lang) || !is_url_safe_slug(&slug) {
        return Err(LoadError::NotFound);
    }
    let text = get_text(&format!("/data/{lang}/n/{slug}.json")).await?;
    parse_bundle(&text).map_err(LoadError::Invalid)
}

pub async fn fetch_index() -> Result<CollectionIndex, LoadError> {
    let text = get_text("/data/index.json").await?;
    serde_json::from_str(&text).map_err(|e| LoadError::Invalid(vec![Problem { path: "$".into(), message: e.to_string() }]))
}
