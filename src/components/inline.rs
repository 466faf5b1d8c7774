//! Inline text from an event document as views. The tree was parsed and its links classified
//! and checked when the site was built (`eventlens_format::inline`); this only draws it, so the
//! app carries no markdown parser. No HTML string is ever made.

use eventlens_format::inline::{Inline, LinkTarget};
use eventlens_format::pages::paths;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::site_url::app_url;

/// `nodes` as views. Depth is bounded by the format's nesting limit, so the recursion is too.
pub fn inline_view(nodes: &[Inline]) -> AnyView {
    nodes.iter().map(node_view).collect_view().into_any()
}

fn node_view(node: &Inline) -> AnyView {
    match node {
        Inline::Text(text) => text.clone().into_any(),
        Inline::Code(code) => view! { <code>{code.clone()}</code> }.into_any(),
        Inline::Strong(children) => view! { <strong>{inline_view(children)}</strong> }.into_any(),
        Inline::Emphasis(children) => view! { <em>{inline_view(children)}</em> }.into_any(),
        Inline::Strikethrough(children) => view! { <s>{inline_view(children)}</s> }.into_any(),
        Inline::Break => view! { <br/> }.into_any(),
        Inline::Link { target, children } => link_view(target, children),
    }
}

fn link_view(target: &LinkTarget, children: &[Inline]) -> AnyView {
    let inner = inline_view(children);
    match target {
        LinkTarget::Entity { lang, slug } => {
            let href = app_url(&paths::entity_page(lang, slug, 1));
            view! { <A href=href attr:class="entity-link">{inner}</A> }.into_any()
        }
        LinkTarget::Event { lang, slug } => {
            view! { <A href=app_url(&paths::event_page(lang, slug))>{inner}</A> }.into_any()
        }
        LinkTarget::External(url) => {
            view! { <a href=url.clone() target="_blank" rel="noopener noreferrer">{inner}</a> }.into_any()
        }
        // A refused target keeps its words and loses its link.
        LinkTarget::Refused(_) => inner,
    }
}
