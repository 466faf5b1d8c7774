//! Checks a bundle for everything the JSON Schema cannot say, and names the exact field at fault.
//!
//! One validator serves `bundle check`, `bundle import` (which refuses to write a bundle that
//! would fail it) and the app (which refuses to render one). Problems are collected, not
//! stopped at, so an editor fixes a file in one pass.
//!
//! Not here: reading files or folders (the CLI does that), or markdown import.

use std::collections::HashSet;
use std::fmt;

use serde::de::DeserializeOwned;

use crate::inline::{self, is_http_url, Inline, LinkTarget};
use crate::model::{is_known_lang, is_url_safe_slug, EventBundle, EventDoc, SCHEMA_VERSION};

/// An inline-markdown field as the validator sees it, whether still markdown (a bundle) or
/// already parsed (an event document): its visible text and its links.
pub trait InlineText {
    fn visible_text(&self) -> String;
    fn link_targets(&self) -> Vec<LinkTarget>;
}

impl InlineText for String {
    fn visible_text(&self) -> String {
        self.clone()
    }
    fn link_targets(&self) -> Vec<LinkTarget> {
        inline::links(&inline::parse(self)).into_iter().cloned().collect()
    }
}

impl InlineText for Vec<Inline> {
    fn visible_text(&self) -> String {
        inline::plain_text(self)
    }
    fn link_targets(&self) -> Vec<LinkTarget> {
        inline::links(self).into_iter().cloned().collect()
    }
}

/// One thing wrong with a bundle, at a JSONPath such as `$.lenses[2].takes[0].url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem { path: path.into(), message: message.into() }
}

/// Reads and validates bundle JSON. The version is looked at before the rest, so that a bundle
/// from a newer format says so instead of failing on a field this build has never heard of.
pub fn parse_bundle(text: &str) -> Result<EventBundle, Vec<Problem>> {
    parse_checked(text, "bundle")
}

/// Reads and validates an event document, as the app does with everything it fetches.
pub fn parse_doc(text: &str) -> Result<EventDoc, Vec<Problem>> {
    parse_checked(text, "event document")
}

fn parse_checked<T>(text: &str, what: &str) -> Result<EventBundle<T>, Vec<Problem>>
where
    T: InlineText + DeserializeOwned,
{
    /// Reads only the version, so a bundle from a newer format is named as such rather than
    /// failing on a field this build has never heard of. (A typed probe, not a `Value`, keeps
    /// serde_json's dynamic-value code out of the app's wasm.)
    #[derive(serde::Deserialize)]
    struct VersionProbe {
        schema_version: Option<serde::de::IgnoredAny>,
    }
    #[derive(serde::Deserialize)]
    struct NumericVersion {
        schema_version: u64,
    }
    let probe: VersionProbe = serde_json::from_str(text).map_err(|e| vec![problem("$", format!("not valid JSON: {e}"))])?;
    if probe.schema_version.is_none() {
        return Err(vec![problem("$.schema_version", "missing; this build reads version 1")]);
    }
    match serde_json::from_str::<NumericVersion>(text) {
        Ok(v) if v.schema_version == SCHEMA_VERSION as u64 => {}
        Ok(v) => {
            return Err(vec![problem(
                "$.schema_version",
                format!("unsupported schema version {}; this build reads version {SCHEMA_VERSION}", v.schema_version),
            )])
        }
        Err(_) => return Err(vec![problem("$.schema_version", format!("must be the number {SCHEMA_VERSION}"))]),
    }
    let bundle: EventBundle<T> = serde_json::from_str(text)
        .map_err(|e| vec![problem("$", format!("does not match the {what} format: {e}"))])?;
    let problems = validate(&bundle);
    if problems.is_empty() {
        Ok(bundle)
    } else {
        Err(problems)
    }
}

/// Every problem with an already-parsed bundle or document; empty when it is good.
pub fn validate<T: InlineText>(b: &EventBundle<T>) -> Vec<Problem> {
    let mut out = Vec::new();
    if b.schema_version != SCHEMA_VERSION {
        out.push(problem(
            "$.schema_version",
            format!("unsupported schema version {}; this build reads version {SCHEMA_VERSION}", b.schema_version),
        ));
    }
    check_slug(&mut out, "$.slug", &b.slug);
    check_lang(&mut out, "$.lang", &b.lang);
    check_url(&mut out, "$.canonical_url", &b.canonical_url);
    check_text(&mut out, "$.title", &b.title);
    check_text(&mut out, "$.type", &b.kind);
    if !is_iso_date(&b.date) {
        out.push(problem("$.date", format!("{:?} is not an ISO 8601 date (YYYY-MM-DD)", b.date)));
    }
    for (i, head) in b.heads.iter().enumerate() {
        check_text(&mut out, &format!("$.heads[{i}]"), head);
    }
    for (i, item) in b.watch.iter().enumerate() {
        check_text(&mut out, &format!("$.watch[{i}]"), &item.visible_text());
    }

    let mut entity_slugs = HashSet::new();
    for (i, e) in b.entities.iter().enumerate() {
        let at = format!("$.entities[{i}]");
        check_slug(&mut out, &format!("{at}.slug"), &e.slug);
        check_text(&mut out, &format!("{at}.name"), &e.name);
        if !entity_slugs.insert(e.slug.as_str()) {
            out.push(problem(format!("{at}.slug"), format!("duplicate entity slug {:?}", e.slug)));
        }
    }
    check_summary_links(&mut out, b, &entity_slugs);
    check_link_targets(&mut out, "$.summary", &b.summary.link_targets());
    check_link_targets(&mut out, "$.why_it_matters", &b.why_it_matters.link_targets());
    for (i, item) in b.watch.iter().enumerate() {
        check_link_targets(&mut out, &format!("$.watch[{i}]"), &item.link_targets());
    }

    let mut lens_names = HashSet::new();
    for (i, lens) in b.lenses.iter().enumerate() {
        let at = format!("$.lenses[{i}]");
        check_text(&mut out, &format!("{at}.name"), &lens.name);
        if !lens_names.insert(lens.name.as_str()) {
            out.push(problem(format!("{at}.name"), format!("duplicate lens name {:?}", lens.name)));
        }
        for (j, take) in lens.takes.iter().enumerate() {
            let at = format!("{at}.takes[{j}]");
            check_text(&mut out, &format!("{at}.outlet"), &take.outlet);
            check_text(&mut out, &format!("{at}.region"), &take.region);
            check_lang(&mut out, &format!("{at}.lang"), &take.lang);
            check_url(&mut out, &format!("{at}.url"), &take.url);
            if let Some(quote) = &take.quote {
                check_text(&mut out, &format!("{at}.quote"), quote);
            }
        }
    }

    let mut related = HashSet::new();
    for (i, r) in b.related.iter().enumerate() {
        let at = format!("$.related[{i}].slug");
        check_slug(&mut out, &at, &r.slug);
        if r.slug == b.slug {
            out.push(problem(at.clone(), "an event cannot be related to itself"));
        }
        if !related.insert(r.slug.as_str()) {
            out.push(problem(at, format!("duplicate related event {:?}", r.slug)));
        }
    }
    out
}

fn check_summary_links<T: InlineText>(out: &mut Vec<Problem>, b: &EventBundle<T>, entities: &HashSet<&str>) {
    for target in &b.summary.link_targets() {
        match target {
            LinkTarget::Entity { lang, slug } => {
                if !entities.contains(slug.as_str()) {
                    out.push(problem(
                        "$.summary",
                        format!("links to entity {slug:?}, which is not in $.entities"),
                    ));
                }
                if *lang != b.lang {
                    out.push(problem(
                        "$.summary",
                        format!("entity link /{lang}/entity/{slug} is not in the page language {:?}", b.lang),
                    ));
                }
            }
            LinkTarget::Event { .. } | LinkTarget::External(_) => {}
            LinkTarget::Refused(href) => out.push(problem(
                "$.summary",
                format!("link target {href:?} is neither http(s) nor an event or entity route"),
            )),
        }
    }
}

/// Every link a page will draw must be one the parser could have produced: markdown always
/// passes, but an event document is data from the network and is checked again.
fn check_link_targets(out: &mut Vec<Problem>, path: &str, targets: &[LinkTarget]) {
    for target in targets {
        let ok = match target {
            LinkTarget::Entity { lang, slug } | LinkTarget::Event { lang, slug } => {
                is_known_lang(lang) && is_url_safe_slug(slug)
            }
            LinkTarget::External(url) => is_http_url(url),
            LinkTarget::Refused(_) => true,
        };
        if !ok {
            out.push(problem(path, format!("link target {target:?} is not one the app may follow")));
        }
    }
}

fn check_text(out: &mut Vec<Problem>, path: &str, value: &str) {
    if value.trim().is_empty() {
        out.push(problem(path, "must not be empty"));
    } else if let Some(c) = value.chars().find(|c| is_bidi_control(*c)) {
        // An override can make an outlet name read as another; isolates are just as able to.
        out.push(problem(path, format!("contains the bidirectional control character U+{:04X}", c as u32)));
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn check_slug(out: &mut Vec<Problem>, path: &str, slug: &str) {
    if !is_url_safe_slug(slug) {
        out.push(problem(
            path,
            format!("{slug:?} is not URL-safe: use lowercase ASCII letters, digits and single hyphens"),
        ));
    }
}

fn check_lang(out: &mut Vec<Problem>, path: &str, code: &str) {
    if !is_known_lang(code) {
        out.push(problem(path, format!("{code:?} is not a known ISO 639-1 language code")));
    }
}

fn check_url(out: &mut Vec<Problem>, path: &str, url: &str) {
    if !is_http_url(url) {
        out.push(problem(path, format!("{url:?}: scheme must be http or https")));
    }
}

/// `YYYY-MM-DD` naming a day that exists.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for good in ["2026-06-24", "2024-02-29", "2000-02-29"] {
            assert!(is_iso_date(good), "{good}");
        }
        for bad in ["2026-6-24", "2026-06-31", "1900-02-29", "2026-13-01", "24 June 2026", "2026-06-24T00:00", "２０２６-06-24"] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
