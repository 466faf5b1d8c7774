//! What a page shows while its data is on the way, and when it could not be had.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::LoadError;
use crate::i18n::Ui;
use crate::prerender;
use crate::site_url::app_url;

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

/// A failure said in the page's language, with a retry where trying again could help. A
/// document that fails validation lists every problem by field, as `bundle check` does.
#[component]
pub fn LoadFailed(error: LoadError, ui: Ui, #[prop(optional)] retry: Option<Callback<()>>) -> impl IntoView {
    let (headline, detail) = match &error {
        LoadError::NotFound => return view! { <NotFound ui=ui/> }.into_any(),
        LoadError::Network(e) => (ui.network_failed(), e.clone()),
        LoadError::Timeout(ms) => (ui.timed_out(), ui.no_answer_within(*ms)),
        LoadError::Status(code) => (ui.server_failed(), format!("HTTP {code}")),
        LoadError::TooLarge { bytes, cap } => (ui.too_large(), ui.bytes_over(*bytes, *cap)),
        LoadError::Invalid(problems) => {
            (ui.invalid_data(), problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
        }
    };
    let retry = retry.filter(|_| error.is_retryable());
    // A failure replaces a prerendered copy too: what the reader sees must be what is true now.
    Effect::new(|_| prerender::reveal());
    view! {
        <div class="load-failed" role="alert">
            <h1>{ui.load_failed()}</h1>
            <p class="load-headline">{headline}</p>
            <pre class="load-detail">{detail}</pre>
            {retry.map(|r| view! { <button type="button" class="retry" on:click=move |_| r.run(())>{ui.retry()}</button> })}
            <p><A href=app_url("/")>{ui.back_home()}</A></p>
        </div>
    }
    .into_any()
}

#[component]
pub fn NotFound(ui: Ui) -> impl IntoView {
    Effect::new(|_| prerender::reveal());
    view! {
        <div class="not-found">
            <h1>{ui.not_found()}</h1>
            <p>{ui.not_found_body()}</p>
            // The site's root, not this language's home: the collection may have no events in
            // the page's language (an English address on a Chinese site), and the root shows the
            // reader's language when it has events, else the language with the most.
            <p><A href=app_url("/")>{ui.back_home()}</A></p>
        </div>
    }
}
