//! The seed export imports field by field, and nothing in it is lost on the way.

mod common;

use eventlens_bundle::import::import_markdown;
use eventlens_format::model::{EventBundle, Take};
use eventlens_format::validate::validate;

fn seed() -> EventBundle {
    import_markdown(&common::seed_markdown()).unwrap_or_else(|e| panic!("seed import failed: {e:?}"))
}

#[test]
fn counts_match_the_seed_meta_line() {
    let b = seed();
    let c = b.counts();
    assert_eq!((c.takes, c.lenses, c.regions), (17, 6, 8));
    assert_eq!(validate(&b), vec![]);
}

#[test]
fn header_fields() {
    let b = seed();
    assert_eq!(b.schema_version, 1);
    assert_eq!(b.slug, "anthropic-alibaba-claude-distillation");
    assert_eq!(b.lang, "zh");
    assert_eq!(b.canonical_url, "https://rbtfl.xyz/zh/n/anthropic-alibaba-claude-distillation");
    assert_eq!(b.title, "Anthropic指控阿里巴巴对Claude发动史上最大规模AI蒸馏攻击");
    assert_eq!(
        b.dek,
        "通过2.5万个虚假账户进行的2880万次欺诈性交互，提取了Claude的软件工程和智能体推理能力，供阿里巴巴Qwen实验室使用"
    );
    assert_eq!(b.kind, "event");
    assert_eq!(b.date, "2026-06-24");
    assert_eq!(b.heads, ["谁的钱", "他们没说的"]);
}

#[test]
fn summary_why_and_watch() {
    let b = seed();
    assert!(b.summary.starts_with(
        "[Anthropic](/zh/entity/anthropic)于6月24日披露，[阿里巴巴的](/zh/entity/alibaba-qwen)Qwen实验室"
    ));
    assert!(b.summary.ends_with("阿里巴巴无视了4月白宫的备忘录警告。"));
    assert!(b.why_it_matters.starts_with("蒸馏是法律套利："));
    assert!(b.why_it_matters.ends_with("收紧AI访问出口管制的具体依据。"));
    assert_eq!(b.watch.len(), 3);
    assert_eq!(b.watch[0], "参议院是否会在收到信函后推进蒸馏攻击立法。");
    assert_eq!(b.watch[2], "FTC或司法部是否对在美阿里巴巴关联实体展开正式调查。");
}

#[test]
fn lenses_in_order_with_their_takes() {
    let b = seed();
    let shape: Vec<(&str, usize)> = b.lenses.iter().map(|l| (l.name.as_str(), l.takes.len())).collect();
    assert_eq!(
        shape,
        [
            ("US tech financial", 1),
            ("unlabelled", 12),
            ("hardware / security detail", 1),
            ("Asia tech, US-China framing", 1),
            ("Hong Kong independent, tech-war sceptical", 1),
            ("Chinese state media, US tech-hegemony framing", 1),
        ]
    );
    assert_eq!(
        b.regions(),
        ["United States", "India", "Netherlands / global", "Taiwan", "Pakistan", "Japan", "Hong Kong / China", "China"]
    );
}

#[test]
fn a_full_take_and_a_link_only_take() {
    let b = seed();
    let cnbc = &b.lenses[0].takes[0];
    assert_eq!((cnbc.outlet.as_str(), cnbc.region.as_str(), cnbc.lang.as_str()), ("CNBC", "United States", "en"));
    assert!(cnbc.summary.starts_with("对Anthropic 6月10日致参议员"));
    assert_eq!(
        cnbc.quote.as_deref(),
        Some("阿里巴巴与Claude进行了2880万次欺诈性交互，是迄今对Anthropic最大规模的蒸馏攻击，针对其最有价值的能力。")
    );
    assert_eq!(cnbc.url, "https://www.cnbc.com/2026/06/24/anthropic-alibaba-distillation-campaign.html");

    let bloomberg = &b.lenses[1].takes[0];
    assert_eq!(
        bloomberg,
        &Take {
            outlet: "Bloomberg".into(),
            region: "United States".into(),
            lang: "en".into(),
            summary: String::new(),
            quote: None,
            url: "https://www.bloomberg.com/news/articles/2026-06-24/anthropic-accuses-alibaba-of-illicitly-accessing-its-ai-models".into(),
        }
    );
    let global_times = &b.lenses[5].takes[0];
    assert_eq!(
        (global_times.outlet.as_str(), global_times.lang.as_str(), global_times.region.as_str()),
        ("Global Times", "zh", "China")
    );
    let quotes = b.takes().filter(|t| t.quote.is_some()).count();
    assert_eq!(quotes, 5);
    assert!(b.takes().all(|t| t.url.starts_with("https://")));
}

#[test]
fn across_the_graph() {
    let b = seed();
    let related: Vec<&str> = b.related.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(
        related,
        [
            "anthropic-series-h-ipo-2026",
            "anthropic-compute-10gw-2026",
            "openai-jalapeno-broadcom-chip-2026",
            "chip-controls"
        ]
    );
    let entities: Vec<(&str, &str)> = b.entities.iter().map(|e| (e.slug.as_str(), e.name.as_str())).collect();
    // alibaba-qwen comes from the summary's link, whose text (阿里巴巴的) is not the name.
    assert_eq!(entities, [("anthropic", "Anthropic"), ("alibaba-qwen", "Alibaba Qwen"), ("openai", "Openai")]);
}

/// Every run of text in the seed, once markdown punctuation is taken away, is found in the
/// bundle or is one of the format's own structural words. A field the importer forgot would
/// leave its words behind and fail this.
#[test]
fn no_text_of_the_seed_is_lost() {
    let source = common::seed_markdown();
    let bundle = seed();
    let json = serde_json::to_string(&bundle).unwrap();
    let haystack: String = serde_json::from_str::<serde_json::Value>(&json).map(|v| strings(&v)).unwrap();
    let structural = [
        // Longest first: "Regional takes" must go before "takes" does.
        "Regional takes",
        "batched by bias / lens",
        "Meta:",
        "type:",
        "date:",
        "heads:",
        "takes",
        "lenses",
        "regions",
        "摘要",
        "为何重要",
        "关注点",
        "Across the graph",
        "Related:",
        "Entities:",
        "Source:",
        "Canonical:",
        "---",
    ];
    let mut lost = Vec::new();
    for line in source.lines() {
        for piece in line.split(|c: char| "#>*[]()—·,\"".contains(c) || c == '|') {
            let piece = piece.trim().trim_start_matches("- ").trim();
            let piece = structural.iter().fold(piece.to_string(), |p, s| p.replace(s, "")).trim().to_string();
            let is_count = piece.chars().all(|c| c.is_ascii_digit());
            if piece.chars().count() >= 2 && !is_count && !haystack.contains(&piece) {
                lost.push(piece);
            }
        }
    }
    assert!(lost.is_empty(), "seed text not in the bundle: {lost:#?}");
    let counts = bundle.counts();
    assert!(source.contains(&format!("{} takes · {} lenses · {} regions", counts.takes, counts.lenses, counts.regions)));
}

fn strings(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => format!("{s}\n"),
        serde_json::Value::Array(a) => a.iter().map(strings).collect(),
        serde_json::Value::Object(o) => o.values().map(strings).collect(),
        _ => String::new(),
    }
}
