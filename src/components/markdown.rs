//! Inline markdown from a bundle as views. The tree comes from [`eventlens_format::inline`], which has
//! already decided what each link may be; this only draws it. No HTML string is ever made.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::app_url;
use eventlens_format::inline::{parse, Inline, LinkTarget};

#[component]
pub fn InlineMarkdown(#[prop(into)] source: String) -> impl IntoView {
    render(parse(&source))
}

fn render(nodes: Vec<Inline>) -> AnyView {
    nodes.into_iter().map(render_node).collect_view().into_any()
}

fn render_node(node: Inline) -> AnyView {
    match node {
        Inline::Text(text) => text.into_any(),
        Inline::Code(code) => view! { <code>{code}</code> }.into_any(),
        Inline::Strong(children) => view! { <strong>{render(children)}</strong> }.into_any(),
        Inline::Emphasis(children) => view! { <em>{render(children)}</em> }.into_any(),
        Inline::Strikethrough(children) => view! { <s>{render(children)}</s> }.into_any(),
        Inline::Break => view! { <br/> }.into_any(),
        Inline::Link { target, children } => match target {
            LinkTarget::Entity { lang, slug } => {
                view! { <A href=app_url(&format!("/{lang}/entity/{slug}")) attr:class="entity-link">{render(children)}</A> }.into_any()
            }
            LinkTarget::Event { lang, slug } => {
                view! { <A href=app_url(&format!("/{lang}/n/{slug}"))>{render(children)}</A> }.into_any()
            }
            LinkTarget::External(url) => {
                view! { <a href=url target="_blank" rel="noopener noreferrer">{render(children)}</a> }.into_any()
            }
            // A refused target keeps its words and loses its link.
            LinkTarget::Refused(_) => render(children),
        },
    }
}
