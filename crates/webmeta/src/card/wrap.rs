//! Fitting a line of text into a box: wrapping at the places Unicode allows, then cutting the
//! last line with an ellipsis.
//!
//! Where a line may break is unicode-linebreak's (UAX #14): between any two Chinese or Japanese
//! characters, at spaces in English, never before a closing mark such as `，` or `)`. Which of
//! those breaks to take is the greedy fill here, written by hand because it is a dozen lines and
//! has to measure with the card's own font. A word wider than the whole box (a long URL) is
//! broken between characters rather than allowed to overflow.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::fonts::Measurer;

/// The ellipsis that ends a cut line.
pub const ELLIPSIS: char = '…';

/// A text measured once, in ems, so it can be tried at several sizes.
pub struct Measured {
    text: String,
    /// Byte offset of each character, and the text's length last.
    offsets: Vec<usize>,
    /// Width in ems before each character, and the whole width last.
    widths: Vec<f32>,
    /// Character indices after which a line may end (the last is the end of the text).
    breaks: Vec<usize>,
    ellipsis: f32,
}

impl Measured {
    /// Measures `text` with its whitespace runs (newlines included) collapsed to one space.
    pub fn new(text: &str, m: &Measurer) -> Measured {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut offsets = Vec::with_capacity(text.len() + 1);
        let mut widths = Vec::with_capacity(text.len() + 1);
        let mut total = 0.0;
        for ((at, _), advance) in text.char_indices().zip(m.advances(&text)) {
            offsets.push(at);
            widths.push(total);
            total += advance;
        }
        offsets.push(text.len());
        widths.push(total);
        let breaks = linebreaks(&text)
            .filter(|(_, kind)| matches!(kind, BreakOpportunity::Allowed | BreakOpportunity::Mandatory))
            .map(|(at, _)| offsets.partition_point(|&o| o < at))
            .collect();
        let ellipsis = m.advances(&ELLIPSIS.to_string())[0];
        Measured { text, offsets, widths, breaks, ellipsis }
    }

    fn chars(&self) -> usize {
        self.offsets.len() - 1
    }

    fn slice(&self, from: usize, to: usize) -> &str {
        &self.text[self.offsets[from]..self.offsets[to]]
    }

    /// The width in ems of characters `from..to`, trailing spaces left out (they hang).
    fn width(&self, from: usize, mut to: usize) -> f32 {
        while to > from && self.slice(to - 1, to) == " " {
            to -= 1;
        }
        self.widths[to] - self.widths[from]
    }

    /// The width of the whole text in ems.
    pub fn total(&self) -> f32 {
        self.width(0, self.chars())
    }

    /// The lines of the text at `size` px in `width` px, at most `max_lines` of them. The second
    /// value says whether text was cut, in which case the last line ends in an ellipsis.
    pub fn wrap(&self, size: f32, width: f32, max_lines: usize) -> (Vec<String>, bool) {
        let limit = width / size;
        let mut lines: Vec<String> = Vec::new();
        let mut start = 0;
        let end = self.chars();
        while start < end {
            if lines.len() + 1 == max_lines && self.width(start, end) > limit {
                lines.push(self.cut(start, limit));
                return (lines, true);
            }
            let stop = self.line_end(start, limit);
            lines.push(self.slice(start, stop).trim_end().to_string());
            start = stop;
            while start < end && self.slice(start, start + 1) == " " {
                start += 1;
            }
        }
        (lines, false)
    }

    /// Where the line starting at `start` ends: the furthest break that fits, or, when not even
    /// the first word fits, the most characters that do (at least one).
    fn line_end(&self, start: usize, limit: f32) -> usize {
        let first_break = self.breaks.partition_point(|&b| b <= start);
        let mut fits = None;
        for &b in &self.breaks[first_break..] {
            if self.width(start, b) > limit {
                break;
            }
            fits = Some(b);
        }
        fits.unwrap_or_else(|| self.most_that_fit(start, self.chars(), limit).max(start + 1))
    }

    /// The largest `to` in `start..=end` whose characters fit in `limit` ems.
    fn most_that_fit(&self, start: usize, end: usize, limit: f32) -> usize {
        let mut to = start;
        while to < end && self.width(start, to + 1) <= limit {
            to += 1;
        }
        to
    }

    /// The rest of the text from `start` cut to fit `limit` ems with the ellipsis: at the
    /// furthest break that leaves room for it (a word boundary in English), or between
    /// characters when not even one word fits.
    fn cut(&self, start: usize, limit: f32) -> String {
        let room = limit - self.ellipsis;
        let first_break = self.breaks.partition_point(|&b| b <= start);
        let at_break = self.breaks[first_break..].iter().take_while(|&&b| self.width(start, b) <= room).last();
        let to = match at_break {
            Some(&b) => b,
            None => self.most_that_fit(start, self.chars(), room),
        };
        let mut line = self.slice(start, to).trim_end().to_string();
        line.push(ELLIPSIS);
        line
    }
}
