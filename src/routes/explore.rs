//! `/{lang}/graph`: the whole collection's graph. SVG while it is small enough to label every
//! node; a canvas above [`CANVAS_ABOVE`] nodes.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{route_lang, sync_document_lang};
use crate::components::graph::GraphView;
use crate::components::graph_canvas::GraphCanvas;
use crate::components::load_state::{LoadFailed, Skeleton};
use crate::IndexResource;
use eventlens_graph::{LocalGraph, CANVAS_ABOVE};
use crate::i18n::Ui;

#[component]
pub fn ExplorePage() -> impl IntoView {
    let lang = route_lang();
    sync_document_lang(lang);
    let ui = move || Ui::for_lang(&lang.get());
    let index = expect_context::<IndexResource>().0;
    view! {
        <Title text="eventlens · graph"/>
        <section class="explore">
            <h1>{move || ui().across_the_graph()}</h1>
            <Suspense fallback=move || view! { <Skeleton ui=ui()/> }>
                {move || Suspend::new(async move {
                    match index.await {
                        Ok(ix) => {
                            let graph = LocalGraph::whole(&ix);
                            if graph.nodes.len() > CANVAS_ABOVE {
                                view! { <GraphCanvas graph=graph ui=ui()/> }.into_any()
                            } else {
                                view! { <GraphView graph=graph ui=ui()/> }.into_any()
                            }
                        }
                        Err(e) => view! { <LoadFailed error=e ui=ui() retry=Callback::new(move |_| index.refetch())/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
