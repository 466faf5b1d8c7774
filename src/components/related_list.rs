//! Across the graph as lists: the event's related events and entities, and the events that name
//! it, with links. For readers who would rather read than look, for screen readers, and for the
//! part of a hub's surroundings the graph leaves out. A related event with no bundle here is
//! named but not linked, so there is never a dead link.

use std::sync::Arc;

use eventlens_format::model::EventDoc;
use eventlens_format::pages::{paths, Neighbourhood};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::Ui;
use crate::site_url::app_url;

#[component]
pub fn RelatedList(doc: Arc<EventDoc>, near: Arc<Neighbourhood>, ui: Ui) -> impl IntoView {
    let lang = doc.lang.clone();
    let related = near
        .related
        .iter()
        .map(|r| {
            let title = r.title.clone();
            if r.in_collection {
                let href = app_url(&paths::event_page(&lang, &r.slug));
                view! { <li class="related-event"><A href=href>{title}</A></li> }.into_any()
            } else {
                view! {
                    <li class="related-event missing">
                        <span class="related-name">{title}</span>
                        " "<span class="not-in-collection">"("{ui.not_in_collection()}")"</span>
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();
    let entities = doc
        .entities
        .iter()
        .map(|e| {
            let (href, name) = (app_url(&paths::entity_page(&lang, &e.slug, 1)), e.name.clone());
            view! { <li><A href=href attr:class="entity-link">{name}</A></li> }
        })
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
            <NamedByList near=near ui=ui/>
        </div>
    }
}

/// The newest events that name this one, and a link to all of them when there are more.
#[component]
fn NamedByList(near: Arc<Neighbourhood>, ui: Ui) -> impl IntoView {
    let (total, shown) = (near.named_by.total, near.named_by.events.len());
    (total > 0).then(|| {
        let items = near
            .named_by
            .events
            .iter()
            .map(|e| {
                let (href, title) = (app_url(&paths::event_page(&e.lang, &e.slug)), e.title.clone());
                view! { <li><A href=href>{title}</A></li> }
            })
            .collect_view();
        let all = (total as usize > shown).then(|| {
            let href = app_url(&paths::named_by_page(&near.lang, &near.slug, 1));
            view! { <p class="named-by-all"><A href=href>{ui.all_named_by(total)}</A></p> }
        });
        view! {
            <div class="named-by">
                <h3>{ui.named_by()}</h3>
                <ul class="named-by-events">{items}</ul>
                {all}
            </div>
        }
    })
}
