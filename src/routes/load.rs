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

use eventlens_format::validate::Problem;

use crate::api::{fetch_document, Document, LoadError, Reader};
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
pub fn with_document<T: Document>(
    path: String,
    ui: Ui,
    page: impl Fn(Arc<T>) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    if let Some(doc) = use_context::<Preloaded>().and_then(|p| p.get::<T>(&path)) {
        return page(doc);
    }
    let page: ErasedPage =
        Arc::new(move |doc| page(doc.downcast::<T>().expect("the loader read this route's document type")));
    load(path, ui, read_erased::<T>, page)
}

/// A page drawn from a document of any type. Every route's loader is this one function, not a
/// copy per document type: the resource, the future and the suspense are the bulk of a loader's
/// code in the wasm.
type ErasedPage = Arc<dyn Fn(Arc<dyn Any + Send + Sync>) -> AnyView + Send + Sync>;

fn read_erased<T: Document>(text: &str) -> Result<Arc<dyn Any + Send + Sync>, Vec<Problem>> {
    T::read(text).map(|doc| Arc::new(doc) as Arc<dyn Any + Send + Sync>)
}

fn load(path: String, ui: Ui, read: Reader, page: ErasedPage) -> AnyView {
    // A signal the fetch fills, rather than a resource read through <Suspense>: loading, here and
    // failed are all a page needs, and the async machinery would be most of the loader's share of
    // the wasm. The task runs in this view's owner, so leaving the page aborts the fetch (`api`).
    let state = RwSignal::new(None::<Result<Arc<dyn Any + Send + Sync>, LoadError>>);
    let fetch = move || {
        let path = path.clone();
        leptos::task::spawn_local_scoped(async move {
            let result = fetch_document(path, read).await;
            state.try_set(Some(result));
        });
    };
    fetch();
    (move || match state.get() {
        None => view! { <Skeleton ui=ui/> }.into_any(),
        Some(Ok(doc)) => page(doc),
        Some(Err(error)) => {
            let fetch = fetch.clone();
            let retry = Callback::new(move |_| {
                state.set(None);
                fetch();
            });
            view! { <LoadFailed error=error ui=ui retry=retry/> }.into_any()
        }
    })
    .into_any()
}
