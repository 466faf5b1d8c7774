//! Inline markdown as a small tree the app can turn into views, and the allow-list every URL
//! from data passes through.
//!
//! Parsing is pulldown-cmark's; this module only decides what each piece may become. It never
//! produces HTML: raw HTML in the source comes out as visible text, and a link whose target is
//! not http(s) or a route of the app comes out as its text alone.
//!
//! The tree is bounded whatever the source: it has at most one node per byte of source (each
//! node needs at least one byte of its own), and markup nests at most
//! [`MAX_INLINE_NESTING`] deep, deeper markup keeping its text but not its element. So the
//! app's recursive rendering, and dropping the tree, stay shallow. pulldown-cmark parses in time
//! linear in the source on every hostile shape tried (`benches/inline_parse.rs`) once block
//! quotes and lists are kept from nesting deep (the `blocks` module), so parsing costs time linear in the
//! source too. [`parse_counted`] also says how much markup the source
//! holds, for the validator to refuse what is over the limits.
//!
//! Not here: the views themselves (see `app::markdown`), or block structure. A summary is read
//! as inline text; paragraph breaks inside it become [`Inline::Break`].

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::limits::{MAX_BLOCK_NESTING, MAX_INLINE_NESTING};
use crate::model::{is_known_lang, is_url_safe_slug};

mod blocks;

/// One piece of inline text. Serialised externally tagged and in snake case, so a document
/// reads `{"text": "…"}`, `{"strong": [...]}`, `"break"` or `{"link": {"target": …, "children": [...]}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Inline {
    Text(String),
    Code(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Link { target: LinkTarget, children: Vec<Inline> },
    Break,
}

/// Where a link from data may lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LinkTarget {
    /// `/{lang}/entity/{slug}`, routed inside the app.
    Entity { lang: String, slug: String },
    /// `/{lang}/n/{slug}`, routed inside the app.
    Event { lang: String, slug: String },
    /// An absolute http or https URL, opened outside the app.
    External(String),
    /// Anything else. The text is kept; the target is not used.
    Refused(String),
}

/// How much markup a source holds, counted on the source, so over-deep markup that the tree
/// leaves out still counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Markup {
    /// Links and images.
    pub links: usize,
    /// Links, images, emphasis, strong, strikethrough, code spans and breaks: each an element
    /// on the page.
    pub elements: usize,
    /// How deep emphasis, strong, strikethrough and links nest at the deepest; 0 for plain text.
    pub nesting: usize,
    /// The most block-quote and list markers (`>`, `-`, `1.`) opening one line. Those past
    /// [`MAX_BLOCK_NESTING`] are read as text.
    pub block_markers: usize,
}

/// The markup of a tree already parsed (an event document's), counted as [`parse_counted`] counts
/// it on the source: links, elements and nesting. Block markers are gone once parsed.
pub fn shape(nodes: &[Inline]) -> Markup {
    let mut markup = Markup::default();
    // (nodes, depth of the element holding them): a stack, so a hostile tree cannot exhaust the
    // call stack; serde_json has already bounded its depth at 128 anyway.
    let mut stack: Vec<(&[Inline], usize)> = vec![(nodes, 0)];
    while let Some((nodes, depth)) = stack.pop() {
        markup.nesting = markup.nesting.max(depth);
        for node in nodes {
            match node {
                Inline::Text(_) => {}
                Inline::Code(_) | Inline::Break => markup.elements += 1,
                Inline::Strong(c) | Inline::Emphasis(c) | Inline::Strikethrough(c) => {
                    markup.elements += 1;
                    stack.push((c, depth + 1));
                }
                Inline::Link { children, .. } => {
                    markup.elements += 1;
                    markup.links += 1;
                    stack.push((children, depth + 1));
                }
            }
        }
    }
    markup
}

/// Parses `source` as inline markdown.
pub fn parse(source: &str) -> Vec<Inline> {
    parse_counted(source).0
}

/// Parses `source` as inline markdown, and counts its markup.
pub fn parse_counted(source: &str) -> (Vec<Inline>, Markup) {
    parse_within(source, usize::MAX)
}

/// Like [`parse_counted`], but stops reading once the source has shown more than `max_elements`
/// markup elements: then the tree holds what came before and the counts say at least that much.
/// For the validator, which refuses such a text and so need not pay for the rest of it.
pub fn parse_within(source: &str, max_elements: usize) -> (Vec<Inline>, Markup) {
    // One entry per kept markup element being built, above the root. Blocks (paragraphs, lists,
    // quotes) get none: their content goes straight to the element around them, so that no node
    // is ever moved from frame to frame, however deep the blocks nest.
    let mut stack: Vec<(Frame, Vec<Inline>)> = vec![(Frame::Root, Vec::new())];
    let mut markup = Markup::default();
    // Markup elements open now, including those too deep to keep.
    let mut open = 0;
    let mut pending_break = false;
    let (source, block_markers) = blocks::bound(source, MAX_BLOCK_NESTING);
    markup.block_markers = block_markers;
    for event in Parser::new_ext(&source, Options::ENABLE_STRIKETHROUGH) {
        if markup.elements > max_elements {
            break;
        }
        // A block that ended leaves a break, put in only once more content comes, so that words
        // of two blocks never run together whatever the second block is, and nothing ends or
        // starts with one.
        let mut content = |stack: &mut Vec<(Frame, Vec<Inline>)>, markup: &mut Markup| {
            if std::mem::take(&mut pending_break) && stack.iter().any(|(_, nodes)| !nodes.is_empty()) {
                markup.elements += 1;
                nodes(stack).push(Inline::Break);
            }
        };
        match event {
            Event::Start(tag) => {
                let frame = match tag {
                    Tag::Strong => Frame::Strong,
                    Tag::Emphasis => Frame::Emphasis,
                    Tag::Strikethrough => Frame::Strikethrough,
                    Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                        markup.links += 1;
                        Frame::Link(classify_href(&dest_url))
                    }
                    _ => continue,
                };
                content(&mut stack, &mut markup);
                open += 1;
                markup.elements += 1;
                markup.nesting = markup.nesting.max(open);
                // Deeper markup keeps its text, which goes to the deepest element kept.
                if open <= MAX_INLINE_NESTING {
                    stack.push((frame, Vec::new()));
                }
            }
            Event::End(end) => {
                if is_block_of_text(end) {
                    pending_break = true;
                }
                if !is_markup(end) {
                    continue;
                }
                open -= 1;
                if open >= MAX_INLINE_NESTING || stack.len() == 1 {
                    continue;
                }
                let (frame, children) = stack.pop().expect("a frame above the root");
                let node = match frame {
                    Frame::Strong => Inline::Strong(children),
                    Frame::Emphasis => Inline::Emphasis(children),
                    Frame::Strikethrough => Inline::Strikethrough(children),
                    Frame::Link(target) => Inline::Link { target, children },
                    Frame::Root => unreachable!("the root frame is never popped here"),
                };
                nodes(&mut stack).push(node);
            }
            Event::Rule => pending_break = true,
            Event::TaskListMarker(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
            Event::Code(code) => {
                content(&mut stack, &mut markup);
                markup.elements += 1;
                nodes(&mut stack).push(Inline::Code(code.into_string()));
            }
            Event::HardBreak => {
                content(&mut stack, &mut markup);
                markup.elements += 1;
                nodes(&mut stack).push(Inline::Break);
            }
            // Raw HTML is shown as the characters it is made of, never interpreted.
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) | Event::FootnoteReference(text) => {
                content(&mut stack, &mut markup);
                push_text(nodes(&mut stack), &text);
            }
            Event::SoftBreak => {
                content(&mut stack, &mut markup);
                push_text(nodes(&mut stack), "\n");
            }
        }
    }
    // Unbalanced elements cannot happen with pulldown-cmark, but nothing is dropped if they do.
    while stack.len() > 1 {
        let (_, children) = stack.pop().expect("checked length");
        nodes(&mut stack).extend(children);
    }
    (stack.pop().map(|(_, nodes)| nodes).unwrap_or_default(), markup)
}

/// Whether `end` closes a block whose text must not run into the next block's.
fn is_block_of_text(end: TagEnd) -> bool {
    matches!(end, TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock | TagEnd::HtmlBlock)
}

/// Whether `end` closes one of the markup elements [`parse_counted`] builds or counts.
fn is_markup(end: TagEnd) -> bool {
    matches!(end, TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image)
}

/// The children being gathered by the innermost element kept.
fn nodes(stack: &mut [(Frame, Vec<Inline>)]) -> &mut Vec<Inline> {
    &mut stack.last_mut().expect("the root frame stays").1
}

enum Frame {
    Root,
    Strong,
    Emphasis,
    Strikethrough,
    Link(LinkTarget),
}

fn push_text(nodes: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(last)) = nodes.last_mut() {
        last.push_str(text);
    } else {
        nodes.push(Inline::Text(text.to_string()));
    }
}

/// Decides where a URL from data may lead. Only absolute http(s) URLs and the app's own event
/// and entity routes pass; control characters, whitespace or backslashes anywhere refuse it,
/// because browsers strip or rewrite those in ways that can turn a harmless-looking string
/// into a `javascript:` URL.
pub fn classify_href(href: &str) -> LinkTarget {
    if href.is_empty() || href.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return LinkTarget::Refused(href.to_string());
    }
    if let Some(path) = href.strip_prefix('/') {
        if path.starts_with('/') {
            return LinkTarget::Refused(href.to_string());
        }
        let parts: Vec<&str> = path.split('/').collect();
        if let [lang, kind, slug] = parts[..] {
            if is_known_lang(lang) && is_url_safe_slug(slug) {
                let (lang, slug) = (lang.to_string(), slug.to_string());
                match kind {
                    "entity" => return LinkTarget::Entity { lang, slug },
                    "n" => return LinkTarget::Event { lang, slug },
                    _ => {}
                }
            }
        }
        return LinkTarget::Refused(href.to_string());
    }
    if is_http_url(href) {
        LinkTarget::External(href.to_string())
    } else {
        LinkTarget::Refused(href.to_string())
    }
}

/// An absolute http or https URL with a host, and nothing a browser would reinterpret. A user
/// name or password in the URL (`https://trusted.example@evil.example/`) is refused: its only
/// use in a news link is to make one host read as another. So are invisible characters.
pub fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // `[v6::addr]:port` or `host:port`; whatever follows the host must be `:digits`.
    let (host, after) = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((addr, after)) => (addr, after),
            None => return false,
        },
        None => authority.split_at(authority.find(':').unwrap_or(authority.len())),
    };
    let port_ok = after.is_empty()
        || after.strip_prefix(':').is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    !host.is_empty()
        && port_ok
        && !authority.contains('@')
        && !url.chars().any(|c| {
            c.is_control()
                || c.is_whitespace()
                || matches!(c, '\\' | '<' | '>' | '"' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
        })
}

/// The host of an http(s) URL without `www.`, for showing where a source link goes.
pub fn display_domain(url: &str) -> Option<&str> {
    if !is_http_url(url) {
        return None;
    }
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(host.strip_prefix("www.").filter(|h| !h.is_empty()).unwrap_or(host))
}

/// Every link in `nodes`, depth first, for validation.
pub fn links(nodes: &[Inline]) -> Vec<&LinkTarget> {
    let mut out = Vec::new();
    fn walk<'a>(nodes: &'a [Inline], out: &mut Vec<&'a LinkTarget>) {
        for node in nodes {
            match node {
                Inline::Link { target, children } => {
                    out.push(target);
                    walk(children, out);
                }
                Inline::Strong(c) | Inline::Emphasis(c) | Inline::Strikethrough(c) => walk(c, out),
                Inline::Text(_) | Inline::Code(_) | Inline::Break => {}
            }
        }
    }
    walk(nodes, &mut out);
    out
}

/// The visible text of `nodes`, for meta descriptions and accessible names.
pub fn plain_text(nodes: &[Inline]) -> String {
    let mut out = String::new();
    fn walk(nodes: &[Inline], out: &mut String) {
        for node in nodes {
            match node {
                Inline::Text(t) | Inline::Code(t) => out.push_str(t),
                Inline::Break => out.push(' '),
                Inline::Link { children: c, .. }
                | Inline::Strong(c)
                | Inline::Emphasis(c)
                | Inline::Strikethrough(c) => walk(c, out),
            }
        }
    }
    walk(nodes, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn entity_links_route_inside_the_app() {
        let nodes = parse("[Anthropic](/zh/entity/anthropic)于6月24日披露");
        assert_eq!(
            nodes,
            vec![
                Inline::Link {
                    target: LinkTarget::Entity { lang: "zh".into(), slug: "anthropic".into() },
                    children: vec![text("Anthropic")]
                },
                text("于6月24日披露"),
            ]
        );
    }

    #[test]
    fn raw_html_stays_text() {
        let nodes = parse("a <script>alert(1)</script> <img src=x onerror=alert(1)> b");
        assert_eq!(plain_text(&nodes), "a <script>alert(1)</script> <img src=x onerror=alert(1)> b");
        assert!(links(&nodes).is_empty());
    }

    #[test]
    fn dangerous_targets_are_refused_but_their_text_is_kept() {
        for href in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "vbscript:msgbox",
            "//evil.example/x",
            "/zh/elsewhere/x",
            "/zh/entity/../../x",
            "java\tscript:alert(1)",
            "https://ok.example/\u{0}x",
            "http:/\\evil",
            "https://",
            "http://@",
            "https://user:pass@/x",
            "https://trusted.example@evil.example/",
            "http://:80",
            "http://host:port/",
            "https://a.example/\u{200B}",
        ] {
            assert!(matches!(classify_href(href), LinkTarget::Refused(_)), "{href:?} passed");
        }
        let nodes = parse("[click](javascript:alert(1)) and <javascript:alert(2)>");
        assert!(links(&nodes).iter().all(|t| matches!(t, LinkTarget::Refused(_))));
        assert_eq!(plain_text(&nodes), "click and javascript:alert(2)");
    }

    #[test]
    fn external_links_keep_their_url() {
        assert_eq!(
            classify_href("HTTPS://Example.com/a?b#c"),
            LinkTarget::External("HTTPS://Example.com/a?b#c".into())
        );
        assert_eq!(display_domain("https://www.cnbc.com/2026/x.html"), Some("cnbc.com"));
        assert_eq!(display_domain("javascript:alert(1)"), None);
        assert!(
            is_http_url("http://127.0.0.1:8080/x")
                && is_http_url("https://[::1]:443/")
                && is_http_url("https://example.com?q")
        );
    }

    #[test]
    fn deep_markup_needs_little_stack() {
        // Before the nesting limit, 40,000 levels overflowed a 1 MiB stack (wasm's default) in
        // plain_text and in dropping the tree; a stack overflow aborts this whole test binary.
        let deep = std::thread::Builder::new().stack_size(512 * 1024).spawn(|| {
            let source = format!("{}b{}", "*a **a ".repeat(100_000), " a** a*".repeat(100_000));
            let nodes = parse(&source);
            assert_eq!(plain_text(&nodes).len(), 800_001);
            assert!(links(&nodes).is_empty());
            depth(&nodes)
        });
        assert_eq!(deep.unwrap().join().unwrap(), MAX_INLINE_NESTING + 1);
    }

    #[test]
    fn text_of_two_blocks_never_runs_together() {
        for (source, expected) in [
            ("a\n\n> b", vec![text("a"), Inline::Break, text("b")]),
            ("a\n\n- b\n- c", vec![text("a"), Inline::Break, text("b"), Inline::Break, text("c")]),
            ("a\n\n```\ncode\n```\nc", vec![text("a"), Inline::Break, text("code\n"), Inline::Break, text("c")]),
            ("a\n\n<div>\n\nb", vec![text("a"), Inline::Break, text("<div>\n"), Inline::Break, text("b")]),
            ("---\n\nx\n\n---", vec![text("x")]),
        ] {
            assert_eq!(parse(source), expected, "{source:?}");
        }
    }

    #[test]
    fn paragraphs_become_breaks_not_lost_text() {
        let nodes = parse("one **two**\n\nthree");
        assert_eq!(nodes, vec![text("one "), Inline::Strong(vec![text("two")]), Inline::Break, text("three")]);
    }

    /// Depth of the tree: 1 for a flat list of nodes, 0 for none.
    fn depth(nodes: &[Inline]) -> usize {
        let child = |n: &Inline| match n {
            Inline::Strong(c) | Inline::Emphasis(c) | Inline::Strikethrough(c) | Inline::Link { children: c, .. } => {
                depth(c)
            }
            Inline::Text(_) | Inline::Code(_) | Inline::Break => 0,
        };
        nodes.iter().map(|n| 1 + child(n)).max().unwrap_or(0)
    }

    #[test]
    fn markup_is_counted() {
        let (nodes, markup) = parse_counted("[a](/zh/entity/x) **b *c*** `d`\n\ne ![f](https://x.example/f.png)");
        assert_eq!(markup, Markup { links: 2, elements: 6, nesting: 2, block_markers: 0 });
        assert_eq!(depth(&nodes), 3);
        assert_eq!(parse_counted("plain text").1, Markup::default());
    }

    #[test]
    fn markup_too_deep_keeps_its_text_but_not_its_elements() {
        // Emphasis in strong, n times over: 2n deep in the source.
        let n = 50_000;
        let source = format!("{}b{}", "*a **a ".repeat(n), " a** a*".repeat(n));
        let (nodes, markup) = parse_counted(&source);
        assert_eq!(markup.nesting, 2 * n);
        assert_eq!(depth(&nodes), MAX_INLINE_NESTING + 1, "a tree as deep as the source");
        let text = plain_text(&nodes);
        assert_eq!(text.len(), source.len() - 6 * n, "text was lost: {}", &text[..100]);
        assert!(text.starts_with("a a a a ") && text.contains("b"));

        // A link around emphasis nested one less deep: exactly at the limit, all of it kept.
        let at_limit =
            format!("[{}x{}](/zh/n/y)", "*a ".repeat(MAX_INLINE_NESTING - 1), "*".repeat(MAX_INLINE_NESTING - 1));
        let (nodes, markup) = parse_counted(&at_limit);
        assert_eq!((markup.nesting, depth(&nodes)), (MAX_INLINE_NESTING, MAX_INLINE_NESTING + 1));
        assert_eq!(links(&nodes).len(), 1);
    }
}
