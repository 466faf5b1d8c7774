//! What a page shows while its data is on the way, and when it could not be had.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::api::app_url;
use crate::app::api::LoadError;
use crate::i18n::Ui;

/// Grey blocks in the shape of an event page, so the layout does not jump when it arrives.
#[component]
pub fn Skeleton(ui: Ui) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" role="status" aria-label=ui.loading()>
            <div class="sk sk-kicker"></div>
            <div class="sk sk-title"></div>
            <div class="sk sk-title short"></div>
            <div class="sk sk-line"></div>
            <div class="sk sk-line"></div>
            <div class="sk sk-line short"></div>
        </div>
    }
}

#[component]
pub fn LoadFailed(error: LoadError, ui: Ui, #[prop(optional)] retry: Option<Callback<()>>) -> impl IntoView {
    if error == LoadError::NotFound {
        return view! { <NotFound ui=ui/> }.into_any();
    }
    let detail = match &error {
        LoadError::Network(e) => e.clone(),
        LoadError::Status(code) => format!("HTTP {code}"),
        LoadError::Invalid(problems) => problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
        LoadError::NotFound => String::new(),
    };
    view! {
        <div class="load-failed" role="alert">
            <h1>{ui.load_failed()}</h1>
            <pre class="load-detail">{detail}</pre>
            {retry.map(|r| view! { <button type="button" on:click=move |_| r.run(())>{ui.retry()}</button> })}
            <p><A href=app_url("/")>{ui.back_home()}</A></p>
        </div>
    }
    .into_any()
}

#[component]
pub fn NotFound(ui: Ui) -> impl IntoView {
    view! {
        <div class="not-found">
            <h1>{ui.not_found()}</h1>
            <p>{ui.not_found_body()}</p>
            <p><A href=app_url(&format!("/{}", ui.code()))>{ui.back_home()}</A></p>
        </div>
    }
}
