//! How long the web metadata of a collection takes to build: feeds, sitemaps, head tags and
//! JSON-LD for every page, and share cards, timed and extrapolated to the whole collection.
//!
//!   cargo run --release -p eventlens-webmeta --example webmeta-bench -- DIR [--cards N] [--threads T]
//!
//! DIR holds bundles as `bundle synth --events N --seed 1 --out DIR` writes them (every
//! `*/n/*.json` below it). Cards are the slow part, so only `--cards` of them (default 400) are
//! drawn, on `--threads` threads (default 2), and the figure for the whole collection is the
//! measured rate times its number of pages. Also prints the median of 50 draws of the seed's
//! card, whose real title is longer than the synthetic ones. Nothing is written to disk.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eventlens_format::model::EventBundle;
use eventlens_format::validate::parse_bundle;
use eventlens_webmeta::card::{encode_png, CardFonts, CardRenderer, EntityCardContent, EventCardContent};
use eventlens_webmeta::{collection, crawl, entity_pages, feeds, head, Site};

const SEED: &str = include_str!("../../../public/data/zh/n/anthropic-alibaba-claude-distillation.json");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: webmeta-bench DIR [--cards N] [--threads T]");
        std::process::exit(2);
    };
    let flag = |name: &str, default: usize| -> usize {
        args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map_or(default, |v| {
            v.parse().unwrap_or_else(|_| {
                eprintln!("{name} {v}: not a number");
                std::process::exit(2)
            })
        })
    };
    let (card_sample, threads) = (flag("--cards", 400), flag("--threads", 2).max(1));

    let started = Instant::now();
    let bundles = read_bundles(Path::new(dir));
    println!("read {} bundles in {:.1} s (not counted below)", bundles.len(), started.elapsed().as_secs_f64());
    let site = Site::parse("https://example.com/sub/").expect("a valid base");
    let (entities, t_entities) = timed(|| entity_pages(&bundles));
    let pages = bundles.len() + entities.len();
    println!("{} events, {} entities, {pages} pages", bundles.len(), entities.len());
    report("entity pages", t_entities);
    report("feeds (per language Atom + JSON, per entity Atom)", timed(|| build_feeds(&site, &bundles, &entities)).1);
    let (files, t_sitemap) = timed(|| {
        let urls = crawl::page_urls(&bundles, &entities).expect("valid bundles");
        let mut files = crawl::sitemaps(&site, &urls);
        files.push(crawl::SiteFile { path: "robots.txt".into(), text: crawl::robots_txt(&site) });
        files
    });
    let sitemap_bytes: usize = files.iter().map(|f| f.text.len()).sum();
    report(&format!("sitemaps + robots.txt ({} files, {sitemap_bytes} bytes)", files.len()), t_sitemap);
    report("head tags + JSON-LD for every page", timed(|| build_heads(&site, &bundles, &entities)).1);

    let (fonts, t_fonts) = timed(|| CardFonts::system().expect("fonts-noto-cjk is installed"));
    report(&format!("card fonts, loaded once ({})", fonts.families().join(", ")), t_fonts);
    let renderer = CardRenderer::new(&fonts);
    seed_card_median(&renderer);
    cards(&renderer, &bundles, &entities, card_sample, threads);
}

fn read_bundles(dir: &Path) -> Vec<EventBundle> {
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display())) {
            let path: PathBuf = entry.expect("a readable folder").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") && path.parent().is_some_and(|p| p.ends_with("n")) {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            parse_bundle(&text).unwrap_or_else(|problems| panic!("{}: {problems:?}", p.display()))
        })
        .collect()
}

fn build_feeds(site: &Site, bundles: &[EventBundle], entities: &[eventlens_webmeta::EntityPage]) -> usize {
    let mut langs: Vec<&str> = bundles.iter().map(|b| b.lang.as_str()).collect();
    langs.sort_unstable();
    langs.dedup();
    let mut bytes = 0;
    for lang in langs {
        bytes += feeds::language_atom(site, lang, bundles).expect("valid").len();
        bytes += feeds::language_json_feed(site, lang, bundles).expect("valid").len();
    }
    for e in entities {
        bytes += feeds::entity_atom(site, e).expect("valid").len();
    }
    bytes
}

fn build_heads(site: &Site, bundles: &[EventBundle], entities: &[eventlens_webmeta::EntityPage]) -> usize {
    let event_langs = collection::event_languages(bundles);
    let entity_langs = collection::entity_languages(entities);
    let mut count = 0;
    for b in bundles {
        let tags = head::event_head(site, b, event_langs.of(&b.slug));
        count += tags.metas.len() + tags.json_ld.map_or(0, |j| j.len().min(1));
    }
    for e in entities {
        count += head::entity_head(site, e, entity_langs.of(&e.slug)).metas.len();
    }
    count
}

fn seed_card_median(renderer: &CardRenderer) {
    let seed = parse_bundle(SEED).expect("the seed is valid");
    let content = EventCardContent::of(&seed);
    let (mut whole, mut layout, mut draw, mut encode) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut size = 0;
    for _ in 0..50 {
        let (png, t) = timed(|| renderer.render_event(&content).expect("the seed's card"));
        whole.push(t);
        size = png.len();
        // The same steps one by one (the SVG parsed twice here, once in render_event).
        let (svg, t_layout) = timed(|| renderer.event_svg(&content).expect("the seed's card"));
        let (pixmap, t_draw) = timed(|| renderer.draw(&svg).expect("the seed's card"));
        let (_, t_encode) = timed(|| encode_png(&pixmap).expect("the seed's card"));
        layout.push(t_layout);
        draw.push(t_draw);
        encode.push(t_encode);
    }
    println!(
        "seed card, median of 50: {:.2} ms, {size} bytes (steps: layout and fit check, which parses, {:.2}; \
         parse again and draw {:.2}; PNG {:.2})",
        median_ms(&mut whole),
        median_ms(&mut layout),
        median_ms(&mut draw),
        median_ms(&mut encode)
    );
}

fn cards(
    renderer: &CardRenderer,
    bundles: &[EventBundle],
    entities: &[eventlens_webmeta::EntityPage],
    sample: usize,
    threads: usize,
) {
    let events: Vec<EventCardContent> = bundles.iter().take(sample).map(EventCardContent::of).collect();
    let entity_cards: Vec<EntityCardContent> = entities.iter().take(sample / 4).map(EntityCardContent::of).collect();
    let drawn = events.len() + entity_cards.len();
    let cpu_before = cpu_seconds();
    let (bytes, elapsed) = timed(|| {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    let (events, entity_cards) = (&events, &entity_cards);
                    scope.spawn(move || {
                        let mut bytes = 0;
                        for c in events.iter().skip(t).step_by(threads) {
                            bytes += renderer.render_event(c).expect("card").len();
                        }
                        for c in entity_cards.iter().skip(t).step_by(threads) {
                            bytes += renderer.render_entity(c).expect("card").len();
                        }
                        bytes
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().expect("a worker")).sum::<usize>()
        })
    });
    let cpu_per_card = cpu_seconds().zip(cpu_before).map(|(after, before)| (after - before) / drawn.max(1) as f64);
    let per_card = elapsed.as_secs_f64() / drawn.max(1) as f64;
    let pages = bundles.len() + entities.len();
    println!(
        "cards: {drawn} drawn on {threads} threads in {:.2} s, {:.2} ms/card wall ({:.2} ms/card/thread), {} bytes mean",
        elapsed.as_secs_f64(),
        per_card * 1e3,
        per_card * 1e3 * threads as f64,
        bytes / drawn.max(1)
    );
    println!("cards for all {pages} pages, estimated: {:.0} s on {threads} threads", per_card * pages as f64);
    if let Some(cpu) = cpu_per_card {
        // CPU time is what the cards cost when the cores are not shared with anything else.
        println!(
            "cards, CPU time: {:.2} ms/card; all {pages} pages on {threads} idle cores: {:.0} s",
            cpu * 1e3,
            cpu * pages as f64 / threads as f64
        );
    }
    let all: Vec<EventCardContent> = bundles.iter().map(EventCardContent::of).collect();
    let (_, t_keys) = timed(|| all.iter().map(|c| c.key(renderer.fonts())).collect::<Vec<String>>());
    report(&format!("card keys for all {} events (the cost of a fully cached build)", all.len()), t_keys);
}

/// This process's user + system CPU time, from /proc (Linux; clock ticks of 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn report(what: &str, took: Duration) {
    println!("{what}: {:.3} s wall", took.as_secs_f64());
}

fn median_ms(times: &mut [Duration]) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}
