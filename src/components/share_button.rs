//! Share the page: the system share sheet where the browser has one, else the clipboard.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};

use crate::i18n::Ui;

#[component]
pub fn ShareButton(#[prop(into)] title: String, ui: Ui) -> impl IntoView {
    let status = RwSignal::new(None::<&'static str>);
    let title = StoredValue::new(title);
    let share = move |_| {
        let url = window().location().href().unwrap_or_default();
        let title = title.get_value();
        spawn_local(async move {
            match share_or_copy(&title, &url).await {
                Ok(true) => status.set(Some(ui.copied())),
                Ok(false) => status.set(None),
                Err(_) => status.set(Some(ui.share_failed())),
            }
        });
    };
    view! {
        <div class="share">
            <button type="button" class="share-button" on:click=share>{ui.share()}</button>
            <span class="share-status" role="status">{move || status.get()}</span>
        </div>
    }
}

/// Ok(true) when the link went to the clipboard, Ok(false) when the share sheet took it.
async fn share_or_copy(title: &str, url: &str) -> Result<bool, JsValue> {
    let navigator = window().navigator();
    let has_share = js_sys::Reflect::has(&navigator, &JsValue::from_str("share")).unwrap_or(false);
    if has_share {
        let data = web_sys::ShareData::new();
        data.set_title(title);
        data.set_url(url);
        match JsFuture::from(navigator.share_with_data(&data)).await {
            Ok(_) => return Ok(false),
            // The reader closed the sheet: nothing to report.
            Err(e) if e.dyn_ref::<web_sys::DomException>().is_some_and(|d| d.name() == "AbortError") => {
                return Ok(false)
            }
            Err(_) => {}
        }
    }
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))?;
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))?.dyn_into::<js_sys::Function>()?;
    let promise = write.call1(&clipboard, &JsValue::from_str(url))?.dyn_into::<js_sys::Promise>()?;
    JsFuture::from(promise).await?;
    Ok(true)
}
