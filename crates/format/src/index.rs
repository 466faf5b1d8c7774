//! The collection index (`/data/index.json`): what the home page lists, what entity pages show,
//! and the graph the layout runs on, all derived from the event bundles in one pass.
//!
//! It is derived data: `bundle index` writes it and a test checks the committed copy is fresh.
//! Not here: reading folders (the CLI does that) or laying out the graph (see `layout`).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::{EventBundle, SCHEMA_VERSION};
pub use crate::pages::EventSummary;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CollectionIndex {
    pub schema_version: u32,
    /// Newest first.
    pub events: Vec<EventSummary>,
    /// By language, then slug.
    pub entities: Vec<EntitySummary>,
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EntitySummary {
    pub lang: String,
    pub slug: String,
    pub name: String,
    /// Slugs of the events (in `lang`) that list this entity, newest first.
    pub events: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Event,
    Entity,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GraphNode {
    /// The node's route without the leading slash: `zh/n/{slug}` or `zh/entity/{slug}`.
    pub id: String,
    pub kind: NodeKind,
    pub lang: String,
    pub slug: String,
    pub label: String,
    /// False for a related event that has no bundle here; the app must not link to it.
    pub in_collection: bool,
}

impl GraphNode {
    /// The node of an event of the collection, labelled with its title: the one way the whole
    /// index and each page's local graph make it.
    pub fn event(b: &EventBundle) -> GraphNode {
        GraphNode {
            id: event_id(&b.lang, &b.slug),
            kind: NodeKind::Event,
            lang: b.lang.clone(),
            slug: b.slug.clone(),
            label: b.title.clone(),
            in_collection: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    /// Event to related event. Listed once even when both events name each other.
    Related,
    /// Event to an entity it lists.
    Mentions,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GraphEdge {
    pub source: String,
    pub target: String,
    pub kind: EdgeKind,
}

pub fn event_id(lang: &str, slug: &str) -> String {
    format!("{lang}/n/{slug}")
}

pub fn entity_id(lang: &str, slug: &str) -> String {
    format!("{lang}/entity/{slug}")
}

/// Builds the index. The output depends only on the bundles' content, not their order.
pub fn build_index(bundles: &[EventBundle]) -> CollectionIndex {
    let mut sorted: Vec<&EventBundle> = bundles.iter().collect();
    sorted.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.lang.cmp(&b.lang)).then_with(|| a.slug.cmp(&b.slug)));

    let events = sorted.iter().map(|b| EventSummary::of(b)).collect();

    let mut entities: BTreeMap<(String, String), EntitySummary> = BTreeMap::new();
    for b in &sorted {
        for e in &b.entities {
            entities
                .entry((b.lang.clone(), e.slug.clone()))
                .or_insert_with(|| EntitySummary {
                    lang: b.lang.clone(),
                    slug: e.slug.clone(),
                    name: e.name.clone(),
                    events: Vec::new(),
                })
                .events
                .push(b.slug.clone());
        }
    }

    let (nodes, edges) = graph_of_sorted(&sorted);
    CollectionIndex { schema_version: SCHEMA_VERSION, events, entities: entities.into_values().collect(), nodes, edges }
}

/// The whole collection's graph alone (the index's `nodes` and `edges`), for what needs no
/// more of the index: the explorer's layout, remade on every build of a large site.
pub fn collection_graph(bundles: &[EventBundle]) -> (Vec<GraphNode>, Vec<GraphEdge>) {
    let mut sorted: Vec<&EventBundle> = bundles.iter().collect();
    sorted.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.lang.cmp(&b.lang)).then_with(|| a.slug.cmp(&b.slug)));
    graph_of_sorted(&sorted)
}

/// The graph of events sorted newest first: every event, then in event order the related
/// events outside the collection and the entities, each once; an entity is named as its
/// newest event names it. Nodes are keyed by borrowed (kind, lang, slug) and edges by node
/// index, so that 100,000 events cost no string copies beyond the nodes' own.
fn graph_of_sorted(sorted: &[&EventBundle]) -> (Vec<GraphNode>, Vec<GraphEdge>) {
    let mut entity_names: HashMap<(&str, &str), &str> = HashMap::new();
    for b in sorted {
        for e in &b.entities {
            entity_names.entry((b.lang.as_str(), e.slug.as_str())).or_insert(e.name.as_str());
        }
    }
    let mut nodes: Vec<GraphNode> = Vec::with_capacity(sorted.len() + entity_names.len());
    let mut node_at: HashMap<(NodeKind, &str, &str), usize> = HashMap::with_capacity(nodes.capacity());
    for b in sorted {
        if let std::collections::hash_map::Entry::Vacant(v) = node_at.entry((NodeKind::Event, &b.lang, &b.slug)) {
            v.insert(nodes.len());
            nodes.push(GraphNode::event(b));
        }
    }
    let mut edges = Vec::new();
    let mut edge_pairs: HashSet<(usize, usize)> = HashSet::new();
    for b in sorted {
        let source = node_at[&(NodeKind::Event, b.lang.as_str(), b.slug.as_str())];
        for r in &b.related {
            let target = *node_at.entry((NodeKind::Event, &b.lang, &r.slug)).or_insert_with(|| {
                nodes.push(GraphNode {
                    id: event_id(&b.lang, &r.slug),
                    kind: NodeKind::Event,
                    lang: b.lang.clone(),
                    slug: r.slug.clone(),
                    label: r.title.clone().unwrap_or_else(|| r.slug.clone()),
                    in_collection: false,
                });
                nodes.len() - 1
            });
            if edge_pairs.insert((source.min(target), source.max(target))) {
                edges.push(GraphEdge {
                    source: nodes[source].id.clone(),
                    target: nodes[target].id.clone(),
                    kind: EdgeKind::Related,
                });
            }
        }
        for e in &b.entities {
            let target = *node_at.entry((NodeKind::Entity, &b.lang, &e.slug)).or_insert_with(|| {
                nodes.push(GraphNode {
                    id: entity_id(&b.lang, &e.slug),
                    kind: NodeKind::Entity,
                    lang: b.lang.clone(),
                    slug: e.slug.clone(),
                    label: entity_names[&(b.lang.as_str(), e.slug.as_str())].to_string(),
                    in_collection: true,
                });
                nodes.len() - 1
            });
            edges.push(GraphEdge {
                source: nodes[source].id.clone(),
                target: nodes[target].id.clone(),
                kind: EdgeKind::Mentions,
            });
        }
    }
    (nodes, edges)
}

impl CollectionIndex {
    /// The nodes within one step of `id` (and `id` itself), for a page's local graph.
    pub fn neighbourhood(&self, id: &str) -> (Vec<&GraphNode>, Vec<&GraphEdge>) {
        let edges: Vec<&GraphEdge> = self.edges.iter().filter(|e| e.source == id || e.target == id).collect();
        let mut wanted: HashSet<&str> = edges.iter().flat_map(|e| [e.source.as_str(), e.target.as_str()]).collect();
        wanted.insert(id);
        let nodes = self.nodes.iter().filter(|n| wanted.contains(n.id.as_str())).collect();
        (nodes, edges)
    }

    pub fn node(&self, id: &str) -> Option<&GraphNode> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn entity(&self, lang: &str, slug: &str) -> Option<&EntitySummary> {
        self.entities.iter().find(|e| e.lang == lang && e.slug == slug)
    }

    pub fn event(&self, lang: &str, slug: &str) -> Option<&EventSummary> {
        self.events.iter().find(|e| e.lang == lang && e.slug == slug)
    }
}
