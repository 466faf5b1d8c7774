//! What the rest of the web reads from a built site, planned like every other output: a share
//! card per event and entity, the feeds, the sitemaps and robots.txt (all made by
//! `eventlens-webmeta`), and the `<head>` markup of each prerendered page (Open Graph and X card
//! tags, feed and hreflang links, the JSON-LD data block).
//!
//! Every URL is absolute, built from one [`Site`]: the `--site` setting, or each event's canonical
//! origin under the app's base path when there is none (as oEmbed documents always did).
//!
//! Not here: what those documents say (`eventlens-webmeta` decides), or writing files (`build`).

use std::hash::{Hash, Hasher};

use crate::FastMap;
use eventlens_format::model::EventBundle;
use eventlens_format::oembed::{escape_html, origin_of};
use eventlens_webmeta::card::{CardFonts, CardRenderer, EntityCardContent, EventCardContent};
use eventlens_webmeta::collection::{entity_languages, event_languages, Languages};
use eventlens_webmeta::head::{entity_head, event_head, HeadTags, MetaAttr, ATOM_TYPE, JSON_FEED_TYPE};
use eventlens_webmeta::{crawl, entity_pages, feeds, route, EntityPage, Site};

/// One output of this module: its site path, a fingerprint of its inputs, and how to make it.
pub struct WebOutput<'a> {
    pub path: String,
    pub fingerprint: u64,
    pub make: Box<dyn Fn() -> Result<Vec<u8>, String> + Send + Sync + 'a>,
}

/// The collection as the web conventions see it.
pub struct Web<'a> {
    bundles: &'a [EventBundle],
    /// `--site`, already checked against the app's base path.
    site: Option<Site>,
    base: String,
    languages: Languages,
    entities: Vec<EntityPage>,
    entity_index: FastMap<(String, String), usize>,
    entity_langs: Languages,
    /// Each event by language and slug: a scan of the collection per entity would be quadratic.
    event_index: FastMap<(String, String), usize>,
    fonts: Option<CardFonts>,
}

impl<'a> Web<'a> {
    /// `site` is the checked `--site` URL (origin and base), if any. Cards need the system's
    /// fonts (Debian's fonts-noto-cjk); `with_cards` false skips them (documents-only builds).
    pub fn new(
        bundles: &'a [EventBundle],
        site: Option<&str>,
        base: &str,
        with_cards: bool,
    ) -> Result<Web<'a>, String> {
        let site = site.map(|s| Site::parse(s).map_err(|e| format!("--site {s:?}: {e}"))).transpose()?;
        let entities = entity_pages(bundles);
        let entity_index = entities.iter().enumerate().map(|(i, e)| ((e.lang.clone(), e.slug.clone()), i)).collect();
        let fonts = if with_cards {
            Some(CardFonts::system().map_err(|e| format!("share cards: {e} (make tool-fonts installs Noto CJK)"))?)
        } else {
            None
        };
        Ok(Web {
            languages: event_languages(bundles),
            entity_langs: entity_languages(&entities),
            entities,
            entity_index,
            event_index: bundles.iter().enumerate().map(|(i, b)| ((b.lang.clone(), b.slug.clone()), i)).collect(),
            bundles,
            site,
            base: base.to_string(),
            fonts,
        })
    }

    /// The entity's newest event, whose canonical URL gives its pages' site when `--site` is not set.
    fn newest_event(&self, entity: &EntityPage) -> Option<&'a EventBundle> {
        let newest = entity.events.first()?;
        let bundles: &'a [EventBundle] = self.bundles;
        self.event_index.get(&(entity.lang.clone(), newest.slug.clone())).map(|&i| &bundles[i])
    }

    /// The site URL for a page whose event (or newest event) was exported from `canonical`.
    fn site_for(&self, canonical: &str) -> Site {
        match &self.site {
            Some(site) => site.clone(),
            None => {
                let origin = origin_of(canonical).unwrap_or_else(|| "http://localhost".to_string());
                Site::parse(&format!("{origin}{}/", self.base)).expect("an origin and a path make a site URL")
            }
        }
    }

    /// What an event page's head markup depends on beyond the bundle: the site and the other
    /// languages with its slug.
    pub fn hash_event_head<H: Hasher>(&self, b: &EventBundle, h: &mut H) {
        self.site.as_ref().map(Site::base).hash(h);
        self.languages.of(&b.slug).hash(h);
    }

    pub fn event_head(&self, b: &EventBundle) -> String {
        head_markup(&event_head(&self.site_for(&b.canonical_url), b, self.languages.of(&b.slug)))
    }

    fn entity(&self, lang: &str, slug: &str) -> Option<&EntityPage> {
        self.entity_index.get(&(lang.to_string(), slug.to_string())).map(|&i| &self.entities[i])
    }

    pub fn hash_entity_head<H: Hasher>(&self, lang: &str, slug: &str, h: &mut H) {
        self.site.as_ref().map(Site::base).hash(h);
        self.entity_langs.of(slug).hash(h);
        if let Some(e) = self.entity(lang, slug) {
            (e.name.as_str(), e.events.len(), e.events.first().map(|r| (&r.slug, &r.title, &r.date))).hash(h);
        }
    }

    pub fn entity_head(&self, lang: &str, slug: &str) -> String {
        let Some(entity) = self.entity(lang, slug) else { return String::new() };
        let newest = self.newest_event(entity);
        let site = self.site_for(newest.map_or("", |b| b.canonical_url.as_str()));
        head_markup(&entity_head(&site, entity, self.entity_langs.of(slug)))
    }

    /// A home page's head: its language's feeds.
    pub fn home_head(&self, lang: &str) -> String {
        let canonical = self.bundles.iter().find(|b| b.lang == lang).map_or("", |b| b.canonical_url.as_str());
        let site = self.site_for(canonical);
        format!(
            "<link rel=\"alternate\" type=\"{ATOM_TYPE}\" href=\"{}\"><link rel=\"alternate\" type=\"{JSON_FEED_TYPE}\" href=\"{}\">",
            escape_html(&site.url(&route::atom_feed(lang))),
            escape_html(&site.url(&route::json_feed(lang))),
        )
    }

    /// Cards, feeds, sitemaps and robots.txt.
    pub fn outputs(&'a self) -> Result<Vec<WebOutput<'a>>, Vec<String>> {
        let mut out = Vec::new();
        self.cards(&mut out);
        self.feeds(&mut out)?;
        self.crawling(&mut out)?;
        Ok(out)
    }

    fn cards(&'a self, out: &mut Vec<WebOutput<'a>>) {
        let Some(fonts) = &self.fonts else { return };
        for b in self.bundles {
            let content = EventCardContent::of(b);
            let fingerprint = print(&content.key(fonts));
            let make = Box::new(move || {
                CardRenderer::new(fonts)
                    .render_event(&EventCardContent::of(b))
                    .map_err(|e| format!("card of {}: {e}", b.slug))
            });
            out.push(WebOutput { path: format!("/{}", route::event_card(&b.lang, &b.slug)), fingerprint, make });
        }
        for e in &self.entities {
            let fingerprint = print(&EntityCardContent::of(e).key(fonts));
            let make = Box::new(move || {
                CardRenderer::new(fonts)
                    .render_entity(&EntityCardContent::of(e))
                    .map_err(|err| format!("card of {}: {err}", e.slug))
            });
            out.push(WebOutput { path: format!("/{}", route::entity_card(&e.lang, &e.slug)), fingerprint, make });
        }
    }

    fn feeds(&'a self, out: &mut Vec<WebOutput<'a>>) -> Result<(), Vec<String>> {
        let mut langs: Vec<&str> = self.bundles.iter().map(|b| b.lang.as_str()).collect();
        langs.sort_unstable();
        langs.dedup();
        let located = |e: eventlens_webmeta::InputError| vec![e.to_string()];
        for lang in langs {
            let canonical = self.bundles.iter().find(|b| b.lang == lang).map_or("", |b| b.canonical_url.as_str());
            let site = self.site_for(canonical);
            out.push(text(route::atom_feed(lang), feeds::language_atom(&site, lang, self.bundles).map_err(located)?));
            out.push(text(
                route::json_feed(lang),
                feeds::language_json_feed(&site, lang, self.bundles).map_err(located)?,
            ));
        }
        // One feed per entity, tens of thousands at scale: each is fingerprinted by what it is
        // made from (its site, the entity, the events it lists) and made only when that changed.
        for e in &self.entities {
            let newest = self.newest_event(e);
            let site = self.site_for(newest.map_or("", |b| b.canonical_url.as_str()));
            let mut h = crate::Fingerprinter::new();
            (site.base(), &e.lang, &e.slug, &e.name, &e.events[..e.events.len().min(feeds::FEED_ENTRIES)]).hash(&mut h);
            let make =
                Box::new(move || feeds::entity_atom(&site, e).map(String::into_bytes).map_err(|e| e.to_string()));
            out.push(WebOutput {
                path: format!("/{}", route::entity_feed(&e.lang, &e.slug)),
                fingerprint: h.finish(),
                make,
            });
        }
        Ok(())
    }

    fn crawling(&'a self, out: &mut Vec<WebOutput<'a>>) -> Result<(), Vec<String>> {
        let urls = crawl::page_urls(self.bundles, &self.entities)
            .map_err(|errors| errors.into_iter().map(|e| e.to_string()).collect::<Vec<_>>())?;
        let site = self.site_for(self.bundles.first().map_or("", |b| b.canonical_url.as_str()));
        for file in crawl::sitemaps(&site, &urls) {
            out.push(text(file.path, file.text));
        }
        out.push(text(route::ROBOTS.to_string(), crawl::robots_txt(&site)));
        Ok(())
    }
}

fn print(key: &str) -> u64 {
    let mut h = crate::Fingerprinter::new();
    key.hash(&mut h);
    h.finish()
}

fn text<'a>(path: String, text: String) -> WebOutput<'a> {
    let fingerprint = print(&text);
    WebOutput { path: format!("/{path}"), fingerprint, make: Box::new(move || Ok(text.clone().into_bytes())) }
}

/// The tags as markup, every value escaped. The JSON-LD is a data block (not run, so the strict
/// CSP allows it), whose text webmeta has already made safe to embed.
fn head_markup(tags: &HeadTags) -> String {
    let mut out = String::new();
    for m in &tags.metas {
        let attr = match m.attr {
            MetaAttr::Property => "property",
            MetaAttr::Name => "name",
        };
        out.push_str(&format!("<meta {attr}=\"{}\" content=\"{}\">", escape_html(m.key), escape_html(&m.content)));
    }
    for l in &tags.links {
        out.push_str(&format!("<link rel=\"{}\" href=\"{}\"", escape_html(l.rel), escape_html(&l.href)));
        if let Some(mime) = l.mime {
            out.push_str(&format!(" type=\"{}\"", escape_html(mime)));
        }
        if let Some(lang) = &l.hreflang {
            out.push_str(&format!(" hreflang=\"{}\"", escape_html(lang)));
        }
        if let Some(title) = &l.title {
            out.push_str(&format!(" title=\"{}\"", escape_html(title)));
        }
        out.push('>');
    }
    if let Some(json) = &tags.json_ld {
        out.push_str("<script type=\"application/ld+json\">");
        out.push_str(json);
        out.push_str("</script>");
    }
    out
}
