//! `bundle limits --out`: the worst valid bundle reaches every limit at once and passes
//! `bundle check`; each one-over bundle is refused by `bundle check` with exactly its located
//! error; and every limit has one.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use eventlens_format::inline;
use eventlens_format::limits::{thousands, ALL};
use eventlens_format::model::{to_pretty_json, EventBundle};
use eventlens_format::validate::parse_bundle;
use serde_json::Value;

fn bundle(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bundle")).current_dir(dir).args(args).output().expect("bundle runs")
}

/// Runs `bundle limits --out` once into a fresh folder and returns it with the manifest.
fn generated(name: &str) -> (PathBuf, Value) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("limits").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let run = bundle(Path::new("."), &["limits", "--out", dir.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let manifest = serde_json::from_str(&std::fs::read_to_string(dir.join("limits.json")).unwrap()).unwrap();
    (dir, manifest)
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// How far `b` goes towards the limit named `limit`, measured here rather than by the validator.
fn reached(b: &EventBundle, limit: &str) -> usize {
    let takes = || b.lenses.iter().flat_map(|l| &l.takes);
    let inline_texts =
        || [&b.summary, &b.why_it_matters].into_iter().chain(&b.watch).map(|t| inline::parse_counted(t).1);
    let most = |values: &mut dyn Iterator<Item = usize>| values.max().unwrap_or(0);
    match limit {
        "MAX_BUNDLE_BYTES" => to_pretty_json(b).len(),
        "MAX_SLUG_CHARS" => most(
            &mut [chars(&b.slug)]
                .into_iter()
                .chain(b.related.iter().map(|r| chars(&r.slug)))
                .chain(b.entities.iter().map(|e| chars(&e.slug))),
        ),
        "MAX_URL_CHARS" => most(&mut [chars(&b.canonical_url)].into_iter().chain(takes().map(|t| chars(&t.url)))),
        "MAX_TITLE_CHARS" => most(
            &mut [chars(&b.title)].into_iter().chain(b.related.iter().map(|r| chars(r.title.as_deref().unwrap_or("")))),
        ),
        "MAX_DEK_CHARS" => chars(&b.dek),
        "MAX_TYPE_CHARS" => chars(&b.kind),
        "MAX_HEADS" => b.heads.len(),
        "MAX_HEAD_CHARS" => most(&mut b.heads.iter().map(|h| chars(h))),
        "MAX_SUMMARY_CHARS" => chars(&b.summary),
        "MAX_WHY_CHARS" => chars(&b.why_it_matters),
        "MAX_WATCH_ITEMS" => b.watch.len(),
        "MAX_WATCH_ITEM_CHARS" => most(&mut b.watch.iter().map(|w| chars(w))),
        "MAX_LENSES" => b.lenses.len(),
        "MAX_LENS_NAME_CHARS" => most(&mut b.lenses.iter().map(|l| chars(&l.name))),
        "MAX_TAKES_PER_LENS" => most(&mut b.lenses.iter().map(|l| l.takes.len())),
        "MAX_TAKES" => takes().count(),
        "MAX_OUTLET_CHARS" => most(&mut takes().map(|t| chars(&t.outlet))),
        "MAX_REGION_CHARS" => most(&mut takes().map(|t| chars(&t.region))),
        "MAX_REGIONS" => takes().map(|t| t.region.as_str()).collect::<HashSet<_>>().len(),
        "MAX_TAKE_SUMMARY_CHARS" => most(&mut takes().map(|t| chars(&t.summary))),
        "MAX_QUOTE_CHARS" => most(&mut takes().map(|t| chars(t.quote.as_deref().unwrap_or("")))),
        "MAX_RELATED" => b.related.len(),
        "MAX_ENTITIES" => b.entities.len(),
        "MAX_ENTITY_NAME_CHARS" => most(&mut b.entities.iter().map(|e| chars(&e.name))),
        "MAX_LINKS_PER_TEXT" => most(&mut inline_texts().map(|m| m.links)),
        "MAX_INLINE_NESTING" => most(&mut inline_texts().map(|m| m.nesting)),
        "MAX_BLOCK_NESTING" => most(&mut inline_texts().map(|m| m.block_markers)),
        "MAX_MARKUP_ELEMENTS" => inline_texts().map(|m| m.elements).sum(),
        other => panic!("no measure for {other}: add one here and a one-over case in worst.rs"),
    }
}

#[test]
fn the_worst_valid_bundle_reaches_every_limit_and_passes_check() {
    let (dir, manifest) = generated("worst");
    let file = manifest["worst_valid"]["file"].as_str().unwrap();
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let worst = parse_bundle(&text).unwrap_or_else(|p| panic!("{p:#?}"));
    let short: Vec<String> = ALL
        .iter()
        .filter(|(name, max)| reached(&worst, name) != *max)
        .map(|(name, max)| format!("{name}: {} of {}", reached(&worst, name), thousands(*max)))
        .collect();
    assert!(short.is_empty(), "limits the worst bundle does not reach exactly: {short:#?}");
    assert_eq!(text.len(), eventlens_format::limits::MAX_BUNDLE_BYTES);

    let check = bundle(&dir, &["check", file]);
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    assert_eq!(
        String::from_utf8(check.stdout).unwrap(),
        format!("{file}: ok (5000 takes · 200 lenses · 500 regions)\n")
    );
    assert_eq!(manifest["worst_valid"]["route"], format!("/zh/n/{}", worst.slug));
    let index = std::fs::read_to_string(dir.join("index.json")).unwrap();
    assert!(index.contains(&format!("\"slug\": \"{}\"", worst.slug)), "index.json does not list the worst bundle");
}

#[test]
fn each_one_over_bundle_is_refused_with_its_located_error() {
    let (dir, manifest) = generated("one-over");
    let cases = manifest["one_over"].as_array().unwrap();
    let mut wrong = Vec::new();
    for case in cases {
        let file = case["file"].as_str().unwrap();
        let out = bundle(&dir, &["check", file]);
        let stderr = String::from_utf8(out.stderr).unwrap();
        let want = format!("{file}: {}\n", case["error"].as_str().unwrap());
        if out.status.code() != Some(1) || stderr != want {
            wrong.push(format!("{file}: exit {:?}, printed\n{stderr}wanted\n{want}", out.status.code()));
        }
        assert_eq!(case["route"], format!("/zh/n/{}", Path::new(file).file_stem().unwrap().to_str().unwrap()));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    let covered: BTreeSet<&str> = cases.iter().map(|c| c["limit"].as_str().unwrap()).collect();
    let all: BTreeSet<&str> = ALL.iter().map(|(name, _)| *name).collect();
    assert_eq!(covered, all, "every limit needs a bundle one over it");
    for case in cases {
        let max = ALL.iter().find(|(name, _)| *name == case["limit"]).unwrap().1;
        assert_eq!(case["max"], max, "{case}");
    }
}

#[test]
fn limits_without_out_prints_the_table() {
    let out = bundle(Path::new("."), &["limits"]);
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    let expected: String = ALL.iter().map(|(name, max)| format!("{name}\t{max}\n")).collect();
    assert_eq!(printed, expected);
}
