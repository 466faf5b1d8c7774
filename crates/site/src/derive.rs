//! From a collection's bundles to the documents its pages read: each event's document and
//! neighbourhood, the list pages (home per language, each entity's events, the events that name
//! a hub event), the manifest and the oEmbed documents. Pure: bundles in, documents out, the
//! same documents for the same bundles whatever their order.
//!
//! Every document is bounded whatever the collection's size (`eventlens_format::pages`): lists
//! are paged, local graphs are capped at `GRAPH_MAX_NODES` with what they leave out counted.
//!
//! Not here: reading or writing files, or rendering pages.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use eventlens_format::index::{entity_id, event_id, GraphNode, NodeKind};
use eventlens_format::model::{EventBundle, EventDoc, SCHEMA_VERSION};
use eventlens_format::oembed::{event_oembed, origin_of, OEmbed};
use eventlens_format::pages::{
    page_count, paths, EventList, EventSummary, LanguageCounts, LeftOut, ListOf, ListPage, Manifest, NamedBy,
    Neighbourhood, PlacedGraph, RelatedSummary, GRAPH_MAX_NODES, MANIFEST_NEWEST, NAMED_BY_SHOWN, PAGE_SIZE,
};
use eventlens_graph::placed::place;
use eventlens_graph::LocalGraph;
use rayon::prelude::*;

/// A star-shaped local graph, planned but laid out only when asked: laying out is most of what
/// deriving costs, and a build lays out only the graphs whose inputs changed.
pub struct Star {
    graph: LocalGraph,
    left_out: LeftOut,
    placed: OnceLock<PlacedGraph>,
}

impl Star {
    pub fn placed(&self) -> &PlacedGraph {
        self.placed.get_or_init(|| place(&self.graph, self.left_out))
    }

    /// Everything the layout is made from.
    pub fn hash_inputs<H: Hasher>(&self, h: &mut H) {
        for n in &self.graph.nodes {
            (&n.id, n.kind == NodeKind::Entity, &n.label, n.in_collection).hash(h);
        }
        self.graph.edges.hash(h);
        (self.left_out.events, self.left_out.entities).hash(h);
    }
}

/// An event's two documents. The event document is made from its bundle alone, so a build
/// fingerprints it by the bundle's bytes and parses it only when it must be written.
pub struct EventDocs<'a> {
    bundle: &'a EventBundle,
    pub bundle_print: u64,
    doc: OnceLock<EventDoc>,
    /// The neighbourhood without its graph, which `star` holds unplaced.
    near: Neighbourhood,
    pub star: Star,
}

impl EventDocs<'_> {
    pub fn lang(&self) -> &str {
        &self.bundle.lang
    }
    pub fn slug(&self) -> &str {
        &self.bundle.slug
    }
    pub fn canonical_url(&self) -> &str {
        &self.bundle.canonical_url
    }
    pub fn bundle(&self) -> &EventBundle {
        self.bundle
    }
    pub fn doc(&self) -> &EventDoc {
        self.doc.get_or_init(|| self.bundle.to_doc())
    }
    /// The neighbourhood, its graph laid out.
    pub fn near(&self) -> Neighbourhood {
        Neighbourhood { graph: self.star.placed().clone(), ..self.near.clone() }
    }
    /// Everything the neighbourhood is made from.
    pub fn hash_near<H: Hasher>(&self, h: &mut H) {
        serde_json::to_string(&self.near).expect("documents serialise").hash(h);
        self.star.hash_inputs(h);
    }
}

/// A list page, its graph (an entity's first page) planned like an event's.
pub struct ListDoc {
    pub path: String,
    page: ListPage,
    pub star: Option<Star>,
}

impl ListDoc {
    pub fn page(&self) -> ListPage {
        ListPage { graph: self.star.as_ref().map(|s| s.placed().clone()), ..self.page.clone() }
    }
    pub fn of(&self) -> &ListPage {
        &self.page
    }
    pub fn hash_inputs<H: Hasher>(&self, h: &mut H) {
        serde_json::to_string(&self.page).expect("documents serialise").hash(h);
        if let Some(star) = &self.star {
            star.hash_inputs(h);
        }
    }
}

/// Every document of a built site's data.
pub struct Derived<'a> {
    /// Newest first.
    pub events: Vec<EventDocs<'a>>,
    pub lists: Vec<ListDoc>,
    pub manifest: Manifest,
    pub oembeds: Vec<(String, OEmbed)>,
}

/// What the derivation needs to know of the whole collection, built in one pass over it.
struct Collection<'a> {
    /// Newest first; everything below indexes into this.
    events: Vec<&'a EventBundle>,
    summaries: Vec<EventSummary>,
    by_route: HashMap<(&'a str, &'a str), usize>,
    /// For each event, the events that name it as related, newest first.
    named_by: Vec<Vec<usize>>,
    /// (lang, slug) → the name the newest event gives it, and its events newest first.
    entities: BTreeMap<(&'a str, &'a str), (&'a str, Vec<usize>)>,
}

impl<'a> Collection<'a> {
    fn new(bundles: &'a [EventBundle]) -> Collection<'a> {
        let mut events: Vec<&EventBundle> = bundles.iter().collect();
        events.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.lang.cmp(&b.lang)).then_with(|| a.slug.cmp(&b.slug)));
        let by_route: HashMap<(&str, &str), usize> =
            events.iter().enumerate().map(|(i, b)| ((b.lang.as_str(), b.slug.as_str()), i)).collect();
        let mut named_by = vec![Vec::new(); events.len()];
        let mut entities: BTreeMap<(&str, &str), (&str, Vec<usize>)> = BTreeMap::new();
        for (i, b) in events.iter().enumerate() {
            for r in &b.related {
                if let Some(&j) = by_route.get(&(b.lang.as_str(), r.slug.as_str())) {
                    named_by[j].push(i);
                }
            }
            for e in &b.entities {
                entities.entry((b.lang.as_str(), e.slug.as_str())).or_insert((e.name.as_str(), Vec::new())).1.push(i);
            }
        }
        let summaries = events.iter().map(|b| EventSummary::of(*b)).collect();
        Collection { events, summaries, by_route, named_by, entities }
    }

    fn event_node(&self, i: usize) -> GraphNode {
        GraphNode::event(self.events[i])
    }

    fn entity_node(&self, lang: &str, slug: &str) -> GraphNode {
        let name = self.entities.get(&(lang, slug)).map_or(slug, |(name, _)| *name);
        GraphNode {
            id: entity_id(lang, slug),
            kind: NodeKind::Entity,
            lang: lang.to_string(),
            slug: slug.to_string(),
            label: name.to_string(),
            in_collection: true,
        }
    }

    fn related(&self, i: usize) -> Vec<(RelatedSummary, GraphNode)> {
        let b = self.events[i];
        b.related
            .iter()
            .map(|r| match self.by_route.get(&(b.lang.as_str(), r.slug.as_str())) {
                Some(&j) => {
                    let summary = RelatedSummary {
                        slug: r.slug.clone(),
                        title: self.events[j].title.clone(),
                        in_collection: true,
                    };
                    (summary, self.event_node(j))
                }
                None => {
                    let title = r.title.clone().unwrap_or_else(|| r.slug.clone());
                    let node = GraphNode {
                        id: event_id(&b.lang, &r.slug),
                        kind: NodeKind::Event,
                        lang: b.lang.clone(),
                        slug: r.slug.clone(),
                        label: title.clone(),
                        in_collection: false,
                    };
                    (RelatedSummary { slug: r.slug.clone(), title, in_collection: false }, node)
                }
            })
            .collect()
    }

    fn neighbourhood(&self, i: usize) -> (Neighbourhood, Star) {
        let b = self.events[i];
        let related = self.related(i);
        // The event's own links first (related events, then entities), then the events that
        // name it, newest first, until the graph is full.
        let candidates = related
            .iter()
            .map(|(_, node)| node.clone())
            .chain(b.entities.iter().map(|e| self.entity_node(&b.lang, &e.slug)))
            .chain(self.named_by[i].iter().map(|&j| self.event_node(j)));
        let graph = star(self.event_node(i), candidates);
        let named_by = &self.named_by[i];
        let near = Neighbourhood {
            schema_version: SCHEMA_VERSION,
            lang: b.lang.clone(),
            slug: b.slug.clone(),
            related: related.into_iter().map(|(summary, _)| summary).collect(),
            named_by: NamedBy {
                total: named_by.len() as u32,
                events: named_by.iter().take(NAMED_BY_SHOWN).map(|&j| self.summaries[j].clone()).collect(),
            },
            graph: PlacedGraph {
                nodes: Vec::new(),
                edges: Vec::new(),
                view_box: (0, 0, 0, 0),
                left_out: LeftOut::default(),
            },
        };
        (near, graph)
    }

    fn list_pages(&self, lang: &str, of: ListOf, events: &[usize]) -> Vec<ListPage> {
        let pages = page_count(events.len());
        (1..=pages)
            .map(|page| {
                let start = (page as usize - 1) * PAGE_SIZE;
                let chunk = &events[start.min(events.len())..(start + PAGE_SIZE).min(events.len())];
                ListPage {
                    schema_version: SCHEMA_VERSION,
                    lang: lang.to_string(),
                    of: of.clone(),
                    list: EventList {
                        page,
                        pages,
                        total: events.len() as u32,
                        events: chunk.iter().map(|&j| self.summaries[j].clone()).collect(),
                    },
                    graph: None,
                }
            })
            .collect()
    }
}

/// A star around `centre`: the first candidates, distinct, up to the graph's cap; the rest are
/// counted by kind.
fn star(centre: GraphNode, candidates: impl Iterator<Item = GraphNode>) -> Star {
    let mut nodes = vec![centre];
    let mut left_out = LeftOut::default();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    seen.insert(nodes[0].id.clone());
    for node in candidates {
        if !seen.insert(node.id.clone()) {
            continue;
        }
        if nodes.len() < GRAPH_MAX_NODES {
            nodes.push(node);
        } else if node.kind == NodeKind::Entity {
            left_out.entities += 1;
        } else {
            left_out.events += 1;
        }
    }
    let edges = (1..nodes.len()).map(|i| (0, i)).collect();
    Star { graph: LocalGraph { nodes, edges, centred: true }, left_out, placed: OnceLock::new() }
}

/// Where embed snippets point: the given site, else each event's canonical origin.
pub enum EmbedOrigin<'a> {
    Site(&'a str),
    Canonical,
}

/// Every document of the collection. `prints` are the bundles' fingerprints, in their order.
pub fn derive<'a>(
    bundles: &'a [EventBundle],
    prints: &[u64],
    embed_origin: EmbedOrigin,
) -> Result<Derived<'a>, Vec<String>> {
    let c = Collection::new(bundles);
    let print_of: HashMap<(&str, &str), u64> =
        bundles.iter().zip(prints).map(|(b, p)| ((b.lang.as_str(), b.slug.as_str()), *p)).collect();
    let events: Vec<EventDocs> = (0..c.events.len())
        .into_par_iter()
        .map(|i| {
            let bundle = c.events[i];
            let (near, star) = c.neighbourhood(i);
            let bundle_print = print_of[&(bundle.lang.as_str(), bundle.slug.as_str())];
            EventDocs { bundle, bundle_print, doc: OnceLock::new(), near, star }
        })
        .collect();
    let lists = list_pages(&c);
    let manifest = manifest(&c);
    let mut oembeds = Vec::with_capacity(c.events.len());
    let mut errors = Vec::new();
    for b in &c.events {
        let origin = match embed_origin {
            EmbedOrigin::Site(site) => site.to_string(),
            EmbedOrigin::Canonical => match origin_of(&b.canonical_url) {
                Some(origin) => origin,
                None => {
                    errors.push(format!(
                        "$.canonical_url of {}/n/{}: no origin to serve the embed from; pass --site",
                        b.lang, b.slug
                    ));
                    continue;
                }
            },
        };
        oembeds.push((paths::oembed(&b.lang, &b.slug), event_oembed(b, &origin)));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Derived { events, lists, manifest, oembeds })
}

fn list_pages(c: &Collection) -> Vec<ListDoc> {
    let mut by_lang: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, b) in c.events.iter().enumerate() {
        by_lang.entry(b.lang.as_str()).or_default().push(i);
    }
    let mut out = Vec::new();
    for (lang, events) in &by_lang {
        for page in c.list_pages(lang, ListOf::Collection, events) {
            out.push(ListDoc { path: paths::home_list(lang, page.list.page), page, star: None });
        }
    }
    let entity_pages: Vec<Vec<ListDoc>> = c
        .entities
        .par_iter()
        .map(|(&(lang, slug), (name, events))| {
            let of = ListOf::Entity { slug: slug.to_string(), name: name.to_string() };
            c.list_pages(lang, of, events)
                .into_iter()
                .map(|page| {
                    // The first page carries the entity's graph.
                    let star = (page.list.page == 1)
                        .then(|| star(c.entity_node(lang, slug), events.iter().map(|&j| c.event_node(j))));
                    ListDoc { path: paths::entity_list(lang, slug, page.list.page), page, star }
                })
                .collect()
        })
        .collect();
    out.extend(entity_pages.into_iter().flatten());
    for (i, named_by) in c.named_by.iter().enumerate() {
        if named_by.len() > NAMED_BY_SHOWN {
            let b = c.events[i];
            let of = ListOf::NamedBy { slug: b.slug.clone(), title: b.title.clone() };
            for page in c.list_pages(&b.lang, of, named_by) {
                out.push(ListDoc { path: paths::named_by_list(&b.lang, &b.slug, page.list.page), page, star: None });
            }
        }
    }
    out
}

fn manifest(c: &Collection) -> Manifest {
    let mut counts: BTreeMap<&str, LanguageCounts> = BTreeMap::new();
    for b in &c.events {
        counts
            .entry(b.lang.as_str())
            .or_insert_with(|| LanguageCounts { lang: b.lang.clone(), events: 0, entities: 0 })
            .events += 1;
    }
    for &(lang, _) in c.entities.keys() {
        if let Some(l) = counts.get_mut(lang) {
            l.entities += 1;
        }
    }
    Manifest {
        schema_version: SCHEMA_VERSION,
        languages: counts.into_values().collect(),
        newest: c.summaries.iter().take(MANIFEST_NEWEST).cloned().collect(),
    }
}
