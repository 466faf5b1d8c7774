//! The cards as a reader sees them: decoded pixels, not the SVG. Each card drawn here is also
//! written to `target/webmeta-cards/` to be looked at.

use std::sync::OnceLock;

use resvg::tiny_skia::Pixmap;

use super::layout::{BACKGROUND, MARGIN, PALETTE};
use super::wrap::{Measured, ELLIPSIS};
use super::*;
use crate::collection::entity_pages;
use crate::testdata::{english_fixture, seed};

fn fonts() -> &'static CardFonts {
    static FONTS: OnceLock<CardFonts> = OnceLock::new();
    FONTS.get_or_init(|| CardFonts::system().expect("Noto Sans CJK is installed (apt-get install fonts-noto-cjk)"))
}

fn renderer() -> CardRenderer<'static> {
    CardRenderer::new(fonts())
}

/// Writes `png` to `target/webmeta-cards/{name}.png` for a person (or the e2e folder) to see.
fn keep(name: &str, png: &[u8]) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/webmeta-cards");
    std::fs::create_dir_all(&dir).expect("target/ is writable");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("target/ is writable");
}

fn rgb(hex: &str) -> [u8; 3] {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap();
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
}

fn pixel(p: &Pixmap, x: u32, y: u32) -> [u8; 3] {
    let c = p.pixel(x, y).unwrap().demultiply();
    [c.red(), c.green(), c.blue()]
}

/// Pixels in the rectangle that are not the background.
fn inked(p: &Pixmap, x: std::ops::Range<u32>, y: std::ops::Range<u32>) -> usize {
    let bg = rgb(BACKGROUND);
    y.flat_map(|y| x.clone().map(move |x| (x, y))).filter(|&(x, y)| pixel(p, x, y) != bg).count()
}

/// Every pixel within the margin band is exactly the background.
fn assert_margins_clear(p: &Pixmap, name: &str) {
    let m = MARGIN as u32;
    let (w, h) = (p.width(), p.height());
    let band = [(0..w, 0..m), (0..w, h - m..h), (0..m, 0..h), (w - m..w, 0..h)];
    for (x, y) in band {
        assert_eq!(inked(p, x.clone(), y.clone()), 0, "{name}: something drawn in the margin {x:?}×{y:?}");
    }
}

fn decode(png: &[u8]) -> Pixmap {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    Pixmap::decode_png(png).expect("a PNG that decodes")
}

fn title_lines(svg: &CardSvg) -> Vec<String> {
    // The title's lines are the bold 50–68 px texts after the header's two.
    svg.text
        .lines()
        .filter(|l| l.starts_with("<text") && l.contains("font-weight=\"700\"") && !l.contains(">eventlens<"))
        .map(|l| l.rsplit_once("\">").unwrap().1.trim_end_matches("</text>").to_string())
        .collect()
}

#[test]
fn the_seed_card_is_a_1200_by_630_png_under_300_kb_with_title_and_bar() {
    let b = seed();
    let png = renderer().event_png(&b).unwrap();
    keep("seed", &png);
    assert!(png.len() < 300 * 1024, "{} bytes", png.len());
    let p = decode(&png);
    assert_eq!((p.width(), p.height()), (1200, 630));
    assert_margins_clear(&p, "seed");
    // The title's first line (Anthropic指控…) starts at the left margin under the header.
    assert!(inked(&p, 60..600, 135..200) > 2_000, "title pixels are blank");
    // The bar: its first segment is the first lens's colour, and it spans the content width.
    assert_eq!(pixel(&p, 70, 536), rgb(PALETTE[0]));
    assert_eq!(inked(&p, 60..1140, 536..537), 1080, "the bar runs margin to margin");
    // Each lens's segment is there, in order, in its colour.
    let svg = renderer().event_svg(&EventCardContent::of(&b)).unwrap();
    for (i, lens) in b.lenses.iter().enumerate() {
        assert!(lens.takes.is_empty() || svg.text.contains(PALETTE[i % 8]), "lens {i} has no segment");
    }
    assert!(svg.text.contains(">17 条观点 · 6 个视角 · 8 个地区</text>"), "counts in Chinese");
    assert!(svg.text.contains(">2026年6月24日</text>"), "the date as the page shows it");
    assert_eq!(title_lines(&svg).concat(), b.title, "the whole title, wrapped, nothing cut");
}

#[test]
fn an_english_card_counts_in_english() {
    let b = english_fixture();
    let svg = renderer().event_svg(&EventCardContent::of(&b)).unwrap();
    assert!(svg.text.contains(">3 takes · 2 lenses · 2 regions</text>"), "{}", svg.text);
    assert!(svg.text.contains(">2 May 2026</text>"));
    let png = renderer().png(&svg).unwrap();
    keep("english", &png);
    let p = decode(&png);
    assert_margins_clear(&p, "english");
    // Two lenses of 2 and 1 takes: the bar turns from the first colour to the second at 2/3.
    assert_eq!(pixel(&p, 60 + 700, 536), rgb(PALETTE[0]));
    assert_eq!(pixel(&p, 60 + 740, 536), rgb(PALETTE[1]));
}

#[test]
fn long_titles_wrap_then_end_in_an_ellipsis_inside_the_margins() {
    let chinese =
        "美国商务部宣布对人工智能芯片出口实施新一轮全面管制措施，涵盖先进制程、云计算访问与模型权重，".repeat(4);
    let english = "Commerce Department announces a sweeping new round of export controls on advanced artificial \
                   intelligence chips, cloud computing access and model weights, with exemptions for allies "
        .repeat(3);
    let unbreakable = format!("Supercalifragilistic{}", "expialidocious".repeat(20));
    // Scripts Noto Sans CJK lacks, drawn from fallback faces measured in those faces.
    let mixed = "Reuters: الذكاء الاصطناعي والرقائق — Ελλάδα ✓ नमस्ते 🙂 ".repeat(4);
    let titles = [("long-zh", chinese.as_str()), ("long-en", &english), ("long-word", &unbreakable), ("mixed", &mixed)];
    for (name, title) in titles {
        let mut b = if name == "long-zh" { seed() } else { english_fixture() };
        b.title = title.to_string();
        let svg = renderer().event_svg(&EventCardContent::of(&b)).unwrap();
        let lines = title_lines(&svg);
        assert!(lines.len() <= 5, "{name}: {} lines", lines.len());
        assert!(lines.last().unwrap().ends_with(ELLIPSIS), "{name}: {lines:?}");
        let png = renderer().png(&svg).unwrap();
        keep(name, &png);
        assert_margins_clear(&decode(&png), name);
        if name == "long-en" {
            // Cut at a word: the line before the ellipsis ends in a whole word of the title.
            let last = lines.last().unwrap().trim_end_matches(ELLIPSIS);
            let word = last.rsplit(' ').next().unwrap();
            assert!(english.split(' ').any(|w| w == word), "{word:?} is a cut word");
            assert!(lines.iter().all(|l| !l.starts_with(' ') && !l.ends_with(' ')), "{lines:?}");
        }
    }
}

#[test]
fn markup_in_a_title_is_drawn_as_text() {
    let mut b = english_fixture();
    b.title = "</text><script>alert(1)</script><text> & \"quotes\"".into();
    let svg = renderer().event_svg(&EventCardContent::of(&b)).unwrap();
    assert!(!svg.text.contains("<script>"), "{}", svg.text);
    assert!(svg.text.contains("&lt;/text&gt;&lt;script&gt;"));
    assert_margins_clear(&decode(&renderer().png(&svg).unwrap()), "markup");
}

#[test]
fn control_characters_in_data_are_not_drawn_and_do_not_fail_the_card() {
    let pages = entity_pages(&[seed()]);
    let mut entity = pages.iter().find(|p| p.slug == "anthropic").unwrap().clone();
    entity.name = "javascript\u{0}:window.__xss=true;\u{7}alert(1)\nnext".into();
    let svg = renderer().entity_svg(&EntityCardContent::of(&entity)).unwrap();
    assert!(svg.text.contains(">javascript:window.__xss=true</text>"), "{}", svg.text);
    assert!(svg.text.contains(">;alert(1) next</text>"), "{}", svg.text);
    assert!(!svg.text.chars().any(|c| c.is_control() && c != '\n'), "{}", svg.text);
    let mut b = english_fixture();
    b.title = "A title\u{0}with a NUL\u{1b}[31m and an escape".into();
    let png = renderer().png(&renderer().event_svg(&EventCardContent::of(&b)).unwrap()).unwrap();
    assert_margins_clear(&decode(&png), "control characters");
}

#[test]
fn entity_cards_show_the_name_and_the_newest_events() {
    let mut older = seed();
    older.slug = "older".into();
    older.date = "2026-05-01".into();
    older.title =
        "较早的事件：一个非常非常长的标题，长到一行放不下，必须截断并以省略号结尾，否则会画到边距之外去".into();
    let pages = entity_pages(&[seed(), older]);
    let anthropic = pages.iter().find(|p| p.slug == "anthropic").unwrap();
    let svg = renderer().entity_svg(&EntityCardContent::of(anthropic)).unwrap();
    assert!(svg.text.contains(">Anthropic</text>"));
    assert!(svg.text.contains(">2 个事件</text>"));
    assert!(svg.text.contains(">2026年6月24日</text>") && svg.text.contains(">2026年5月1日</text>"));
    assert!(svg.text.contains(&format!("{ELLIPSIS}</text>")), "the long title is cut");
    let png = renderer().png(&svg).unwrap();
    keep("entity-anthropic", &png);
    assert!(png.len() < 300 * 1024);
    let p = decode(&png);
    assert_margins_clear(&p, "entity");
    assert!(inked(&p, 60..400, 130..220) > 1_000, "the name is drawn");

    let mut long = anthropic.clone();
    long.name = "International Business Machines Corporation and Subsidiaries Worldwide Holdings".into();
    let png = renderer().entity_png(&long).unwrap();
    keep("entity-long-name", &png);
    assert_margins_clear(&decode(&png), "entity long name");
}

#[test]
fn chinese_breaks_between_characters_and_english_at_spaces() {
    let face = fonts().face("zh", fonts::Weighting::Bold);
    let m = face.measurer();
    // Noto Sans CJK's ideographs are one em wide: ten fit in 10 em, the eleventh wraps.
    let zh = Measured::new("一二三四五六七八九十甲乙丙", &m);
    assert_eq!(zh.wrap(10.0, 100.0, 3), (vec!["一二三四五六七八九十".to_string(), "甲乙丙".to_string()], false));
    // Never a comma at the start of a line: the character before it moves down with it.
    let comma = Measured::new("一二三四五六七八九十，甲", &m);
    let (lines, _) = comma.wrap(10.0, 100.0, 3);
    assert!(!lines[1].starts_with('，'), "{lines:?}");
    let en = Measured::new("alpha beta gamma delta", &m);
    let width = Measured::new("alpha beta gamma", &m).total() * 10.0;
    assert_eq!(en.wrap(10.0, width + 1.0, 3).0, ["alpha beta gamma", "delta"]);
    let (cut, was_cut) = en.wrap(10.0, width + 1.0, 1);
    assert!(was_cut && cut[0].ends_with(ELLIPSIS) && cut[0].starts_with("alpha"), "{cut:?}");
}

#[test]
fn the_key_follows_what_the_card_shows() {
    let b = seed();
    let key = |b: &EventBundle| EventCardContent::of(b).key(fonts());
    let seed_key = key(&b);
    assert_eq!(seed_key.len(), 32);
    assert_eq!(key(&seed()), seed_key, "stable");
    let mut edited = b.clone();
    edited.summary = "A summary is not on the card.".into();
    edited.lenses[0].takes[0].outlet = "Nor an outlet's name.".into();
    assert_eq!(key(&edited), seed_key, "unchanged by what the card does not show");
    edited.lenses[0].takes.pop();
    assert_ne!(key(&edited), seed_key, "a take fewer changes the counts and the bar");
    let mut moved = b.clone();
    moved.lenses.swap(0, 1);
    assert_ne!(key(&moved), seed_key, "the bar's order is drawn");
    let entity = |name: &str| {
        let mut page = entity_pages(&[seed()]).remove(0);
        page.name = name.into();
        EntityCardContent::of(&page).key(fonts())
    };
    assert_ne!(entity("A"), entity("B"));
}

/// One palette, two copies until the app takes it from here: they must stay the same.
#[test]
fn the_bar_uses_the_coverage_charts_palette() {
    let chart = include_str!("../../../../src/components/coverage_chart.rs");
    let line = chart.lines().find(|l| l.starts_with("const PALETTE")).expect("the chart's palette");
    let quoted: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
    assert_eq!(quoted, PALETTE);
}
