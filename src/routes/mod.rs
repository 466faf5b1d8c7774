//! One module per route.

pub mod embed;
pub mod entity;
pub mod explore;
pub mod event;
pub mod home;
pub mod not_found;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::base_path;
use eventlens_format::model::is_known_lang;

/// The language the path starts with (`/zh/...`), else the browser's preference. Read from the
/// location rather than route params so that it also works where no route matched (the 404
/// page, the site header).
pub fn route_lang() -> Memo<String> {
    let location = use_location();
    Memo::new(move |_| {
        let path = location.pathname.get();
        let path = path.strip_prefix(&base_path()).unwrap_or(&path);
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        if is_known_lang(first) { first.to_string() } else { browser_lang() }
    })
}

fn browser_lang() -> String {
    let nav = window().navigator().language().unwrap_or_default();
    if nav.starts_with("zh") { "zh".into() } else { "en".into() }
}

/// Keeps `<html lang>` right for screen readers and fonts as routes change.
pub fn sync_document_lang(lang: Memo<String>) {
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", &lang.get());
        }
    });
}
