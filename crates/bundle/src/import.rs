//! Turns a markdown export of an event page (the format of `shared/seed/*.md`) into a bundle.
//!
//! The export is line-oriented, so this is a small line-by-line reader rather than a markdown
//! parse: every line either lands in a field or is an error that names its number and what was
//! expected there. Nothing is skipped. The result then goes through [`eventlens_format::validate`], and
//! any problem found there is reported at the line the offending field came from.
//!
//! Not here: the meaning of inline markdown inside fields (see [`eventlens_format::inline`]).

use std::fmt;

use eventlens_format::inline::{self, LinkTarget};
use eventlens_format::model::{slugify, to_pretty_json, Entity, EventBundle, Lens, RelatedEvent, Take, SCHEMA_VERSION};
use eventlens_format::validate::{check_bundle_bytes, validate, Problem};

/// What went wrong, and on which line (1-based) of the export; no line for a problem of the
/// whole bundle, such as its size, whose message names the field instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

impl ImportError {
    fn at(line: usize, message: impl Into<String>) -> Self {
        Self { line: Some(line), message: message.into() }
    }
}

impl std::error::Error for ImportError {}

fn expected(line: usize, what: &str, found: &str) -> ImportError {
    ImportError::at(line, format!("expected {what}, found {found:?}"))
}

/// Section headings, in the languages exports come in.
const SUMMARY: &[&str] = &["摘要", "Summary"];
const WHY: &[&str] = &["为何重要", "Why it matters"];
const WATCH: &[&str] = &["关注点", "What to watch"];
const TAKES_PREFIX: &str = "Regional takes";
const GRAPH: &str = "Across the graph";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    Preamble,
    Summary,
    Why,
    Watch,
    Takes,
    Graph,
    Footer,
}

/// Imports one export. Errors come back sorted by line, all of them, not just the first.
pub fn import_markdown(source: &str) -> Result<EventBundle, Vec<ImportError>> {
    let mut reader = Reader::default();
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    for (i, raw) in source.lines().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Err(e) = reader.line(i + 1, line) {
            reader.errors.push(e);
        }
    }
    let last_line = source.lines().count().max(1);
    reader.finish(last_line)
}

#[derive(Default)]
struct Reader {
    section: Option<Section>,
    seen: Vec<Section>,
    title: Option<String>,
    dek: Vec<String>,
    meta: Option<Meta>,
    summary: Paragraphs,
    why: Paragraphs,
    watch: Vec<String>,
    lenses: Vec<Lens>,
    open_take_line: usize,
    related: Vec<RelatedEvent>,
    entity_names: Vec<String>,
    canonical: Option<(usize, String)>,
    /// Which line each JSON path came from, so validation problems can be located too.
    origins: Vec<(String, usize)>,
    errors: Vec<ImportError>,
}

struct Meta {
    line: usize,
    kind: String,
    date: String,
    heads: Vec<String>,
    takes: Option<usize>,
    lenses: Option<usize>,
    regions: Option<usize>,
}

#[derive(Default)]
struct Paragraphs {
    text: String,
    pending_blank: bool,
    first_line: usize,
}

impl Paragraphs {
    fn push(&mut self, n: usize, line: &str) {
        if self.text.is_empty() {
            self.first_line = n;
        } else {
            self.text.push_str(if self.pending_blank { "\n\n" } else { "\n" });
        }
        self.pending_blank = false;
        self.text.push_str(line.trim());
    }
}

impl Reader {
    fn line(&mut self, n: usize, line: &str) -> Result<(), ImportError> {
        let trimmed = line.trim();
        if let Some(heading) = line.strip_prefix("## ") {
            return self.heading(n, heading.trim());
        }
        if trimmed == "---" {
            self.close_take()?;
            self.section = Some(Section::Footer);
            return Ok(());
        }
        match self.section {
            None => self.preamble(n, line),
            Some(Section::Preamble) => self.preamble(n, line),
            Some(Section::Summary) => {
                paragraph(&mut self.summary, n, line);
                Ok(())
            }
            Some(Section::Why) => {
                paragraph(&mut self.why, n, line);
                Ok(())
            }
            Some(Section::Watch) => self.watch_line(n, trimmed),
            Some(Section::Takes) => self.takes_line(n, line),
            Some(Section::Graph) => self.graph_line(n, trimmed),
            Some(Section::Footer) => self.footer_line(n, trimmed),
        }
    }

    fn heading(&mut self, n: usize, heading: &str) -> Result<(), ImportError> {
        self.close_take()?;
        if self.title.is_none() {
            return Err(expected(n, "the title line `# Title` first", &format!("## {heading}")));
        }
        let section = if SUMMARY.contains(&heading) {
            Section::Summary
        } else if WHY.contains(&heading) {
            Section::Why
        } else if WATCH.contains(&heading) {
            Section::Watch
        } else if heading.starts_with(TAKES_PREFIX) {
            Section::Takes
        } else if heading == GRAPH {
            Section::Graph
        } else {
            return Err(expected(
                n,
                "a section heading: 摘要/Summary, 为何重要/Why it matters, 关注点/What to watch, Regional takes, or Across the graph",
                &format!("## {heading}"),
            ));
        };
        if self.seen.contains(&section) {
            return Err(ImportError::at(n, format!("section {heading:?} appears a second time")));
        }
        self.seen.push(section);
        self.section = Some(section);
        match section {
            Section::Summary => self.origin("$.summary", n),
            Section::Why => self.origin("$.why_it_matters", n),
            Section::Watch => self.origin("$.watch", n),
            Section::Takes => self.origin("$.lenses", n),
            _ => {}
        }
        Ok(())
    }

    fn preamble(&mut self, n: usize, line: &str) -> Result<(), ImportError> {
        self.section = Some(Section::Preamble);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Ok(());
        }
        if self.title.is_none() {
            let Some(title) = line.strip_prefix("# ") else {
                return Err(expected(n, "the title line `# Title`", line));
            };
            self.title = Some(title.trim().to_string());
            self.origin("$.title", n);
            return Ok(());
        }
        if self.meta.is_none() {
            if let Some(dek) = trimmed.strip_prefix('>') {
                self.origin("$.dek", n);
                self.dek.push(dek.trim().to_string());
                return Ok(());
            }
            if let Some(meta) = trimmed.strip_prefix("**Meta:**") {
                self.meta = Some(parse_meta(n, meta)?);
                for path in ["$.type", "$.date", "$.heads"] {
                    self.origin(path, n);
                }
                return Ok(());
            }
            return Err(expected(n, "a `> dek` line or the `**Meta:** ...` line", line));
        }
        Err(expected(n, "a `## ` section heading after the meta line", line))
    }

    fn watch_line(&mut self, n: usize, trimmed: &str) -> Result<(), ImportError> {
        if trimmed.is_empty() {
            return Ok(());
        }
        let Some(item) = trimmed.strip_prefix("- ") else {
            return Err(expected(n, "a list item `- ...`", trimmed));
        };
        self.origin(&format!("$.watch[{}]", self.watch.len()), n);
        self.watch.push(item.trim().to_string());
        Ok(())
    }

    fn takes_line(&mut self, n: usize, line: &str) -> Result<(), ImportError> {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Ok(());
        }
        if let Some(name) = line.strip_prefix("### ") {
            self.close_take()?;
            self.origin(&format!("$.lenses[{}]", self.lenses.len()), n);
            self.lenses.push(Lens { name: name.trim().to_string(), takes: Vec::new() });
            return Ok(());
        }
        if line.starts_with("- ") {
            self.close_take()?;
            let take = parse_take(n, line)?;
            let Some(lens) = self.lenses.last_mut() else {
                return Err(expected(n, "a `### lens` heading before the first take", line));
            };
            lens.takes.push(take);
            let at = format!(
                "$.lenses[{}].takes[{}]",
                self.lenses.len() - 1,
                self.lenses.last().map_or(0, |l| l.takes.len() - 1)
            );
            self.origin(&at, n);
            self.open_take_line = n;
            return Ok(());
        }
        let indented = line.starts_with(' ') || line.starts_with('\t');
        let take =
            self.lenses.last_mut().and_then(|l| l.takes.last_mut()).filter(|_| indented && self.open_take_line > 0);
        let Some(take) = take else {
            return Err(expected(n, "a `### lens` heading, a take `- **Outlet** (Region, lang) — summary`, or its indented `> \"quote\"` / `Source: URL`", line));
        };
        if let Some(quote) = trimmed.strip_prefix('>') {
            if take.quote.is_some() {
                return Err(ImportError::at(n, "a take has a second quote"));
            }
            take.quote = Some(unquote(quote.trim()).to_string());
            let at = self.last_take_path();
            self.origin(&format!("{at}.quote"), n);
            return Ok(());
        }
        if let Some(url) = trimmed.strip_prefix("Source:") {
            if !take.url.is_empty() {
                return Err(ImportError::at(n, "a take has a second `Source:` line"));
            }
            take.url = url.trim().to_string();
            let at = self.last_take_path();
            self.origin(&format!("{at}.url"), n);
            return Ok(());
        }
        Err(expected(n, "an indented `> \"quote\"` or `Source: URL` under the take", line))
    }

    fn last_take_path(&self) -> String {
        let lens = self.lenses.len() - 1;
        let take = self.lenses[lens].takes.len() - 1;
        format!("$.lenses[{lens}].takes[{take}]")
    }

    /// A take must end with its source; one without is an error at the take's own line.
    fn close_take(&mut self) -> Result<(), ImportError> {
        let open = std::mem::take(&mut self.open_take_line);
        let missing = self.lenses.last().and_then(|l| l.takes.last()).is_some_and(|t| t.url.is_empty());
        if open > 0 && missing {
            return Err(ImportError::at(open, "this take has no `Source: URL` line under it"));
        }
        Ok(())
    }

    fn graph_line(&mut self, n: usize, trimmed: &str) -> Result<(), ImportError> {
        if trimmed.is_empty() {
            return Ok(());
        }
        let item = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        if let Some(list) = item.strip_prefix("Related:") {
            if !self.related.is_empty() {
                return Err(ImportError::at(n, "a second `Related:` line"));
            }
            self.origin("$.related", n);
            for part in split_list(list) {
                let inner = part.strip_prefix("[[").and_then(|p| p.strip_suffix("]]"));
                let Some(inner) = inner else {
                    return Err(expected(n, "related events as `[[slug]]` or `[[slug|Title]]`", part));
                };
                let (slug, title) = match inner.split_once('|') {
                    Some((slug, title)) => (slug.trim(), Some(title.trim().to_string())),
                    None => (inner.trim(), None),
                };
                self.related.push(RelatedEvent { slug: slug.to_string(), title });
            }
            return Ok(());
        }
        if let Some(list) = item.strip_prefix("Entities:") {
            if !self.entity_names.is_empty() {
                return Err(ImportError::at(n, "a second `Entities:` line"));
            }
            self.origin("$.entities", n);
            self.entity_names = split_list(list).map(str::to_string).collect();
            return Ok(());
        }
        Err(expected(n, "`- Related: [[slug]], ...` or `- Entities: Name, ...`", trimmed))
    }

    fn footer_line(&mut self, n: usize, trimmed: &str) -> Result<(), ImportError> {
        if trimmed.is_empty() {
            return Ok(());
        }
        let Some(url) = trimmed.strip_prefix("Canonical:") else {
            return Err(expected(n, "`Canonical: URL`", trimmed));
        };
        if self.canonical.is_some() {
            return Err(ImportError::at(n, "a second `Canonical:` line"));
        }
        self.origin("$.canonical_url", n);
        self.origin("$.slug", n);
        self.origin("$.lang", n);
        self.canonical = Some((n, url.trim().to_string()));
        Ok(())
    }

    fn origin(&mut self, path: &str, line: usize) {
        self.origins.push((path.to_string(), line));
    }

    fn finish(mut self, last_line: usize) -> Result<EventBundle, Vec<ImportError>> {
        if let Err(e) = self.close_take() {
            self.errors.push(e);
        }
        let end = last_line;
        let mut missing =
            |what: &str| self.errors.push(ImportError::at(end, format!("the export ended without {what}")));
        if self.title.is_none() {
            missing("a `# Title` line");
        }
        if self.meta.is_none() {
            missing("a `**Meta:** ...` line");
        }
        if !self.seen.contains(&Section::Summary) {
            missing("a `## 摘要` / `## Summary` section");
        }
        if !self.seen.contains(&Section::Takes) {
            missing("a `## Regional takes` section");
        }
        if self.canonical.is_none() {
            missing("a `Canonical: URL` line");
        }
        let (slug, lang) = match &self.canonical {
            Some((n, url)) => match route_of_canonical(url) {
                Some(route) => route,
                None => {
                    self.errors.push(expected(*n, "a canonical URL ending in /{lang}/n/{slug}", url));
                    (String::new(), String::new())
                }
            },
            None => (String::new(), String::new()),
        };
        if !self.errors.is_empty() {
            self.errors.sort_by_key(|e| e.line);
            return Err(self.errors);
        }
        let meta = self.meta.take().expect("checked above");
        // Point summary and why-it-matters problems at their text rather than their heading.
        for (path, first) in [("$.summary", self.summary.first_line), ("$.why_it_matters", self.why.first_line)] {
            if first > 0 {
                self.origin(path, first);
            }
        }
        let summary = std::mem::take(&mut self.summary.text);
        let entities = entities_from(&self.entity_names, &summary);
        let bundle = EventBundle {
            schema_version: SCHEMA_VERSION,
            slug,
            lang,
            canonical_url: self.canonical.take().map(|(_, u)| u).unwrap_or_default(),
            title: self.title.take().unwrap_or_default(),
            dek: self.dek.join("\n"),
            kind: meta.kind,
            date: meta.date,
            heads: meta.heads,
            summary,
            why_it_matters: std::mem::take(&mut self.why.text),
            watch: std::mem::take(&mut self.watch),
            lenses: std::mem::take(&mut self.lenses),
            related: std::mem::take(&mut self.related),
            entities,
        };

        let counts = bundle.counts();
        for (declared, actual, noun) in [
            (meta.takes, counts.takes, "takes"),
            (meta.lenses, counts.lenses, "lenses"),
            (meta.regions, counts.regions, "regions"),
        ] {
            if let Some(declared) = declared.filter(|d| *d != actual) {
                self.errors.push(ImportError::at(
                    meta.line,
                    format!("the meta line says {declared} {noun} but the export has {actual}"),
                ));
            }
        }
        for p in validate(&bundle) {
            let line = self.line_of(&p);
            self.errors.push(ImportError { line, message: p.to_string() });
        }
        // The size of the file `bundle import` would write, as `bundle check` would read it.
        if let Some(p) = check_bundle_bytes(to_pretty_json(&bundle).len()) {
            self.errors.push(ImportError { line: None, message: p.to_string() });
        }
        if self.errors.is_empty() {
            Ok(bundle)
        } else {
            self.errors.sort_by_key(|e| e.line);
            Err(self.errors)
        }
    }

    /// The line a validation problem's field came from: the longest recorded path that is a
    /// prefix of the problem's path. None for a field of no one line, such as `$`.
    fn line_of(&self, p: &Problem) -> Option<usize> {
        self.origins
            .iter()
            .filter(|(path, _)| {
                p.path.starts_with(path.as_str())
                    && matches!(p.path.as_bytes().get(path.len()), None | Some(b'.' | b'['))
            })
            .max_by_key(|(path, _)| path.len())
            .map(|(_, line)| *line)
    }
}

fn paragraph(p: &mut Paragraphs, n: usize, line: &str) {
    if line.trim().is_empty() {
        p.pending_blank = !p.text.is_empty();
    } else {
        p.push(n, line);
    }
}

fn parse_meta(n: usize, meta: &str) -> Result<Meta, ImportError> {
    let mut out = Meta {
        line: n,
        kind: String::new(),
        date: String::new(),
        heads: Vec::new(),
        takes: None,
        lenses: None,
        regions: None,
    };
    for part in meta.split('·').map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(v) = part.strip_prefix("type:") {
            out.kind = v.trim().to_string();
        } else if let Some(v) = part.strip_prefix("date:") {
            out.date = v.trim().to_string();
        } else if let Some(v) = part.strip_prefix("heads:") {
            out.heads = split_list(v).map(str::to_string).collect();
        } else if let Some((key, _)) = part.split_once(':') {
            return Err(expected(n, "`type: ...`, `date: ...` or `heads: ...` in the meta line", &format!("{key}:")));
        } else if let Some((num, noun)) = part.split_once(' ') {
            let count = num.parse::<usize>().map_err(|_| expected(n, "a count such as `17 takes`", part))?;
            match noun.trim() {
                "takes" | "take" => out.takes = Some(count),
                "lenses" | "lens" => out.lenses = Some(count),
                "regions" | "region" => out.regions = Some(count),
                _ => return Err(expected(n, "`N takes`, `N lenses` or `N regions`", part)),
            }
        } else {
            return Err(expected(n, "`type: ...`, `date: ...`, `heads: ...` or a count in the meta line", part));
        }
    }
    if out.kind.is_empty() {
        return Err(expected(n, "`type: ...` in the meta line", meta.trim()));
    }
    if out.date.is_empty() {
        return Err(expected(n, "`date: YYYY-MM-DD` in the meta line", meta.trim()));
    }
    Ok(out)
}

/// `- **Outlet** (Region, lang) — summary`. The summary may be empty.
fn parse_take(n: usize, line: &str) -> Result<Take, ImportError> {
    let shape = "a take `- **Outlet** (Region, lang) — summary`";
    let rest = line.strip_prefix("- **").ok_or_else(|| expected(n, shape, line))?;
    let (outlet, rest) = rest.split_once("**").ok_or_else(|| expected(n, shape, line))?;
    let rest = rest.strip_prefix(" (").ok_or_else(|| expected(n, shape, line))?;
    let (inside, summary) = rest.split_once(") —").ok_or_else(|| expected(n, shape, line))?;
    let (region, lang) =
        inside.rsplit_once(',').ok_or_else(|| expected(n, "`(Region, lang)` after the outlet", inside))?;
    Ok(Take {
        outlet: outlet.trim().to_string(),
        region: region.trim().to_string(),
        lang: lang.trim().to_string(),
        summary: summary.trim().to_string(),
        quote: None,
        url: String::new(),
    })
}

fn unquote(s: &str) -> &str {
    for (open, close) in [('"', '"'), ('“', '”'), ('「', '」')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return inner;
        }
    }
    s
}

fn split_list(list: &str) -> impl Iterator<Item = &str> {
    list.split([',', '，', '、']).map(str::trim).filter(|p| !p.is_empty())
}

/// `https://host/{lang}/n/{slug}` → `(slug, lang)`.
fn route_of_canonical(url: &str) -> Option<(String, String)> {
    if !inline::is_http_url(url) {
        return None;
    }
    let path = url.split_once("://")?.1.split_once('/')?.1;
    let path = path.split(['?', '#']).next()?.trim_end_matches('/');
    let parts: Vec<&str> = path.split('/').collect();
    match parts[..] {
        [.., lang, "n", slug] => Some((slug.to_string(), lang.to_string())),
        _ => None,
    }
}

/// Entity slugs come from the summary's entity links where one matches the name (by link text,
/// or by the slug the name would get), else from the name itself.
fn entities_from(names: &[String], summary: &str) -> Vec<Entity> {
    let nodes = inline::parse(summary);
    let mut linked: Vec<(String, String)> = Vec::new();
    collect_entity_links(&nodes, &mut linked);
    names
        .iter()
        .map(|name| {
            let by_name = slugify(name);
            let slug = linked
                .iter()
                .find(|(text, _)| text.trim().eq_ignore_ascii_case(name.trim()))
                .or_else(|| linked.iter().find(|(_, slug)| *slug == by_name))
                .map_or(by_name, |(_, slug)| slug.clone());
            Entity { slug, name: name.clone() }
        })
        .collect()
}

fn collect_entity_links(nodes: &[inline::Inline], out: &mut Vec<(String, String)>) {
    for node in nodes {
        match node {
            inline::Inline::Link { target: LinkTarget::Entity { slug, .. }, children } => {
                out.push((inline::plain_text(children), slug.clone()));
            }
            inline::Inline::Link { children: c, .. }
            | inline::Inline::Strong(c)
            | inline::Inline::Emphasis(c)
            | inline::Inline::Strikethrough(c) => collect_entity_links(c, out),
            _ => {}
        }
    }
}
