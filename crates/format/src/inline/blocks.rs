//! Keeps pulldown-cmark's block parsing linear, by bounding how deep block quotes and list items
//! can nest before it sees the text.
//!
//! pulldown-cmark checks every open block quote and list item at the start of every line. A line
//! of 10,000 `>` opens 10,000 quotes in 10,000 bytes, and each of the 5,000 two-byte lazy
//! continuation lines after it pays for all of them: a 20,000-character summary of that shape took
//! 0.2 s to parse natively (`benches/inline_parse.rs`, "deep quote, lazy lines"). So, on each line:
//!
//! - the container markers at its start (`>`, `-`, `+`, `*`, `1.`, `1)`) past the limit are
//!   escaped with a backslash, so the rest of the line is text; and
//! - every run of spaces and tabs among them is cut to 3 columns, so indentation can enter at most
//!   one list item per run (an item's content starts 2 or more columns in).
//!
//! A line then opens or continues at most `2 × max + 1` containers, and each line costs the
//! parser a bounded amount however many lines follow. The marker count is kept so the validator
//! can refuse a text that needed escaping: an escaped marker shows as its character.
//!
//! Written by hand because pulldown-cmark has no nesting limit, nor a way to parse inline
//! markdown without its block structure. The rules mirror CommonMark's container markers
//! closely enough to bound the cost; they need not match them exactly, since cutting 4 columns
//! of indentation to 3 or escaping a marker that was not one changes only a text the validator
//! refuses anyway, or the whitespace in front of flattened blocks.

use std::borrow::Cow;

/// The widest indentation kept: CommonMark reads 4 columns as an indented code block.
const MAX_INDENT_COLUMNS: usize = 3;

/// `source` with block containers bounded to `max` markers a line, and the most markers any one
/// line had before that.
pub(super) fn bound(source: &str, max: usize) -> (Cow<'_, str>, usize) {
    let bytes = source.as_bytes();
    let mut edits: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut deepest = 0;
    let mut start = 0;
    // pulldown-cmark ends lines at \n, \r and \r\n; \r\n here makes one extra, empty, line.
    while start <= bytes.len() {
        let end = bytes[start..].iter().position(|b| matches!(b, b'\n' | b'\r')).map_or(bytes.len(), |p| start + p);
        deepest = deepest.max(bound_line(&bytes[..end], start, max, &mut edits));
        start = end + 1;
    }
    if edits.is_empty() {
        return (Cow::Borrowed(source), deepest);
    }
    let mut out = String::with_capacity(source.len() + edits.len());
    let mut kept = 0;
    // Every edit is at ASCII bytes, so on character boundaries, and they come in order.
    for (from, to, with) in edits {
        out.push_str(&source[kept..from]);
        out.push_str(with);
        kept = to;
    }
    out.push_str(&source[kept..]);
    (Cow::Owned(out), deepest)
}

/// Records the edits for the line `line[at..]`, and returns how many container markers open it.
fn bound_line(line: &[u8], mut at: usize, max: usize, edits: &mut Vec<(usize, usize, &'static str)>) -> usize {
    let mut markers = 0;
    loop {
        let run = at;
        let mut columns = 0;
        while let Some(b' ' | b'\t') = line.get(at) {
            columns = if line[at] == b'\t' { columns + 4 - columns % 4 } else { columns + 1 };
            at += 1;
        }
        if columns > MAX_INDENT_COLUMNS && markers <= max {
            edits.push((run, at, "   "));
        }
        let len = marker_len(&line[at..]);
        if len == 0 {
            return markers;
        }
        markers += 1;
        if markers == max + 1 {
            // Before the marker's punctuation: `\>`, `\-`, `12\.`.
            let punctuation = at + len - 1;
            edits.push((punctuation, punctuation, "\\"));
        }
        at += len;
    }
}

/// The length of the container marker `rest` starts with, or 0.
fn marker_len(rest: &[u8]) -> usize {
    let spaced = |n: usize| rest.get(n).is_none_or(|b| matches!(b, b' ' | b'\t'));
    match rest.first() {
        Some(b'>') => 1,
        Some(b'-' | b'+' | b'*') if spaced(1) => 1,
        Some(b'0'..=b'9') => {
            let digits = rest.iter().take(10).take_while(|b| b.is_ascii_digit()).count();
            let ordered = digits <= 9 && matches!(rest.get(digits), Some(b'.' | b')')) && spaced(digits + 1);
            if ordered {
                digits + 1
            } else {
                0
            }
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in [
            "plain",
            "- a\n- b",
            "> quoted\n> - item",
            "1. one\n2) two",
            "- a\n  - b\n   - c",
            "2.5 million",
            "-5%",
            "*a*",
        ] {
            assert!(matches!(bound(text, 20), (Cow::Borrowed(_), _)), "{text:?}");
        }
        assert_eq!(bound("> - 1. > a\nb", 20).1, 4);
    }

    #[test]
    fn markers_past_the_limit_are_escaped() {
        assert_eq!(bound(">>>a", 2), (Cow::Owned::<str>(">>\\>a".into()), 3));
        assert_eq!(bound("- - - a\n12. 13) b", 1).0, "- \\- - a\n12. 13\\) b");
        assert_eq!(bound("> > >\r> > >", 2).0, "> > \\>\r> > \\>");
    }

    #[test]
    fn indentation_is_cut_to_three_columns() {
        assert_eq!(bound("- a\n      - b\n\tc", 20).0, "- a\n   - b\n   c");
        assert_eq!(bound(">     >", 20).0, ">   >");
    }
}
