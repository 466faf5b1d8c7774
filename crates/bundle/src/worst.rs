//! The worst valid bundle, and one bundle just over each limit (`bundle limits --out DIR`): the
//! hostile suite's inputs for "every bundle the format accepts renders fast, and every one it
//! refuses is refused where it is wrong".
//!
//! The worst valid bundle reaches every limit of [`eventlens_format::limits`] at once. Every list
//! is full; every text outside the takes is as long as it may be; one take has every field at its
//! longest; the inline texts hold exactly the most links, nesting, block markers and markup
//! elements allowed; and the takes' summaries then fill the file to exactly
//! [`MAX_BUNDLE_BYTES`]. Texts mix Chinese, Latin and a character outside the Basic Multilingual
//! Plane, so that anything counting bytes or UTF-16 units instead of characters shows.
//!
//! Each one-over bundle is a small valid bundle with one limit passed by one, except the file
//! size, which only the worst bundle grown by a byte can pass. Each comes with the one located
//! problem `bundle check` must report for it, written here independently of the validator.
//!
//! Not for: realistic events (see [`crate::synth`]).

use std::fs;
use std::path::Path;

use eventlens_format::index::build_index;
use eventlens_format::inline;
use eventlens_format::limits::*;
use eventlens_format::model::{
    to_pretty_json, Entity, EventBundle, Lens, RelatedEvent, Take, ISO_639_1, SCHEMA_VERSION,
};
use serde::Serialize;

use crate::synth::check_folder;

/// The text every long field is cut from: Chinese, Latin with accents, and U+20000, which is
/// one character but two UTF-16 units and four bytes. Nothing in it is markdown.
const PHRASE: &str = "最坏情况下的有效内容 worst case, écrit à la limite 𠀀 ";

/// A bundle just over one limit.
#[derive(Debug, Clone)]
pub struct OneOver {
    /// The limit's name in kebab case (`watch-items` for `MAX_WATCH_ITEMS`), with the field after
    /// it when a limit applies to several (`slug-chars-related`). The file is `over-{name}.json`.
    pub name: String,
    /// The constant passed, as [`ALL`] names it.
    pub limit: &'static str,
    pub max: usize,
    /// The one problem the validator must report: `$.watch: 201 items, at most 200`.
    pub error: String,
    pub bundle: EventBundle,
}

impl OneOver {
    pub fn file_stem(&self) -> String {
        format!("over-{}", self.name)
    }
}

/// What `bundle limits --out` writes beside the bundles, for tests that load them.
#[derive(Debug, Serialize)]
pub struct Manifest {
    pub lang: String,
    pub worst_valid: ManifestEntry,
    pub one_over: Vec<ManifestEntry>,
}

#[derive(Debug, Serialize)]
pub struct ManifestEntry {
    /// Relative to the output folder: `zh/n/over-watch-items.json`.
    pub file: String,
    /// The app's route that loads the file: `/zh/n/over-watch-items`.
    pub route: String,
    /// The constant it is over, for a one-over bundle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<usize>,
    /// The problem the bundle must be refused with, as `bundle check` prints it after the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Manifest {
    pub fn new(lang: &str, worst: &EventBundle, over: &[OneOver]) -> Self {
        let entry = |stem: &str| (format!("{lang}/n/{stem}.json"), format!("/{lang}/n/{stem}"));
        let (file, route) = entry(&worst.slug);
        let worst_valid = ManifestEntry { file, route, limit: None, max: None, error: None };
        let one_over = over
            .iter()
            .map(|o| {
                let (file, route) = entry(&o.file_stem());
                ManifestEntry { file, route, limit: Some(o.limit), max: Some(o.max), error: Some(o.error.clone()) }
            })
            .collect();
        Self { lang: lang.to_string(), worst_valid, one_over }
    }
}

/// Writes into `dir` (a new or empty folder, unless `force`; never the shipped collection) the
/// worst valid bundle and each one-over bundle at `{lang}/n/{name}.json`, the manifest at
/// `limits.json`, and at `index.json` the index of the worst bundle alone, so the app can draw
/// its graph. Returns the manifest.
pub fn write(dir: &Path, lang: &str, force: bool) -> Result<Manifest, String> {
    if !eventlens_format::model::is_known_lang(lang) {
        return Err(format!("{lang:?} is not a known ISO 639-1 language code"));
    }
    check_folder(dir, force)?;
    let worst = worst_valid(lang);
    let over = one_over(lang);
    let manifest = Manifest::new(lang, &worst, &over);
    let files = std::iter::once((&manifest.worst_valid.file, &worst))
        .chain(manifest.one_over.iter().map(|m| &m.file).zip(over.iter().map(|o| &o.bundle)));
    for (file, bundle) in files {
        write_file(&dir.join(file), &to_pretty_json(bundle))?;
    }
    write_file(&dir.join("index.json"), &to_pretty_json(&build_index(std::slice::from_ref(&worst))))?;
    write_file(&dir.join("limits.json"), &to_pretty_json(&manifest))?;
    Ok(manifest)
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder).map_err(|e| format!("{}: cannot create: {e}", folder.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// Exactly `chars` characters of `PHRASE`, starting `offset` characters into it, so that texts
/// cut from it differ.
pub fn text(chars: usize, offset: usize) -> String {
    PHRASE.chars().cycle().skip(offset % PHRASE.chars().count()).take(chars).collect()
}

/// `prefix`, then as much of `PHRASE` as makes `chars` characters.
fn padded(prefix: &str, chars: usize) -> String {
    let used = prefix.chars().count();
    format!("{prefix}{}", text(chars.saturating_sub(used), used))
}

/// A URL-safe slug of exactly `chars` characters that starts with `prefix`.
fn long_slug(prefix: &str, chars: usize) -> String {
    format!("{prefix}-{}", "x".repeat(chars - prefix.len() - 1))
}

/// The limit's constant name as kebab case: `MAX_WATCH_ITEMS` → `watch-items`.
fn kebab(limit: &str) -> String {
    limit.trim_start_matches("MAX_").to_ascii_lowercase().replace('_', "-")
}

fn max_of(limit: &str) -> usize {
    ALL.iter().find(|(name, _)| *name == limit).map(|(_, max)| *max).expect("a limit of limits::ALL")
}

/// `count` elements of emphasis (`*最* `, 4 characters each), then `PHRASE` up to `chars`.
fn emphasised(count: usize, chars: usize) -> String {
    padded(&"*最* ".repeat(count), chars)
}

/// The worst valid bundle in `lang`.
pub fn worst_valid(lang: &str) -> EventBundle {
    let slug = long_slug("worst-valid", MAX_SLUG_CHARS);
    let entities: Vec<Entity> = (0..MAX_ENTITIES)
        .map(|i| Entity {
            slug: if i == 0 { long_slug("entity", MAX_SLUG_CHARS) } else { format!("entity-{i:03}") },
            name: padded(&format!("Entity {i:03} "), MAX_ENTITY_NAME_CHARS),
        })
        .collect();
    let related = (0..MAX_RELATED)
        .map(|i| RelatedEvent {
            slug: if i == 0 { long_slug("related", MAX_SLUG_CHARS) } else { format!("related-event-{i:03}") },
            title: Some(padded(&format!("Related {i:03} "), MAX_TITLE_CHARS)),
        })
        .collect();
    let canonical = format!("https://example.com/{lang}/n/{slug}?pad=");
    let mut bundle = EventBundle {
        schema_version: SCHEMA_VERSION,
        canonical_url: format!("{canonical}{}", "x".repeat(MAX_URL_CHARS - canonical.len())),
        lang: lang.to_string(),
        title: text(MAX_TITLE_CHARS, 0),
        dek: text(MAX_DEK_CHARS, 1),
        kind: text(MAX_TYPE_CHARS, 2),
        date: "2026-06-24".to_string(),
        heads: (0..MAX_HEADS).map(|i| padded(&format!("Head {i:02} "), MAX_HEAD_CHARS)).collect(),
        summary: worst_summary(lang, &entities),
        why_it_matters: worst_why(),
        watch: Vec::new(),
        lenses: worst_lenses(),
        related,
        entities,
        slug,
    };
    bundle.watch = worst_watch(&bundle);
    fill_to_the_byte_limit(&mut bundle);
    bundle
}

/// The most links a text may hold, to listed entities, in the longest summary.
fn worst_summary(lang: &str, entities: &[Entity]) -> String {
    let links: String = entities[1..=MAX_LINKS_PER_TEXT]
        .iter()
        .map(|e| format!("[{}](/{lang}/entity/{}) ", &e.slug[e.slug.len() - 3..], e.slug))
        .collect();
    padded(&links, MAX_SUMMARY_CHARS)
}

/// Emphasis nested as deep as allowed, then a paragraph opened by as many block quotes as allowed
/// on one line, in the longest why-it-matters.
fn worst_why() -> String {
    let nested = format!("{}x{}", "*a ".repeat(MAX_INLINE_NESTING), "*".repeat(MAX_INLINE_NESTING));
    padded(&format!("{nested}\n\n{}", "> ".repeat(MAX_BLOCK_NESTING)), MAX_WHY_CHARS)
}

/// The longest list of the longest items, whose emphasis brings the bundle's markup elements to
/// exactly the limit.
fn worst_watch(bundle: &EventBundle) -> Vec<String> {
    let elements = |text: &str| inline::parse_counted(text).1.elements;
    let left = MAX_MARKUP_ELEMENTS - elements(&bundle.summary) - elements(&bundle.why_it_matters);
    (0..MAX_WATCH_ITEMS)
        .map(|i| emphasised(left / MAX_WATCH_ITEMS + usize::from(i < left % MAX_WATCH_ITEMS), MAX_WATCH_ITEM_CHARS))
        .collect()
}

/// The most lenses and takes, the first lens full; the most distinct regions; every language;
/// and one take with every field at its longest.
fn worst_lenses() -> Vec<Lens> {
    let others = MAX_LENSES - 1;
    let sizes = (0..MAX_LENSES).map(|lens| match lens {
        0 => MAX_TAKES_PER_LENS,
        _ => (MAX_TAKES - MAX_TAKES_PER_LENS) / others + usize::from(lens <= (MAX_TAKES - MAX_TAKES_PER_LENS) % others),
    });
    let mut number = 0;
    sizes
        .enumerate()
        .map(|(lens, size)| Lens {
            name: padded(&format!("Lens {lens:03} "), MAX_LENS_NAME_CHARS),
            takes: (0..size)
                .map(|_| {
                    number += 1;
                    worst_take(number - 1)
                })
                .collect(),
        })
        .collect()
}

fn worst_take(number: usize) -> Take {
    if number == 0 {
        let url = "https://example.com/take/0?pad=";
        return Take {
            outlet: text(MAX_OUTLET_CHARS, 3),
            region: region(0),
            lang: ISO_639_1[0].to_string(),
            summary: text(MAX_TAKE_SUMMARY_CHARS, 4),
            quote: Some(text(MAX_QUOTE_CHARS, 5)),
            url: format!("{url}{}", "x".repeat(MAX_URL_CHARS - url.len())),
        };
    }
    Take {
        outlet: format!("Outlet {:03}", number % 100),
        region: region(number % MAX_REGIONS),
        lang: ISO_639_1[number % ISO_639_1.len()].to_string(),
        summary: String::new(),
        quote: Some(format!("Quote {number}.")),
        url: format!("https://example.com/take/{number}"),
    }
}

/// The `k`th of the [`MAX_REGIONS`] distinct regions; the first as long as a region may be.
fn region(k: usize) -> String {
    if k == 0 {
        padded("Region 000 ", MAX_REGION_CHARS)
    } else {
        format!("Region {k:03}")
    }
}

/// Grows the takes' summaries, in ASCII (a byte a character), until the file as written is
/// exactly [`MAX_BUNDLE_BYTES`].
fn fill_to_the_byte_limit(bundle: &mut EventBundle) {
    let size = to_pretty_json(bundle).len();
    let mut left = MAX_BUNDLE_BYTES.checked_sub(size).expect("the worst bundle's fixed part fits the byte limit");
    let takes = MAX_TAKES - 1;
    for (number, take) in bundle.lenses.iter_mut().flat_map(|l| l.takes.iter_mut()).skip(1).enumerate() {
        let share = left / (takes - number);
        take.summary = "worst case filler ".chars().cycle().take(share).collect();
        left -= share;
    }
}

/// A small valid bundle, the seed's shape, that each one-over bundle changes in one place.
pub fn small_valid(lang: &str, slug: &str) -> EventBundle {
    let take = |i: usize| Take {
        outlet: format!("Outlet {i}"),
        region: format!("Region {i}"),
        lang: "en".to_string(),
        summary: format!("Take {i}."),
        quote: None,
        url: format!("https://example.com/take/{i}"),
    };
    EventBundle {
        schema_version: SCHEMA_VERSION,
        slug: slug.to_string(),
        lang: lang.to_string(),
        canonical_url: format!("https://example.com/{lang}/n/{slug}"),
        title: "One over a limit".to_string(),
        dek: "Valid but for one limit, passed by one.".to_string(),
        kind: "event".to_string(),
        date: "2026-06-24".to_string(),
        heads: vec!["Limits".to_string()],
        summary: format!("[Anthropic](/{lang}/entity/anthropic) and [Alibaba](/{lang}/entity/alibaba)."),
        why_it_matters: "So that every bundle the format accepts renders fast.".to_string(),
        watch: vec!["Whether the app refuses it with the same error.".to_string()],
        lenses: vec![Lens { name: "Lens".to_string(), takes: vec![take(0), take(1)] }],
        related: vec![RelatedEvent { slug: "chip-controls".to_string(), title: None }],
        entities: vec![
            Entity { slug: "anthropic".to_string(), name: "Anthropic".to_string() },
            Entity { slug: "alibaba".to_string(), name: "Alibaba".to_string() },
        ],
    }
}

/// `n` characters and "N characters, at most M" for the limit `limit` passed by one.
fn over_chars(limit: &str) -> (String, String) {
    let max = max_of(limit);
    (text(max + 1, 0), format!("{} characters, at most {}", thousands(max + 1), thousands(max)))
}

fn over_items(limit: &str) -> String {
    let max = max_of(limit);
    format!("{} items, at most {}", thousands(max + 1), thousands(max))
}

/// One bundle over each limit, in the order of [`ALL`], and for a limit of several fields one
/// over it in each field; the bundle-size one last, as it is built from the worst bundle.
pub fn one_over(lang: &str) -> Vec<OneOver> {
    let mut out = Vec::new();
    let mut case = |limit: &'static str, field: &str, path: &str, message: String, edit: &dyn Fn(&mut EventBundle)| {
        let name = if field.is_empty() { kebab(limit) } else { format!("{}-{field}", kebab(limit)) };
        let mut bundle = small_valid(lang, &format!("over-{name}"));
        edit(&mut bundle);
        out.push(OneOver { name, limit, max: max_of(limit), error: format!("{path}: {message}"), bundle });
    };
    let slug = long_slug("over-slug-chars", MAX_SLUG_CHARS + 1);
    let too_long = format!("{} characters, at most {}", thousands(MAX_SLUG_CHARS + 1), thousands(MAX_SLUG_CHARS));
    case("MAX_SLUG_CHARS", "", "$.slug", too_long.clone(), &|b| b.slug = slug.clone());
    case("MAX_SLUG_CHARS", "related", "$.related[0].slug", too_long.clone(), &|b| b.related[0].slug = slug.clone());
    case("MAX_SLUG_CHARS", "entity", "$.entities[2].slug", too_long, &|b| {
        b.entities.push(Entity { slug: slug.clone(), name: "Unlinked".to_string() });
    });
    let url = |base: &str| format!("{base}{}", "x".repeat(MAX_URL_CHARS + 1 - base.len()));
    let too_long = format!("{} characters, at most {}", thousands(MAX_URL_CHARS + 1), thousands(MAX_URL_CHARS));
    case("MAX_URL_CHARS", "", "$.canonical_url", too_long.clone(), &|b| b.canonical_url = url("https://example.com/?"));
    let at = "$.lenses[0].takes[1].url";
    case("MAX_URL_CHARS", "take", at, too_long, &|b| b.lenses[0].takes[1].url = url("https://example.com/?"));
    let (long, message) = over_chars("MAX_TITLE_CHARS");
    case("MAX_TITLE_CHARS", "", "$.title", message.clone(), &|b| b.title = long.clone());
    let path = "$.related[0].title";
    case("MAX_TITLE_CHARS", "related", path, message, &|b| b.related[0].title = Some(long.clone()));
    let (long, message) = over_chars("MAX_DEK_CHARS");
    case("MAX_DEK_CHARS", "", "$.dek", message, &|b| b.dek = long.clone());
    let (long, message) = over_chars("MAX_TYPE_CHARS");
    case("MAX_TYPE_CHARS", "", "$.type", message, &|b| b.kind = long.clone());
    let message = over_items("MAX_HEADS");
    case("MAX_HEADS", "", "$.heads", message, &|b| b.heads = (0..=MAX_HEADS).map(|i| format!("Head {i}")).collect());
    let (long, message) = over_chars("MAX_HEAD_CHARS");
    case("MAX_HEAD_CHARS", "", "$.heads[0]", message, &|b| b.heads[0] = long.clone());
    let (long, message) = over_chars("MAX_SUMMARY_CHARS");
    case("MAX_SUMMARY_CHARS", "", "$.summary", message, &|b| b.summary = long.clone());
    let (long, message) = over_chars("MAX_WHY_CHARS");
    case("MAX_WHY_CHARS", "", "$.why_it_matters", message, &|b| b.why_it_matters = long.clone());
    let message = over_items("MAX_WATCH_ITEMS");
    case("MAX_WATCH_ITEMS", "", "$.watch", message, &|b| b.watch = vec!["Watch.".to_string(); MAX_WATCH_ITEMS + 1]);
    let (long, message) = over_chars("MAX_WATCH_ITEM_CHARS");
    case("MAX_WATCH_ITEM_CHARS", "", "$.watch[0]", message, &|b| b.watch[0] = long.clone());
    one_over_lists(&mut case);
    one_over_markup(&mut case);
    let mut bundle = worst_valid(lang);
    // As long a slug as the worst bundle's, so that the file grows only by the character below.
    bundle.slug = long_slug("over-bundle-bytes", MAX_SLUG_CHARS);
    bundle.lenses[0].takes[1].summary.push('x');
    let error = format!("$: {} bytes, at most {}", thousands(MAX_BUNDLE_BYTES + 1), thousands(MAX_BUNDLE_BYTES));
    out.push(OneOver {
        name: kebab("MAX_BUNDLE_BYTES"),
        limit: "MAX_BUNDLE_BYTES",
        max: MAX_BUNDLE_BYTES,
        error,
        bundle,
    });
    out
}

type Case<'a> = dyn FnMut(&'static str, &str, &str, String, &dyn Fn(&mut EventBundle)) + 'a;

/// The lens, take, region, related and entity limits.
fn one_over_lists(case: &mut Case) {
    let takes = |lens: usize, n: usize| -> Vec<Take> {
        let take = small_valid("en", "x").lenses[0].takes[0].clone();
        (0..n).map(|i| Take { url: format!("https://example.com/{lens}/{i}"), ..take.clone() }).collect()
    };
    let message = over_items("MAX_LENSES");
    case("MAX_LENSES", "", "$.lenses", message, &|b| {
        b.lenses = (0..=MAX_LENSES).map(|i| Lens { name: format!("Lens {i}"), takes: takes(i, 1) }).collect();
    });
    let (long, message) = over_chars("MAX_LENS_NAME_CHARS");
    case("MAX_LENS_NAME_CHARS", "", "$.lenses[0].name", message, &|b| b.lenses[0].name = long.clone());
    let message = over_items("MAX_TAKES_PER_LENS");
    case("MAX_TAKES_PER_LENS", "", "$.lenses[0].takes", message, &|b| {
        b.lenses[0].takes = takes(0, MAX_TAKES_PER_LENS + 1)
    });
    let message = format!("{} takes in all, at most {}", thousands(MAX_TAKES + 1), thousands(MAX_TAKES));
    case("MAX_TAKES", "", "$.lenses", message, &|b| {
        let full = MAX_TAKES / MAX_TAKES_PER_LENS;
        let sizes = std::iter::repeat_n(MAX_TAKES_PER_LENS, full).chain([MAX_TAKES + 1 - full * MAX_TAKES_PER_LENS]);
        b.lenses = sizes.enumerate().map(|(i, n)| Lens { name: format!("Lens {i}"), takes: takes(i, n) }).collect();
    });
    let (long, message) = over_chars("MAX_OUTLET_CHARS");
    case("MAX_OUTLET_CHARS", "", "$.lenses[0].takes[0].outlet", message, &|b| {
        b.lenses[0].takes[0].outlet = long.clone()
    });
    let (long, message) = over_chars("MAX_REGION_CHARS");
    case("MAX_REGION_CHARS", "", "$.lenses[0].takes[0].region", message, &|b| {
        b.lenses[0].takes[0].region = long.clone()
    });
    let path = format!("$.lenses[0].takes[{MAX_REGIONS}].region");
    let max = thousands(MAX_REGIONS);
    let message = format!("the bundle passes {max} distinct regions here, at most {max}");
    case("MAX_REGIONS", "", &path, message, &|b| {
        b.lenses[0].takes = takes(0, MAX_REGIONS + 1);
        for (i, take) in b.lenses[0].takes.iter_mut().enumerate() {
            take.region = format!("Region {i}");
        }
    });
    let (long, message) = over_chars("MAX_TAKE_SUMMARY_CHARS");
    let path = "$.lenses[0].takes[0].summary";
    case("MAX_TAKE_SUMMARY_CHARS", "", path, message, &|b| b.lenses[0].takes[0].summary = long.clone());
    let (long, message) = over_chars("MAX_QUOTE_CHARS");
    let path = "$.lenses[0].takes[0].quote";
    case("MAX_QUOTE_CHARS", "", path, message, &|b| b.lenses[0].takes[0].quote = Some(long.clone()));
    let message = over_items("MAX_RELATED");
    case("MAX_RELATED", "", "$.related", message, &|b| {
        b.related = (0..=MAX_RELATED).map(|i| RelatedEvent { slug: format!("related-{i}"), title: None }).collect();
    });
    let message = over_items("MAX_ENTITIES");
    case("MAX_ENTITIES", "", "$.entities", message, &|b| {
        let more = (b.entities.len()..=MAX_ENTITIES).map(|i| Entity { slug: format!("e-{i}"), name: format!("E {i}") });
        b.entities.extend(more.collect::<Vec<_>>());
    });
    let (long, message) = over_chars("MAX_ENTITY_NAME_CHARS");
    case("MAX_ENTITY_NAME_CHARS", "", "$.entities[0].name", message, &|b| b.entities[0].name = long.clone());
}

/// The limits on inline markup.
fn one_over_markup(case: &mut Case) {
    let message = format!("{} links, at most {}", MAX_LINKS_PER_TEXT + 1, MAX_LINKS_PER_TEXT);
    case("MAX_LINKS_PER_TEXT", "", "$.summary", message, &|b| {
        b.summary = format!("[Anthropic](/{}/entity/anthropic) ", b.lang).repeat(MAX_LINKS_PER_TEXT + 1);
    });
    let message = format!("markup nested {} deep, at most {}", MAX_INLINE_NESTING + 1, MAX_INLINE_NESTING);
    case("MAX_INLINE_NESTING", "", "$.why_it_matters", message, &|b| {
        let n = MAX_INLINE_NESTING + 1;
        b.why_it_matters = format!("{}x{}", "*a ".repeat(n), "*".repeat(n));
    });
    let (n, max) = (MAX_BLOCK_NESTING + 1, MAX_BLOCK_NESTING);
    let message = format!("{n} block-quote and list markers on one line, at most {max}");
    case("MAX_BLOCK_NESTING", "", "$.watch[0]", message, &|b| b.watch[0] = format!("{}a\nb", "> ".repeat(n)));
    // The summary's 2 links, then 200 emphases a watch item, until the one that passes.
    let full_items = (MAX_MARKUP_ELEMENTS - 2) / 200;
    let max = thousands(MAX_MARKUP_ELEMENTS);
    let message = format!("the bundle passes {max} markup elements here, at most {max} in all inline texts");
    case("MAX_MARKUP_ELEMENTS", "", &format!("$.watch[{full_items}]"), message, &|b| {
        let last = MAX_MARKUP_ELEMENTS - 2 - full_items * 200 + 1;
        b.watch = vec![emphasised(200, 800); full_items];
        b.watch.push(emphasised(last, 4 * last));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_cut_to_characters() {
        assert_eq!(text(1_000, 7).chars().count(), 1_000);
        // More bytes, and more UTF-16 units, than characters.
        let sample = text(100, 0);
        assert!(sample.len() > 100 && sample.encode_utf16().count() > 100, "{sample}");
        assert_eq!(padded("Lens 001 ", 500).chars().count(), 500);
        assert_eq!(long_slug("worst-valid", 200).len(), 200);
        assert_eq!(kebab("MAX_WATCH_ITEM_CHARS"), "watch-item-chars");
    }
}
