//! The format's rules that the browser scripts and the web server need, written out in their
//! languages from the one definition in `eventlens_format`: the slug and language patterns and
//! the paths of an event's documents.
//!
//! `public/boot.js`, `public/embed.js`, `public/theme.js` and `deploy/nginx.conf` each hold a
//! generated block
//! between an `@generated start` and an `@generated end` line. `bundle rules --write` rewrites
//! those blocks; a test fails when a committed block differs from a fresh one, and another
//! proves the patterns accept and refuse what `is_url_safe_slug` and `is_known_lang` do.

use eventlens_format::model::ISO_639_1;
use eventlens_format::pages::paths;

/// A slug: lowercase ASCII letters and digits in runs joined by single hyphens
/// (`eventlens_format::model::is_url_safe_slug`).
pub const SLUG_PATTERN: &str = "[a-z0-9]+(?:-[a-z0-9]+)*";

/// An ISO 639-1 code the format knows (`eventlens_format::model::is_known_lang`).
pub fn lang_pattern() -> String {
    format!("(?:{})", ISO_639_1.join("|"))
}

/// The files that carry a block, and the block each carries.
pub fn targets() -> Vec<(&'static str, String)> {
    vec![
        ("public/boot.js", boot_js()),
        ("public/embed.js", embed_js()),
        ("public/theme.js", theme_js()),
        ("deploy/nginx.conf", nginx()),
    ]
}

fn theme_js() -> String {
    let (min, max) = eventlens::routes::embed::MAX_WIDTH_RANGE;
    format!(
        "  // {START} by `bundle rules` from the app; do not edit by hand.\n\
         \x20 var THEME_KEY = '{}';\n\
         \x20 var MIN_WIDTH = {min}, MAX_WIDTH = {max};\n\
         \x20 // {END}\n",
        eventlens::components::site::THEME_KEY
    )
}

const START: &str = "@generated start";
const END: &str = "@generated end";

fn boot_js() -> String {
    // The Rust path functions, called with the JS template's placeholders, give the templates.
    let event_doc = paths::event_doc("${lang}", "${slug}");
    let near = paths::neighbourhood("${lang}", "${slug}");
    format!(
        "// {START} by `bundle rules` from eventlens_format; do not edit by hand.\n\
         const SLUG = '{SLUG_PATTERN}';\n\
         const LANG = '{}';\n\
         const eventDoc = (lang, slug) => `{event_doc}`;\n\
         const neighbourhood = (lang, slug) => `{near}`;\n\
         // {END}\n",
        lang_pattern()
    )
}

fn embed_js() -> String {
    format!(
        "  // {START} by `bundle rules` from eventlens_format; do not edit by hand.\n\
         \x20 var SLUG = '{SLUG_PATTERN}';\n\
         \x20 var LANG = '{}';\n\
         \x20 // {END}\n",
        lang_pattern()
    )
}

fn nginx() -> String {
    // Case-sensitive (`~`): a slug or language code in capitals is not one; only the scheme and
    // the percent-encoding's hex digits may be either case.
    let sep = "(?:/|%2[Ff])";
    format!(
        "        # {START} by `bundle rules` from eventlens_format; do not edit by hand.\n\
         \x20       location = __PREFIX__/oembed {{\n\
         \x20           if ($arg_format ~* \"^xml$\") {{\n\
         \x20               return 501;\n\
         \x20           }}\n\
         \x20           if ($arg_url ~ \"^(?i:https?)(?::|%3[Aa]){sep}{sep}.+{sep}(?<oembed_lang>{lang}){sep}n{sep}(?<oembed_slug>{SLUG_PATTERN}){sep}?$\") {{\n\
         \x20               # Named captures: the regex of `rewrite` itself would reset $1 and $2.\n\
         \x20               rewrite ^ __PREFIX__/oembed/$oembed_lang/n/$oembed_slug.json last;\n\
         \x20           }}\n\
         \x20           return 404;\n\
         \x20       }}\n\
         \x20       # {END}\n",
        lang = lang_pattern()
    )
}

/// `text` with its generated block replaced by `block`; an error if it has no block.
pub fn splice(text: &str, block: &str) -> Result<String, String> {
    let start =
        text.find(START).and_then(|i| text[..i].rfind('\n').map(|n| n + 1)).ok_or("no @generated start line")?;
    let end_marker = text[start..].find(END).ok_or("no @generated end line")? + start;
    let end = text[end_marker..].find('\n').map_or(text.len(), |n| end_marker + n + 1);
    Ok(format!("{}{block}{}", &text[..start], &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splicing_replaces_only_the_block() {
        let text = "a\n// @generated start x\nold\n// @generated end\nb\n";
        assert_eq!(splice(text, "NEW\n").unwrap(), "a\nNEW\nb\n");
        assert!(splice("nothing here", "x").is_err());
    }
}
