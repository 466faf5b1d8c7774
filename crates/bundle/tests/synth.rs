//! Synthetic collections (`eventlens::synth`, `bundle synth`): every bundle valid, the same seed
//! giving the same bytes, the asked-for counts, related events outside the collection, and no
//! way to write into the shipped collection.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use eventlens_bundle::synth::{generate, write_bundles, Shape, Spec};
use eventlens_format::index::{build_index, CollectionIndex};
use eventlens_format::model::to_pretty_json;
use eventlens_format::validate::{parse_bundle, validate};

fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("synth").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn bundle(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bundle"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .args(args)
        .output()
        .expect("bundle runs")
}

/// Generates `spec` into a fresh folder `name` and returns it.
fn write(name: &str, spec: &Spec) -> PathBuf {
    let dir = temp_dir(name);
    write_bundles(&dir, &generate(spec).unwrap(), false).unwrap();
    dir
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn fifty_events_are_valid_and_form_a_graph() {
    let spec = Spec::new(50, 7);
    let dir = write("fifty", &spec);
    let written = files(&dir);
    assert_eq!(written.len(), 50);
    let bundles: Vec<_> = written
        .iter()
        .map(|(path, bytes)| {
            let bundle = parse_bundle(std::str::from_utf8(bytes).unwrap())
                .unwrap_or_else(|p| panic!("{}: {p:?}", path.display()));
            assert_eq!(*path, Path::new("en/n").join(format!("{}.json", bundle.slug)));
            bundle
        })
        .collect();
    assert!(written.contains_key(Path::new("en/n/synthetic-event-0042.json")));

    let slugs: HashSet<&str> = bundles.iter().map(|b| b.slug.as_str()).collect();
    for b in &bundles {
        let inside = b.related.iter().filter(|r| slugs.contains(r.slug.as_str())).count();
        assert!((2..=4).contains(&inside), "{}: {inside} related events in the collection", b.slug);
        assert!(b.related.len() - inside <= 1, "{}", b.slug);
    }

    let index = build_index(&bundles);
    assert_eq!(index.events.len(), 50);
    assert!(index.nodes.iter().any(|n| !n.in_collection), "no related event outside the collection");
    assert!(index.entities.iter().any(|e| e.events.len() >= 5), "no entity shared by five events");
    assert!(index.entities.iter().any(|e| e.events.len() == 1), "no entity of a single event");
}

#[test]
fn every_bundle_of_many_seeds_is_valid() {
    for seed in 0..5 {
        for bundle in generate(&Spec { lang: "zh".to_string(), ..Spec::new(200, seed) }).unwrap() {
            assert_eq!(validate(&bundle), [], "seed {seed}, {}", bundle.slug);
            assert!(bundle.summary.contains("](/zh/entity/synthetic-entity-"), "{}", bundle.summary);
        }
    }
}

#[test]
fn the_same_seed_writes_the_same_bytes() {
    let first = files(&write("seed-a", &Spec::new(30, 42)));
    assert_eq!(first, files(&write("seed-b", &Spec::new(30, 42))));
    assert_ne!(first, files(&write("seed-c", &Spec::new(30, 43))));
}

#[test]
fn one_big_event() {
    let spec = Spec { shape: Some(Shape { takes: 500, lenses: 20 }), ..Spec::new(1, 3) };
    let bundles = generate(&spec).unwrap();
    assert_eq!(bundles.len(), 1);
    let counts = bundles[0].counts();
    assert_eq!((counts.takes, counts.lenses), (500, 20));
    assert!(bundles[0].lenses.iter().all(|l| !l.takes.is_empty()));
    assert_eq!(validate(&bundles[0]), []);

    let empty = Spec { shape: Some(Shape { takes: 3, lenses: 4 }), ..Spec::new(1, 3) };
    assert!(generate(&empty).unwrap_err().contains("every lens needs at least one take"));

    // Within the limits however the takes fall: 2,000 in 2 lenses fill both to the limit.
    let full = Spec { shape: Some(Shape { takes: 2_000, lenses: 2 }), ..Spec::new(1, 3) };
    let bundle = &generate(&full).unwrap()[0];
    assert_eq!(bundle.lenses.iter().map(|l| l.takes.len()).collect::<Vec<_>>(), [1_000, 1_000]);
    assert_eq!(validate(bundle), []);
    for (takes, lenses) in [(5_001, 200), (2_001, 2), (201, 201)] {
        let over = Spec { shape: Some(Shape { takes, lenses }), ..Spec::new(1, 3) };
        assert!(
            generate(&over).unwrap_err().contains("a bundle holds at most 5,000 takes, 200 lenses"),
            "{takes}/{lenses}"
        );
    }
}

#[test]
fn the_cli_writes_the_bundles_and_their_index() {
    let dir = temp_dir("cli");
    let out = dir.to_str().unwrap();
    let run = bundle(&["synth", "--events", "30", "--seed", "5", "--lang", "ja", "--out", out]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));

    let spec = Spec { lang: "ja".to_string(), ..Spec::new(30, 5) };
    let expected = temp_dir("cli-library");
    let bundles = generate(&spec).unwrap();
    write_bundles(&expected, &bundles, false).unwrap();
    std::fs::write(expected.join("index.json"), to_pretty_json(&build_index(&bundles))).unwrap();
    assert_eq!(files(&dir), files(&expected));

    let check = bundle(&["check", out]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));

    let big = temp_dir("cli-big");
    let run = bundle(&[
        "synth",
        "--events",
        "1",
        "--seed",
        "1",
        "--takes",
        "50",
        "--lenses",
        "7",
        "--out",
        big.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let index: CollectionIndex =
        serde_json::from_str(&std::fs::read_to_string(big.join("index.json")).unwrap()).unwrap();
    assert_eq!((index.events[0].counts.takes, index.events[0].counts.lenses), (50, 7));
}

#[test]
fn refuses_a_folder_that_is_not_empty_unless_forced() {
    let dir = write("not-empty", &Spec::new(3, 1));
    let out = dir.to_str().unwrap();
    let run = bundle(&["synth", "--events", "3", "--seed", "2", "--out", out]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("exists and is not empty"));

    let run = bundle(&["synth", "--events", "3", "--seed", "2", "--out", out, "--force"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(dir.join("index.json").is_file());
}

#[test]
fn refuses_to_write_into_the_shipped_collection() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data");
    let before = files(&shipped);
    let bundles = generate(&Spec::new(2, 1)).unwrap();
    for dir in [shipped.clone(), shipped.join("synthetic"), shipped.join("zh/n/../../synthetic")] {
        let error = write_bundles(&dir, &bundles, true).unwrap_err();
        assert!(error.contains("refusing to write synthetic events inside the shipped collection"), "{error}");
    }
    // Through the CLI: a path through a symbolic link into the repository, and a relative one.
    let link = temp_dir("link-to-public");
    std::fs::create_dir_all(&link).unwrap();
    std::os::unix::fs::symlink(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public"), link.join("public"))
        .unwrap();
    let run = bundle(&[
        "synth",
        "--events",
        "2",
        "--seed",
        "1",
        "--force",
        "--out",
        link.join("public/data/x").to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("inside the shipped collection"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let run = Command::new(env!("CARGO_BIN_EXE_bundle"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .args(["synth", "--events", "2", "--seed", "1", "--out", "public/data/synthetic"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(files(&shipped), before, "something was written into public/data");
}
