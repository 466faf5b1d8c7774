//! One module per route, each a thin layer: read the typed params, name the documents the page
//! needs ([`load`]), and hand them to the components that draw it.
//!
//! | route | module | documents |
//! | --- | --- | --- |
//! | `/`, `/{lang}`, `/{lang}/page/{n}` | [`home`] | the manifest (at `/`), a home list page |
//! | `/{lang}/n/{slug}` | [`event`] | the event document, its neighbourhood |
//! | `/{lang}/n/{slug}/named-by[/page/{n}]` | [`named_by`] | a named-by list page |
//! | `/{lang}/entity/{slug}[/page/{n}]` | [`entity`] | an entity list page |
//! | `/embed/{lang}/n/{slug}` | [`embed`] | the event document, its neighbourhood |
//! | `/{lang}/graph` | [`explore`] | none: the explorer is a page of its own |
//! | `/{lang}/search?q=…` | [`search`] | none: the search is a page of its own (`crates/search`) |
//! | anything else | [`not_found`] | none |

pub mod embed;
pub mod entity;
pub mod event;
pub mod explore;
pub mod home;
pub mod load;
pub mod named_by;
pub mod not_found;
pub mod search;

use eventlens_format::model::{is_known_lang, is_url_safe_slug};
use leptos::prelude::*;
use leptos::Params;
use leptos_router::hooks::use_location;
use leptos_router::params::Params;

use crate::site_url::site_url;

/// `/{lang}/…` routes, with an optional page number.
#[derive(Params, PartialEq, Clone, Debug)]
pub struct LangParams {
    pub lang: Option<String>,
    pub page: Option<u32>,
}

/// `/{lang}/{kind}/{slug}…` routes, with an optional page number.
#[derive(Params, PartialEq, Clone, Debug)]
pub struct SlugParams {
    pub lang: Option<String>,
    pub slug: Option<String>,
    pub page: Option<u32>,
}

/// What a route names once its params are known to be well formed: a language, a slug where
/// the route has one, and a page (1 when absent). `None` for anything that cannot name a page
/// of the site, which the routes answer with their 404.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub lang: String,
    pub slug: String,
    pub page: u32,
}

impl SlugParams {
    pub fn named(&self) -> Option<Named> {
        let lang = self.lang.clone().filter(|l| is_known_lang(l))?;
        let slug = self.slug.clone().filter(|s| is_url_safe_slug(s))?;
        let page = self.page.unwrap_or(1);
        (page >= 1).then_some(Named { lang, slug, page })
    }
}

impl LangParams {
    pub fn named(&self) -> Option<Named> {
        let lang = self.lang.clone().filter(|l| is_known_lang(l))?;
        let page = self.page.unwrap_or(1);
        (page >= 1).then_some(Named { lang, slug: String::new(), page })
    }
}

/// The language the path starts with (`/zh/...`, `/embed/zh/...`), else the browser's
/// preference. Read from the location rather than route params so that it also works where no
/// route matched (the 404 page) and outside the routes (the site header, `<html lang>`).
pub fn route_lang() -> Memo<String> {
    let location = use_location();
    let base = site_url().base;
    Memo::new(move |_| {
        let path = location.pathname.get();
        let path = path.strip_prefix(base.as_str()).unwrap_or(&path);
        let mut parts = path.trim_start_matches('/').split('/');
        let first = parts.next().unwrap_or("");
        let first = if first == "embed" { parts.next().unwrap_or("") } else { first };
        if is_known_lang(first) {
            first.to_string()
        } else {
            browser_lang()
        }
    })
}

/// Chinese for a reader whose browser prefers it, else English. Natively (when the site builder
/// renders a page) there is no browser, and every rendered route names its language.
fn browser_lang() -> String {
    if cfg!(feature = "ssr") {
        return "en".into();
    }
    let preferred = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    if preferred.starts_with("zh") {
        "zh".into()
    } else {
        "en".into()
    }
}
