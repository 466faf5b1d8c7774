//! Nothing under public/ is typed by hand: the committed collection and schema must equal what
//! `make data` and `make schema` generate now. When one of these fails, run those targets.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use eventlens_bundle::import::import_markdown;
use eventlens_format::index::{build_index, EdgeKind, EventSummary, NodeKind};
use eventlens_format::oembed::{oembed_for, origin_of};
use eventlens_format::model::{bundle_json_schema, to_pretty_json, EventBundle};

fn root() -> PathBuf {
    common::repo_root()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn seed_bundles() -> Vec<EventBundle> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(common::seed_dir())
        .expect("the seed folder ../shared/seed")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seed exports found");
    paths.iter().map(|p| import_markdown(&read(p)).unwrap_or_else(|e| panic!("{}: {e:?}", p.display()))).collect()
}

fn files_under(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.insert(path);
        }
    }
    out
}

#[test]
fn committed_collection_equals_a_fresh_generation() {
    let data = root().join("public/data");
    let bundles = seed_bundles();
    let mut expected = BTreeSet::new();
    for b in &bundles {
        let path = data.join(&b.lang).join("n").join(format!("{}.json", b.slug));
        assert_eq!(read(&path), to_pretty_json(b), "{} is stale: run `make data`", path.display());
        expected.insert(path);
    }
    let index_path = data.join("index.json");
    assert_eq!(read(&index_path), to_pretty_json(&build_index(&bundles)), "index.json is stale: run `make data`");
    expected.insert(index_path);
    assert_eq!(files_under(&data), expected, "public/data holds files no seed generates");

    let oembed = root().join("public/oembed");
    let mut expected = BTreeSet::new();
    for b in &bundles {
        let path = oembed.join(&b.lang).join("n").join(format!("{}.json", b.slug));
        let origin = origin_of(&b.canonical_url).expect("seed canonical URLs are http(s)");
        assert_eq!(read(&path), to_pretty_json(&oembed_for(&EventSummary::of(b), &origin)), "{} is stale: run `make data`", path.display());
        expected.insert(path);
    }
    assert_eq!(files_under(&oembed), expected, "public/oembed holds files no seed generates");
}

#[test]
fn committed_schema_equals_a_fresh_generation() {
    let path = root().join("public/schema/event.v1.json");
    assert_eq!(read(&path), bundle_json_schema(), "the schema is stale: run `make schema`");
}

#[test]
fn seed_index_holds_the_graph_around_the_event() {
    let index = build_index(&seed_bundles());
    assert_eq!(index.events.len(), 1);
    let event = &index.events[0];
    assert_eq!((event.counts.takes, event.counts.lenses, event.counts.regions), (17, 6, 8));

    let (nodes, edges) = index.neighbourhood("zh/n/anthropic-alibaba-claude-distillation");
    let related: Vec<&str> = nodes.iter().filter(|n| n.kind == NodeKind::Event && !n.in_collection).map(|n| n.slug.as_str()).collect();
    assert_eq!(related, ["anthropic-series-h-ipo-2026", "anthropic-compute-10gw-2026", "openai-jalapeno-broadcom-chip-2026", "chip-controls"]);
    let entities: Vec<&str> = nodes.iter().filter(|n| n.kind == NodeKind::Entity).map(|n| n.id.as_str()).collect();
    assert_eq!(entities, ["zh/entity/anthropic", "zh/entity/alibaba-qwen", "zh/entity/openai"]);
    assert_eq!(edges.iter().filter(|e| e.kind == EdgeKind::Related).count(), 4);
    assert_eq!(edges.iter().filter(|e| e.kind == EdgeKind::Mentions).count(), 3);

    let anthropic = index.entity("zh", "anthropic").unwrap();
    assert_eq!(anthropic.events, ["anthropic-alibaba-claude-distillation"]);
}
