//! The few words the generated documents say themselves (the counts, dates, feed titles), in the
//! two languages the app speaks, and each page language's Open Graph locale.
//!
//! The counts and dates are the app's own words (`eventlens-i18n`), so a card or a feed says
//! them exactly as the page does. Any language other than Chinese gets English, as in the app.
//! Text from bundles is never translated.

use eventlens_format::model::Counts;
use eventlens_i18n::Ui;

/// The language the generated words are in: the app's own ([`Ui`]), so the rule of which
/// language gets which words is the app's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words(Ui);

impl Words {
    pub fn for_lang(lang: &str) -> Words {
        Words(Ui::for_lang(lang))
    }

    /// The app's words for the same language.
    fn ui(self) -> Ui {
        self.0
    }

    pub fn is_zh(self) -> bool {
        self.0 == Ui::Zh
    }

    /// `17 条观点 · 6 个视角 · 8 个地区` or `17 takes · 6 lenses · 8 regions`.
    pub fn counts(self, c: Counts) -> String {
        let ui = self.ui();
        [ui.takes_count(c.takes), ui.lenses_count(c.lenses), ui.regions_count(c.regions)].join(" · ")
    }

    /// `12 个事件` or `12 events`, on an entity's card.
    pub fn events(self, n: usize) -> String {
        match self.0 {
            Ui::Zh => format!("{n} 个事件"),
            Ui::En if n == 1 => "1 event".into(),
            Ui::En => format!("{n} events"),
        }
    }

    /// `2026-06-24` as 2026年6月24日 or 24 June 2026; anything else as given.
    pub fn date(self, iso: &str) -> String {
        self.ui().date(iso)
    }

    /// The title of a language's feeds.
    pub fn collection_feed_title(self) -> &'static str {
        match self.0 {
            Ui::Zh => "eventlens · 事件",
            Ui::En => "eventlens · events",
        }
    }

    /// The title of an entity's feed.
    pub fn entity_feed_title(self, name: &str) -> String {
        match self.0 {
            Ui::Zh => format!("eventlens · 关于{name}的事件"),
            Ui::En => format!("eventlens · events about {name}"),
        }
    }
}

/// Page languages and their Open Graph locales, sorted by language for binary search.
const OG_LOCALES: &[(&str, &str)] = &[
    ("af", "af_ZA"),
    ("ar", "ar_AR"),
    ("az", "az_AZ"),
    ("be", "be_BY"),
    ("bg", "bg_BG"),
    ("bn", "bn_IN"),
    ("bs", "bs_BA"),
    ("ca", "ca_ES"),
    ("cs", "cs_CZ"),
    ("cy", "cy_GB"),
    ("da", "da_DK"),
    ("de", "de_DE"),
    ("el", "el_GR"),
    ("en", "en_US"),
    ("es", "es_ES"),
    ("et", "et_EE"),
    ("eu", "eu_ES"),
    ("fa", "fa_IR"),
    ("fi", "fi_FI"),
    ("fr", "fr_FR"),
    ("ga", "ga_IE"),
    ("gl", "gl_ES"),
    ("gu", "gu_IN"),
    ("he", "he_IL"),
    ("hi", "hi_IN"),
    ("hr", "hr_HR"),
    ("hu", "hu_HU"),
    ("hy", "hy_AM"),
    ("id", "id_ID"),
    ("is", "is_IS"),
    ("it", "it_IT"),
    ("ja", "ja_JP"),
    ("ka", "ka_GE"),
    ("kk", "kk_KZ"),
    ("km", "km_KH"),
    ("kn", "kn_IN"),
    ("ko", "ko_KR"),
    ("lt", "lt_LT"),
    ("lv", "lv_LV"),
    ("mk", "mk_MK"),
    ("ml", "ml_IN"),
    ("mn", "mn_MN"),
    ("mr", "mr_IN"),
    ("ms", "ms_MY"),
    ("my", "my_MM"),
    ("nb", "nb_NO"),
    ("ne", "ne_NP"),
    ("nl", "nl_NL"),
    ("nn", "nn_NO"),
    ("no", "nb_NO"),
    ("pa", "pa_IN"),
    ("pl", "pl_PL"),
    ("ps", "ps_AF"),
    ("pt", "pt_BR"),
    ("ro", "ro_RO"),
    ("ru", "ru_RU"),
    ("si", "si_LK"),
    ("sk", "sk_SK"),
    ("sl", "sl_SI"),
    ("sq", "sq_AL"),
    ("sr", "sr_RS"),
    ("sv", "sv_SE"),
    ("sw", "sw_KE"),
    ("ta", "ta_IN"),
    ("te", "te_IN"),
    ("th", "th_TH"),
    ("tl", "tl_PH"),
    ("tr", "tr_TR"),
    ("uk", "uk_UA"),
    ("ur", "ur_PK"),
    ("uz", "uz_UZ"),
    ("vi", "vi_VN"),
    ("zh", "zh_CN"),
];

/// The Open Graph locale (`language_TERRITORY`) for a page language: the territory where most of
/// its readers are, as Facebook's locale list spells it. `None` for a language not in the table;
/// the tag is then left out, because og:locale's default (`en_US`) would be wrong.
pub fn og_locale(lang: &str) -> Option<&'static str> {
    OG_LOCALES.binary_search_by(|(code, _)| code.cmp(&lang)).ok().map(|i| OG_LOCALES[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_on_the_page() {
        let c = Counts { takes: 17, lenses: 6, regions: 8 };
        assert_eq!(Words::for_lang("zh").counts(c), "17 条观点 · 6 个视角 · 8 个地区");
        assert_eq!(Words::for_lang("en").counts(c), "17 takes · 6 lenses · 8 regions");
        assert_eq!(
            Words::for_lang("en").counts(Counts { takes: 1, lenses: 1, regions: 1 }),
            "1 take · 1 lens · 1 region"
        );
        assert_eq!(Words::for_lang("fr"), Words::for_lang("en"));
        assert!(Words::for_lang("zh").is_zh() && !Words::for_lang("fr").is_zh());
    }

    #[test]
    fn dates_read_as_on_the_page() {
        assert_eq!(Words::for_lang("zh").date("2026-06-24"), "2026年6月24日");
        assert_eq!(Words::for_lang("en").date("2026-06-24"), "24 June 2026");
        assert_eq!(Words::for_lang("en").date("soon"), "soon");
    }

    #[test]
    fn locales() {
        assert_eq!(og_locale("zh"), Some("zh_CN"));
        assert_eq!(og_locale("en"), Some("en_US"));
        assert_eq!(og_locale("ja"), Some("ja_JP"));
        assert_eq!(og_locale("xx"), None);
        assert!(OG_LOCALES.windows(2).all(|w| w[0].0 < w[1].0), "sorted for binary search");
    }
}
