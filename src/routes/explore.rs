//! `/{lang}/graph`: the whole collection's graph. The explorer is a module and a page of its own
//! (`crates/explore`): the site builder renders this route, then gives the page the explorer's
//! boot script instead of the app's. The page's `#explore` element names the explorer's files
//! and holds a link to the page itself, which the explorer replaces; when the app lands here
//! (a client-side navigation, or a server without the explorer's page) the link is the way to
//! it, a full page load.

use eventlens_format::pages::paths;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::Ui;
use crate::prerender;
use crate::site_url::{app_url, site_url};

#[component]
pub fn ExplorePage(lang: String) -> impl IntoView {
    Effect::new(|_| prerender::reveal());
    let ui = Ui::for_lang(&lang);
    let page = app_url(&paths::explore_page(&lang));
    view! {
        <Title text=format!("{} · eventlens", ui.across_the_graph())/>
        <section class="explore">
            <h1>{ui.across_the_graph()}</h1>
            <div id="explore" data-src=app_url("/data/graph/") data-lang=lang.clone() data-base=site_url().base>
                <p><a href=page rel="external">{ui.open_explorer()}</a></p>
            </div>
        </section>
    }
}
