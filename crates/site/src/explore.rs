//! The explorer's files: the whole collection's graph laid out natively at build time
//! (`eventlens_graph::explore`), as a compact layout file and label chunks under `/data/graph/`.
//!
//! Laying out 150,000 nodes takes most of a minute, so it is done only when the graph changed,
//! and then, when the previous build's files are there, by updating that layout (new nodes are
//! placed among their neighbours, the rest stay put) rather than from scratch. A fresh layout
//! is made on a first build or when asked (`relayout`).
//!
//! Not here: the file format and the layout (`eventlens_graph::explore`), or the explorer
//! itself (`crates/explore`).

use std::fs;
use std::hash::{Hash, Hasher};

use crate::{FastMap, Fingerprinter};
use std::path::Path;

use eventlens_format::index::{collection_graph, EdgeKind, NodeKind};
use eventlens_format::model::EventBundle;
use eventlens_graph::explore::{explore_files, read_files, update, LAYOUT_FILE};

/// Where the explorer reads its files, under the site's base.
pub const DIR: &str = "/data/graph/";

/// One of the explorer's files: its site path, its fingerprint, and its bytes when it must be
/// written (none when the graph has not changed since the last build).
pub type ExploreFile = (String, u64, Option<Vec<u8>>);

/// The explorer's files for `bundles`.
/// `previous` is the last build's record of `/data/graph/` paths and fingerprints.
pub fn outputs(
    bundles: &[EventBundle],
    out: &Path,
    previous: &FastMap<String, u64>,
    relayout: bool,
) -> Result<Vec<ExploreFile>, Vec<String>> {
    let (nodes, edges) = collection_graph(bundles);
    let mut h = Fingerprinter::new();
    for n in &nodes {
        (&n.id, n.kind == NodeKind::Entity, &n.label, n.in_collection).hash(&mut h);
    }
    for e in &edges {
        (&e.source, &e.target, e.kind == EdgeKind::Related).hash(&mut h);
    }
    let graph_print = h.finish();
    let layout_path = format!("{DIR}{LAYOUT_FILE}");
    let mut before: Vec<(&String, &u64)> = previous.iter().filter(|(p, _)| p.starts_with(DIR)).collect();
    before.sort_unstable();
    // The graph has not changed since the last build: its files stand as they are.
    if !relayout && previous.get(&layout_path) == Some(&graph_print) {
        return Ok(before.into_iter().map(|(p, f)| (p.clone(), *f, None)).collect());
    }
    let files = match (relayout, fs::read(out.join(layout_path.trim_start_matches('/')))) {
        (false, Ok(layout)) if !before.is_empty() => {
            let read = |name: &str| fs::read(out.join(DIR.trim_start_matches('/')).join(name)).ok();
            match read_files(&layout, read) {
                Ok((old, labels)) => {
                    let (layout, chunks) =
                        update(&old, &labels, &nodes, &edges).map_err(|e| vec![format!("explore: {e}")])?;
                    let mut files = vec![(LAYOUT_FILE.to_string(), layout.encode())];
                    for (k, chunk) in chunks.iter().enumerate() {
                        files.push((layout.label_file(k), chunk.encode()));
                    }
                    files
                }
                // Unreadable previous files: lay out afresh.
                Err(_) => explore_files(&nodes, &edges).map_err(|e| vec![format!("explore: {e}")])?,
            }
        }
        _ => explore_files(&nodes, &edges).map_err(|e| vec![format!("explore: {e}")])?,
    };
    Ok(files
        .into_iter()
        .map(|(name, bytes)| {
            let path = format!("{DIR}{name}");
            // The layout file carries the graph's fingerprint, so the next build can tell the
            // graph has not changed without laying it out; label files are named by content.
            let fingerprint = if name == LAYOUT_FILE {
                graph_print
            } else {
                let mut h = Fingerprinter::new();
                bytes.hash(&mut h);
                h.finish()
            };
            (path, fingerprint, Some(bytes))
        })
        .collect())
}
