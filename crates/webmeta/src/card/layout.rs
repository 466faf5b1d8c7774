//! The cards' design, by hand: where each piece of text and the coverage bar go on the
//! 1200×630 canvas, at which sizes a title is tried, and the SVG that says so.
//!
//! Everything drawn stays inside a 60 px margin ([`MARGIN`]); tests check that band is pure
//! background. Every piece of text from data passes through `xml::escape` on its way into
//! the SVG, so a title can only ever be text.

use eventlens_format::model::EventBundle;
use resvg::usvg::{Node, Tree};

use super::fonts::{CardFonts, FaceRef, Weighting};
use super::wrap::Measured;
use crate::collection::EntityPage;
use crate::words::Words;
use crate::xml::escape;
use crate::{CARD_HEIGHT, CARD_WIDTH};

/// Nothing is drawn within this distance of the card's edges.
pub const MARGIN: f32 = 60.0;
const LEFT: f32 = MARGIN;
const RIGHT: f32 = CARD_WIDTH as f32 - MARGIN;
const TOP: f32 = MARGIN;
const BOTTOM: f32 = CARD_HEIGHT as f32 - MARGIN;
/// Text starts this far inside the margin: a glyph's ink may reach a little past its advance box
/// (the `A` of Anthropic does, by 0.3 px), and the margin must stay clean.
const INSET: f32 = 4.0;
const TEXT_LEFT: f32 = LEFT + INSET;
const TEXT_RIGHT: f32 = RIGHT - INSET;

pub const BACKGROUND: &str = "#FAFAF7";
const INK: &str = "#1B1B1F";
const MUTED: &str = "#5B5F66";
const ACCENT: &str = "#0072B2";

/// The coverage chart's eight hues (src/components/coverage_chart.rs), in the same order, so the
/// card's bar matches the page's. A test reads that file and fails if the two drift.
pub const PALETTE: [&str; 8] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];

/// Title sizes tried in turn, each with the lines it may take: the largest at which the whole
/// title fits wins; if none does, the last one is cut with an ellipsis.
const TITLE_SIZES: [(f32, usize); 3] = [(68.0, 3), (58.0, 4), (50.0, 5)];
const NAME_SIZES: [(f32, usize); 3] = [(88.0, 1), (72.0, 2), (58.0, 2)];
const LINE_HEIGHT: f32 = 1.22;
const HEADER_SIZE: f32 = 30.0;
const TITLE_TOP: f32 = 128.0;
const DEK_SIZE: f32 = 28.0;
const DEK_GAP: f32 = 18.0;
/// The dek ends clear of the counts line's ascenders.
const DEK_BOTTOM: f32 = COUNTS_BASELINE - COUNTS_SIZE - 22.0;
const COUNTS_SIZE: f32 = 30.0;
const COUNTS_BASELINE: f32 = 492.0;
const BAR_TOP: f32 = 512.0;
const BAR_HEIGHT: f32 = 48.0;
const LIST_DATE_SIZE: f32 = 26.0;
const LIST_TITLE_SIZE: f32 = 32.0;
const LIST_FIRST_BASELINE: f32 = 378.0;
const LIST_PITCH: f32 = 58.0;
const ENTITY_LIST_LEN: usize = 3;

/// What an event card shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCardContent {
    pub lang: String,
    pub title: String,
    /// The standfirst, shown where the title leaves room.
    pub dek: String,
    /// The date as the page shows it: 2026年6月24日, 24 June 2026.
    pub date: String,
    /// `17 条观点 · 6 个视角 · 8 个地区`.
    pub counts: String,
    /// Takes per lens, in reading order: the coverage bar.
    pub takes_per_lens: Vec<usize>,
}

impl EventCardContent {
    pub fn of(b: &EventBundle) -> EventCardContent {
        let words = Words::for_lang(&b.lang);
        EventCardContent {
            lang: b.lang.clone(),
            title: printable(&b.title),
            dek: printable(&b.dek),
            date: words.date(&b.date),
            counts: words.counts(b.counts()),
            takes_per_lens: b.lenses.iter().map(|l| l.takes.len()).collect(),
        }
    }
}

/// Text as a card can draw it: control characters have no glyph (a font draws a NUL as an
/// empty box resvg's layout and ours do not agree on), so line breaks and tabs become spaces
/// and the rest go.
fn printable(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c.is_whitespace() {
                Some(' ')
            } else if c.is_control() {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}

/// What an entity card shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityCardContent {
    pub lang: String,
    pub name: String,
    /// `12 个事件`, `12 events`.
    pub events: String,
    /// The newest events' dates and titles.
    pub newest: Vec<(String, String)>,
}

impl EntityCardContent {
    pub fn of(e: &EntityPage) -> EntityCardContent {
        let words = Words::for_lang(&e.lang);
        EntityCardContent {
            lang: e.lang.clone(),
            name: printable(&e.name),
            events: words.events(e.events.len()),
            newest: e
                .events
                .iter()
                .take(ENTITY_LIST_LEN)
                .map(|ev| (words.date(&ev.date), printable(&ev.title)))
                .collect(),
        }
    }
}

/// The text blocks whose width the renderer may narrow when resvg finds them too wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Header,
    Title,
    Dek,
    Counts,
    ListItem(usize),
}

/// Pixels taken off each block's width.
#[derive(Debug, Default)]
pub struct Narrowing(Vec<(Block, f32)>);

impl Narrowing {
    /// Narrows each block by its widest overflow (and a pixel): its lines are all set to one
    /// width, so the widest line decides.
    pub fn add_widest(&mut self, overflows: &[(Block, f32)]) {
        let mut widest: Vec<(Block, f32)> = Vec::new();
        for &(block, by) in overflows {
            match widest.iter_mut().find(|(b, _)| *b == block) {
                Some((_, most)) => *most = most.max(by),
                None => widest.push((block, by)),
            }
        }
        for (block, by) in widest {
            let px = by.ceil() + 1.0;
            match self.0.iter_mut().find(|(b, _)| *b == block) {
                Some((_, total)) => *total += px,
                None => self.0.push((block, px)),
            }
        }
    }

    fn of(&self, block: Block) -> f32 {
        self.0.iter().find(|(b, _)| *b == block).map_or(0.0, |(_, px)| *px)
    }
}

/// One `<text>` element and the block it belongs to.
pub struct LineBox {
    pub id: String,
    pub block: Block,
}

/// A laid-out card: its SVG and its lines, to check against resvg's layout.
pub struct Laid {
    pub svg: String,
    pub lines: Vec<LineBox>,
}

/// For each line resvg lays out beyond the margins, its block and by how many pixels.
pub fn overflows(tree: &Tree, lines: &[LineBox]) -> Vec<(Block, f32)> {
    let mut out = Vec::new();
    for line in lines {
        let Some(Node::Text(text)) = tree.node_by_id(&line.id) else { continue };
        let boxes = [text.abs_bounding_box(), text.flattened().abs_bounding_box()];
        let left = boxes.iter().map(|b| b.left()).fold(f32::INFINITY, f32::min);
        let right = boxes.iter().map(|b| b.right()).fold(f32::NEG_INFINITY, f32::max);
        let by = (right - RIGHT).max(LEFT - left);
        if by > 0.0 {
            out.push((line.block, by));
        }
    }
    out
}

/// A text's weight and colour.
type Paint<'a> = (Weighting, &'a str);

/// Builds the SVG of one card.
struct Canvas<'a> {
    fonts: &'a CardFonts,
    lang: &'a str,
    body: String,
    lines: Vec<LineBox>,
}

impl<'a> Canvas<'a> {
    fn new(fonts: &'a CardFonts, lang: &'a str) -> Canvas<'a> {
        let mut body = String::with_capacity(4096);
        body.push_str(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{CARD_WIDTH}\" height=\"{CARD_HEIGHT}\" viewBox=\"0 0 {CARD_WIDTH} {CARD_HEIGHT}\">\n<rect width=\"{CARD_WIDTH}\" height=\"{CARD_HEIGHT}\" fill=\"{BACKGROUND}\"/>\n"
        ));
        Canvas { fonts, lang, body, lines: Vec::new() }
    }

    fn face(&self, weight: Weighting) -> FaceRef<'a> {
        self.fonts.face(self.lang, weight)
    }

    /// One line of text with its baseline at `y`; `end` anchors it by its right edge at `x`.
    fn text(&mut self, block: Block, x: f32, y: f32, style: (Weighting, f32, &str), end: bool, content: &str) {
        let (weight, size, fill) = style;
        let face = self.face(weight);
        let id = format!("t{}", self.lines.len());
        self.body.push_str(&format!(
            "<text id=\"{id}\" x=\"{x:.1}\" y=\"{y:.1}\" font-family=\"'{family}'\" font-weight=\"{weight}\" font-size=\"{size:.1}\" fill=\"{fill}\"{anchor}>{text}</text>\n",
            family = escape(&face.family().replace('\'', "")),
            weight = face.weight(),
            anchor = if end { " text-anchor=\"end\"" } else { "" },
            text = escape(content),
        ));
        self.lines.push(LineBox { id, block });
    }

    /// `text` wrapped into `width` at the first of `sizes` where it fits whole (else cut at the
    /// last), from `top` down, in `weight` and `fill`. Returns where the block ends.
    fn paragraph(
        &mut self,
        block: Block,
        text: &str,
        top: f32,
        width: f32,
        sizes: &[(f32, usize)],
        paint: Paint,
    ) -> f32 {
        let (weight, fill) = paint;
        let face = self.face(weight);
        let measured = Measured::new(text, &face.measurer());
        let (ascent, descent) = face.vertical_metrics();
        let mut chosen = None;
        for &(size, max_lines) in sizes {
            let (lines, cut) = measured.wrap(size, width, max_lines);
            chosen = Some((size, lines));
            if !cut {
                break;
            }
        }
        let (size, lines) = chosen.expect("at least one size");
        let line_height = size * LINE_HEIGHT;
        let half_leading = (line_height - (ascent - descent) * size) / 2.0;
        for (i, line) in lines.iter().enumerate() {
            let baseline = top + i as f32 * line_height + half_leading + ascent * size;
            self.text(block, TEXT_LEFT, baseline, (weight, size, fill), false, line);
        }
        top + lines.len() as f32 * line_height
    }

    /// The width `text` takes on one line at `size`.
    fn width_of(&self, text: &str, weight: Weighting, size: f32) -> f32 {
        Measured::new(text, &self.face(weight).measurer()).total() * size
    }

    /// One line cut to `width`, returning how wide it is drawn.
    fn single(&mut self, block: Block, x: f32, y: f32, style: (Weighting, f32, &str), width: f32, text: &str) -> f32 {
        let face = self.face(style.0);
        let measured = Measured::new(text, &face.measurer());
        let (lines, _) = measured.wrap(style.1, width, 1);
        let line = lines.into_iter().next().unwrap_or_default();
        self.text(block, x, y, style, false, &line);
        self.width_of(&line, style.0, style.1)
    }

    /// The brand at the top left and `right` at the top right, on one baseline.
    fn header(&mut self, right: &str, narrow: f32) {
        let (ascent, _) = self.face(Weighting::Bold).vertical_metrics();
        let baseline = TOP + ascent * HEADER_SIZE;
        self.text(Block::Header, TEXT_LEFT, baseline, (Weighting::Bold, HEADER_SIZE, ACCENT), false, "eventlens");
        let face = self.face(Weighting::Regular);
        let (lines, _) = Measured::new(right, &face.measurer()).wrap(HEADER_SIZE, 640.0 - narrow, 1);
        let right_text = lines.into_iter().next().unwrap_or_default();
        self.text(Block::Header, TEXT_RIGHT, baseline, (Weighting::Regular, HEADER_SIZE, MUTED), true, &right_text);
    }

    /// A horizontal bar of `segments` (relative sizes) across the content width, rounded ends.
    fn bar(&mut self, top: f32, height: f32, segments: &[usize]) {
        let total: usize = segments.iter().sum();
        self.body.push_str(&format!(
            "<clipPath id=\"bar\"><rect x=\"{LEFT}\" y=\"{top}\" width=\"{w}\" height=\"{height}\" rx=\"10\"/></clipPath>\n<g clip-path=\"url(#bar)\">\n",
            w = RIGHT - LEFT
        ));
        if total == 0 {
            self.body.push_str(&format!(
                "<rect x=\"{LEFT}\" y=\"{top}\" width=\"{w}\" height=\"{height}\" fill=\"{c}\"/>\n",
                w = RIGHT - LEFT,
                c = PALETTE[7]
            ));
        }
        let mut before = 0;
        for (i, &count) in segments.iter().enumerate().filter(|(_, &c)| c > 0) {
            let x = LEFT + (RIGHT - LEFT) * before as f32 / total.max(1) as f32;
            before += count;
            let x_end = LEFT + (RIGHT - LEFT) * before as f32 / total.max(1) as f32;
            self.body.push_str(&format!(
                "<rect x=\"{x:.2}\" y=\"{top}\" width=\"{w:.2}\" height=\"{height}\" fill=\"{c}\"/>\n",
                w = x_end - x,
                c = PALETTE[i % PALETTE.len()]
            ));
        }
        self.body.push_str("</g>\n");
    }

    fn finish(mut self) -> Laid {
        self.body.push_str("</svg>\n");
        Laid { svg: self.body, lines: self.lines }
    }
}

/// The event card: header (brand, date), title, the dek where the title leaves room, counts,
/// coverage bar by lens.
pub fn event_card(fonts: &CardFonts, c: &EventCardContent, narrow: &Narrowing) -> Laid {
    let mut canvas = Canvas::new(fonts, &c.lang);
    canvas.header(&c.date, narrow.of(Block::Header));
    let width = TEXT_RIGHT - TEXT_LEFT - narrow.of(Block::Title);
    let title_end = canvas.paragraph(Block::Title, &c.title, TITLE_TOP, width, &TITLE_SIZES, (Weighting::Bold, INK));
    let dek_top = title_end + DEK_GAP;
    let dek_lines = ((DEK_BOTTOM - dek_top) / (DEK_SIZE * LINE_HEIGHT)).floor().min(3.0);
    if dek_lines >= 1.0 && !c.dek.is_empty() {
        let width = TEXT_RIGHT - TEXT_LEFT - narrow.of(Block::Dek);
        let sizes = [(DEK_SIZE, dek_lines as usize)];
        canvas.paragraph(Block::Dek, &c.dek, dek_top, width, &sizes, (Weighting::Regular, MUTED));
    }
    let counts_width = TEXT_RIGHT - TEXT_LEFT - narrow.of(Block::Counts);
    let counts_style = (Weighting::Regular, COUNTS_SIZE, MUTED);
    canvas.single(Block::Counts, TEXT_LEFT, COUNTS_BASELINE, counts_style, counts_width, &c.counts);
    canvas.bar(BAR_TOP, BAR_HEIGHT, &c.takes_per_lens);
    canvas.finish()
}

/// The entity card: header (brand, number of events), name, the newest events with their
/// dates in a column, accent bar.
pub fn entity_card(fonts: &CardFonts, c: &EntityCardContent, narrow: &Narrowing) -> Laid {
    let mut canvas = Canvas::new(fonts, &c.lang);
    canvas.header(&c.events, narrow.of(Block::Header));
    let width = TEXT_RIGHT - TEXT_LEFT - narrow.of(Block::Title);
    canvas.paragraph(Block::Title, &c.name, TITLE_TOP, width, &NAME_SIZES, (Weighting::Bold, INK));
    let date_column = c
        .newest
        .iter()
        .map(|(date, _)| canvas.width_of(date, Weighting::Regular, LIST_DATE_SIZE))
        .fold(0.0, f32::max)
        .min((TEXT_RIGHT - TEXT_LEFT) / 3.0);
    for (i, (date, title)) in c.newest.iter().enumerate() {
        let block = Block::ListItem(i);
        let baseline = LIST_FIRST_BASELINE + i as f32 * LIST_PITCH;
        let date_style = (Weighting::Regular, LIST_DATE_SIZE, MUTED);
        canvas.single(block, TEXT_LEFT, baseline, date_style, date_column, date);
        let x = TEXT_LEFT + date_column + 24.0;
        let title_style = (Weighting::Regular, LIST_TITLE_SIZE, INK);
        canvas.single(block, x, baseline, title_style, TEXT_RIGHT - x - narrow.of(block), title);
    }
    canvas.bar(BOTTOM - 20.0, 20.0, &[1]);
    canvas.finish()
}

const _: () = assert!(BAR_TOP + BAR_HEIGHT <= BOTTOM);
