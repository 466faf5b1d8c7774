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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

    let in_collection: HashMap<String, &EventBundle> =
        sorted.iter().map(|b| (event_id(&b.lang, &b.slug), *b)).collect();
    let mut nodes: Vec<GraphNode> = Vec::new();
    let mut node_ids: HashSet<String> = HashSet::new();
    let mut add_node = |nodes: &mut Vec<GraphNode>, node: GraphNode| {
        if node_ids.insert(node.id.clone()) {
            nodes.push(node);
        }
    };
    for b in &sorted {
        add_node(&mut nodes, GraphNode::event(b));
    }
    let mut edges = Vec::new();
    let mut edge_pairs: HashSet<(String, String)> = HashSet::new();
    for b in &sorted {
        let source = event_id(&b.lang, &b.slug);
        for r in &b.related {
            let target = event_id(&b.lang, &r.slug);
            if !in_collection.contains_key(&target) {
                add_node(
                    &mut nodes,
                    GraphNode {
                        id: target.clone(),
                        kind: NodeKind::Event,
                        lang: b.lang.clone(),
                        slug: r.slug.clone(),
                        label: r.title.clone().unwrap_or_else(|| r.slug.clone()),
                        in_collection: false,
                    },
                );
            }
            let pair =
                if source < target { (source.clone(), target.clone()) } else { (target.clone(), source.clone()) };
            if edge_pairs.insert(pair) {
                edges.push(GraphEdge { source: source.clone(), target, kind: EdgeKind::Related });
            }
        }
        for e in &b.entities {
            let target = entity_id(&b.lang, &e.slug);
            add_node(
                &mut nodes,
                GraphNode {
                    id: target.clone(),
                    kind: NodeKind::Entity,
                    lang: b.lang.clone(),
                    slug: e.slug.clone(),
                    label: entities[&(b.lang.clone(), e.slug.clone())].name.clone(),
                    in_collection: true,
                },
            );
            edges.push(GraphEdge { source: source.clone(), target, kind: EdgeKind::Mentions });
        }
    }

    CollectionIndex { schema_version: SCHEMA_VERSION, events, entities: entities.into_values().collect(), nodes, edges }
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
