//! The `bundle` tool as an editor meets it: messages of the form `FILE: $.path: problem`,
//! exit status 1 on any problem, and `site` refusing a collection with a bad bundle in it.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{json, Value};

fn bundle(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bundle"))
        .current_dir(common::repo_root())
        .args(args)
        .output()
        .expect("bundle runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn seed_json() -> Value {
    let path = common::repo_root().join("public/data/zh/n").join(format!("{}.json", common::SEED_SLUG));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Writes the seed bundle changed by `edit` and runs `bundle check` on it.
fn check_edited(name: &str, edit: impl FnOnce(&mut Value)) -> (String, String, i32) {
    let mut value = seed_json();
    edit(&mut value);
    let dir = temp_dir(name);
    let file = dir.join("bundle.json");
    std::fs::write(&file, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let out = bundle(&["check", file.to_str().unwrap()]);
    (file.display().to_string(), String::from_utf8(out.stderr).unwrap(), out.status.code().unwrap_or(-1))
}

#[track_caller]
fn assert_problem(name: &str, edit: impl FnOnce(&mut Value), expected: &str) {
    let (file, stderr, code) = check_edited(name, edit);
    assert_eq!(code, 1, "{stderr}");
    let want = format!("{file}: {expected}");
    assert!(stderr.lines().any(|l| l.starts_with(&want)), "wanted a line starting {want:?}, got:\n{stderr}");
}

#[test]
fn the_committed_seed_bundle_passes() {
    let out = bundle(&["check", "public/data"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("ok (17 takes · 6 lenses · 8 regions)"), "{stdout}");
}

#[test]
fn source_url_scheme() {
    assert_problem(
        "scheme",
        |v| v["lenses"][2]["takes"][0]["url"] = json!("javascript:alert(1)"),
        "$.lenses[2].takes[0].url: \"javascript:alert(1)\": scheme must be http or https",
    );
}

#[test]
fn schema_version() {
    assert_problem(
        "version",
        |v| v["schema_version"] = json!(2),
        "$.schema_version: unsupported schema version 2; this build reads version 1",
    );
    assert_problem(
        "no-version",
        |v| {
            v.as_object_mut().unwrap().remove("schema_version");
        },
        "$.schema_version: missing",
    );
}

#[test]
fn empty_title() {
    assert_problem("title", |v| v["title"] = json!("  "), "$.title: must not be empty");
}

#[test]
fn date_not_iso() {
    assert_problem("date", |v| v["date"] = json!("24 June 2026"), "$.date: \"24 June 2026\" is not an ISO 8601 date");
}

#[test]
fn duplicate_lens_names() {
    assert_problem(
        "lens",
        |v| v["lenses"][3]["name"] = json!("unlabelled"),
        "$.lenses[3].name: duplicate lens name \"unlabelled\"",
    );
}

#[test]
fn unknown_language() {
    assert_problem(
        "lang",
        |v| v["lenses"][0]["takes"][0]["lang"] = json!("english"),
        "$.lenses[0].takes[0].lang: \"english\" is not a known ISO 639-1",
    );
    assert_problem("page-lang", |v| v["lang"] = json!("xx"), "$.lang:");
}

#[test]
fn slugs_must_be_url_safe() {
    assert_problem("slug", |v| v["slug"] = json!("../etc/passwd"), "$.slug: \"../etc/passwd\" is not URL-safe");
    assert_problem("related", |v| v["related"][1]["slug"] = json!("Chip Controls"), "$.related[1].slug:");
    assert_problem("entity", |v| v["entities"][0]["slug"] = json!("ANTHROPIC"), "$.entities[0].slug:");
}

#[test]
fn summary_entity_links_point_at_listed_entities() {
    assert_problem(
        "links",
        |v| {
            v["entities"].as_array_mut().unwrap().remove(0);
        },
        "$.summary: links to entity \"anthropic\", which is not in $.entities",
    );
}

#[test]
fn unknown_and_missing_fields() {
    assert_problem(
        "unknown",
        |v| v["lenses"][0]["colour"] = json!("red"),
        "$: does not match the bundle format: unknown field `colour`",
    );
    assert_problem(
        "missing",
        |v| {
            v.as_object_mut().unwrap().remove("lenses");
        },
        "$: does not match the bundle format: missing field `lenses`",
    );
}

#[test]
fn truncated_json_says_where() {
    let dir = temp_dir("truncated");
    let file = dir.join("bundle.json");
    let text = serde_json::to_string_pretty(&seed_json()).unwrap();
    std::fs::write(&file, &text[..text.len() / 2]).unwrap();
    let out = bundle(&["check", file.to_str().unwrap()]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains(": $: not valid JSON: EOF while parsing") && stderr.contains("line "), "{stderr}");
}

#[test]
fn folder_with_a_bad_bundle_fails_the_site_build() {
    let dir = temp_dir("collection");
    let events = dir.join("zh/n");
    std::fs::create_dir_all(&events).unwrap();
    let mut value = seed_json();
    value["lenses"][0]["takes"][0]["url"] = json!("ftp://example.com/x");
    std::fs::write(events.join(format!("{}.json", common::SEED_SLUG)), value.to_string()).unwrap();
    let site = dir.with_file_name("collection-site");
    let out = bundle(&["site", dir.to_str().unwrap(), "--data-only", "--out", site.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let file = events.join(format!("{}.json", common::SEED_SLUG));
    assert!(stderr.contains(&format!("{}: $.lenses[0].takes[0].url", file.display())), "{stderr}");
    assert!(!site.exists(), "a site written despite a bad bundle");
}

#[test]
fn bundle_in_the_wrong_place_fails_the_site_build() {
    let dir = temp_dir("misplaced");
    let events = dir.join("en/n");
    std::fs::create_dir_all(&events).unwrap();
    std::fs::write(events.join("elsewhere.json"), seed_json().to_string()).unwrap();
    let site = dir.with_file_name("misplaced-site");
    let out = bundle(&["site", dir.to_str().unwrap(), "--data-only", "--out", site.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("belongs at"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn import_errors_name_file_and_line() {
    let dir = temp_dir("import");
    let file = dir.join("bad.md");
    std::fs::write(&file, common::seed_markdown().replace("## 为何重要", "## Background")).unwrap();
    let out = bundle(&["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with(&format!("{}:9: expected a section heading", file.display())), "{stderr}");
}

#[test]
fn limits_are_named_with_their_numbers() {
    assert_problem("watch-limit", |v| v["watch"] = json!(vec!["item"; 50_000]), "$.watch: 50,000 items, at most 200");
    assert_problem(
        "quote-limit",
        |v| v["lenses"][3]["takes"][0]["quote"] = json!("蒸".repeat(1_600_000)),
        "$.lenses[3].takes[0].quote: 1,600,000 characters, at most 10,000",
    );
}

#[test]
fn import_of_a_bundle_too_big_to_serve_names_the_file_not_a_line() {
    let dir = temp_dir("import-too-big");
    let file = dir.join("big.md");
    let source_line = "  Source: https://www.bloomberg.com/news/articles/2026-06-24/anthropic-accuses-alibaba-of-illicitly-accessing-its-ai-models";
    let takes: String = (0..600)
        .map(|i| format!("\n- **Outlet** (Region, en) — {}\n  Source: https://example.com/{i}", "x".repeat(9_000)))
        .collect();
    let seed = common::seed_markdown()
        .replace(source_line, &format!("{source_line}{takes}"))
        .replace(" · 17 takes · 6 lenses · 8 regions", "");
    std::fs::write(&file, seed).unwrap();
    let out = bundle(&["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!("{}: $: 5,", file.display()))
            && stderr.trim_end().ends_with("bytes, at most 5,242,880"),
        "{stderr}"
    );
}
