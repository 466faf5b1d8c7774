//! One outlet's take: who, where, in what language, what they said, and the way to the source.

use leptos::prelude::*;

use crate::i18n::Ui;
use eventlens_format::inline::display_domain;
use eventlens_format::model::Take;

/// `text_lang` is the language the summary and quote are written in. In an export they are the
/// page's own (translated) words, so it is the page's language, while the outlet's name and
/// the source link carry the outlet's language.
#[component]
pub fn TakeCard(take: Take, ui: Ui, #[prop(into)] text_lang: String) -> impl IntoView {
    let domain = display_domain(&take.url).map(str::to_string);
    let cite = domain.as_ref().map(|_| take.url.clone());
    let source = match domain {
        Some(domain) => view! {
            <a class="take-source" href=take.url.clone() target="_blank" rel="noopener noreferrer" hreflang=take.lang.clone()>
                <span class="visually-hidden">{ui.source()}": "{take.outlet.clone()}", "</span>
                {domain}
                <span aria-hidden="true">" ↗"</span>
            </a>
        }
        .into_any(),
        // Validation refuses such a bundle; this keeps a hand-fed one from producing a link.
        None => view! { <span class="take-source refused">{take.url.clone()}</span> }.into_any(),
    };
    view! {
        <article class="take">
            <header class="take-head">
                <span class="take-outlet" lang=take.lang.clone()>{take.outlet.clone()}</span>
                <span class="take-region">{take.region.clone()}</span>
                <abbr class="lang-badge" title=ui.language_name(&take.lang)>{take.lang.to_ascii_uppercase()}</abbr>
            </header>
            {(!take.summary.is_empty()).then(|| view! { <p class="take-summary" lang=text_lang.clone()>{take.summary.clone()}</p> })}
            {take.quote.clone().map(|quote| view! {
                <blockquote class="take-quote" cite=cite lang=text_lang.clone()><p>{quote}</p></blockquote>
            })}
            {source}
        </article>
    }
}
