//! Nothing under public/ is typed by hand: the committed collection and schema must equal what
//! `make data` and `make schema` generate now. When one of these fails, run those targets.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use eventlens_bundle::import::import_markdown;
use eventlens_format::index::{build_index, EdgeKind, NodeKind};
use eventlens_format::model::{bundle_json_schema, doc_json_schema, to_pretty_json, EventBundle};

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
    // Only bundles: every derived document is made by `bundle site`, never committed.
    assert_eq!(files_under(&data), expected, "public/data holds files no seed generates");
}

#[test]
fn committed_schema_equals_a_fresh_generation() {
    let path = root().join("public/schema/event.v1.json");
    assert_eq!(read(&path), bundle_json_schema(), "the schema is stale: run `make schema`");
    let path = root().join("public/schema/event-doc.v1.json");
    assert_eq!(read(&path), doc_json_schema(), "the event document's schema is stale: run `make schema`");
}

#[test]
fn seed_index_holds_the_graph_around_the_event() {
    let index = build_index(&seed_bundles());
    assert_eq!(index.events.len(), 1);
    let event = &index.events[0];
    assert_eq!((event.counts.takes, event.counts.lenses, event.counts.regions), (17, 6, 8));

    let (nodes, edges) = index.neighbourhood("zh/n/anthropic-alibaba-claude-distillation");
    let related: Vec<&str> =
        nodes.iter().filter(|n| n.kind == NodeKind::Event && !n.in_collection).map(|n| n.slug.as_str()).collect();
    assert_eq!(
        related,
        [
            "anthropic-series-h-ipo-2026",
            "anthropic-compute-10gw-2026",
            "openai-jalapeno-broadcom-chip-2026",
            "chip-controls"
        ]
    );
    let entities: Vec<&str> = nodes.iter().filter(|n| n.kind == NodeKind::Entity).map(|n| n.id.as_str()).collect();
    assert_eq!(entities, ["zh/entity/anthropic", "zh/entity/alibaba-qwen", "zh/entity/openai"]);
    assert_eq!(edges.iter().filter(|e| e.kind == EdgeKind::Related).count(), 4);
    assert_eq!(edges.iter().filter(|e| e.kind == EdgeKind::Mentions).count(), 3);

    let anthropic = index.entity("zh", "anthropic").unwrap();
    assert_eq!(anthropic.events, ["anthropic-alibaba-claude-distillation"]);
}

/// The route rules in boot.js, embed.js and nginx.conf are generated from the format crate;
/// a stale copy means a browser or the server disagrees with the app about what a slug is.
#[test]
fn generated_rule_blocks_are_fresh() {
    for (file, block) in eventlens_bundle::rules::targets() {
        let text = read(&root().join(file));
        let fresh = eventlens_bundle::rules::splice(&text, &block).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            fresh == text,
            "{file}: the generated block is stale; run `cargo run -p eventlens-bundle --bin bundle -- rules`"
        );
    }
}

/// The patterns accept and refuse exactly what the Rust rules do, on the inputs where copies
/// have disagreed before (`a--b`, `-a`, codes that look like languages but are not).
#[test]
fn rule_patterns_agree_with_the_rust_rules() {
    use eventlens_bundle::rules::{lang_pattern, SLUG_PATTERN};
    use eventlens_format::model::{is_known_lang, is_url_safe_slug};
    let slug = regex::Regex::new(&format!("^{SLUG_PATTERN}$")).unwrap();
    let lang = regex::Regex::new(&format!("^{}$", lang_pattern())).unwrap();
    let tricky = [
        "",
        "a",
        "a-b",
        "a--b",
        "-a",
        "a-",
        "-",
        "A",
        "aB",
        "a_b",
        "a b",
        "a/b",
        "../x",
        "阿里",
        "é",
        "0",
        "0-9",
        "chip-controls-2026",
        "a\n",
        "\na",
        "zh",
        "en",
        "xx",
        "qq",
        "ZH",
        "zho",
        "z",
        "iw",
        "in",
        "jw",
        "mo",
    ];
    for input in tricky {
        assert_eq!(slug.is_match(input), is_url_safe_slug(input), "slug {input:?}");
        assert_eq!(lang.is_match(input), is_known_lang(input), "lang {input:?}");
    }
    // Every two-letter lowercase string, so no code is missing or extra.
    for a in b'a'..=b'z' {
        for b in b'a'..=b'z' {
            let code = String::from_utf8(vec![a, b]).unwrap();
            assert_eq!(lang.is_match(&code), is_known_lang(&code), "lang {code:?}");
        }
    }
}
