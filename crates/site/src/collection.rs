//! Reading a collection: every bundle at `DIR/{lang}/n/{slug}.json`, parsed and validated, with
//! every problem named by file and field. Nothing is skipped: one bad bundle fails the whole
//! read, and the caller builds nothing from it.
//!
//! A bundle whose exact bytes this same program checked in the previous build (the caller
//! passes their fingerprints) is parsed without being checked again: at 100,000 events the
//! checks cost more than anything else a one-event rebuild does.
//!
//! Not here: what a valid bundle is (`eventlens_format::validate` decides).

use std::collections::HashSet;
use std::fs;
use std::hash::{Hash, Hasher};

use crate::Fingerprinter;
use std::path::{Path, PathBuf};

use eventlens_format::model::EventBundle;
use eventlens_format::validate::{parse_bundle, parse_bundle_checked_before};
use rayon::prelude::*;

/// How many bundles are read at once.
const READERS: usize = 8;

/// `DIR/{lang}/n/*.json`, sorted so every build reads them in the same order.
pub fn bundle_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let langs = fs::read_dir(dir).map_err(|e| format!("{}: cannot read folder: {e}", dir.display()))?;
    for lang in langs.flatten() {
        let events = lang.path().join("n");
        let Ok(entries) = fs::read_dir(&events) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    // By their bytes: as deterministic as by components, and far cheaper for 100,000 paths.
    out.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    Ok(out)
}

/// Reads and checks one bundle file; problems come back as `FILE: $.path: message` lines.
pub fn read_bundle(file: &Path) -> Result<EventBundle, Vec<String>> {
    read_bundle_and_print(file, &HashSet::new()).map(|(bundle, _)| bundle)
}

/// The bundle and a fingerprint of its bytes: what a build needs to know whether anything made
/// from the bundle alone must be made again. `checked`: fingerprints of bundles checked before.
fn read_bundle_and_print(file: &Path, checked: &HashSet<u64>) -> Result<(EventBundle, u64), Vec<String>> {
    let text = fs::read_to_string(file).map_err(|e| vec![format!("{}: cannot read: {e}", file.display())])?;
    let mut h = Fingerprinter::new();
    text.hash(&mut h);
    let print = h.finish();
    let parsed = if checked.contains(&print) { parse_bundle_checked_before(&text) } else { parse_bundle(&text) };
    let bundle =
        parsed.map_err(|problems| problems.iter().map(|p| format!("{}: {p}", file.display())).collect::<Vec<_>>())?;
    Ok((bundle, print))
}

/// Every bundle of the collection at `dir`, each checked, and each at the path its own `lang`
/// and `slug` name. All problems of all files, or the bundles in file order with their
/// fingerprints. `checked`: the fingerprints of bundles this same program has checked before,
/// which are parsed without being checked again.
pub fn read_collection(dir: &Path, checked: &HashSet<u64>) -> Result<(Vec<EventBundle>, Vec<u64>), Vec<String>> {
    let files = bundle_files(dir).map_err(|e| vec![e])?;
    if files.is_empty() {
        return Err(vec![format!("{}: no bundles (*/n/*.json) in this folder", dir.display())]);
    }
    // More readers than cores: a bundle that is not in the page cache waits on the disk, and
    // 100,000 small reads one per core at a time took 6.5 s on a 2-core machine whose cache a
    // full build had just filled with its output.
    let readers = rayon::ThreadPoolBuilder::new()
        .num_threads(READERS.max(rayon::current_num_threads()))
        .build()
        .map_err(|e| vec![format!("cannot start the readers: {e}")])?;
    let read: Vec<Result<(EventBundle, u64), Vec<String>>> = readers.install(|| {
        files
            .par_iter()
            .map(|file| {
                let (bundle, print) = read_bundle_and_print(file, checked)?;
                let expected = dir.join(&bundle.lang).join("n").join(format!("{}.json", bundle.slug));
                if expected != *file {
                    return Err(vec![format!(
                        "{}: $.slug/$.lang: the bundle says {}/n/{} and so belongs at {}",
                        file.display(),
                        bundle.lang,
                        bundle.slug,
                        expected.display()
                    )]);
                }
                Ok((bundle, print))
            })
            .collect()
    });
    let mut bundles = Vec::with_capacity(read.len());
    let mut prints = Vec::with_capacity(read.len());
    let mut errors = Vec::new();
    for result in read {
        match result {
            Ok((bundle, print)) => {
                bundles.push(bundle);
                prints.push(print);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok((bundles, prints))
    } else {
        Err(errors)
    }
}
