//! The local graph as SVG, with the conventions readers know from d3 and Obsidian: it settles
//! in front of you (or at once under `prefers-reduced-motion`), nodes drag (pinned while held,
//! the simulation reheated with alphaTarget 0.3), wheel, pinch and buttons zoom, hover or focus
//! lights a node's neighbours, click or Enter opens a node. Tab enters the graph, arrow keys
//! walk to neighbours (roving tabindex), Escape leaves.
//!
//! Geometry, label placement and the keyboard walk are decided in [`eventlens_graph`]; this only
//! draws, listens and keeps the animation clock.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::api::app_url;
use crate::prerender;
use eventlens_graph::{fit, label_width, neighbour_towards, node_radius, place_labels, short_label, LabelSide, LocalGraph, LABEL_SIZE};
use crate::i18n::Ui;
use eventlens_format::index::NodeKind;
use force_layout::Simulation;

const LABEL_CHARS: usize = 16;
const DRAG_ALPHA_TARGET: f64 = 0.3;

#[derive(Clone, Copy, PartialEq)]
struct View {
    scale: f64,
    tx: f64,
    ty: f64,
}

const IDENTITY: View = View { scale: 1.0, tx: 0.0, ty: 0.0 };

#[derive(Clone, Copy)]
struct Drag {
    node: Option<usize>,
    start: (f64, f64),
    last: (f64, f64),
    moved: bool,
}

#[component]
pub fn GraphView(graph: LocalGraph, ui: Ui) -> impl IntoView {
    let n = graph.nodes.len();
    let centred = graph.centred;
    let radii: Vec<f64> = graph.nodes.iter().enumerate().map(|(i, node)| node_radius(node, centred && i == 0)).collect();
    let labels: Vec<String> = graph.nodes.iter().map(|node| short_label(&node.label, LABEL_CHARS)).collect();
    let widths: Vec<f64> = labels.iter().map(|l| label_width(l)).collect();

    // The layout is deterministic, so a settled copy tells where the animation will end: the
    // viewBox and the label sides are fixed from it and nothing jumps while it settles.
    let mut settled = graph.simulation();
    settled.tick_n(300);
    let sides = place_labels(settled.x(), settled.y(), &radii, &widths);
    let view_box = fit(settled.x(), settled.y(), &radii, &widths, &sides);
    // Over a prerendered page the reader already sees the settled graph: replaying the settling
    // would make it jump.
    let settle_at_once = prerender::is_pending()
        || window().match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|m| m.matches());
    let sim = StoredValue::new_local(if settle_at_once { settled } else { graph.simulation() });
    let positions = RwSignal::new(sim.with_value(|s| (s.x().to_vec(), s.y().to_vec())));

    let alive = Arc::new(AtomicBool::new(true));
    let running = StoredValue::new(false);
    on_cleanup({
        let alive = alive.clone();
        move || alive.store(false, Ordering::Relaxed)
    });
    let animate = {
        let alive = alive.clone();
        move || start_frames(sim, positions, running, alive.clone())
    };
    if !settle_at_once {
        animate();
    }

    let graph = StoredValue::new(graph);
    let view = RwSignal::new(IDENTITY);
    let lit = RwSignal::new(None::<usize>);
    let active = RwSignal::new(0usize);
    let drag = StoredValue::new(None::<Drag>);
    let pinch = StoredValue::new(Vec::<(i32, f64, f64)>::new());
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let wrapper_ref = NodeRef::<leptos::html::Div>::new();
    let navigate = StoredValue::new(use_navigate());

    let is_lit = move |i: usize| match lit.get() {
        None => true,
        Some(h) => h == i || graph.with_value(|g| g.neighbours(h).contains(&i)),
    };
    let open = move |i: usize| {
        let path = graph.with_value(|g| {
            let node = &g.nodes[i];
            node.in_collection.then(|| app_url(&format!("/{}", node.id)))
        });
        if let Some(url) = path {
            navigate.with_value(|nav| nav(&url, NavigateOptions { resolve: false, ..Default::default() }));
        }
    };
    // Pointer position in layout units, undoing the viewBox fit and the zoom.
    let to_layout = move |cx: f64, cy: f64| -> Option<(f64, f64)> {
        let svg: web_sys::Element = svg_ref.get_untracked()?.unchecked_into();
        let r = svg.get_bounding_client_rect();
        let (vx, vy, vw, vh) = view_box;
        let s = (r.width() / vw).min(r.height() / vh);
        let (ox, oy) = ((r.width() - vw * s) / 2.0, (r.height() - vh * s) / 2.0);
        let (px, py) = (vx + (cx - r.left() - ox) / s, vy + (cy - r.top() - oy) / s);
        let v = view.get_untracked();
        Some(((px - v.tx) / v.scale, (py - v.ty) / v.scale))
    };
    let zoom_at = move |factor: f64, around: (f64, f64)| {
        view.update(|v| {
            let scale = (v.scale * factor).clamp(0.25, 8.0);
            let k = scale / v.scale;
            // Keep the point under the pointer where it is.
            let (ax, ay) = (around.0 * v.scale + v.tx, around.1 * v.scale + v.ty);
            *v = View { scale, tx: ax - (ax - v.tx) * k, ty: ay - (ay - v.ty) * k };
        })
    };
    let centre = (view_box.0 + view_box.2 / 2.0, view_box.1 + view_box.3 / 2.0);
    let zoom_centre = move |factor: f64| {
        let v = view.get_untracked();
        zoom_at(factor, ((centre.0 - v.tx) / v.scale, (centre.1 - v.ty) / v.scale));
    };

    let pointer_down = {
        move |ev: web_sys::PointerEvent, node: Option<usize>| {
            ev.stop_propagation();
            if let Some(target) = svg_ref.get_untracked() {
                let _ = target.unchecked_ref::<web_sys::Element>().set_pointer_capture(ev.pointer_id());
            }
            pinch.update_value(|p| p.push((ev.pointer_id(), ev.client_x() as f64, ev.client_y() as f64)));
            let start = (ev.client_x() as f64, ev.client_y() as f64);
            drag.set_value(Some(Drag { node, start, last: start, moved: false }));
        }
    };
    let pointer_move = {
        let animate = animate.clone();
        move |ev: web_sys::PointerEvent| {
            let here = (ev.client_x() as f64, ev.client_y() as f64);
            let fingers = pinch.with_value(|p| p.len());
            if fingers == 2 {
                let before = pinch.with_value(|p| p.clone());
                pinch.update_value(|p| {
                    if let Some(f) = p.iter_mut().find(|f| f.0 == ev.pointer_id()) {
                        (f.1, f.2) = here;
                    }
                });
                let after = pinch.with_value(|p| p.clone());
                let dist = |p: &[(i32, f64, f64)]| ((p[0].1 - p[1].1).powi(2) + (p[0].2 - p[1].2).powi(2)).sqrt().max(1.0);
                let mid = ((after[0].1 + after[1].1) / 2.0, (after[0].2 + after[1].2) / 2.0);
                if let Some(around) = to_layout(mid.0, mid.1) {
                    zoom_at(dist(&after) / dist(&before), around);
                }
                drag.set_value(None);
                return;
            }
            let Some(mut d) = drag.get_value() else { return };
            if !d.moved && ((here.0 - d.start.0).powi(2) + (here.1 - d.start.1).powi(2)).sqrt() > 3.0 {
                d.moved = true;
                if d.node.is_some() {
                    sim.update_value(|s| s.set_alpha_target(DRAG_ALPHA_TARGET));
                    animate();
                }
            }
            if d.moved {
                match d.node {
                    Some(i) => {
                        if let Some((x, y)) = to_layout(here.0, here.1) {
                            sim.update_value(|s| s.set_fixed(i, Some(x), Some(y)));
                        }
                    }
                    None => {
                        let (Some(a), Some(b)) = (to_layout(d.last.0, d.last.1), to_layout(here.0, here.1)) else { return };
                        view.update(|v| {
                            v.tx += (b.0 - a.0) * v.scale;
                            v.ty += (b.1 - a.1) * v.scale;
                        });
                    }
                }
            }
            d.last = here;
            drag.set_value(Some(d));
        }
    };
    let pointer_up = move |ev: web_sys::PointerEvent| {
        pinch.update_value(|p| p.retain(|f| f.0 != ev.pointer_id()));
        let Some(d) = drag.get_value() else { return };
        drag.set_value(None);
        match (d.node, d.moved) {
            (Some(i), false) => open(i),
            (Some(i), true) => sim.update_value(|s| {
                s.set_alpha_target(0.0);
                // The page's own node stays where it was dropped; others are let go, as in d3.
                if i == 0 {
                    let (x, y) = (s.x()[0], s.y()[0]);
                    s.set_fixed(0, Some(x), Some(y));
                } else {
                    s.set_fixed(i, None, None);
                }
            }),
            _ => {}
        }
    };
    let wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        if let Some(around) = to_layout(ev.client_x() as f64, ev.client_y() as f64) {
            zoom_at((-ev.delta_y() * 0.002).exp(), around);
        }
    };
    let key = move |ev: web_sys::KeyboardEvent, i: usize| {
        let direction = match ev.key().as_str() {
            "ArrowRight" => Some((1.0, 0.0)),
            "ArrowLeft" => Some((-1.0, 0.0)),
            "ArrowDown" => Some((0.0, 1.0)),
            "ArrowUp" => Some((0.0, -1.0)),
            "Enter" | " " => {
                ev.prevent_default();
                open(i);
                None
            }
            "Escape" => {
                if let Some(w) = wrapper_ref.get_untracked() {
                    let _ = w.focus();
                }
                lit.set(None);
                None
            }
            _ => None,
        };
        if let Some((dx, dy)) = direction {
            ev.prevent_default();
            let next = positions.with_untracked(|(xs, ys)| graph.with_value(|g| neighbour_towards(g, xs, ys, i, dx, dy)));
            if let Some(j) = next {
                active.set(j);
                if let Some(el) = document().get_element_by_id(&format!("graph-node-{j}")) {
                    let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
                }
            }
        }
    };

    let edges = graph.with_value(|g| g.edges.clone());
    let edge_views = edges
        .into_iter()
        .map(|(a, b)| {
            let coord = move |i: usize, axis: usize| positions.with(|p| (if axis == 0 { &p.0 } else { &p.1 })[i].round() as i32);
            view! {
                <line class="graph-edge" class:dim=move || lit.get().is_some_and(|h| h != a && h != b)
                    x1=move || coord(a, 0) y1=move || coord(a, 1) x2=move || coord(b, 0) y2=move || coord(b, 1)/>
            }
        })
        .collect_view();
    let node_views = (0..n)
        .map(|i| {
            let (kind, in_collection, full, id) = graph.with_value(|g| {
                let node = &g.nodes[i];
                (node.kind, node.in_collection, node.label.clone(), node.id.clone())
            });
            let r = radii[i].round() as i32;
            let kind_name = match (kind, in_collection, ui) {
                (NodeKind::Entity, _, Ui::Zh) => "实体".to_string(),
                (NodeKind::Entity, _, Ui::En) => "entity".to_string(),
                (NodeKind::Event, true, Ui::Zh) => "事件".to_string(),
                (NodeKind::Event, true, Ui::En) => "event".to_string(),
                (NodeKind::Event, false, _) => ui.not_in_collection().to_string(),
            };
            let name = format!("{full}（{kind_name}）");
            let class = match (kind, in_collection, centred && i == 0) {
                (_, _, true) => "graph-node centre",
                (NodeKind::Entity, _, _) => "graph-node entity",
                (NodeKind::Event, true, _) => "graph-node event",
                (NodeKind::Event, false, _) => "graph-node event missing",
            };
            let shape = match kind {
                NodeKind::Entity => view! { <rect x=-r y=-r width=2 * r height=2 * r rx="3"/> }.into_any(),
                NodeKind::Event => view! { <circle r=r/> }.into_any(),
            };
            let (lx, ly, anchor, baseline) = match sides[i] {
                LabelSide::Right => (r + 4, 0, "start", "central"),
                LabelSide::Left => (-r - 4, 0, "end", "central"),
                LabelSide::Below => (0, r + 4, "middle", "hanging"),
                LabelSide::Above => (0, -r - 4, "middle", "auto"),
            };
            let down = pointer_down;
            view! {
                <g class=class id=format!("graph-node-{i}") data-id=id
                    class:dim=move || !is_lit(i)
                    transform=move || positions.with(|(xs, ys)| format!("translate({},{})", xs[i].round() as i32, ys[i].round() as i32))
                    tabindex=move || if active.get() == i { "0" } else { "-1" }
                    role="link" aria-label=name aria-disabled=(!in_collection).then_some("true")
                    on:pointerdown=move |ev| down(ev, Some(i))
                    on:pointerenter=move |_| lit.set(Some(i))
                    on:pointerleave=move |_| lit.set(None)
                    on:focus=move |_| { active.set(i); lit.set(Some(i)); }
                    on:blur=move |_| lit.set(None)
                    on:keydown=move |ev| key(ev, i)>
                    <title>{full}</title>
                    {shape}
                    <text x=lx y=ly text-anchor=anchor dominant-baseline=baseline>{visible_label(&labels[i])}</text>
                </g>
            }
        })
        .collect_view();
    let (vx, vy, vw, vh) = view_box;
    let view_box_attr = format!("{} {} {} {}", vx.floor() as i32, vy.floor() as i32, vw.ceil() as i32, vh.ceil() as i32);
    let (zoom_in, zoom_out, reset, help) = match ui {
        Ui::Zh => ("放大", "缩小", "复位", "Tab 进入图谱，方向键在相邻节点间移动，回车打开，Esc 离开。"),
        Ui::En => ("Zoom in", "Zoom out", "Reset", "Tab into the graph, arrow keys move between neighbours, Enter opens, Escape leaves."),
    };
    let down_background = pointer_down;
    view! {
        <div class="graph-view" node_ref=wrapper_ref tabindex="-1">
            <div class="graph-controls">
                <button type="button" on:click=move |_| zoom_centre(1.25) aria-label=zoom_in>"+"</button>
                <button type="button" on:click=move |_| zoom_centre(0.8) aria-label=zoom_out>"−"</button>
                <button type="button" on:click=move |_| view.set(IDENTITY)>{reset}</button>
            </div>
            <p class="visually-hidden" id="graph-help">{help}</p>
            <svg class="graph-svg" viewBox=view_box_attr node_ref=svg_ref role="group"
                aria-label=ui.across_the_graph() aria-describedby="graph-help"
                style=format!("aspect-ratio: {} / {}", vw.ceil() as i32, vh.ceil() as i32)
                on:pointermove=pointer_move on:pointerup=pointer_up on:pointercancel=pointer_up on:wheel=wheel>
                <rect class="graph-background" x=vx.floor() as i32 y=vy.floor() as i32 width=vw.ceil() as i32 height=vh.ceil() as i32
                    on:pointerdown=move |ev| down_background(ev, None)/>
                <g transform=move || { let v = view.get(); format!("translate({} {}) scale({})", fixed3(v.tx), fixed3(v.ty), fixed3(v.scale)) }
                    style=format!("font-size:{LABEL_SIZE}px")>
                    {edge_views}
                    {node_views}
                </g>
            </svg>
        </div>
    }
}

/// One tick per animation frame, as d3's timer does, until the simulation settles or the
/// component goes away. A second call while frames are running does nothing.
fn start_frames(sim: StoredValue<Simulation, LocalStorage>, positions: RwSignal<(Vec<f64>, Vec<f64>)>, running: StoredValue<bool>, alive: Arc<AtomicBool>) {
    if running.get_value() {
        return;
    }
    running.set_value(true);
    fn frame(sim: StoredValue<Simulation, LocalStorage>, positions: RwSignal<(Vec<f64>, Vec<f64>)>, running: StoredValue<bool>, alive: Arc<AtomicBool>) {
        request_animation_frame(move || {
            if !alive.load(Ordering::Relaxed) {
                return;
            }
            let Some(settled) = sim.try_update_value(|s| {
                s.tick();
                s.is_settled() && s.alpha_target() < s.alpha_min()
            }) else {
                return;
            };
            sim.with_value(|s| positions.set((s.x().to_vec(), s.y().to_vec())));
            if settled {
                running.set_value(false);
            } else {
                frame(sim, positions, running, alive);
            }
        });
    }
    frame(sim, positions, running, alive);
}

/// `x` with three decimals, without pulling float formatting into the wasm for one attribute.
fn fixed3(x: f64) -> String {
    let thousandths = (x * 1000.0).round() as i64;
    let sign = if thousandths < 0 { "-" } else { "" };
    let t = thousandths.unsigned_abs();
    format!("{sign}{}.{:03}", t / 1000, t % 1000)
}

/// The shortened label as the part of the full name it shows, plus an ellipsis kept out of
/// the accessibility tree, so the visible text stays a part of the node's accessible name.
fn visible_label(label: &str) -> impl IntoView {
    match label.strip_suffix('…') {
        Some(shown) => view! { {shown.to_string()}<tspan aria-hidden="true">"…"</tspan> }.into_any(),
        None => label.to_string().into_any(),
    }
}
