//! `/{lang}/graph` when the app itself lands there (a client-side navigation, history, or a
//! server without the explorer's page): the explorer is a page and a module of its own, so this
//! only offers the way to it, a full page load.

use eventlens_format::pages::paths;
use leptos::prelude::*;
use leptos_meta::Title;

use super::route_lang;
use crate::i18n::Ui;
use crate::prerender;
use crate::site_url::app_url;

#[component]
pub fn ExplorePage() -> impl IntoView {
    let lang = route_lang();
    Effect::new(|_| prerender::reveal());
    move || {
        let ui = Ui::for_lang(&lang.get());
        view! {
            <Title text="eventlens · graph"/>
            <section class="explore">
                <h1>{ui.across_the_graph()}</h1>
                <p><a href=app_url(&paths::explore_page(&lang.get())) rel="external">{ui.open_explorer()}</a></p>
            </section>
        }
    }
}
