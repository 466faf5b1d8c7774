//! Coverage at a glance: two stacked bars, takes per lens and takes per region, in the manner
//! of the bias bar readers know from Ground News. The legend under each bar carries the same
//! figures as text, so the picture is never the only way to get them.

use std::sync::Arc;

use eventlens_format::model::EventDoc;
use eventlens_format::pages::paths;
use leptos::prelude::*;

use crate::i18n::Ui;
use crate::reader::lens_anchors;
use crate::site_url::app_url;

/// Eight hues that stay apart in both themes and for the common colour-vision deficiencies
/// (Okabe–Ito, with black replaced by grey so it shows on the dark theme).
const PALETTE: [&str; 8] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];

struct Segment {
    label: String,
    count: usize,
    href: Option<String>,
}

#[component]
pub fn CoverageChart(doc: Arc<EventDoc>, ui: Ui) -> impl IntoView {
    let bundle = doc;
    let anchors = lens_anchors(&bundle.lenses);
    // The full path, not a bare `#anchor`: under a sub-folder `<base href>` a bare fragment
    // would resolve against the base and leave the page.
    let page = app_url(&paths::event_page(&bundle.lang, &bundle.slug));
    let by_lens: Vec<Segment> = bundle
        .lenses
        .iter()
        .zip(&anchors)
        .map(|(l, a)| Segment { label: l.name.clone(), count: l.takes.len(), href: Some(format!("{page}#{a}")) })
        .collect();
    // One pass over the takes, however many regions: the order is the regions' first appearance.
    let regions = bundle.regions();
    let mut counts = std::collections::HashMap::with_capacity(regions.len());
    for take in bundle.takes() {
        *counts.entry(take.region.as_str()).or_insert(0) += 1;
    }
    let by_region: Vec<Segment> =
        regions.into_iter().map(|r| Segment { label: r.to_string(), count: counts[r], href: None }).collect();
    let (lens_label, region_label) = (ui.by_lens(), ui.by_region());
    view! {
        <section class="coverage" aria-labelledby="coverage-title">
            <h2 id="coverage-title">{ui.coverage()}</h2>
            <Bar title=lens_label segments=by_lens id="coverage-lens"/>
            <Bar title=region_label segments=by_region id="coverage-region"/>
        </section>
    }
}

#[component]
fn Bar(title: &'static str, segments: Vec<Segment>, id: &'static str) -> impl IntoView {
    let total: usize = segments.iter().map(|s| s.count).sum::<usize>().max(1);
    // Integer geometry on a 1000-wide box: exact enough at any width, and it keeps float
    // formatting out of the wasm.
    let description = segments.iter().map(|s| format!("{} {}", s.label, s.count)).collect::<Vec<_>>().join(", ");
    let mut before = 0;
    let rects = segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let x = 1000 * before / total;
            before += s.count;
            let width = 1000 * before / total - x;
            view! { <rect x=x y="0" width=width height="10" fill=PALETTE[i % PALETTE.len()]><title>{format!("{}: {}", s.label, s.count)}</title></rect> }
        })
        .collect_view();
    let legend = segments
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let swatch = view! { <span class="swatch" aria-hidden="true" style=format!("background:{}", PALETTE[i % PALETTE.len()])></span> };
            let text = format!("{} ", s.label);
            match s.href {
                Some(href) => view! { <li>{swatch}<a href=href>{text}<span class="legend-count">{s.count}</span></a></li> }.into_any(),
                None => view! { <li>{swatch}{text}<span class="legend-count">{s.count}</span></li> }.into_any(),
            }
        })
        .collect_view();
    view! {
        <figure class="coverage-bar">
            <figcaption id=format!("{id}-caption")>{title}</figcaption>
            <svg viewBox="0 0 1000 10" preserveAspectRatio="none" role="img"
                aria-labelledby=format!("{id}-caption") aria-describedby=format!("{id}-desc")>
                <desc id=format!("{id}-desc")>{description}</desc>
                {rects}
            </svg>
            <ul class="legend">{legend}</ul>
        </figure>
    }
}
