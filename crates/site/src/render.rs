//! Prerendering: a route of the app rendered to a whole HTML page, natively, by the app's own
//! components (Leptos's SSR, `RenderHtml::to_html`), so a built site's pages read before any
//! JavaScript arrives and there is still one renderer.
//!
//! A page is rendered from the documents the app would fetch for it, handed over as
//! [`Preloaded`] so the routes draw at once, with a `RequestUrl` for the router and a
//! `ServerMetaContext` that collects what the page puts in `<head>`. The result goes into the
//! app shell trunk built (`index.html`): the body inside `<div id="boot" data-prerendered>`, the
//! head elements marked `data-prerendered` too, so the app removes them when it takes over (see
//! the app's `prerender` module) and adds its own.
//!
//! Not here: which pages a site has or what documents they read (see `build`).

use std::sync::Once;

use eventlens::routes::load::Preloaded;
use eventlens::site_url::SiteUrl;
use eventlens::App;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

/// The app shell trunk built, split where a page goes in.
pub struct Shell {
    /// From `<!DOCTYPE html>` up to, not including, `<html`'s closing `>` with its `lang`
    /// attribute removed (the page sets its own).
    html_open: String,
    /// From `>` of `<html` to `</head>`, with the shell's `<title>` removed.
    head: String,
    /// From `</head>` to the start of the body's content.
    body_open: String,
    /// From the end of the body's content on.
    tail: String,
}

impl Shell {
    /// Splits trunk's `index.html`. Its body holds the loading placeholder (`<div id="boot"…>`)
    /// and a `<noscript>`, both replaced by the page.
    pub fn parse(index_html: &str) -> Result<Shell, String> {
        let find = |what: &str, from: usize| {
            index_html[from..].find(what).map(|i| i + from).ok_or_else(|| format!("index.html: no {what}"))
        };
        let html_at = find("<html", 0)?;
        let html_end = find(">", html_at)?;
        let head_end = find("</head>", html_end)?;
        let body_at = find("<body", head_end)?;
        let body_content = find(">", body_at)? + 1;
        let body_end = find("</body>", body_content)?;
        let html_tag = &index_html[html_at..html_end];
        let html_tag = remove_attribute(html_tag, "lang");
        let mut head = without_preloads(&index_html[html_end..head_end]);
        if let (Some(start), Some(end)) = (head.find("<title>"), head.find("</title>")) {
            head.replace_range(start..end + "</title>".len(), "");
        }
        Ok(Shell {
            html_open: format!("{}{html_tag}", &index_html[..html_at]),
            head,
            body_open: index_html[head_end..body_content].to_string(),
            tail: format!("\n{}", &index_html[body_end..]),
        })
    }
}

/// The shell's head without trunk's preloads of the app's JS and wasm. A prerendered page is read
/// from its HTML and CSS alone, so nothing may compete with the stylesheet for the first paint;
/// boot.js asks for the app once it runs.
fn without_preloads(head: &str) -> String {
    let mut out = String::with_capacity(head.len());
    let mut rest = head;
    while let Some(at) = rest.find("<link ") {
        let end = rest[at..].find('>').map_or(rest.len(), |i| at + i + 1);
        let tag = &rest[at..end];
        out.push_str(&rest[..at]);
        if !tag.contains("rel=\"modulepreload\"") && !tag.contains("rel=\"preload\"") {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    // trunk leaves blank lines where its directives were.
    out.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("{l}\n")).collect()
}

fn remove_attribute(tag: &str, name: &str) -> String {
    let needle = format!(" {name}=\"");
    match tag.find(&needle) {
        Some(start) => {
            let value = start + needle.len();
            let end = tag[value..].find('"').map_or(tag.len(), |i| value + i + 1);
            format!("{}{}", &tag[..start], &tag[end..])
        }
        None => tag.to_string(),
    }
}

/// How a rendered page meets the reader's browser.
pub enum Kind<'a> {
    /// The app's page: the app starts beside it and takes over when it has drawn the same.
    Takeover,
    /// A page of its own with its own module (the explorer): the app's boot script is replaced
    /// by `script` (a path under the base), and the page stays as rendered.
    Standalone { script: &'a str },
}

/// Renders `route` (a path of the app, without the base) to a whole page; `extra_head` is
/// markup for `<head>` the app does not draw (share and feed tags, structured data), already
/// escaped.
pub fn render_page(
    shell: &Shell,
    site: &SiteUrl,
    route: &str,
    preloaded: Preloaded,
    extra_head: &str,
    kind: Kind,
) -> Result<String, String> {
    static EXECUTOR: Once = Once::new();
    // leptos_meta hands the collected head over through an async stream; a small executor runs it.
    EXECUTOR.call_once(|| {
        let _ = any_spawner::Executor::init_futures_executor();
    });
    let owner = Owner::new();
    let (body, head, html_attrs) = owner.with(|| {
        provide_context(RequestUrl::new(&site.path(route)));
        provide_context(site.clone());
        provide_context(preloaded);
        let (meta, meta_output) = ServerMetaContext::new();
        provide_context(meta);
        let body = view! { <App/> }.to_html();
        // The collected head and <html> attributes, injected into an empty page and read back.
        // leptos_meta writes its elements after the HEAD marker, then `<title>` and the title's
        // text as it is, unescaped, then the rest: the marker after it says where the title
        // ends, whatever the text holds (see `split_title`).
        let empty = format!("<html><head><!--HEAD-->{TITLE_END}</head><body></body></html>");
        let injected = futures::executor::block_on(async move {
            use futures::StreamExt;
            let stream = meta_output.inject_meta_context(futures::stream::iter([empty])).await;
            stream.collect::<Vec<String>>().await.concat()
        });
        let html_attrs = injected["<html".len()..injected.find('>').unwrap_or(5)].to_string();
        let head = between(&injected, "<head><!--HEAD-->", &format!("{TITLE_END}</head>")).to_string();
        (body, head, html_attrs)
    });
    owner.unset();
    let body = strip_markers(&body);
    check_no_script(route, &body)?;
    let (title, head) = split_title(&head);
    check_no_script(route, &head)?;
    let mut page = String::with_capacity(shell.html_open.len() + shell.head.len() + head.len() + body.len() + 256);
    page.push_str(&shell.html_open);
    page.push_str(&html_attrs);
    match kind {
        Kind::Takeover => page.push_str(&shell.head),
        Kind::Standalone { script } => {
            page.push_str(&replace_boot_script(&shell.head, &format!("{}{script}", site.base)))
        }
    }
    // The page's title stays when the app takes over (its <Title> updates this element); every
    // other element the page added goes with the prerendered body.
    if let Some(title) = title {
        page.push_str(&format!("<title>{}</title>", eventlens_format::oembed::escape_html(&title)));
    }
    page.push_str(&mark_prerendered(&head));
    page.push_str(&mark_prerendered(extra_head));
    page.push_str(&shell.body_open);
    match kind {
        Kind::Takeover => {
            page.push_str("<div id=\"boot\" data-prerendered>");
            page.push_str(&body);
            page.push_str("</div>");
        }
        Kind::Standalone { .. } => page.push_str(&body),
    }
    page.push_str(&shell.tail);
    Ok(page)
}

/// The shell's head with the app's boot tag (trunk's `pattern_script`, the one `data-wasm`
/// script) replaced by a plain module script of `src`.
fn replace_boot_script(head: &str, src: &str) -> String {
    let Some(start) = head.find("<script type=\"module\"").filter(|&i| head[i..].contains("data-wasm")) else {
        return head.to_string();
    };
    let end = head[start..].find("</script>").map_or(head.len(), |i| start + i + "</script>".len());
    let tag = format!("<script type=\"module\" src=\"{}\"></script>", eventlens_format::oembed::escape_html(src));
    format!("{}{tag}{}", &head[..start], &head[end..])
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).map_or(0, |i| i + start.len());
    let to = text[from..].find(end).map_or(text.len(), |i| i + from);
    &text[from..to]
}

/// Put after the head leptos_meta injects, to find where its title ends.
const TITLE_END: &str = "<!--eventlens:title-end-->";

/// The title's text, as the app gave it (leptos_meta 0.8 does not escape it: the caller must),
/// and the head's elements before it. The elements come first and escape `<` in every value, so
/// the first `<title>` opens the title; the title runs to the end, whatever its text holds,
/// even `</title>`.
fn split_title(head: &str) -> (Option<String>, String) {
    match (head.find("<title>"), head.strip_suffix("</title>")) {
        (Some(start), Some(with_title)) => {
            (Some(with_title[start + "<title>".len()..].to_string()), head[..start].to_string())
        }
        _ => (None, head.to_string()),
    }
}

/// Adds `data-prerendered` to every element the head part opens.
fn mark_prerendered(head: &str) -> String {
    let mut out = String::with_capacity(head.len() + 64);
    let mut rest = head;
    while let Some(i) = rest.find('<') {
        let (before, after) = rest.split_at(i);
        out.push_str(before);
        let name_end = after[1..].find(|c: char| !c.is_ascii_alphanumeric()).map_or(after.len(), |j| j + 1);
        out.push_str(&after[..name_end]);
        if name_end > 1 && !after.starts_with("</") {
            out.push_str(" data-prerendered");
        }
        rest = &after[name_end..];
    }
    out.push_str(rest);
    out
}

/// Leptos's position markers (`<!>` and empty comments): the saved page is never hydrated, only
/// replaced, so they would be bytes to send and parse and nothing else.
fn strip_markers(body: &str) -> String {
    body.replace("<!---->", "").replace("<!>", "")
}

/// The renderer escapes every text and attribute, and the app never makes a script; a page with
/// one means something is badly wrong, and the build must stop rather than publish it.
///
/// Only markup is looked at, never text: a reader's text may well say `<a href="javascript:…">`
/// (in a text node the renderer escapes `<` but leaves quotes as they are), and an attribute
/// such as a title may hold any words. What is refused: a script element, a `srcdoc`, an event
/// handler attribute, and a URL attribute whose value leads to a script scheme once a browser
/// has dropped the whitespace and control characters it ignores in URLs.
fn check_no_script(route: &str, body: &str) -> Result<(), String> {
    const URL_ATTRIBUTES: [&str; 7] = ["href", "src", "action", "formaction", "poster", "cite", "xlink:href"];
    const SCRIPT_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];
    let refuse = |what: String| Err(format!("{route}: the rendered page contains {what}; refusing to publish it"));
    for tag in tags(body) {
        if tag.name.eq_ignore_ascii_case("script") {
            return refuse("a script element".into());
        }
        for (name, value) in &tag.attributes {
            let name = name.to_ascii_lowercase();
            if name == "srcdoc" || name.starts_with("on") {
                return refuse(format!("a {name} attribute"));
            }
            if URL_ATTRIBUTES.contains(&name.as_str()) {
                let url: String =
                    value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect::<String>();
                let url = url.to_ascii_lowercase();
                if let Some(scheme) = SCRIPT_SCHEMES.iter().find(|s| url.starts_with(*s)) {
                    return refuse(format!("{name}=\"{scheme}…\""));
                }
            }
        }
    }
    Ok(())
}

/// A start tag: its name and its attributes, values as written (still escaped).
struct Tag<'a> {
    name: &'a str,
    attributes: Vec<(&'a str, &'a str)>,
}

/// Each start tag of `html`. Text between tags is skipped (there `<` is always escaped), as are
/// end tags and comments; a `>` inside a quoted value does not end a tag.
fn tags(html: &str) -> impl Iterator<Item = Tag<'_>> {
    let mut rest = html;
    std::iter::from_fn(move || loop {
        let open = rest.find('<')?;
        rest = &rest[open + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        if rest.starts_with('/') || rest.starts_with('!') {
            continue;
        }
        let name_len = rest.find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/').unwrap_or(rest.len());
        let name = &rest[..name_len];
        rest = &rest[name_len..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                rest = rest.get(1..).unwrap_or("");
                break;
            }
            let key_len = rest.find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>').unwrap_or(rest.len());
            let key = &rest[..key_len];
            rest = &rest[key_len..];
            let mut value = "";
            if let Some(after) = rest.strip_prefix('=') {
                let (v, r) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let body = &after[1..];
                        let end = body.find(q).unwrap_or(body.len());
                        (&body[..end], body.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = after.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                value = v;
                rest = r;
            }
            attributes.push((key, value));
        }
        return Some(Tag { name, attributes });
    })
}

#[cfg(test)]
mod tests {
    use super::{check_no_script, split_title};

    #[test]
    fn a_title_is_text_whatever_it_holds() {
        let head = r#"<meta name="description" content="a &lt;title&gt; b"><title>x</title><script>alert(1)</script>&lt;</title>"#;
        let (title, rest) = split_title(head);
        assert_eq!(title.as_deref(), Some("x</title><script>alert(1)</script>&lt;"));
        assert_eq!(rest, r#"<meta name="description" content="a &lt;title&gt; b">"#);
        assert_eq!(split_title("<meta name=\"a\">"), (None, "<meta name=\"a\">".to_string()));
    }

    #[test]
    fn text_may_say_anything_markup_may_not_run() {
        let text = r#"<p>a&lt;a href="javascript:alert(1)" srcdoc="x"&gt; &lt;script&gt;</p><a href="/zh">ok</a>"#;
        // Not a URL: a type or a title may say what it likes.
        let text = format!(
            r#"{text}<span title="javascript:alert(1) <script> srcdoc=x" data-type="data:x">t</span><!-- <script> -->"#
        );
        let text = text.as_str();
        assert_eq!(check_no_script("/t", text), Ok(()));
        for markup in [
            r#"<p>x</p><script>alert(1)</script>"#,
            r#"<form action="vbscript:x"></form>"#,
            r#"<iframe srcdoc="&lt;b&gt;"></iframe>"#,
            r#"<a href="JavaScript:alert(1)">x</a>"#,
            r#"<a title="a > b" href="javascript:alert(1)">x</a>"#,
            r#"<img src="data:image/svg+xml,x">"#,
            r#"<a href=" java	script:alert(1)">x</a>"#,
            r#"<img src=x onerror="alert(1)">"#,
        ] {
            assert!(check_no_script("/t", markup).is_err(), "{markup}");
        }
    }
}
