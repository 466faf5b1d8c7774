//! The explorer's words, in Chinese and English: its own small table, so that the module does
//! not carry the app's. The page's `data-lang` picks one; any language other than Chinese gets
//! English. Numbers are grouped by thousands (`154,317`) in both.

use crate::scene::Counts;

pub struct Strings {
    pub zh: bool,
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub reset: &'static str,
    pub help: &'static str,
    pub graph_name: &'static str,
    pub drawing: &'static str,
    pub no_match: &'static str,
    pub reload: &'static str,
    pub event: &'static str,
    pub entity: &'static str,
    pub outside: &'static str,
}

pub const ZH: Strings = Strings {
    zh: true,
    search_label: "搜索节点",
    search_button: "搜索",
    zoom_in: "放大",
    zoom_out: "缩小",
    reset: "复位",
    help: "滚轮或双指缩放，拖动空白处平移，拖动节点可移动它和相邻节点。Tab 进入图谱后，方向键在相邻节点间移动，回车打开，Esc 离开。",
    graph_name: "关系图",
    drawing: "正在绘制……",
    no_match: "没有匹配的节点。",
    reload: "重新载入",
    event: "事件",
    entity: "实体",
    outside: "不在合集中的事件",
};

pub const EN: Strings = Strings {
    zh: false,
    search_label: "Find a node",
    search_button: "Find",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    reset: "Reset",
    help: "Wheel or pinch to zoom, drag the background to pan, drag a node to move it and its neighbours. Tab into the graph, arrow keys move between neighbours, Enter opens, Escape leaves.",
    graph_name: "Graph",
    drawing: "Drawing…",
    no_match: "No node matches.",
    reload: "Reload",
    event: "event",
    entity: "entity",
    outside: "event not in this collection",
};

impl Strings {
    pub fn for_lang(lang: &str) -> &'static Strings {
        if lang == "zh" || lang.starts_with("zh-") {
            &ZH
        } else {
            &EN
        }
    }

    /// While the layout downloads: bytes so far, and the total when the server said it.
    pub fn loading(&self, loaded: usize, total: Option<usize>) -> String {
        match (self.zh, total) {
            (true, Some(t)) => format!("正在载入图谱：{} / {}", size(loaded), size(t)),
            (true, None) => format!("正在载入图谱：{}", size(loaded)),
            (false, Some(t)) => format!("Loading the graph: {} of {}", size(loaded), size(t)),
            (false, None) => format!("Loading the graph: {}", size(loaded)),
        }
    }

    pub fn failed(&self, why: &str) -> String {
        if self.zh {
            format!("图谱载入失败：{why}")
        } else {
            format!("The graph could not be loaded: {why}")
        }
    }

    /// The picture's accessible name and the visible summary under it.
    pub fn summary(&self, nodes: usize, edges: usize, c: Counts) -> String {
        let n = group;
        if self.zh {
            format!(
                "整个合集的关系图：{} 个节点（{} 个事件、{} 个实体、{} 个不在合集中的相关事件），{} 条边。",
                n(nodes),
                n(c.events),
                n(c.entities),
                n(c.outside),
                n(edges)
            )
        } else {
            format!(
                "The whole collection's graph: {} nodes ({} events, {} entities, {} related events not in the collection), {} edges.",
                n(nodes),
                n(c.events),
                n(c.entities),
                n(c.outside),
                n(edges)
            )
        }
    }

    pub fn loading_names(&self, loaded: usize, total: usize) -> String {
        if self.zh {
            format!("正在载入节点名称：{loaded} / {total}")
        } else {
            format!("Loading node names: {loaded} of {total}")
        }
    }

    pub fn found(&self, count: usize, more: bool, best: &str) -> String {
        let plus = if more { "+" } else { "" };
        if self.zh {
            format!("找到 {}{plus} 个节点。按回车打开：{best}", group(count))
        } else {
            format!("Found {}{plus}. Press Enter to open: {best}", group(count))
        }
    }

    pub fn kind(&self, kind: eventlens_graph::explore::ExploreKind) -> &'static str {
        match kind {
            eventlens_graph::explore::ExploreKind::Event => self.event,
            eventlens_graph::explore::ExploreKind::Entity => self.entity,
            eventlens_graph::explore::ExploreKind::OutsideEvent => self.outside,
        }
    }

    /// What a screen reader hears when the keyboard walk reaches a node.
    pub fn focused(&self, label: &str, kind: &str, neighbours: usize, opens: bool) -> String {
        match (self.zh, opens) {
            (true, true) => format!("{label}（{kind}），{} 个相邻节点。回车打开。", group(neighbours)),
            (true, false) => format!("{label}（{kind}），{} 个相邻节点。", group(neighbours)),
            (false, true) => format!("{label} ({kind}), {} neighbours. Enter opens it.", group(neighbours)),
            (false, false) => format!("{label} ({kind}), {} neighbours.", group(neighbours)),
        }
    }
}

/// `1234567` as `1,234,567`: the app's own grouping.
pub use eventlens_i18n::grouped as group;

/// A byte count for people: `812 KB`, `2.6 MB`.
pub fn size(bytes: usize) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        let tenths = (bytes + 50_000) / 100_000;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_sizes_read_naturally() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(154_317), "154,317");
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(size(1), "1 KB");
        assert_eq!(size(812_300), "813 KB");
        assert_eq!(size(2_638_278), "2.6 MB");
        assert_eq!(size(11_476_063), "11.5 MB");
    }

    #[test]
    fn chinese_pages_get_chinese_and_every_other_language_english() {
        assert!(Strings::for_lang("zh").zh);
        assert!(Strings::for_lang("zh-Hans").zh);
        assert!(!Strings::for_lang("en").zh);
        assert!(!Strings::for_lang("").zh);
        assert_eq!(ZH.loading(1500, Some(2_600_000)), "正在载入图谱：2 KB / 2.6 MB");
        assert_eq!(EN.loading(1500, None), "Loading the graph: 2 KB");
    }
}
