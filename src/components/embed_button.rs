//! "Embed": a dialog with the snippet a partner pastes, a copy button and a live preview.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::app_url;
use crate::i18n::Ui;
use eventlens_format::index::EventSummary;
use eventlens_format::oembed::embed_snippet;

#[component]
pub fn EmbedButton(event: EventSummary, ui: Ui) -> impl IntoView {
    let dialog_ref = NodeRef::<leptos::html::Dialog>::new();
    let site = format!("{}{}", window().location().origin().unwrap_or_default(), app_url(""));
    let snippet = embed_snippet(&event, &site);
    let preview = app_url(&format!("/embed/{}/n/{}?id=preview", event.lang, event.slug));
    let shown = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let (label, title, copy, copied_text, close) = match ui {
        Ui::Zh => ("嵌入", "在你的网站上嵌入这个事件", "复制代码", "已复制", "关闭"),
        Ui::En => ("Embed", "Embed this event on your site", "Copy code", "Copied", "Close"),
    };
    let open = move |_| {
        shown.set(true);
        if let Some(d) = dialog_ref.get_untracked() {
            let _ = d.show_modal();
        }
    };
    let close_dialog = move |_| {
        if let Some(d) = dialog_ref.get_untracked() {
            d.close();
        }
    };
    let copy_snippet = {
        let snippet = snippet.clone();
        move |_| {
            let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into()).ok();
            let write = clipboard.as_ref().and_then(|c| js_sys::Reflect::get(c, &"writeText".into()).ok()).and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            if let (Some(c), Some(write)) = (clipboard, write) {
                copied.set(write.call1(&c, &snippet.as_str().into()).is_ok());
            }
        }
    };
    view! {
        <button type="button" class="embed-button" on:click=open>{label}</button>
        <dialog class="embed-dialog" node_ref=dialog_ref aria-labelledby="embed-title">
            <h2 id="embed-title">{title}</h2>
            <pre class="embed-snippet"><code>{snippet}</code></pre>
            <div class="embed-actions">
                <button type="button" class="embed-copy" on:click=copy_snippet>{copy}</button>
                <span role="status">{move || copied.get().then_some(copied_text)}</span>
                <button type="button" class="embed-close" on:click=close_dialog>{close}</button>
            </div>
            // The preview loads only once the dialog is opened.
            {move || shown.get().then(|| view! { <iframe class="embed-preview" src=preview.clone() title=title></iframe> })}
        </dialog>
    }
}
