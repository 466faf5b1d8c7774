//! Times `validate::parse_bundle`, as the app runs it on every load, on the worst valid bundle
//! and on each bundle one over a limit (`bundle limits`), and `inline::parse` on the worst
//! bundle's inline texts as the app renders them. Prints medians; asserts nothing.
//!
//!   cargo bench -p eventlens-bundle --bench limits

use std::hint::black_box;
use std::time::{Duration, Instant};

use eventlens_bundle::worst::{one_over, worst_valid};
use eventlens_format::inline;
use eventlens_format::model::to_pretty_json;
use eventlens_format::validate::parse_bundle;

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let worst = worst_valid("zh");
    let json = to_pretty_json(&worst);
    let parse = median(9, || assert!(black_box(parse_bundle(black_box(&json))).is_ok()));
    println!("worst valid bundle, {} bytes: parse_bundle {:.1} ms", json.len(), parse.as_secs_f64() * 1e3);
    let texts: Vec<&String> = [&worst.summary, &worst.why_it_matters].into_iter().chain(&worst.watch).collect();
    let render = median(9, || {
        for text in &texts {
            black_box(inline::parse(black_box(text)));
        }
    });
    println!("its {} inline texts: inline::parse {:.1} ms in all", texts.len(), render.as_secs_f64() * 1e3);

    println!("\n{:<28} {:>9} {:>9}  refused with", "one over", "bytes", "ms");
    for case in one_over("zh") {
        let json = to_pretty_json(&case.bundle);
        let mut problem = String::new();
        let time = median(5, || problem = black_box(parse_bundle(&json)).unwrap_err()[0].to_string());
        problem.truncate(70);
        println!("{:<28} {:>9} {:>9.2}  {problem}", case.name, json.len(), time.as_secs_f64() * 1e3);
    }
}
