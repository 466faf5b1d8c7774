//! Text made safe for XML 1.0 character data and attribute values.
//!
//! Hand-written because it is five entities and one rule: characters XML 1.0 forbids outright
//! (control characters other than tab, newline and carriage return, U+FFFE and U+FFFF) become
//! U+FFFD, so a stray byte in a bundle shows as a visible mark instead of making a whole feed or
//! sitemap unreadable. Not here: building documents (each module writes its own elements).

/// `text` escaped for an XML element or a double- or single-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_are_neutralised() {
        assert_eq!(escape(r#"<a href="x">&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
        assert_eq!(escape("a\u{0}b\u{1b}c\u{FFFF}\td\n"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}\td\n");
        assert_eq!(escape("中文 ok"), "中文 ok");
    }
}
