//! `/{lang}/entity/{slug}` and `/{lang}/entity/{slug}/page/{n}`: an entity, the events that
//! mention it (newest first, a page at a time) and, on the first page, its graph.

use std::sync::Arc;

use eventlens_format::pages::{paths, ListOf, ListPage};
use leptos::prelude::*;
use leptos_meta::Title;

use super::load::with_document;
use crate::components::event_list::{EventItems, Pager};
use crate::components::graph::GraphView;
use crate::components::load_state::NotFound;
use crate::i18n::Ui;
use crate::prerender;

#[component]
pub fn EntityPage(lang: String, slug: String, page: u32) -> impl IntoView {
    let ui = Ui::for_lang(&lang);
    let path = paths::entity_list(&lang, &slug, page);
    with_document::<ListPage>(path, ui, move |page| {
        view! { <EntityView page=page lang=lang.clone() slug=slug.clone()/> }.into_any()
    })
}

#[component]
fn EntityView(page: Arc<ListPage>, lang: String, slug: String) -> impl IntoView {
    let ui = Ui::for_lang(&page.lang);
    let ListOf::Entity { name, .. } = page.of.clone() else {
        return view! { <NotFound ui=ui/> }.into_any();
    };
    Effect::new(|_| prerender::reveal());
    view! {
        <Title text=format!("{name} · eventlens")/>
        <article class="entity">
            <p class="event-kicker">{ui.entities()}</p>
            <h1>{name}</h1>
            <section aria-labelledby="entity-events">
                <h2 id="entity-events">{ui.events_mentioning()}" · "{ui.events_total(page.list.total)}</h2>
                <EventItems events=page.list.events.clone() ui=ui/>
                <Pager list=page.list.clone() ui=ui page_url=move |n| paths::entity_page(&lang, &slug, n)/>
            </section>
            {page.graph.clone().map(|graph| view! {
                <section class="graph" aria-labelledby="graph-title">
                    <h2 id="graph-title">{ui.across_the_graph()}</h2>
                    <GraphView graph=Arc::new(graph) ui=ui/>
                </section>
            })}
        </article>
    }
    .into_any()
}
