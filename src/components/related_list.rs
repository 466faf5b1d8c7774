//! Across the graph as a list: related events and entities with links, for readers who would
//! rather read than look, and for screen readers. A related event with no bundle here is
//! named but not linked, so there is never a dead link.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::app_url;
use crate::i18n::Ui;
use eventlens_format::index::CollectionIndex;
use eventlens_format::model::EventBundle;

#[component]
pub fn RelatedList(bundle: EventBundle, index: Option<CollectionIndex>, ui: Ui) -> impl IntoView {
    let lang = bundle.lang.clone();
    let related = bundle
        .related
        .iter()
        .map(|r| {
            let known = index.as_ref().and_then(|ix| ix.event(&lang, &r.slug)).map(|e| e.title.clone());
            match known {
                Some(title) => view! {
                    <li class="related-event"><A href=app_url(&format!("/{lang}/n/{}", r.slug))>{title}</A></li>
                }
                .into_any(),
                None => view! {
                    <li class="related-event missing">
                        <span class="related-name">{r.title.clone().unwrap_or_else(|| r.slug.clone())}</span>
                        " "<span class="not-in-collection">"("{ui.not_in_collection()}")"</span>
                    </li>
                }
                .into_any(),
            }
        })
        .collect_view();
    let entities = bundle
        .entities
        .into_iter()
        .map(|e| view! { <li><A href=app_url(&format!("/{lang}/entity/{}", e.slug)) attr:class="entity-link">{e.name}</A></li> })
        .collect_view();
    view! {
        <div class="related-lists">
            <div>
                <h3>{ui.related_events()}</h3>
                <ul class="related-events">{related}</ul>
            </div>
            <div>
                <h3>{ui.entities()}</h3>
                <ul class="entities">{entities}</ul>
            </div>
        </div>
    }
}
