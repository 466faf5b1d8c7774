//! Feeds a reader can follow: per language an Atom 1.0 feed (`/{lang}/feed.xml`) and a JSON
//! Feed 1.1 (`/{lang}/feed.json`) of the newest [`FEED_ENTRIES`] events, and per entity an Atom
//! feed (`/{lang}/entity/{slug}/feed.xml`) of the newest events that name it.
//!
//! Choices a reader would notice:
//! - an entry's id is the event page's absolute URL. It depends only on the site, the language
//!   and the slug, so it does not change when an event is edited or re-dated;
//! - bundles carry a calendar date only, so `published` and `updated` are that date at 00:00 UTC.
//!   An edit to an event does not move it up a reader's list; a new event does;
//! - a feed's `updated` is its newest entry's date (1970-01-01 for an empty feed);
//! - summaries are plain text: the event's inline markdown flattened to what a reader sees, so a
//!   reader never shows markdown syntax or HTML from a bundle.
//!
//! Not here: choosing which languages have feeds (one per language that has events), or writing
//! files.

use eventlens_format::model::EventBundle;
use serde_json::json;

use crate::collection::{check_event, date_time, newest_first, summary_text, EntityPage, InputError};
use crate::head::ATOM_TYPE;
use crate::site::{route, Site};
use crate::words::Words;
use crate::xml::escape;

/// How many events a feed holds.
pub const FEED_ENTRIES: usize = 50;
const EMPTY_FEED_UPDATED: &str = "1970-01-01";

/// One entry, as both feed formats see it.
struct Entry {
    url: String,
    title: String,
    date: String,
    summary: String,
    /// Only for language feeds; an entity feed knows only the dek.
    extra: Option<EventExtra>,
}

struct EventExtra {
    dek: String,
    card: String,
    lang: String,
    heads: Vec<String>,
}

fn language_entries(site: &Site, lang: &str, bundles: &[EventBundle]) -> Result<Vec<Entry>, InputError> {
    let newest: Vec<&EventBundle> =
        newest_first(bundles.iter().filter(|b| b.lang == lang)).into_iter().take(FEED_ENTRIES).collect();
    newest
        .into_iter()
        .map(|b| {
            check_event(b)?;
            Ok(Entry {
                url: site.url(&route::event(&b.lang, &b.slug)),
                title: b.title.clone(),
                date: b.date.clone(),
                summary: summary_text(b),
                extra: Some(EventExtra {
                    dek: b.dek.clone(),
                    card: site.url(&route::event_card(&b.lang, &b.slug)),
                    lang: b.lang.clone(),
                    heads: b.heads.clone(),
                }),
            })
        })
        .collect()
}

/// The Atom 1.0 feed of `lang`'s newest events, for `/{lang}/feed.xml`.
pub fn language_atom(site: &Site, lang: &str, bundles: &[EventBundle]) -> Result<String, InputError> {
    let entries = language_entries(site, lang, bundles)?;
    let words = Words::for_lang(lang);
    let head = AtomHead {
        lang,
        title: words.collection_feed_title(),
        self_url: site.url(&route::atom_feed(lang)),
        page_url: site.url(&route::home(lang)),
    };
    Ok(atom(&head, &entries))
}

/// The JSON Feed 1.1 of `lang`'s newest events, for `/{lang}/feed.json`: `summary` is the dek,
/// `content_text` the summary as plain text, `image` the share card.
pub fn language_json_feed(site: &Site, lang: &str, bundles: &[EventBundle]) -> Result<String, InputError> {
    let entries = language_entries(site, lang, bundles)?;
    let items: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            let extra = e.extra.as_ref().expect("language entries carry the event's extras");
            let mut item = json!({
                "id": e.url,
                "url": e.url,
                "title": e.title,
                "content_text": e.summary,
                "image": extra.card,
                "date_published": date_time(&e.date),
                "language": extra.lang,
                "tags": extra.heads,
            });
            if !extra.dek.is_empty() {
                item["summary"] = json!(extra.dek);
            }
            item
        })
        .collect();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": Words::for_lang(lang).collection_feed_title(),
        "home_page_url": site.url(&route::home(lang)),
        "feed_url": site.url(&route::json_feed(lang)),
        "language": lang,
        "authors": [{"name": "eventlens", "url": site.base()}],
        "items": items,
    });
    let mut text = serde_json::to_string_pretty(&feed).expect("a serde_json::Value always serialises");
    text.push('\n');
    Ok(text)
}

/// The Atom 1.0 feed of the newest events naming `entity`, for `/{lang}/entity/{slug}/feed.xml`.
/// Its entries have the same ids as in the language feed; their summary is the dek.
pub fn entity_atom(site: &Site, entity: &EntityPage) -> Result<String, InputError> {
    let entries = entity
        .events
        .iter()
        .take(FEED_ENTRIES)
        .map(|e| {
            if !eventlens_format::validate::is_iso_date(&e.date) {
                return Err(InputError {
                    page: route::event(&entity.lang, &e.slug),
                    field: "$.date",
                    problem: format!("{:?} is not a YYYY-MM-DD date", e.date),
                });
            }
            Ok(Entry {
                url: site.url(&route::event(&entity.lang, &e.slug)),
                title: e.title.clone(),
                date: e.date.clone(),
                summary: e.dek.clone(),
                extra: None,
            })
        })
        .collect::<Result<Vec<Entry>, InputError>>()?;
    let head = AtomHead {
        lang: &entity.lang,
        title: &Words::for_lang(&entity.lang).entity_feed_title(&entity.name),
        self_url: site.url(&route::entity_feed(&entity.lang, &entity.slug)),
        page_url: site.url(&route::entity(&entity.lang, &entity.slug)),
    };
    Ok(atom(&head, &entries))
}

struct AtomHead<'a> {
    lang: &'a str,
    title: &'a str,
    self_url: String,
    page_url: String,
}

fn atom(head: &AtomHead, entries: &[Entry]) -> String {
    let updated = date_time(entries.first().map_or(EMPTY_FEED_UPDATED, |e| e.date.as_str()));
    let mut out = String::with_capacity(1024 + entries.len() * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", escape(head.lang)));
    out.push_str(&format!("  <title type=\"text\">{}</title>\n", escape(head.title)));
    out.push_str(&format!("  <id>{}</id>\n", escape(&head.self_url)));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str(&format!("  <link rel=\"self\" type=\"{ATOM_TYPE}\" href=\"{}\"/>\n", escape(&head.self_url)));
    out.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape(&head.page_url)));
    out.push_str("  <author><name>eventlens</name></author>\n");
    for e in entries {
        let url = escape(&e.url);
        let date = date_time(&e.date);
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title type=\"text\">{}</title>\n", escape(&e.title)));
        out.push_str(&format!("    <id>{url}</id>\n"));
        out.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"));
        out.push_str(&format!("    <published>{date}</published>\n    <updated>{date}</updated>\n"));
        if !e.summary.is_empty() {
            out.push_str(&format!("    <summary type=\"text\">{}</summary>\n", escape(&e.summary)));
        }
        if let Some(extra) = &e.extra {
            for h in &extra.heads {
                out.push_str(&format!("    <category term=\"{}\"/>\n", escape(h)));
            }
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use feed_rs::model::{Entry, Feed, FeedType};

    use super::*;
    use crate::collection::entity_pages;
    use crate::testdata::{english_fixture, seed};

    fn site() -> Site {
        Site::parse("https://example.com/sub/").unwrap()
    }

    fn parse(text: &str) -> Feed {
        feed_rs::parser::parse(text.as_bytes()).expect("a feed reader reads it")
    }

    fn text(t: &Option<feed_rs::model::Text>) -> &str {
        t.as_ref().map_or("", |t| t.content.as_str())
    }

    fn midnight(date: &str) -> Option<String> {
        Some(format!("{date}T00:00:00+00:00"))
    }

    fn check_atom_entry(entry: &Entry, b: &EventBundle) {
        let url = format!("https://example.com/sub/{}/n/{}", b.lang, b.slug);
        assert_eq!(entry.id, url, "the id is the page URL");
        assert_eq!(text(&entry.title), b.title);
        assert_eq!(entry.links.iter().map(|l| l.href.as_str()).collect::<Vec<_>>(), [url.as_str()]);
        assert_eq!(entry.published.map(|t| t.to_rfc3339()), midnight(&b.date));
        assert_eq!(entry.updated.map(|t| t.to_rfc3339()), midnight(&b.date));
        assert_eq!(text(&entry.summary), summary_text(b));
        assert_eq!(entry.summary.as_ref().unwrap().content_type.to_string(), "text/plain");
        assert_eq!(entry.categories.iter().map(|c| c.term.as_str()).collect::<Vec<_>>(), b.heads);
    }

    /// Two more Chinese events around the seed, so order and the language filter are checked.
    fn collection() -> Vec<EventBundle> {
        let mut older = seed();
        older.slug = "older-event".into();
        older.date = "2026-06-01".into();
        let mut newer = seed();
        newer.slug = "newer-event".into();
        newer.date = "2026-06-30".into();
        vec![older, seed(), english_fixture(), newer]
    }

    #[test]
    fn the_chinese_atom_feed_reads_back_newest_first() {
        let bundles = collection();
        let feed = parse(&language_atom(&site(), "zh", &bundles).unwrap());
        assert_eq!(feed.feed_type, FeedType::Atom);
        assert_eq!(feed.id, "https://example.com/sub/zh/feed.xml");
        assert_eq!(text(&feed.title), "eventlens · 事件");
        assert_eq!(feed.language.as_deref(), Some("zh"));
        assert_eq!(feed.updated.map(|t| t.to_rfc3339()), midnight("2026-06-30"));
        let links: Vec<(&str, Option<&str>)> = feed.links.iter().map(|l| (l.href.as_str(), l.rel.as_deref())).collect();
        assert_eq!(
            links,
            [("https://example.com/sub/zh/feed.xml", Some("self")), ("https://example.com/sub/zh/", Some("alternate"))]
        );
        let slugs: Vec<&str> = feed.entries.iter().map(|e| e.id.rsplit('/').next().unwrap()).collect();
        assert_eq!(slugs, ["newer-event", "anthropic-alibaba-claude-distillation", "older-event"]);
        check_atom_entry(&feed.entries[1], &seed());
        assert!(text(&feed.entries[1].summary).starts_with("Anthropic于6月24日披露，阿里巴巴的Qwen实验室"));
    }

    #[test]
    fn the_english_atom_feed_flattens_markdown_and_keeps_html_as_text() {
        let b = english_fixture();
        let feed = parse(&language_atom(&site(), "en", &collection()).unwrap());
        assert_eq!(feed.entries.len(), 1);
        check_atom_entry(&feed.entries[0], &b);
        assert_eq!(
            text(&feed.entries[0].summary),
            "TSMC said on Friday that its second Arizona fab will make 2nm chips in 2027. Subsidies <b>matter</b>."
        );
    }

    #[test]
    fn feeds_hold_the_newest_fifty() {
        let bundles: Vec<EventBundle> = (0..60)
            .map(|i| {
                let mut b = english_fixture();
                b.slug = format!("event-{i}");
                b.date = format!("2026-{:02}-{:02}", 1 + i / 28, 1 + i % 28);
                b
            })
            .collect();
        let feed = parse(&language_atom(&site(), "en", &bundles).unwrap());
        assert_eq!(feed.entries.len(), FEED_ENTRIES);
        let dates: Vec<String> = feed.entries.iter().map(|e| e.published.unwrap().to_rfc3339()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
        assert_eq!(dates.last().map(String::as_str), Some("2026-01-11T00:00:00+00:00"), "the oldest ten are left out");
        let json: serde_json::Value =
            serde_json::from_str(&language_json_feed(&site(), "en", &bundles).unwrap()).unwrap();
        assert_eq!(json["items"].as_array().unwrap().len(), FEED_ENTRIES);
    }

    #[test]
    fn the_json_feed_carries_every_field() {
        let bundles = collection();
        let text_feed = language_json_feed(&site(), "zh", &bundles).unwrap();
        let feed = parse(&text_feed);
        assert_eq!(feed.feed_type, FeedType::JSON);
        assert_eq!(text(&feed.title), "eventlens · 事件");
        assert_eq!(feed.entries.len(), 3);
        let b = seed();
        let entry = &feed.entries[1];
        assert_eq!(entry.id, "https://example.com/sub/zh/n/anthropic-alibaba-claude-distillation");
        assert_eq!(text(&entry.title), b.title);
        assert_eq!(text(&entry.summary), b.dek);
        assert_eq!(entry.content.as_ref().and_then(|c| c.body.as_deref()), Some(summary_text(&b).as_str()));
        assert_eq!(entry.published.map(|t| t.to_rfc3339()), midnight(&b.date));
        // What feed-rs does not model, read as JSON.
        let json: serde_json::Value = serde_json::from_str(&text_feed).unwrap();
        assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(json["home_page_url"], "https://example.com/sub/zh/");
        assert_eq!(json["feed_url"], "https://example.com/sub/zh/feed.json");
        assert_eq!(json["language"], "zh");
        let item = &json["items"][1];
        assert_eq!(item["image"], "https://example.com/sub/cards/zh/n/anthropic-alibaba-claude-distillation.png");
        assert_eq!(item["language"], "zh");
        assert_eq!(item["tags"], serde_json::json!(b.heads));
    }

    #[test]
    fn an_entity_feed_lists_the_events_that_name_it() {
        let pages = entity_pages(&collection());
        let anthropic = pages.iter().find(|p| p.lang == "zh" && p.slug == "anthropic").unwrap();
        let feed = parse(&entity_atom(&site(), anthropic).unwrap());
        assert_eq!(feed.id, "https://example.com/sub/zh/entity/anthropic/feed.xml");
        assert_eq!(text(&feed.title), "eventlens · 关于Anthropic的事件");
        assert_eq!(feed.updated.map(|t| t.to_rfc3339()), midnight("2026-06-30"));
        assert_eq!(feed.entries.len(), 3);
        let seed_entry = &feed.entries[1];
        assert_eq!(seed_entry.id, "https://example.com/sub/zh/n/anthropic-alibaba-claude-distillation");
        assert_eq!(text(&seed_entry.summary), seed().dek);
        assert_eq!(text(&seed_entry.title), seed().title);
    }

    #[test]
    fn ids_survive_an_edit_and_markup_in_titles_stays_text() {
        let mut b = english_fixture();
        let before = parse(&language_atom(&site(), "en", std::slice::from_ref(&b)).unwrap()).entries[0].id.clone();
        b.title = "</title><script>alert(1)</script> & \"more\"".into();
        b.summary = "Edited.".into();
        b.dek = "Edited too.".into();
        let atom = language_atom(&site(), "en", std::slice::from_ref(&b)).unwrap();
        assert!(!atom.contains("<script>"), "{atom}");
        let feed = parse(&atom);
        assert_eq!(feed.entries[0].id, before, "an edit keeps the id");
        assert_eq!(text(&feed.entries[0].title), b.title);
    }

    #[test]
    fn a_bad_date_is_an_error_not_a_broken_feed() {
        let mut b = english_fixture();
        b.date = "May 2".into();
        let err = language_atom(&site(), "en", &[b]).unwrap_err();
        assert_eq!(err.to_string(), "en/n/tsmc-arizona-2nm: $.date: \"May 2\" is not a YYYY-MM-DD date");
    }
}
