//! The whole collection's graph on a canvas, for graphs too big for SVG. The layout ticks in
//! slices of at most [`FRAME_BUDGET_MS`] per animation frame, so the page never freezes while
//! it settles; wheel zooms, dragging pans, labels appear as you zoom in, a click opens a node,
//! and the search box finds one by name and centres it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::api::app_url;
use eventlens_graph::LocalGraph;
use crate::i18n::Ui;
use eventlens_format::index::NodeKind;
use force_layout::Simulation;

/// Layout work per frame: half a 60 Hz frame, leaving the rest for drawing and input.
pub const FRAME_BUDGET_MS: f64 = 8.0;
/// Zoom at which every visible node gets its label.
const LABEL_ZOOM: f64 = 1.5;
const NODE_RADIUS: f64 = 3.0;
const EDGES_PER_FRAME: usize = 3_000;

#[derive(Clone, Copy)]
struct View {
    scale: f64,
    tx: f64,
    ty: f64,
}

#[component]
pub fn GraphCanvas(graph: LocalGraph, ui: Ui) -> impl IntoView {
    let node_count = graph.nodes.len();
    let edge_count = graph.edges.len();
    let sim = StoredValue::new_local(graph.overview_simulation());
    let graph = StoredValue::new(graph);
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let view = StoredValue::new(None::<View>);
    let selected = RwSignal::new(None::<usize>);
    let query = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let drag = StoredValue::new(None::<((f64, f64), bool)>);
    let navigate = StoredValue::new(use_navigate());
    let alive = Arc::new(AtomicBool::new(true));
    let running = Arc::new(AtomicBool::new(false));
    on_cleanup({
        let alive = alive.clone();
        move || alive.store(false, Ordering::Relaxed)
    });

    // Edges are the costly part to rasterise (tens of thousands of anti-aliased lines), so a
    // frame draws at most EDGES_PER_FRAME of them: an even sample while the layout moves, and
    // once it has settled the rest over the following frames, accumulating on the canvas.
    let edge_cursor = StoredValue::new(0usize);
    let draw = move |moving: bool| -> bool {
        let Some(canvas) = canvas_ref.get_untracked() else { return false };
        let canvas: HtmlCanvasElement = canvas.unchecked_into();
        let ratio = window().device_pixel_ratio();
        let (w, h) = (canvas.client_width() as f64, canvas.client_height() as f64);
        if canvas.width() != (w * ratio) as u32 || canvas.height() != (h * ratio) as u32 {
            canvas.set_width((w * ratio) as u32);
            canvas.set_height((h * ratio) as u32);
            edge_cursor.set_value(0);
        }
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        else {
            return false;
        };
        let mut more = false;
        sim.with_value(|s| {
            let (xs, ys) = (s.x(), s.y());
            let v = view.get_value().unwrap_or_else(|| fit_view(xs, ys, w, h));
            view.set_value(Some(v));
            let colours = Colours::of(&canvas);
            let sx = |x: f64| x * v.scale + v.tx;
            let sy = |y: f64| y * v.scale + v.ty;
            let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
            graph.with_value(|g| {
                let total = g.edges.len();
                let cursor = if moving { 0 } else { edge_cursor.get_value() };
                if cursor == 0 {
                    ctx.clear_rect(0.0, 0.0, w, h);
                }
                ctx.set_stroke_style_str(&colours.edge);
                ctx.set_line_width(0.6);
                ctx.begin_path();
                if moving {
                    let stride = total.div_ceil(EDGES_PER_FRAME).max(1);
                    for &(a, b) in g.edges.iter().step_by(stride) {
                        ctx.move_to(sx(xs[a]), sy(ys[a]));
                        ctx.line_to(sx(xs[b]), sy(ys[b]));
                    }
                } else {
                    let end = (cursor + EDGES_PER_FRAME).min(total);
                    for &(a, b) in &g.edges[cursor..end] {
                        ctx.move_to(sx(xs[a]), sy(ys[a]));
                        ctx.line_to(sx(xs[b]), sy(ys[b]));
                    }
                    edge_cursor.set_value(if end < total { end } else { 0 });
                    more = end < total;
                }
                ctx.stroke();
                draw_nodes(&ctx, g, xs, ys, &v, w, h, &colours, selected.get_untracked());
            });
        });
        more
    };
    // Ticks until the budget for this frame is spent, draws, and asks for another frame until
    // the layout has settled.
    let request_frames = {
        let alive = alive.clone();
        let running = running.clone();
        move || {
            if running.swap(true, Ordering::Relaxed) {
                return;
            }
            fn frame(
                sim: StoredValue<Simulation, LocalStorage>,
                draw: impl Fn(bool) -> bool + Clone + 'static,
                alive: Arc<AtomicBool>,
                running: Arc<AtomicBool>,
            ) {
                request_animation_frame(move || {
                    if !alive.load(Ordering::Relaxed) {
                        return;
                    }
                    let clock = window().performance();
                    let start = clock.as_ref().map_or(0.0, |p| p.now());
                    let settled = sim
                        .try_update_value(|s| {
                            while !s.is_settled() {
                                s.tick();
                                if clock.as_ref().map_or(FRAME_BUDGET_MS, |p| p.now() - start) >= FRAME_BUDGET_MS {
                                    break;
                                }
                            }
                            s.is_settled()
                        })
                        .unwrap_or(true);
                    let more_to_draw = draw(!settled);
                    if settled && !more_to_draw {
                        running.store(false, Ordering::Relaxed);
                    } else {
                        frame(sim, draw, alive, running);
                    }
                });
            }
            frame(sim, draw, alive.clone(), running.clone());
        }
    };
    request_frames();
    // A changed view restarts the drawing from the first edge.
    let redraw = {
        let request_frames = request_frames.clone();
        move || {
            edge_cursor.set_value(0);
            request_frames();
        }
    };

    let to_world = move |px: f64, py: f64| view.get_value().map(|v| ((px - v.tx) / v.scale, (py - v.ty) / v.scale));
    let open = move |i: usize| {
        let url = graph.with_value(|g| g.nodes[i].in_collection.then(|| app_url(&format!("/{}", g.nodes[i].id))));
        if let Some(url) = url {
            navigate.with_value(|nav| {
                nav(
                    &url,
                    NavigateOptions {
                        resolve: false,
                        ..Default::default()
                    },
                )
            });
        }
    };
    let wheel = {
        let redraw = redraw.clone();
        move |ev: web_sys::WheelEvent| {
            ev.prevent_default();
            let (px, py) = (ev.offset_x() as f64, ev.offset_y() as f64);
            view.update_value(|v| {
                if let Some(v) = v {
                    let scale = (v.scale * (-ev.delta_y() * 0.002).exp()).clamp(0.02, 40.0);
                    let k = scale / v.scale;
                    *v = View {
                        scale,
                        tx: px - (px - v.tx) * k,
                        ty: py - (py - v.ty) * k,
                    };
                }
            });
            redraw();
        }
    };
    let pointer_down = move |ev: web_sys::PointerEvent| {
        if let Some(c) = canvas_ref.get_untracked() {
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        drag.set_value(Some(((ev.offset_x() as f64, ev.offset_y() as f64), false)));
    };
    let pointer_move = {
        let redraw = redraw.clone();
        move |ev: web_sys::PointerEvent| {
            let Some(((x0, y0), moved)) = drag.get_value() else { return };
            let (x, y) = (ev.offset_x() as f64, ev.offset_y() as f64);
            if moved || (x - x0).abs() + (y - y0).abs() > 3.0 {
                view.update_value(|v| {
                    if let Some(v) = v {
                        v.tx += x - x0;
                        v.ty += y - y0;
                    }
                });
                drag.set_value(Some(((x, y), true)));
                redraw();
            }
        }
    };
    let pointer_up = move |ev: web_sys::PointerEvent| {
        let Some((_, moved)) = drag.get_value() else { return };
        drag.set_value(None);
        if moved {
            return;
        }
        let Some((wx, wy)) = to_world(ev.offset_x() as f64, ev.offset_y() as f64) else {
            return;
        };
        let scale = view.get_value().map_or(1.0, |v| v.scale);
        let hit = sim.with_value(|s| s.find(wx, wy, Some(12.0 / scale)));
        if let Some(i) = hit {
            open(i);
        }
    };
    let search = {
        let redraw = redraw.clone();
        move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            let q = query.get_untracked().trim().to_lowercase();
            if q.is_empty() {
                return;
            }
            let found = graph.with_value(|g| {
                g.nodes
                    .iter()
                    .position(|n| n.label.to_lowercase().contains(&q) || n.slug.contains(&q))
            });
            match found {
                Some(i) if selected.get_untracked() == Some(i) => open(i),
                Some(i) => {
                    selected.set(Some(i));
                    let (x, y) = sim.with_value(|s| (s.x()[i], s.y()[i]));
                    if let Some(canvas) = canvas_ref.get_untracked() {
                        let (w, h) = (canvas.client_width() as f64, canvas.client_height() as f64);
                        view.set_value(Some(View {
                            scale: LABEL_ZOOM * 1.5,
                            tx: w / 2.0 - x * LABEL_ZOOM * 1.5,
                            ty: h / 2.0 - y * LABEL_ZOOM * 1.5,
                        }));
                    }
                    let label = graph.with_value(|g| g.nodes[i].label.clone());
                    status.set(match ui {
                        Ui::Zh => format!("找到：{label}。再按回车打开。"),
                        Ui::En => format!("Found: {label}. Press Enter again to open it."),
                    });
                    redraw();
                }
                None => status.set(match ui {
                    Ui::Zh => "没有匹配的节点。".to_string(),
                    Ui::En => "No node matches.".to_string(),
                }),
            }
        }
    };
    let (search_label, description) = match ui {
        Ui::Zh => (
            "搜索节点",
            format!("整个合集的关系图：{node_count} 个节点，{edge_count} 条边。用搜索框查找并打开节点。"),
        ),
        Ui::En => (
            "Find a node",
            format!("The whole collection's graph: {node_count} nodes, {edge_count} edges. Use the search box to find and open a node."),
        ),
    };
    view! {
        <form class="graph-search" role="search" on:submit=search>
            <label for="graph-search-input">{search_label}</label>
            <input id="graph-search-input" type="search" autocomplete="off"
                prop:value=move || query.get() on:input=move |ev| { query.set(event_target_value(&ev)); selected.set(None); }/>
            <button type="submit">{search_label}</button>
            <span class="graph-search-status" role="status">{move || status.get()}</span>
        </form>
        <canvas class="graph-canvas" node_ref=canvas_ref role="img" aria-label=description
            data-nodes=node_count
            on:wheel=wheel on:pointerdown=pointer_down on:pointermove=pointer_move on:pointerup=pointer_up></canvas>
    }
}

/// Nodes in one path per style (a fill or stroke per node would cost a draw call each), then
/// labels when zoomed in, then the searched node's ring.
#[allow(clippy::too_many_arguments)]
fn draw_nodes(
    ctx: &CanvasRenderingContext2d,
    g: &LocalGraph,
    xs: &[f64],
    ys: &[f64],
    v: &View,
    w: f64,
    h: f64,
    colours: &Colours,
    selected: Option<usize>,
) {
    let r = (NODE_RADIUS * v.scale.sqrt()).clamp(1.5, 8.0);
    let on_screen = |i: usize| {
        let (x, y) = (xs[i] * v.scale + v.tx, ys[i] * v.scale + v.ty);
        (x > -20.0 && y > -20.0 && x < w + 20.0 && y < h + 20.0).then_some((x, y))
    };
    for (kind, in_collection) in [(NodeKind::Entity, true), (NodeKind::Event, true), (NodeKind::Event, false)] {
        ctx.begin_path();
        for (i, node) in g.nodes.iter().enumerate() {
            if node.kind != kind || (kind == NodeKind::Event && node.in_collection != in_collection) {
                continue;
            }
            let Some((x, y)) = on_screen(i) else { continue };
            if kind == NodeKind::Entity {
                ctx.rect(x - r, y - r, 2.0 * r, 2.0 * r);
            } else {
                ctx.move_to(x + r, y);
                let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
            }
        }
        match (kind, in_collection) {
            (NodeKind::Entity, _) => {
                ctx.set_fill_style_str(&colours.entity);
                ctx.fill();
            }
            (NodeKind::Event, true) => {
                ctx.set_fill_style_str(&colours.event);
                ctx.fill();
            }
            (NodeKind::Event, false) => {
                ctx.set_stroke_style_str(&colours.muted);
                ctx.set_line_width(1.0);
                ctx.stroke();
            }
        }
    }
    if v.scale >= LABEL_ZOOM {
        ctx.set_fill_style_str(&colours.text);
        ctx.set_font("11px sans-serif");
        for (i, node) in g.nodes.iter().enumerate() {
            if let Some((x, y)) = on_screen(i) {
                let _ = ctx.fill_text(&node.label, x + r + 2.0, y + 4.0);
            }
        }
    }
    if let Some((i, (x, y))) = selected.and_then(|i| Some((i, on_screen(i)?))) {
        ctx.set_stroke_style_str(&colours.focus);
        ctx.set_line_width(3.0);
        ctx.begin_path();
        let _ = ctx.arc(x, y, r + 6.0, 0.0, std::f64::consts::TAU);
        ctx.stroke();
        ctx.set_fill_style_str(&colours.text);
        ctx.set_font("bold 13px sans-serif");
        let _ = ctx.fill_text(&g.nodes[i].label, x + r + 8.0, y + 4.0);
    }
}

/// A view that shows every node with a margin.
fn fit_view(xs: &[f64], ys: &[f64], w: f64, h: f64) -> View {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for (&x, &y) in xs.iter().zip(ys) {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    if !x0.is_finite() {
        return View {
            scale: 1.0,
            tx: w / 2.0,
            ty: h / 2.0,
        };
    }
    let scale = ((w - 40.0) / (x1 - x0).max(1.0)).min((h - 40.0) / (y1 - y0).max(1.0)).min(4.0);
    View {
        scale,
        tx: w / 2.0 - (x0 + x1) / 2.0 * scale,
        ty: h / 2.0 - (y0 + y1) / 2.0 * scale,
    }
}

/// The theme's colours, read from the CSS tokens so the canvas follows light and dark.
struct Colours {
    text: String,
    muted: String,
    edge: String,
    event: String,
    entity: String,
    focus: String,
}

impl Colours {
    fn of(el: &web_sys::Element) -> Colours {
        let style = window().get_computed_style(el).ok().flatten();
        let token = |name: &str, fallback: &str| {
            style
                .as_ref()
                .and_then(|s| s.get_property_value(name).ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| fallback.to_string())
        };
        Colours {
            text: token("--text", "#1d1d1f"),
            muted: token("--muted", "#55555c"),
            edge: token("--line", "#dedbd3"),
            event: token("--accent", "#0b57a4"),
            entity: "#E69F00".to_string(),
            focus: token("--focus", "#c2410c"),
        }
    }
}
