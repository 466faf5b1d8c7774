//! From a collection's bundles to the documents its pages read: each event's document and
//! neighbourhood, the list pages (home per language, each entity's events, the events that name
//! a hub event), the manifest and the oEmbed documents. Pure: bundles in, documents out, the
//! same documents for the same bundles whatever their order.
//!
//! Every document is bounded whatever the collection's size (`eventlens_format::pages`): lists
//! are paged, local graphs are capped at `GRAPH_MAX_NODES` with what they leave out counted.
//!
//! Not here: reading or writing files, or rendering pages.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

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

use crate::{FastMap, FastSet, Fingerprinter};

/// Every event's summary, newest first, each with its fingerprint: list pages and
/// neighbourhoods name summaries by index into this one table, so that 100,000 events are not
/// copied into half a million list entries only to be compared with the last build's.
pub struct Summaries {
    all: Vec<EventSummary>,
    prints: Vec<u64>,
}

impl Summaries {
    fn new(all: Vec<EventSummary>) -> Summaries {
        let prints = all
            .iter()
            .map(|s| {
                let mut h = Fingerprinter::new();
                s.hash(&mut h);
                h.finish()
            })
            .collect();
        Summaries { all, prints }
    }

    fn copies(&self, events: &[usize]) -> Vec<EventSummary> {
        events.iter().map(|&i| self.all[i].clone()).collect()
    }

    fn hash_of<H: Hasher>(&self, events: &[usize], h: &mut H) {
        events.len().hash(h);
        for &i in events {
            self.prints[i].hash(h);
        }
    }
}

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
    /// The neighbourhood without its graph, which `star` holds unplaced, and without the
    /// summaries of the events that name it, which `named_by` holds by index.
    near: Neighbourhood,
    named_by: Vec<usize>,
    summaries: Arc<Summaries>,
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
        let mut near = Neighbourhood { graph: self.star.placed().clone(), ..self.near.clone() };
        near.named_by.events = self.summaries.copies(&self.named_by);
        near
    }
    /// Everything the neighbourhood is made from.
    pub fn hash_near<H: Hasher>(&self, h: &mut H) {
        serde_json::to_string(&self.near).expect("documents serialise").hash(h);
        self.summaries.hash_of(&self.named_by, h);
        self.star.hash_inputs(h);
    }
}

/// A list page, its graph (an entity's first page) planned like an event's.
pub struct ListDoc {
    pub path: String,
    /// The page without its events, which `events` holds by index into `summaries`.
    page: ListPage,
    events: Vec<usize>,
    summaries: Arc<Summaries>,
    pub star: Option<Star>,
}

impl ListDoc {
    pub fn page(&self) -> ListPage {
        let mut page = ListPage { graph: self.star.as_ref().map(|s| s.placed().clone()), ..self.page.clone() };
        page.list.events = self.summaries.copies(&self.events);
        page
    }
    /// The page without its events or graph: what it is a list of, and which page.
    pub fn of(&self) -> &ListPage {
        &self.page
    }
    pub fn hash_inputs<H: Hasher>(&self, h: &mut H) {
        serde_json::to_string(&self.page).expect("documents serialise").hash(h);
        self.summaries.hash_of(&self.events, h);
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
    pub oembeds: Vec<OEmbedDoc<'a>>,
}

/// An event's oEmbed document, planned but made only when asked: it depends on the bundle and
/// the origin alone, so a build fingerprints it by those and makes only the changed ones.
pub struct OEmbedDoc<'a> {
    pub path: String,
    bundle: &'a EventBundle,
    pub bundle_print: u64,
    pub origin: String,
}

impl OEmbedDoc<'_> {
    pub fn doc(&self) -> OEmbed {
        event_oembed(self.bundle, &self.origin)
    }
}

/// An entity of the collection.
struct Entity<'a> {
    /// (lang, slug).
    key: (&'a str, &'a str),
    /// The name its newest event gives it.
    name: &'a str,
    /// Its events, newest first.
    events: Vec<usize>,
}

/// What the derivation needs to know of the whole collection, built in one pass over it.
struct Collection<'a> {
    /// Newest first; everything below indexes into this.
    events: Vec<&'a EventBundle>,
    summaries: Arc<Summaries>,
    by_route: FastMap<(&'a str, &'a str), usize>,
    /// For each event, the events that name it as related, newest first.
    named_by: Vec<Vec<usize>>,
    /// Every entity, sorted by (lang, slug).
    entities: Vec<Entity<'a>>,
    /// (lang, slug) → its place in `entities`.
    entity_at: FastMap<(&'a str, &'a str), usize>,
}

impl<'a> Collection<'a> {
    fn new(bundles: &'a [EventBundle]) -> Collection<'a> {
        let mut events: Vec<&EventBundle> = bundles.iter().collect();
        events.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.lang.cmp(&b.lang)).then_with(|| a.slug.cmp(&b.slug)));
        let by_route: FastMap<(&str, &str), usize> =
            events.iter().enumerate().map(|(i, b)| ((b.lang.as_str(), b.slug.as_str()), i)).collect();
        let mut named_by = vec![Vec::new(); events.len()];
        let mut entities: Vec<Entity> = Vec::new();
        let mut entity_at: FastMap<(&str, &str), usize> = FastMap::default();
        for (i, b) in events.iter().enumerate() {
            for r in &b.related {
                if let Some(&j) = by_route.get(&(b.lang.as_str(), r.slug.as_str())) {
                    named_by[j].push(i);
                }
            }
            for e in &b.entities {
                let key = (b.lang.as_str(), e.slug.as_str());
                let at = *entity_at.entry(key).or_insert_with(|| {
                    entities.push(Entity { key, name: e.name.as_str(), events: Vec::new() });
                    entities.len() - 1
                });
                entities[at].events.push(i);
            }
        }
        // Sorted once at the end: a sorted map kept sorted through half a million insertions
        // cost more than the rest of this pass.
        entities.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        for (at, entity) in entities.iter().enumerate() {
            entity_at.insert(entity.key, at);
        }
        let summaries = Arc::new(Summaries::new(events.par_iter().map(|b| EventSummary::of(*b)).collect()));
        Collection { events, summaries, by_route, named_by, entities, entity_at }
    }

    fn event_node(&self, i: usize) -> GraphNode {
        GraphNode::event(self.events[i])
    }

    fn entity_node(&self, lang: &str, slug: &str) -> GraphNode {
        let name = self.entity_at.get(&(lang, slug)).map_or(slug, |&at| self.entities[at].name);
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
            .map(|(_, node)| Candidate::Node(node))
            .chain(b.entities.iter().map(|e| Candidate::Entity(&b.lang, &e.slug)))
            .chain(self.named_by[i].iter().map(|&j| Candidate::Event(j)));
        let graph = self.star(Candidate::Event(i), candidates);
        let named_by = &self.named_by[i];
        let near = Neighbourhood {
            schema_version: SCHEMA_VERSION,
            lang: b.lang.clone(),
            slug: b.slug.clone(),
            related: related.into_iter().map(|(summary, _)| summary).collect(),
            // The summaries are added when the document is made (`EventDocs::near`).
            named_by: NamedBy { total: named_by.len() as u32, events: Vec::new() },
            graph: PlacedGraph {
                nodes: Vec::new(),
                edges: Vec::new(),
                view_box: (0, 0, 0, 0),
                left_out: LeftOut::default(),
            },
        };
        (near, graph)
    }

    /// The pages of a list of `events`, each without its summaries (which are added when the
    /// document is made, `ListDoc::page`) and with the indices of its events.
    fn list_pages(&self, lang: &str, of: ListOf, events: &[usize]) -> Vec<(ListPage, Vec<usize>)> {
        let pages = page_count(events.len());
        (1..=pages)
            .map(|page| {
                let start = (page as usize - 1) * PAGE_SIZE;
                let chunk = &events[start.min(events.len())..(start + PAGE_SIZE).min(events.len())];
                let list = EventList { page, pages, total: events.len() as u32, events: Vec::new() };
                let page = ListPage {
                    schema_version: SCHEMA_VERSION,
                    lang: lang.to_string(),
                    of: of.clone(),
                    list,
                    graph: None,
                };
                (page, chunk.to_vec())
            })
            .collect()
    }

    fn list_doc(&self, path: String, (page, events): (ListPage, Vec<usize>), star: Option<Star>) -> ListDoc {
        ListDoc { path, page, events, summaries: self.summaries.clone(), star }
    }
}

/// A node a local graph may hold, named cheaply: a hub's graph weighs up to 100,000
/// candidates and keeps 60, so only the kept ones are made into nodes.
enum Candidate<'c> {
    Node(&'c GraphNode),
    /// An event of the collection, by index.
    Event(usize),
    /// An entity, by language and slug.
    Entity(&'c str, &'c str),
}

impl<'a> Collection<'a> {
    /// What makes two candidates the same node: kind, language and slug (a node's id spells
    /// exactly these).
    fn key<'c>(&'c self, candidate: &Candidate<'c>) -> (NodeKind, &'c str, &'c str) {
        match *candidate {
            Candidate::Node(n) => (n.kind, &n.lang, &n.slug),
            Candidate::Event(j) => (NodeKind::Event, &self.events[j].lang, &self.events[j].slug),
            Candidate::Entity(lang, slug) => (NodeKind::Entity, lang, slug),
        }
    }

    fn node(&self, candidate: Candidate) -> GraphNode {
        match candidate {
            Candidate::Node(n) => n.clone(),
            Candidate::Event(j) => self.event_node(j),
            Candidate::Entity(lang, slug) => self.entity_node(lang, slug),
        }
    }

    /// A star around `centre`: the first candidates, distinct, up to the graph's cap; the rest
    /// are counted by kind.
    fn star<'c>(&'c self, centre: Candidate<'c>, candidates: impl Iterator<Item = Candidate<'c>>) -> Star {
        let mut seen: FastSet<(NodeKind, &str, &str)> = FastSet::default();
        seen.insert(self.key(&centre));
        let mut kept: Vec<Candidate> = vec![centre];
        let mut left_out = LeftOut::default();
        for candidate in candidates {
            let key = self.key(&candidate);
            if !seen.insert(key) {
                continue;
            }
            if kept.len() < GRAPH_MAX_NODES {
                kept.push(candidate);
            } else if key.0 == NodeKind::Entity {
                left_out.entities += 1;
            } else {
                left_out.events += 1;
            }
        }
        let nodes: Vec<GraphNode> = kept.into_iter().map(|c| self.node(c)).collect();
        let edges = (1..nodes.len()).map(|i| (0, i)).collect();
        Star { graph: LocalGraph { nodes, edges, centred: true }, left_out, placed: OnceLock::new() }
    }
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
    let print_of: FastMap<(&str, &str), u64> =
        bundles.iter().zip(prints).map(|(b, p)| ((b.lang.as_str(), b.slug.as_str()), *p)).collect();
    let events: Vec<EventDocs> = (0..c.events.len())
        .into_par_iter()
        .map(|i| {
            let bundle = c.events[i];
            let (near, star) = c.neighbourhood(i);
            let bundle_print = print_of[&(bundle.lang.as_str(), bundle.slug.as_str())];
            let named_by = c.named_by[i].iter().take(NAMED_BY_SHOWN).copied().collect();
            let summaries = c.summaries.clone();
            EventDocs { bundle, bundle_print, doc: OnceLock::new(), near, named_by, summaries, star }
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
        let bundle_print = print_of[&(b.lang.as_str(), b.slug.as_str())];
        oembeds.push(OEmbedDoc { path: paths::oembed(&b.lang, &b.slug), bundle: b, bundle_print, origin });
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
            out.push(c.list_doc(paths::home_list(lang, page.0.list.page), page, None));
        }
    }
    let entity_pages: Vec<Vec<ListDoc>> = c
        .entities
        .par_iter()
        .map(|&Entity { key: (lang, slug), name, ref events }| {
            let of = ListOf::Entity { slug: slug.to_string(), name: name.to_string() };
            c.list_pages(lang, of, events)
                .into_iter()
                .map(|page| {
                    // The first page carries the entity's graph.
                    let n = page.0.list.page;
                    let star = (n == 1)
                        .then(|| c.star(Candidate::Entity(lang, slug), events.iter().map(|&j| Candidate::Event(j))));
                    c.list_doc(paths::entity_list(lang, slug, n), page, star)
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
                out.push(c.list_doc(paths::named_by_list(&b.lang, &b.slug, page.0.list.page), page, None));
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
    for &Entity { key: (lang, _), .. } in &c.entities {
        if let Some(l) = counts.get_mut(lang) {
            l.entities += 1;
        }
    }
    Manifest {
        schema_version: SCHEMA_VERSION,
        languages: counts.into_values().collect(),
        newest: c.summaries.all.iter().take(MANIFEST_NEWEST).cloned().collect(),
    }
}
