//! The label chunks the explorer has loaded so far, and search over them.
//!
//! Labels are not needed to draw, so they arrive in chunks only when the reader hovers,
//! focuses, zooms in or searches (`page` fetches them). Search ranks a whole-label match first,
//! then a label that starts with the query, then one with a word that does, then any label that
//! contains it, and last a route (`en/n/synthetic-event-0042`) that contains it; shorter labels
//! first within a rank. Case is ignored.
//!
//! Pure data, tested natively. Not here: fetching or showing results.

use eventlens_graph::explore::LabelChunk;

struct Chunk {
    ids: Vec<String>,
    labels: Vec<String>,
    lower: Vec<String>,
}

pub struct Labels {
    per_chunk: usize,
    chunks: Vec<Option<Chunk>>,
}

/// A search hit: lower `rank` is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub rank: u8,
    pub length: usize,
    pub node: u32,
}

impl Labels {
    pub fn new(chunk_count: usize, per_chunk: usize) -> Labels {
        Labels { per_chunk: per_chunk.max(1), chunks: (0..chunk_count).map(|_| None).collect() }
    }

    pub fn per_chunk(&self) -> usize {
        self.per_chunk
    }

    pub fn chunk_count(&self) -> usize {
        self.chunks.len()
    }

    pub fn insert(&mut self, chunk: usize, labels: LabelChunk) {
        let lower = labels.labels.iter().map(|l| l.to_lowercase()).collect();
        self.chunks[chunk] = Some(Chunk { ids: labels.ids, labels: labels.labels, lower });
    }

    pub fn is_loaded(&self, chunk: usize) -> bool {
        self.chunks.get(chunk).is_some_and(Option::is_some)
    }

    pub fn loaded_count(&self) -> usize {
        self.chunks.iter().filter(|c| c.is_some()).count()
    }

    pub fn chunk_of(&self, node: usize) -> usize {
        node / self.per_chunk
    }

    pub fn label(&self, node: usize) -> Option<&str> {
        let chunk = self.chunks.get(node / self.per_chunk)?.as_ref()?;
        chunk.labels.get(node % self.per_chunk).map(String::as_str)
    }

    pub fn id(&self, node: usize) -> Option<&str> {
        let chunk = self.chunks.get(node / self.per_chunk)?.as_ref()?;
        chunk.ids.get(node % self.per_chunk).map(String::as_str)
    }

    /// Adds the hits for `query` (already lowercased and trimmed, not empty) in chunk `k` to
    /// `best`, keeping the `limit` best.
    pub fn search_chunk(&self, k: usize, query: &str, limit: usize, best: &mut Vec<Hit>) {
        let Some(Some(chunk)) = self.chunks.get(k) else { return };
        let first = k * self.per_chunk;
        for (i, (lower, id)) in chunk.lower.iter().zip(&chunk.ids).enumerate() {
            if let Some(rank) = rank(lower, id, query) {
                let hit = Hit { rank, length: lower.len(), node: (first + i) as u32 };
                if best.len() < limit || best.last().is_some_and(|worst| hit < *worst) {
                    let at = best.partition_point(|h| *h < hit);
                    best.insert(at, hit);
                    best.truncate(limit);
                }
            }
        }
    }

    /// The `limit` best hits for `query` among the chunks loaded so far.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let mut best = Vec::new();
        for k in 0..self.chunks.len() {
            self.search_chunk(k, query, limit, &mut best);
        }
        best
    }
}

/// How well `label` (lowercased) or its route `id` matches `query`, or None.
fn rank(label: &str, id: &str, query: &str) -> Option<u8> {
    if label == query {
        Some(0)
    } else if label.starts_with(query) {
        Some(1)
    } else if let Some(at) = label.find(query) {
        let word_start = label[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        Some(if word_start { 2 } else { 3 })
    } else if id.contains(query) {
        Some(4)
    } else {
        None
    }
}

/// The query as searched: trimmed and lowercased.
pub fn normalise(query: &str) -> String {
    query.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Labels {
        let mut l = Labels::new(2, 3);
        let chunk = |first: u32, pairs: &[(&str, &str)]| LabelChunk {
            first,
            ids: pairs.iter().map(|p| p.0.to_string()).collect(),
            labels: pairs.iter().map(|p| p.1.to_string()).collect(),
        };
        l.insert(
            0,
            chunk(
                0,
                &[
                    ("en/n/synthetic-event-00420", "Synthetic event 00420"),
                    ("en/n/synthetic-event-0042", "Synthetic event 0042"),
                    ("en/entity/event-horizon", "Event Horizon"),
                ],
            ),
        );
        l.insert(
            1,
            chunk(3, &[("zh/n/a", "Anthropic指控阿里巴巴"), ("zh/entity/x", "阿里巴巴"), ("en/n/quiet", "Quiet")]),
        );
        l
    }

    #[test]
    fn whole_label_beats_prefix_beats_word_beats_substring_beats_route() {
        let l = labels();
        let nodes = |q: &str| l.search(&normalise(q), 10).iter().map(|h| h.node).collect::<Vec<_>>();
        assert_eq!(nodes("Synthetic event 0042"), [1, 0]);
        assert_eq!(nodes("  SYNTHETIC EVENT 0042 "), [1, 0]);
        assert_eq!(nodes("event"), [2, 1, 0]);
        assert_eq!(nodes("阿里巴巴"), [4, 3]);
        assert_eq!(nodes("horizon"), [2]);
        assert_eq!(nodes("quiet"), [5]);
        assert_eq!(nodes("entity/event"), [2]);
        assert_eq!(nodes("nothing like it"), Vec::<u32>::new());
        assert_eq!(l.search("event", 1).len(), 1);
    }

    #[test]
    fn lookups_need_the_chunk() {
        let mut l = Labels::new(3, 3);
        assert_eq!(l.label(4), None);
        assert!(!l.is_loaded(1));
        l.insert(
            1,
            LabelChunk { first: 3, ids: vec!["en/n/a".into(); 3], labels: vec!["A".into(), "B".into(), "C".into()] },
        );
        assert_eq!((l.label(4), l.id(4), l.chunk_of(4)), (Some("B"), Some("en/n/a"), 1));
        assert_eq!(l.loaded_count(), 1);
        assert_eq!(l.label(7), None);
    }
}
