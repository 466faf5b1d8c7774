//! Synthetic collections: any number of valid event bundles from a seed, for testing the app at
//! scale (`bundle synth`).
//!
//! The same [`Spec`] always gives the same bundles, byte for byte once written: the generator
//! draws from its own seeded PRNG and never from a clock or a hash map's order. The collection
//! is shaped like a real one where it matters to the app. Events share entities picked by
//! preferential attachment, so a few entities become hubs and most appear once or twice. Each
//! event relates to two to four others, picked the same way, and now and then to an event
//! outside the collection. Takes are spread unevenly over lenses, and some have no summary or
//! a quote.
//!
//! Not for: realistic text. Names are numbered ("Synthetic event 0042") and every text is
//! short, so that a 10,000-event index stays a few megabytes. Not for the shipped collection
//! either: [`write_bundles`] refuses to write inside the repository's `public/data`.

use std::fs;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use eventlens_format::limits::{thousands, MAX_LENSES, MAX_TAKES, MAX_TAKES_PER_LENS};
use eventlens_format::model::{
    is_known_lang, to_pretty_json, Entity, EventBundle, Lens, RelatedEvent, Take, SCHEMA_VERSION,
};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// How many events; at least one.
    pub events: usize,
    pub seed: u64,
    /// The language of every event (its route and entity links), an ISO 639-1 code.
    pub lang: String,
    /// Every event's takes and lenses; by default each event gets 3 to 12 takes in 2 to 4 lenses.
    pub shape: Option<Shape>,
}

/// A fixed number of takes spread over a fixed number of lenses, as in a big-event test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub takes: usize,
    /// At least one, and no more than `takes`, so that no lens is empty.
    pub lenses: usize,
}

impl Spec {
    /// `events` English events with the default shape.
    pub fn new(events: usize, seed: u64) -> Self {
        Self { events, seed, lang: "en".to_string(), shape: None }
    }
}

/// The events, in order of their number. Fails only on a spec that cannot be met.
pub fn generate(spec: &Spec) -> Result<Vec<EventBundle>, String> {
    if spec.events == 0 {
        return Err("the number of events must be at least 1".to_string());
    }
    if !is_known_lang(&spec.lang) {
        return Err(format!("{:?} is not a known ISO 639-1 language code", spec.lang));
    }
    if let Some(Shape { takes, lenses }) = spec.shape {
        if lenses == 0 || lenses > takes {
            return Err(format!("{takes} takes cannot fill {lenses} lenses: every lens needs at least one take"));
        }
        // Synthetic bundles are valid ones, so they stay within the format's limits.
        if takes > MAX_TAKES || lenses > MAX_LENSES || takes > lenses * MAX_TAKES_PER_LENS {
            return Err(format!(
                "{takes} takes in {lenses} lenses: a bundle holds at most {} takes, {} lenses and {} takes a lens",
                thousands(MAX_TAKES),
                thousands(MAX_LENSES),
                thousands(MAX_TAKES_PER_LENS)
            ));
        }
    }
    let mut generator = Generator::new(spec);
    Ok((0..spec.events).map(|event| generator.event(event)).collect())
}

/// Writes each bundle to `dir/{lang}/n/{slug}.json`. Refuses, writing nothing, when `dir` is
/// inside the repository's `public/data` (the shipped collection), or when it exists and is not
/// empty, unless `force`: then files of the same name are overwritten and others left alone.
pub fn write_bundles(dir: &Path, bundles: &[EventBundle], force: bool) -> Result<(), String> {
    check_folder(dir, force)?;
    for bundle in bundles {
        let folder = dir.join(&bundle.lang).join("n");
        fs::create_dir_all(&folder).map_err(|e| format!("{}: cannot create: {e}", folder.display()))?;
        let path = folder.join(format!("{}.json", bundle.slug));
        fs::write(&path, to_pretty_json(bundle)).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    Ok(())
}

/// Whether generated files may go into `dir`: not inside the shipped collection, and only into
/// an empty or new folder unless `force`.
pub fn check_folder(dir: &Path, force: bool) -> Result<(), String> {
    let shipped = resolve(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data"));
    if resolve(dir).starts_with(&shipped) {
        return Err(format!(
            "{}: refusing to write synthetic events inside the shipped collection {}",
            dir.display(),
            shipped.display()
        ));
    }
    match fs::read_dir(dir).map(|mut entries| entries.next().is_some()) {
        Ok(true) if !force => {
            return Err(format!("{}: exists and is not empty (--force writes into it anyway)", dir.display()))
        }
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{}: cannot read folder: {e}", dir.display())),
    }
    Ok(())
}

/// `path` made absolute, with symbolic links and `..` resolved as far as it exists and the
/// rest applied by name, so that a folder not yet created is placed where it would be.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    for existing in absolute.ancestors() {
        if let Ok(mut resolved) = existing.canonicalize() {
            for part in absolute.strip_prefix(existing).expect("an ancestor is a prefix").components() {
                match part {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::Normal(name) => resolved.push(name),
                    _ => {}
                }
            }
            return resolved;
        }
    }
    absolute
}

/// (outlet, region, language) of the outlets takes come from.
const OUTLETS: &[(&str, &str, &str)] = &[
    ("Example Wire", "United States", "en"),
    ("Example Post", "United States", "en"),
    ("Example Herald", "United Kingdom", "en"),
    ("Example Daily", "Hong Kong / China", "zh"),
    ("Example Xinwen", "China", "zh"),
    ("Example Shimbun", "Japan", "ja"),
    ("Example Ilbo", "South Korea", "ko"),
    ("Example Zeitung", "Germany", "de"),
    ("Example Journal", "France", "fr"),
    ("Example Diario", "Spain", "es"),
    ("Example Folha", "Brazil", "pt"),
    ("Example Vedomosti", "Russia", "ru"),
    ("Example Akhbar", "Egypt", "ar"),
    ("Example Samachar", "India", "hi"),
];

const FRAMINGS: &[&str] =
    &["Wire reports", "Markets", "Policy", "Security", "Industry", "Skeptics", "Regional press", "State media"];

const HEADS: &[&str] = &["Who pays", "What they did not say", "Follow the money", "Second order", "Precedent"];

const DOMAINS: &[&str] = &["example.com", "example.org", "example.net"];

const MONTH_DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// The running state: the PRNG and the pools that preferential attachment draws from.
struct Generator<'a> {
    spec: &'a Spec,
    rng: Rng,
    entity_count: usize,
    /// One entry per mention of an entity, so a draw picks an entity in proportion to how
    /// often it has been mentioned.
    mentions: Vec<usize>,
    /// Every event once, then both ends of each relation drawn so far.
    relations: Vec<usize>,
}

impl<'a> Generator<'a> {
    fn new(spec: &'a Spec) -> Self {
        Self { spec, rng: Rng(spec.seed), entity_count: 0, mentions: Vec::new(), relations: (0..spec.events).collect() }
    }

    fn event(&mut self, index: usize) -> EventBundle {
        let lang = &self.spec.lang;
        let number = format!("{:04}", index + 1);
        let slug = format!("synthetic-event-{number}");
        let entities = self.entities();
        let links: Vec<String> = entities.iter().map(|e| format!("[{}](/{lang}/entity/{})", e.name, e.slug)).collect();
        let heads = self.heads();
        let watch = (1..=1 + self.rng.below(2)).map(|i| format!("Synthetic watch item {i}.")).collect();
        EventBundle {
            schema_version: SCHEMA_VERSION,
            canonical_url: format!("https://example.com/{lang}/n/{slug}"),
            lang: lang.clone(),
            title: format!("Synthetic event {number}"),
            dek: "Generated for scale tests.".to_string(),
            kind: "event".to_string(),
            date: self.date(),
            heads,
            summary: format!("Synthetic event {number} involves {}.", links.join(", ")),
            why_it_matters: "It exercises the reader and the graph with many events.".to_string(),
            watch,
            lenses: self.lenses(&slug),
            related: self.related(index),
            entities,
            slug,
        }
    }

    /// One to three distinct entities, each an existing one in proportion to its mentions
    /// (three times in four) or a new one.
    fn entities(&mut self) -> Vec<Entity> {
        let count = 1 + self.rng.below(3);
        let mut chosen: Vec<usize> = Vec::with_capacity(count);
        while chosen.len() < count {
            let mut entity = if self.mentions.is_empty() || self.rng.below(4) == 0 {
                self.entity_count
            } else {
                self.mentions[self.rng.below(self.mentions.len())]
            };
            if chosen.contains(&entity) {
                entity = self.entity_count;
            }
            if entity == self.entity_count {
                self.entity_count += 1;
            }
            chosen.push(entity);
            self.mentions.push(entity);
        }
        chosen
            .into_iter()
            .map(|e| Entity {
                slug: format!("synthetic-entity-{:04}", e + 1),
                name: format!("Synthetic entity {:04}", e + 1),
            })
            .collect()
    }

    /// Two to four other events of the collection (fewer if it is smaller), drawn in
    /// proportion to how related they already are, then one in ten times an event outside it.
    fn related(&mut self, index: usize) -> Vec<RelatedEvent> {
        let count = (2 + self.rng.below(3)).min(self.spec.events - 1);
        let mut chosen: Vec<usize> = Vec::with_capacity(count);
        while chosen.len() < count {
            let other = self.relations[self.rng.below(self.relations.len())];
            if other != index && !chosen.contains(&other) {
                chosen.push(other);
                self.relations.extend([index, other]);
            }
        }
        let mut related: Vec<RelatedEvent> = chosen
            .into_iter()
            .map(|e| RelatedEvent { slug: format!("synthetic-event-{:04}", e + 1), title: None })
            .collect();
        if self.rng.below(10) == 0 {
            // Shared among events (one per 20 events), so some outside nodes have several links.
            let number = format!("{:04}", 1 + self.rng.below(self.spec.events.div_ceil(20)));
            let title = (self.rng.below(2) == 0).then(|| format!("Synthetic event elsewhere {number}"));
            related.push(RelatedEvent { slug: format!("synthetic-elsewhere-{number}"), title });
        }
        related
    }

    /// One or two distinct heads.
    fn heads(&mut self) -> Vec<String> {
        let first = self.rng.below(HEADS.len());
        let mut heads = vec![HEADS[first].to_string()];
        if self.rng.below(2) == 0 {
            heads.push(HEADS[(first + 1 + self.rng.below(HEADS.len() - 1)) % HEADS.len()].to_string());
        }
        heads
    }

    /// A day of 2025, as `YYYY-MM-DD`.
    fn date(&mut self) -> String {
        let mut day = self.rng.below(365) as u32;
        let mut month = 0;
        while day >= MONTH_DAYS[month] {
            day -= MONTH_DAYS[month];
            month += 1;
        }
        format!("2025-{:02}-{:02}", month + 1, day + 1)
    }

    /// The spec's shape, or 3 to 12 takes in 2 to 4 lenses. Every lens gets one take; the
    /// rest go mostly to the first lenses, so lens sizes are uneven as in real events.
    fn lenses(&mut self, slug: &str) -> Vec<Lens> {
        let Shape { takes, lenses } =
            self.spec.shape.unwrap_or_else(|| Shape { takes: 3 + self.rng.below(10), lenses: 2 + self.rng.below(3) });
        let mut sizes = vec![1; lenses];
        for _ in lenses..takes {
            let mut lens = self.rng.below(lenses).min(self.rng.below(lenses));
            // A full lens passes the take on to the next with room (`generate` checked there is).
            while sizes[lens] == MAX_TAKES_PER_LENS {
                lens = (lens + 1) % lenses;
            }
            sizes[lens] += 1;
        }
        let mut number = 0;
        sizes
            .into_iter()
            .enumerate()
            .map(|(lens, size)| Lens {
                name: lens_name(lens),
                takes: (0..size)
                    .map(|_| {
                        number += 1;
                        self.take(slug, number)
                    })
                    .collect(),
            })
            .collect()
    }

    fn take(&mut self, slug: &str, number: usize) -> Take {
        let (outlet, region, lang) = OUTLETS[self.rng.below(OUTLETS.len())];
        let summary = if self.rng.below(4) == 0 { String::new() } else { format!("Synthetic take {number}.") };
        let quote = (self.rng.below(3) == 0).then(|| format!("Synthetic quote {number}."));
        let scheme = if self.rng.below(10) == 0 { "http" } else { "https" };
        let domain = DOMAINS[self.rng.below(DOMAINS.len())];
        Take {
            outlet: outlet.to_string(),
            region: region.to_string(),
            lang: lang.to_string(),
            summary,
            quote,
            url: format!("{scheme}://{domain}/{slug}/{number}"),
        }
    }
}

/// "Markets", or "Markets 2" once every framing has been used: unique within an event.
fn lens_name(lens: usize) -> String {
    let framing = FRAMINGS[lens % FRAMINGS.len()];
    match lens / FRAMINGS.len() {
        0 => framing.to_string(),
        round => format!("{framing} {}", round + 1),
    }
}

/// SplitMix64: tiny, seedable and well mixed, which is all a test collection needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0), by multiplying rather than by remainder, to avoid its bias.
    fn below(&mut self, n: usize) -> usize {
        ((self.next() as u128 * n as u128) >> 64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_cover_the_year() {
        let spec = Spec::new(1, 0);
        let mut generator = Generator::new(&spec);
        let dates: Vec<String> = (0..2000).map(|_| generator.date()).collect();
        assert!(dates.iter().all(|d| eventlens_format::validate::is_iso_date(d)));
        assert_eq!(dates.iter().min().unwrap(), "2025-01-01");
        assert_eq!(dates.iter().max().unwrap(), "2025-12-31");
    }

    #[test]
    fn lens_names_stay_unique() {
        let names: std::collections::HashSet<String> = (0..200).map(lens_name).collect();
        assert_eq!(names.len(), 200);
        assert_eq!(lens_name(FRAMINGS.len() + 1), "Markets 2");
    }

    #[test]
    fn resolves_folders_not_yet_created() {
        let here = std::env::current_dir().unwrap().canonicalize().unwrap();
        assert_eq!(resolve(Path::new("a/b/../c")), here.join("a/c"));
        assert_eq!(resolve(Path::new("public/./data/../data/x")), here.join("public/data/x"));
    }
}
