//! Times `inline::parse` on hostile inline markdown, each shape at three sizes, and prints the
//! time at full size, the time per input byte at a quarter, half and full size (flat when the
//! parse is linear) and the size of the tree; then each shape cut to the longest summary a bundle
//! may hold; then `validate::parse_bundle` on the hostile bundles of issue 16. It asserts nothing about speed: the figures are for reading, side by side
//! in one run.
//!
//!   cargo bench -p eventlens-format --bench inline_parse
//!
//! The shapes are those of issue 16 (100,000 entity links, 600,000 alternating emphasis markers,
//! deep bracket nesting, long backtick runs, a 1.5 MB quote) and CommonMark's pathological tests.

use std::hint::black_box;
use std::time::{Duration, Instant};

use eventlens_format::inline::{parse, Inline};
use eventlens_format::limits::{MAX_SUMMARY_CHARS, MAX_WATCH_ITEMS, MAX_WATCH_ITEM_CHARS, MAX_WHY_CHARS};
use eventlens_format::model::{to_pretty_json, EventBundle, Lens};
use eventlens_format::validate::parse_bundle;

const SEED: &str = include_str!("../../../public/data/zh/n/anthropic-alibaba-claude-distillation.json");

/// A shape: its name and a generator of about `n` units of it.
type Shape = (&'static str, usize, fn(usize) -> String);

fn shapes() -> Vec<Shape> {
    vec![
        ("entity links", 100_000, |n| "[Anthropic](/zh/entity/anthropic) ".repeat(n)),
        ("alternating *_ openers", 600_000, |n| "*_".repeat(n / 2)),
        ("alternating *_ nested", 300_000, |n| format!("{}x{}", "*_".repeat(n / 2), "_*".repeat(n / 2))),
        ("emphasis pairs *a*", 300_000, |n| "*a* ".repeat(n)),
        ("nested brackets", 300_000, |n| format!("{}a{}", "[".repeat(n), "]".repeat(n))),
        ("nested links", 100_000, |n| format!("{}a{}", "[".repeat(n), "](/zh/entity/a)".repeat(n))),
        ("backtick runs 1..k", 1_500, |n| (1..=n).map(|i| format!("e{}", "`".repeat(i))).collect()),
        ("one backtick run", 1_000_000, |n| "`".repeat(n)),
        ("1.5 MB quote", 500_000, |n| "蒸馏攻击".repeat(n / 4 + 1)[..n * 3 / 3 * 3].to_string()),
        ("nested strong emph", 50_000, |n| format!("{}b{}", "*a **a ".repeat(n), " a** a*".repeat(n))),
        ("emph closers, no openers", 300_000, |n| "a_ ".repeat(n)),
        ("emph openers, no closers", 300_000, |n| "_a ".repeat(n)),
        ("link closers, no openers", 300_000, |n| "a]".repeat(n)),
        ("link openers, no closers", 300_000, |n| "[a".repeat(n)),
        ("mismatched *a_", 300_000, |n| "*a_ ".repeat(n)),
        ("closers multiple of 3", 300_000, |n| format!("a**b{}", "c* ".repeat(n))),
        ("link openers, emph closers", 300_000, |n| "[ a_".repeat(n)),
        ("[ (]( pattern", 300_000, |n| format!("[ ({}", "](".repeat(n))),
        ("unclosed <dest", 300_000, |n| "[a](<b".repeat(n)),
        ("nested block quotes", 100_000, |n| format!("{}a", "> ".repeat(n))),
        ("deep quote, many elements", 20_000, |n| format!("{}a\n{}", "> ".repeat(n), "*b*\n".repeat(n))),
        ("deep quote, lazy lines", 40_000, |n| format!("{}a\n{}", ">".repeat(n), "b\n".repeat(n / 2))),
        ("deep list, lazy lines", 40_000, |n| format!("{}a\n{}", "- ".repeat(n / 2), "b\n".repeat(n / 2))),
        ("deep ordered list, lazy", 40_000, |n| format!("{}a\n{}", "1. ".repeat(n / 3), "b\n".repeat(n / 2))),
        ("deep list by indent, lazy", 2_000, |n| {
            let items: String = (0..n).map(|i| format!("{}- a\n", "  ".repeat(i))).collect();
            format!("{items}{}", "b\n".repeat(n * n / 2))
        }),
        ("nested lists", 10_000, |n| (0..n).map(|i| format!("{}- a\n", "  ".repeat(i))).collect()),
        ("reference links", 100_000, |n| format!("[a]: /zh/entity/a\n\n{}", "[a] ".repeat(n))),
        ("raw html", 300_000, |n| "<a href=x>".repeat(n)),
    ]
}

/// Nodes and depth of a tree, without recursion: the tree may be as deep as the input is long.
fn measure(nodes: &[Inline]) -> (usize, usize) {
    let (mut count, mut depth) = (0, 0);
    let mut stack: Vec<(&[Inline], usize)> = vec![(nodes, 1)];
    while let Some((level, d)) = stack.pop() {
        for node in level {
            count += 1;
            depth = depth.max(d);
            if let Inline::Strong(c)
            | Inline::Emphasis(c)
            | Inline::Strikethrough(c)
            | Inline::Link { children: c, .. } = node
            {
                stack.push((c, d + 1));
            }
        }
    }
    (count, depth)
}

/// The median of `runs` parses, and the tree of the last.
fn time(source: &str, runs: usize) -> (Duration, Vec<Inline>) {
    let mut times = Vec::with_capacity(runs);
    let mut last = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let nodes = black_box(parse(black_box(source)));
        times.push(start.elapsed());
        // Keep the tree out of the timing: dropping a deep one is its own cost.
        std::mem::forget(std::mem::replace(&mut last, nodes));
    }
    times.sort();
    (times[runs / 2], last)
}

/// The seed bundle changed into each hostile bundle of issue 16, as JSON.
fn hostile_bundles() -> Vec<(&'static str, String)> {
    let seed: EventBundle = serde_json::from_str(SEED).expect("the seed bundle");
    let edit = |f: &dyn Fn(&mut EventBundle)| {
        let mut b = seed.clone();
        f(&mut b);
        to_pretty_json(&b)
    };
    vec![
        ("the seed", SEED.to_string()),
        (
            "summary of 100,000 entity links",
            edit(&|b| b.summary = "[Anthropic](/zh/entity/anthropic) ".repeat(100_000)),
        ),
        ("summary of 600,000 *_ markers", edit(&|b| b.summary = "*_".repeat(300_000))),
        ("watch of 50,000 items", edit(&|b| b.watch = (0..50_000).map(|i| format!("item {i}")).collect())),
        (
            "5,000 lenses of one take",
            edit(&|b| {
                let take = b.lenses[0].takes[0].clone();
                b.lenses = (0..5_000).map(|i| Lens { name: format!("lens {i}"), takes: vec![take.clone()] }).collect();
            }),
        ),
        ("a 1.5 MB quote", edit(&|b| b.lenses[0].takes[0].quote = Some("蒸馏攻击".repeat(125_000)))),
        // Within every length limit, but 62,000 reference links: costly per link, and refused.
        (
            "reference links in every text",
            edit(&|b| {
                let links = |chars: usize| format!("[a]: /zh/entity/anthropic\n\n{}", "[a] ".repeat(chars / 4 - 8));
                b.summary = links(MAX_SUMMARY_CHARS);
                b.why_it_matters = links(MAX_WHY_CHARS);
                b.watch = vec![links(MAX_WATCH_ITEM_CHARS); MAX_WATCH_ITEMS];
            }),
        ),
    ]
}

/// Each shape cut to the longest summary a bundle may hold, as the app meets it.
fn at_the_limit(filter: Option<&str>) {
    println!("\n{:<28} {:>9} {:>9} {:>9} {:>8}", "shape at MAX_SUMMARY_CHARS", "bytes", "µs", "nodes", "depth");
    for (name, n, make) in shapes() {
        if filter.is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let mut size = n / 64 + 1;
        let mut source = make(size);
        while source.chars().count() < MAX_SUMMARY_CHARS && size < n * 4 {
            size *= 2;
            source = make(size);
        }
        if let Some((cut, _)) = source.char_indices().nth(MAX_SUMMARY_CHARS) {
            source.truncate(cut);
        }
        let (t, nodes) = time(&source, 21);
        let (count, depth) = measure(&nodes);
        println!("{name:<28} {:>9} {:>9.0} {count:>9} {depth:>8}", source.len(), t.as_secs_f64() * 1e6);
    }
}

fn bundles(filter: Option<&str>) {
    println!("\n{:<34} {:>9} {:>10}  result", "validate::parse_bundle", "bytes", "ms");
    for (name, json) in hostile_bundles() {
        if filter.is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let mut times = Vec::new();
        let mut result = String::new();
        for _ in 0..5 {
            let start = Instant::now();
            let parsed = black_box(parse_bundle(black_box(&json)));
            times.push(start.elapsed());
            result = match parsed {
                Ok(_) => "accepted".to_string(),
                Err(problems) => format!("refused: {}", problems[0]),
            };
        }
        times.sort();
        result.truncate(90);
        println!("{name:<34} {:>9} {:>10.1}  {result}", json.len(), times[2].as_secs_f64() * 1e3);
    }
}

fn main() {
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    // A deep tree (before the nesting limit) is dropped by recursion; give it room.
    let worker = std::thread::Builder::new().stack_size(4 << 30).spawn(move || {
        println!(
            "{:<28} {:>9} {:>9} {:>26} {:>9} {:>8}",
            "shape", "bytes", "ms", "ns/byte at n/4, n/2, n", "nodes", "depth"
        );
        for (name, n, make) in shapes() {
            if filter.as_deref().is_some_and(|f| !name.contains(f)) {
                continue;
            }
            let mut per_byte = Vec::new();
            let mut last = (0, Duration::ZERO, Vec::new());
            for size in [n / 4, n / 2, n] {
                let source = make(size);
                let runs = if source.len() > 2_000_000 { 3 } else { 7 };
                let (t, nodes) = time(&source, runs);
                per_byte.push(format!("{:.0}", t.as_nanos() as f64 / source.len() as f64));
                last = (source.len(), t, nodes);
            }
            let (bytes, t, nodes) = last;
            let (count, depth) = measure(&nodes);
            println!(
                "{name:<28} {bytes:>9} {:>9.1} {:>26} {count:>9} {depth:>8}",
                t.as_secs_f64() * 1e3,
                per_byte.join(", "),
            );
        }
        at_the_limit(filter.as_deref());
        bundles(filter.as_deref());
    });
    worker.expect("spawn").join().expect("bench thread");
}
