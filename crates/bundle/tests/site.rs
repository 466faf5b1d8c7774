//! `bundle site` as a publisher meets it: the seed's site has every page and document, every
//! page is a folder a plain static host serves, a bad bundle leaves the previous site as it was,
//! and a one-event change rewrites only what that event touches.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use eventlens_bundle::synth::{generate, write_bundles, Spec};
use eventlens_format::model::{to_pretty_json, EventBundle, EventDoc};
use eventlens_format::pages::{Checked, ListPage, Neighbourhood, GRAPH_MAX_NODES};
use eventlens_format::validate::parse_doc;
use eventlens_site::{build, Options, Report};

fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("site").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A stand-in for the shell trunk builds: the repository's index.html with its base written in.
fn app_shell(dir: &Path) -> PathBuf {
    let app = dir.join("app");
    fs::create_dir_all(&app).unwrap();
    let index = fs::read_to_string(common::repo_root().join("index.html")).unwrap();
    fs::write(app.join("index.html"), index.replace("<base data-trunk-public-url>", "<base href=\"/\">")).unwrap();
    fs::write(app.join("boot.js"), "// boot\n").unwrap();
    app
}

fn site(collection: &Path, app: &Path, out: &Path) -> Result<Report, Vec<String>> {
    build(&Options {
        collection: collection.to_path_buf(),
        app: Some(app.to_path_buf()),
        out: out.to_path_buf(),
        site: None,
        data_only: false,
        relayout: false,
        cards: true,
    })
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file of a built site with its bytes: the cards are PNGs, so bytes, not text.
fn snapshot(out: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(out).into_iter().map(|f| (f.clone(), fs::read(out.join(f.trim_start_matches('/'))).unwrap())).collect()
}

fn files_under(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(format!("/{}", path.strip_prefix(dir).unwrap().to_string_lossy()));
            }
        }
    }
    out
}

#[test]
fn the_seed_site_has_every_page_and_document() {
    let dir = temp_dir("seed");
    let out = dir.join("out");
    let report = site(&common::repo_root().join("public/data"), &app_shell(&dir), &out).unwrap();
    assert_eq!(report.events, 1);
    let slug = common::SEED_SLUG;
    let files = files_under(&out);
    for expected in [
        format!("/zh/n/{slug}/index.html"),
        format!("/embed/zh/n/{slug}/index.html"),
        "/zh/index.html".to_string(),
        "/zh/entity/anthropic/index.html".to_string(),
        // The explorer's and the search page: pages with modules of their own.
        "/zh/graph/index.html".to_string(),
        "/zh/search/index.html".to_string(),
        format!("/data/zh/n/{slug}.json"),
        format!("/data/zh/near/{slug}.json"),
        "/data/zh/home/1.json".to_string(),
        "/data/zh/entity/anthropic/1.json".to_string(),
        "/data/manifest.json".to_string(),
        format!("/oembed/zh/n/{slug}.json"),
        "/index.html".to_string(),
        "/boot.js".to_string(),
    ] {
        assert!(files.contains(&expected), "no {expected} in {files:#?}");
    }
    // The event document holds every field of the bundle, its inline text parsed.
    let bundle: EventBundle =
        serde_json::from_str(&read(&common::repo_root().join(format!("public/data/zh/n/{slug}.json")))).unwrap();
    let doc: EventDoc = parse_doc(&read(&out.join(format!("data/zh/n/{slug}.json")))).unwrap();
    assert_eq!(doc, bundle.to_doc());
    // The prerendered page reads in full: title, every take's link, every lens, the graph.
    let page = read(&out.join(format!("zh/n/{slug}/index.html")));
    assert!(page.contains(&format!("<h1 class=\"event-title\">{}</h1>", bundle.title)));
    for take in bundle.takes() {
        assert!(page.contains(&format!("href=\"{}\"", take.url.replace('&', "&amp;"))), "no link to {}", take.url);
    }
    assert_eq!(
        page.matches("<details ").count() - 1,
        bundle.lenses.len(),
        "one <details> per lens, and the embed snippet's"
    );
    assert_eq!(
        page.matches("class=\"lens open\"").count(),
        bundle.lenses.iter().filter(|l| l.takes.len() <= 3).count()
    );
    assert_eq!(page.matches("class=\"graph-node").count(), 8);
    assert!(page.contains("<div id=\"boot\" data-prerendered>"));
    assert!(!page.contains("rel=\"modulepreload\""), "a saved page must not compete with its stylesheet");
    let near: Neighbourhood = serde_json::from_str(&read(&out.join(format!("data/zh/near/{slug}.json")))).unwrap();
    assert!(near.check().is_empty());
    assert_eq!(near.related.len(), 4);
    assert!(near.related.iter().all(|r| !r.in_collection));
}

#[test]
fn a_bad_bundle_fails_the_build_and_leaves_the_previous_site_as_it_was() {
    let dir = temp_dir("bad");
    let collection = dir.join("collection");
    write_bundles(&collection, &generate(&Spec::new(20, 3)).unwrap(), false).unwrap();
    let app = app_shell(&dir);
    let out = dir.join("out");
    site(&collection, &app, &out).unwrap();
    let before = snapshot(&out);

    let file = collection.join("en/n/synthetic-event-0007.json");
    let mut value: serde_json::Value = serde_json::from_str(&read(&file)).unwrap();
    value["lenses"][0]["takes"][0]["url"] = "javascript:alert(1)".into();
    fs::write(&file, value.to_string()).unwrap();
    let errors = site(&collection, &app, &out).unwrap_err();
    let wanted = format!("{}: $.lenses[0].takes[0].url", file.display());
    assert!(errors.iter().any(|e| e.starts_with(&wanted)), "{errors:#?}");
    let after = snapshot(&out);
    assert!(before == after, "the failed build changed the site");
}

#[test]
fn a_one_event_change_rewrites_only_what_it_touches() {
    let dir = temp_dir("incremental");
    let collection = dir.join("collection");
    let bundles = generate(&Spec::new(300, 11)).unwrap();
    write_bundles(&collection, &bundles, false).unwrap();
    let app = app_shell(&dir);
    let out = dir.join("out");
    let first = site(&collection, &app, &out).unwrap();
    assert!(first.pages_rendered > 300);

    let again = site(&collection, &app, &out).unwrap();
    assert!(
        again.changed.is_empty() && again.removed.is_empty(),
        "an unchanged collection rewrote {:?}",
        again.changed
    );

    // Retitle an event: its own documents and pages change, and so do the places that show its
    // title (its neighbours' pages, its entities' lists, the home list), and nothing else.
    let target = &bundles[150];
    let mut edited = target.clone();
    edited.title = "A retitled synthetic event".into();
    fs::write(collection.join(format!("en/n/{}.json", target.slug)), to_pretty_json(&edited)).unwrap();
    let report = site(&collection, &app, &out).unwrap();
    let changed: BTreeSet<&str> = report.changed.iter().map(String::as_str).collect();
    let slug = &target.slug;
    for expected in [
        format!("/data/en/n/{slug}.json"),
        format!("/data/en/near/{slug}.json"),
        format!("/en/n/{slug}/index.html"),
        format!("/embed/en/n/{slug}/index.html"),
        format!("/oembed/en/n/{slug}.json"),
    ] {
        assert!(changed.contains(expected.as_str()), "{expected} not rewritten");
    }
    for e in &target.entities {
        assert!(
            changed.contains(format!("/data/en/entity/{}/1.json", e.slug).as_str()),
            "entity {} not rewritten",
            e.slug
        );
    }
    let neighbour = &target.related.iter().find(|r| bundles.iter().any(|b| b.slug == r.slug)).unwrap().slug;
    assert!(
        changed.contains(format!("/data/en/near/{neighbour}.json").as_str()),
        "its neighbour {neighbour} not rewritten"
    );
    let untouched = bundles
        .iter()
        .find(|b| {
            b.slug != *slug
                && !b.related.iter().any(|r| r.slug == *slug)
                && !target.related.iter().any(|r| r.slug == b.slug)
                && !b.entities.iter().any(|e| target.entities.iter().any(|t| t.slug == e.slug))
        })
        .unwrap();
    assert!(
        !changed.contains(format!("/en/n/{}/index.html", untouched.slug).as_str()),
        "an unrelated page was rewritten"
    );
    assert!(
        report.changed.len() < first.changed.len() / 10,
        "{} of {} files rewritten",
        report.changed.len(),
        first.changed.len()
    );
    assert!(read(&out.join(format!("en/n/{slug}/index.html"))).contains("A retitled synthetic event"));

    // Removing it removes its files.
    fs::remove_file(collection.join(format!("en/n/{slug}.json"))).unwrap();
    let report = site(&collection, &app, &out).unwrap();
    assert!(report.removed.contains(&format!("/en/n/{slug}/index.html")));
    assert!(!out.join(format!("en/n/{slug}")).join("index.html").exists());
}

#[test]
fn hub_graphs_are_capped_and_count_what_they_leave_out() {
    let dir = temp_dir("hubs");
    let collection = dir.join("collection");
    write_bundles(&collection, &generate(&Spec::new(1000, 5)).unwrap(), false).unwrap();
    let out = dir.join("out");
    build(&Options {
        collection,
        app: None,
        out: out.clone(),
        site: None,
        data_only: true,
        relayout: false,
        cards: false,
    })
    .unwrap();
    let mut biggest = 0;
    for file in files_under(&out.join("data/en/entity")) {
        if !file.ends_with("/1.json") {
            continue;
        }
        let page: ListPage =
            serde_json::from_str(&read(&out.join("data/en/entity").join(file.trim_start_matches('/')))).unwrap();
        assert!(page.check().is_empty(), "{file}: {:?}", page.check());
        let graph = page.graph.as_ref().expect("an entity's first page carries its graph");
        assert!(graph.nodes.len() <= GRAPH_MAX_NODES);
        assert_eq!(graph.nodes.len() - 1 + graph.left_out.total() as usize, page.list.total as usize, "{file}");
        biggest = biggest.max(page.list.total);
    }
    assert!(biggest as usize > GRAPH_MAX_NODES * 2, "no hub entity: the biggest has {biggest} events");
}
