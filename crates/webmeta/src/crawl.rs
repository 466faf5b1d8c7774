//! What crawlers read: `/sitemap.xml` with every event and entity page, and `/robots.txt`
//! pointing to it.
//!
//! The sitemap protocol caps one file at 50,000 URLs and 50 MB uncompressed. Under both caps the
//! whole list is one `sitemap.xml`; over either, it is split into `sitemap-1.xml`,
//! `sitemap-2.xml`, … and `sitemap.xml` becomes the sitemap index that lists them. Parts sit at
//! the site's base because a sitemap may only list URLs under its own folder.
//!
//! Each page's `lastmod` is its newest date: the event's date, or for an entity the date of the
//! newest event naming it. A page whose slug exists in several languages lists every language
//! version as an `xhtml:link` alternate, itself included, as search engines ask.
//!
//! Not here: gzip (the web server compresses), or pages other than events and entities (the
//! home pages are linked from every page).

use eventlens_format::model::EventBundle;

use crate::collection::{
    check_events, entity_languages, event_languages, newest_first, EntityPage, InputError, Languages,
};
use crate::site::{route, Site};
use crate::xml::escape;

/// The sitemap protocol's caps for one file.
pub const MAX_URLS: usize = 50_000;
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// A file to write at `dist/{path}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    pub path: String,
    pub text: String,
}

/// One `<url>` of a sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageUrl {
    /// From [`route`]: `zh/n/{slug}`.
    pub path: String,
    /// `YYYY-MM-DD`.
    pub lastmod: String,
    /// `(lang, path)` of every language version, this one included; empty when there is one.
    pub alternates: Vec<(String, String)>,
}

/// Every event page, newest first, then every entity page by language and slug.
pub fn page_urls(bundles: &[EventBundle], entities: &[EntityPage]) -> Result<Vec<PageUrl>, Vec<InputError>> {
    check_events(bundles)?;
    let alternates = |langs: &Languages, slug: &str, path: fn(&str, &str) -> String| -> Vec<(String, String)> {
        let langs = langs.of(slug);
        if langs.len() < 2 {
            return Vec::new();
        }
        langs.iter().map(|l| (l.clone(), path(l, slug))).collect()
    };
    let event_langs = event_languages(bundles);
    let entity_langs = entity_languages(entities);
    let mut urls: Vec<PageUrl> = newest_first(bundles)
        .into_iter()
        .map(|b| PageUrl {
            path: route::event(&b.lang, &b.slug),
            lastmod: b.date.clone(),
            alternates: alternates(&event_langs, &b.slug, route::event),
        })
        .collect();
    urls.extend(entities.iter().filter_map(|e| {
        Some(PageUrl {
            path: route::entity(&e.lang, &e.slug),
            lastmod: e.newest_date()?.to_string(),
            alternates: alternates(&entity_langs, &e.slug, route::entity),
        })
    }));
    Ok(urls)
}

/// The sitemap files for `urls`: one `sitemap.xml`, or numbered parts and the index.
pub fn sitemaps(site: &Site, urls: &[PageUrl]) -> Vec<SiteFile> {
    sitemaps_within(site, urls, MAX_URLS, MAX_BYTES)
}

const URLSET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_TAIL: &str = "</urlset>\n";

/// [`sitemaps`] with the caps as arguments, so tests can reach them with a few URLs.
pub fn sitemaps_within(site: &Site, urls: &[PageUrl], max_urls: usize, max_bytes: usize) -> Vec<SiteFile> {
    let mut parts: Vec<(String, String)> = Vec::new(); // (text, newest lastmod)
    let mut text = String::from(URLSET_HEAD);
    let mut count = 0;
    let mut newest = String::new();
    for u in urls {
        let element = url_element(site, u);
        if count > 0 && (count == max_urls || text.len() + element.len() + URLSET_TAIL.len() > max_bytes) {
            text.push_str(URLSET_TAIL);
            parts.push((std::mem::replace(&mut text, String::from(URLSET_HEAD)), std::mem::take(&mut newest)));
            count = 0;
        }
        text.push_str(&element);
        count += 1;
        if u.lastmod > newest {
            newest = u.lastmod.clone();
        }
    }
    text.push_str(URLSET_TAIL);
    parts.push((text, newest));
    if parts.len() == 1 {
        let (text, _) = parts.pop().expect("one part");
        return vec![SiteFile { path: route::SITEMAP.into(), text }];
    }
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut files = Vec::with_capacity(parts.len() + 1);
    for (i, (text, newest)) in parts.into_iter().enumerate() {
        let path = route::sitemap_part(i + 1);
        index.push_str(&format!("  <sitemap>\n    <loc>{}</loc>\n", escape(&site.url(&path))));
        if !newest.is_empty() {
            index.push_str(&format!("    <lastmod>{}</lastmod>\n", escape(&newest)));
        }
        index.push_str("  </sitemap>\n");
        files.push(SiteFile { path, text });
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, SiteFile { path: route::SITEMAP.into(), text: index });
    files
}

fn url_element(site: &Site, u: &PageUrl) -> String {
    let mut out = format!(
        "  <url>\n    <loc>{}</loc>\n    <lastmod>{}</lastmod>\n",
        escape(&site.url(&u.path)),
        escape(&u.lastmod)
    );
    for (lang, path) in &u.alternates {
        out.push_str(&format!(
            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
            escape(lang),
            escape(&site.url(path))
        ));
    }
    out.push_str("  </url>\n");
    out
}

/// `/robots.txt`: every page may be crawled; the sitemap is named by its absolute URL.
/// Crawlers read robots.txt only at the root of a host, so under a sub-folder the file is
/// written all the same but the host's own robots.txt must carry the `Sitemap:` line.
pub fn robots_txt(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.url(route::SITEMAP))
}

#[cfg(test)]
mod tests {
    use roxmltree::{Document, Node};

    use super::*;
    use crate::collection::entity_pages;
    use crate::testdata::{english_fixture, seed};

    const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

    fn site() -> Site {
        Site::parse("https://example.com/sub").unwrap()
    }

    fn child_text<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
        node.children().find(|c| c.has_tag_name((SITEMAP_NS, name))).and_then(|c| c.text())
    }

    /// `(loc, lastmod, [(hreflang, href)])` of a `<url>`.
    type UrlRead = (String, String, Vec<(String, String)>);

    fn read_urlset(text: &str) -> Vec<UrlRead> {
        let doc = Document::parse(text).expect("the sitemap is well-formed XML");
        assert!(doc.root_element().has_tag_name((SITEMAP_NS, "urlset")));
        doc.root_element()
            .children()
            .filter(|n| n.has_tag_name((SITEMAP_NS, "url")))
            .map(|url| {
                let links = url
                    .children()
                    .filter(|n| n.has_tag_name((XHTML_NS, "link")))
                    .map(|l| {
                        assert_eq!(l.attribute("rel"), Some("alternate"));
                        (l.attribute("hreflang").unwrap().to_string(), l.attribute("href").unwrap().to_string())
                    })
                    .collect();
                (child_text(url, "loc").unwrap().into(), child_text(url, "lastmod").unwrap().into(), links)
            })
            .collect()
    }

    #[test]
    fn every_event_and_entity_page_is_listed_with_its_date() {
        let bundles = vec![seed(), english_fixture()];
        let entities = entity_pages(&bundles);
        let files = sitemaps(&site(), &page_urls(&bundles, &entities).unwrap());
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "sitemap.xml");
        let urls = read_urlset(&files[0].text);
        let expected: Vec<(&str, &str)> = vec![
            ("https://example.com/sub/zh/n/anthropic-alibaba-claude-distillation", "2026-06-24"),
            ("https://example.com/sub/en/n/tsmc-arizona-2nm", "2026-05-02"),
            ("https://example.com/sub/en/entity/arizona", "2026-05-02"),
            ("https://example.com/sub/en/entity/tsmc", "2026-05-02"),
            ("https://example.com/sub/zh/entity/alibaba-qwen", "2026-06-24"),
            ("https://example.com/sub/zh/entity/anthropic", "2026-06-24"),
            ("https://example.com/sub/zh/entity/openai", "2026-06-24"),
        ];
        let got: Vec<(&str, &str)> = urls.iter().map(|(l, m, _)| (l.as_str(), m.as_str())).collect();
        assert_eq!(got, expected);
        assert!(urls.iter().all(|(_, _, alternates)| alternates.is_empty()), "one language each: no alternates");
    }

    #[test]
    fn slugs_in_several_languages_link_their_versions() {
        let zh = seed();
        let mut en = seed();
        en.lang = "en".into();
        en.date = "2026-06-25".into();
        let bundles = vec![zh, en];
        let entities = entity_pages(&bundles);
        let text = &sitemaps(&site(), &page_urls(&bundles, &entities).unwrap())[0].text;
        let urls = read_urlset(text);
        let (loc, lastmod, alternates) = &urls[0];
        assert_eq!(
            (loc.as_str(), lastmod.as_str()),
            ("https://example.com/sub/en/n/anthropic-alibaba-claude-distillation", "2026-06-25")
        );
        let expected = [
            ("en", "https://example.com/sub/en/n/anthropic-alibaba-claude-distillation"),
            ("zh", "https://example.com/sub/zh/n/anthropic-alibaba-claude-distillation"),
        ];
        assert_eq!(alternates.iter().map(|(l, h)| (l.as_str(), h.as_str())).collect::<Vec<_>>(), expected);
        let anthropic = urls.iter().find(|u| u.0.ends_with("/zh/entity/anthropic")).unwrap();
        assert_eq!(anthropic.2.len(), 2, "entities in both languages are linked too");
    }

    fn many_urls(n: usize) -> Vec<PageUrl> {
        (0..n)
            .map(|i| PageUrl {
                path: route::event("en", &format!("event-{i}")),
                lastmod: format!("2026-01-{:02}", 1 + i % 28),
                alternates: Vec::new(),
            })
            .collect()
    }

    fn read_index(text: &str) -> Vec<(String, String)> {
        let doc = Document::parse(text).unwrap();
        assert!(doc.root_element().has_tag_name((SITEMAP_NS, "sitemapindex")));
        doc.root_element()
            .children()
            .filter(|n| n.has_tag_name((SITEMAP_NS, "sitemap")))
            .map(|s| (child_text(s, "loc").unwrap().into(), child_text(s, "lastmod").unwrap().into()))
            .collect()
    }

    #[test]
    fn over_fifty_thousand_urls_it_becomes_an_index() {
        let urls = many_urls(MAX_URLS + 1);
        let files = sitemaps(&site(), &urls);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        let index = read_index(&files[0].text);
        assert_eq!(
            index,
            [
                ("https://example.com/sub/sitemap-1.xml".to_string(), "2026-01-28".to_string()),
                ("https://example.com/sub/sitemap-2.xml".to_string(), "2026-01-21".to_string()),
            ]
        );
        assert_eq!(read_urlset(&files[1].text).len(), MAX_URLS);
        assert_eq!(read_urlset(&files[2].text).len(), 1);
        assert_eq!(sitemaps(&site(), &urls[..MAX_URLS]).len(), 1, "exactly 50,000 still fit in one");
    }

    #[test]
    fn the_byte_cap_splits_too_and_no_part_exceeds_it() {
        let urls = many_urls(100);
        let one = sitemaps_within(&site(), &urls, MAX_URLS, usize::MAX);
        let cap = one[0].text.len() / 3;
        let files = sitemaps_within(&site(), &urls, MAX_URLS, cap);
        assert!(files.len() >= 4, "{} files", files.len());
        let listed: usize = files[1..].iter().map(|f| read_urlset(&f.text).len()).sum();
        assert_eq!(listed, 100, "every URL in exactly one part");
        assert!(files[1..].iter().all(|f| f.text.len() <= cap));
    }

    #[test]
    fn robots_points_to_the_sitemap() {
        assert_eq!(robots_txt(&site()), "User-agent: *\nAllow: /\n\nSitemap: https://example.com/sub/sitemap.xml\n");
    }

    #[test]
    fn a_bad_slug_is_reported_not_listed() {
        let mut b = english_fixture();
        b.slug = "Not A Slug".into();
        let errors = page_urls(&[seed(), b], &[]).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "$.slug");
    }
}
