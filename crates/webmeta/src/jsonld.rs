//! The schema.org `NewsArticle` of an event, as JSON-LD for a `<script type="application/ld+json">`
//! data block.
//!
//! A data block is not script, so the strict CSP allows it; but the HTML parser still ends the
//! element at the first `</script`, so [`embeddable_json`] writes `<`, `>` and `&` (and the line
//! separators U+2028/U+2029) as `\u` escapes. The result is the same JSON value, and no title,
//! outlet or URL from a bundle can close the element or open a comment.
//!
//! Not here: the `<script>` element itself (the app renders it), or any other schema.org type.

use eventlens_format::model::EventBundle;
use serde_json::{json, Value};

use crate::collection::{date_time, description};
use crate::site::{route, Site};

/// The publisher named on every article: eventlens at the site's base.
const PUBLISHER: &str = "eventlens";

/// The event's `NewsArticle`, ready to be the text of a `<script type="application/ld+json">`.
///
/// - `url` and `mainEntityOfPage`: the event's page on this site;
/// - `isBasedOn`: the canonical page the bundle was exported from;
/// - `about`: the entities, each a `Thing` with its entity page;
/// - `citation`: each take's source once, a `CreativeWork` whose `publisher` is the outlet;
/// - `image`: the share card.
pub fn news_article(site: &Site, b: &EventBundle) -> String {
    embeddable_json(&news_article_value(site, b))
}

/// The same `NewsArticle` as a JSON value, for callers that add to it.
pub fn news_article_value(site: &Site, b: &EventBundle) -> Value {
    let url = site.url(&route::event(&b.lang, &b.slug));
    let about: Vec<Value> = b
        .entities
        .iter()
        .map(|e| json!({"@type": "Thing", "name": e.name, "url": site.url(&route::entity(&b.lang, &e.slug))}))
        .collect();
    let mut cited: Vec<&str> = Vec::new();
    let citation: Vec<Value> = b
        .takes()
        .filter(|t| {
            let first = !cited.contains(&t.url.as_str());
            cited.push(&t.url);
            first
        })
        .map(|t| {
            json!({
                "@type": "CreativeWork",
                "url": t.url,
                "inLanguage": t.lang,
                "publisher": {"@type": "Organization", "name": t.outlet},
            })
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": b.title,
        "description": description(b),
        "datePublished": date_time(&b.date),
        "inLanguage": b.lang,
        "url": url,
        "mainEntityOfPage": url,
        "isBasedOn": b.canonical_url,
        "image": {
            "@type": "ImageObject",
            "url": site.url(&route::event_card(&b.lang, &b.slug)),
            "width": crate::CARD_WIDTH,
            "height": crate::CARD_HEIGHT,
        },
        "keywords": b.heads,
        "about": about,
        "citation": citation,
        "publisher": {"@type": "Organization", "name": PUBLISHER, "url": site.base()},
    })
}

/// `value` as JSON that is safe as the text of an HTML `<script>` data block: `<`, `>`, `&`,
/// U+2028 and U+2029 are written as `\u` escapes. These characters can only occur inside JSON
/// strings, where the escape means the same character, so the value is unchanged.
pub fn embeddable_json(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("a serde_json::Value always serialises");
    let mut out = String::with_capacity(text.len() + 64);
    let mut copied = 0;
    for (at, c) in text.char_indices() {
        let escape = match c {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(escape);
        copied = at + c.len_utf8();
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{english_fixture, seed};

    fn site() -> Site {
        Site::parse("https://example.com/sub/").unwrap()
    }

    fn parsed(b: &EventBundle) -> Value {
        serde_json::from_str(&news_article(&site(), b)).expect("the JSON-LD is JSON")
    }

    #[test]
    fn the_seed_article_carries_every_field() {
        let b = seed();
        let v = parsed(&b);
        assert_eq!(v["@context"], "https://schema.org");
        assert_eq!(v["@type"], "NewsArticle");
        assert_eq!(v["headline"], b.title);
        assert_eq!(v["description"], b.dek);
        assert_eq!(v["datePublished"], "2026-06-24T00:00:00Z");
        assert_eq!(v["inLanguage"], "zh");
        assert_eq!(v["url"], "https://example.com/sub/zh/n/anthropic-alibaba-claude-distillation");
        assert_eq!(v["isBasedOn"], "https://rbtfl.xyz/zh/n/anthropic-alibaba-claude-distillation");
        assert_eq!(v["image"]["url"], "https://example.com/sub/cards/zh/n/anthropic-alibaba-claude-distillation.png");
        assert_eq!((v["image"]["width"].as_u64(), v["image"]["height"].as_u64()), (Some(1200), Some(630)));
        assert_eq!(v["keywords"], json!(b.heads));
        let about = v["about"].as_array().unwrap();
        assert_eq!(about.len(), b.entities.len());
        for (thing, e) in about.iter().zip(&b.entities) {
            assert_eq!(thing["@type"], "Thing");
            assert_eq!(thing["name"], e.name);
            assert_eq!(thing["url"], format!("https://example.com/sub/zh/entity/{}", e.slug));
        }
        let citation = v["citation"].as_array().unwrap();
        assert_eq!(citation.len(), 17, "the seed's 17 takes have 17 distinct sources");
        for (work, take) in citation.iter().zip(b.takes()) {
            assert_eq!(work["@type"], "CreativeWork");
            assert_eq!(work["url"], take.url);
            assert_eq!(work["inLanguage"], take.lang);
            assert_eq!(work["publisher"]["@type"], "Organization");
            assert_eq!(work["publisher"]["name"], take.outlet);
        }
    }

    #[test]
    fn an_english_article_and_a_repeated_source_cited_once() {
        let mut b = english_fixture();
        let repeated = b.lenses[0].takes[0].clone();
        b.lenses[1].takes.push(repeated);
        let v = parsed(&b);
        assert_eq!(v["headline"], "TSMC brings 2nm chipmaking to Arizona a year early");
        assert_eq!(v["description"], "The second fab starts volume production in 2027 & ships to US customers first");
        assert_eq!(v["inLanguage"], "en");
        assert_eq!(v["datePublished"], "2026-05-02T00:00:00Z");
        let urls: Vec<&str> = v["citation"].as_array().unwrap().iter().map(|c| c["url"].as_str().unwrap()).collect();
        assert_eq!(urls.len(), 3);
        assert_eq!(urls[0], "https://www.reuters.com/technology/tsmc-arizona-2nm-2026-05-02/");
    }

    /// Every property is one schema.org defines for the type it is on (NewsArticle inherits
    /// Article's, CreativeWork's and Thing's), so a misspelt or invented one fails here.
    #[test]
    fn every_property_is_schema_orgs() {
        fn allowed(kind: &str) -> &'static [&'static str] {
            const THING: [&str; 3] = ["@type", "name", "url"];
            match kind {
                "NewsArticle" => &[
                    "@context",
                    "@type",
                    "headline",
                    "description",
                    "datePublished",
                    "inLanguage",
                    "url",
                    "mainEntityOfPage",
                    "isBasedOn",
                    "image",
                    "keywords",
                    "about",
                    "citation",
                    "publisher",
                ],
                "ImageObject" => &["@type", "url", "width", "height"],
                "CreativeWork" => &["@type", "url", "inLanguage", "publisher"],
                "Thing" | "Organization" => &THING,
                other => panic!("{other} is not a type this document should use"),
            }
        }
        fn walk(v: &Value) {
            match v {
                Value::Object(map) => {
                    let kind = map["@type"].as_str().expect("every object says its @type");
                    for (key, value) in map {
                        assert!(allowed(kind).contains(&key.as_str()), "{kind} has no property {key}");
                        walk(value);
                    }
                }
                Value::Array(items) => items.iter().for_each(walk),
                _ => {}
            }
        }
        walk(&parsed(&seed()));
        walk(&parsed(&english_fixture()));
    }

    #[test]
    fn a_hostile_title_cannot_close_the_script_element() {
        let mut b = english_fixture();
        b.title = "</script><script>alert(1)</script><!-- & \u{2028}\u{2029}".into();
        b.lenses[0].takes[0].outlet = "</SCRIPT>".into();
        let text = news_article(&site(), &b);
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!text.contains(bad), "{bad:?} left raw in {text}");
        }
        assert!(text.contains(r"\u003c/script\u003e\u003cscript\u003ealert(1)"), "{text}");
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["headline"], b.title, "the escapes decode to the same title");
        assert_eq!(v["citation"][0]["publisher"]["name"], "</SCRIPT>");
    }
}
