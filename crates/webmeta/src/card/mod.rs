//! Share cards: the 1200×630 PNG a chat or social network shows for a link to an event or an
//! entity, drawn at build time.
//!
//! A card is laid out here as an SVG (the design, the text fitting and the escaping are ours),
//! then drawn by resvg with the system's fonts. An event card shows the title, the date, the
//! counts in the page's language and the coverage bar by lens, in the app's Okabe–Ito palette;
//! an entity card shows the name, how many events name it and the newest three.
//!
//! Text never leaves its box: each line is measured with the face it is drawn in
//! ([`fonts`]), wrapped and cut with an ellipsis (`wrap`), and after resvg has laid the SVG
//! out, every line's box is checked against the card's margins; a line that pokes out (a
//! fallback font wider than measured, say) is laid out again narrower.
//!
//! Speed: [`CardFonts`] loads once and is shared (it is `Send + Sync`); each card is then one
//! SVG layout, one parse and one raster. [`EventCardContent::key`] and [`EntityCardContent::key`]
//! hash everything a card shows without laying it out, so a build can keep last run's PNGs by
//! key and draw only the cards whose key is new.
//!
//! Not here: writing the PNGs (the build does), or the `og:image` tags (see `head`).

pub mod fonts;
mod layout;
mod wrap;

#[cfg(test)]
mod tests;

use std::fmt;
use std::hash::Hasher;

use eventlens_format::model::EventBundle;
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;
use siphasher::sip128::{Hasher128, SipHasher13};

pub use fonts::CardFonts;
pub use layout::{EntityCardContent, EventCardContent, PALETTE};

use crate::collection::EntityPage;
use crate::{CARD_HEIGHT, CARD_WIDTH};

/// Bump when the design changes (anything in `layout`), so that cached cards are redrawn.
pub const DESIGN_VERSION: u32 = 1;

/// Why a card could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardError {
    /// The fonts could not be loaded, or none can draw Chinese.
    Font(String),
    /// resvg refused the SVG: a bug in the layout, never the data (all text is escaped).
    Svg(String),
    /// A line still overflowed after the layout was narrowed: a bug in the layout.
    Overflow(String),
    Png(String),
}

impl fmt::Display for CardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CardError::Font(m) => write!(f, "share card fonts: {m}"),
            CardError::Svg(m) => write!(f, "share card SVG: {m}"),
            CardError::Overflow(m) => write!(f, "share card layout: {m}"),
            CardError::Png(m) => write!(f, "share card PNG: {m}"),
        }
    }
}

impl std::error::Error for CardError {}

/// A laid-out card, before it is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardSvg {
    pub text: String,
}

/// 32 hex digits naming what a card shows: its words and numbers (`parts`), the design version
/// and the fonts. Stable across runs and Rust versions (SipHash-1-3 with fixed keys), so a build
/// can name its cached PNGs with it and draw only the cards whose key is new.
fn key_of(kind: &str, parts: &[&str], fonts: &CardFonts) -> String {
    let mut hasher = SipHasher13::new_with_keys(u64::from(DESIGN_VERSION), 0);
    for part in std::iter::once(kind).chain(parts.iter().copied()) {
        // Length first, so that ("ab", "c") and ("a", "bc") differ.
        hasher.write(&(part.len() as u64).to_le_bytes());
        hasher.write(part.as_bytes());
    }
    for family in fonts.families() {
        hasher.write(family.as_bytes());
    }
    hasher.write(&fonts.data_len().to_le_bytes());
    format!("{:032x}", hasher.finish128().as_u128())
}

impl EventCardContent {
    /// The cache key of this card: it changes exactly when something drawn on it changes.
    pub fn key(&self, fonts: &CardFonts) -> String {
        let bar: Vec<String> = self.takes_per_lens.iter().map(usize::to_string).collect();
        let bar = bar.join(",");
        key_of("event", &[&self.lang, &self.title, &self.dek, &self.date, &self.counts, &bar], fonts)
    }
}

impl EntityCardContent {
    /// The cache key of this card: it changes exactly when something drawn on it changes.
    pub fn key(&self, fonts: &CardFonts) -> String {
        let mut parts: Vec<&str> = vec![&self.lang, &self.name, &self.events];
        for (date, title) in &self.newest {
            parts.extend([date.as_str(), title.as_str()]);
        }
        key_of("entity", &parts, fonts)
    }
}

/// `pixmap` as an 8-bit RGB PNG. Cards are opaque, so the alpha channel is left out (a quarter
/// less to compress), and fdeflate's fast mode is used: a card compresses to well under the
/// 300 KB budget either way, and it is several times quicker than the default.
pub fn encode_png(pixmap: &Pixmap) -> Result<Vec<u8>, CardError> {
    // Every pixel is opaque (the background covers the card), so premultiplied is plain RGB.
    let mut rgb = Vec::with_capacity(pixmap.data().len() / 4 * 3);
    for rgba in pixmap.data().chunks_exact(4) {
        rgb.extend_from_slice(&rgba[..3]);
    }
    let mut out = Vec::with_capacity(64 * 1024);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| CardError::Png(e.to_string()))?;
    writer.write_image_data(&rgb).map_err(|e| CardError::Png(e.to_string()))?;
    writer.finish().map_err(|e| CardError::Png(e.to_string()))?;
    Ok(out)
}

// One font set serves every thread of a build.
const _: fn() = || {
    fn shared<T: Send + Sync>() {}
    shared::<CardFonts>();
    shared::<CardRenderer<'static>>();
};

/// Lays out and draws cards with one shared set of fonts.
pub struct CardRenderer<'f> {
    fonts: &'f CardFonts,
}

/// How many times a card is laid out again when resvg finds a line wider than measured.
const LAYOUT_ATTEMPTS: usize = 4;

impl<'f> CardRenderer<'f> {
    pub fn new(fonts: &'f CardFonts) -> CardRenderer<'f> {
        CardRenderer { fonts }
    }

    pub fn fonts(&self) -> &'f CardFonts {
        self.fonts
    }

    /// The event card as PNG bytes: laid out, checked, drawn and encoded.
    pub fn render_event(&self, content: &EventCardContent) -> Result<Vec<u8>, CardError> {
        let (_, tree) = self.fitted(|narrow| layout::event_card(self.fonts, content, narrow))?;
        encode_png(&raster(&tree))
    }

    /// The entity card as PNG bytes.
    pub fn render_entity(&self, content: &EntityCardContent) -> Result<Vec<u8>, CardError> {
        let (_, tree) = self.fitted(|narrow| layout::entity_card(self.fonts, content, narrow))?;
        encode_png(&raster(&tree))
    }

    /// [`Self::render_event`] for a bundle.
    pub fn event_png(&self, b: &EventBundle) -> Result<Vec<u8>, CardError> {
        self.render_event(&EventCardContent::of(b))
    }

    /// [`Self::render_entity`] for an entity page.
    pub fn entity_png(&self, e: &EntityPage) -> Result<Vec<u8>, CardError> {
        self.render_entity(&EntityCardContent::of(e))
    }

    /// The event card's SVG, checked against the margins with resvg's own text layout.
    pub fn event_svg(&self, content: &EventCardContent) -> Result<CardSvg, CardError> {
        Ok(self.fitted(|narrow| layout::event_card(self.fonts, content, narrow))?.0)
    }

    /// The entity card's SVG, checked the same way.
    pub fn entity_svg(&self, content: &EntityCardContent) -> Result<CardSvg, CardError> {
        Ok(self.fitted(|narrow| layout::entity_card(self.fonts, content, narrow))?.0)
    }

    /// Draws a laid-out card into pixels.
    pub fn draw(&self, svg: &CardSvg) -> Result<Pixmap, CardError> {
        Ok(raster(&self.parse(&svg.text)?))
    }

    /// Draws a laid-out card as PNG bytes.
    pub fn png(&self, svg: &CardSvg) -> Result<Vec<u8>, CardError> {
        encode_png(&self.draw(svg)?)
    }

    fn parse(&self, svg: &str) -> Result<usvg::Tree, CardError> {
        let options = usvg::Options { fontdb: self.fonts.db.clone(), ..usvg::Options::default() };
        usvg::Tree::from_str(svg, &options).map_err(|e| CardError::Svg(e.to_string()))
    }

    /// Lays out with `layout(narrow)`, where `narrow[block]` is how many pixels to take off a
    /// text block's width, until resvg's layout of every line stays inside the margins. The
    /// parsed tree comes back too, so the card is not parsed twice.
    fn fitted(&self, layout: impl Fn(&layout::Narrowing) -> layout::Laid) -> Result<(CardSvg, usvg::Tree), CardError> {
        let mut narrow = layout::Narrowing::default();
        for _ in 0..LAYOUT_ATTEMPTS {
            let laid = layout(&narrow);
            let tree = self.parse(&laid.svg)?;
            let overflows = layout::overflows(&tree, &laid.lines);
            if overflows.is_empty() {
                return Ok((CardSvg { text: laid.svg }, tree));
            }
            narrow.add_widest(&overflows);
        }
        Err(CardError::Overflow(format!("text still outside the margins after {LAYOUT_ATTEMPTS} layouts")))
    }
}

fn raster(tree: &usvg::Tree) -> Pixmap {
    let mut pixmap = Pixmap::new(CARD_WIDTH, CARD_HEIGHT).expect("a 1200×630 pixmap");
    resvg::render(tree, Transform::identity(), &mut pixmap.as_mut());
    pixmap
}
