//! The whole build: a collection and the app shell trunk built, in; a site, out.
//!
//! - Every bundle is read and checked first ([`crate::collection`]); one bad bundle fails the
//!   build, which then writes nothing, so the previous site stays as it was.
//! - Every output (each page's documents, each prerendered page, each oEmbed document, the app
//!   shell's files) is planned with a fingerprint of everything it is made from. The previous
//!   build left the fingerprints of its outputs in a record; an output whose fingerprint is
//!   unchanged is neither made again nor written. So a one-event change to a large site lays out
//!   and renders only what that event touches.
//! - What is made goes to a staging folder beside the output; only when all of it is made is it
//!   moved into place (a whole new site swaps with the old in one rename), outputs that no
//!   longer exist are removed, and the record is replaced. The list of changed files is
//!   returned, for a sync to an object store or CDN that uploads only those.
//!
//! Not here: what the documents hold ([`crate::derive`]) or how a page is rendered
//! ([`crate::render`]).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::{Hash, Hasher};

use crate::{FastMap, FastSet, Fingerprinter};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use eventlens::routes::load::Preloaded;
use eventlens::site_url::SiteUrl;
use eventlens_format::pages::{paths, ListOf, ListPage, Neighbourhood};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::collection::read_collection;
use crate::derive::{derive, Derived, EmbedOrigin, EventDocs, ListDoc, OEmbedDoc};
use crate::explore;
use crate::render::{render_page, Kind, Shell};
use crate::web::Web;

/// Where the share cards go.
const CARDS: &str = "/cards/";

/// The boot scripts of the pages that are modules of their own, which scripts/build-module.sh
/// writes beside the app shell: the explorer's and the search page's.
const EXPLORE_BOOT: &str = "/explore-boot.js";
const SEARCH_BOOT: &str = "/search-boot.js";

/// What to build from, and where.
pub struct Options {
    /// Bundles at `COLLECTION/{lang}/n/{slug}.json`.
    pub collection: PathBuf,
    /// The app shell trunk built (`index.html`, the JS, wasm and CSS, `boot.js`, …). Needed
    /// for pages; documents alone are made without it (at the root path).
    pub app: Option<PathBuf>,
    /// The site. Replaced as a whole on a first build, updated file by file after.
    pub out: PathBuf,
    /// The site's origin (`https://example.com`), for absolute URLs; each event's canonical
    /// origin when absent.
    pub site: Option<String>,
    /// Only the documents, no prerendered pages (what `trunk serve` needs).
    pub data_only: bool,
    /// Lay the explorer's whole graph out afresh instead of updating the last build's layout.
    pub relayout: bool,
    /// Draw the share cards (PNG). Off for test and benchmark sites that never show them: they
    /// cost more than every page together.
    pub cards: bool,
}

/// What a build did, with its timings.
#[derive(Debug, Default)]
pub struct Report {
    pub events: usize,
    pub pages_rendered: usize,
    pub documents_written: usize,
    /// Site paths of the files written or removed, sorted.
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// Each phase's seconds, in order. A phase that ran beside others is followed by its
    /// parts, named "  of which …", whose times overlap.
    pub timings: Vec<(&'static str, f64)>,
    /// The whole build's seconds.
    pub seconds: f64,
}

/// Where a build keeps the fingerprints of what it wrote, inside the site. Not a page: web
/// servers should not serve dot files (deploy/nginx.conf refuses them).
const RECORD: &str = ".eventlens-build.json";
/// Bump when the record's shape changes. (A new build of the program remakes everything anyway:
/// every fingerprint includes the program's own, see [`fingerprint`].)
const BUILDER_VERSION: u32 = 1;

#[derive(Default, Deserialize)]
struct Record {
    builder: u32,
    /// Site path → fingerprint of what it was made from.
    outputs: FastMap<String, u64>,
    /// The program that checked `checked` ([`this_program`]); another program's checks are
    /// not trusted, since its rules may differ.
    #[serde(default)]
    checker: Option<u64>,
    /// Fingerprints of the bundles this build read, each checked by `checker`.
    #[serde(default)]
    checked: Vec<u64>,
}

/// The record as written: [`Record`]'s shape, its outputs in plan order (which is the same for
/// the same collection, so the file is too) rather than copied into a map first.
#[derive(Serialize)]
struct RecordToWrite<'p> {
    builder: u32,
    outputs: OutputsInPlanOrder<'p>,
    checker: Option<u64>,
    checked: Vec<u64>,
}

struct OutputsInPlanOrder<'p>(&'p [Planned<'p>]);

impl Serialize for OutputsInPlanOrder<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|p| (&p.path, p.fingerprint)))
    }
}

/// A fingerprint of the running program's own file: two builds with the same one check bundles
/// by the same rules. None when the file cannot be read, and then nothing is trusted.
fn this_program() -> Option<u64> {
    static PROGRAM: OnceLock<Option<u64>> = OnceLock::new();
    *PROGRAM.get_or_init(|| {
        let bytes = fs::read(std::env::current_exe().ok()?).ok()?;
        let mut h = Fingerprinter::new();
        bytes.hash(&mut h);
        Some(h.finish())
    })
}

/// One file of the site: where it goes, a fingerprint of its inputs, and how to make it.
struct Planned<'a> {
    path: String,
    fingerprint: u64,
    make: Make<'a>,
}

enum Make<'a> {
    Json(&'a (dyn ErasedJson + Sync)),
    EventDoc(&'a EventDocs<'a>),
    Near(&'a EventDocs<'a>),
    List(&'a ListDoc),
    OEmbed(&'a OEmbedDoc<'a>),
    Page { route: String, preloaded: PreloadSource<'a>, head: Option<Lazy<'a, String>> },
    Copy(PathBuf),
    Bytes(Lazy<'a, Result<Vec<u8>, String>>),
    Ready(Vec<u8>),
}

type Lazy<'a, T> = Box<dyn Fn() -> T + Send + Sync + 'a>;

enum PreloadSource<'a> {
    Event(&'a EventDocs<'a>),
    List(&'a ListDoc),
    /// A page with a module of its own (the explorer, the search): the app's route, no
    /// documents, the module's boot script (a path under the base).
    Standalone(&'static str),
}

/// Serialising behind a reference, so documents of different types are planned alike.
trait ErasedJson {
    fn to_json(&self) -> String;
}

impl<T: Serialize> ErasedJson for T {
    fn to_json(&self) -> String {
        serde_json::to_string(self).expect("documents always serialise")
    }
}

/// A fingerprint of the parts, and of the program making them: a new build of `bundle` may make
/// different files from the same inputs, so it remakes everything once.
fn fingerprint(parts: &[&dyn Fn(&mut Fingerprinter)]) -> u64 {
    let mut h = Fingerprinter::new();
    this_program().hash(&mut h);
    for part in parts {
        part(&mut h);
    }
    h.finish()
}

fn hash_json(h: &mut Fingerprinter, value: &dyn ErasedJson) {
    value.to_json().hash(h);
}

/// Builds the site. Fails, writing nothing, on any bad bundle or any page that cannot be
/// rendered.
///
/// The build's working memory (about 2 GB at 100,000 events) is left to the process's exit
/// rather than freed object by object, which took 0.84 s of a 10 s one-event rebuild: the
/// `bundle` command exits right after a build.
pub fn build(options: &Options) -> Result<Report, Vec<String>> {
    let mut report = Report::default();
    let started = Instant::now();
    let mut clock = Instant::now();
    let mut lap = |report: &mut Report, what: &'static str| {
        report.timings.push((what, clock.elapsed().as_secs_f64()));
        clock = Instant::now();
    };
    let previous = read_record(&options.out);
    let checker = this_program();
    let checked_before: HashSet<u64> = match checker {
        Some(program) if previous.checker == Some(program) => previous.checked.iter().copied().collect(),
        _ => HashSet::new(),
    };
    let (bundles, prints) = read_collection(&options.collection, &checked_before)?;
    report.events = bundles.len();
    lap(&mut report, "read and check bundles");

    let index_html = match (&options.app, options.data_only) {
        (Some(app), _) => fs::read_to_string(app.join("index.html"))
            .map_err(|e| vec![format!("{}: cannot read the app shell: {e}", app.join("index.html").display())])?,
        (None, true) => String::new(),
        (None, false) => return Err(vec!["pages need the app shell trunk built: pass --app".to_string()]),
    };
    let shell = if options.data_only { None } else { Some(Shell::parse(&index_html).map_err(|e| vec![e])?) };
    let base = base_path(&index_html);
    let site_origin = match &options.site {
        Some(site) => Some(origin_and_check_base(site, &base).map_err(|e| vec![e])?),
        None => None,
    };
    let embed_origin = match &site_origin {
        Some(origin) => format!("{origin}{base}"),
        None => String::new(),
    };
    let site_url = site_origin.as_ref().map(|o| format!("{o}{base}/"));
    // Three passes over the whole collection that need nothing of each other, side by side: on a
    // one-event rebuild each is mostly serial work, and together they were half of it.
    let ((derived, derive_time), ((web, web_time), (explore_files, explore_time))) = rayon::join(
        || {
            timed(|| {
                let origin =
                    if site_origin.is_some() { EmbedOrigin::Site(&embed_origin) } else { EmbedOrigin::Canonical };
                derive(&bundles, &prints, origin)
            })
        },
        || {
            rayon::join(
                || {
                    timed(|| match options.data_only {
                        true => Ok(None),
                        false => Web::new(&bundles, site_url.as_deref(), &base, options.cards).map(Some),
                    })
                },
                || {
                    timed(|| match options.data_only {
                        true => Ok(Vec::new()),
                        false => explore::outputs(&bundles, &options.out, &previous.outputs, options.relayout),
                    })
                },
            )
        },
    );
    let (derived, web, explore_files) = (derived?, web.map_err(|e| vec![e])?, explore_files?);
    lap(&mut report, "derive documents, the feeds' sources and the explorer's layout, side by side");
    report.timings.push(("  of which derive documents", derive_time));
    report.timings.push(("  of which the feeds' sources", web_time));
    report.timings.push(("  of which the explorer's layout (when the graph changed)", explore_time));

    let shell_print = fingerprint(&[&|h| index_html.hash(h), &|h| site_origin.hash(h)]);
    let ((plan, plan_time), (web_outputs, web_outputs_time)) = rayon::join(
        || timed(|| self::plan(&derived, options, shell_print, web.as_ref())),
        || timed(|| web.as_ref().map(Web::outputs).transpose()),
    );
    let (mut plan, web_outputs) = (plan?, web_outputs?);
    for o in web_outputs.into_iter().flatten() {
        let fingerprint = fingerprint(&[&|h| o.fingerprint.hash(h)]);
        plan.push(Planned { path: o.path, fingerprint, make: Make::Bytes(o.make) });
    }
    for (path, fingerprint, bytes) in explore_files {
        plan.push(Planned { path, fingerprint, make: Make::Ready(bytes.unwrap_or_default()) });
    }
    if web.is_some() {
        for lang in derived.manifest.languages.iter().map(|l| l.lang.clone()) {
            for (route, script) in
                [(paths::explore_page(&lang), EXPLORE_BOOT), (paths::search_page(&lang), SEARCH_BOOT)]
            {
                let fingerprint = fingerprint(&[&|h| route.hash(h), &|h| shell_print.hash(h)]);
                plan.push(Planned {
                    path: page_file(&route),
                    fingerprint,
                    make: Make::Page { route, preloaded: PreloadSource::Standalone(script), head: None },
                });
            }
        }
    }
    lap(&mut report, "plan pages and documents, feeds and sitemaps, side by side");
    report.timings.push(("  of which plan pages and documents", plan_time));
    report.timings.push(("  of which feeds and sitemaps", web_outputs_time));

    let stale: Vec<&Planned> = plan.iter().filter(|p| previous.outputs.get(&p.path) != Some(&p.fingerprint)).collect();
    let staging = staging_dir(&options.out);
    let _ = fs::remove_dir_all(&staging);
    // Pages and documents first, then the share cards, each timed on its own: the cards are
    // pictures and cost more than everything else together.
    let (cards, rest): (Vec<&Planned>, Vec<&Planned>) = stale.iter().partition(|p| p.path.starts_with(CARDS));
    let mut errors = Vec::new();
    for (batch, what) in [(rest, "lay out graphs, render pages, write documents"), (cards, "draw share cards")] {
        let made: Vec<Result<bool, String>> =
            batch.par_iter().map(|p| make(p, &staging, shell.as_ref(), site_origin.as_deref(), &base)).collect();
        for result in made {
            match result {
                Ok(true) => report.pages_rendered += 1,
                Ok(false) => report.documents_written += 1,
                Err(e) => errors.push(e),
            }
        }
        lap(&mut report, what);
    }
    if !errors.is_empty() {
        let _ = fs::remove_dir_all(&staging);
        return Err(errors);
    }

    let planned: FastSet<&str> = plan.iter().map(|p| p.path.as_str()).collect();
    report.changed = stale.iter().map(|p| p.path.clone()).collect();
    report.changed.sort();
    report.removed = previous.outputs.keys().filter(|k| !planned.contains(k.as_str())).cloned().collect();
    report.removed.sort();
    let mut checked = prints.clone();
    checked.sort_unstable();
    let record = RecordToWrite { builder: BUILDER_VERSION, outputs: OutputsInPlanOrder(&plan), checker, checked };
    commit(&options.out, &staging, &report.changed, &report.removed, &record, previous.outputs.is_empty())
        .map_err(|e| vec![e])?;
    lap(&mut report, "move into place");
    report.seconds = started.elapsed().as_secs_f64();
    drop((stale, planned, record));
    std::mem::forget(plan);
    std::mem::forget(web);
    std::mem::forget(derived);
    std::mem::forget((bundles, prints, previous));
    Ok(report)
}

/// What `f` returns and the seconds it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let started = Instant::now();
    let value = f();
    (value, started.elapsed().as_secs_f64())
}

/// Every file of the site, with its fingerprint: a hash of what it is made from, cheap to
/// compute without making it.
fn plan<'a>(
    derived: &'a Derived<'a>,
    options: &Options,
    shell_print: u64,
    web: Option<&'a Web<'a>>,
) -> Result<Vec<Planned<'a>>, Vec<String>> {
    let json = |path: String, doc: &'a (dyn ErasedJson + Sync)| {
        let fingerprint = fingerprint(&[&|h| hash_json(h, doc)]);
        Planned { path, fingerprint, make: Make::Json(doc) }
    };
    // Each event's and each list's outputs are planned on their own (fingerprinting a
    // neighbourhood serialises it), in parallel and then in order.
    let per_event: Vec<Vec<Planned>> = derived.events.par_iter().map(|e| plan_event(e, shell_print, web)).collect();
    let per_list: Vec<Vec<Planned>> = derived.lists.par_iter().map(|l| plan_list(l, shell_print, web)).collect();
    let mut plan: Vec<Planned> = per_event.into_iter().chain(per_list).flatten().collect();
    plan.push(json(paths::MANIFEST.to_string(), &derived.manifest));
    for o in &derived.oembeds {
        let fingerprint = fingerprint(&[&|h| o.bundle_print.hash(h), &|h| o.origin.hash(h)]);
        plan.push(Planned { path: o.path.clone(), fingerprint, make: Make::OEmbed(o) });
    }
    if let (false, Some(app)) = (options.data_only, &options.app) {
        plan_shell(app, &mut plan).map_err(|e| vec![e])?;
    }
    Ok(plan)
}

/// An event's documents and, with a shell, its page and its embed.
fn plan_event<'a>(e: &'a EventDocs<'a>, shell_print: u64, web: Option<&'a Web<'a>>) -> Vec<Planned<'a>> {
    let (lang, slug) = (e.lang(), e.slug());
    let doc_print = fingerprint(&[&|h| e.bundle_print.hash(h)]);
    let near_print = fingerprint(&[&|h| e.hash_near(h)]);
    let mut plan = vec![
        Planned { path: paths::event_doc(lang, slug), fingerprint: doc_print, make: Make::EventDoc(e) },
        Planned { path: paths::neighbourhood(lang, slug), fingerprint: near_print, make: Make::Near(e) },
    ];
    if let Some(web) = web {
        for (route, embed) in [(paths::event_page(lang, slug), false), (paths::embed_page(lang, slug), true)] {
            let fingerprint = fingerprint(&[
                &|h| route.hash(h),
                &|h| doc_print.hash(h),
                &|h| near_print.hash(h),
                &|h| shell_print.hash(h),
                &|h| web.hash_event_head(e.bundle(), h),
            ]);
            // An embed is a frame in someone else's page: no share tags of its own.
            let head: Option<Lazy<String>> = (!embed).then(|| Box::new(move || web.event_head(e.bundle())) as _);
            let make = Make::Page { route: route.clone(), preloaded: PreloadSource::Event(e), head };
            plan.push(Planned { path: page_file(&route), fingerprint, make });
        }
    }
    plan
}

/// A list page's document and, with a shell, its page.
fn plan_list<'a>(list: &'a ListDoc, shell_print: u64, web: Option<&'a Web<'a>>) -> Vec<Planned<'a>> {
    let list_print = fingerprint(&[&|h| list.hash_inputs(h)]);
    let mut plan = vec![Planned { path: list.path.clone(), fingerprint: list_print, make: Make::List(list) }];
    if let Some(web) = web {
        let route = list_route(list.of());
        let page = list.of();
        let lang = page.lang.as_str();
        let head_print = fingerprint(&[&|h| match &page.of {
            ListOf::Entity { slug, .. } => web.hash_entity_head(lang, slug, h),
            ListOf::Collection => lang.hash(h),
            ListOf::NamedBy { .. } => {}
        }]);
        let fingerprint = fingerprint(&[&|h| route.hash(h), &|h| list_print.hash(h), &|h| shell_print.hash(h), &|h| {
            head_print.hash(h)
        }]);
        let head: Option<Lazy<String>> = match &page.of {
            ListOf::Entity { slug, .. } => Some(Box::new(move || web.entity_head(lang, slug))),
            ListOf::Collection => Some(Box::new(move || web.home_head(lang))),
            ListOf::NamedBy { .. } => None,
        };
        let make = Make::Page { route: route.clone(), preloaded: PreloadSource::List(list), head };
        plan.push(Planned { path: page_file(&route), fingerprint, make });
    }
    plan
}

/// The app shell's files as trunk wrote them, by content.
fn plan_shell(app: &Path, plan: &mut Vec<Planned>) -> Result<(), String> {
    let mut stack = vec![app.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).map_err(|e| format!("{}: cannot read: {e}", dir.display()))?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                // Documents are this build's to make; a debug build's serve hook leaves the
                // committed collection's in the app folder.
                if dir != app || !matches!(entry.file_name().to_str(), Some("data" | "oembed")) {
                    stack.push(path);
                }
                continue;
            }
            let bytes = fs::read(&path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
            let relative = path.strip_prefix(app).expect("under the app folder").to_string_lossy().replace('\\', "/");
            let fingerprint = fingerprint(&[&|h| bytes.hash(h)]);
            plan.push(Planned { path: format!("/{relative}"), fingerprint, make: Make::Copy(path) });
        }
    }
    Ok(())
}

fn list_route(page: &ListPage) -> String {
    let n = page.list.page;
    match &page.of {
        ListOf::Collection => paths::home_page(&page.lang, n),
        ListOf::Entity { slug, .. } => paths::entity_page(&page.lang, slug, n),
        ListOf::NamedBy { slug, .. } => paths::named_by_page(&page.lang, slug, n),
    }
}

/// A route's page as a folder with an `index.html`, so that a plain static host (GitHub Pages,
/// an S3 website, a CDN) serves `/zh/n/slug` and `/zh/` with no rewrite rules.
fn page_file(route: &str) -> String {
    format!("{}/index.html", route.trim_end_matches('/'))
}

/// Makes one output in the staging folder. True for a rendered page.
fn make(p: &Planned, staging: &Path, shell: Option<&Shell>, origin: Option<&str>, base: &str) -> Result<bool, String> {
    let (bytes, page) = match &p.make {
        Make::Json(doc) => (doc.to_json().into_bytes(), false),
        Make::EventDoc(e) => (e.doc().to_json().into_bytes(), false),
        Make::Near(e) => (e.near().to_json().into_bytes(), false),
        Make::List(list) => (list.page().to_json().into_bytes(), false),
        Make::OEmbed(o) => (o.doc().to_json().into_bytes(), false),
        Make::Copy(from) => (fs::read(from).map_err(|e| format!("{}: cannot read: {e}", from.display()))?, false),
        Make::Page { route, preloaded: source, head } => {
            let shell = shell.expect("pages are planned only with a shell");
            let (preloaded, site) = preload(source, origin, base);
            let head = head.as_ref().map(|h| h()).unwrap_or_default();
            let kind = match source {
                PreloadSource::Standalone(script) => Kind::Standalone { script },
                _ => Kind::Takeover,
            };
            (render_page(shell, &site, route, preloaded, &head, kind)?.into_bytes(), true)
        }
        Make::Bytes(make) => (make()?, false),
        Make::Ready(bytes) => (bytes.clone(), false),
    };
    let file = staging.join(p.path.trim_start_matches('/'));
    if let Some(parent) = file.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: cannot create: {e}", parent.display()))?;
    }
    fs::write(&file, bytes).map_err(|e| format!("{}: cannot write: {e}", file.display()))?;
    Ok(page)
}

/// The documents a page is drawn from, and the site URL it is drawn for.
fn preload(source: &PreloadSource, origin: Option<&str>, base: &str) -> (Preloaded, SiteUrl) {
    let mut preloaded = Preloaded::default();
    let origin = match (origin, source) {
        (Some(o), _) => o.to_string(),
        (None, PreloadSource::Event(e)) => eventlens_format::oembed::origin_of(e.canonical_url()).unwrap_or_default(),
        (None, PreloadSource::List(_) | PreloadSource::Standalone(_)) => String::new(),
    };
    match source {
        PreloadSource::Event(e) => {
            preloaded.insert(paths::event_doc(e.lang(), e.slug()), Arc::new(e.doc().clone()));
            preloaded.insert(paths::neighbourhood(e.lang(), e.slug()), Arc::<Neighbourhood>::new(e.near()));
        }
        PreloadSource::List(list) => preloaded.insert(list.path.clone(), Arc::new(list.page())),
        PreloadSource::Standalone(_) => {}
    }
    (preloaded, SiteUrl { origin, base: base.to_string() })
}

/// The base path trunk wrote into `<base href="/sub/">`, without the trailing slash.
fn base_path(index_html: &str) -> String {
    let Some(at) = index_html.find("<base href=\"") else { return String::new() };
    let value = &index_html[at + "<base href=\"".len()..];
    value[..value.find('"').unwrap_or(0)].trim_end_matches('/').to_string()
}

/// `https://example.com/sub/` → `https://example.com`, checking that its path is the app's base.
fn origin_and_check_base(site: &str, base: &str) -> Result<String, String> {
    let origin = eventlens_format::oembed::origin_of(site)
        .filter(|_| eventlens_format::inline::is_http_url(site))
        .ok_or_else(|| format!("--site {site:?}: not an http(s) URL"))?;
    let path = site[origin.len()..].trim_end_matches('/');
    if !path.is_empty() && path != base {
        return Err(format!(
            "--site {site:?}: its path {path} is not the app's base path {base:?} (trunk --public-url)"
        ));
    }
    Ok(origin)
}

fn read_record(out: &Path) -> Record {
    let record: Record =
        fs::read_to_string(out.join(RECORD)).ok().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default();
    if record.builder == BUILDER_VERSION {
        record
    } else {
        Record::default()
    }
}

fn staging_dir(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
    out.with_file_name(format!(".{name}.staging"))
}

/// Puts the staged files in place. With no previous build, the staging folder becomes the site
/// in one rename (the old folder, if any, is swapped out and removed); otherwise each changed
/// file is renamed over its old version and removed outputs are deleted.
fn commit(
    out: &Path,
    staging: &Path,
    changed: &[String],
    removed: &[String],
    record: &RecordToWrite,
    fresh: bool,
) -> Result<(), String> {
    let record_text = serde_json::to_string(record).expect("the record serialises");
    fs::create_dir_all(staging).map_err(|e| format!("{}: cannot create: {e}", staging.display()))?;
    fs::write(staging.join(RECORD), record_text).map_err(|e| format!("{}: cannot write: {e}", staging.display()))?;
    if fresh || !out.exists() {
        let old = out.with_file_name(format!(
            ".{}.old",
            out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        ));
        let _ = fs::remove_dir_all(&old);
        if out.exists() {
            fs::rename(out, &old).map_err(|e| format!("{}: cannot move aside: {e}", out.display()))?;
        }
        fs::rename(staging, out).map_err(|e| format!("{}: cannot move into place: {e}", out.display()))?;
        let _ = fs::remove_dir_all(&old);
        return Ok(());
    }
    for path in changed.iter().map(String::as_str).chain([RECORD]) {
        let relative = path.trim_start_matches('/');
        let (from, to) = (staging.join(relative), out.join(relative));
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: cannot create: {e}", parent.display()))?;
        }
        fs::rename(&from, &to).map_err(|e| format!("{}: cannot move into place: {e}", to.display()))?;
    }
    for path in removed {
        let file = out.join(path.trim_start_matches('/'));
        let _ = fs::remove_file(&file);
    }
    let _ = fs::remove_dir_all(staging);
    Ok(())
}

/// Counts of what a plan holds by kind, for messages.
pub fn summarise(report: &Report) -> String {
    let mut by_top: HashMap<&str, usize> = HashMap::new();
    for path in &report.changed {
        let top = path.trim_start_matches('/').split('/').next().unwrap_or("");
        *by_top.entry(if path.ends_with("index.html") { "pages" } else { top }).or_default() += 1;
    }
    let mut parts: Vec<String> = by_top.into_iter().map(|(k, v)| format!("{k} {v}")).collect();
    parts.sort();
    parts.join(", ")
}
