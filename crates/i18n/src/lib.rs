//! UI strings in the two languages the site speaks, chosen by the route's `{lang}`: the app's
//! (`src/`, as `eventlens::i18n`) and the search page's module's (`crates/search`), one copy for
//! both.
//!
//! Only the site's own words live here; text from bundles is shown as it is. Not here: the
//! explorer's words (`crates/explore`, which needs a handful and stays apart), the words of
//! feeds and share cards (`crates/webmeta`).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ui {
    Zh,
    En,
}

impl Ui {
    /// Any route language other than Chinese gets English UI strings.
    pub fn for_lang(lang: &str) -> Ui {
        if lang == "zh" {
            Ui::Zh
        } else {
            Ui::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Ui::Zh => "zh",
            Ui::En => "en",
        }
    }

    fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Ui::Zh => zh,
            Ui::En => en,
        }
    }

    pub fn summary(self) -> &'static str {
        self.pick("摘要", "Summary")
    }
    pub fn why_it_matters(self) -> &'static str {
        self.pick("为何重要", "Why it matters")
    }
    pub fn what_to_watch(self) -> &'static str {
        self.pick("关注点", "What to watch")
    }
    pub fn coverage(self) -> &'static str {
        self.pick("报道一览", "Coverage at a glance")
    }
    pub fn takes_heading(self) -> &'static str {
        self.pick("各方观点（按视角分组）", "Takes, grouped by lens")
    }
    pub fn across_the_graph(self) -> &'static str {
        self.pick("关联图谱", "Across the graph")
    }
    pub fn related_events(self) -> &'static str {
        self.pick("相关事件", "Related events")
    }
    pub fn entities(self) -> &'static str {
        self.pick("实体", "Entities")
    }
    pub fn not_in_collection(self) -> &'static str {
        self.pick("不在本合集中", "not in this collection")
    }
    pub fn expand_all(self) -> &'static str {
        self.pick("全部展开", "Expand all")
    }
    pub fn collapse_all(self) -> &'static str {
        self.pick("全部收起", "Collapse all")
    }
    pub fn filter_region(self) -> &'static str {
        self.pick("地区", "Region")
    }
    pub fn filter_language(self) -> &'static str {
        self.pick("语言", "Language")
    }
    pub fn all(self) -> &'static str {
        self.pick("全部", "All")
    }
    pub fn lens_empty_by_filter(self) -> &'static str {
        self.pick("当前筛选下，此视角没有观点。", "No takes in this lens match the filters.")
    }
    pub fn source(self) -> &'static str {
        self.pick("来源", "Source")
    }
    pub fn source_page(self) -> &'static str {
        self.pick("原始页面", "Source page")
    }
    pub fn share(self) -> &'static str {
        self.pick("分享链接", "Share link")
    }
    pub fn copied(self) -> &'static str {
        self.pick("链接已复制", "Link copied")
    }
    pub fn share_failed(self) -> &'static str {
        self.pick("无法复制，请手动复制地址栏中的链接", "Could not copy; copy the address bar instead")
    }
    pub fn collection(self) -> &'static str {
        self.pick("事件合集", "Events")
    }
    pub fn events_mentioning(self) -> &'static str {
        self.pick("提及它的事件", "Events that mention it")
    }
    pub fn not_found(self) -> &'static str {
        self.pick("找不到这个页面", "Page not found")
    }
    pub fn not_found_body(self) -> &'static str {
        self.pick("这个地址没有对应的事件或实体。", "There is no event or entity at this address.")
    }
    pub fn back_home(self) -> &'static str {
        self.pick("返回首页", "Back to the home page")
    }
    pub fn loading(self) -> &'static str {
        self.pick("加载中…", "Loading…")
    }
    pub fn retry(self) -> &'static str {
        self.pick("重试", "Try again")
    }
    pub fn load_failed(self) -> &'static str {
        self.pick("无法加载", "Could not load")
    }
    pub fn theme_toggle(self) -> &'static str {
        self.pick("切换明暗主题", "Toggle light and dark theme")
    }
    pub fn skip_to_content(self) -> &'static str {
        self.pick("跳到正文", "Skip to content")
    }
    pub fn by_lens(self) -> &'static str {
        self.pick("按视角", "By lens")
    }
    pub fn by_region(self) -> &'static str {
        self.pick("按地区", "By region")
    }
    pub fn embed(self) -> &'static str {
        self.pick("嵌入", "Embed")
    }
    pub fn embed_title(self) -> &'static str {
        self.pick("在你的网站上嵌入这个事件", "Embed this event on your site")
    }
    pub fn copy_code(self) -> &'static str {
        self.pick("复制代码", "Copy code")
    }
    pub fn code_copied(self) -> &'static str {
        self.pick("已复制", "Copied")
    }
    pub fn preview(self) -> &'static str {
        self.pick("预览", "Preview")
    }
    pub fn read_full_page(self) -> &'static str {
        self.pick("阅读完整页面", "Read the full page")
    }
    pub fn network_failed(self) -> &'static str {
        self.pick("网络错误，无法获取数据。", "A network error stopped the data from loading.")
    }
    pub fn timed_out(self) -> &'static str {
        self.pick("等待数据超时。", "The data took too long to arrive.")
    }
    pub fn no_answer_within(self, ms: u32) -> String {
        match self {
            Ui::Zh => format!("{ms} 毫秒内没有响应"),
            Ui::En => format!("no answer within {ms} ms"),
        }
    }
    pub fn server_failed(self) -> &'static str {
        self.pick("服务器出错。", "The server answered with an error.")
    }
    pub fn too_large(self) -> &'static str {
        self.pick("数据太大，未加载。", "The data is too large to load.")
    }
    pub fn bytes_over(self, bytes: usize, cap: usize) -> String {
        match self {
            Ui::Zh => format!("{bytes} 字节，上限 {cap} 字节"),
            Ui::En => format!("{bytes} bytes; the limit is {cap}"),
        }
    }
    pub fn invalid_data(self) -> &'static str {
        self.pick("数据无效，无法显示。", "The data is not valid and cannot be shown.")
    }
    pub fn node_kind(self, entity: bool, in_collection: bool) -> &'static str {
        match (entity, in_collection) {
            (true, _) => self.pick("实体", "entity"),
            (false, true) => self.pick("事件", "event"),
            (false, false) => self.not_in_collection(),
        }
    }
    pub fn zoom_in(self) -> &'static str {
        self.pick("放大", "Zoom in")
    }
    pub fn zoom_out(self) -> &'static str {
        self.pick("缩小", "Zoom out")
    }
    pub fn zoom_reset(self) -> &'static str {
        self.pick("复位", "Reset")
    }
    pub fn graph_help(self) -> &'static str {
        self.pick(
            "Tab 进入图谱，方向键在相邻节点间移动，回车打开，Esc 离开。",
            "Tab into the graph, arrow keys move between neighbours, Enter opens, Escape leaves.",
        )
    }
    /// What a capped local graph leaves out, e.g. "+9,940 more".
    pub fn more_not_drawn(self, n: u32) -> String {
        match self {
            Ui::Zh => format!("另有 {} 个未画出", grouped(n as usize)),
            Ui::En => format!("+{} more not drawn", grouped(n as usize)),
        }
    }
    pub fn named_by(self) -> &'static str {
        self.pick("提及本事件的事件", "Events that name this one")
    }
    pub fn all_named_by(self, n: u32) -> String {
        match self {
            Ui::Zh => format!("全部 {} 个提及本事件的事件", grouped(n as usize)),
            Ui::En => format!("All {} events that name this one", grouped(n as usize)),
        }
    }
    pub fn events_naming(self) -> &'static str {
        self.pick("提及以下事件的事件", "Events that name")
    }
    pub fn previous_page(self) -> &'static str {
        self.pick("上一页", "Previous page")
    }
    pub fn next_page(self) -> &'static str {
        self.pick("下一页", "Next page")
    }
    pub fn page_of(self, page: u32, pages: u32) -> String {
        match self {
            Ui::Zh => format!("第 {page} 页，共 {pages} 页"),
            Ui::En => format!("Page {page} of {pages}"),
        }
    }
    pub fn pages_nav(self) -> &'static str {
        self.pick("分页", "Pages")
    }
    pub fn events_total(self, n: u32) -> String {
        match self {
            Ui::Zh => format!("共 {} 个事件", grouped(n as usize)),
            Ui::En if n == 1 => "1 event".into(),
            Ui::En => format!("{} events", grouped(n as usize)),
        }
    }
    pub fn open_explorer(self) -> &'static str {
        self.pick("打开整个合集的关联图谱", "Open the graph of the whole collection")
    }
    pub fn takes_count(self, n: usize) -> String {
        match self {
            Ui::Zh => format!("{n} 条观点"),
            Ui::En if n == 1 => "1 take".into(),
            Ui::En => format!("{n} takes"),
        }
    }
    pub fn lenses_count(self, n: usize) -> String {
        match self {
            Ui::Zh => format!("{n} 个视角"),
            Ui::En if n == 1 => "1 lens".into(),
            Ui::En => format!("{n} lenses"),
        }
    }
    pub fn regions_count(self, n: usize) -> String {
        match self {
            Ui::Zh => format!("{n} 个地区"),
            Ui::En if n == 1 => "1 region".into(),
            Ui::En => format!("{n} regions"),
        }
    }
    pub fn shown_of(self, shown: usize, total: usize) -> String {
        match self {
            Ui::Zh => format!("显示 {shown} / {total}"),
            Ui::En => format!("{shown} of {total} shown"),
        }
    }

    /// `2026-06-24` as 2026年6月24日 or 24 June 2026. Anything else is shown as given.
    pub fn date(self, iso: &str) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let mut parts = iso.splitn(3, '-').map(|p| p.parse::<usize>().ok());
        match (parts.next().flatten(), parts.next().flatten(), parts.next().flatten()) {
            (Some(y), Some(m @ 1..=12), Some(d)) => match self {
                Ui::Zh => format!("{y}年{m}月{d}日"),
                Ui::En => format!("{d} {} {y}", MONTHS[m - 1]),
            },
            _ => iso.to_string(),
        }
    }

    // Search (crates/search, src/routes/search.rs, src/components/search_box.rs).
    pub fn search(self) -> &'static str {
        self.pick("搜索", "Search")
    }
    pub fn search_collection(self) -> &'static str {
        self.pick("搜索整个合集", "Search the collection")
    }
    pub fn search_placeholder(self) -> &'static str {
        self.pick("词语、名称或引语", "A word, a name or a quote")
    }
    pub fn search_shortcut_hint(self) -> &'static str {
        self.pick("按 / 键搜索", "Press / to search")
    }
    pub fn search_in(self) -> &'static str {
        self.pick("事件语言", "Events in")
    }
    pub fn date_from(self) -> &'static str {
        self.pick("起始月份", "From month")
    }
    pub fn date_to(self) -> &'static str {
        self.pick("截止月份", "To month")
    }
    pub fn searching(self) -> &'static str {
        self.pick("搜索中…", "Searching…")
    }
    pub fn search_prompt(self) -> &'static str {
        self.pick(
            "输入一个词、一个名称或引语中的一句，查找事件、实体和媒体。",
            "Type a word, a name or a line from a quote to find events, entities and outlets.",
        )
    }
    pub fn search_results(self, n: usize, query: &str) -> String {
        match self {
            Ui::Zh => format!("“{query}”：{} 个事件", grouped(n)),
            Ui::En if n == 1 => format!("1 event for “{query}”"),
            Ui::En => format!("{} events for “{query}”", grouped(n)),
        }
    }
    /// The count line when only the newest events were searched and `n` is an estimate.
    pub fn search_results_about(self, n: usize, query: &str) -> String {
        match self {
            Ui::Zh => format!("“{query}”：约 {} 个事件", grouped(n)),
            Ui::En => format!("About {} events for “{query}”", grouped(n)),
        }
    }
    /// Why a common word's events come newest first.
    pub fn search_newest_first(self) -> &'static str {
        match self {
            Ui::Zh => "匹配的事件很多，最新的排在前面，同一时段内按相关度排序。",
            Ui::En => "So many events match that the newest come first, the best matches first among them.",
        }
    }
    pub fn no_results(self, query: &str) -> String {
        match self {
            Ui::Zh => format!("没有找到与“{query}”相关的内容。"),
            Ui::En => format!("Nothing matches “{query}”."),
        }
    }
    pub fn no_results_hints(self) -> [&'static str; 3] {
        match self {
            Ui::Zh => {
                ["检查拼写，或换一个说法。", "少用几个词：每个词都必须出现。", "去掉日期范围，或换一种语言搜索。"]
            }
            Ui::En => [
                "Check the spelling, or try another word for it.",
                "Use fewer words: every word must appear.",
                "Clear the date range, or search the events in another language.",
            ],
        }
    }
    pub fn search_unavailable(self) -> &'static str {
        self.pick("搜索暂时不可用。", "Search is not available right now.")
    }
    pub fn names_heading(self) -> &'static str {
        self.pick("实体与媒体", "Entities and outlets")
    }
    pub fn events_heading(self) -> &'static str {
        self.pick("事件", "Events")
    }
    pub fn outlet(self) -> &'static str {
        self.pick("媒体", "outlet")
    }
    pub fn entity(self) -> &'static str {
        self.pick("实体", "entity")
    }
    pub fn search_keys_hint(self) -> &'static str {
        self.pick("↑ ↓ 在结果间移动，回车打开。", "↑ ↓ move between results, Enter opens one.")
    }

    /// A language code as a reader knows it, for badges' accessible names.
    pub fn language_name(self, code: &str) -> String {
        let name = match (self, code) {
            (Ui::Zh, "zh") => "中文",
            (Ui::Zh, "en") => "英文",
            (Ui::Zh, "ja") => "日文",
            (Ui::En, "zh") => "Chinese",
            (Ui::En, "en") => "English",
            (Ui::En, "ja") => "Japanese",
            _ => return code.to_ascii_uppercase(),
        };
        name.to_string()
    }
}

/// 9940 as 9,940: readable counts in both languages' usual Arabic-digit form.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_page_locale() {
        assert_eq!(Ui::Zh.date("2026-06-24"), "2026年6月24日");
        assert_eq!(Ui::En.date("2026-06-24"), "24 June 2026");
    }

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(9940), "9,940");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(Ui::En.more_not_drawn(9940), "+9,940 more not drawn");
    }
}
