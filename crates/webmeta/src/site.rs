//! Where everything lives: the one base URL every absolute URL is built from, and the path of
//! each file the static build writes.
//!
//! A [`Site`] is the `--site` / `SITE_URL` setting, parsed once: scheme, host and an optional
//! sub-folder, always ending in `/`. [`route`] names each page and file relative to it, so the
//! build writes `dist/{path}` and every document links to `site.url(path)`: the file and its URL
//! cannot disagree, and both stay right under a sub-folder.
//!
//! Not here: reading the setting from the command line or the environment (the build tool does
//! that), or percent-encoding. Slugs and language codes are URL-safe by the format's rules, so no
//! path built here needs escaping.

use std::fmt;

use eventlens_format::inline::is_http_url;
use eventlens_format::oembed::origin_of;

/// The absolute base URL of the published site, such as `https://example.com/sub/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Site {
    base: String,
}

/// Why a `--site` value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteError {
    pub value: String,
    pub reason: &'static str,
}

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--site {:?}: {}", self.value, self.reason)
    }
}

impl std::error::Error for SiteError {}

impl Site {
    /// Parses `https://host[:port][/sub/folder][/]`. A query, a fragment, or a path segment that
    /// would need escaping is refused rather than carried into every URL of the site.
    pub fn parse(value: &str) -> Result<Site, SiteError> {
        let fail = |reason| Err(SiteError { value: value.to_string(), reason });
        if !is_http_url(value) {
            return fail("not an absolute http(s) URL with a host");
        }
        if value.contains(['?', '#']) {
            return fail("a base URL takes no query or fragment");
        }
        let (scheme, rest) = value.split_once("://").expect("is_http_url checked the scheme");
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let safe = |s: &&str| s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
        if !segments.iter().all(safe) || segments.iter().any(|s| *s == "." || *s == "..") {
            return fail("a sub-folder may hold only letters, digits, '-', '.', '_' and '~'");
        }
        let mut base = format!("{}://{}/", scheme.to_ascii_lowercase(), host.to_ascii_lowercase());
        for segment in segments {
            base.push_str(segment);
            base.push('/');
        }
        Ok(Site { base })
    }

    /// The default when no `--site` is given, the same one `bundle index` uses for oEmbed: the
    /// origin of an event's canonical URL.
    pub fn from_canonical(canonical_url: &str) -> Result<Site, SiteError> {
        let origin = origin_of(canonical_url)
            .ok_or(SiteError { value: canonical_url.to_string(), reason: "a canonical URL with no origin" })?;
        Site::parse(&origin)
    }

    /// `https://example.com/sub/`, always with the trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The absolute URL of `path`, a path from [`route`] (no leading slash).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    /// The host part, for tag URIs and feed titles: `example.com` or `example.com:8080`.
    pub fn host(&self) -> &str {
        let rest = self.base.split_once("://").map_or("", |(_, r)| r);
        rest.split('/').next().unwrap_or("")
    }
}

/// The path of each page and generated file, relative to the site's base. The static build
/// writes each to `dist/{path}` (pages as `{path}.html`, as the prerenderer already does).
pub mod route {
    use eventlens_format::pages::paths;

    // The pages' routes are the app's (`eventlens_format::pages::paths`), relative here.
    /// `{lang}/n/{slug}`, the event page.
    pub fn event(lang: &str, slug: &str) -> String {
        paths::event_page(lang, slug).trim_start_matches('/').to_string()
    }
    /// `{lang}/entity/{slug}`, the entity page.
    pub fn entity(lang: &str, slug: &str) -> String {
        paths::entity_page(lang, slug, 1).trim_start_matches('/').to_string()
    }
    /// `{lang}/`, the language's home page.
    pub fn home(lang: &str) -> String {
        format!("{}/", paths::home_page(lang, 1).trim_start_matches('/'))
    }
    /// `{lang}/feed.xml`, the language's Atom feed.
    pub fn atom_feed(lang: &str) -> String {
        format!("{lang}/feed.xml")
    }
    /// `{lang}/feed.json`, the language's JSON Feed.
    pub fn json_feed(lang: &str) -> String {
        format!("{lang}/feed.json")
    }
    /// `{lang}/entity/{slug}/feed.xml`, the entity's Atom feed.
    pub fn entity_feed(lang: &str, slug: &str) -> String {
        format!("{lang}/entity/{slug}/feed.xml")
    }
    /// `cards/{lang}/n/{slug}.png`, the event's share card.
    pub fn event_card(lang: &str, slug: &str) -> String {
        format!("cards/{lang}/n/{slug}.png")
    }
    /// `cards/{lang}/entity/{slug}.png`, the entity's share card.
    pub fn entity_card(lang: &str, slug: &str) -> String {
        format!("cards/{lang}/entity/{slug}.png")
    }
    /// `sitemap.xml`: the sitemap, or the sitemap index when there is more than one part.
    pub const SITEMAP: &str = "sitemap.xml";
    /// `sitemap-{n}.xml`, numbered from 1, when the sitemap is split. At the base, not in a
    /// folder: a sitemap may only list URLs under its own folder.
    pub fn sitemap_part(n: usize) -> String {
        format!("sitemap-{n}.xml")
    }
    /// `robots.txt`.
    pub const ROBOTS: &str = "robots.txt";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_are_normalised_to_one_trailing_slash() {
        for (given, base) in [
            ("https://example.com", "https://example.com/"),
            ("https://example.com/", "https://example.com/"),
            ("HTTPS://Example.COM/sub", "https://example.com/sub/"),
            ("https://example.com/a/b/", "https://example.com/a/b/"),
            ("http://127.0.0.1:8080//sub//", "http://127.0.0.1:8080/sub/"),
        ] {
            assert_eq!(Site::parse(given).unwrap().base(), base, "{given}");
        }
    }

    #[test]
    fn urls_stay_under_the_sub_folder() {
        let site = Site::parse("https://example.com/sub").unwrap();
        assert_eq!(site.url(&route::event("zh", "a-b")), "https://example.com/sub/zh/n/a-b");
        assert_eq!(site.url(&route::home("en")), "https://example.com/sub/en/");
        assert_eq!(site.url("/robots.txt"), "https://example.com/sub/robots.txt");
        assert_eq!(site.host(), "example.com");
    }

    #[test]
    fn bad_bases_are_refused_with_the_reason() {
        for bad in [
            "example.com",
            "ftp://example.com",
            "https://",
            "https://x.com/a b",
            "https://x.com/?q=1",
            "https://x.com/#top",
            "https://x.com/a/../b",
            "https://x.com/<script>",
            "https://u@x.com/",
        ] {
            let err = Site::parse(bad).unwrap_err();
            assert!(err.to_string().starts_with("--site"), "{err}");
        }
    }

    #[test]
    fn the_default_is_the_canonical_origin() {
        let site = Site::from_canonical("https://rbtfl.xyz/zh/n/anthropic-alibaba-claude-distillation").unwrap();
        assert_eq!(site.base(), "https://rbtfl.xyz/");
    }
}
