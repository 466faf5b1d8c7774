//! Checks a bundle for everything the JSON Schema cannot say, and names the exact field at fault.
//!
//! One validator serves `bundle check`, `bundle import` (which refuses to write a bundle that
//! would fail it), the site builder, and the app, which checks the event document it fetches
//! ([`parse_doc`]: the bundle with its inline markdown parsed) against the same rules and
//! limits before it renders it. Problems are collected, not stopped at, so an editor fixes a
//! file in one pass.
//!
//! Not here: reading files or folders (the CLI does that), or markdown import.

use std::collections::HashSet;
use std::fmt;

use serde::de::DeserializeOwned;

use crate::inline::{self, is_http_url, Inline, LinkTarget};
use crate::limits::*;
use crate::model::{is_known_lang, is_url_safe_slug, EventBundle, EventDoc, SCHEMA_VERSION};
#[cfg(test)]
use crate::model::{Lens, Take};
use crate::pages::MAX_DOC_BYTES;

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

/// Reads and validates bundle JSON. The size is looked at first, so that an oversized file costs
/// nothing to refuse; then the version, so that a bundle from a newer format says so instead of
/// failing on a field this build has never heard of.
pub fn parse_bundle(text: &str) -> Result<EventBundle, Vec<Problem>> {
    if let Some(too_big) = check_bundle_bytes(text.len()) {
        return Err(vec![too_big]);
    }
    let bundle: EventBundle = parse_versioned(text, "bundle")?;
    let problems = validate(&bundle);
    if problems.is_empty() {
        Ok(bundle)
    } else {
        Err(problems)
    }
}

/// Reads a bundle whose exact bytes `parse_bundle` of this same program has accepted before (a
/// site build keeps the fingerprints of the bundles it checked, so that rebuilding a large
/// collection re-checks only what changed). It parses without checking, and so must never be
/// given text that was not checked: anything else goes through [`parse_bundle`].
pub fn parse_bundle_checked_before(text: &str) -> Result<EventBundle, Vec<Problem>> {
    crate::json::from_str(text).map_err(|e| vec![problem("$", format!("does not match the bundle format: {e}"))])
}

/// Reads and validates an event document, as the app does with every one it fetches: the same
/// rules and limits as its bundle, checked on the parsed inline text.
pub fn parse_doc(text: &str) -> Result<EventDoc, Vec<Problem>> {
    if text.len() > MAX_DOC_BYTES {
        return Err(vec![problem(
            "$",
            format!("{} bytes, at most {}", thousands(text.len()), thousands(MAX_DOC_BYTES)),
        )]);
    }
    let doc: EventDoc = parse_versioned(text, "event document")?;
    let problems = validate_doc(&doc);
    if problems.is_empty() {
        Ok(doc)
    } else {
        Err(problems)
    }
}

/// JSON with this build's `schema_version`, as `T`.
fn parse_versioned<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, Vec<Problem>> {
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
    let probe: VersionProbe =
        crate::json::from_str(text).map_err(|e| vec![problem("$", format!("not valid JSON: {e}"))])?;
    if probe.schema_version.is_none() {
        return Err(vec![problem("$.schema_version", "missing; this build reads version 1")]);
    }
    match crate::json::from_str::<NumericVersion>(text) {
        Ok(v) if v.schema_version == SCHEMA_VERSION as u64 => {}
        Ok(v) => {
            return Err(vec![problem(
                "$.schema_version",
                format!("unsupported schema version {}; this build reads version {SCHEMA_VERSION}", v.schema_version),
            )])
        }
        Err(_) => return Err(vec![problem("$.schema_version", format!("must be the number {SCHEMA_VERSION}"))]),
    }
    crate::json::from_str(text).map_err(|e| vec![problem("$", format!("does not match the {what} format: {e}"))])
}

/// Every problem with an already-parsed bundle; empty when it is good. Every limit of
/// [`crate::limits`] is checked here but the file's size, which only [`parse_bundle`] sees.
pub fn validate(b: &EventBundle) -> Vec<Problem> {
    let mut out = Vec::new();
    check_header(&mut out, b);
    let entity_slugs = check_entities(&mut out, b);
    check_inline_texts(&mut out, b, &entity_slugs);
    check_lenses(&mut out, b);
    check_related(&mut out, b);
    out
}

/// Every problem with an event document; empty when it is good. Its inline text was parsed when
/// the site was built, so the limits on it are checked on the tree: the visible text's length,
/// links, nesting and elements, and every link's target.
pub fn validate_doc(d: &EventDoc) -> Vec<Problem> {
    let mut out = Vec::new();
    check_header(&mut out, d);
    let entity_slugs = check_entities(&mut out, d);
    check_inline_trees(&mut out, d, &entity_slugs);
    check_lenses(&mut out, d);
    check_related(&mut out, d);
    out
}

/// The problem with a bundle file of `bytes` bytes, when it is over [`MAX_BUNDLE_BYTES`].
pub fn check_bundle_bytes(bytes: usize) -> Option<Problem> {
    (bytes > MAX_BUNDLE_BYTES)
        .then(|| problem("$", format!("{} bytes, at most {}", thousands(bytes), thousands(MAX_BUNDLE_BYTES))))
}

fn check_header<T>(out: &mut Vec<Problem>, b: &EventBundle<T>) {
    if b.schema_version != SCHEMA_VERSION {
        out.push(problem(
            "$.schema_version",
            format!("unsupported schema version {}; this build reads version {SCHEMA_VERSION}", b.schema_version),
        ));
    }
    check_slug(out, "$.slug", &b.slug);
    check_lang(out, "$.lang", &b.lang);
    check_url(out, "$.canonical_url", &b.canonical_url);
    check_text(out, "$.title", &b.title, MAX_TITLE_CHARS);
    within_chars(out, "$.dek", &b.dek, MAX_DEK_CHARS);
    check_text(out, "$.type", &b.kind, MAX_TYPE_CHARS);
    if !is_iso_date(&b.date) {
        out.push(problem("$.date", format!("{} is not an ISO 8601 date (YYYY-MM-DD)", shown(&b.date))));
    }
    for (i, head) in within_items(out, "$.heads", &b.heads, MAX_HEADS).iter().enumerate() {
        check_text(out, &format!("$.heads[{i}]"), head, MAX_HEAD_CHARS);
    }
}

/// Checks the entities, and returns the slugs of all of them, for the summary's links.
fn check_entities<'a, T>(out: &mut Vec<Problem>, b: &'a EventBundle<T>) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, e) in within_items(out, "$.entities", &b.entities, MAX_ENTITIES).iter().enumerate() {
        let at = format!("$.entities[{i}]");
        check_slug(out, &format!("{at}.slug"), &e.slug);
        check_text(out, &format!("{at}.name"), &e.name, MAX_ENTITY_NAME_CHARS);
        if !seen.insert(e.slug.as_str()) {
            out.push(problem(format!("{at}.slug"), format!("duplicate entity slug {}", quoted(&e.slug))));
        }
    }
    // Beyond the limit too, so that a link to one is not also called a link to nothing.
    b.entities.iter().map(|e| e.slug.as_str()).collect()
}

/// The inline-markdown texts: their length, their links and nesting, and the markup of all of
/// them together. The summary's links must also lead somewhere known.
fn check_inline_texts(out: &mut Vec<Problem>, b: &EventBundle, entities: &HashSet<&str>) {
    // (path, text, whether the text is fit to parse)
    let mut texts = vec![
        ("$.summary".to_string(), b.summary.as_str(), within_chars(out, "$.summary", &b.summary, MAX_SUMMARY_CHARS)),
        (
            "$.why_it_matters".to_string(),
            &b.why_it_matters,
            within_chars(out, "$.why_it_matters", &b.why_it_matters, MAX_WHY_CHARS),
        ),
    ];
    for (i, item) in within_items(out, "$.watch", &b.watch, MAX_WATCH_ITEMS).iter().enumerate() {
        let path = format!("$.watch[{i}]");
        let fit = check_text(out, &path, item, MAX_WATCH_ITEM_CHARS);
        texts.push((path, item, fit));
    }

    // Elements in the texts so far; once over the limit, the rest of the texts are not parsed.
    let mut elements = 0;
    for (path, text, _) in texts.into_iter().filter(|(_, _, fit)| *fit) {
        if elements > MAX_MARKUP_ELEMENTS {
            break;
        }
        let (nodes, markup) = inline::parse_within(text, MAX_MARKUP_ELEMENTS - elements);
        elements += markup.elements;
        if elements > MAX_MARKUP_ELEMENTS {
            out.push(markup_passes_limit(&path));
            continue;
        }
        if markup.block_markers > MAX_BLOCK_NESTING {
            let (n, max) = (thousands(markup.block_markers), MAX_BLOCK_NESTING);
            out.push(problem(&path, format!("{n} block-quote and list markers on one line, at most {max}")));
        }
        if markup.nesting > MAX_INLINE_NESTING {
            let (n, max) = (thousands(markup.nesting), MAX_INLINE_NESTING);
            out.push(problem(&path, format!("markup nested {n} deep, at most {max}")));
        }
        if markup.links > MAX_LINKS_PER_TEXT {
            let (n, max) = (thousands(markup.links), thousands(MAX_LINKS_PER_TEXT));
            out.push(problem(&path, format!("{n} links, at most {max}")));
        } else if path == "$.summary" {
            check_summary_links(out, b, &nodes, entities);
        }
    }
}

fn check_lenses<T>(out: &mut Vec<Problem>, b: &EventBundle<T>) {
    let takes = b.lenses.iter().map(|l| l.takes.len()).sum::<usize>();
    if takes > MAX_TAKES {
        out.push(problem("$.lenses", format!("{} takes in all, at most {}", thousands(takes), thousands(MAX_TAKES))));
    }
    let mut lens_names = HashSet::new();
    let mut regions = HashSet::new();
    for (i, lens) in within_items(out, "$.lenses", &b.lenses, MAX_LENSES).iter().enumerate() {
        let at = format!("$.lenses[{i}]");
        if check_text(out, &format!("{at}.name"), &lens.name, MAX_LENS_NAME_CHARS)
            && !lens_names.insert(lens.name.as_str())
        {
            out.push(problem(format!("{at}.name"), format!("duplicate lens name {}", quoted(&lens.name))));
        }
        for (j, take) in within_items(out, &format!("{at}.takes"), &lens.takes, MAX_TAKES_PER_LENS).iter().enumerate() {
            let at = format!("{at}.takes[{j}]");
            check_text(out, &format!("{at}.outlet"), &take.outlet, MAX_OUTLET_CHARS);
            if check_text(out, &format!("{at}.region"), &take.region, MAX_REGION_CHARS)
                && regions.insert(take.region.as_str())
                && regions.len() == MAX_REGIONS + 1
            {
                let max = thousands(MAX_REGIONS);
                out.push(problem(
                    format!("{at}.region"),
                    format!("the bundle passes {max} distinct regions here, at most {max}"),
                ));
            }
            check_lang(out, &format!("{at}.lang"), &take.lang);
            within_chars(out, &format!("{at}.summary"), &take.summary, MAX_TAKE_SUMMARY_CHARS);
            if let Some(quote) = &take.quote {
                check_text(out, &format!("{at}.quote"), quote, MAX_QUOTE_CHARS);
            }
            check_url(out, &format!("{at}.url"), &take.url);
        }
    }
}

fn check_related<T>(out: &mut Vec<Problem>, b: &EventBundle<T>) {
    let mut related = HashSet::new();
    for (i, r) in within_items(out, "$.related", &b.related, MAX_RELATED).iter().enumerate() {
        let at = format!("$.related[{i}].slug");
        if check_slug(out, &at, &r.slug) {
            if r.slug == b.slug {
                out.push(problem(at.clone(), "an event cannot be related to itself"));
            }
            if !related.insert(r.slug.as_str()) {
                out.push(problem(at, format!("duplicate related event {}", quoted(&r.slug))));
            }
        }
        if let Some(title) = &r.title {
            within_chars(out, &format!("$.related[{i}].title"), title, MAX_TITLE_CHARS);
        }
    }
}

/// The parsed texts of an event document, against the limits their markdown had to meet.
fn check_inline_trees(out: &mut Vec<Problem>, d: &EventDoc, entities: &HashSet<&str>) {
    let mut texts: Vec<(String, &[Inline], usize)> = vec![
        ("$.summary".into(), &d.summary, MAX_SUMMARY_CHARS),
        ("$.why_it_matters".into(), &d.why_it_matters, MAX_WHY_CHARS),
    ];
    for (i, item) in within_items(out, "$.watch", &d.watch, MAX_WATCH_ITEMS).iter().enumerate() {
        texts.push((format!("$.watch[{i}]"), item, MAX_WATCH_ITEM_CHARS));
    }
    let mut elements = 0;
    for (path, nodes, max_chars) in texts {
        let shape = inline::shape(nodes);
        let before = elements;
        elements += shape.elements;
        if before <= MAX_MARKUP_ELEMENTS && elements > MAX_MARKUP_ELEMENTS {
            out.push(markup_passes_limit(&path));
        }
        if !within_chars(out, &path, &inline::plain_text(nodes), max_chars) {
            continue;
        }
        if path.starts_with("$.watch") {
            check_text(out, &path, &inline::plain_text(nodes), max_chars);
        }
        if shape.nesting > MAX_INLINE_NESTING {
            out.push(problem(
                &path,
                format!("markup nested {} deep, at most {MAX_INLINE_NESTING}", thousands(shape.nesting)),
            ));
        }
        if shape.links > MAX_LINKS_PER_TEXT {
            let (n, max) = (thousands(shape.links), thousands(MAX_LINKS_PER_TEXT));
            out.push(problem(&path, format!("{n} links, at most {max}")));
        }
        for target in inline::links(nodes) {
            if !is_followable(target) {
                out.push(problem(&path, format!("link target {} is not one the app may follow", target_text(target))));
            }
        }
        if path == "$.summary" {
            check_summary_links(out, d, nodes, entities);
        }
    }
}

/// The markup limit is of all inline texts together, so it is reported at the text where the
/// count passes it, the same for a bundle's markdown and a document's parsed trees.
fn markup_passes_limit(path: &str) -> Problem {
    let max = thousands(MAX_MARKUP_ELEMENTS);
    problem(path, format!("the bundle passes {max} markup elements here, at most {max} in all inline texts"))
}

/// A link the parser could have produced: a document is data from the network, checked again.
fn is_followable(target: &LinkTarget) -> bool {
    match target {
        LinkTarget::Entity { lang, slug } | LinkTarget::Event { lang, slug } => {
            is_known_lang(lang) && is_url_safe_slug(slug) && slug.len() <= MAX_SLUG_CHARS
        }
        LinkTarget::External(url) => is_http_url(url) && url.len() <= MAX_URL_CHARS,
        LinkTarget::Refused(_) => true,
    }
}

fn check_summary_links<T>(out: &mut Vec<Problem>, b: &EventBundle<T>, nodes: &[Inline], entities: &HashSet<&str>) {
    for target in inline::links(nodes) {
        match target {
            LinkTarget::Entity { lang, slug } => {
                if !entities.contains(slug.as_str()) {
                    out.push(problem(
                        "$.summary",
                        format!("links to entity {}, which is not in $.entities", quoted(slug)),
                    ));
                }
                if *lang != b.lang {
                    out.push(problem(
                        "$.summary",
                        format!("entity link /{lang}/entity/{slug} is not in the page language {}", quoted(&b.lang)),
                    ));
                }
            }
            LinkTarget::Event { .. } | LinkTarget::External(_) => {}
            LinkTarget::Refused(href) => out.push(problem(
                "$.summary",
                format!("link target {} is neither http(s) nor an event or entity route", shown(href)),
            )),
        }
    }
}

/// Whether `value` is at most `max` characters long; when it is not, says so.
fn within_chars(out: &mut Vec<Problem>, path: &str, value: &str, max: usize) -> bool {
    // A character is at least one byte, so most texts need no counting.
    let chars = if value.len() <= max { return true } else { value.chars().count() };
    if chars > max {
        out.push(problem(path, format!("{} characters, at most {}", thousands(chars), thousands(max))));
    }
    chars <= max
}

/// The items of a list that are worth checking one by one: all of them, or, when there are more
/// than `max` (which is reported), the first `max`, so that a list of 50,000 bad items makes one
/// message, not 50,000.
fn within_items<'a, T>(out: &mut Vec<Problem>, path: &str, items: &'a [T], max: usize) -> &'a [T] {
    if items.len() > max {
        out.push(problem(path, format!("{} items, at most {}", thousands(items.len()), thousands(max))));
    }
    &items[..items.len().min(max)]
}

/// A text that must say something: not over `max` characters, not blank, no bidirectional
/// controls. Returns whether it passed.
fn check_text(out: &mut Vec<Problem>, path: &str, value: &str, max: usize) -> bool {
    if !within_chars(out, path, value, max) {
        return false;
    }
    if value.trim().is_empty() {
        out.push(problem(path, "must not be empty"));
        return false;
    }
    if let Some(c) = value.chars().find(|c| is_bidi_control(*c)) {
        // An override can make an outlet name read as another; isolates are just as able to.
        out.push(problem(path, format!("contains the bidirectional control character U+{:04X}", c as u32)));
        return false;
    }
    true
}

/// A value for a message: quoted, and cut short if long, so that one bad field cannot make a
/// message of megabytes.
fn shown(value: &str) -> String {
    const SHOWN_CHARS: usize = 80;
    match value.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}… ({} characters)", quoted(&value[..cut]), thousands(value.chars().count())),
        None => quoted(value),
    }
}

/// `value` in double quotes, as `{:?}` would print it for the texts a bundle holds: quotes,
/// backslashes, control characters and the invisible characters that can make one text look
/// like another escaped (`\u{200b}`), everything else as it is. Written out rather than taken
/// from `Debug`, whose Unicode tables would otherwise ride along into the app's wasm.
pub fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters that show nothing: zero-width spaces and joiners, direction marks and controls,
/// the byte order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A link target for a message, without `Debug`.
fn target_text(target: &LinkTarget) -> String {
    match target {
        LinkTarget::Entity { lang, slug } => format!("/{lang}/entity/{slug}"),
        LinkTarget::Event { lang, slug } => format!("/{lang}/n/{slug}"),
        LinkTarget::External(url) | LinkTarget::Refused(url) => quoted(url),
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Returns whether the slug passed.
fn check_slug(out: &mut Vec<Problem>, path: &str, slug: &str) -> bool {
    if !within_chars(out, path, slug, MAX_SLUG_CHARS) {
        return false;
    }
    if !is_url_safe_slug(slug) {
        out.push(problem(
            path,
            format!("{} is not URL-safe: use lowercase ASCII letters, digits and single hyphens", quoted(slug)),
        ));
        return false;
    }
    true
}

fn check_lang(out: &mut Vec<Problem>, path: &str, code: &str) {
    if !is_known_lang(code) {
        out.push(problem(path, format!("{} is not a known ISO 639-1 language code", shown(code))));
    }
}

fn check_url(out: &mut Vec<Problem>, path: &str, url: &str) {
    if within_chars(out, path, url, MAX_URL_CHARS) && !is_http_url(url) {
        out.push(problem(path, format!("{}: scheme must be http or https", quoted(url))));
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

    const SEED: &str = include_str!("../../../public/data/zh/n/anthropic-alibaba-claude-distillation.json");

    /// The problems of the seed bundle changed by `edit`.
    fn problems_after(edit: impl FnOnce(&mut EventBundle)) -> Vec<String> {
        let mut bundle: EventBundle = serde_json::from_str(SEED).unwrap();
        edit(&mut bundle);
        validate(&bundle).iter().map(Problem::to_string).collect()
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        // 3 bytes each in UTF-8, and one of them 2 UTF-16 units: still one character each.
        let title = |n: usize| "蒸".repeat(n - 1) + "𠀀";
        assert_eq!(problems_after(|b| b.title = title(MAX_TITLE_CHARS)), Vec::<String>::new());
        assert_eq!(
            problems_after(|b| b.title = title(MAX_TITLE_CHARS + 1)),
            ["$.title: 1,501 characters, at most 1,500"]
        );
    }

    #[test]
    fn a_list_over_its_limit_is_one_problem() {
        let problems = problems_after(|b| b.watch = vec![" ".to_string(); 50_000]);
        assert_eq!(problems[0], "$.watch: 50,000 items, at most 200");
        assert_eq!(problems.len(), 1 + MAX_WATCH_ITEMS, "the items within the limit are still checked: {problems:?}");
        let problems = problems_after(|b| {
            let lens = b.lenses[1].clone();
            b.lenses = (0..MAX_TAKES / lens.takes.len() + 1)
                .map(|i| Lens { name: format!("lens {i}"), ..lens.clone() })
                .collect();
        });
        assert!(problems.contains(&"$.lenses: 5,004 takes in all, at most 5,000".to_string()), "{problems:?}");
        assert!(problems.contains(&"$.lenses: 417 items, at most 200".to_string()), "{problems:?}");
    }

    #[test]
    fn over_long_texts_are_neither_parsed_nor_quoted() {
        let long = "x".repeat(300_000);
        let problems = problems_after(|b| {
            b.summary = format!("[a](javascript:{long})");
            b.lenses[0].takes[0].url = format!("javascript:{long}");
            b.lang = long.clone();
        });
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.iter().all(|p| p.len() < 200), "{problems:?}");
        assert_eq!(problems[1], "$.summary: 300,016 characters, at most 20,000");
    }

    #[test]
    fn inline_markup_limits() {
        let links = |n: usize| "[Anthropic](/zh/entity/anthropic) ".repeat(n);
        assert_eq!(problems_after(|b| b.summary = links(MAX_LINKS_PER_TEXT)), Vec::<String>::new());
        assert_eq!(
            problems_after(|b| b.summary = links(MAX_LINKS_PER_TEXT + 1)),
            ["$.summary: 101 links, at most 100"]
        );

        let nested = |n: usize| format!("{}x{}", "*a ".repeat(n), "*".repeat(n));
        assert_eq!(problems_after(|b| b.why_it_matters = nested(MAX_INLINE_NESTING)), Vec::<String>::new());
        assert_eq!(
            problems_after(|b| b.why_it_matters = nested(MAX_INLINE_NESTING + 1)),
            ["$.why_it_matters: markup nested 21 deep, at most 20"]
        );

        let quoted = |n: usize| format!("{}a\nb", "> ".repeat(n));
        assert_eq!(problems_after(|b| b.watch[1] = quoted(MAX_BLOCK_NESTING)), Vec::<String>::new());
        assert_eq!(
            problems_after(|b| b.watch[1] = quoted(MAX_BLOCK_NESTING + 1)),
            ["$.watch[1]: 21 block-quote and list markers on one line, at most 20"]
        );
    }

    #[test]
    fn distinct_regions_are_refused_where_they_pass_the_limit() {
        let with_regions = |n: usize| {
            move |b: &mut EventBundle| {
                let take = b.lenses[1].takes[0].clone();
                b.lenses[1].takes = (0..n).map(|i| Take { region: format!("Region {i}"), ..take.clone() }).collect();
            }
        };
        // The seed's other lenses bring 4 regions of their own, the last of them in lens 5.
        assert_eq!(problems_after(with_regions(MAX_REGIONS - 4)), Vec::<String>::new());
        assert_eq!(
            problems_after(with_regions(MAX_REGIONS - 3)),
            ["$.lenses[5].takes[0].region: the bundle passes 500 distinct regions here, at most 500"]
        );
    }

    #[test]
    fn markup_of_the_whole_bundle_is_refused_where_it_passes_the_limit() {
        // The seed's summary has 2 links; 1,000 markup elements in all is the limit.
        let emphasis = |n: usize| "*a* ".repeat(n);
        let watch = |last: &[usize]| [&[200, 200, 200, 200][..], last].concat().into_iter().map(emphasis).collect();
        assert_eq!(problems_after(|b| b.watch = watch(&[198])), Vec::<String>::new());
        let problems = problems_after(|b| b.watch = watch(&[198, 1, 200]));
        let wanted = ["$.watch[5]: the bundle passes 1,000 markup elements here, at most 1,000 in all inline texts"];
        assert_eq!(problems, wanted);
        // The app reads the parsed document, and says the same, at the same place.
        let mut bundle: EventBundle = serde_json::from_str(SEED).unwrap();
        bundle.watch = watch(&[198, 1, 200]);
        let doc_problems: Vec<String> = validate_doc(&bundle.to_doc()).iter().map(Problem::to_string).collect();
        assert_eq!(doc_problems, wanted);
    }

    #[test]
    fn oversized_files_are_refused_before_parsing() {
        let text = format!("{},\"pad\": \"{}\"}}", SEED.trim_end().trim_end_matches('}'), " ".repeat(MAX_BUNDLE_BYTES));
        let problems = parse_bundle(&text).unwrap_err();
        assert_eq!(problems[0].to_string(), format!("$: {} bytes, at most 5,242,880", thousands(text.len())));
        assert!(parse_bundle(&" ".repeat(MAX_BUNDLE_BYTES)).unwrap_err()[0].message.starts_with("not valid JSON"));
    }

    #[test]
    fn quoting_is_debug_for_what_bundles_hold() {
        for text in ["ftp://x", "a \"b\" \\ c", "tab\there", "阿里巴巴", "nl\n", "\u{1b}[0m", "\u{7f}"] {
            assert_eq!(quoted(text), format!("{text:?}"), "{text:?}");
        }
        assert_eq!(quoted("a\u{200B}b"), "\"a\\u{200b}b\"");
    }

    #[test]
    fn dates() {
        for good in ["2026-06-24", "2024-02-29", "2000-02-29"] {
            assert!(is_iso_date(good), "{good}");
        }
        for bad in [
            "2026-6-24",
            "2026-06-31",
            "1900-02-29",
            "2026-13-01",
            "24 June 2026",
            "2026-06-24T00:00",
            "２０２６-06-24",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
