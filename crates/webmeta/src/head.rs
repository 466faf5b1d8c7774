//! The `<head>` tags that let a chat, a social network or a feed reader understand a page: Open
//! Graph, the X card, `<link rel="alternate">` to the feeds and the other language versions, and
//! (for events) the JSON-LD text.
//!
//! Tags are data, not HTML: the app renders each [`MetaTag`] as `<Meta property=… content=…>` or
//! `<Meta name=… content=…>` and each [`LinkTag`] as `<Link …>` with leptos_meta, which escapes
//! attribute values. Every URL in them is absolute, built from the [`Site`].
//!
//! Not here: `<title>`, `<meta name="description">` and `<link rel="canonical">`, which the app
//! already writes.

use eventlens_format::model::EventBundle;
use serde::Serialize;

use crate::collection::{date_time, description, EntityPage};
use crate::jsonld::news_article;
use crate::site::{route, Site};
use crate::words::{og_locale, Words};
use crate::{CARD_HEIGHT, CARD_WIDTH};

/// Open Graph and `article:` tags take `property=`; X (Twitter) tags take `name=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetaAttr {
    Property,
    Name,
}

/// `<meta {attr}="{key}" content="{content}">`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetaTag {
    pub attr: MetaAttr,
    pub key: &'static str,
    pub content: String,
}

/// `<link rel="{rel}" href="{href}" type=… hreflang=… title=…>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkTag {
    pub rel: &'static str,
    pub href: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub mime: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hreflang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Everything one page adds to its head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadTags {
    pub metas: Vec<MetaTag>,
    pub links: Vec<LinkTag>,
    /// The text of a `<script type="application/ld+json">`, already safe to embed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_ld: Option<String>,
}

/// The longest description a card preview shows before cutting it itself; longer ones are cut
/// at a character boundary with an ellipsis, so that no preview ends mid-character.
const OG_DESCRIPTION_CHARS: usize = 300;
const X_DESCRIPTION_CHARS: usize = 200;
pub const ATOM_TYPE: &str = "application/atom+xml";
pub const JSON_FEED_TYPE: &str = "application/feed+json";

/// The head tags of the event page `/{lang}/n/{slug}`. `languages` are the languages that have
/// an event with this slug (see `collection::event_languages`); with two or more, each gets an
/// `hreflang` alternate, this page's own language included, as search engines ask.
pub fn event_head(site: &Site, b: &EventBundle, languages: &[String]) -> HeadTags {
    let words = Words::for_lang(&b.lang);
    let page = Page {
        og_type: "article",
        title: &b.title,
        description: description(b),
        url: site.url(&route::event(&b.lang, &b.slug)),
        image: site.url(&route::event_card(&b.lang, &b.slug)),
        lang: &b.lang,
        languages,
    };
    let mut metas = page.metas();
    metas.push(property("article:published_time", date_time(&b.date)));
    metas.extend(b.heads.iter().map(|h| property("article:tag", h.clone())));
    let mut links = vec![
        alternate(site.url(&route::atom_feed(&b.lang)), ATOM_TYPE, words.collection_feed_title()),
        alternate(site.url(&route::json_feed(&b.lang)), JSON_FEED_TYPE, words.collection_feed_title()),
    ];
    links.extend(hreflang_links(site, languages, |lang| route::event(lang, &b.slug)));
    HeadTags { metas, links, json_ld: Some(news_article(site, b)) }
}

/// The head tags of the entity page `/{lang}/entity/{slug}`, with its own card and feed.
pub fn entity_head(site: &Site, entity: &EntityPage, languages: &[String]) -> HeadTags {
    let words = Words::for_lang(&entity.lang);
    let mut description = words.events(entity.events.len());
    if let Some(newest) = entity.events.first() {
        description.push_str(if words.is_zh() { "。最新：" } else { ". Newest: " });
        description.push_str(&newest.title);
    }
    let page = Page {
        og_type: "website",
        title: &entity.name,
        description,
        url: site.url(&route::entity(&entity.lang, &entity.slug)),
        image: site.url(&route::entity_card(&entity.lang, &entity.slug)),
        lang: &entity.lang,
        languages,
    };
    let mut links = vec![
        alternate(
            site.url(&route::entity_feed(&entity.lang, &entity.slug)),
            ATOM_TYPE,
            &words.entity_feed_title(&entity.name),
        ),
        alternate(site.url(&route::atom_feed(&entity.lang)), ATOM_TYPE, words.collection_feed_title()),
    ];
    links.extend(hreflang_links(site, languages, |lang| route::entity(lang, &entity.slug)));
    HeadTags { metas: page.metas(), links, json_ld: None }
}

/// What the Open Graph and X tags of any page say.
struct Page<'a> {
    og_type: &'static str,
    title: &'a str,
    description: String,
    url: String,
    image: String,
    lang: &'a str,
    languages: &'a [String],
}

impl Page<'_> {
    fn metas(&self) -> Vec<MetaTag> {
        let mut metas = vec![
            property("og:type", self.og_type.into()),
            property("og:site_name", "eventlens".into()),
            property("og:title", self.title.into()),
            property("og:description", cut(&self.description, OG_DESCRIPTION_CHARS)),
            property("og:url", self.url.clone()),
        ];
        if let Some(locale) = og_locale(self.lang) {
            metas.push(property("og:locale", locale.into()));
            let others = self.languages.iter().filter(|l| *l != self.lang).filter_map(|l| og_locale(l));
            metas.extend(others.map(|l| property("og:locale:alternate", l.into())));
        }
        metas.extend([
            property("og:image", self.image.clone()),
            property("og:image:type", "image/png".into()),
            property("og:image:width", CARD_WIDTH.to_string()),
            property("og:image:height", CARD_HEIGHT.to_string()),
            property("og:image:alt", self.title.into()),
            name("twitter:card", "summary_large_image".into()),
            name("twitter:title", self.title.into()),
            name("twitter:description", cut(&self.description, X_DESCRIPTION_CHARS)),
            name("twitter:image", self.image.clone()),
            name("twitter:image:alt", self.title.into()),
        ]);
        metas
    }
}

fn property(key: &'static str, content: String) -> MetaTag {
    MetaTag { attr: MetaAttr::Property, key, content }
}

fn name(key: &'static str, content: String) -> MetaTag {
    MetaTag { attr: MetaAttr::Name, key, content }
}

fn alternate(href: String, mime: &'static str, title: &str) -> LinkTag {
    LinkTag { rel: "alternate", href, mime: Some(mime), hreflang: None, title: Some(title.into()) }
}

fn hreflang_links(site: &Site, languages: &[String], path: impl Fn(&str) -> String) -> Vec<LinkTag> {
    if languages.len() < 2 {
        return Vec::new();
    }
    languages
        .iter()
        .map(|lang| LinkTag {
            rel: "alternate",
            href: site.url(&path(lang)),
            mime: None,
            hreflang: Some(lang.clone()),
            title: None,
        })
        .collect()
}

/// `text` cut to at most `max` characters, the last of them an ellipsis when it was cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::{entity_pages, event_languages};
    use crate::testdata::{english_fixture, seed};

    fn site() -> Site {
        Site::parse("https://example.com/sub").unwrap()
    }

    fn meta<'a>(head: &'a HeadTags, key: &str) -> Vec<&'a str> {
        head.metas.iter().filter(|m| m.key == key).map(|m| m.content.as_str()).collect()
    }

    #[test]
    fn the_seed_page_has_every_tag() {
        let b = seed();
        let head = event_head(&site(), &b, &["zh".into()]);
        let url = "https://example.com/sub/zh/n/anthropic-alibaba-claude-distillation";
        let card = "https://example.com/sub/cards/zh/n/anthropic-alibaba-claude-distillation.png";
        for (key, value) in [
            ("og:type", "article"),
            ("og:title", b.title.as_str()),
            ("og:description", b.dek.as_str()),
            ("og:url", url),
            ("og:locale", "zh_CN"),
            ("og:image", card),
            ("og:image:width", "1200"),
            ("og:image:height", "630"),
            ("article:published_time", "2026-06-24T00:00:00Z"),
            ("twitter:card", "summary_large_image"),
            ("twitter:title", b.title.as_str()),
            ("twitter:image", card),
        ] {
            assert_eq!(meta(&head, key), [value], "{key}");
        }
        assert_eq!(meta(&head, "article:tag"), ["谁的钱", "他们没说的"]);
        assert!(head.metas.iter().all(|m| (m.attr == MetaAttr::Name) == m.key.starts_with("twitter:")));
        let feeds: Vec<(&str, Option<&str>)> = head.links.iter().map(|l| (l.href.as_str(), l.mime)).collect();
        assert_eq!(
            feeds,
            [
                ("https://example.com/sub/zh/feed.xml", Some(ATOM_TYPE)),
                ("https://example.com/sub/zh/feed.json", Some(JSON_FEED_TYPE))
            ],
            "one language: no hreflang links"
        );
        assert!(head.json_ld.as_deref().is_some_and(|j| j.contains("\"NewsArticle\"")));
    }

    #[test]
    fn every_language_version_is_an_alternate() {
        let zh = seed();
        let mut en = seed();
        en.lang = "en".into();
        let langs = event_languages(&[zh.clone(), en.clone()]);
        let head = event_head(&site(), &en, langs.of(&en.slug));
        let alternates: Vec<(&str, &str)> =
            head.links.iter().filter_map(|l| Some((l.hreflang.as_deref()?, l.href.as_str()))).collect();
        assert_eq!(
            alternates,
            [
                ("en", "https://example.com/sub/en/n/anthropic-alibaba-claude-distillation"),
                ("zh", "https://example.com/sub/zh/n/anthropic-alibaba-claude-distillation"),
            ]
        );
        assert_eq!(meta(&head, "og:locale"), ["en_US"]);
        assert_eq!(meta(&head, "og:locale:alternate"), ["zh_CN"]);
        assert_eq!(meta(&head, "og:url"), ["https://example.com/sub/en/n/anthropic-alibaba-claude-distillation"]);
    }

    #[test]
    fn long_descriptions_are_cut_with_an_ellipsis() {
        let mut b = english_fixture();
        b.dek = "word ".repeat(100);
        let head = event_head(&site(), &b, &[]);
        let og = meta(&head, "og:description")[0];
        let x = meta(&head, "twitter:description")[0];
        assert!(og.chars().count() <= 300 && og.ends_with("word…"), "{og}");
        assert!(x.chars().count() <= 200 && x.ends_with('…'), "{x}");
    }

    #[test]
    fn an_entity_page_has_its_card_and_its_feed() {
        let pages = entity_pages(&[english_fixture()]);
        let tsmc = pages.iter().find(|p| p.slug == "tsmc").unwrap();
        let head = entity_head(&site(), tsmc, &["en".into()]);
        assert_eq!(meta(&head, "og:type"), ["website"]);
        assert_eq!(meta(&head, "og:title"), ["TSMC"]);
        assert_eq!(
            meta(&head, "og:description"),
            ["1 event. Newest: TSMC brings 2nm chipmaking to Arizona a year early"]
        );
        assert_eq!(meta(&head, "og:image"), ["https://example.com/sub/cards/en/entity/tsmc.png"]);
        assert_eq!(head.links[0].href, "https://example.com/sub/en/entity/tsmc/feed.xml");
        assert_eq!(head.links[0].title.as_deref(), Some("eventlens · events about TSMC"));
        assert!(head.json_ld.is_none());
    }
}
