//! "Embed": the snippet a partner pastes, in a native `<details>` so that it opens and can be
//! selected on a saved page with JavaScript off, with a copy button for readers who have it and
//! a live preview that loads only once the details are open (a lazy iframe, hidden until then).

use std::sync::Arc;

use eventlens_format::model::EventDoc;
use eventlens_format::oembed::event_snippet;
use eventlens_format::pages::paths;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::CustomAttribute;
use wasm_bindgen::JsCast;

use crate::i18n::Ui;
use crate::site_url::site_url;

#[component]
pub fn EmbedButton(doc: Arc<EventDoc>, ui: Ui) -> impl IntoView {
    let site = site_url();
    // The frame at the widget's estimated height, the same snippet as the event's oEmbed document.
    let snippet = event_snippet(&*doc, &site.absolute(""));
    let preview = site.path(&format!("{}?id=preview", paths::embed_page(&doc.lang, &doc.slug)));
    let copied = RwSignal::new(false);
    let copy_snippet = {
        let snippet = snippet.clone();
        move |_| {
            let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into()).ok();
            let write = clipboard
                .as_ref()
                .and_then(|c| js_sys::Reflect::get(c, &"writeText".into()).ok())
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            if let (Some(c), Some(write)) = (clipboard, write) {
                copied.set(write.call1(&c, &snippet.as_str().into()).is_ok());
            }
        }
    };
    // `loading` is not among tachys's typed iframe attributes, hence the custom attribute.
    let preview_frame =
        view! { <iframe class="embed-preview" src=preview title=ui.preview()></iframe> }.attr("loading", "lazy");
    view! {
        <details class="embed-details">
            <summary class="embed-button">{ui.embed()}</summary>
            <div class="embed-panel">
                <h2 class="embed-title">{ui.embed_title()}</h2>
                <pre class="embed-snippet"><code>{snippet}</code></pre>
                <div class="embed-actions">
                    <button type="button" class="embed-copy" on:click=copy_snippet>{ui.copy_code()}</button>
                    <span role="status">{move || copied.get().then_some(ui.code_copied())}</span>
                </div>
                {preview_frame}
            </div>
        </details>
    }
}
