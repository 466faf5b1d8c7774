//! The one way a route waits for its data: the skeleton while a document is on the way, the
//! failure (with a retry where trying again could help) when it cannot be had, the page when it
//! is here.
//!
//! A route hands [`with_document`] plain values (the document's path, the UI language), never
//! its own params or memos: the loader owns its inputs, so when the route is torn down on a
//! navigation nothing of it is read again, and a changed path makes a fresh loader whose fetch
//! the old one's cleanup has already aborted.
//!
//! When the document is already here ([`Preloaded`], which the site builder provides when it
//! renders a page natively, and tests may too), the page is drawn at once, without a fetch.

use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{fetch_document, Document};
use crate::components::load_state::{LoadFailed, Skeleton};
use crate::i18n::Ui;

/// Documents already in hand, by path: what a page is rendered from without fetching.
#[derive(Clone, Default)]
pub struct Preloaded(HashMap<String, Arc<dyn Any + Send + Sync>>);

impl Preloaded {
    pub fn insert<T: Send + Sync + 'static>(&mut self, path: impl Into<String>, doc: Arc<T>) {
        self.0.insert(path.into(), doc);
    }

    pub fn get<T: Send + Sync + 'static>(&self, path: &str) -> Option<Arc<T>> {
        self.0.get(path).cloned()?.downcast::<T>().ok()
    }
}

/// Draws `page` with the document at `path` (a site path such as `/data/zh/n/slug.json`).
pub fn with_document<T, V>(path: String, ui: Ui, page: impl Fn(Arc<T>) -> V + Send + Sync + 'static) -> AnyView
where
    T: Document,
    V: IntoView + 'static,
{
    if let Some(doc) = use_context::<Preloaded>().and_then(|p| p.get::<T>(&path)) {
        return page(doc).into_any();
    }
    let document = LocalResource::new(move || fetch_document::<T>(path.clone()));
    let page = Arc::new(page);
    view! {
        <Suspense fallback=move || view! { <Skeleton ui=ui/> }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match document.await {
                        Ok(doc) => page(doc).into_any(),
                        Err(error) => {
                            let retry = Callback::new(move |_| document.refetch());
                            view! { <LoadFailed error=error ui=ui retry=retry/> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}
