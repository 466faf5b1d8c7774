//! Share cards: the 1200×630 PNG a chat or social network shows for a link to an event or an
//! entity, drawn at build time.
//!
//! A card is laid out here as an SVG (the design, the text fitting and the escaping are ours),
//! then drawn by resvg with the system's fonts. An event card shows the title, the date, the
//! counts in the page's language and the coverage bar by lens, in the app's Okabe–Ito palette;
//! an entity card shows the name, how many events name it and the newest three.
//!
//! Text never leaves its box: each line is measured with the face it is drawn in
//! ([`fonts`]), wrapped and cut with an ellipsis ([`wrap`]), and after resvg has laid the SVG
//! out, every line's box is checked against the card's margins; a line that pokes out (a
//! fallback font wider than measured, say) is laid out again narrower.
//!
//! Speed: [`CardFonts`] loads once and is shared (it is `Send + Sync`); each card is then one
//! SVG layout, one parse and one raster. [`CardSvg::key`] is a hash of everything a card shows,
//! so a build can keep last run's PNGs and draw only the cards whose key changed.
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

/// Bump when the design changes, so cached cards keyed by [`CardSvg::key`] are redrawn even
/// where their SVG text happens to be the same.
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

impl CardSvg {
    /// 32 hex digits that change whenever anything drawn changes: the SVG (every word, position,
    /// colour and font name), the design version and the fonts' sizes. Stable across runs and
    /// Rust versions (SipHash-1-3 with fixed keys), so it can name a cache file.
    pub fn key(&self, fonts: &CardFonts) -> String {
        let mut hasher = SipHasher13::new_with_keys(0, u64::from(DESIGN_VERSION));
        hasher.write(self.text.as_bytes());
        for family in fonts.families() {
            hasher.write(family.as_bytes());
        }
        hasher.write(&fonts.data_len().to_le_bytes());
        format!("{:032x}", hasher.finish128().as_u128())
    }
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

    /// The event's card as SVG, checked against the margins with resvg's own text layout.
    pub fn event_svg(&self, b: &EventBundle) -> Result<CardSvg, CardError> {
        let content = EventCardContent::of(b);
        self.fitted(|narrow| layout::event_card(self.fonts, &content, narrow))
    }

    /// The entity's card as SVG, checked the same way.
    pub fn entity_svg(&self, e: &EntityPage) -> Result<CardSvg, CardError> {
        let content = EntityCardContent::of(e);
        self.fitted(|narrow| layout::entity_card(self.fonts, &content, narrow))
    }

    /// The event's card as PNG bytes.
    pub fn event_png(&self, b: &EventBundle) -> Result<Vec<u8>, CardError> {
        self.png(&self.event_svg(b)?)
    }

    /// The entity's card as PNG bytes.
    pub fn entity_png(&self, e: &EntityPage) -> Result<Vec<u8>, CardError> {
        self.png(&self.entity_svg(e)?)
    }

    /// Draws a laid-out card.
    pub fn png(&self, svg: &CardSvg) -> Result<Vec<u8>, CardError> {
        let tree = self.parse(&svg.text)?;
        let mut pixmap = Pixmap::new(CARD_WIDTH, CARD_HEIGHT).expect("a 1200×630 pixmap");
        resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
        pixmap.encode_png().map_err(|e| CardError::Png(e.to_string()))
    }

    fn parse(&self, svg: &str) -> Result<usvg::Tree, CardError> {
        let options = usvg::Options { fontdb: self.fonts.db.clone(), ..usvg::Options::default() };
        usvg::Tree::from_str(svg, &options).map_err(|e| CardError::Svg(e.to_string()))
    }

    /// Lays out with `layout(narrow)`, where `narrow[block]` is how many pixels to take off a
    /// text block's width, until resvg's layout of every line stays inside the margins.
    fn fitted(&self, layout: impl Fn(&layout::Narrowing) -> layout::Laid) -> Result<CardSvg, CardError> {
        let mut narrow = layout::Narrowing::default();
        for _ in 0..LAYOUT_ATTEMPTS {
            let laid = layout(&narrow);
            let tree = self.parse(&laid.svg)?;
            let overflows = layout::overflows(&tree, &laid.lines);
            if overflows.is_empty() {
                return Ok(CardSvg { text: laid.svg });
            }
            for (block, by) in overflows {
                narrow.add(block, by.ceil() + 1.0);
            }
        }
        Err(CardError::Overflow(format!("text still outside the margins after {LAYOUT_ATTEMPTS} layouts")))
    }
}
