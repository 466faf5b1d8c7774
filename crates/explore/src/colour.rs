//! CSS colours as RGB for the pixel buffer. The page's theme tokens (`--accent`, `--muted`, …)
//! may be written in any CSS syntax; the browser normalises them (a canvas's `fillStyle` reads
//! back as `#rrggbb` or `rgba(r, g, b, a)`), and this reads those two forms.

/// `#rrggbb`, `#rgb` or `rgb(a)(r, g, b[, a])` as RGB, or None.
pub fn parse(css: &str) -> Option<[u8; 3]> {
    let css = css.trim();
    if let Some(hex) = css.strip_prefix('#') {
        let digit = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
        let pair = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        return match hex.len() {
            3 => Some([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17]),
            6 => Some([pair(0)?, pair(2)?, pair(4)?]),
            _ => None,
        };
    }
    let inner = css.strip_prefix("rgba(").or_else(|| css.strip_prefix("rgb("))?.strip_suffix(')')?;
    let mut parts =
        inner.split(',').map(|p| p.trim().parse::<f64>().ok().map(|v| crate::within(v.round(), 0.0, 255.0) as u8));
    Some([parts.next()??, parts.next()??, parts.next()??])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_canvas_fill_style_gives_back() {
        assert_eq!(parse("#0b57a4"), Some([0x0b, 0x57, 0xa4]));
        assert_eq!(parse(" #fff "), Some([255, 255, 255]));
        assert_eq!(parse("rgba(12, 34, 56, 0.5)"), Some([12, 34, 56]));
        assert_eq!(parse("rgb(1,2,3)"), Some([1, 2, 3]));
        assert_eq!(parse("oklch(0.5 0.1 200)"), None);
        assert_eq!(parse("#12345"), None);
        assert_eq!(parse("rgb(1, x, 3)"), None);
    }
}
