//! Shared by the native integration tests: where the seed export is.
#![allow(dead_code)]

use std::path::PathBuf;

pub const SEED_SLUG: &str = "anthropic-alibaba-claude-distillation";

/// The repository's root, where `public/` and the Makefile are.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn seed_dir() -> PathBuf {
    repo_root().join("../shared/seed")
}

pub fn seed_path() -> PathBuf {
    seed_dir().join(format!("{SEED_SLUG}.zh.md"))
}

/// The seed export. Missing seed is a failure, not a skip: every claim about the seed rests on it.
pub fn seed_markdown() -> String {
    let path = seed_path();
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the seed export {} is needed by this test: {e}", path.display()))
}
