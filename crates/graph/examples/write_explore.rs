//! Writes the explore page's files for a collection index, for trying the explorer on any
//! collection and for the explore benchmark:
//!
//!     cargo run --release -p eventlens-bundle --bin bundle -- synth --events 10000 --seed 7 --out DIR
//!     cargo run --release -p eventlens-graph --example write_explore -- DIR/index.json OUT
//!
//! OUT gets `layout.bin` and the label chunks (what the site build puts in `data/graph/`). It
//! prints the time to lay out and encode the graph, and every file's size.

use std::path::PathBuf;
use std::time::Instant;

use eventlens_format::index::CollectionIndex;

fn main() {
    if let Err(e) = run() {
        eprintln!("write_explore: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [index, out] = args.as_slice() else {
        return Err("usage: write_explore INDEX_JSON OUT_DIR".into());
    };
    let started = Instant::now();
    let text = std::fs::read_to_string(index).map_err(|e| format!("{index}: {e}"))?;
    let index_data: CollectionIndex = serde_json::from_str(&text).map_err(|e| format!("{index}: {e}"))?;
    let read = started.elapsed();
    let started = Instant::now();
    let files = eventlens_graph::explore::explore_files(&index_data.nodes, &index_data.edges)
        .map_err(|e| format!("{index}: {e}"))?;
    let built = started.elapsed();
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut total = 0;
    for (name, bytes) in &files {
        let path = out.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        total += bytes.len();
    }
    let labels: Vec<usize> = files[1..].iter().map(|(_, b)| b.len()).collect();
    println!(
        "{} nodes, {} edges: read the index in {:.2} s, laid out and encoded in {:.2} s",
        index_data.nodes.len(),
        index_data.edges.len(),
        read.as_secs_f64(),
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
    println!("{} files, {total} bytes, in {}", files.len(), out.display());
    Ok(())
}
