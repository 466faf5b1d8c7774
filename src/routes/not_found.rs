//! Any route the app does not know: a real 404 page with a way home.

use leptos::prelude::*;
use leptos_meta::Title;

use super::route_lang;
use crate::components::load_state::NotFound;
use crate::i18n::Ui;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = route_lang();
    view! {
        <Title text="404 · eventlens"/>
        {move || view! { <NotFound ui=Ui::for_lang(&lang.get())/> }}
    }
}
