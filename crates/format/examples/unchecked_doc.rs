//! Writes the event document (`EventDoc`, what the app reads on a built site) of bundles that
//! the site build would refuse, so that a test can serve one to the app and see it refused there
//! too, with a located error:
//!
//!     cargo run --release -p eventlens-format --example unchecked_doc -- OUT_DIR BUNDLE.json...
//!
//! Each bundle is read with serde alone (no limits, no rules: a bundle over a limit or with a
//! `javascript:` URL goes through) and written as `OUT_DIR/{file name}`, converted as the site
//! build converts a good one (`EventBundle::to_doc`, serialised compactly). For tests and
//! fixtures only: `bundle site` is the one way to make a site's documents, and it checks every
//! bundle first.

use std::path::Path;

use eventlens_format::model::EventBundle;

fn main() {
    if let Err(e) = run() {
        eprintln!("unchecked_doc: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out, bundles @ ..] = args.as_slice() else {
        return Err("usage: unchecked_doc OUT_DIR BUNDLE.json...".into());
    };
    if bundles.is_empty() {
        return Err("usage: unchecked_doc OUT_DIR BUNDLE.json...".into());
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{out}: {e}"))?;
    for file in bundles {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let bundle: EventBundle = serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
        let name = Path::new(file).file_name().ok_or_else(|| format!("{file}: not a file"))?;
        let target = Path::new(out).join(name);
        let doc = serde_json::to_string(&bundle.to_doc()).map_err(|e| format!("{file}: {e}"))?;
        std::fs::write(&target, doc).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(())
}
