//! What the event page shows, decided without a browser: lens anchors, which lenses start open,
//! the open-state that lives in the URL, and the region/language filters with their live counts.
//!
//! The app's components only draw what these functions decide, so the rules are tested
//! natively. Not here: any view code.

use std::collections::{BTreeSet, HashMap};

use eventlens_format::model::{EventBundle, Lens, Take};

/// Lenses with at most this many takes start open. Small lenses cost a few lines of scrolling
/// and are usually the distinct framings; a long lens (the seed's twelve link-only takes) would
/// push every other lens off the first screen.
pub const OPEN_BY_DEFAULT_MAX_TAKES: usize = 3;

/// Events up to this many takes render every lens body at once, so find-in-page and print see
/// every take. Above it a closed lens renders on first open (or when the reader prints): 5,000
/// take cards at once would hold the main thread for far longer than a frame.
pub const RENDER_CLOSED_UP_TO_TAKES: usize = 500;

pub fn open_by_default(lens: &Lens) -> bool {
    lens.takes.len() <= OPEN_BY_DEFAULT_MAX_TAKES
}

/// `lens-us-tech-financial` style element ids, unique within the page. A name with no ASCII
/// letters or digits (a Chinese lens name) gets its position instead.
pub fn lens_anchors(lenses: &[Lens]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lenses.len());
    for (i, lens) in lenses.iter().enumerate() {
        let words: Vec<String> = lens
            .name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_ascii_lowercase())
            .collect();
        let base = if words.is_empty() { format!("lens-{}", i + 1) } else { format!("lens-{}", words.join("-")) };
        let anchor = if out.contains(&base) { format!("{base}-{}", i + 1) } else { base };
        out.push(anchor);
    }
    out
}

/// The `open` query parameter: the open lenses' anchors without the `lens-` prefix, comma
/// separated. Absent means "the default rule"; present and empty means "all closed".
pub fn open_param(open: &[bool], anchors: &[String]) -> String {
    anchors
        .iter()
        .zip(open)
        .filter(|(_, open)| **open)
        .map(|(a, _)| a.strip_prefix("lens-").unwrap_or(a))
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads the `open` parameter back; names it does not know are ignored (an old link to a lens
/// that was renamed still opens the page).
pub fn parse_open_param(param: Option<&str>, lenses: &[Lens], anchors: &[String]) -> Vec<bool> {
    match param {
        None => lenses.iter().map(open_by_default).collect(),
        Some(param) => {
            let names: Vec<&str> = param.split(',').filter(|s| !s.is_empty()).collect();
            anchors.iter().map(|a| names.contains(&a.strip_prefix("lens-").unwrap_or(a))).collect()
        }
    }
}

/// Region and language filters. An empty set admits everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub regions: BTreeSet<String>,
    pub langs: BTreeSet<String>,
}

impl Filters {
    pub fn admits(&self, take: &Take) -> bool {
        self.admits_region(take) && self.admits_lang(take)
    }

    fn admits_region(&self, take: &Take) -> bool {
        self.regions.is_empty() || self.regions.contains(&take.region)
    }

    fn admits_lang(&self, take: &Take) -> bool {
        self.langs.is_empty() || self.langs.contains(&take.lang)
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty() && self.langs.is_empty()
    }

    pub fn toggle_region(&mut self, region: &str) {
        toggle(&mut self.regions, region);
    }

    pub fn toggle_lang(&mut self, lang: &str) {
        toggle(&mut self.langs, lang);
    }
}

fn toggle(set: &mut BTreeSet<String>, value: &str) {
    if !set.remove(value) {
        set.insert(value.to_string());
    }
}

/// A filter chip: its value and how many takes it would show given the *other* filter, so a
/// reader sees before clicking what a chip leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chip {
    pub value: String,
    pub count: usize,
}

pub fn region_chips<T>(bundle: &EventBundle<T>, filters: &Filters) -> Vec<Chip> {
    chips(bundle.regions(), bundle.takes().filter(|t| filters.admits_lang(t)).map(|t| t.region.as_str()))
}

pub fn lang_chips<T>(bundle: &EventBundle<T>, filters: &Filters) -> Vec<Chip> {
    chips(bundle.take_langs(), bundle.takes().filter(|t| filters.admits_region(t)).map(|t| t.lang.as_str()))
}

/// One chip per value, counted in one pass over the admitted takes' values: a chip per value
/// times a scan of every take per chip was 2.5 million comparisons of long strings at the
/// format's limits (500 regions, 5,000 takes), a quarter of a second per filter click.
fn chips<'a>(values: Vec<&'a str>, admitted: impl Iterator<Item = &'a str>) -> Vec<Chip> {
    let mut counts: HashMap<&str, usize> = values.iter().map(|v| (*v, 0)).collect();
    for value in admitted {
        *counts.entry(value).or_default() += 1;
    }
    values.into_iter().map(|v| Chip { value: v.to_string(), count: counts[v] }).collect()
}

/// Takes a lens shows under `filters`, by index into the lens's takes.
pub fn visible_takes(lens: &Lens, filters: &Filters) -> Vec<usize> {
    lens.takes.iter().enumerate().filter(|(_, t)| filters.admits(t)).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lens(name: &str, regions: &[(&str, &str)]) -> Lens {
        Lens {
            name: name.into(),
            takes: regions
                .iter()
                .map(|(region, lang)| Take {
                    outlet: "O".into(),
                    region: (*region).into(),
                    lang: (*lang).into(),
                    summary: String::new(),
                    quote: None,
                    url: "https://example.com/".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn anchors_are_readable_and_unique() {
        let lenses = [
            lens("US tech financial", &[]),
            lens("hardware / security detail", &[]),
            lens("官方媒体", &[]),
            lens("US-tech financial", &[]),
        ];
        assert_eq!(
            lens_anchors(&lenses),
            ["lens-us-tech-financial", "lens-hardware-security-detail", "lens-3", "lens-us-tech-financial-4"]
        );
    }

    #[test]
    fn open_state_round_trips_through_the_url() {
        let lenses = [lens("a", &[("X", "en")]), lens("b", &[("X", "en"); 4]), lens("c", &[])];
        let anchors = lens_anchors(&lenses);
        assert_eq!(parse_open_param(None, &lenses, &anchors), [true, false, true]);
        assert_eq!(parse_open_param(Some(""), &lenses, &anchors), [false, false, false]);
        let open = [false, true, true];
        let param = open_param(&open, &anchors);
        assert_eq!(param, "b,c");
        assert_eq!(parse_open_param(Some(&param), &lenses, &anchors), open);
        assert_eq!(parse_open_param(Some("gone,b"), &lenses, &anchors), [false, true, false]);
    }

    #[test]
    fn chip_counts_follow_the_other_filter() {
        let lenses = vec![lens("a", &[("US", "en"), ("CN", "zh")]), lens("b", &[("US", "en"), ("CN", "en")])];
        let mut bundle: EventBundle =
            serde_json::from_str(include_str!("../public/data/zh/n/anthropic-alibaba-claude-distillation.json"))
                .unwrap();
        bundle.lenses = lenses;
        let mut f = Filters::default();
        let counts = |chips: Vec<Chip>| chips.into_iter().map(|c| (c.value, c.count)).collect::<Vec<_>>();
        assert_eq!(counts(region_chips(&bundle, &f)), [("US".into(), 2), ("CN".into(), 2)]);
        f.toggle_lang("zh");
        assert_eq!(counts(region_chips(&bundle, &f)), [("US".into(), 0), ("CN".into(), 1)]);
        assert_eq!(visible_takes(&bundle.lenses[1], &f), Vec::<usize>::new());
        f.toggle_lang("zh");
        f.toggle_region("CN");
        assert_eq!(counts(lang_chips(&bundle, &f)), [("en".into(), 1), ("zh".into(), 1)]);
        assert_eq!(visible_takes(&bundle.lenses[1], &f), [1]);
    }
}
