//! `/{lang}/search?q=…`: the search page's markup. The search itself is a module of its own
//! (`crates/search`): the site builder renders this route, then gives the page the search
//! module's boot script instead of the app's, and the module reads the query from the URL, runs
//! it and draws the answer under the form. So the app that every event page loads carries no
//! search.
//!
//! The form is a plain GET form to this page, so it works before any script. When the app
//! itself lands here (a server without the search page answers with the app's shell) it draws
//! the same form, and submitting loads the page. Not here: the index
//! (`scripts/search-index.mjs`), the header's box (`components::search_box`).

use eventlens_format::pages::paths;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::Ui;
use crate::prerender;
use crate::site_url::{app_url, site_url};

#[component]
pub fn SearchPage(lang: String) -> impl IntoView {
    Effect::new(|_| prerender::reveal());
    view! { <SearchForm lang/> }
}

/// The field, the language of the events (the page's own until the module lists the
/// collection's), the date range, and the empty place the answer goes. `#search` tells the
/// module the page's language and the site's base path.
#[component]
fn SearchForm(lang: String) -> impl IntoView {
    let ui = Ui::for_lang(&lang);
    view! {
        <Title text=format!("{} · eventlens", ui.search())/>
        <article class="search-page" id="search" data-lang=lang.clone() data-base=site_url().base>
            <h1>{ui.search_collection()}</h1>
            <form class="search-form" role="search" method="get" aria-label=ui.search()
                action=app_url(&paths::search_page(&lang))>
                <div class="search-field">
                    <label for="search-q" class="visually-hidden">{ui.search()}</label>
                    <input id="search-q" type="search" name="q" data-search-input="" autocomplete="off"
                        enterkeyhint="search" aria-keyshortcuts="/" aria-describedby="search-keys"
                        placeholder=ui.search_placeholder()/>
                    <button type="submit">{ui.search()}</button>
                </div>
                <div class="search-filters">
                    <label>{ui.search_in()}" "<select name="in">
                        <option value=lang.clone() selected>{ui.language_name(&lang)}</option>
                    </select></label>
                    <label>{ui.date_from()}" "<input type="month" name="from" pattern="[0-9]{4}-[0-9]{2}"
                        placeholder="YYYY-MM"/></label>
                    <label>{ui.date_to()}" "<input type="month" name="to" pattern="[0-9]{4}-[0-9]{2}"
                        placeholder="YYYY-MM"/></label>
                </div>
                <p id="search-keys" class="search-keys">{ui.search_keys_hint()}</p>
            </form>
            <div class="search-results"></div>
        </article>
    }
}
