//! The largest bundle the format accepts: one maximum for every text and every list, and for
//! the markup inside inline-markdown texts. Every number lives here, once; the validator
//! ([`crate::validate`]) enforces them, the JSON Schema carries those it can express
//! (`maxLength`, `maxItems`), and `bundle limits` writes a bundle at every limit and one over each.
//!
//! Why limits at all: the app renders whatever a valid bundle holds, so a valid bundle must be one
//! a reader's tab can render quickly (issue 16). Each maximum is about ten times the largest a
//! real event can be argued to need (the seed event's figure is given for scale), so that no real
//! event meets one, while the product of them all, the worst valid bundle, stays small enough to
//! load and render fast.
//!
//! Text lengths count characters (Unicode scalar values, `str::chars`), as JSON Schema's
//! `maxLength` does; not bytes, so a Chinese title gets as many characters as an English one, and
//! not UTF-16 units, as JavaScript's `length` would.
//!
//! Not here: the rules a value must follow within its length (slug shape, URL scheme, ...); see
//! [`crate::validate`].

/// A bundle file, in bytes: the app's fetch cap. The seed event is 9 KB; a big event of 500 takes
/// with summaries and quotes is about 500 KB. Checked on the JSON text, before it is parsed.
pub const MAX_BUNDLE_BYTES: usize = 5 * 1024 * 1024;

/// The event's slug, a related event's and an entity's. Slugs become file names
/// (`{slug}.json`), and most file systems stop at 255 bytes; 200 is also five times the seed's 37.
pub const MAX_SLUG_CHARS: usize = 200;

/// The canonical URL and each take's source URL. The seed's longest is 171. Sitemaps accept
/// URLs under 2,048 characters, and some crawlers and proxies stop near 2,000.
pub const MAX_URL_CHARS: usize = 2_000;

/// The title, and the title of a related event. The seed's is 36 characters of Chinese; a long
/// English headline runs to about 150.
pub const MAX_TITLE_CHARS: usize = 1_500;

/// The standfirst under the title. The seed's is 63 characters; two or three sentences in
/// English make about 400.
pub const MAX_DEK_CHARS: usize = 4_000;

/// The kind of item (`type`), one word such as `event`.
pub const MAX_TYPE_CHARS: usize = 100;

/// How many heads (editorial angle tags). The seed has 2; a piece may carry 5.
pub const MAX_HEADS: usize = 50;

/// One head. The seed's longest is 5 characters of Chinese; "What they did not say" is 21.
pub const MAX_HEAD_CHARS: usize = 400;

/// The summary, in inline markdown. The seed's is 321 characters of Chinese; five short
/// paragraphs in English make about 2,000.
pub const MAX_SUMMARY_CHARS: usize = 20_000;

/// Why it matters, in inline markdown. The seed's is 99 characters; a long one is 1,000.
pub const MAX_WHY_CHARS: usize = 10_000;

/// How many things to watch. The seed lists 3; a long list has 20.
pub const MAX_WATCH_ITEMS: usize = 200;

/// One thing to watch, in inline markdown: a sentence. The seed's longest is 35 characters of
/// Chinese, about 100 in English.
pub const MAX_WATCH_ITEM_CHARS: usize = 1_000;

/// How many lenses. The seed has 6; a story covered worldwide may be read through 20. The
/// app's big-event test renders 200 lenses within its budget.
pub const MAX_LENSES: usize = 200;

/// A lens's name. The seed's longest ("Chinese state media, US tech-hegemony framing") is 45.
pub const MAX_LENS_NAME_CHARS: usize = 500;

/// Takes in one lens. The seed's biggest lens holds 12 of its 17 takes; a lens of a world event
/// may gather 100 outlets.
pub const MAX_TAKES_PER_LENS: usize = 1_000;

/// Takes in all lenses together. The seed has 17; a world event may draw 500 outlets. The app's
/// big-event test renders 5,000 takes within its budget.
pub const MAX_TAKES: usize = 5_000;

/// A take's outlet name. The seed's longest ("South China Morning Post") is 24; few exceed 50.
pub const MAX_OUTLET_CHARS: usize = 500;

/// A take's region, free text such as `Hong Kong / China`. The seed's longest is 20; few exceed 50.
pub const MAX_REGION_CHARS: usize = 500;

/// Distinct regions over all takes: each becomes a filter chip. The seed's 8 regions are its
/// 8 countries; a story covered in 50 countries is a very big one.
pub const MAX_REGIONS: usize = 500;

/// A take's summary, plain text. The seed's longest is 155 characters of Chinese; a paragraph in
/// English is about 1,000.
pub const MAX_TAKE_SUMMARY_CHARS: usize = 10_000;

/// A take's quote, plain text. The seed's longest is 60 characters; a long quoted passage is
/// about 1,000.
pub const MAX_QUOTE_CHARS: usize = 10_000;

/// How many related events. The seed has 4; a story with a long history links 20.
pub const MAX_RELATED: usize = 200;

/// How many entities. The seed has 3; a story about an industry names 20 companies and bodies.
pub const MAX_ENTITIES: usize = 200;

/// An entity's name. The seed's longest ("Alibaba Qwen") is 12; few official names exceed 50.
pub const MAX_ENTITY_NAME_CHARS: usize = 500;

/// Links in one inline-markdown text (the summary, why it matters, or one thing to watch). The
/// seed's summary links 2 entities; a dense summary links 10.
pub const MAX_LINKS_PER_TEXT: usize = 100;

/// How deep markup (emphasis, strong, strikethrough, links) may nest in one inline-markdown text.
/// Real text nests 2 deep (a link in bold). The app renders the tree by recursion, and the tree
/// may be sent as JSON, where each level costs up to 3 of serde_json's 128 nesting levels.
pub const MAX_INLINE_NESTING: usize = 20;

/// Block-quote and list markers (`>`, `-`, `1.`) opening one line of an inline-markdown text;
/// those past it are read as text. Real text opens 2 (a quote in a list item). The parser checks
/// every open quote and list item on every line, so their depth multiplies the cost of each line.
pub const MAX_BLOCK_NESTING: usize = 20;

/// Markup elements (links, emphasis, strong, strikethrough, code, line breaks) in all the
/// bundle's inline-markdown texts together: each becomes an element on the page, and a count per
/// text alone would let 200 watch items multiply it. The seed has 2; a richly marked-up event 100.
pub const MAX_MARKUP_ELEMENTS: usize = 1_000;

/// A language code's length: ISO 639-1 codes are two letters. Not a limit of its own (the
/// validator accepts only known codes), but the JSON Schema says it.
pub const LANG_CHARS: usize = 2;

/// A date's length: `YYYY-MM-DD`. Not a limit of its own (the validator accepts only real dates),
/// but the JSON Schema says it.
pub const DATE_CHARS: usize = 10;

/// Every limit above by name, for tools that list them or build a bundle at each of them.
pub const ALL: &[(&str, usize)] = &[
    ("MAX_BUNDLE_BYTES", MAX_BUNDLE_BYTES),
    ("MAX_SLUG_CHARS", MAX_SLUG_CHARS),
    ("MAX_URL_CHARS", MAX_URL_CHARS),
    ("MAX_TITLE_CHARS", MAX_TITLE_CHARS),
    ("MAX_DEK_CHARS", MAX_DEK_CHARS),
    ("MAX_TYPE_CHARS", MAX_TYPE_CHARS),
    ("MAX_HEADS", MAX_HEADS),
    ("MAX_HEAD_CHARS", MAX_HEAD_CHARS),
    ("MAX_SUMMARY_CHARS", MAX_SUMMARY_CHARS),
    ("MAX_WHY_CHARS", MAX_WHY_CHARS),
    ("MAX_WATCH_ITEMS", MAX_WATCH_ITEMS),
    ("MAX_WATCH_ITEM_CHARS", MAX_WATCH_ITEM_CHARS),
    ("MAX_LENSES", MAX_LENSES),
    ("MAX_LENS_NAME_CHARS", MAX_LENS_NAME_CHARS),
    ("MAX_TAKES_PER_LENS", MAX_TAKES_PER_LENS),
    ("MAX_TAKES", MAX_TAKES),
    ("MAX_OUTLET_CHARS", MAX_OUTLET_CHARS),
    ("MAX_REGION_CHARS", MAX_REGION_CHARS),
    ("MAX_REGIONS", MAX_REGIONS),
    ("MAX_TAKE_SUMMARY_CHARS", MAX_TAKE_SUMMARY_CHARS),
    ("MAX_QUOTE_CHARS", MAX_QUOTE_CHARS),
    ("MAX_RELATED", MAX_RELATED),
    ("MAX_ENTITIES", MAX_ENTITIES),
    ("MAX_ENTITY_NAME_CHARS", MAX_ENTITY_NAME_CHARS),
    ("MAX_LINKS_PER_TEXT", MAX_LINKS_PER_TEXT),
    ("MAX_INLINE_NESTING", MAX_INLINE_NESTING),
    ("MAX_BLOCK_NESTING", MAX_BLOCK_NESTING),
    ("MAX_MARKUP_ELEMENTS", MAX_MARKUP_ELEMENTS),
];

/// `50000` as `50,000`, as limits are written in messages and in the README: the same digit
/// grouping as every count a page shows, from the one place that has it.
pub use eventlens_i18n::grouped as thousands;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_is_listed_once() {
        let declared: Vec<&str> = include_str!("limits.rs")
            .lines()
            .filter_map(|l| l.strip_prefix("pub const MAX_"))
            .filter_map(|l| l.split(':').next())
            .collect();
        let listed: Vec<&str> = ALL.iter().map(|(name, _)| name.strip_prefix("MAX_").unwrap()).collect();
        assert_eq!(listed, declared, "ALL must list every `pub const MAX_*`, in order");
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(200), "200");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(50_000), "50,000");
        assert_eq!(thousands(1_600_000), "1,600,000");
        assert_eq!(thousands(5_242_880), "5,242,880");
    }
}
