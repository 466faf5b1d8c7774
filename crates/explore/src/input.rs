//! What the reader's input does, with the conventions of the site's other graph views: the
//! wheel, a pinch and the + / − buttons zoom (about the pointer, the fingers or the centre),
//! dragging the background pans, dragging a node moves it and its neighbourhood
//! ([`crate::reheat`]), hovering or focusing a node lights its neighbours, a click or Enter opens
//! it. On the keyboard, Tab reaches the picture, the arrow keys walk from node to neighbour in
//! the direction pressed, Enter opens, Escape lets go, + − 0 zoom. The search box finds nodes
//! by label as the reader types and Enter opens the best match; the matches are also listed
//! as plain links.
//!
//! Every listener is added here, from Rust: the page has no inline script or handler, so the
//! site's Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`) holds.

use eventlens_graph::viewport::{wheel_factor, Gesture};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, Event, EventTarget, KeyboardEvent, PointerEvent, WheelEvent};

use crate::labels::normalise;
use crate::load::all_label_chunks;
use crate::page::{after, element, open, App, Shared};
use crate::reheat::Reheat;

/// How many matches the search lists.
const MATCHES: usize = 8;

/// Adds `handler` for `kind` events on `target`; the app is redrawn after each.
fn listen<E: JsCast + 'static>(
    target: &EventTarget,
    kind: &str,
    app: &Shared,
    passive: bool,
    handler: fn(&Shared, E),
) -> Result<(), JsValue> {
    let app = app.clone();
    let closure = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        handler(&app, event.unchecked_into());
        after(&app);
    });
    let options = AddEventListenerOptions::new();
    options.set_passive(passive);
    target.add_event_listener_with_callback_and_add_event_listener_options(
        kind,
        closure.as_ref().unchecked_ref(),
        &options,
    )?;
    // The explorer lives as long as the page.
    closure.forget();
    Ok(())
}

pub fn wire(app: &Shared) -> Result<(), JsValue> {
    let (overlay, input, form, controls, stage) = {
        let a = app.borrow();
        let form = a.ui.input.closest("form")?.ok_or("the search box is in its form")?;
        let controls = a.ui.stage.query_selector(".graph-controls")?.ok_or("the zoom buttons are on the stage")?;
        (a.ui.overlay.clone(), a.ui.input.clone(), form, controls, a.ui.stage.clone())
    };
    listen(&overlay, "pointerdown", app, true, pointer_down)?;
    listen(&overlay, "pointermove", app, true, pointer_move)?;
    listen(&overlay, "pointerup", app, true, |app, e: PointerEvent| pointer_up(app, e, true))?;
    listen(&overlay, "pointercancel", app, true, |app, e: PointerEvent| pointer_up(app, e, false))?;
    listen(&overlay, "pointerleave", app, true, |app, _: PointerEvent| {
        let mut a = app.borrow_mut();
        if a.pointers.count() == 0 && a.hover.take().is_some() {
            a.overlay_dirty = true;
        }
    })?;
    listen(&overlay, "wheel", app, false, wheel)?;
    listen(&overlay, "keydown", app, false, key)?;
    listen(&overlay, "focus", app, true, |app, _: Event| {
        let mut a = app.borrow_mut();
        // A click focuses the canvas too; only keyboard focus starts the keyboard walk.
        if !a.ui.overlay.matches(":focus-visible").unwrap_or(true) {
            return;
        }
        a.focused = true;
        if a.focus.is_none() {
            a.focus = a.selected.or_else(|| a.scene.biggest_hub());
        }
        if let Some(n) = a.focus {
            announce(&mut a, n);
        }
        a.overlay_dirty = true;
    })?;
    listen(&overlay, "blur", app, true, |app, _: Event| {
        let mut a = app.borrow_mut();
        a.focused = false;
        a.overlay_dirty = true;
    })?;
    listen(&controls, "click", app, true, zoom_button)?;
    listen(&input, "input", app, true, |app, _: Event| search(app))?;
    listen(&form, "submit", app, false, submit)?;
    let resized = {
        let app = app.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Ok(mut a) = app.try_borrow_mut() {
                a.resize();
            }
            after(&app);
        })
    };
    web_sys::ResizeObserver::new(resized.as_ref().unchecked_ref())?.observe(&stage);
    resized.forget();
    Ok(())
}

fn pointer_down(app: &Shared, e: PointerEvent) {
    let mut a = app.borrow_mut();
    let _ = a.ui.overlay.set_pointer_capture(e.pointer_id());
    let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
    if a.pointers.down(e.pointer_id(), x, y) == Gesture::DragEnd {
        end_drag(&mut a);
    }
    a.pressed = if a.pointers.count() == 1 { a.node_at(x, y) } else { None };
}

fn pointer_move(app: &Shared, e: PointerEvent) {
    let mut a = app.borrow_mut();
    let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
    if a.pointers.count() == 0 {
        let hit = a.node_at(x, y);
        if hit != a.hover {
            a.hover = hit;
            a.overlay_dirty = true;
            let cursor = if hit.is_some_and(|n| a.scene.kinds[n].opens()) { "pointer" } else { "grab" };
            let _ = a.ui.overlay.style().set_property("cursor", cursor);
            if let Some(n) = hit {
                a.want_label(n);
            }
        }
        return;
    }
    match a.pointers.moved(e.pointer_id(), x, y) {
        Gesture::DragStart { from, at } => match a.pressed {
            Some(node) => start_drag(&mut a, node, from, at),
            None => pan(&mut a, at.0 - from.0, at.1 - from.1),
        },
        Gesture::Drag { dx, dy, at } => {
            if a.reheat.as_ref().is_some_and(Reheat::is_held) {
                hold(&mut a, at);
            } else if a.pressed.is_none() {
                pan(&mut a, dx, dy);
            }
        }
        Gesture::Pinch { before, after } => {
            end_drag(&mut a);
            a.view.pinch(before, after);
            a.moved_view = true;
            a.base_dirty = true;
            a.overlay_dirty = true;
        }
        _ => {}
    }
}

fn pointer_up(app: &Shared, e: PointerEvent, may_click: bool) {
    let opened = {
        let mut a = app.borrow_mut();
        let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
        let pressed = a.pressed.take();
        match a.pointers.up(e.pointer_id(), x, y) {
            Gesture::Click { at } if may_click => match pressed {
                Some(node) if a.node_at(at.0, at.1) == Some(node) => Some(node),
                _ => None,
            },
            Gesture::DragEnd => {
                end_drag(&mut a);
                None
            }
            _ => None,
        }
    };
    if let Some(node) = opened {
        open(app, node);
    }
}

fn start_drag(a: &mut App, node: usize, from: (f64, f64), at: (f64, f64)) {
    if let Some(mut previous) = a.reheat.take() {
        previous.settle(&mut a.scene);
        a.scene.reindex();
    }
    let (px, py) = a.view.to_layout(from.0, from.1);
    a.grab = (f64::from(a.scene.x[node]) - px, f64::from(a.scene.y[node]) - py);
    a.reheat = Some(Reheat::start(&a.scene, node));
    let _ = a.ui.overlay.set_attribute("data-moving", "1");
    let _ = a.ui.overlay.style().set_property("cursor", "grabbing");
    a.hover = None;
    a.base_dirty = true;
    hold(a, at);
}

fn hold(a: &mut App, at: (f64, f64)) {
    let (x, y) = a.view.to_layout(at.0, at.1);
    let (gx, gy) = a.grab;
    if let Some(drag) = &mut a.reheat {
        drag.hold(x + gx, y + gy);
    }
}

/// Lets go of a held node: it settles over the next frames, or at once when the reader asked
/// for reduced motion.
fn end_drag(a: &mut App) {
    let reduced = a.reduced_motion;
    if let Some(drag) = &mut a.reheat {
        if drag.is_held() {
            drag.release();
            if reduced {
                drag.settle(&mut a.scene);
            }
        }
    }
    let _ = a.ui.overlay.style().set_property("cursor", "grab");
}

fn pan(a: &mut App, dx: f64, dy: f64) {
    a.view.pan(dx, dy);
    a.moved_view = true;
    a.base_dirty = true;
    a.overlay_dirty = true;
}

fn zoom(a: &mut App, factor: f64, at: (f64, f64)) {
    a.view.zoom_at(factor, at);
    a.moved_view = true;
    a.base_dirty = true;
    a.overlay_dirty = true;
}

fn wheel(app: &Shared, e: WheelEvent) {
    e.prevent_default();
    let mut a = app.borrow_mut();
    let factor = wheel_factor(e.delta_y(), e.delta_mode(), e.ctrl_key());
    zoom(&mut a, factor, (f64::from(e.offset_x()), f64::from(e.offset_y())));
}

fn zoom_button(app: &Shared, e: Event) {
    let Some(button) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Some(action) = button.closest("[data-zoom]").ok().flatten().and_then(|b| b.get_attribute("data-zoom")) else {
        return;
    };
    let mut a = app.borrow_mut();
    let centre = (a.size.0 / 2.0, a.size.1 / 2.0);
    match action.as_str() {
        "in" => zoom(&mut a, 1.5, centre),
        "out" => zoom(&mut a, 1.0 / 1.5, centre),
        _ => {
            a.view = a.fit;
            a.moved_view = false;
            a.base_dirty = true;
            a.overlay_dirty = true;
        }
    }
}

fn key(app: &Shared, e: KeyboardEvent) {
    let direction = match e.key().as_str() {
        "ArrowRight" => Some((1.0, 0.0)),
        "ArrowLeft" => Some((-1.0, 0.0)),
        "ArrowDown" => Some((0.0, 1.0)),
        "ArrowUp" => Some((0.0, -1.0)),
        _ => None,
    };
    let mut a = app.borrow_mut();
    let centre = (a.size.0 / 2.0, a.size.1 / 2.0);
    match (e.key().as_str(), direction) {
        (_, Some((dx, dy))) => {
            e.prevent_default();
            a.focused = true;
            let Some(from) = a.focus.or_else(|| a.scene.biggest_hub()) else { return };
            let next = if a.focus.is_some() { a.scene.neighbour_towards(from, dx, dy) } else { Some(from) };
            if let Some(n) = next {
                a.focus = Some(n);
                keep_in_view(&mut a, n);
                announce(&mut a, n);
                a.overlay_dirty = true;
            }
        }
        ("Enter" | " ", _) => {
            e.prevent_default();
            if let Some(n) = a.focus {
                drop(a);
                open(app, n);
            }
        }
        ("Escape", _) => {
            a.focus = None;
            a.hover = None;
            a.overlay_dirty = true;
        }
        ("+" | "=", _) => zoom(&mut a, 1.5, centre),
        ("-", _) => zoom(&mut a, 1.0 / 1.5, centre),
        ("0", _) => {
            a.view = a.fit;
            a.moved_view = false;
            a.base_dirty = true;
            a.overlay_dirty = true;
        }
        _ => {}
    }
}

/// Pans `node` to the centre if it is off screen or too close to an edge.
fn keep_in_view(a: &mut App, node: usize) {
    let (x, y) = a.screen_of(node);
    let margin = 40.0;
    if x < margin || y < margin || x > a.size.0 - margin || y > a.size.1 - margin {
        let (lx, ly) = (f64::from(a.scene.x[node]), f64::from(a.scene.y[node]));
        let scale = a.view.scale;
        a.view.centre_on(lx, ly, scale, (a.size.0 / 2.0, a.size.1 / 2.0));
        a.moved_view = true;
        a.base_dirty = true;
    }
}

/// Says which node the keyboard walk is on, once its label is here.
fn announce(a: &mut App, node: usize) {
    let Some(label) = a.labels.label(node).map(str::to_string) else {
        a.announce_pending = Some(node);
        a.want_label(node);
        return;
    };
    let kind = a.scene.kinds[node];
    let text = a.strings.focused(&label, a.strings.kind(kind), a.scene.degree(node), kind.opens());
    a.ui.announce.set_text_content(Some(&text));
    a.announce_pending = None;
}

/// The search box changed: search what is loaded now, and load the rest.
fn search(app: &Shared) {
    let load_all = {
        let mut a = app.borrow_mut();
        a.query = normalise(&a.ui.input.value());
        a.open_when_loaded = false;
        a.hits = if a.query.is_empty() { Vec::new() } else { a.labels.search(&a.query, MATCHES) };
        show_hits(&mut a);
        !a.query.is_empty()
    };
    if load_all {
        all_label_chunks(app);
    }
}

fn submit(app: &Shared, e: Event) {
    e.prevent_default();
    let best = {
        let mut a = app.borrow_mut();
        if a.query != normalise(&a.ui.input.value()) {
            drop(a);
            search(app);
            a = app.borrow_mut();
        }
        let all = a.labels.loaded_count() == a.labels.chunk_count();
        match a.hits.first() {
            _ if a.query.is_empty() => None,
            Some(hit) if all || hit.rank == 0 => Some(hit.node as usize),
            _ if !all => {
                a.open_when_loaded = true;
                None
            }
            _ => {
                let text = a.strings.no_match;
                a.ui.search_status.set_text_content(Some(text));
                None
            }
        }
    };
    if let Some(node) = best {
        open(app, node);
    }
}

/// A label chunk arrived: add its matches, say what the keyboard walk is on, and open the best
/// match if Enter was pressed while names were loading.
pub fn chunk_arrived(app: &Shared, k: usize) {
    let open_now = {
        let mut a = app.borrow_mut();
        if !a.query.is_empty() {
            let (query, mut hits) = (a.query.clone(), std::mem::take(&mut a.hits));
            a.labels.search_chunk(k, &query, MATCHES, &mut hits);
            a.hits = hits;
            show_hits(&mut a);
        }
        if let Some(n) = a.announce_pending.filter(|&n| a.labels.chunk_of(n) == k) {
            announce(&mut a, n);
        }
        let all = a.labels.loaded_count() == a.labels.chunk_count();
        if a.open_when_loaded && all {
            a.open_when_loaded = false;
            if a.hits.is_empty() {
                let text = a.strings.no_match;
                a.ui.search_status.set_text_content(Some(text));
            }
            a.hits.first().map(|h| h.node as usize)
        } else {
            None
        }
    };
    if let Some(node) = open_now {
        open(app, node);
    }
}

/// Lists the matches as links, says how the search stands, and rings and centres the best.
fn show_hits(a: &mut App) {
    a.ui.results.set_text_content(None);
    for hit in &a.hits {
        let node = hit.node as usize;
        let (Some(label), Some(id)) = (a.labels.label(node), a.labels.id(node)) else { continue };
        let kind = a.scene.kinds[node];
        let item = element("li", "", "");
        if kind.opens() {
            let link = element("a", "", label);
            let _ = link.set_attribute("href", &format!("{}/{}", a.base, id));
            let _ = item.append_child(&link);
        } else {
            let _ = item.append_with_str_1(label);
        }
        let _ = item.append_with_str_1(&format!(" ({})", a.strings.kind(kind)));
        let _ = a.ui.results.append_child(&item);
    }
    let (loaded, total) = (a.labels.loaded_count(), a.labels.chunk_count());
    let mut status = String::new();
    if !a.query.is_empty() && loaded < total {
        status = a.strings.loading_names(loaded, total);
    }
    if let Some(best) = a.hits.first().and_then(|h| a.labels.label(h.node as usize)) {
        let found = a.strings.found(a.hits.len(), a.hits.len() == MATCHES, best);
        status = if status.is_empty() { found } else { format!("{status} · {found}") };
    } else if !a.query.is_empty() && loaded == total {
        status = a.strings.no_match.to_string();
    }
    a.ui.search_status.set_text_content(Some(&status));
    let best = a.hits.first().map(|h| h.node as usize);
    if best != a.selected {
        a.selected = best;
        if let Some(n) = best {
            let (x, y) = (f64::from(a.scene.x[n]), f64::from(a.scene.y[n]));
            let scale = a.view.scale.max(a.fit.scale * 24.0);
            a.view.centre_on(x, y, scale, (a.size.0 / 2.0, a.size.1 / 2.0));
            a.moved_view = true;
            a.base_dirty = true;
        }
        a.overlay_dirty = true;
    }
}
