//! The facts about the collection that the head tags, feeds and sitemaps share: the order of
//! events, each entity's page, which languages carry a slug, and the one description of an event.
//!
//! Everything here is derived from the event bundles in one pass, with the same order and naming
//! rules as the collection index (`eventlens_format::index::build_index`), so a feed, a sitemap and
//! the entity page list the same events in the same order.
//!
//! Not here: writing any document. Inputs are bundles that passed `eventlens_format::validate`;
//! [`check_event`] re-checks only what would make a generated URL or date wrong.

use std::collections::BTreeMap;
use std::fmt;

use eventlens_format::inline::{parse, plain_text};
use eventlens_format::model::{is_known_lang, is_url_safe_slug, EventBundle};
use eventlens_format::validate::is_iso_date;

/// An event as an entity page, feed or card lists it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventRef {
    pub slug: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub dek: String,
}

/// An entity's page: `/{lang}/entity/{slug}`, naming the events that list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityPage {
    pub lang: String,
    pub slug: String,
    pub name: String,
    /// Newest first, the same order as the collection index.
    pub events: Vec<EventRef>,
}

impl EntityPage {
    /// The date of the newest event naming the entity: its `lastmod` and its feed's `updated`.
    pub fn newest_date(&self) -> Option<&str> {
        self.events.first().map(|e| e.date.as_str())
    }
}

/// A bundle that would make a URL or a date in a generated document wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The page the problem is on: `zh/n/some-slug`.
    pub page: String,
    /// The JSON path of the field: `$.date`.
    pub field: &'static str,
    pub problem: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.page, self.field, self.problem)
    }
}

impl std::error::Error for InputError {}

/// Checks the fields that generated URLs and dates are built from.
pub fn check_event(b: &EventBundle) -> Result<(), InputError> {
    let page = format!("{}/n/{}", b.lang, b.slug);
    let fail = |field, problem: String| Err(InputError { page: page.clone(), field, problem });
    if !is_known_lang(&b.lang) {
        return fail("$.lang", format!("{:?} is not an ISO 639-1 code", b.lang));
    }
    if !is_url_safe_slug(&b.slug) {
        return fail("$.slug", format!("{:?} is not a URL-safe slug", b.slug));
    }
    if !is_iso_date(&b.date) {
        return fail("$.date", format!("{:?} is not a YYYY-MM-DD date", b.date));
    }
    for (i, e) in b.entities.iter().enumerate() {
        if !is_url_safe_slug(&e.slug) {
            return fail("$.entities[].slug", format!("entity {i}: {:?} is not a URL-safe slug", e.slug));
        }
    }
    Ok(())
}

/// Checks every bundle; the first problem of each is reported.
pub fn check_events<'a>(bundles: impl IntoIterator<Item = &'a EventBundle>) -> Result<(), Vec<InputError>> {
    let problems: Vec<InputError> = bundles.into_iter().filter_map(|b| check_event(b).err()).collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Newest first; ties by language, then slug: the collection index's order.
pub fn newest_first<'a>(bundles: impl IntoIterator<Item = &'a EventBundle>) -> Vec<&'a EventBundle> {
    let mut sorted: Vec<&EventBundle> = bundles.into_iter().collect();
    sorted.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.lang.cmp(&b.lang)).then_with(|| a.slug.cmp(&b.slug)));
    sorted
}

/// Every entity page, by language then slug. An entity's name is the one its newest event gives
/// it, as in the collection index.
pub fn entity_pages(bundles: &[EventBundle]) -> Vec<EntityPage> {
    let mut pages: BTreeMap<(&str, &str), EntityPage> = BTreeMap::new();
    for b in newest_first(bundles) {
        for e in &b.entities {
            pages
                .entry((b.lang.as_str(), e.slug.as_str()))
                .or_insert_with(|| EntityPage {
                    lang: b.lang.clone(),
                    slug: e.slug.clone(),
                    name: e.name.clone(),
                    events: Vec::new(),
                })
                .events
                .push(EventRef::of(b));
        }
    }
    pages.into_values().collect()
}

impl EventRef {
    pub fn of(b: &EventBundle) -> EventRef {
        EventRef { slug: b.slug.clone(), title: b.title.clone(), date: b.date.clone(), dek: b.dek.clone() }
    }
}

/// For each slug, the languages that have a page with it, sorted: the `hreflang` alternates.
/// Build one for events ([`event_languages`]) and one for entities ([`entity_languages`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Languages(BTreeMap<String, Vec<String>>);

impl Languages {
    /// The languages with a page for `slug`, or an empty list.
    pub fn of(&self, slug: &str) -> &[String] {
        self.0.get(slug).map_or(&[], Vec::as_slice)
    }

    fn add(&mut self, slug: &str, lang: &str) {
        let langs = self.0.entry(slug.to_string()).or_default();
        if let Err(at) = langs.binary_search_by(|l| l.as_str().cmp(lang)) {
            langs.insert(at, lang.to_string());
        }
    }
}

pub fn event_languages(bundles: &[EventBundle]) -> Languages {
    let mut langs = Languages::default();
    for b in bundles {
        langs.add(&b.slug, &b.lang);
    }
    langs
}

pub fn entity_languages(entities: &[EntityPage]) -> Languages {
    let mut langs = Languages::default();
    for e in entities {
        langs.add(&e.slug, &e.lang);
    }
    langs
}

/// The event's one-line description: its dek, or its summary as plain text when it has none.
/// The same rule as the app's `<meta name="description">` (src/routes/event.rs).
pub fn description(b: &EventBundle) -> String {
    if b.dek.is_empty() {
        summary_text(b)
    } else {
        b.dek.clone()
    }
}

/// The summary's inline markdown flattened to the text a reader sees.
pub fn summary_text(b: &EventBundle) -> String {
    plain_text(&parse(&b.summary))
}

/// `2026-06-24` as an RFC 3339 date-time. Bundles carry a calendar date only; its start in UTC
/// is the one instant every feed reader and crawler agrees on.
pub fn date_time(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{english_fixture, seed};

    #[test]
    fn entity_pages_list_their_events_newest_first() {
        let mut older = english_fixture();
        older.slug = "older-chip-story".into();
        older.date = "2026-01-02".into();
        older.entities[0].name = "Old name".into();
        let newer = english_fixture();
        let pages = entity_pages(&[older, newer.clone()]);
        let page = pages.iter().find(|p| p.slug == newer.entities[0].slug).unwrap();
        assert_eq!(
            page.events.iter().map(|e| e.slug.as_str()).collect::<Vec<_>>(),
            [newer.slug.as_str(), "older-chip-story"]
        );
        assert_eq!(page.name, newer.entities[0].name, "the newest event names the entity");
        assert_eq!(page.newest_date(), Some(newer.date.as_str()));
    }

    #[test]
    fn languages_of_a_slug_are_sorted_and_distinct() {
        let zh = seed();
        let mut en = seed();
        en.lang = "en".into();
        let langs = event_languages(&[zh.clone(), en, zh.clone()]);
        assert_eq!(langs.of(&zh.slug), ["en", "zh"]);
        assert!(langs.of("nothing").is_empty());
    }

    #[test]
    fn description_falls_back_to_the_summary_as_text() {
        let mut b = seed();
        assert_eq!(description(&b), b.dek);
        b.dek.clear();
        let text = description(&b);
        assert!(text.starts_with("Anthropic于6月24日披露，阿里巴巴的Qwen实验室"), "{text}");
        assert!(!text.contains("](/zh/entity/"), "markdown links are flattened: {text}");
    }

    #[test]
    fn bad_dates_and_slugs_are_reported_where_they_are() {
        let mut b = seed();
        b.date = "24 June".into();
        let err = check_event(&b).unwrap_err();
        assert_eq!(
            err.to_string(),
            "zh/n/anthropic-alibaba-claude-distillation: $.date: \"24 June\" is not a YYYY-MM-DD date"
        );
        b.date = "2026-06-24".into();
        b.entities[0].slug = "a b".into();
        assert_eq!(check_event(&b).unwrap_err().field, "$.entities[].slug");
        assert!(check_events([&seed(), &english_fixture()]).is_ok());
    }
}
