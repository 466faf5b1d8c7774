//! The fonts the cards are drawn with, loaded once and shared, and the advance widths the layout
//! measures text with.
//!
//! The system's fonts are found by fontdb (resvg's font database, fontconfig's folders). The
//! faces the cards ask for (Noto Sans CJK from Debian's `fonts-noto-cjk`, or the nearest sans
//! serif) are read into memory once, so that neither measuring nor drawing maps a 20 MB file per
//! glyph; the other faces stay on disk for resvg's fallback.
//!
//! Widths come from the same face and the same database resvg draws with: the glyph's advance
//! from skrifa, and for a character the face lacks, the advance in the first face that has it,
//! which is the face usvg's default fallback picks. Kerning is left out, which makes Latin text
//! measure slightly wide, never narrow; the renderer checks the drawn lines against their boxes
//! all the same (see `card::CardRenderer::render`).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use resvg::usvg::fontdb::{Database, Family, Query, Source, Weight, ID};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

use super::CardError;

/// Bold for titles and names, regular for the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighting {
    Regular,
    Bold,
}

/// The system's fonts, ready for any number of cards and threads.
pub struct CardFonts {
    pub(super) db: Arc<Database>,
    faces: Vec<LoadedFace>,
}

type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A face held in memory: what the layout measures with and names in the SVG.
struct LoadedFace {
    id: ID,
    index: u32,
    data: FontData,
    /// The family name written into the SVG, so resvg picks this very face.
    family: String,
    weight: u16,
}

/// The families asked for, best first, for a page language. Noto Sans CJK carries Latin,
/// Greek and Cyrillic too, so one face draws a whole mixed title.
fn preferred_families(lang: &str) -> [&'static str; 5] {
    let cjk = match lang {
        "ja" => "Noto Sans CJK JP",
        "ko" => "Noto Sans CJK KR",
        _ => "Noto Sans CJK SC",
    };
    [cjk, "Noto Sans CJK SC", "Noto Sans", "DejaVu Sans", "Liberation Sans"]
}

const LANGS_WITH_OWN_FACES: [&str; 3] = ["zh", "ja", "ko"];

impl CardFonts {
    /// Loads the system's fonts. Fails when no face can draw Chinese: cards would show empty
    /// boxes for the seed's title.
    pub fn system() -> Result<CardFonts, CardError> {
        let mut probe = Database::new();
        probe.load_system_fonts();
        CardFonts::from_database(probe)
    }

    /// Builds from an already loaded database (for tests, or a build that adds font folders).
    pub fn from_database(probe: Database) -> Result<CardFonts, CardError> {
        // Which files hold the faces the cards use; those are read into memory.
        let mut wanted: Vec<PathBuf> = Vec::new();
        for lang in LANGS_WITH_OWN_FACES {
            for weight in [Weighting::Regular, Weighting::Bold] {
                if let Some(id) = query(&probe, lang, weight) {
                    if let Some((Source::File(path) | Source::SharedFile(path, _), _)) = probe.face_source(id) {
                        if !wanted.contains(&path) {
                            wanted.push(path);
                        }
                    }
                }
            }
        }
        let mut db = Database::new();
        let mut in_memory: HashSet<PathBuf> = HashSet::new();
        for path in &wanted {
            let bytes = std::fs::read(path).map_err(|e| CardError::Font(format!("{}: {e}", path.display())))?;
            db.load_font_source(Source::Binary(Arc::new(bytes)));
            in_memory.insert(path.clone());
        }
        // The rest stay files, in the probe's order, for resvg's fallback.
        let mut on_disk: Vec<PathBuf> = Vec::new();
        for face in probe.faces() {
            if let Source::File(path) | Source::SharedFile(path, _) = &face.source {
                if !in_memory.contains(path) && !on_disk.contains(path) {
                    on_disk.push(path.clone());
                }
            }
        }
        for path in on_disk {
            // A file that fails to load only narrows the fallback.
            let _ = db.load_font_file(path);
        }
        let mut fonts = CardFonts { db: Arc::new(db), faces: Vec::new() };
        fonts.faces = fonts.load_faces()?;
        if !fonts.face("zh", Weighting::Bold).has_char('中') {
            return Err(CardError::Font(
                "no font can draw Chinese; install Noto Sans CJK (apt-get install fonts-noto-cjk)".into(),
            ));
        }
        Ok(fonts)
    }

    fn load_faces(&self) -> Result<Vec<LoadedFace>, CardError> {
        let mut faces: Vec<LoadedFace> = Vec::new();
        for lang in LANGS_WITH_OWN_FACES {
            for weight in [Weighting::Regular, Weighting::Bold] {
                let id = query(&self.db, lang, weight)
                    .ok_or_else(|| CardError::Font("no sans-serif font found; install fonts-noto-cjk".into()))?;
                if faces.iter().any(|f| f.id == id) {
                    continue;
                }
                let info = self.db.face(id).expect("query returns a known face");
                let data = match &info.source {
                    Source::Binary(data) | Source::SharedFile(_, data) => data.clone(),
                    Source::File(path) => {
                        let bytes =
                            std::fs::read(path).map_err(|e| CardError::Font(format!("{}: {e}", path.display())))?;
                        Arc::new(bytes) as FontData
                    }
                };
                FontRef::from_index((*data).as_ref(), info.index)
                    .map_err(|e| CardError::Font(format!("{}: {e}", info.post_script_name)))?;
                let family = info.families.first().map(|(name, _)| name.clone()).unwrap_or_default();
                faces.push(LoadedFace { id, index: info.index, data, family, weight: info.weight.0 });
            }
        }
        Ok(faces)
    }

    /// The face a card in `lang` uses for `weight`.
    pub(super) fn face(&self, lang: &str, weight: Weighting) -> FaceRef<'_> {
        let lang = if LANGS_WITH_OWN_FACES.contains(&lang) { lang } else { "zh" };
        let id = query(&self.db, lang, weight).expect("the same query found it when loading");
        let face = self.faces.iter().find(|f| f.id == id).expect("every queried face is loaded");
        FaceRef { face, db: &self.db }
    }

    /// The bytes of the faces the cards draw with: changes when a font package is upgraded.
    pub fn data_len(&self) -> u64 {
        self.faces.iter().map(|f| (*f.data).as_ref().len() as u64).sum()
    }

    /// The family names the cards draw with, for the README and error messages.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self.faces.iter().map(|f| format!("{} {}", f.family, f.weight)).collect();
        names.dedup();
        names
    }
}

fn query(db: &Database, lang: &str, weight: Weighting) -> Option<ID> {
    let names = preferred_families(lang);
    let mut families: Vec<Family> = names.iter().map(|n| Family::Name(n)).collect();
    families.push(Family::SansSerif);
    let weight = match weight {
        Weighting::Regular => Weight::NORMAL,
        Weighting::Bold => Weight::BOLD,
    };
    db.query(&Query { families: &families, weight, ..Query::default() })
}

/// A loaded face and the database its fallbacks come from.
#[derive(Clone, Copy)]
pub(super) struct FaceRef<'a> {
    face: &'a LoadedFace,
    db: &'a Database,
}

impl<'a> FaceRef<'a> {
    pub fn family(&self) -> &'a str {
        &self.face.family
    }

    pub fn weight(&self) -> u16 {
        self.face.weight
    }

    fn font(&self) -> FontRef<'a> {
        FontRef::from_index((*self.face.data).as_ref(), self.face.index).expect("checked when loaded")
    }

    fn has_char(&self, c: char) -> bool {
        self.font().charmap().map(c).is_some()
    }

    /// The face's ascent and descent (descent negative), per unit of font size.
    pub fn vertical_metrics(&self) -> (f32, f32) {
        let m = self.font().metrics(Size::new(1.0), LocationRef::default());
        (m.ascent, m.descent)
    }

    /// A measurer for text set in this face.
    pub fn measurer(&self) -> Measurer<'a> {
        let font = self.font();
        Measurer {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::new(1.0), LocationRef::default()),
            face: *self,
        }
    }
}

/// Advance widths, per unit of font size, of characters set in one face.
pub(super) struct Measurer<'a> {
    charmap: skrifa::charmap::Charmap<'a>,
    metrics: GlyphMetrics<'a>,
    face: FaceRef<'a>,
}

impl Measurer<'_> {
    fn own(&self, c: char) -> Option<f32> {
        self.charmap.map(c).and_then(|g| self.metrics.advance_width(g))
    }

    /// The advance in ems of each character of `text`, as resvg will set it.
    ///
    /// When the face lacks a character, usvg shapes the text again in the face it falls back
    /// to, and if that face has every character it sets the whole text in it. So for such a text
    /// each advance is the larger of this face's and that fallback face's: an overestimate at
    /// worst, which only makes a line break early.
    pub fn advances(&self, text: &str) -> Vec<f32> {
        let mut advances: Vec<Option<f32>> = text.chars().map(|c| self.own(c)).collect();
        let first_missing = text.chars().zip(&advances).find(|(c, a)| a.is_none() && !c.is_whitespace());
        if let Some(fallback) = first_missing.and_then(|(c, _)| self.fallback_for(c)) {
            let theirs = self.face.db.with_face_data(fallback, |data, index| {
                let font = FontRef::from_index(data, index).ok()?;
                let (charmap, metrics) = (font.charmap(), font.glyph_metrics(Size::new(1.0), LocationRef::default()));
                Some(text.chars().map(|c| charmap.map(c).and_then(|g| metrics.advance_width(g))).collect::<Vec<_>>())
            });
            for (mine, theirs) in advances.iter_mut().zip(theirs.flatten().unwrap_or_default()) {
                *mine = match (*mine, theirs) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
            }
        }
        let notdef = self.metrics.advance_width(skrifa::GlyphId::NOTDEF).unwrap_or(1.0);
        text.chars()
            .zip(advances)
            .map(|(c, a)| match a {
                Some(a) => a,
                None if c.is_whitespace() || c.is_control() => 0.0,
                // Drawn from yet another face, or as the missing-glyph box.
                None => self.fallback_for(c).and_then(|id| self.advance_in(id, c)).unwrap_or(notdef),
            })
            .collect()
    }

    /// The face usvg's default fallback picks for `c`: the first other face in the database
    /// that has it, skipping faces that differ in style, weight and stretch all at once.
    fn fallback_for(&self, c: char) -> Option<ID> {
        let base = self.face.db.face(self.face.face.id)?;
        self.face.db.faces().find_map(|info| {
            let unlike = info.style != base.style && info.weight != base.weight && info.stretch != base.stretch;
            if info.id == base.id || unlike {
                return None;
            }
            self.advance_in(info.id, c).map(|_| info.id)
        })
    }

    fn advance_in(&self, id: ID, c: char) -> Option<f32> {
        self.face
            .db
            .with_face_data(id, |data, index| {
                let font = FontRef::from_index(data, index).ok()?;
                let glyph = font.charmap().map(c)?;
                font.glyph_metrics(Size::new(1.0), LocationRef::default()).advance_width(glyph)
            })
            .flatten()
    }
}
