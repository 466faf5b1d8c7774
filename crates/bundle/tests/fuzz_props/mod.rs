//! The properties the fuzz targets assert, in one place. The fuzz targets (`fuzz/fuzz_targets/`)
//! include this file by path, and `tests/fuzz_regressions.rs` replays saved inputs through it
//! under plain `cargo test`. Each function takes the raw bytes libFuzzer hands over and panics
//! when a property fails.
#![allow(dead_code)]

use eventlens_bundle::import::import_markdown;
use eventlens_format::inline::{self, is_http_url, Inline, LinkTarget};
use eventlens_format::limits::MAX_INLINE_NESTING;
use eventlens_format::model::{is_known_lang, is_url_safe_slug, to_pretty_json, EventBundle};
use eventlens_format::validate::{parse_bundle, validate};

/// A bundle that parses is valid, and writing it out and reading it back gives the same bundle
/// and the same bytes.
pub fn bundle_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(bundle) = parse_bundle(text) {
        assert_round_trips(&bundle);
    }
}

/// Import errors name a line of the input (or are about the whole bundle), come sorted, and an imported bundle is valid and
/// survives the trip through JSON that the app makes.
pub fn markdown_import(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let last = text.lines().count().max(1);
    match import_markdown(text) {
        Ok(bundle) => assert_round_trips(&bundle),
        Err(errors) => {
            assert!(!errors.is_empty(), "import failed without saying why");
            for e in &errors {
                match e.line {
                    Some(line) => assert!((1..=last).contains(&line), "error at line {line} of {last}: {e}"),
                    None => {
                        assert!(e.message.starts_with("$: "), "an error of no line is not about the whole bundle: {e}")
                    }
                }
            }
            assert!(errors.windows(2).all(|w| w[0].line <= w[1].line), "errors not sorted by line: {errors:?}");
        }
    }
}

/// Inline parsing never yields a link target the allow-list should have refused, whether the
/// href comes from markdown or straight from data; and its tree is bounded whatever the input.
pub fn inline_model(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let nodes = inline_tree_is_bounded(text);
    for target in inline::links(&nodes) {
        assert_allowed(target);
    }
    let _ = inline::plain_text(&nodes);
    // The whole input, each line and each trimmed line as a bare href, as bundle fields are.
    for href in std::iter::once(text).chain(text.lines()).chain(text.lines().map(str::trim)) {
        let target = inline::classify_href(href);
        assert_allowed(&target);
        assert_eq!(matches!(target, LinkTarget::External(_)), is_http_url(href), "{href:?} -> {target:?}");
        if let LinkTarget::External(u) = &target {
            assert_eq!(u, href, "classify_href changed the URL");
        }
    }
}

/// The size of an inline tree, measured without recursion so that a tree deeper than it should
/// be fails an assertion rather than the stack.
#[derive(Debug, Default, PartialEq, Eq)]
struct TreeShape {
    nodes: usize,
    /// Markup elements: every node but text.
    elements: usize,
    links: usize,
    /// Elements inside elements, at the deepest.
    nesting: usize,
}

fn tree_shape(nodes: &[Inline]) -> TreeShape {
    let mut shape = TreeShape::default();
    let mut stack = vec![(nodes, 0)];
    while let Some((level, depth)) = stack.pop() {
        for node in level {
            shape.nodes += 1;
            if !matches!(node, Inline::Text(_)) {
                shape.elements += 1;
            }
            match node {
                Inline::Strong(c)
                | Inline::Emphasis(c)
                | Inline::Strikethrough(c)
                | Inline::Link { children: c, .. } => {
                    shape.links += usize::from(matches!(node, Inline::Link { .. }));
                    shape.nesting = shape.nesting.max(depth + 1);
                    stack.push((c, depth + 1));
                }
                Inline::Text(_) | Inline::Code(_) | Inline::Break => {}
            }
        }
    }
    shape
}

/// The linear bound: at most one node per byte of source, markup nested no deeper than the
/// limit, and counts that agree with the tree (or exceed it only where markup was too deep to
/// keep). Stopping early at an element budget stops there. Returns the tree.
fn inline_tree_is_bounded(text: &str) -> Vec<Inline> {
    let (nodes, markup) = inline::parse_counted(text);
    let shape = tree_shape(&nodes);
    assert!(shape.nodes <= text.len(), "{} nodes from {} bytes", shape.nodes, text.len());
    assert!(shape.nesting <= MAX_INLINE_NESTING, "markup nested {} deep in the tree", shape.nesting);
    if markup.nesting <= MAX_INLINE_NESTING {
        let counted =
            TreeShape { nodes: shape.nodes, elements: markup.elements, links: markup.links, nesting: markup.nesting };
        assert_eq!(shape, counted, "the counts disagree with the tree");
    } else {
        assert_eq!(shape.nesting, MAX_INLINE_NESTING, "too-deep markup is cut at the limit, not above or below");
        assert!(shape.elements < markup.elements && shape.links <= markup.links, "{shape:?} vs {markup:?}");
    }
    let budget = markup.elements / 2;
    let (_, cut) = inline::parse_within(text, budget);
    assert!(cut.elements <= budget + 2, "parse_within({budget}) read on to {} elements", cut.elements);
    assert!(markup.elements <= budget || cut.elements > budget, "parse_within({budget}) stopped early: {cut:?}");
    nodes
}

fn assert_round_trips(bundle: &EventBundle) {
    let problems = validate(bundle);
    assert!(problems.is_empty(), "accepted bundle has problems: {problems:?}");
    let json = to_pretty_json(bundle);
    let again = parse_bundle(&json).unwrap_or_else(|p| panic!("re-serialised bundle rejected: {p:?}\n{json}"));
    assert_eq!(&again, bundle, "bundle changed on a trip through JSON");
    assert_eq!(to_pretty_json(&again), json, "serialisation is not stable");
}

fn assert_allowed(target: &LinkTarget) {
    let checked: Vec<&str> = match target {
        LinkTarget::Refused(_) => return,
        LinkTarget::External(u) => {
            assert!(is_http_url(u), "External({u:?}) is not an http(s) URL");
            assert!(!u.chars().any(|c| c.is_control() || c.is_whitespace()), "External({u:?}) has control or space");
            let lower = u.to_ascii_lowercase();
            assert!(lower.starts_with("http://") || lower.starts_with("https://"), "External({u:?}) scheme");
            vec![u]
        }
        LinkTarget::Entity { lang, slug } | LinkTarget::Event { lang, slug } => {
            assert!(is_url_safe_slug(slug), "{target:?}: slug is not URL-safe");
            assert!(is_known_lang(lang), "{target:?}: unknown language");
            vec![lang, slug]
        }
    };
    for s in checked {
        // Browsers drop tabs and newlines anywhere in a URL and trim controls and spaces, so
        // look at what is left after removing all of them, which is stricter than trimming.
        let squeezed: String = s.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect();
        let squeezed = squeezed.to_ascii_lowercase();
        for scheme in ["javascript:", "data:", "vbscript:"] {
            assert!(!squeezed.starts_with(scheme), "{target:?} leads to a {scheme} URL");
        }
    }
}
