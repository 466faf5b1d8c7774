//! The explore page's files: the whole collection's graph, laid out once at build time and
//! written compactly, so that the explorer (the `eventlens-explore` wasm module) can draw
//! every node and edge of a 100,000-event collection at once without laying anything out.
//!
//! The site build calls [`explore_files`] natively; the explorer reads the same files with
//! [`decode_layout`] and [`decode_labels`]. Writer and reader share this one definition.
//!
//! Two kinds of file, in one folder (the site puts it at `data/graph/`):
//! - [`LAYOUT_FILE`]: every node's position (f32) and [`ExploreKind`] (u8), and every edge once
//!   (varint deltas in node order), followed by the label chunks' content hashes. Nodes are
//!   numbered in Z-order of their position, so that nodes drawn near each other are numbered
//!   near each other: the edge deltas stay small and the labels of one part of the picture sit
//!   in few chunks. About 16 bytes a node at 100,000 events.
//! - `labels-KKKK-HASH.bin`, one per [`LABELS_PER_CHUNK`] nodes: each node's route (`zh/n/…`)
//!   and label, loaded only for hovering, searching and opening. The name carries the chunk's
//!   content hash, which the reader checks against the layout's copy, so a chunk can never be
//!   paired with another build's layout.
//!
//! Every file starts with a four-byte magic and a format version the reader checks, ends with
//! an FNV-1a checksum (the layout) or is checked against its hash (a chunk), and is read with
//! bounds checks throughout: a wrong, truncated or damaged file gets a [`FormatError`] saying
//! which file, where and what, never a panic. All numbers are little-endian.
//!
//! The layout is our own engine's ([`force_layout`]), set up in [`whole_layout`]; the explorer's
//! drag simulation is set up in [`reheat_simulation`]. Not here: drawing, the page, or the
//! forces themselves.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use eventlens_format::index::{GraphEdge, GraphNode, NodeKind};
use eventlens_format::model::{is_known_lang, is_url_safe_slug};
use force_layout::{Center, FastManyBody, Link, Nodes, Position, Simulation};

/// The version of both file kinds. A reader refuses any other.
pub const FORMAT_VERSION: u16 = 1;
/// The layout's file name in the explore folder: the one file the explorer starts from.
pub const LAYOUT_FILE: &str = "layout.bin";
/// Nodes per label chunk: about 100 KB of routes and titles.
pub const LABELS_PER_CHUNK: usize = 2048;

const LAYOUT_MAGIC: [u8; 4] = *b"ELXL";
const LABELS_MAGIC: [u8; 4] = *b"ELXN";
const LAYOUT_HEADER: usize = 24;
const LABELS_HEADER: usize = 20;

/// What a node is, as the explorer draws it and decides whether it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExploreKind {
    /// An event in the collection: it opens its page.
    Event,
    /// A related event with no bundle here: drawn, never opened.
    OutsideEvent,
    /// An entity: it opens its page.
    Entity,
}

impl ExploreKind {
    pub fn of(node: &GraphNode) -> ExploreKind {
        match (node.kind, node.in_collection) {
            (NodeKind::Entity, _) => ExploreKind::Entity,
            (NodeKind::Event, true) => ExploreKind::Event,
            (NodeKind::Event, false) => ExploreKind::OutsideEvent,
        }
    }

    /// Whether the node has a page to open.
    pub fn opens(self) -> bool {
        self != ExploreKind::OutsideEvent
    }

    fn byte(self) -> u8 {
        match self {
            ExploreKind::Event => 0,
            ExploreKind::OutsideEvent => 1,
            ExploreKind::Entity => 2,
        }
    }

    fn from_byte(byte: u8) -> Option<ExploreKind> {
        [ExploreKind::Event, ExploreKind::OutsideEvent, ExploreKind::Entity].get(usize::from(byte)).copied()
    }
}

/// The whole graph as the explorer draws it: node `i` at (`x[i]`, `y[i]`) in layout units.
#[derive(Debug, Clone, PartialEq)]
pub struct ExploreLayout {
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    pub kinds: Vec<ExploreKind>,
    /// Each edge once, as (a, b) with a < b, in increasing order.
    pub edges: Vec<(u32, u32)>,
    /// Nodes per label chunk: chunk `k` holds nodes `k·n .. (k+1)·n`.
    pub labels_per_chunk: u32,
    /// Each label chunk's content hash, by chunk.
    pub label_hashes: Vec<u64>,
}

/// The routes and labels of the nodes `first .. first + ids.len()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelChunk {
    pub first: u32,
    /// Each node's route without the leading slash (`zh/n/{slug}`), as in the collection index.
    pub ids: Vec<String>,
    pub labels: Vec<String>,
}

/// A file that is not a valid explore file of this version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub file: String,
    /// The byte offset where the problem was found.
    pub at: usize,
    pub problem: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, byte {}: {}", self.file, self.at, self.problem)
    }
}

impl std::error::Error for FormatError {}

/// A graph the explore files cannot be built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// An edge names a node the graph does not have.
    UnknownNode { edge: usize, id: String },
    /// More nodes, edges or label text than the format's 32-bit counts hold.
    TooBig { what: &'static str, count: usize },
    /// A node whose id is not a route the explorer may open (see [`is_route`]).
    NotARoute { node: usize, id: String },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::UnknownNode { edge, id } => {
                write!(f, "$.edges[{edge}]: names node {id:?}, which is not in $.nodes")
            }
            BuildError::TooBig { what, count } => {
                write!(f, "{count} {what}: the explore format holds at most {}", u32::MAX)
            }
            BuildError::NotARoute { node, id } => {
                write!(f, "$.nodes[{node}].id: {id:?} is not {{lang}}/n/{{slug}} or {{lang}}/entity/{{slug}}")
            }
        }
    }
}

impl std::error::Error for BuildError {}

/// Everything the explore page needs, as (path relative to the explore folder, bytes) pairs:
/// the layout first, then the label chunks. The same graph always gives the same bytes.
///
/// An edge from a node to itself draws nothing and is left out; an edge listed twice (in either
/// direction) is kept once.
pub fn explore_files(nodes: &[GraphNode], edges: &[GraphEdge]) -> Result<Vec<(String, Vec<u8>)>, BuildError> {
    let (layout, chunks) = build(nodes, edges)?;
    let mut files = vec![(LAYOUT_FILE.to_string(), layout.encode())];
    for (k, chunk) in chunks.iter().enumerate() {
        files.push((layout.label_file(k), chunk.encode()));
    }
    Ok(files)
}

/// The layout and label chunks of a graph (what [`explore_files`] encodes), laid out from
/// scratch: about a minute at 100,000 events on one core.
pub fn build(nodes: &[GraphNode], edges: &[GraphEdge]) -> Result<(ExploreLayout, Vec<LabelChunk>), BuildError> {
    let edges = checked_edges(nodes, edges)?;
    let (x, y) = whole_layout(nodes.len(), &edges);
    let order = z_order(&x, &y);
    assemble(nodes, &edges, &order, &x, &y)
}

/// The layout and label chunks of a graph that differs a little from one built before
/// (`previous`, with its label chunks), without laying it out again: in well under a second at
/// 100,000 events, so that adding an event does not cost a minute.
///
/// Nodes already there keep their position, and their number in the previous order (so label
/// chunks whose nodes did not change keep their bytes and their file name); nodes no longer
/// there are dropped. New nodes are numbered after them and placed at the middle of their
/// placed neighbours (a short way off it, so that two new nodes never coincide), or beside the
/// picture when they have none. The result is deterministic but depends on the history of
/// updates: a periodic [`build`] lays everything out afresh.
pub fn update(
    previous: &ExploreLayout,
    previous_labels: &[LabelChunk],
    nodes: &[GraphNode],
    edges: &[GraphEdge],
) -> Result<(ExploreLayout, Vec<LabelChunk>), BuildError> {
    let edges = checked_edges(nodes, edges)?;
    let index: HashMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let (mut x, mut y) = (vec![f64::NAN; nodes.len()], vec![f64::NAN; nodes.len()]);
    let mut order = Vec::with_capacity(nodes.len());
    for chunk in previous_labels {
        for (k, id) in chunk.ids.iter().enumerate() {
            let old = chunk.first as usize + k;
            if let (Some(&i), Some(&px), Some(&py)) = (index.get(id.as_str()), previous.x.get(old), previous.y.get(old))
            {
                if x[i].is_nan() {
                    (x[i], y[i]) = (f64::from(px), f64::from(py));
                    order.push(i);
                }
            }
        }
    }
    place_new_nodes(&edges, &mut x, &mut y, &mut order);
    assemble(nodes, &edges, &order, &x, &y)
}

/// Gives every node without a position (NaN) one, appending it to `order`: the middle of its
/// placed neighbours, nearest the placed part of the graph first, or a place beside the box of
/// the placed nodes when none of its neighbours is placed.
fn place_new_nodes(edges: &[(usize, usize)], x: &mut [f64], y: &mut [f64], order: &mut Vec<usize>) {
    let n = x.len();
    let mut neighbours = vec![Vec::new(); n];
    for &(a, b) in edges {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    let (mut right, mut top, mut bottom) = (0.0f64, 0.0f64, 0.0f64);
    for &i in order.iter() {
        (right, top, bottom) = (right.max(x[i]), top.min(y[i]), bottom.max(y[i]));
    }
    let mut beside = 0;
    while order.len() < n {
        let before = order.len();
        for i in 0..n {
            if !x[i].is_nan() {
                continue;
            }
            let placed: Vec<usize> = neighbours[i].iter().copied().filter(|&j| !x[j].is_nan()).collect();
            if placed.is_empty() {
                continue;
            }
            let count = placed.len() as f64;
            let (mx, my) = placed.iter().fold((0.0, 0.0), |(sx, sy), &j| (sx + x[j] / count, sy + y[j] / count));
            // A golden-angle turn per new node: a few units off the middle, never on top of
            // another new node placed there.
            let angle = order.len() as f64 * 2.399_963_229_728_653;
            (x[i], y[i]) = (mx + 12.0 * angle.cos(), my + 12.0 * angle.sin());
            order.push(i);
        }
        if order.len() == before {
            // Nothing left touches the placed graph: put the next node in a column beside it.
            let i = (0..n).find(|&i| x[i].is_nan()).expect("some node is still unplaced");
            (x[i], y[i]) = (right + 60.0, top + (beside as f64 * 30.0) % (bottom - top).max(30.0));
            beside += 1;
            order.push(i);
        }
    }
}

/// Reads back files [`explore_files`] wrote: the layout, and each label chunk from `read`
/// given its file name (None when it is missing), all checked.
pub fn read_files(
    layout: &[u8],
    mut read: impl FnMut(&str) -> Option<Vec<u8>>,
) -> Result<(ExploreLayout, Vec<LabelChunk>), FormatError> {
    let layout = decode_layout(layout)?;
    let mut chunks = Vec::with_capacity(layout.label_hashes.len());
    for k in 0..layout.label_hashes.len() {
        let name = layout.label_file(k);
        let bytes = read(&name).ok_or_else(|| FormatError {
            file: name.clone(),
            at: 0,
            problem: "missing: the layout lists it".into(),
        })?;
        let nodes = layout.chunk_nodes(k);
        chunks.push(decode_labels(&bytes, &name, nodes.start, nodes.len(), layout.label_hashes[k])?);
    }
    Ok((layout, chunks))
}

/// The graph's edges as node indices, after checking it fits the format and every id is a route.
fn checked_edges(nodes: &[GraphNode], edges: &[GraphEdge]) -> Result<Vec<(usize, usize)>, BuildError> {
    u32::try_from(nodes.len()).map_err(|_| BuildError::TooBig { what: "nodes", count: nodes.len() })?;
    if let Some((node, n)) = nodes.iter().enumerate().find(|(_, n)| !is_route(&n.id)) {
        return Err(BuildError::NotARoute { node, id: n.id.clone() });
    }
    index_edges(nodes, edges)
}

/// The layout and chunks with nodes numbered in `order` (new number → index in `nodes`), at
/// (`x`, `y`) (by index in `nodes`).
fn assemble(
    nodes: &[GraphNode],
    edges: &[(usize, usize)],
    order: &[usize],
    x: &[f64],
    y: &[f64],
) -> Result<(ExploreLayout, Vec<LabelChunk>), BuildError> {
    let mut renumber = vec![0u32; nodes.len()];
    for (new, &old) in order.iter().enumerate() {
        renumber[old] = new as u32;
    }
    let mut pairs: Vec<(u32, u32)> = edges
        .iter()
        .map(|&(a, b)| {
            let (a, b) = (renumber[a], renumber[b]);
            (a.min(b), a.max(b))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    u32::try_from(pairs.len()).map_err(|_| BuildError::TooBig { what: "edges", count: pairs.len() })?;
    let per_chunk = LABELS_PER_CHUNK as u32;
    let chunks: Vec<LabelChunk> = order
        .chunks(LABELS_PER_CHUNK)
        .enumerate()
        .map(|(k, olds)| LabelChunk {
            first: k as u32 * per_chunk,
            ids: olds.iter().map(|&i| nodes[i].id.clone()).collect(),
            labels: olds.iter().map(|&i| nodes[i].label.clone()).collect(),
        })
        .collect();
    let mut label_hashes = Vec::with_capacity(chunks.len());
    for chunk in &chunks {
        let text: usize = chunk.ids.iter().chain(&chunk.labels).map(String::len).sum();
        u32::try_from(text).map_err(|_| BuildError::TooBig { what: "bytes of labels in one chunk", count: text })?;
        label_hashes.push(fnv1a(&chunk.encode()));
    }
    let layout = ExploreLayout {
        x: order.iter().map(|&i| x[i] as f32).collect(),
        y: order.iter().map(|&i| y[i] as f32).collect(),
        kinds: order.iter().map(|&i| ExploreKind::of(&nodes[i])).collect(),
        edges: pairs,
        labels_per_chunk: per_chunk,
        label_hashes,
    };
    Ok((layout, chunks))
}

/// Edges as node indices, each pair once and no loops.
fn index_edges(nodes: &[GraphNode], edges: &[GraphEdge]) -> Result<Vec<(usize, usize)>, BuildError> {
    let position: HashMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let find = |edge: usize, id: &str| {
        position.get(id).copied().ok_or_else(|| BuildError::UnknownNode { edge, id: id.to_string() })
    };
    let mut out = Vec::with_capacity(edges.len());
    for (i, e) in edges.iter().enumerate() {
        let (a, b) = (find(i, &e.source)?, find(i, &e.target)?);
        if a != b {
            out.push((a.min(b), a.max(b)));
        }
    }
    // Sorted, so that the layout depends only on which pairs are linked, not on their order.
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Whether `id` is a node route the explorer may turn into a link: `{lang}/n/{slug}` or
/// `{lang}/entity/{slug}`, a two-letter language and a URL-safe slug. Both the writer and the
/// reader check it, so a label chunk can never make the explorer open another site
/// (`//host`) or a `javascript:` URL.
pub fn is_route(id: &str) -> bool {
    let mut parts = id.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(lang), Some("n" | "entity"), Some(slug), None) => is_known_lang(lang) && is_url_safe_slug(slug),
        _ => false,
    }
}

/// The build-time layout of the whole collection: d3's default forces (many-body −30, links of
/// length 30 with d3's degree-based strength, centring on the origin) in fast mode, ticked until
/// it settles, as d3's timer would. The one place that sets up this simulation.
pub fn whole_layout(count: usize, edges: &[(usize, usize)]) -> (Vec<f64>, Vec<f64>) {
    let mut sim = Simulation::new(Nodes::new(count));
    sim.set_force("charge", FastManyBody::new())
        .and_then(|sim| sim.set_force("link", Link::new(edges.to_vec())))
        .and_then(|sim| sim.set_force("center", Center::new(0.0, 0.0)))
        .expect("edges are indexed from this graph's nodes");
    while !sim.is_settled() {
        sim.tick();
    }
    (sim.x().to_vec(), sim.y().to_vec())
}

/// The simulation the explorer runs while a node is dragged, over that node's neighbourhood
/// only: nodes at (`x`, `y`), `edges` among them as springs whose rest length is their length
/// now, and each node pulled back toward where it is now by `anchor[i]` (weak near the
/// dragged node, stronger farther from it). Left alone it stays exactly where it is; moving the
/// dragged node stretches its springs, which pull its neighbours after it, less and less
/// farther out, while the anchors stand in for the rest of the graph, which does not move.
/// There is no many-body force: the picture's spacing is already the settled layout's.
pub fn reheat_simulation(x: &[f64], y: &[f64], edges: Vec<(usize, usize)>, anchor: Vec<f64>) -> Simulation {
    let mut nodes = Nodes::new(x.len());
    for i in 0..x.len() {
        nodes.set_position(i, x[i], y[i]);
    }
    let lengths: Vec<f64> = edges.iter().map(|&(a, b)| (x[a] - x[b]).hypot(y[a] - y[b]).max(1.0)).collect();
    let mut sim = Simulation::new(nodes);
    sim.set_force("link", Link::new(edges).distance(lengths))
        .and_then(|sim| sim.set_force("x", Position::x(x.to_vec()).strength(anchor.clone())))
        .and_then(|sim| sim.set_force("y", Position::y(y.to_vec()).strength(anchor)))
        .expect("the caller gives one anchor per node and edges among them");
    sim
}

/// Node numbers sorted along a Z-order curve over the layout's bounding box, so that numbers
/// close together are nodes close together. Ties keep their old order.
fn z_order(x: &[f64], y: &[f64]) -> Vec<usize> {
    let bounds = |v: &[f64]| v.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &c| (lo.min(c), hi.max(c)));
    let ((x0, x1), (y0, y1)) = (bounds(x), bounds(y));
    let side = (x1 - x0).max(y1 - y0).max(1e-9);
    let cell = |c: f64, lo: f64| (((c - lo) / side) * 65535.0).clamp(0.0, 65535.0) as u32;
    let spread = |mut v: u32| {
        v = (v | (v << 8)) & 0x00FF_00FF;
        v = (v | (v << 4)) & 0x0F0F_0F0F;
        v = (v | (v << 2)) & 0x3333_3333;
        (v | (v << 1)) & 0x5555_5555
    };
    let mut keyed: Vec<(u32, usize)> =
        (0..x.len()).map(|i| (spread(cell(x[i], x0)) | (spread(cell(y[i], y0)) << 1), i)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

impl ExploreLayout {
    pub fn len(&self) -> usize {
        self.x.len()
    }

    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// The label chunk that holds `node`.
    pub fn chunk_of(&self, node: usize) -> usize {
        node / self.labels_per_chunk as usize
    }

    /// The nodes label chunk `chunk` holds.
    pub fn chunk_nodes(&self, chunk: usize) -> Range<usize> {
        let per = self.labels_per_chunk as usize;
        (chunk * per).min(self.len())..((chunk + 1) * per).min(self.len())
    }

    /// Label chunk `chunk`'s file name in the explore folder.
    pub fn label_file(&self, chunk: usize) -> String {
        label_file(chunk, self.label_hashes[chunk])
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut edges = Vec::with_capacity(self.edges.len() * 2);
        let mut next = 0;
        for node in 0..self.len() as u32 {
            let start = next;
            while next < self.edges.len() && self.edges[next].0 == node {
                next += 1;
            }
            put_varint(&mut edges, (next - start) as u32);
            let mut previous = node;
            for &(_, b) in &self.edges[start..next] {
                put_varint(&mut edges, b - previous);
                previous = b;
            }
        }
        let mut out =
            Vec::with_capacity(LAYOUT_HEADER + self.len() * 9 + edges.len() + self.label_hashes.len() * 8 + 8);
        out.extend_from_slice(&LAYOUT_MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        for value in [self.len() as u32, self.edges.len() as u32, self.labels_per_chunk, edges.len() as u32] {
            out.extend_from_slice(&value.to_le_bytes());
        }
        for v in self.x.iter().chain(&self.y) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend(self.kinds.iter().map(|k| k.byte()));
        out.extend_from_slice(&edges);
        for hash in &self.label_hashes {
            out.extend_from_slice(&hash.to_le_bytes());
        }
        let checksum = fnv1a(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        out
    }
}

impl LabelChunk {
    pub fn encode(&self) -> Vec<u8> {
        let text: usize = self.ids.iter().chain(&self.labels).map(String::len).sum();
        let mut out = Vec::with_capacity(LABELS_HEADER + self.ids.len() * 8 + text);
        out.extend_from_slice(&LABELS_MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        for value in [self.first, self.ids.len() as u32, text as u32] {
            out.extend_from_slice(&value.to_le_bytes());
        }
        let mut end = 0u32;
        for (id, label) in self.ids.iter().zip(&self.labels) {
            for s in [id, label] {
                end += s.len() as u32;
                out.extend_from_slice(&end.to_le_bytes());
            }
        }
        for (id, label) in self.ids.iter().zip(&self.labels) {
            out.extend_from_slice(id.as_bytes());
            out.extend_from_slice(label.as_bytes());
        }
        out
    }
}

/// The file name of label chunk `chunk` whose content hash is `hash`.
pub fn label_file(chunk: usize, hash: u64) -> String {
    format!("labels-{chunk:04}-{hash:016x}.bin")
}

/// Reads a layout file, checking everything: magic, version, lengths, checksum, every kind,
/// every edge's ends and every position.
pub fn decode_layout(bytes: &[u8]) -> Result<ExploreLayout, FormatError> {
    let mut r = Reader { bytes, at: 0, file: LAYOUT_FILE };
    r.magic(LAYOUT_MAGIC, "an explore layout")?;
    let checksum_at = bytes.len().checked_sub(8).filter(|&at| at >= LAYOUT_HEADER).ok_or_else(|| {
        r.error_at(bytes.len(), format!("truncated: {} bytes, fewer than a header and a checksum", bytes.len()))
    })?;
    let stored = u64::from_le_bytes(bytes[checksum_at..].try_into().expect("eight bytes"));
    if fnv1a(&bytes[..checksum_at]) != stored {
        return Err(r.error_at(checksum_at, "the checksum does not match: the file is damaged or truncated".into()));
    }
    let r = &mut Reader { bytes: &bytes[..checksum_at], ..r };
    let (count, edge_count, per_chunk, edge_bytes) =
        (r.u32()? as usize, r.u32()? as usize, r.u32()?, r.u32()? as usize);
    if per_chunk == 0 {
        return Err(r.error_at(16, "zero nodes per label chunk".into()));
    }
    let x = r.f32s(count, "x positions")?;
    let y = r.f32s(count, "y positions")?;
    let kinds_at = r.at;
    let kinds = r
        .take(count, "node kinds")?
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            ExploreKind::from_byte(b).ok_or_else(|| r.error_at(kinds_at + i, format!("node {i}: unknown kind {b}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let edges_at = r.at;
    let edges = decode_edges(r.take(edge_bytes, "edges")?, edges_at, count, edge_count, r.file)?;
    let chunks = count.div_ceil(per_chunk as usize);
    let label_hashes = (0..chunks).map(|_| r.u64("label chunk hashes")).collect::<Result<Vec<_>, _>>()?;
    if r.at != r.bytes.len() {
        return Err(r.error_at(r.at, format!("{} bytes after the label chunk hashes", r.bytes.len() - r.at)));
    }
    Ok(ExploreLayout { x, y, kinds, edges, labels_per_chunk: per_chunk, label_hashes })
}

fn decode_edges(
    bytes: &[u8],
    base: usize,
    count: usize,
    expected: usize,
    file: &str,
) -> Result<Vec<(u32, u32)>, FormatError> {
    let mut r = Reader { bytes, at: 0, file };
    let error = |at: usize, problem: String| FormatError { file: file.to_string(), at: base + at, problem };
    let mut edges = Vec::with_capacity(expected.min(bytes.len()));
    for node in 0..count as u32 {
        let degree = r.varint().map_err(|e| error(e.at, e.problem))?;
        let mut previous = node;
        for _ in 0..degree {
            let at = r.at;
            let delta = r.varint().map_err(|e| error(e.at, e.problem))?;
            let target =
                previous.checked_add(delta).filter(|&t| delta > 0 && (t as usize) < count).ok_or_else(|| {
                    error(
                        at,
                        format!(
                            "node {node}: an edge to node {} of {count}, or listed twice",
                            u64::from(previous) + u64::from(delta)
                        ),
                    )
                })?;
            edges.push((node, target));
            previous = target;
        }
    }
    if r.at != bytes.len() || edges.len() != expected {
        return Err(error(
            r.at,
            format!("{} edges in {} bytes where the header says {expected} in {}", edges.len(), r.at, bytes.len()),
        ));
    }
    Ok(edges)
}

/// Reads label chunk `file`, which must hold the nodes `first .. first + count` and have the
/// content hash the layout lists for it.
pub fn decode_labels(
    bytes: &[u8],
    file: &str,
    first: usize,
    count: usize,
    hash: u64,
) -> Result<LabelChunk, FormatError> {
    let mut r = Reader { bytes, at: 0, file };
    r.magic(LABELS_MAGIC, "an explore label chunk")?;
    if fnv1a(bytes) != hash {
        return Err(r.error_at(
            0,
            format!(
                "its content hash is not {hash:016x}, the one the layout lists: it is damaged or from another build"
            ),
        ));
    }
    let (got_first, got_count, text_len) = (r.u32()? as usize, r.u32()? as usize, r.u32()? as usize);
    if (got_first, got_count) != (first, count) {
        return Err(r.error_at(
            8,
            format!(
                "holds nodes {got_first}..{} where the layout expects {first}..{}",
                got_first + got_count,
                first + count
            ),
        ));
    }
    let ends_at = r.at;
    let ends: Vec<u32> = (0..2 * count).map(|_| r.u32()).collect::<Result<_, _>>()?;
    let text_at = r.at;
    let text = r.take(text_len, "label text")?;
    if r.at != bytes.len() {
        return Err(r.error_at(r.at, format!("{} bytes after the label text", bytes.len() - r.at)));
    }
    let mut strings = Vec::with_capacity(2 * count);
    let mut start = 0usize;
    for (i, &end) in ends.iter().enumerate() {
        let end = end as usize;
        let slice = text.get(start..end).ok_or_else(|| {
            r.error_at(ends_at + 4 * i, format!("string {i} ends at {end}, outside {start}..{text_len}"))
        })?;
        let s = std::str::from_utf8(slice)
            .map_err(|e| r.error_at(text_at + start + e.valid_up_to(), format!("string {i} is not UTF-8")))?;
        if i % 2 == 0 && !is_route(s) {
            let node = first + i / 2;
            return Err(r.error_at(text_at + start, format!("node {node}: {s:?} is not a route to open")));
        }
        strings.push(s.to_string());
        start = end;
    }
    if start != text_len {
        return Err(
            r.error_at(text_at + start, format!("{} bytes of label text belong to no string", text_len - start))
        );
    }
    let (mut ids, mut labels) = (Vec::with_capacity(count), Vec::with_capacity(count));
    let mut strings = strings.into_iter();
    while let (Some(id), Some(label)) = (strings.next(), strings.next()) {
        ids.push(id);
        labels.push(label);
    }
    Ok(LabelChunk { first: first as u32, ids, labels })
}

/// A bounds-checked little-endian cursor.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    file: &'a str,
}

impl<'a> Reader<'a> {
    fn error_at(&self, at: usize, problem: String) -> FormatError {
        FormatError { file: self.file.to_string(), at, problem }
    }

    fn take(&mut self, len: usize, what: &str) -> Result<&'a [u8], FormatError> {
        let end = self.at.checked_add(len).filter(|&end| end <= self.bytes.len()).ok_or_else(|| {
            self.error_at(
                self.at,
                format!("truncated: the {what} need {len} bytes, {} remain", self.bytes.len() - self.at),
            )
        })?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn magic(&mut self, magic: [u8; 4], what: &str) -> Result<(), FormatError> {
        let found = self.take(4, "magic")?;
        if found != magic {
            return Err(self.error_at(
                0,
                format!("not {what} (it starts {found:02x?}, not {:?})", String::from_utf8_lossy(&magic)),
            ));
        }
        let version = u16::from_le_bytes(self.take(2, "format version")?.try_into().expect("two bytes"));
        if version != FORMAT_VERSION {
            return Err(
                self.error_at(4, format!("format version {version}; this reader reads version {FORMAT_VERSION}"))
            );
        }
        let reserved = u16::from_le_bytes(self.take(2, "header")?.try_into().expect("two bytes"));
        if reserved != 0 {
            return Err(self.error_at(6, format!("reserved header field is {reserved}, not 0")));
        }
        Ok(())
    }

    fn u32(&mut self) -> Result<u32, FormatError> {
        Ok(u32::from_le_bytes(self.take(4, "header")?.try_into().expect("four bytes")))
    }

    fn u64(&mut self, what: &str) -> Result<u64, FormatError> {
        Ok(u64::from_le_bytes(self.take(8, what)?.try_into().expect("eight bytes")))
    }

    fn f32s(&mut self, count: usize, what: &str) -> Result<Vec<f32>, FormatError> {
        let at = self.at;
        let len =
            count.checked_mul(4).ok_or_else(|| self.error_at(at, format!("{count} {what} cannot fit in memory")))?;
        let bytes = self.take(len, what)?;
        let values: Vec<f32> =
            bytes.chunks_exact(4).map(|b| f32::from_le_bytes(b.try_into().expect("four bytes"))).collect();
        if let Some(i) = values.iter().position(|v| !v.is_finite()) {
            // Named rather than formatted: float formatting would add kilobytes to the explorer.
            let value = if values[i].is_nan() { "NaN" } else { "an infinity" };
            return Err(self.error_at(at + 4 * i, format!("node {i}: the {what} hold {value}")));
        }
        Ok(values)
    }

    /// An unsigned LEB128 number of at most 32 bits.
    fn varint(&mut self) -> Result<u32, FormatError> {
        let at = self.at;
        let mut value = 0u64;
        for shift in (0..35).step_by(7) {
            let byte = *self
                .bytes
                .get(self.at)
                .ok_or_else(|| self.error_at(self.at, "truncated in the middle of a number".into()))?;
            self.at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return u32::try_from(value).map_err(|_| self.error_at(at, format!("{value} does not fit in 32 bits")));
            }
        }
        Err(self.error_at(at, "a number longer than five bytes".into()))
    }
}

fn put_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// FNV-1a, 64 bits: the layout's checksum and the label chunks' names. Not cryptographic; it
/// only has to notice damage and tell builds apart.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use eventlens_format::index::EdgeKind;

    fn node(id: &str, kind: NodeKind, in_collection: bool, label: &str) -> GraphNode {
        GraphNode {
            id: id.into(),
            kind,
            lang: "zh".into(),
            slug: id.rsplit('/').next().unwrap().into(),
            label: label.into(),
            in_collection,
        }
    }

    fn edge(source: &str, target: &str) -> GraphEdge {
        GraphEdge { source: source.into(), target: target.into(), kind: EdgeKind::Mentions }
    }

    /// A star of events around one entity, a chain among the events, one related event outside
    /// the collection, and some labels that are not ASCII.
    fn sample(events: usize) -> (Vec<GraphNode>, Vec<GraphEdge>) {
        let mut nodes = vec![node("zh/entity/hub", NodeKind::Entity, true, "中心实体")];
        let mut edges = Vec::new();
        for i in 0..events {
            let id = format!("zh/n/e{i}");
            nodes.push(node(&id, NodeKind::Event, true, &format!("事件 {i}")));
            edges.push(edge(&id, "zh/entity/hub"));
            if i > 0 {
                edges.push(edge(&id, &format!("zh/n/e{}", i - 1)));
            }
        }
        nodes.push(node("zh/n/away", NodeKind::Event, false, "away"));
        edges.push(edge("zh/n/e0", "zh/n/away"));
        (nodes, edges)
    }

    fn decode_all(files: &[(String, Vec<u8>)]) -> (ExploreLayout, Vec<LabelChunk>) {
        let layout = decode_layout(&files[0].1).unwrap();
        let chunks = (0..layout.label_hashes.len())
            .map(|k| {
                let (name, bytes) = &files[k + 1];
                assert_eq!(name, &layout.label_file(k));
                let range = layout.chunk_nodes(k);
                decode_labels(bytes, name, range.start, range.len(), layout.label_hashes[k]).unwrap()
            })
            .collect();
        (layout, chunks)
    }

    #[test]
    fn files_round_trip_every_node_edge_and_label() {
        let (nodes, edges) = sample(2100);
        let files = explore_files(&nodes, &edges).unwrap();
        assert_eq!(files[0].0, LAYOUT_FILE);
        assert_eq!(files.len(), 1 + nodes.len().div_ceil(LABELS_PER_CHUNK));
        let (built, built_chunks) = build(&nodes, &edges).unwrap();
        let (layout, chunks) = decode_all(&files);
        assert_eq!((&layout, &chunks), (&built, &built_chunks));
        assert_eq!(layout.len(), nodes.len());
        assert_eq!(layout.edges.len(), edges.len());
        // Every node comes back once, under its route, with its label and kind.
        let mut seen: HashMap<String, (String, ExploreKind)> = HashMap::new();
        for chunk in &chunks {
            for (i, (id, label)) in chunk.ids.iter().zip(&chunk.labels).enumerate() {
                seen.insert(id.clone(), (label.clone(), layout.kinds[chunk.first as usize + i]));
            }
        }
        for n in &nodes {
            assert_eq!(seen[&n.id], (n.label.clone(), ExploreKind::of(n)), "{}", n.id);
        }
        // And every edge joins the same two routes it joined in the index.
        let route = |i: u32| &chunks[i as usize / LABELS_PER_CHUNK].ids[i as usize % LABELS_PER_CHUNK];
        let mut want: Vec<(String, String)> = edges
            .iter()
            .map(|e| (e.source.clone().min(e.target.clone()), e.source.clone().max(e.target.clone())))
            .collect();
        let mut got: Vec<(String, String)> = layout
            .edges
            .iter()
            .map(|&(a, b)| (route(a).clone().min(route(b).clone()), route(a).clone().max(route(b).clone())))
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn the_layout_is_deterministic_and_spread_out() {
        let (nodes, edges) = sample(400);
        let (a, b) = (explore_files(&nodes, &edges).unwrap(), explore_files(&nodes, &edges).unwrap());
        assert_eq!(a, b);
        let layout = decode_layout(&a[0].1).unwrap();
        let width = layout.x.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v))
            - layout.x.iter().fold(f32::INFINITY, |m, &v| m.min(v));
        assert!(width > 100.0, "{width}");
    }

    #[test]
    fn loops_and_repeated_edges_are_kept_once_and_unknown_nodes_refused() {
        let (nodes, mut edges) = sample(3);
        let before = build(&nodes, &edges).unwrap().0.edges.len();
        edges.push(edge("zh/n/e1", "zh/n/e1"));
        edges.push(edge("zh/entity/hub", "zh/n/e2"));
        assert_eq!(build(&nodes, &edges).unwrap().0.edges.len(), before);
        let mut odd = nodes.clone();
        odd[2].id = "javascript:alert(1)".into();
        let error = build(&odd, &edges).unwrap_err().to_string();
        assert_eq!(error, "$.nodes[2].id: \"javascript:alert(1)\" is not {lang}/n/{slug} or {lang}/entity/{slug}");
        edges.push(edge("zh/n/e1", "zh/n/nowhere"));
        let error = build(&nodes, &edges).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("$.edges[{}]: names node \"zh/n/nowhere\", which is not in $.nodes", edges.len() - 1)
        );
    }

    #[test]
    fn an_update_keeps_what_was_there_and_places_what_is_new() {
        let (nodes, edges) = sample(2100);
        let files = explore_files(&nodes, &edges).unwrap();
        let (before, chunks) =
            read_files(&files[0].1, |name| files.iter().find(|f| f.0 == name).map(|f| f.1.clone())).unwrap();
        // Nothing changed: the very same files.
        let (same, same_chunks) = update(&before, &chunks, &nodes, &edges).unwrap();
        assert_eq!((&same, &same_chunks), (&before, &chunks));

        // One new event naming the hub and event 7, and a new entity only it names; one
        // event renamed.
        let (mut more_nodes, mut more_edges) = (nodes.clone(), edges.clone());
        more_nodes.push(node("zh/n/new", NodeKind::Event, true, "新事件"));
        more_nodes.push(node("zh/entity/fresh", NodeKind::Entity, true, "新实体"));
        more_edges.extend([
            edge("zh/n/new", "zh/entity/hub"),
            edge("zh/n/new", "zh/n/e7"),
            edge("zh/n/new", "zh/entity/fresh"),
        ]);
        let renamed = more_nodes.iter().position(|n| n.id == "zh/n/e5").unwrap();
        more_nodes[renamed].label = "改名".into();
        let (after, after_chunks) = update(&before, &chunks, &more_nodes, &more_edges).unwrap();
        assert_eq!(after.len(), before.len() + 2);
        assert_eq!((&after.x[..before.len()], &after.y[..before.len()]), (&before.x[..], &before.y[..]));
        let new = before.len();
        let near = |a: usize, b: usize| (after.x[a] - after.x[b]).hypot(after.y[a] - after.y[b]);
        let e7 =
            (0..before.len()).find(|&i| chunks[i / LABELS_PER_CHUNK].ids[i % LABELS_PER_CHUNK] == "zh/n/e7").unwrap();
        let hub = (0..before.len())
            .find(|&i| chunks[i / LABELS_PER_CHUNK].ids[i % LABELS_PER_CHUNK] == "zh/entity/hub")
            .unwrap();
        assert!(near(new, e7) < near(e7, hub) + 20.0, "the new event sits between its neighbours");
        assert!(near(new + 1, new) < 20.0, "the new entity sits by the event that names it");
        assert_eq!(after.edges.len(), before.edges.len() + 3);
        // Only the chunk with the renamed event and the last one, which gained the new nodes,
        // changed.
        let changed: Vec<usize> = (0..after.label_hashes.len())
            .filter(|&k| before.label_hashes.get(k) != Some(&after.label_hashes[k]))
            .collect();
        let renamed_chunk = after_chunks.iter().position(|c| c.labels.iter().any(|l| l == "改名")).unwrap();
        let mut expected = vec![renamed_chunk, after.label_hashes.len() - 1];
        expected.dedup();
        assert_eq!(changed, expected);

        // An event gone: its node and edges go, the rest stay where they were.
        let gone = nodes.iter().position(|n| n.id == "zh/n/e3").unwrap();
        let fewer_nodes: Vec<GraphNode> =
            nodes.iter().enumerate().filter(|&(i, _)| i != gone).map(|(_, n)| n.clone()).collect();
        let fewer_edges: Vec<GraphEdge> =
            edges.iter().filter(|e| e.source != "zh/n/e3" && e.target != "zh/n/e3").cloned().collect();
        let (fewer, _) = update(&before, &chunks, &fewer_nodes, &fewer_edges).unwrap();
        assert_eq!((fewer.len(), fewer.edges.len()), (before.len() - 1, before.edges.len() - 3));
        let kept: Vec<f32> = (0..before.len())
            .filter(|&i| chunks[i / LABELS_PER_CHUNK].ids[i % LABELS_PER_CHUNK] != "zh/n/e3")
            .map(|i| before.x[i])
            .collect();
        assert_eq!(fewer.x, kept);
    }

    #[test]
    fn an_empty_graph_has_a_layout_and_no_chunks() {
        let files = explore_files(&[], &[]).unwrap();
        assert_eq!(files.len(), 1);
        assert!(decode_layout(&files[0].1).unwrap().is_empty());
    }

    #[test]
    fn every_truncation_of_the_layout_is_refused_with_a_message() {
        let (nodes, edges) = sample(40);
        let bytes = explore_files(&nodes, &edges).unwrap().remove(0).1;
        for len in 0..bytes.len() {
            let error = decode_layout(&bytes[..len]).unwrap_err();
            assert!(error.to_string().starts_with("layout.bin, byte "), "{error}");
        }
        assert_eq!(
            decode_layout(&bytes[..10]).unwrap_err().problem,
            "truncated: 10 bytes, fewer than a header and a checksum"
        );
    }

    #[test]
    fn a_damaged_or_foreign_layout_is_refused() {
        let (nodes, edges) = sample(40);
        let bytes = explore_files(&nodes, &edges).unwrap().remove(0).1;
        for at in [0, 4, 9, 30, bytes.len() / 2, bytes.len() - 9, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x10;
            assert!(decode_layout(&damaged).is_err(), "a flipped bit at {at} was accepted");
        }
        assert_eq!(
            decode_layout(b"{\"nodes\": []}\n and more").unwrap_err().problem,
            "not an explore layout (it starts [7b, 22, 6e, 6f], not \"ELXL\")"
        );
        let mut newer = bytes.clone();
        newer[4] = 2;
        assert_eq!(decode_layout(&newer).unwrap_err().problem, "format version 2; this reader reads version 1");
    }

    /// A layout with a valid checksum but content the checksum cannot vouch for: what a buggy
    /// writer could produce. The reader still checks every field.
    #[test]
    fn a_well_sealed_but_wrong_layout_is_refused() {
        let reseal = |mut bytes: Vec<u8>| {
            let at = bytes.len() - 8;
            let sum = fnv1a(&bytes[..at]);
            bytes[at..].copy_from_slice(&sum.to_le_bytes());
            bytes
        };
        let layout = ExploreLayout {
            x: vec![0.0, 1.0, 2.0],
            y: vec![0.0, 1.0, f32::NAN],
            kinds: vec![ExploreKind::Event; 3],
            edges: vec![(0, 1), (1, 2)],
            labels_per_chunk: 2,
            label_hashes: vec![1, 2],
        };
        assert_eq!(
            decode_layout(&layout.encode()).unwrap_err().to_string(),
            "layout.bin, byte 44: node 2: the y positions hold NaN"
        );
        let layout = ExploreLayout { y: vec![0.0; 3], ..layout };
        let bytes = layout.encode();
        assert_eq!(decode_layout(&bytes).unwrap(), layout);
        let kinds_at = LAYOUT_HEADER + 24;
        let mut bad_kind = bytes.clone();
        bad_kind[kinds_at + 1] = 9;
        assert_eq!(decode_layout(&reseal(bad_kind)).unwrap_err().problem, "node 1: unknown kind 9");
        let mut bad_edge = bytes.clone();
        // Node 0's one edge (degree 1, delta 1) made to point at node 0 + 7.
        bad_edge[kinds_at + 4] = 7;
        assert_eq!(
            decode_layout(&reseal(bad_edge)).unwrap_err().problem,
            "node 0: an edge to node 7 of 3, or listed twice"
        );
    }

    #[test]
    fn label_chunks_are_checked_against_the_layout() {
        let (nodes, edges) = sample(10);
        let files = explore_files(&nodes, &edges).unwrap();
        let layout = decode_layout(&files[0].1).unwrap();
        let (name, bytes) = &files[1];
        let hash = layout.label_hashes[0];
        let count = layout.len();
        assert!(decode_labels(bytes, name, 0, count, hash).is_ok());
        assert!(decode_labels(bytes, name, 0, count, hash ^ 1).unwrap_err().problem.contains("from another build"));
        for len in 0..bytes.len() {
            let cut = &bytes[..len];
            assert!(decode_labels(cut, name, 0, count, fnv1a(cut)).is_err(), "{len} bytes accepted");
        }
        // A chunk whose strings are not UTF-8 or whose ends run past its text.
        let chunk = LabelChunk { first: 0, ids: vec!["zh/n/a".into()], labels: vec!["é".into()] };
        let mut broken = chunk.encode();
        let last = broken.len() - 1;
        broken[last] = 0xff;
        assert_eq!(
            decode_labels(&broken, "x.bin", 0, 1, fnv1a(&broken)).unwrap_err().to_string(),
            "x.bin, byte 34: string 1 is not UTF-8"
        );
        let mut overrun = chunk.encode();
        overrun[LABELS_HEADER] = 40;
        assert!(decode_labels(&overrun, "x.bin", 0, 1, fnv1a(&overrun))
            .unwrap_err()
            .problem
            .starts_with("string 0 ends at 40"));
        assert!(decode_labels(&chunk.encode(), "x.bin", 5, 1, fnv1a(&chunk.encode()))
            .unwrap_err()
            .problem
            .contains("expects 5..6"));
    }

    #[test]
    fn routes_are_event_or_entity_paths_in_a_language() {
        for ok in ["zh/n/a-b-1", "en/entity/openai"] {
            assert!(is_route(ok), "{ok}");
        }
        for bad in [
            "",
            "zh/n/",
            "zh/n/a/b",
            "//evil/n/x",
            "zhx/n/a",
            "zh/x/a",
            "ZH/n/a",
            "zh/n/A",
            "zh/n/a--b",
            "javascript:x",
        ] {
            assert!(!is_route(bad), "{bad}");
        }
    }

    #[test]
    fn varints_round_trip_and_refuse_overlong_numbers() {
        let mut out = Vec::new();
        for v in [0, 1, 127, 128, 300, u32::MAX] {
            put_varint(&mut out, v);
        }
        let mut r = Reader { bytes: &out, at: 0, file: "t" };
        for v in [0, 1, 127, 128, 300, u32::MAX] {
            assert_eq!(r.varint().unwrap(), v);
        }
        let mut r = Reader { bytes: &[0xff, 0xff, 0xff, 0xff, 0x7f], at: 0, file: "t" };
        assert_eq!(r.varint().unwrap_err().problem, "34359738367 does not fit in 32 bits");
        let mut r = Reader { bytes: &[0x80; 6], at: 0, file: "t" };
        assert_eq!(r.varint().unwrap_err().problem, "a number longer than five bytes");
    }

    #[test]
    fn the_drag_simulation_rests_until_a_node_moves() {
        let (x, y) = (vec![0.0, 30.0, 60.0, 200.0], vec![0.0, 0.0, 0.0, 0.0]);
        let mut sim = reheat_simulation(&x, &y, vec![(0, 1), (1, 2)], vec![0.0, 0.05, 0.3, 1.0]);
        sim.set_alpha(0.3);
        sim.tick_n(20);
        for (i, (&x0, (&x1, &y1))) in x.iter().zip(sim.x().iter().zip(sim.y())).enumerate() {
            assert!((x1 - x0).abs() < 1e-9 && y1.abs() < 1e-9, "node {i} drifted at rest");
        }
        sim.set_fixed(0, Some(0.0), Some(80.0));
        sim.set_alpha_target(0.3);
        sim.tick_n(60);
        let moved = |i: usize| (sim.x()[i] - x[i]).hypot(sim.y()[i] - y[i]);
        assert!(moved(1) > 10.0 && moved(2) > 1.0 && moved(1) > moved(2), "{} {}", moved(1), moved(2));
        assert_eq!(moved(3), 0.0, "a node with no spring to the dragged one moved");
    }
}
