//! The event bundle, format v1: the one JSON document the app reads for an event.
//!
//! This module is the contract between the `bundle` tool, the JSON Schema published at
//! `public/schema/event.v1.json` (generated from these types), and the app. It holds data and the
//! few facts derived from it (counts), nothing about parsing markdown or rendering.
//!
//! Unknown fields are rejected rather than ignored, so that a field a producer thought it had
//! sent is never silently lost.

use serde::{Deserialize, Serialize};

use crate::inline::{self, Inline};
#[cfg(feature = "schema")]
use crate::limits::*;

/// The version this build reads and writes. A bundle with another version is refused with a
/// message that names both.
pub const SCHEMA_VERSION: u32 = 1;

// `Text` is how the inline-markdown fields (summary, why it matters, what to watch) are held:
// as the editor wrote them (`String`, the bundle) or parsed and checked ([`EventDoc`], what the
// app reads). Everything else is the same in both. (A plain comment, so that the published
// schema's description stays the reader's.)
/// One news event and every take on it. A bundle file is at most
/// [`crate::limits::MAX_BUNDLE_BYTES`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(description = schema_text::bundle()))]
#[serde(deny_unknown_fields)]
pub struct EventBundle<Text = String> {
    /// Always 1 for this format.
    pub schema_version: u32,
    /// URL-safe identifier: lowercase ASCII letters, digits and single hyphens.
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_SLUG_CHARS)))]
    pub slug: String,
    /// ISO 639-1 code of the page's language (`zh`, `en`, ...).
    #[cfg_attr(feature = "schema", schemars(length(max = LANG_CHARS)))]
    pub lang: String,
    /// The page this bundle was exported from.
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_URL_CHARS)))]
    pub canonical_url: String,
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_TITLE_CHARS)))]
    pub title: String,
    /// The standfirst under the title.
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_DEK_CHARS)))]
    pub dek: String,
    /// What kind of item this is; the seed says `event`.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_TYPE_CHARS)))]
    pub kind: String,
    /// ISO 8601 calendar date, `YYYY-MM-DD`.
    #[cfg_attr(feature = "schema", schemars(length(max = DATE_CHARS)))]
    pub date: String,
    /// Editorial angle tags.
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_HEADS), inner(length(max = MAX_HEAD_CHARS))))]
    pub heads: Vec<String>,
    /// Inline markdown. Links to `/{lang}/entity/{slug}` must name a listed entity. Its markup is
    /// limited as that of every inline-markdown text (see [`crate::limits`]).
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_SUMMARY_CHARS), description = schema_text::summary()))]
    pub summary: Text,
    /// Inline markdown.
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_WHY_CHARS)))]
    pub why_it_matters: Text,
    /// What to watch, in order; each item inline markdown.
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_WATCH_ITEMS), inner(length(max = MAX_WATCH_ITEM_CHARS))))]
    pub watch: Vec<Text>,
    /// Lens sections in reading order, each with its takes in order; at most
    /// [`crate::limits::MAX_TAKES`] takes in all.
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_LENSES), description = schema_text::lenses()))]
    pub lenses: Vec<Lens>,
    /// Related events, in order. They may or may not be in the collection.
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_RELATED)))]
    pub related: Vec<RelatedEvent>,
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_ENTITIES)))]
    pub entities: Vec<Entity>,
}

/// A group of takes that share a bias or framing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lens {
    /// Unique within the event.
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_LENS_NAME_CHARS)))]
    pub name: String,
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_TAKES_PER_LENS)))]
    pub takes: Vec<Take>,
}

/// One outlet's coverage of the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Take {
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_OUTLET_CHARS)))]
    pub outlet: String,
    /// Free text as the source gives it, such as `Hong Kong / China`.
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_REGION_CHARS)))]
    pub region: String,
    /// ISO 639-1 code of the outlet's language.
    #[cfg_attr(feature = "schema", schemars(length(max = LANG_CHARS)))]
    pub lang: String,
    /// May be empty: many takes are only a link.
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_TAKE_SUMMARY_CHARS)))]
    pub summary: String,
    /// A line quoted from the source, without surrounding quotation marks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_QUOTE_CHARS)))]
    pub quote: Option<String>,
    /// http or https.
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_URL_CHARS)))]
    pub url: String,
}

/// An event this one links to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RelatedEvent {
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_SLUG_CHARS)))]
    pub slug: String,
    /// Shown when the related event has no bundle in the collection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_TITLE_CHARS)))]
    pub title: Option<String>,
}

/// A company, person or body the event is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Entity {
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_SLUG_CHARS)))]
    pub slug: String,
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_ENTITY_NAME_CHARS)))]
    pub name: String,
}

/// The figures on the seed's meta line, always derived, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Counts {
    pub takes: usize,
    pub lenses: usize,
    pub regions: usize,
}

/// An event as the app reads it: the bundle with its inline markdown parsed, its links
/// classified and checked at build time, so the browser needs no markdown parser.
pub type EventDoc = EventBundle<Vec<Inline>>;

impl EventBundle {
    /// The event as the app reads it. Parsing never fails: what the inline grammar cannot
    /// place stays text (see [`crate::inline`]).
    pub fn to_doc(&self) -> EventDoc {
        EventDoc {
            schema_version: self.schema_version,
            slug: self.slug.clone(),
            lang: self.lang.clone(),
            canonical_url: self.canonical_url.clone(),
            title: self.title.clone(),
            dek: self.dek.clone(),
            kind: self.kind.clone(),
            date: self.date.clone(),
            heads: self.heads.clone(),
            summary: inline::parse(&self.summary),
            why_it_matters: inline::parse(&self.why_it_matters),
            watch: self.watch.iter().map(|w| inline::parse(w)).collect(),
            lenses: self.lenses.clone(),
            related: self.related.clone(),
            entities: self.entities.clone(),
        }
    }
}

impl<Text> EventBundle<Text> {
    pub fn counts(&self) -> Counts {
        Counts { takes: self.takes().count(), lenses: self.lenses.len(), regions: self.regions().len() }
    }

    pub fn takes(&self) -> impl Iterator<Item = &Take> {
        self.lenses.iter().flat_map(|l| l.takes.iter())
    }

    /// Distinct regions in order of first appearance.
    pub fn regions(&self) -> Vec<&str> {
        distinct(self.takes().map(|t| t.region.as_str()))
    }

    /// Distinct take languages in order of first appearance.
    pub fn take_langs(&self) -> Vec<&str> {
        distinct(self.takes().map(|t| t.lang.as_str()))
    }
}

impl Lens {
    pub fn regions(&self) -> Vec<&str> {
        distinct(self.takes.iter().map(|t| t.region.as_str()))
    }
}

/// The one way bundles, the index and the schema are written, so that generated files are
/// byte-stable and a freshness test can compare them.
pub fn to_pretty_json<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("bundle types always serialise");
    text.push('\n');
    text
}

/// The schema's descriptions of the limits JSON Schema has no keyword for, written from the
/// limits themselves so that the schema cannot fall behind them.
#[cfg(feature = "schema")]
mod schema_text {
    use crate::limits::*;

    pub fn bundle() -> String {
        format!("One news event and every take on it. A bundle file is at most {} bytes.", thousands(MAX_BUNDLE_BYTES))
    }

    pub fn summary() -> String {
        format!(
            "Inline markdown. Links to `/{{lang}}/entity/{{slug}}` must name a listed entity. In this and every other \
             inline-markdown text (why it matters, each thing to watch): at most {} links, markup nested at most {} \
             deep, at most {} block-quote and list markers opening a line, and at most {} markup elements (links, \
             emphasis, code, breaks) in all of them together.",
            thousands(MAX_LINKS_PER_TEXT),
            MAX_INLINE_NESTING,
            MAX_BLOCK_NESTING,
            thousands(MAX_MARKUP_ELEMENTS)
        )
    }

    pub fn lenses() -> String {
        format!(
            "Lens sections in reading order, each with its takes in order; at most {} takes and {} distinct regions \
             in all.",
            thousands(MAX_TAKES),
            thousands(MAX_REGIONS)
        )
    }
}

/// The JSON Schema of the bundle format, as published at `public/schema/event.v1.json`.
#[cfg(feature = "schema")]
pub fn bundle_json_schema() -> String {
    to_pretty_json(&schemars::schema_for!(EventBundle))
}

/// The JSON Schema of the event document the app reads (`/data/{lang}/n/{slug}.json` on a
/// built site), as published at `public/schema/event-doc.v1.json`.
#[cfg(feature = "schema")]
pub fn doc_json_schema() -> String {
    let mut schema = schemars::schema_for!(EventDoc);
    schema.insert("title".into(), "EventDoc".into());
    schema.insert(
        "description".into(),
        "An event as the app reads it on a built site: the bundle with its inline markdown parsed into a tree \
         whose links are classified and checked."
            .into(),
    );
    to_pretty_json(&schema)
}

/// In order of first appearance; a set, not a scan of those seen, as a bundle may have
/// thousands of takes.
fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::new();
    items.filter(|item| seen.insert(*item)).collect()
}

/// `anthropic-alibaba-claude-distillation` style: lowercase ASCII letters and digits in
/// hyphen-separated runs. Anything else would need escaping in the app's routes and paths.
pub fn is_url_safe_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// The slug rule for a name with no link to take a slug from: lowercase, spaces to hyphens.
pub fn slugify(name: &str) -> String {
    name.trim().to_lowercase().split_whitespace().collect::<Vec<_>>().join("-")
}

/// ISO 639-1 two-letter codes. A take's or page's `lang` must be one of these so that the
/// reader's browser picks the right fonts and voice.
pub const ISO_639_1: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm", "bn", "bo",
    "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo",
    "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi",
    "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka",
    "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng",
    "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn",
    "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su",
    "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur",
    "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

pub fn is_known_lang(code: &str) -> bool {
    ISO_639_1.binary_search(&code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_table_is_sorted_for_binary_search() {
        assert!(ISO_639_1.windows(2).all(|w| w[0] < w[1]));
        assert!(is_known_lang("zh") && is_known_lang("en") && !is_known_lang("xx"));
    }

    #[test]
    fn slugs() {
        assert!(is_url_safe_slug("chip-controls"));
        assert!(is_url_safe_slug("openai-jalapeno-broadcom-chip-2026"));
        for bad in ["", "-a", "a-", "a--b", "A", "a b", "a/b", "阿里", "a_b", "../x"] {
            assert!(!is_url_safe_slug(bad), "{bad:?} passed");
        }
        assert_eq!(slugify("Alibaba Qwen"), "alibaba-qwen");
        assert_eq!(slugify("  Openai "), "openai");
    }
}
