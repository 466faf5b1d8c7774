//! The derived documents each page of a built site reads, so that no page fetches anything that
//! grows with the collection.
//!
//! A built site (the `bundle site` command) writes, beside every event's [`EventDoc`]:
//! - [`Neighbourhood`] per event: its local graph, laid out, with labels; its related events'
//!   titles and whether they are in the collection; the events that name it, newest first and
//!   capped; at `/data/{lang}/near/{slug}.json`.
//! - [`ListPage`]s of at most [`PAGE_SIZE`] events, newest first: the home page per language
//!   (`/data/{lang}/home/{page}.json`), each entity's events (`/data/{lang}/entity/{slug}/{page}.json`)
//!   and the events that name a hub event (`/data/{lang}/named-by/{slug}/{page}.json`).
//! - One small [`Manifest`] of fixed size: the languages with their counts and the newest few
//!   events (`/data/manifest.json`).
//!
//! Every document is bounded whatever the collection's size: lists are paged and a local graph
//! holds at most [`GRAPH_MAX_NODES`] nodes, counting what it leaves out. [`check`] enforces the
//! bounds, so a document that breaks them is refused by the app as a bundle over its limits is.
//!
//! Not here: how these are computed from bundles (the site builder does that, natively), or how
//! a graph is laid out (`eventlens-graph`).

use serde::{Deserialize, Serialize};

use crate::index::NodeKind;
use crate::model::{is_known_lang, is_url_safe_slug, Counts, EventBundle, SCHEMA_VERSION};
use crate::validate::{quoted, Problem};

/// An event document, the bundle as the app reads it on a built site, in bytes. It is written
/// without the bundle's indentation but its inline text becomes a tree, each of the at most
/// [`crate::limits::MAX_MARKUP_ELEMENTS`] elements and the text runs between them wrapped in a few bytes of JSON:
/// a megabyte more than the bundle covers that many times over.
pub const MAX_DOC_BYTES: usize = crate::limits::MAX_BUNDLE_BYTES + 1024 * 1024;

/// Events per list page: a screenful or two of titles, and about 20 KB of JSON.
pub const PAGE_SIZE: usize = 50;
/// The most nodes a local graph holds, its own node included. Sixty labelled nodes still read
/// as a picture in an article's column; a hub's thousands would not, and would cost seconds.
pub const GRAPH_MAX_NODES: usize = 60;
/// The events that name an event, as listed on its own page; the rest are a link away.
pub const NAMED_BY_SHOWN: usize = 10;
/// Newest events in the manifest.
pub const MANIFEST_NEWEST: usize = 10;
/// Pages a list may have: 1,000 pages of 50 is 50,000 events for one entity or language, five
/// times the largest hub of a 100,000-event archive. A document claiming more is refused.
pub const MAX_PAGES: u32 = 100_000;

/// An event as lists show it: enough to choose it, nothing of its takes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EventSummary {
    pub slug: String,
    pub lang: String,
    pub title: String,
    pub dek: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub date: String,
    pub heads: Vec<String>,
    pub counts: Counts,
}

impl EventSummary {
    pub fn of<T>(b: &EventBundle<T>) -> EventSummary {
        EventSummary {
            slug: b.slug.clone(),
            lang: b.lang.clone(),
            title: b.title.clone(),
            dek: b.dek.clone(),
            kind: b.kind.clone(),
            date: b.date.clone(),
            heads: b.heads.clone(),
            counts: b.counts(),
        }
    }
}

/// One page of a list of events, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EventList {
    /// 1-based.
    pub page: u32,
    /// At least 1: an empty list has one empty page.
    pub pages: u32,
    /// Events in the whole list, on every page.
    pub total: u32,
    pub events: Vec<EventSummary>,
}

/// What a list page is a list of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ListOf {
    /// Every event in a language: the home page.
    Collection,
    /// The events that list an entity; `name` is the entity's display name.
    Entity { slug: String, name: String },
    /// The events that name an event as related; `title` is that event's title.
    NamedBy { slug: String, title: String },
}

/// A page of a home, entity or named-by list. The first page of an entity's list also carries
/// its local graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ListPage {
    pub schema_version: u32,
    pub lang: String,
    pub of: ListOf,
    pub list: EventList,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graph: Option<PlacedGraph>,
}

/// An event's surroundings, everything its page shows beyond the event itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Neighbourhood {
    pub schema_version: u32,
    pub lang: String,
    pub slug: String,
    /// The event's own related events, in its order, with what the collection knows of them.
    pub related: Vec<RelatedSummary>,
    /// The events that name this one as related: the first [`NAMED_BY_SHOWN`], newest first,
    /// and how many there are in all. The rest are in the named-by list pages.
    pub named_by: NamedBy,
    pub graph: PlacedGraph,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RelatedSummary {
    pub slug: String,
    /// The event's title when it is in the collection, else the bundle's title for it, else
    /// its slug.
    pub title: String,
    /// False for an event with no bundle here: named, never linked.
    pub in_collection: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NamedBy {
    pub total: u32,
    pub events: Vec<EventSummary>,
}

/// A local graph laid out at build time: nodes with positions and label sides in layout units,
/// the edges between them, the box that fits it, and what it had to leave out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlacedGraph {
    /// Node 0 is the page's own node.
    pub nodes: Vec<PlacedNode>,
    /// Index pairs into `nodes`.
    pub edges: Vec<(u32, u32)>,
    /// x, y, width, height.
    pub view_box: (i32, i32, i32, i32),
    pub left_out: LeftOut,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlacedNode {
    /// The node's route without the leading slash: `zh/n/{slug}` or `zh/entity/{slug}`.
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
    pub in_collection: bool,
    pub x: i32,
    pub y: i32,
    pub side: LabelSide,
}

/// The side of its node a label sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum LabelSide {
    Right,
    Left,
    Below,
    Above,
}

/// Neighbours a capped graph does not draw, by kind: the page says "+9,940 more".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LeftOut {
    pub events: u32,
    pub entities: u32,
}

impl LeftOut {
    pub fn total(&self) -> u32 {
        self.events + self.entities
    }
}

/// The site at a glance, the same size whatever the collection's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub schema_version: u32,
    pub languages: Vec<LanguageCounts>,
    /// The newest [`MANIFEST_NEWEST`] events of every language.
    pub newest: Vec<EventSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LanguageCounts {
    pub lang: String,
    pub events: u32,
    pub entities: u32,
}

/// Pages needed for `total` items: at least one.
pub fn page_count(total: usize) -> u32 {
    total.div_ceil(PAGE_SIZE).max(1) as u32
}

/// A derived document the app can check before it draws it.
pub trait Checked: Sized {
    /// Every problem, at a JSONPath; empty when the document is within its bounds.
    fn check(&self) -> Vec<Problem>;
}

fn push(out: &mut Vec<Problem>, path: impl Into<String>, message: impl Into<String>) {
    out.push(Problem { path: path.into(), message: message.into() });
}

fn check_version(out: &mut Vec<Problem>, version: u32) {
    if version != SCHEMA_VERSION {
        push(
            out,
            "$.schema_version",
            format!("unsupported schema version {version}; this build reads {SCHEMA_VERSION}"),
        );
    }
}

fn check_route(out: &mut Vec<Problem>, path: &str, lang: &str, slug: &str) {
    if !is_known_lang(lang) {
        push(out, format!("{path}.lang"), format!("{} is not a known ISO 639-1 language code", quoted(lang)));
    }
    if !is_url_safe_slug(slug) {
        push(out, format!("{path}.slug"), format!("{} is not URL-safe", quoted(slug)));
    }
}

fn check_count(out: &mut Vec<Problem>, path: &str, found: usize, max: usize) {
    if found > max {
        push(out, path, format!("{found} items, at most {max}"));
    }
}

fn check_summaries(out: &mut Vec<Problem>, path: &str, events: &[EventSummary]) {
    for (i, e) in events.iter().enumerate() {
        check_route(out, &format!("{path}[{i}]"), &e.lang, &e.slug);
    }
}

fn check_list(out: &mut Vec<Problem>, path: &str, list: &EventList) {
    check_count(out, &format!("{path}.events"), list.events.len(), PAGE_SIZE);
    if list.pages == 0 || list.pages > MAX_PAGES || list.page == 0 || list.page > list.pages {
        push(out, format!("{path}.page"), format!("page {} of {} is not a page of a list", list.page, list.pages));
    }
    check_summaries(out, &format!("{path}.events"), &list.events);
}

fn check_graph(out: &mut Vec<Problem>, path: &str, graph: &PlacedGraph) {
    let nodes = graph.nodes.len();
    check_count(out, &format!("{path}.nodes"), nodes, GRAPH_MAX_NODES);
    // A star with its leaves joined to each other could not have more edges than this.
    check_count(out, &format!("{path}.edges"), graph.edges.len(), GRAPH_MAX_NODES * GRAPH_MAX_NODES / 2);
    for (i, &(a, b)) in graph.edges.iter().enumerate() {
        if a as usize >= nodes || b as usize >= nodes {
            push(out, format!("{path}.edges[{i}]"), format!("names node {}, but the graph has {nodes}", a.max(b)));
        }
    }
    for (i, node) in graph.nodes.iter().enumerate() {
        let parts: Vec<&str> = node.id.split('/').collect();
        let ok = matches!(parts[..], [lang, "n" | "entity", slug] if is_known_lang(lang) && is_url_safe_slug(slug));
        if !ok {
            push(out, format!("{path}.nodes[{i}].id"), format!("{} is not an event or entity route", quoted(&node.id)));
        }
    }
}

impl Checked for ListPage {
    fn check(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        check_version(&mut out, self.schema_version);
        match &self.of {
            ListOf::Collection => {
                if !is_known_lang(&self.lang) {
                    push(&mut out, "$.lang", format!("{} is not a known ISO 639-1 language code", quoted(&self.lang)));
                }
            }
            ListOf::Entity { slug, .. } | ListOf::NamedBy { slug, .. } => {
                check_route(&mut out, "$.of", &self.lang, slug)
            }
        }
        check_list(&mut out, "$.list", &self.list);
        if let Some(graph) = &self.graph {
            check_graph(&mut out, "$.graph", graph);
        }
        out
    }
}

impl Checked for Neighbourhood {
    fn check(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        check_version(&mut out, self.schema_version);
        check_route(&mut out, "$", &self.lang, &self.slug);
        for (i, r) in self.related.iter().enumerate() {
            check_route(&mut out, &format!("$.related[{i}]"), &self.lang, &r.slug);
        }
        check_count(&mut out, "$.named_by.events", self.named_by.events.len(), NAMED_BY_SHOWN);
        check_summaries(&mut out, "$.named_by.events", &self.named_by.events);
        check_graph(&mut out, "$.graph", &self.graph);
        out
    }
}

impl Checked for Manifest {
    fn check(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        check_version(&mut out, self.schema_version);
        check_count(&mut out, "$.languages", self.languages.len(), crate::model::ISO_639_1.len());
        check_count(&mut out, "$.newest", self.newest.len(), MANIFEST_NEWEST);
        check_summaries(&mut out, "$.newest", &self.newest);
        out
    }
}

/// A page of the site as its path names it: the inverse of the page builders in [`paths`], so
/// that the app reads its URLs by the grammar the site builder writes them with. A path that
/// names no page, or names one with a part that could not be (an unknown language, a malformed
/// slug, page 0), is [`Route::NotFound`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: the reader's language's home page.
    Root,
    /// `/{lang}`, `/{lang}/page/{n}`.
    Home {
        lang: String,
        page: u32,
    },
    /// `/{lang}/n/{slug}`.
    Event {
        lang: String,
        slug: String,
    },
    /// `/{lang}/n/{slug}/named-by`, then `/page/{n}`.
    NamedBy {
        lang: String,
        slug: String,
        page: u32,
    },
    /// `/{lang}/entity/{slug}`, then `/page/{n}`.
    Entity {
        lang: String,
        slug: String,
        page: u32,
    },
    /// `/embed/{lang}/n/{slug}`.
    Embed {
        lang: String,
        slug: String,
    },
    /// `/{lang}/graph`.
    Explore {
        lang: String,
    },
    /// `/{lang}/search`.
    Search {
        lang: String,
    },
    NotFound,
}

impl Route {
    /// The page `path` names; `path` is relative to the site's base path and may end in one `/`
    /// (a static host serves each page as a folder's `index.html`).
    pub fn parse(path: &str) -> Route {
        let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
        let Some(path) = path.strip_prefix('/') else { return Route::NotFound };
        let parts: Vec<&str> = path.split('/').collect();
        let route = match parts.as_slice() {
            [""] => Some(Route::Root),
            [lang] => home(lang, "1"),
            [lang, "page", n] => home(lang, n),
            [lang, "n", slug] => named(lang, slug, "1").map(|(lang, slug, _)| Route::Event { lang, slug }),
            [lang, "n", slug, "named-by"] => named_by(lang, slug, "1"),
            [lang, "n", slug, "named-by", "page", n] => named_by(lang, slug, n),
            [lang, "entity", slug] => entity(lang, slug, "1"),
            [lang, "entity", slug, "page", n] => entity(lang, slug, n),
            ["embed", lang, "n", slug] => named(lang, slug, "1").map(|(lang, slug, _)| Route::Embed { lang, slug }),
            [lang, "graph"] => known(lang).map(|lang| Route::Explore { lang }),
            [lang, "search"] => known(lang).map(|lang| Route::Search { lang }),
            _ => None,
        };
        return route.unwrap_or(Route::NotFound);

        fn known(lang: &str) -> Option<String> {
            is_known_lang(lang).then(|| lang.to_string())
        }
        fn page(n: &str) -> Option<u32> {
            n.parse::<u32>().ok().filter(|&n| n >= 1)
        }
        fn named(lang: &str, slug: &str, n: &str) -> Option<(String, String, u32)> {
            Some((known(lang)?, is_url_safe_slug(slug).then(|| slug.to_string())?, page(n)?))
        }
        fn home(lang: &str, n: &str) -> Option<Route> {
            Some(Route::Home { lang: known(lang)?, page: page(n)? })
        }
        fn named_by(lang: &str, slug: &str, n: &str) -> Option<Route> {
            named(lang, slug, n).map(|(lang, slug, page)| Route::NamedBy { lang, slug, page })
        }
        fn entity(lang: &str, slug: &str, n: &str) -> Option<Route> {
            named(lang, slug, n).map(|(lang, slug, page)| Route::Entity { lang, slug, page })
        }
    }
}

/// Where pages and their documents live on a built site, relative to its base path. The app
/// fetches from these paths and the site builder writes to them: one definition for both.
pub mod paths {
    /// `/{lang}/n/{slug}`.
    pub fn event_page(lang: &str, slug: &str) -> String {
        format!("/{lang}/n/{slug}")
    }
    /// `/{lang}/entity/{slug}`, then `/page/{n}` from page 2.
    pub fn entity_page(lang: &str, slug: &str, page: u32) -> String {
        paged(format!("/{lang}/entity/{slug}"), page)
    }
    /// `/{lang}`, then `/{lang}/page/{n}` from page 2.
    pub fn home_page(lang: &str, page: u32) -> String {
        paged(format!("/{lang}"), page)
    }
    /// `/{lang}/n/{slug}/named-by`, then `/page/{n}` from page 2.
    pub fn named_by_page(lang: &str, slug: &str, page: u32) -> String {
        paged(format!("/{lang}/n/{slug}/named-by"), page)
    }
    /// `/embed/{lang}/n/{slug}`.
    pub fn embed_page(lang: &str, slug: &str) -> String {
        format!("/embed/{lang}/n/{slug}")
    }
    /// `/{lang}/graph`: the whole collection, drawn by the explorer.
    pub fn explore_page(lang: &str) -> String {
        format!("/{lang}/graph")
    }
    /// `/{lang}/search`: the search page (its query is in `?q=…`).
    pub fn search_page(lang: &str) -> String {
        format!("/{lang}/search")
    }

    fn paged(first: String, page: u32) -> String {
        if page <= 1 {
            first
        } else {
            format!("{first}/page/{page}")
        }
    }

    /// The event document ([`crate::model::EventDoc`]).
    pub fn event_doc(lang: &str, slug: &str) -> String {
        format!("/data/{lang}/n/{slug}.json")
    }
    /// The event's [`super::Neighbourhood`].
    pub fn neighbourhood(lang: &str, slug: &str) -> String {
        format!("/data/{lang}/near/{slug}.json")
    }
    /// A [`super::ListPage`] of the home page.
    pub fn home_list(lang: &str, page: u32) -> String {
        format!("/data/{lang}/home/{page}.json")
    }
    /// A [`super::ListPage`] of an entity's events.
    pub fn entity_list(lang: &str, slug: &str, page: u32) -> String {
        format!("/data/{lang}/entity/{slug}/{page}.json")
    }
    /// A [`super::ListPage`] of the events that name an event.
    pub fn named_by_list(lang: &str, slug: &str, page: u32) -> String {
        format!("/data/{lang}/named-by/{slug}/{page}.json")
    }
    /// The [`super::Manifest`].
    pub const MANIFEST: &str = "/data/manifest.json";
    /// The oEmbed document of an event.
    pub fn oembed(lang: &str, slug: &str) -> String {
        format!("/oembed/{lang}/n/{slug}.json")
    }
}

#[cfg(test)]
mod tests {
    use super::{paths, Route};

    fn s(v: &str) -> String {
        v.to_string()
    }

    #[test]
    fn every_page_the_builders_write_reads_back_as_its_route() {
        let (zh, slug) = ("zh", "a-b-2");
        let cases = [
            (paths::home_page(zh, 1), Route::Home { lang: s(zh), page: 1 }),
            (paths::home_page(zh, 7), Route::Home { lang: s(zh), page: 7 }),
            (paths::event_page(zh, slug), Route::Event { lang: s(zh), slug: s(slug) }),
            (paths::named_by_page(zh, slug, 1), Route::NamedBy { lang: s(zh), slug: s(slug), page: 1 }),
            (paths::named_by_page(zh, slug, 3), Route::NamedBy { lang: s(zh), slug: s(slug), page: 3 }),
            (paths::entity_page(zh, slug, 1), Route::Entity { lang: s(zh), slug: s(slug), page: 1 }),
            (paths::entity_page(zh, slug, 2), Route::Entity { lang: s(zh), slug: s(slug), page: 2 }),
            (paths::embed_page(zh, slug), Route::Embed { lang: s(zh), slug: s(slug) }),
            (paths::explore_page(zh), Route::Explore { lang: s(zh) }),
            (paths::search_page(zh), Route::Search { lang: s(zh) }),
        ];
        for (path, route) in cases {
            assert_eq!(Route::parse(&path), route, "{path}");
            // A static host serves each page as a folder, so its address may end in a slash.
            assert_eq!(Route::parse(&format!("{path}/")), route, "{path}/");
        }
        assert_eq!(Route::parse("/"), Route::Root);
        assert_eq!(Route::parse("/en/page/1"), Route::Home { lang: s("en"), page: 1 });
    }

    #[test]
    fn a_path_that_names_no_page_is_not_found() {
        for path in [
            "",
            "/xx",
            "/embed",
            "/zh/n",
            "/zh/n/Not-A-Slug",
            "/zh/n/a--b",
            "/xx/n/slug",
            "/zh/page/0",
            "/zh/page/two",
            "/zh/entity/slug/page/-1",
            "/zh/n/slug/extra",
            "/zh/n/slug//",
            "/embed/xx/n/slug",
            "/embed/zh/entity/slug",
            "/xx/graph",
            "/xx/search",
            "/zh/graph/more",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path:?}");
        }
    }
}
