//! `/{lang}/entity/{slug}`: an entity's name and the events that mention it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::{route_lang, sync_document_lang};
use crate::api::app_url;
use crate::prerender;
use crate::components::load_state::{LoadFailed, NotFound, Skeleton};
use crate::IndexResource;
use crate::components::graph::GraphView;
use eventlens_graph::LocalGraph;
use crate::i18n::Ui;
use eventlens_format::index::{entity_id, CollectionIndex};

#[component]
pub fn EntityPage() -> impl IntoView {
    let params = use_params_map();
    let lang = route_lang();
    sync_document_lang(lang);
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let ui = move || Ui::for_lang(&lang.get());
    let index = expect_context::<IndexResource>().0;
    view! {
        <Suspense fallback=move || view! { <Skeleton ui=ui()/> }>
            {move || Suspend::new(async move {
                match index.await {
                    Ok(ix) => view! { <EntityView index=ix lang=lang.get() slug=slug.get()/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e ui=ui() retry=Callback::new(move |_| index.refetch())/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EntityView(index: CollectionIndex, lang: String, slug: String) -> impl IntoView {
    let ui = Ui::for_lang(&lang);
    let Some(entity) = index.entity(&lang, &slug).cloned() else {
        return view! { <NotFound ui=ui/> }.into_any();
    };
    let graph = LocalGraph::around(&index, &entity_id(&lang, &slug));
    Effect::new(|_| prerender::reveal());
    let events = entity
        .events
        .iter()
        .filter_map(|s| index.event(&lang, s).cloned())
        .map(|e| view! {
            <li>
                <A href=app_url(&format!("/{}/n/{}", e.lang, e.slug))>{e.title.clone()}</A>
                " "<time datetime=e.date.clone()>{ui.date(&e.date)}</time>
            </li>
        })
        .collect_view();
    view! {
        <Title text=format!("{} · eventlens", entity.name)/>
        <article class="entity">
            <p class="event-kicker">{ui.entities()}</p>
            <h1>{entity.name.clone()}</h1>
            <section aria-labelledby="entity-events">
                <h2 id="entity-events">{ui.events_mentioning()}</h2>
                <ul class="entity-events">{events}</ul>
            </section>
            <section class="graph" aria-labelledby="graph-title">
                <h2 id="graph-title">{ui.across_the_graph()}</h2>
                {graph.map(|g| view! { <GraphView graph=g ui=ui/> })}
            </section>
        </article>
    }
    .into_any()
}
