//! The bundles the tests check against: the seed event as `make data` generates it, and a small
//! English event built here so that every field has a known value in a second language.

use eventlens_format::model::{Entity, EventBundle, Lens, RelatedEvent, Take};
use eventlens_format::validate::parse_bundle;

/// The seed event, `public/data/zh/n/anthropic-alibaba-claude-distillation.json`.
pub fn seed() -> EventBundle {
    let text = include_str!("../../../public/data/zh/n/anthropic-alibaba-claude-distillation.json");
    parse_bundle(text).expect("the committed seed bundle is valid")
}

fn take(outlet: &str, region: &str, url: &str) -> Take {
    Take {
        outlet: outlet.into(),
        region: region.into(),
        lang: "en".into(),
        summary: String::new(),
        quote: None,
        url: url.into(),
    }
}

/// A valid English event with two lenses, three takes in two regions and two entities.
pub fn english_fixture() -> EventBundle {
    let mut first =
        take("Reuters", "United Kingdom", "https://www.reuters.com/technology/tsmc-arizona-2nm-2026-05-02/");
    first.summary = "TSMC moves its **2nm** timeline for Arizona forward by a year.".into();
    first.quote = Some("We are ahead of plan.".into());
    EventBundle {
        schema_version: 1,
        slug: "tsmc-arizona-2nm".into(),
        lang: "en".into(),
        canonical_url: "https://news.example.org/en/n/tsmc-arizona-2nm".into(),
        title: "TSMC brings 2nm chipmaking to Arizona a year early".into(),
        dek: "The second fab starts volume production in 2027 & ships to US customers first".into(),
        kind: "event".into(),
        date: "2026-05-02".into(),
        heads: vec!["Supply chains".into(), "Who pays".into()],
        summary: "[TSMC](/en/entity/tsmc) said on *Friday* that its second [Arizona](/en/entity/arizona) fab \
                  will make **2nm** chips in 2027.\n\nSubsidies <b>matter</b>."
            .into(),
        why_it_matters: "Leading-edge chips made in the US for the first time.".into(),
        watch: vec!["Whether Apple moves orders.".into()],
        lenses: vec![
            Lens {
                name: "Business press".into(),
                takes: vec![first, take("Financial Times", "United Kingdom", "https://www.ft.com/content/0f0e-tsmc")],
            },
            Lens {
                name: "Taiwan press".into(),
                takes: vec![take(
                    "Taipei Times",
                    "Taiwan",
                    "https://www.taipeitimes.com/News/biz/archives/2026/05/03/1",
                )],
            },
        ],
        related: vec![RelatedEvent { slug: "chip-controls".into(), title: Some("Chip controls".into()) }],
        entities: vec![
            Entity { slug: "tsmc".into(), name: "TSMC".into() },
            Entity { slug: "arizona".into(), name: "Arizona".into() },
        ],
    }
}
