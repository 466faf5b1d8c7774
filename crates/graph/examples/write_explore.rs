//! Writes the explore page's files for a collection index, for trying the explorer on any
//! collection and for the explore benchmark:
//!
//!     cargo run --release -p eventlens-bundle --bin bundle -- synth --events 10000 --seed 7 --out DIR
//!     cargo run --release -p eventlens-graph --example write_explore -- DIR/index.json OUT [--update]
//!
//! OUT gets `layout.bin` and the label chunks (what the site build puts in `data/graph/`). It
//! prints the time to lay out and encode the graph, and every file's size. With `--update`, the
//! files already in OUT are updated for the index instead (`explore::update`: no new layout),
//! only files whose bytes changed are written, and label chunks no longer listed are removed.

use std::path::PathBuf;
use std::time::Instant;

use eventlens_format::index::CollectionIndex;
use eventlens_graph::explore;

fn main() {
    if let Err(e) = run() {
        eprintln!("write_explore: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (index, out, incremental) = match args.as_slice() {
        [index, out] => (index, out, false),
        [index, out, flag] if flag == "--update" => (index, out, true),
        _ => return Err("usage: write_explore INDEX_JSON OUT_DIR [--update]".into()),
    };
    let started = Instant::now();
    let text = std::fs::read_to_string(index).map_err(|e| format!("{index}: {e}"))?;
    let index_data: CollectionIndex = serde_json::from_str(&text).map_err(|e| format!("{index}: {e}"))?;
    let read = started.elapsed();
    let out = PathBuf::from(out);
    let started = Instant::now();
    let files = if incremental {
        let layout = std::fs::read(out.join(explore::LAYOUT_FILE)).map_err(|e| format!("{}: {e}", out.display()))?;
        let (previous, chunks) =
            explore::read_files(&layout, |name| std::fs::read(out.join(name)).ok()).map_err(|e| e.to_string())?;
        let (layout, chunks) = explore::update(&previous, &chunks, &index_data.nodes, &index_data.edges)
            .map_err(|e| format!("{index}: {e}"))?;
        let mut files = vec![(explore::LAYOUT_FILE.to_string(), layout.encode())];
        files.extend(chunks.iter().enumerate().map(|(k, c)| (layout.label_file(k), c.encode())));
        files
    } else {
        explore::explore_files(&index_data.nodes, &index_data.edges).map_err(|e| format!("{index}: {e}"))?
    };
    let built = started.elapsed();
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let (mut total, mut written) = (0, 0);
    for (name, bytes) in &files {
        let path = out.join(name);
        total += bytes.len();
        if std::fs::read(&path).ok().as_ref() != Some(bytes) {
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            written += 1;
        }
    }
    for entry in std::fs::read_dir(&out).map_err(|e| format!("{}: {e}", out.display()))?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("labels-") && !files.iter().any(|(f, _)| *f == name) {
            std::fs::remove_file(entry.path()).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    let labels: Vec<usize> = files[1..].iter().map(|(_, b)| b.len()).collect();
    println!(
        "{} nodes, {} edges: read the index in {:.2} s, {} and encoded in {:.2} s",
        index_data.nodes.len(),
        index_data.edges.len(),
        read.as_secs_f64(),
        if incremental { "updated" } else { "laid out" },
        built.as_secs_f64()
    );
    println!("{}: {} bytes", files[0].0, files[0].1.len());
    println!(
        "{} label chunks: {} bytes in all, {} to {} each",
        labels.len(),
        labels.iter().sum::<usize>(),
        labels.iter().min().unwrap_or(&0),
        labels.iter().max().unwrap_or(&0)
    );
    println!(
        "{} files, {total} bytes, in {}; {written} written (the others were unchanged)",
        files.len(),
        out.display()
    );
    Ok(())
}
