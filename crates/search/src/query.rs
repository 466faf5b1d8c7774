//! The search's rules: the query as the URL holds it, the answer read into plain data, and the
//! highlighted excerpt built from text. Pure, and tested natively.
//!
//! The index is Pagefind's, built by `scripts/search-index.mjs` into `/pagefind/{lang}/events/`
//! and `/pagefind/{lang}/names/` (entities and outlets), each also cut into shards; `engine`
//! asks it for one page of results at a time and reads the plain object it answers into a
//! [`RawAnswer`]. A word common enough is answered from the newest shards only
//! (`src/pagefind.js`), so its total is an [`estimate`].
//!
//! Nothing Pagefind returns becomes HTML: its excerpts mark matches with `<mark>` and escape `<`
//! and `>`; [`excerpt_spans`] splits on the marks and unescapes the text, and the page draws
//! text nodes and `<mark>` elements from that.
//!
//! Not here: calling Pagefind (`engine`), drawing (`page`).

use eventlens_format::model::is_known_lang;
use eventlens_format::pages::paths;

/// Events shown on one page of results.
pub const PAGE_SIZE: usize = 10;
/// Entities and outlets shown beside the events.
pub const NAMES_SHOWN: usize = 8;
/// The longest query kept from a URL, in characters; the rest is dropped.
pub const MAX_QUERY_CHARS: usize = 200;

/// A search as its URL holds it: `/{lang}/search?q=…&in=en&from=2026-01&to=2026-06&page=2`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Query {
    /// What the reader typed, trimmed.
    pub text: String,
    /// The language of the events searched (`in`): the page's own unless the reader chose.
    pub lang: String,
    /// The first and last month of the date range, `YYYY-MM`, each optional.
    pub from: Option<String>,
    pub to: Option<String>,
    /// The page of results, from 1.
    pub page: u32,
}

impl Query {
    /// Reads a query from the URL's parameters (`get` answers one by name). Anything malformed
    /// is dropped rather than refused: a bad `page` is page 1, a bad month no bound, an unknown
    /// language the page's own.
    pub fn from_params(page_lang: &str, get: impl Fn(&str) -> Option<String>) -> Query {
        let text: String = get("q").unwrap_or_default().trim().chars().take(MAX_QUERY_CHARS).collect();
        let lang = get("in").filter(|l| is_known_lang(l)).unwrap_or_else(|| page_lang.to_string());
        let month = |key: &str| get(key).filter(|m| is_month(m));
        let page = get("page").and_then(|p| p.parse::<u32>().ok()).filter(|p| *p >= 1).unwrap_or(1);
        Query { text, lang, from: month("from"), to: month("to"), page }
    }

    /// The route of this query on the page in `page_lang`, without the base path. Defaults are
    /// left out, so a plain search reads `/zh/search?q=蒸馏`.
    pub fn url(&self, page_lang: &str) -> String {
        let mut params = vec![("q", self.text.as_str())];
        if self.lang != page_lang {
            params.push(("in", &self.lang));
        }
        if let Some(from) = &self.from {
            params.push(("from", from));
        }
        if let Some(to) = &self.to {
            params.push(("to", to));
        }
        let page = self.page.to_string();
        if self.page > 1 {
            params.push(("page", &page));
        }
        let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect();
        format!("{}?{}", paths::search_page(page_lang), query.join("&"))
    }

    /// The same query on another page of results.
    pub fn with_page(&self, page: u32) -> Query {
        Query { page, ..self.clone() }
    }

    /// Every month from `from` to `to` (`2026-01`, `2026-02`, …), the values of the index's
    /// `month` filter, or none when the range is open at both ends. An open end is the earliest
    /// or latest month that can be written; a range backwards is empty.
    pub fn months(&self) -> Option<Vec<String>> {
        if self.from.is_none() && self.to.is_none() {
            return None;
        }
        let parse = |m: &str| -> (i32, i32) { (m[..4].parse().unwrap_or(0), m[5..].parse().unwrap_or(1)) };
        let (mut year, mut month) = self.from.as_deref().map(parse).unwrap_or((0, 1));
        let (last_year, last_month) = self.to.as_deref().map(parse).unwrap_or((9999, 12));
        // An open end stops at the data's plausible span rather than listing ten thousand years.
        if self.from.is_none() {
            year = last_year - MONTHS_OPEN_YEARS;
        }
        let last_year = if self.to.is_none() { year + MONTHS_OPEN_YEARS } else { last_year };
        let mut months = Vec::new();
        while (year, month) <= (last_year, last_month) {
            months.push(format!("{year:04}-{month:02}"));
            (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        }
        Some(months)
    }
}

/// How many years an open end of a date range reaches.
const MONTHS_OPEN_YEARS: i32 = 50;

/// `YYYY-MM` with a real month.
fn is_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit())
        && matches!(s[5..].parse::<u8>(), Ok(1..=12))
}

/// `s` as a URL query value: every byte but ASCII letters, digits and `-._~` percent-encoded.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.extend(['%', HEX[usize::from(byte >> 4)] as char, HEX[usize::from(byte & 15)] as char]);
        }
    }
    out
}

/// A piece of an excerpt: text, or text that matched the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Mark(String),
}

/// Pagefind's excerpt (`a <mark>word</mark> &lt;b&gt;`) as text and marked text. Pagefind
/// escapes only `<` and `>` of the content before adding its marks, so those are the only
/// entities undone, and every `<mark>` or `</mark>` left is one of its own.
pub fn excerpt_spans(excerpt: &str) -> Vec<Span> {
    let unescape = |s: &str| s.replace("&lt;", "<").replace("&gt;", ">");
    let mut spans = Vec::new();
    let mut marked = false;
    let mut rest = excerpt;
    loop {
        let (tag, next) = if marked { ("</mark>", false) } else { ("<mark>", true) };
        let (piece, after) = match rest.find(tag) {
            Some(at) => (&rest[..at], Some(&rest[at + tag.len()..])),
            None => (rest, None),
        };
        if !piece.is_empty() {
            let text = unescape(piece);
            spans.push(if marked { Span::Mark(text) } else { Span::Text(text) });
        }
        match after {
            Some(after) => {
                rest = after;
                marked = next;
            }
            None => return spans,
        }
    }
}

/// `text` with every occurrence of the `words` that matched marked (case aside, and for words
/// in a script that spaces its words, only whole words). The words come as the index split the
/// content, so punctuation at either end is trimmed first.
pub fn mark_words(text: &str, words: &[String]) -> Vec<Span> {
    let needles: Vec<Vec<char>> = words
        .iter()
        .map(|w| w.replace("&lt;", "<").replace("&gt;", ">"))
        .map(|w| w.trim_matches(|c: char| !is_word_char(c)).chars().map(fold_case).collect::<Vec<char>>())
        .filter(|w| !w.is_empty())
        .collect();
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = chars.iter().copied().map(fold_case).collect();
    let spaced = |c: char| is_word_char(c) && !is_unspaced(c);
    let mut spans = Vec::new();
    let (mut plain_from, mut i) = (0, 0);
    while i < chars.len() {
        // The longest word that matches here, so "chipmakers" wins over "chip" where both did.
        let found = needles
            .iter()
            .filter(|w| {
                let end = i + w.len();
                end <= chars.len()
                    && folded[i..end] == w[..]
                    && !(spaced(w[0]) && i > 0 && spaced(chars[i - 1]))
                    && !(spaced(w[w.len() - 1]) && end < chars.len() && spaced(chars[end]))
            })
            .map(Vec::len)
            .max();
        match found {
            Some(len) => {
                if plain_from < i {
                    spans.push(Span::Text(chars[plain_from..i].iter().collect()));
                }
                spans.push(Span::Mark(chars[i..i + len].iter().collect()));
                i += len;
                plain_from = i;
            }
            None => i += 1,
        }
    }
    if plain_from < chars.len() {
        spans.push(Span::Text(chars[plain_from..].iter().collect()));
    }
    spans
}

/// A character words are made of: ASCII letters and digits, and every character from Latin-1's
/// letters on that is not punctuation, a symbol or a space (accented Latin, Greek, Cyrillic,
/// Han, kana, Hangul…). Written out rather than Unicode's tables (`char::is_alphanumeric`),
/// which would weigh more in the module's wasm than the whole search; a rare letter taken for
/// punctuation only leaves a match unmarked.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (c >= '\u{C0}'
            && !matches!(c, '×' | '÷')
            && !matches!(c as u32, 0x2000..=0x2BFF | 0x2E00..=0x2E7F | 0x3000..=0x3003 | 0x3008..=0x301F
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65))
}

/// `c` in lower case, for the cased scripts the collection is written in (Latin with Latin-1's
/// letters, Greek, Cyrillic); other characters as they are. Not Unicode's case tables, for the
/// reason [`is_word_char`] gives.
fn fold_case(c: char) -> char {
    let shift = match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' | 'Α'..='Ρ' | 'Σ'..='Ω' | 'А'..='Я' => 0x20,
        'Ѐ'..='Џ' => 0x50,
        _ => 0,
    };
    char::from_u32(c as u32 + shift).unwrap_or(c)
}

/// Letters of scripts written without spaces between words (Han, kana, Thai), where a match
/// inside a run of letters is still a whole word.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x0E00..=0x0E7F | 0x20000..=0x2FA1F)
}

/// One result as `src/pagefind.js` hands it over: Pagefind's score, URL, metadata and excerpt.
#[derive(Clone, Debug, PartialEq)]
pub struct RawHit {
    pub score: f64,
    /// Where it was ranked: 0 for the whole index, k for the k-th shard of a common word's
    /// answer (`src/pagefind.js`); a lower block comes first whatever the score.
    pub block: u32,
    pub url: String,
    /// Pagefind's metadata of the record, by name (`title`, `date`, `dek`, `counts`, `events`).
    pub meta: Vec<(String, String)>,
    pub excerpt: String,
    /// The words of the content that matched, as written there, `<` and `>` escaped.
    pub matched: Vec<String>,
}

/// The answer to a query: how many events matched among how many searched, one page of them,
/// and the best names.
#[derive(Clone, Debug, PartialEq)]
pub struct RawAnswer {
    /// Events that matched among the `searched`.
    pub found: usize,
    /// Events searched: all of them (`records`), or, for a word common enough that the
    /// newest shards answered it, those shards' events.
    pub searched: usize,
    pub records: usize,
    pub events: Vec<RawHit>,
    pub names: Vec<RawHit>,
}

/// An event that matched.
#[derive(Clone, Debug, PartialEq)]
pub struct EventHit {
    pub slug: String,
    pub title: String,
    pub date: String,
    /// Takes, lenses, regions.
    pub counts: [usize; 3],
    /// The dek, the words that matched marked.
    pub dek: Vec<Span>,
    /// Where the content matched best, marked: shown when the dek has no match.
    pub excerpt: Vec<Span>,
    pub score: f64,
}

/// An entity or an outlet that matched.
#[derive(Clone, Debug, PartialEq)]
pub enum NameHit {
    Entity { slug: String, name: String, events: usize },
    Outlet { name: String, events: usize },
}

/// The answer, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// How many events match: counted, or estimated when `estimated`.
    pub total: usize,
    /// Only the newest events were searched (a common word); `total` is estimated from them,
    /// and the events come newest block first.
    pub estimated: bool,
    pub events: Vec<EventHit>,
    pub names: Vec<NameHit>,
}

/// The last two segments of a record's URL (`/sub/pagefind/…/n/slug/` → (`n`, `slug`)): the
/// index names each record by its kind and key (see `scripts/search-index.mjs`).
fn kind_and_key(url: &str) -> Option<(&str, &str)> {
    let mut parts = url.trim_end_matches('/').rsplit('/');
    let key = parts.next()?;
    let kind = parts.next()?;
    Some((kind, key))
}

/// How many of `records` events match, from `found` matches among the `searched` newest: the
/// same share, to two significant figures, and never fewer than were found.
pub fn estimate(found: usize, searched: usize, records: usize) -> usize {
    if searched == 0 || searched >= records {
        return found;
    }
    let share = found as f64 * records as f64 / searched as f64;
    let step = 10f64.powi((share.log10().floor() as i32 - 1).max(0));
    ((share / step).round() * step).min(records as f64).max(found as f64) as usize
}

impl RawAnswer {
    /// The answer as the page draws it: events by block (newest shard first, for a common
    /// word), then by match, then newest first where the matches are equal; records the app
    /// cannot read are left out.
    pub fn read(self) -> Answer {
        let mut events: Vec<(u32, EventHit)> =
            self.events.into_iter().filter_map(|hit| Some((hit.block, hit.event()?))).collect();
        // Unstable, with the slug last so that equal hits still keep one order: the stable sort
        // would be code of its own in the wasm.
        events.sort_unstable_by(|(block_a, a), (block_b, b)| {
            block_a
                .cmp(block_b)
                .then_with(|| b.score.total_cmp(&a.score))
                .then_with(|| b.date.cmp(&a.date))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let names = self.names.into_iter().filter_map(RawHit::name).collect();
        let total = estimate(self.found, self.searched, self.records);
        let estimated = self.searched < self.records;
        Answer { total, estimated, events: events.into_iter().map(|(_, hit)| hit).collect(), names }
    }
}

impl RawHit {
    /// The metadata named `key`, or nothing.
    fn meta(&self, key: &str) -> &str {
        self.meta.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str())
    }

    fn event(self) -> Option<EventHit> {
        let ("n", slug) = kind_and_key(&self.url)? else { return None };
        let mut counts = [0; 3];
        for (count, value) in counts.iter_mut().zip(self.meta("counts").split(' ')) {
            *count = value.parse().unwrap_or(0);
        }
        Some(EventHit {
            slug: slug.to_string(),
            title: self.meta("title").to_string(),
            date: self.meta("date").to_string(),
            counts,
            dek: mark_words(self.meta("dek"), &self.matched),
            excerpt: excerpt_spans(&self.excerpt),
            score: self.score,
        })
    }

    fn name(self) -> Option<NameHit> {
        let name = self.meta("title").to_string();
        let events = self.meta("events").parse().unwrap_or(0);
        match kind_and_key(&self.url)? {
            ("entity", slug) => Some(NameHit::Entity { slug: slug.to_string(), name, events }),
            ("outlet", _) => Some(NameHit::Outlet { name, events }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Query {
        Query::from_params("zh", |k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn marks_become_spans_and_nothing_else_does() {
        let spans = excerpt_spans(
            "Anthropic <mark>distilled</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>蒸馏</mark>",
        );
        assert_eq!(
            spans,
            vec![
                Span::Text("Anthropic ".into()),
                Span::Mark("distilled".into()),
                Span::Text(" <script>alert(1)</script> &amp; ".into()),
                Span::Mark("蒸馏".into()),
            ]
        );
        // A title that is itself markup arrives escaped and stays text, marks included.
        assert_eq!(
            excerpt_spans("&lt;mark&gt;x&lt;/mark&gt; <mark>&lt;img onerror=alert(1)&gt;</mark>"),
            vec![Span::Text("<mark>x</mark> ".into()), Span::Mark("<img onerror=alert(1)>".into())]
        );
        assert_eq!(excerpt_spans(""), vec![]);
        assert_eq!(excerpt_spans("<mark>unclosed"), vec![Span::Mark("unclosed".into())]);
    }

    #[test]
    fn the_dek_marks_the_words_that_matched() {
        let words = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert_eq!(
            mark_words("Shipments halted; the Regulator reviewed", &words(&["regulator.", "halted", "at"])),
            vec![
                Span::Text("Shipments ".into()),
                Span::Mark("halted".into()),
                Span::Text("; the ".into()),
                Span::Mark("Regulator".into()),
                Span::Text(" reviewed".into()),
            ]
        );
        // Inside a run of Han characters a word is a word; markup in the dek stays text.
        assert_eq!(
            mark_words("AI蒸馏攻击<b>", &words(&["蒸馏", "&lt;b&gt;"])),
            vec![
                Span::Text("AI".into()),
                Span::Mark("蒸馏".into()),
                Span::Text("攻击<".into()),
                Span::Mark("b".into()),
                Span::Text(">".into())
            ]
        );
        assert_eq!(mark_words("nothing here", &words(&["gallium"])), vec![Span::Text("nothing here".into())]);
        assert_eq!(mark_words("", &words(&["x"])), vec![]);
    }

    #[test]
    fn words_match_across_case_and_script_and_lose_their_punctuation() {
        let words = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let marked = |text: &str, ws: &[&str]| -> Vec<String> {
            mark_words(text, &words(ws))
                .into_iter()
                .filter_map(|s| match s {
                    Span::Mark(m) => Some(m),
                    Span::Text(_) => None,
                })
                .collect()
        };
        // Case folds in Latin (Latin-1's letters too), Greek and Cyrillic.
        assert_eq!(marked("ÉTUDE of Ωmega by ЁЖ", &["étude", "ωmega", "ёж"]), ["ÉTUDE", "Ωmega", "ЁЖ"]);
        // Chinese and full-width punctuation at a word's ends is trimmed; the longest word wins.
        assert_eq!(marked("美国AI领导地位，蒸馏攻击", &["“蒸馏”，", "领导", "领导地位。"]), ["领导地位", "蒸馏"]);
        assert_eq!(marked("chipmakers and chips", &["chip", "chipmakers", "chips"]), ["chipmakers", "chips"]);
        // An accented letter is part of its word: "e" is not found inside "café".
        assert_eq!(marked("café e", &["e"]), ["e"]);
    }

    #[test]
    fn a_query_survives_its_url() {
        let q = query(&[("q", "  Anthropic 蒸馏 & co "), ("in", "en"), ("from", "2026-01"), ("page", "3")]);
        assert_eq!(q.text, "Anthropic 蒸馏 & co");
        assert_eq!(q.lang, "en");
        assert_eq!(q.from.as_deref(), Some("2026-01"));
        assert_eq!(q.to, None);
        let url = q.url("zh");
        assert_eq!(url, "/zh/search?q=Anthropic%20%E8%92%B8%E9%A6%8F%20%26%20co&in=en&from=2026-01&page=3");
        let back: Vec<(String, String)> = url
            .split_once('?')
            .unwrap()
            .1
            .split('&')
            .map(|kv| kv.split_once('=').unwrap())
            .map(|(k, v)| (k.to_string(), percent_decode(v)))
            .collect();
        let again = Query::from_params("zh", |k| back.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()));
        assert_eq!(again, q);
    }

    fn percent_decode(s: &str) -> String {
        let mut bytes = Vec::new();
        let mut i = 0;
        while i < s.len() {
            if &s[i..i + 1] == "%" {
                bytes.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                bytes.push(s.as_bytes()[i]);
                i += 1;
            }
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn malformed_parameters_fall_back() {
        let q =
            query(&[("q", &"x".repeat(500)), ("in", "<script>"), ("from", "2026-13"), ("to", "26-01"), ("page", "0")]);
        assert_eq!(q.text.chars().count(), MAX_QUERY_CHARS);
        assert_eq!((q.lang.as_str(), q.from, q.to, q.page), ("zh", None, None, 1));
        assert_eq!(query(&[]).url("zh"), "/zh/search?q=");
    }

    #[test]
    fn a_date_range_is_the_months_it_spans() {
        let q = |from: Option<&str>, to: Option<&str>| Query {
            from: from.map(String::from),
            to: to.map(String::from),
            ..Query::default()
        };
        assert_eq!(q(None, None).months(), None);
        assert_eq!(q(Some("2025-11"), Some("2026-02")).months().unwrap(), ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(q(Some("2026-03"), Some("2026-01")).months().unwrap(), Vec::<String>::new());
        let open = q(Some("2026-06"), None).months().unwrap();
        assert_eq!((open.first().unwrap().as_str(), open.len()), ("2026-06", 50 * 12 + 7));
        assert_eq!(q(None, Some("2026-06")).months().unwrap().last().unwrap(), "2026-06");
    }

    #[test]
    fn answers_are_read_by_kind_and_ranked_by_match_then_date() {
        let hit = |score: f64, url: &str, meta: &[(&str, &str)]| RawHit {
            score,
            block: 0,
            url: url.into(),
            meta: meta.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            excerpt: "a <mark>b</mark>".into(),
            matched: vec![],
        };
        let raw = RawAnswer {
            found: 3,
            searched: 40,
            records: 40,
            events: vec![
                hit(2.0, "/sub/n/older/", &[("title", "Older"), ("date", "2025-01-01"), ("counts", "3 2 1")]),
                hit(2.0, "/sub/n/newer/", &[("title", "Newer"), ("date", "2026-01-01")]),
                hit(5.0, "/sub/n/best/", &[("title", "Best"), ("date", "2024-01-01")]),
                hit(9.0, "/sub/entity/not-an-event/", &[]),
            ],
            names: vec![
                hit(1.0, "/entity/anthropic/", &[("title", "Anthropic"), ("events", "12")]),
                hit(1.0, "/outlet/3/", &[("title", "Tom's Hardware"), ("events", "1")]),
                hit(1.0, "/elsewhere/x/", &[]),
            ],
        };
        let answer = raw.read();
        let slugs: Vec<&str> = answer.events.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["best", "newer", "older"]);
        assert_eq!((answer.total, answer.estimated), (3, false));
        assert_eq!(answer.events[2].counts, [3, 2, 1]);
        assert_eq!(
            answer.names,
            vec![
                NameHit::Entity { slug: "anthropic".into(), name: "Anthropic".into(), events: 12 },
                NameHit::Outlet { name: "Tom's Hardware".into(), events: 1 },
            ]
        );
    }

    #[test]
    fn a_common_words_answer_comes_newest_block_first_with_an_estimated_total() {
        let hit = |block: u32, score: f64, slug: &str| RawHit {
            score,
            block,
            url: format!("/n/{slug}/"),
            meta: vec![("date".into(), "2026-01-01".into())],
            excerpt: String::new(),
            matched: vec![],
        };
        let raw = RawAnswer {
            found: 2_345,
            searched: 4_000,
            records: 100_080,
            events: vec![hit(1, 9.0, "older-best"), hit(0, 1.0, "newer-worse"), hit(0, 2.0, "newer-better")],
            names: vec![],
        };
        let answer = raw.read();
        let slugs: Vec<&str> = answer.events.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["newer-better", "newer-worse", "older-best"]);
        assert_eq!((answer.total, answer.estimated), (59_000, true));
    }

    #[test]
    fn estimates_keep_two_figures_and_stay_within_what_is_known() {
        assert_eq!(estimate(2_000, 2_000, 100_000), 100_000);
        assert_eq!(estimate(1_234, 2_000, 100_000), 62_000);
        assert_eq!(estimate(57, 2_000, 10_000), 290);
        assert_eq!(estimate(3, 2_000, 3_000), 5);
        // All searched: the count itself.
        assert_eq!(estimate(12_345, 100_000, 100_000), 12_345);
        // Never fewer than found, never more than there are.
        assert_eq!(estimate(10, 10, 11), 11);
        assert_eq!(estimate(0, 0, 50), 0);
    }
}
