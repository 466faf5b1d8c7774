//! Every way an export can be wrong gets an error that names the line and what was expected.
//! Each case starts from the real seed and changes one thing, so the rest stays valid.

mod common;

use eventlens_bundle::import::{import_markdown, ImportError};

/// The seed with the first line equal to `old` replaced by `new` (which may hold several
/// lines, or none), and the 1-based number of that line.
fn seed_with(old: &str, new: &str) -> (String, usize) {
    let seed = common::seed_markdown();
    let lines: Vec<&str> = seed.lines().collect();
    let at = lines.iter().position(|l| *l == old).unwrap_or_else(|| panic!("seed has no line {old:?}"));
    let mut out: Vec<&str> = lines[..at].to_vec();
    if !new.is_empty() {
        out.extend(new.lines());
    }
    out.extend(&lines[at + 1..]);
    (out.join("\n"), at + 1)
}

fn errors_of(text: &str) -> Vec<ImportError> {
    match import_markdown(text) {
        Ok(_) => panic!("import accepted a bad export"),
        Err(e) => e,
    }
}

#[track_caller]
fn assert_error(old: &str, new: &str, line_offset: isize, needle: &str) {
    let (text, line) = seed_with(old, new);
    let errors = errors_of(&text);
    let want = (line as isize + line_offset) as usize;
    assert!(
        errors.iter().any(|e| e.line == Some(want) && e.message.contains(needle)),
        "wanted an error on line {want} containing {needle:?}, got {errors:#?}"
    );
}

const TITLE: &str = "# Anthropic指控阿里巴巴对Claude发动史上最大规模AI蒸馏攻击";
const META: &str =
    "**Meta:** type: event · date: 2026-06-24 · heads: 谁的钱, 他们没说的 · 17 takes · 6 lenses · 8 regions";
const CNBC: &str = "- **CNBC** (United States, en) — 对Anthropic 6月10日致参议员蒂姆·斯科特和伊丽莎白·沃伦信函的主要报道，该信函于6月24日披露。信函声称阿里巴巴在4月22日至6月5日间通过2.5万个欺诈账户与Claude进行了2880万次交互，针对软件工程、智能体推理和长期任务，规模超过此前的DeepSeek-月之暗面-MiniMax联合活动。";
const BLOOMBERG_SOURCE: &str = "  Source: https://www.bloomberg.com/news/articles/2026-06-24/anthropic-accuses-alibaba-of-illicitly-accessing-its-ai-models";
const RELATED: &str = "- Related: [[anthropic-series-h-ipo-2026]], [[anthropic-compute-10gw-2026]], [[openai-jalapeno-broadcom-chip-2026]], [[chip-controls]]";
const ENTITIES: &str = "- Entities: Anthropic, Alibaba Qwen, Openai";
const CANONICAL: &str = "Canonical: https://rbtfl.xyz/zh/n/anthropic-alibaba-claude-distillation";

#[test]
fn missing_title() {
    assert_error(TITLE, "Anthropic without a hash", 0, "expected the title line");
}

#[test]
fn unknown_section_heading() {
    assert_error("## 为何重要", "## Background", 0, "expected a section heading");
}

#[test]
fn repeated_section() {
    assert_error("## 关注点", "## 摘要", 0, "appears a second time");
}

#[test]
fn unknown_meta_part() {
    assert_error(META, "**Meta:** type: event · date: 2026-06-24 · mood: grim", 0, "expected `type: ...`");
}

#[test]
fn meta_counts_must_match_the_takes() {
    assert_error(META, &META.replace("17 takes", "18 takes"), 0, "says 18 takes but the export has 17");
    assert_error(META, &META.replace("8 regions", "7 regions"), 0, "says 7 regions but the export has 8");
}

#[test]
fn bad_date_is_reported_at_the_meta_line() {
    assert_error(META, &META.replace("2026-06-24", "2026-06-31"), 0, "$.date");
}

#[test]
fn stray_line_in_watch_list() {
    assert_error(
        "- 参议院是否会在收到信函后推进蒸馏攻击立法。",
        "参议院是否会在收到信函后推进蒸馏攻击立法。",
        0,
        "expected a list item",
    );
}

#[test]
fn take_with_the_wrong_shape() {
    assert_error(CNBC, "- CNBC (United States, en) — text", 0, "expected a take");
    assert_error(CNBC, "- **CNBC** (United States en) — text", 0, "(Region, lang)");
}

#[test]
fn take_before_any_lens() {
    assert_error("### US tech financial", "", 0, "a `### lens` heading before the first take");
}

#[test]
fn take_without_source() {
    // Removing Bloomberg's Source line leaves the take on the line before it without one.
    assert_error(BLOOMBERG_SOURCE, "", -1, "no `Source: URL`");
}

#[test]
fn source_that_is_not_http() {
    assert_error(BLOOMBERG_SOURCE, "  Source: javascript:alert(1)", 0, "scheme must be http or https");
}

#[test]
fn second_quote_or_source() {
    assert_error(BLOOMBERG_SOURCE, &format!("{BLOOMBERG_SOURCE}\n{BLOOMBERG_SOURCE}"), 1, "second `Source:`");
}

#[test]
fn unindented_line_in_takes() {
    assert_error(BLOOMBERG_SOURCE, BLOOMBERG_SOURCE.trim(), 0, "expected a `### lens` heading, a take");
}

#[test]
fn unknown_language_code() {
    assert_error(CNBC, &CNBC.replace("United States, en", "United States, english"), 0, "not a known ISO 639-1");
}

#[test]
fn duplicate_lens() {
    assert_error("### unlabelled", "### US tech financial", 0, "duplicate lens name");
}

#[test]
fn related_not_in_wiki_link_form() {
    assert_error(RELATED, "- Related: anthropic-series-h-ipo-2026", 0, "`[[slug]]`");
}

#[test]
fn related_slug_not_url_safe() {
    assert_error(RELATED, "- Related: [[Chip Controls]]", 0, "not URL-safe");
}

#[test]
fn entity_name_that_gives_no_url_safe_slug() {
    assert_error(ENTITIES, "- Entities: Anthropic, Alibaba Qwen, 月之暗面", 0, "not URL-safe");
}

#[test]
fn summary_links_to_an_unlisted_entity() {
    // Reported where the link is: the summary's first line.
    let (text, _) = seed_with(ENTITIES, "- Entities: Alibaba Qwen, Openai");
    let summary_line = text.lines().position(|l| l.starts_with("[Anthropic](/zh/entity/anthropic)")).unwrap() + 1;
    let errors = errors_of(&text);
    assert!(
        errors
            .iter()
            .any(|e| e.line == Some(summary_line) && e.message.contains("\"anthropic\", which is not in $.entities")),
        "{errors:#?}"
    );
}

#[test]
fn unknown_line_in_the_graph_section() {
    assert_error(ENTITIES, "- People: Tim Scott", 0, "expected `- Related");
}

#[test]
fn canonical_that_names_no_event() {
    assert_error(CANONICAL, "Canonical: https://rbtfl.xyz/about", 0, "/{lang}/n/{slug}");
}

#[test]
fn missing_canonical_is_reported_at_the_end() {
    let (text, _) = seed_with(CANONICAL, "");
    let last = text.lines().count();
    let errors = errors_of(&text);
    assert!(errors.iter().any(|e| e.line == Some(last) && e.message.contains("Canonical")), "{errors:#?}");
}

#[test]
fn empty_file() {
    let errors = errors_of("");
    assert!(errors.iter().any(|e| e.message.contains("# Title")), "{errors:#?}");
}

#[test]
fn all_errors_are_reported_in_line_order() {
    let (text, _) = seed_with(CNBC, "- CNBC without bold");
    let text = text.replace("## 为何重要", "## Background");
    let errors = errors_of(&text);
    assert!(errors.len() >= 2, "{errors:#?}");
    assert!(errors.windows(2).all(|w| w[0].line <= w[1].line));
}

/// The 1-based number of the seed's line `line`.
fn seed_line(line: &str) -> usize {
    common::seed_markdown().lines().position(|l| l == line).unwrap_or_else(|| panic!("seed has no line {line:?}")) + 1
}

const FIRST_WATCH: &str = "- 参议院是否会在收到信函后推进蒸馏攻击立法。";
const CNBC_QUOTE: &str =
    "  > \"阿里巴巴与Claude进行了2880万次欺诈性交互，是迄今对Anthropic最大规模的蒸馏攻击，针对其最有价值的能力。\"";

#[test]
fn a_list_over_its_limit_is_reported_at_its_heading() {
    let items: String = (0..200).map(|i| format!("- 第{i}项\n")).collect();
    let (text, _) = seed_with(FIRST_WATCH, &items);
    let errors = errors_of(&text);
    let heading = seed_line("## 关注点");
    assert!(
        errors.iter().any(|e| e.line == Some(heading) && e.message == "$.watch: 202 items, at most 200"),
        "{errors:#?}"
    );
}

#[test]
fn a_text_over_its_limit_is_reported_at_its_line() {
    assert_error(FIRST_WATCH, &format!("- {}", "蒸".repeat(1_001)), 0, "$.watch[0]: 1,001 characters, at most 1,000");
    assert_error(
        CNBC_QUOTE,
        &format!("  > \"{}\"", "馏".repeat(10_001)),
        0,
        "$.lenses[0].takes[0].quote: 10,001 characters",
    );
}

#[test]
fn takes_over_the_limit_are_reported_at_the_takes_heading() {
    let lenses: String = (0..5)
        .map(|lens| {
            let takes: String = (0..1_000)
                .map(|take| {
                    format!("- **Outlet {take}** (Region, en) — \n  Source: https://example.com/{lens}/{take}\n")
                })
                .collect();
            format!("### Lens {lens}\n{takes}")
        })
        .collect();
    let (text, _) = seed_with(BLOOMBERG_SOURCE, &format!("{BLOOMBERG_SOURCE}\n{lenses}### unlabelled again"));
    let errors = errors_of(&text);
    let heading = seed_line("## Regional takes (batched by bias / lens)");
    assert!(
        errors.iter().any(|e| e.line == Some(heading) && e.message == "$.lenses: 5,017 takes in all, at most 5,000"),
        "{errors:#?}"
    );
}

#[test]
fn a_bundle_too_big_to_serve_is_refused_without_a_line() {
    // 600 takes of 9,000 characters: every field within its limit, the file over 5 MiB.
    let takes: String = (0..600)
        .map(|i| format!("- **Outlet** (Region, en) — {}\n  Source: https://example.com/{i}\n", "x".repeat(9_000)))
        .collect();
    let (text, _) = seed_with(BLOOMBERG_SOURCE, &format!("{BLOOMBERG_SOURCE}\n{takes}"));
    let text = text.replace(META, "**Meta:** type: event · date: 2026-06-24 · heads: 谁的钱, 他们没说的");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].line, None);
    assert!(
        errors[0].message.starts_with("$: 5,5") && errors[0].message.ends_with(" bytes, at most 5,242,880"),
        "{errors:#?}"
    );
}
