//! What a page shows while its data is on the way, and when it could not be had.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::app_url;
use crate::api::LoadError;
use crate::prerender;
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

/// A failure said in the page's language, with a retry where trying again could help. A bundle
/// that fails validation lists every problem by field, as `bundle check` does.
#[component]
pub fn LoadFailed(error: LoadError, ui: Ui, #[prop(optional)] retry: Option<Callback<()>>) -> impl IntoView {
    let zh = ui == Ui::Zh;
    let (headline, detail) = match &error {
        LoadError::NotFound => return view! { <NotFound ui=ui/> }.into_any(),
        LoadError::Network(e) => (if zh { "网络错误，无法获取数据。" } else { "A network error stopped the data from loading." }, e.clone()),
        LoadError::Timeout(ms) => (
            if zh { "等待数据超时。" } else { "The data took too long to arrive." },
            if zh { format!("{ms} 毫秒内没有响应") } else { format!("no answer within {ms} ms") },
        ),
        LoadError::Status(code) => (if zh { "服务器出错。" } else { "The server answered with an error." }, format!("HTTP {code}")),
        LoadError::TooLarge { bytes, cap } => (
            if zh { "数据太大，未加载。" } else { "The data is too large to load." },
            if zh { format!("{bytes} 字节，上限 {cap} 字节") } else { format!("{bytes} bytes; the limit is {cap}") },
        ),
        LoadError::Invalid(problems) => (
            if zh { "数据无效，无法显示。" } else { "The data is not valid and cannot be shown." },
            problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
        ),
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
            <p><A href=app_url(&format!("/{}", ui.code()))>{ui.back_home()}</A></p>
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
            <p><A href=app_url(&format!("/{}", ui.code()))>{ui.back_home()}</A></p>
        </div>
    }
}
