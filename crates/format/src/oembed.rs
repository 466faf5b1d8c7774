//! How an event is embedded on another site: the snippet a partner pastes, the oEmbed 1.0
//! document that lets a partner's CMS turn a pasted event link into that snippet (`bundle site`
//! writes one per event at `/oembed/{lang}/n/{slug}.json`), and the height the widget will have.
//!
//! The snippet is a frame, not a link that a script later turns into one: its `height`
//! attribute holds the widget's place from the moment the partner's HTML is parsed, so nothing
//! on the partner's page moves when the widget arrives, whenever the loader arrives (a layout
//! shift is counted against any box that moves after the first paint, and an async script
//! usually runs after it). `embed.js` then keeps the frame fitted to its content. The height is
//! [`widget_height`]'s estimate at the oEmbed width.
//!
//! The `html` field is the one place eventlens writes HTML from data, for another site to
//! paste; every value in it is escaped. Not here: serving the documents as a `?url=` endpoint
//! (a web server rewrite, see deploy/README.md), or anything the widget shows (the app's
//! embed route).

use serde::{Deserialize, Serialize};

use crate::inline::{self, Inline};
use crate::model::EventBundle;
use crate::pages::paths;

/// The width the oEmbed document gives, and the frame width [`widget_height`] is estimated at
/// for the snippet. The frame itself takes the width of the partner's column.
pub const DEFAULT_WIDTH: u32 = 720;
/// A day: bundles change rarely, and a stale snippet still works.
pub const CACHE_AGE_SECONDS: u32 = 86_400;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OEmbed {
    pub version: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub html: String,
    pub width: u32,
    pub height: u32,
    pub title: String,
    pub provider_name: String,
    pub provider_url: String,
    pub cache_age: u32,
}

/// The oEmbed document for `event`, served from `site` (an origin such as `https://example.com`),
/// its height estimated from the event's text.
pub fn event_oembed<T: Prose>(event: &EventBundle<T>, site: &str) -> OEmbed {
    let height = widget_height(event, DEFAULT_WIDTH);
    oembed(&event.lang, &event.slug, &event.title, height, site)
}

/// The snippet a partner pastes for `event`, served from `site`: the widget's frame at the
/// height estimated from the event's text, and the loader.
pub fn event_snippet<T: Prose>(event: &EventBundle<T>, site: &str) -> String {
    snippet(&event.lang, &event.slug, &event.title, widget_height(event, DEFAULT_WIDTH), site)
}

fn oembed(lang: &str, slug: &str, title: &str, height: u32, site: &str) -> OEmbed {
    let site = site.trim_end_matches('/');
    OEmbed {
        version: "1.0".into(),
        kind: "rich".into(),
        html: snippet(lang, slug, title, height, site),
        width: DEFAULT_WIDTH,
        height,
        title: title.into(),
        provider_name: "eventlens".into(),
        provider_url: format!("{site}/"),
        cache_age: CACHE_AGE_SECONDS,
    }
}

/// The snippet: the widget's frame at `height`, which shows the prerendered widget even where
/// scripts are off, and the loader that keeps it fitted to its content.
///
/// The frame is styled by attributes alone (`width`, `height`, `frameborder`): a partner's
/// Content-Security-Policy may refuse `style` attributes, and the loader never restyles a
/// snippet's frame box, so that nothing moves when it arrives. Options go in the frame's query
/// (`?theme=dark&lang=en&graph=1&maxwidth=500`).
fn snippet(lang: &str, slug: &str, title: &str, height: u32, site: &str) -> String {
    let site = site.trim_end_matches('/');
    format!(
        "<iframe class=\"eventlens-embed\" src=\"{site}{src}\" title=\"{title}\" width=\"100%\" height=\"{height}\" \
         frameborder=\"0\" loading=\"lazy\" referrerpolicy=\"strict-origin-when-cross-origin\" \
         sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\"></iframe>\n\
         <script async src=\"{site}/embed.js\"></script>",
        site = escape_html(site),
        src = escape_html(&paths::embed_page(lang, slug)),
        title = escape_html(title),
    )
}

pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The origin of an http(s) URL: where an event's canonical page, and so eventlens, lives.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())?;
    Some(format!("{scheme}://{host}"))
}

/// Text whose visible characters can be measured: a bundle's inline markdown, or a
/// document's parsed inline tree.
pub trait Prose {
    fn visible(&self) -> String;
}

impl Prose for String {
    fn visible(&self) -> String {
        inline::plain_text(&inline::parse(self))
    }
}

impl Prose for Vec<Inline> {
    fn visible(&self) -> String {
        inline::plain_text(self)
    }
}

/// The height in CSS pixels, as an estimate, of `event`'s widget (its embed page with the
/// default options, lenses closed) in a frame `frame_width` pixels wide.
///
/// An estimate, not a layout engine: it walks the widget's boxes as the stylesheet
/// (style/main.css, `html[data-embed]`) sizes them, and sets text with average glyph widths
/// of the fonts it names, breaking lines where a browser would (between CJK characters, at
/// spaces otherwise). `make bench` (bench/page/heights.mjs) prints how far it is from the
/// heights Chromium lays out, for events of every shape at phone and desktop widths. A wrong
/// estimate costs a jump when the widget reports its real height, never any content.
pub fn widget_height<T: Prose>(event: &EventBundle<T>, frame_width: u32) -> u32 {
    let page = Page::new(frame_width as f32, &event.lang);
    let height = PAGE_PADDING
        + header(&page, event)
        + summary(&page, &event.summary.visible())
        + coverage(&page, event)
        + filters(&page, event)
        + event
            .lenses
            .iter()
            .map(|lens| lens_row(&page, &lens.name, &lens.regions().join(" · "), lens.takes.len()))
            .sum::<f32>()
        + FULL_PAGE_LINK
        + page.line(0.9 * REM);
    height.ceil() as u32
}

// Sizes from style/main.css, in CSS pixels: the root font is 16 px, the body's 17 px (16 px
// in a frame at most 480 px wide).
const REM: f32 = 16.0;
/// `html[data-embed] main`'s padding above and below.
const PAGE_PADDING: f32 = 0.75 * REM + REM;
/// `.embed-full`'s margin above its one line.
const FULL_PAGE_LINK: f32 = REM;
/// The UI's words in the widget, as widths in em of their font, in Chinese and in English
/// (src/i18n.rs): "全部"/"All", "地区"/"Region" and "语言"/"Language", a language's name.
const UI_ALL: (f32, f32) = (2.0, 1.6);
const UI_LANGUAGE_NAME: (f32, f32) = (2.0, 3.6);
/// " 条观点" after a number / " takes".
const UI_TAKES: (f32, f32) = (3.3, 2.6);

/// One widget's page: its content width and how it sets text.
struct Page {
    /// The width inside `main`'s padding.
    content: f32,
    /// The body's font size.
    body: f32,
    /// Line height as a multiple of the font size: 1.6 for English text (`:lang(en)`), else 1.75.
    leading: f32,
    /// Headings' line height: 1.35 (`h1, h2, h3`), unless `:lang(en)`'s 1.6 wins.
    heading: f32,
    /// Whether the UI speaks Chinese (the app's `Ui::for_lang`).
    ui_zh: bool,
}

impl Page {
    fn new(frame_width: f32, lang: &str) -> Page {
        let narrow = frame_width <= 480.0;
        let english = lang == "en" || lang.starts_with("en-");
        Page {
            content: (frame_width - 2.0 * REM).max(REM),
            body: if narrow { 16.0 } else { 17.0 },
            leading: if english { 1.6 } else { 1.75 },
            heading: if english { 1.6 } else { 1.35 },
            ui_zh: lang == "zh",
        }
    }

    fn line(&self, font: f32) -> f32 {
        font * self.leading
    }

    fn ui(&self, (zh, en): (f32, f32)) -> f32 {
        if self.ui_zh {
            zh
        } else {
            en
        }
    }

    /// The height of `text` set in `font` px with `leading` in a box `width` px wide.
    fn text(&self, text: &str, font: f32, width: f32, leading: f32, face: Face) -> f32 {
        lines(text, font, width, face) as f32 * font * leading
    }
}

/// Kicker, title, dek, and the row of heads and counts.
fn header<T>(page: &Page, event: &EventBundle<T>) -> f32 {
    let kicker = REM + page.line(0.9 * REM);
    // `.embed .event-title`: serif, 1.4rem, 0.25rem above and 0.5rem below.
    let title = 0.25 * REM
        + lines(&event.title, 1.4 * REM, page.content, Face::SerifBold) as f32 * 1.4 * REM * page.heading
        + 0.5 * REM;
    let dek = if event.dek.is_empty() {
        0.0
    } else {
        page.text(&event.dek, 1.1 * REM, page.content, page.leading, Face::Sans) + 0.75 * REM
    };
    // `.event-meta` wraps the heads (one flex item, itself wrapping) and the counts line.
    let head_chips: Vec<f32> = event.heads.iter().map(|h| text_width(h, 0.85 * REM, Face::Sans) + 1.4 * REM).collect();
    let heads_width: f32 = head_chips.iter().sum::<f32>() + 0.4 * REM * head_chips.len().saturating_sub(1) as f32;
    let counts = event.counts();
    let counts_text = format!("{} · {} · {}", counts.takes, counts.lenses, counts.regions);
    let counts_width = text_width(&counts_text, 0.9 * REM, Face::Sans) + page.ui(UI_TAKES) * 3.0 * 0.9 * REM;
    let meta = if heads_width + REM + counts_width <= page.content {
        page.line(0.9 * REM)
    } else {
        let head_rows = if head_chips.is_empty() { 0 } else { flex_rows(&head_chips, 0.4 * REM, page.content) };
        head_rows as f32 * page.line(0.85 * REM) + 0.5 * REM + page.line(0.9 * REM)
    };
    kicker + title + dek + meta
}

/// The summary paragraph, with `.summary p`'s margins (the one below collapses into the next
/// heading's).
fn summary(page: &Page, text: &str) -> f32 {
    0.25 * REM + page.text(text, page.body, page.content, page.leading, Face::Sans)
}

/// "Coverage at a glance": a heading and two bars, each with a caption and a wrapping legend.
fn coverage<T>(page: &Page, event: &EventBundle<T>) -> f32 {
    let heading = 2.25 * REM + 1.2 * REM * page.heading + 0.25 * REM + 1.0;
    let legend = |items: Vec<(String, usize)>| {
        let widths: Vec<f32> = items
            .iter()
            .map(|(label, count)| {
                0.75 * REM + 0.35 * REM + text_width(&format!("{label} {count}"), 0.85 * REM, Face::Sans)
            })
            .collect();
        let rows = flex_rows(&widths, REM, page.content) as f32;
        0.35 * REM + rows * page.line(0.85 * REM) + (rows - 1.0).max(0.0) * 0.15 * REM
    };
    let bar = page.line(0.9 * REM) + 14.0;
    let by_lens = event.lenses.iter().map(|l| (l.name.clone(), l.takes.len())).collect();
    let regions = event.regions();
    let by_region = regions.iter().map(|r| (r.to_string(), event.takes().filter(|t| t.region == *r).count())).collect();
    // Each figure has 0.75rem above and below; neighbours' margins collapse.
    heading + 0.75 * REM + bar + legend(by_lens) + 0.75 * REM + bar + legend(by_region) + 0.75 * REM
}

/// The filter bar: a wrapping row of region chips and one of language chips, each led by its
/// label and "All".
fn filters<T>(page: &Page, event: &EventBundle<T>) -> f32 {
    let chip = |text_em: f32, count: usize| {
        let count = if count == 0 { 0.0 } else { 0.35 * REM + text_width(&count.to_string(), 0.85 * REM, Face::Sans) };
        text_em * 0.85 * REM + count + 1.4 * REM + 2.0
    };
    let group = |chips: Vec<f32>| {
        let mut items = vec![(page.ui((2.0, 3.6)) * 0.85 * REM).max(3.0 * REM) + 0.25 * REM, chip(page.ui(UI_ALL), 0)];
        items.extend(chips);
        flex_rows(&items, 0.35 * REM, page.content) as f32
    };
    let regions = event.regions();
    let region_chips = regions
        .iter()
        .map(|r| chip(text_width(r, 1.0, Face::Sans), event.takes().filter(|t| t.region == *r).count()))
        .collect();
    let langs = event.take_langs();
    let lang_chips = langs.iter().map(|_| chip(page.ui(UI_LANGUAGE_NAME), 10)).collect();
    // A chip is a button: its font's line, 0.05rem of padding above and below, a 1 px border.
    let row = page.line(0.85 * REM) + 0.1 * REM + 2.0;
    let rows = group(region_chips) + group(lang_chips);
    // `.filter-bar`'s margin above collapses into the last figure's; 1rem below.
    rows * row + (rows - 2.0) * 0.35 * REM + 0.4 * REM + REM
}

/// A closed lens: its summary line (chevron, name, count) and its regions under it.
fn lens_row(page: &Page, name: &str, regions: &str, takes: usize) -> f32 {
    let count = text_width(&takes.to_string(), 0.9 * REM, Face::Sans) + page.ui(UI_TAKES) * 0.9 * REM;
    // The summary's padding, the chevron (half an em), two gaps.
    let name_width = page.content - 0.5 * REM - 0.5 * 1.05 * REM - 2.0 * 0.5 * REM - count;
    // `.lens-heading` is an h3.
    let heading = page.text(name, 1.05 * REM, name_width.max(REM), page.heading, Face::SansBold);
    let indent = if page.body < 17.0 { REM } else { 1.5 * REM };
    let regions =
        0.1 * REM + page.text(regions, 0.85 * REM, page.content - 0.5 * REM - indent, page.leading, Face::Sans);
    // Border, the details' padding, the summary's padding.
    1.0 + 0.5 * REM + REM + heading + regions
}

/// How many lines `items` (widths in px, each a line high) take in a wrapping flex line
/// `width` px wide. An item wider than the line has one to itself and wraps its text inside.
fn flex_rows(items: &[f32], gap: f32, width: f32) -> usize {
    let mut rows = 1;
    let mut used = 0.0;
    for &item in items {
        if item > width {
            rows += (item / width).ceil() as usize - usize::from(used == 0.0);
            used = width;
        } else if used > 0.0 && used + gap + item > width {
            rows += 1;
            used = item;
        } else {
            used += if used > 0.0 { gap + item } else { item };
        }
    }
    rows
}

/// How many lines `text` takes set in `font` px in a box `width` px wide: greedy breaking
/// between CJK characters and at spaces, a word wider than the box broken anywhere
/// (`overflow-wrap: break-word`).
fn lines(text: &str, font: f32, width: f32, face: Face) -> usize {
    let mut lines = 1;
    let mut line = 0.0;
    let mut word = 0.0;
    let place = |word: f32, line: &mut f32, lines: &mut usize| {
        if *line > 0.0 && *line + word > width {
            *lines += 1;
            *line = 0.0;
        }
        let mut w = word;
        while w > width {
            *lines += 1;
            w -= width;
        }
        *line += w;
    };
    for c in text.chars() {
        let w = glyph_em(c, face) * font;
        if c == ' ' {
            place(word, &mut line, &mut lines);
            word = 0.0;
            // A space at the end of a line hangs; one inside it takes its width.
            if line + w <= width {
                line += w;
            }
        } else if is_wide(c) {
            place(word, &mut line, &mut lines);
            word = 0.0;
            place(w, &mut line, &mut lines);
        } else {
            word += w;
        }
    }
    place(word, &mut line, &mut lines);
    lines
}

fn text_width(text: &str, font: f32, face: Face) -> f32 {
    text.chars().map(|c| glyph_em(c, face) * font).sum()
}

/// CJK ideographs, kana, hangul and full-width forms: one em each, and a line may break
/// between any two.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// The faces the widget sets text in: the body's sans, and its headings, bold (the title in
/// the serif).
#[derive(Clone, Copy, PartialEq)]
enum Face {
    Sans,
    SansBold,
    SerifBold,
}

/// A glyph's advance in em, by groups of glyphs of about one width, as Noto Sans CJK SC and
/// Noto Serif CJK SC (the stylesheet's first choices) set them. Their Latin is proportional,
/// and their middle dot is full-width in the sans.
fn glyph_em(c: char, face: Face) -> f32 {
    let [narrow, lower, wide, upper_narrow, upper, upper_wide, digit, space, punct, dash, dot] =
        if face == Face::SerifBold {
            [0.37, 0.59, 0.9, 0.4, 0.71, 1.0, 0.55, 0.256, 0.33, 0.35, 0.33]
        } else {
            [0.32, 0.57, 0.86, 0.29, 0.64, 0.85, 0.555, 0.224, 0.28, 0.35, 1.0]
        };
    // Bold Latin is wider; CJK stays one em.
    let bold = match face {
        Face::Sans => 1.0,
        Face::SansBold => 1.06,
        Face::SerifBold => 1.045,
    };
    bold * match c {
        _ if is_wide(c) => return 1.0,
        ' ' => space,
        'f' | 'i' | 'j' | 'l' | 'r' | 't' => narrow,
        'm' | 'w' => wide,
        'a'..='z' => lower,
        'I' | 'J' => upper_narrow,
        'M' | 'W' => upper_wide,
        'A'..='Z' => upper,
        '0'..='9' => digit,
        '.' | ',' | ':' | ';' | '\'' | '!' | '|' => punct,
        '-' | '/' | '(' | ')' => dash,
        '·' => dot,
        _ => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lens, Take};

    fn event(title: &str) -> EventBundle {
        let take = |region: &str| Take {
            outlet: "Outlet".into(),
            region: region.into(),
            lang: "en".into(),
            summary: String::new(),
            quote: None,
            url: "https://example.com/".into(),
        };
        EventBundle {
            schema_version: 1,
            slug: "a-b".into(),
            lang: "zh".into(),
            canonical_url: "https://ex.example/zh/n/a-b".into(),
            title: title.into(),
            dek: "一句导语".into(),
            kind: "event".into(),
            date: "2026-06-24".into(),
            heads: vec!["谁的钱".into()],
            summary: "摘要。".repeat(40),
            why_it_matters: String::new(),
            watch: vec![],
            lenses: vec![
                Lens { name: "one".into(), takes: vec![take("Japan"), take("China")] },
                Lens { name: "two".into(), takes: vec![take("United States")] },
            ],
            related: vec![],
            entities: vec![],
        }
    }

    #[test]
    fn the_snippet_escapes_everything_from_data() {
        let html = event_snippet(&event("\"></iframe><script>alert(1)</script> & 'x'"), "https://ex.example/");
        assert!(!html.contains("<script>alert"));
        assert!(
            html.contains("title=\"&quot;&gt;&lt;/iframe&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;\"")
        );
        assert!(html.starts_with("<iframe class=\"eventlens-embed\" src=\"https://ex.example/embed/zh/n/a-b\""));
        assert!(html.ends_with("<script async src=\"https://ex.example/embed.js\"></script>"));
    }

    #[test]
    fn the_snippet_and_the_oembed_document_give_the_estimated_height() {
        let e = event("标题");
        let height = widget_height(&e, DEFAULT_WIDTH);
        assert!(event_snippet(&e, "https://ex.example").contains(&format!(" height=\"{height}\" ")));
        let doc = event_oembed(&e, "https://ex.example");
        assert_eq!((doc.width, doc.height), (DEFAULT_WIDTH, height));
    }

    #[test]
    fn a_widget_grows_with_its_text_and_lenses_and_as_its_frame_narrows() {
        let short = event("标题");
        let mut long = event("标题");
        long.summary = "摘要。".repeat(200);
        let mut more = event("标题");
        let takes = more.lenses[0].takes.clone();
        more.lenses.extend((0..5).map(|i| Lens { name: format!("lens {i}"), takes: takes.clone() }));
        let at = |e: &EventBundle, w| widget_height(e, w);
        assert!(at(&long, 720) > at(&short, 720) + 200, "{} vs {}", at(&long, 720), at(&short, 720));
        assert!(at(&more, 720) > at(&short, 720) + 5 * 50);
        assert!(at(&short, 360) > at(&short, 720));
        // The markdown of a bundle and the parsed text of its document measure the same.
        assert_eq!(at(&short, 720), widget_height(&short.to_doc(), 720));
    }

    #[test]
    fn lines_break_between_cjk_characters_and_at_spaces() {
        assert_eq!(lines("", 16.0, 100.0, Face::Sans), 1);
        assert_eq!(lines(&"字".repeat(10), 10.0, 100.0, Face::Sans), 1);
        assert_eq!(lines(&"字".repeat(11), 10.0, 100.0, Face::Sans), 2);
        // Two words that fit a line each but not together.
        assert_eq!(lines("mmmmmmmmmmm mmmmmmmmmmm", 10.0, 100.0, Face::Sans), 2);
        assert_eq!(lines("mmmm mmmm", 10.0, 100.0, Face::Sans), 1);
        // A word wider than the box is broken.
        assert_eq!(lines(&"m".repeat(40), 10.0, 100.0, Face::Sans), 4);
    }

    #[test]
    fn origin_of_a_canonical_url() {
        assert_eq!(origin_of("https://rbtfl.xyz/zh/n/x").as_deref(), Some("https://rbtfl.xyz"));
        assert_eq!(origin_of("nonsense"), None);
    }
}
