//! Where the app is served: its origin and the sub-folder it lives under.
//!
//! Every link the app draws and every document it fetches hangs under the base path
//! (`/sub` for `trunk build --public-url /sub/`, empty at the root), and the few absolute URLs
//! it writes (the oEmbed link, the embed snippet) start with the origin. In the browser both
//! come from the page itself; when the site builder renders a page natively it provides them.
//!
//! Not here: the routes themselves (`eventlens_format::pages::paths`).

use leptos::prelude::*;

/// The site's origin (`https://example.com`) and base path (`/sub`, or "" at the root).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteUrl {
    pub origin: String,
    pub base: String,
}

impl SiteUrl {
    /// Read from the page: `<base href>`, which trunk writes from `--public-url`, and the
    /// location's origin.
    pub fn from_document() -> SiteUrl {
        let window = window();
        // Only a <base href> sets the base; without one, baseURI is the page's own URL.
        let base = window
            .document()
            .and_then(|d| d.query_selector("base[href]").ok().flatten())
            .and_then(|b| b.base_uri().ok().flatten())
            .and_then(|uri| web_sys::Url::new(&uri).ok())
            .map(|url| url.pathname().trim_end_matches('/').to_string())
            .unwrap_or_default();
        SiteUrl { origin: window.location().origin().unwrap_or_default(), base }
    }

    /// `path` of the app (`/zh/n/slug`) under the base path.
    pub fn path(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `path` as an absolute URL.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}{path}", self.origin, self.base)
    }
}

/// The site's URL as provided by the app (or a test); read from the document when no one has
/// provided it, as when a component is mounted on its own.
pub fn site_url() -> SiteUrl {
    use_context::<SiteUrl>().unwrap_or_else(SiteUrl::from_document)
}

/// `path` of the app under the base path: what every internal link and fetch uses.
pub fn app_url(path: &str) -> String {
    site_url().path(path)
}
