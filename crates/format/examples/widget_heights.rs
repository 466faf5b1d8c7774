//! Prints `oembed::widget_height`'s estimate for bundles at frame widths, for the page benchmark
//! to set beside the heights Chromium lays out (bench/page/heights.mjs). Not a tool for sites.
//!
//! cargo run -p eventlens-format --example widget_heights -- WIDTH,WIDTH,… BUNDLE.json…
//! prints one line per bundle: `{lang}/n/{slug} height height …`, a height per width.

use eventlens_format::model::EventBundle;
use eventlens_format::oembed::widget_height;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let widths: Vec<u32> = args
        .next()
        .ok_or("usage: widget_heights WIDTH,WIDTH,… BUNDLE.json…")?
        .split(',')
        .map(|w| w.parse().map_err(|_| format!("not a width: {w}")))
        .collect::<Result<_, _>>()?;
    for path in args {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        let bundle: EventBundle = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
        let heights: Vec<String> = widths.iter().map(|&w| widget_height(&bundle, w).to_string()).collect();
        println!("{}/n/{} {}", bundle.lang, bundle.slug, heights.join(" "));
    }
    Ok(())
}
