//! oEmbed 1.0 documents for events, so that a partner's CMS can turn a pasted event link into
//! the embed snippet. `bundle index` writes one per event at `/oembed/{lang}/n/{slug}.json`.
//!
//! The `html` field is the one place eventlens writes HTML from data, for another site to
//! paste; every value in it is escaped. Not here: serving them as a `?url=` endpoint (a web
//! server rewrite, see deploy/README.md).

use serde::{Deserialize, Serialize};

use crate::index::EventSummary;

/// The iframe's starting size; the loader resizes it to the content.
pub const DEFAULT_WIDTH: u32 = 720;
pub const DEFAULT_HEIGHT: u32 = 900;
/// A day: bundles change rarely, and a stale snippet still works.
pub const CACHE_AGE_SECONDS: u32 = 86_400;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OEmbed {
    pub version: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub html: String,
    pub width: u32,
    pub height: u32,
    pub title: String,
    pub provider_name: String,
    pub provider_url: String,
    pub cache_age: u32,
}

/// The oEmbed document for `event`, served from `site` (an origin such as `https://example.com`).
pub fn oembed_for(event: &EventSummary, site: &str) -> OEmbed {
    let site = site.trim_end_matches('/');
    OEmbed {
        version: "1.0".into(),
        kind: "rich".into(),
        html: embed_snippet(event, site),
        width: DEFAULT_WIDTH,
        height: DEFAULT_HEIGHT,
        title: event.title.clone(),
        provider_name: "eventlens".into(),
        provider_url: format!("{site}/"),
        cache_age: CACHE_AGE_SECONDS,
    }
}

/// The snippet a partner pastes: a blockquote that stays a working link without JavaScript,
/// and the loader that turns it into a widget.
pub fn embed_snippet(event: &EventSummary, site: &str) -> String {
    let route = format!("{}/n/{}", event.lang, event.slug);
    format!(
        "<blockquote class=\"eventlens-embed\" data-event=\"{route}\">\n  <a href=\"{site}/{route}\">{title}</a>\n</blockquote>\n<script async src=\"{site}/embed.js\"></script>",
        route = escape_html(&route),
        site = escape_html(site),
        title = escape_html(&event.title),
    )
}

pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The origin of an http(s) URL: where an event's canonical page, and so eventlens, lives.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())?;
    Some(format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Counts;

    fn event(title: &str) -> EventSummary {
        EventSummary {
            slug: "a-b".into(),
            lang: "zh".into(),
            title: title.into(),
            dek: String::new(),
            kind: "event".into(),
            date: "2026-06-24".into(),
            heads: vec![],
            counts: Counts { takes: 1, lenses: 1, regions: 1 },
        }
    }

    #[test]
    fn the_snippet_escapes_everything_from_data() {
        let html = embed_snippet(&event("</a><script>alert(1)</script> & \"x\""), "https://ex.example");
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("&lt;/a&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
        assert!(html.starts_with("<blockquote class=\"eventlens-embed\" data-event=\"zh/n/a-b\">"));
        assert!(html.ends_with("<script async src=\"https://ex.example/embed.js\"></script>"));
    }

    #[test]
    fn origin_of_a_canonical_url() {
        assert_eq!(origin_of("https://rbtfl.xyz/zh/n/x").as_deref(), Some("https://rbtfl.xyz"));
        assert_eq!(origin_of("nonsense"), None);
    }
}
