//! Pointer and keyboard input on the local graph: what a press, a drag, a pinch, a wheel turn or
//! a key does to the view, to the layout, and to where the reader is.

use eventlens_graph::towards;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use super::viewport::{client_to_view_box, pinch_factor, wheel_factor};
use super::GraphState;
use crate::site_url::app_url;

/// Movement, in CSS pixels, that turns a press into a drag.
const DRAG_THRESHOLD: f64 = 3.0;

/// The router's navigate function, kept so a node's click can open its page.
type Navigate = Box<dyn Fn(&str, NavigateOptions) + Send + Sync>;

/// A press in progress: on a node or on the background, where it began and was last seen.
#[derive(Clone, Copy)]
struct Press {
    node: Option<usize>,
    start: (f64, f64),
    last: (f64, f64),
    moved: bool,
}

/// The input handlers of one graph. Copy: every field is an arena handle.
#[derive(Clone, Copy)]
pub(super) struct Interaction {
    state: GraphState,
    pub svg: NodeRef<leptos::svg::Svg>,
    pub wrapper: NodeRef<leptos::html::Div>,
    press: StoredValue<Option<Press>>,
    /// Pointers down, with their last positions: two make a pinch.
    pointers: StoredValue<Vec<(i32, f64, f64)>>,
    navigate: StoredValue<Navigate>,
}

fn client(ev: &web_sys::PointerEvent) -> (f64, f64) {
    (f64::from(ev.client_x()), f64::from(ev.client_y()))
}

impl Interaction {
    pub fn new(state: GraphState) -> Interaction {
        Interaction {
            state,
            svg: NodeRef::new(),
            wrapper: NodeRef::new(),
            press: StoredValue::new(None),
            pointers: StoredValue::new(Vec::new()),
            navigate: StoredValue::new(Box::new(use_navigate())),
        }
    }

    /// Opens node `i`'s page, if it is in the collection.
    fn open(self, i: usize) {
        let path = self.state.graph.with_value(|g| {
            let node = &g.nodes[i];
            node.in_collection.then(|| app_url(&format!("/{}", node.id)))
        });
        if let Some(url) = path {
            self.navigate.with_value(|nav| nav(&url, NavigateOptions { resolve: false, ..Default::default() }));
        }
    }

    /// A client position in layout units, undoing the viewBox fit and the zoom.
    fn to_layout(self, at: (f64, f64)) -> Option<(f64, f64)> {
        let svg: web_sys::Element = self.svg.get_untracked()?.unchecked_into();
        let r = svg.get_bounding_client_rect();
        let (vx, vy, vw, vh) = self.state.graph.with_value(|g| g.view_box);
        let view_box = (f64::from(vx), f64::from(vy), f64::from(vw), f64::from(vh));
        let p = client_to_view_box(at, (r.left(), r.top(), r.width(), r.height()), view_box);
        Some(self.state.view.get_untracked().to_layout(p))
    }

    pub fn down(self, ev: web_sys::PointerEvent, node: Option<usize>) {
        ev.stop_propagation();
        if let Some(svg) = self.svg.get_untracked() {
            let _ = svg.unchecked_ref::<web_sys::Element>().set_pointer_capture(ev.pointer_id());
        }
        let at = client(&ev);
        self.pointers.update_value(|p| p.push((ev.pointer_id(), at.0, at.1)));
        self.press.set_value(Some(Press { node, start: at, last: at, moved: false }));
    }

    pub fn moved(self, ev: web_sys::PointerEvent) {
        let at = client(&ev);
        if self.pointers.with_value(Vec::len) == 2 {
            self.pinch(ev.pointer_id(), at);
            return;
        }
        let Some(mut press) = self.press.get_value() else { return };
        let (dx, dy) = (at.0 - press.start.0, at.1 - press.start.1);
        press.moved |= (dx * dx + dy * dy).sqrt() > DRAG_THRESHOLD;
        if press.moved {
            match press.node {
                Some(i) => {
                    if let Some((x, y)) = self.to_layout(at) {
                        self.state.hold(i, x, y);
                    }
                }
                None => {
                    if let (Some(from), Some(to)) = (self.to_layout(press.last), self.to_layout(at)) {
                        self.state.view.update(|v| *v = v.panned(from, to));
                    }
                }
            }
        }
        press.last = at;
        self.press.set_value(Some(press));
    }

    fn pinch(self, pointer: i32, at: (f64, f64)) {
        let fingers = |p: &Vec<(i32, f64, f64)>| [(p[0].1, p[0].2), (p[1].1, p[1].2)];
        let before = self.pointers.with_value(fingers);
        self.pointers.update_value(|p| {
            if let Some(f) = p.iter_mut().find(|f| f.0 == pointer) {
                (f.1, f.2) = at;
            }
        });
        let after = self.pointers.with_value(fingers);
        let mid = ((after[0].0 + after[1].0) / 2.0, (after[0].1 + after[1].1) / 2.0);
        if let Some(around) = self.to_layout(mid) {
            self.state.view.update(|v| *v = v.zoomed_at(pinch_factor(before, after), around));
        }
        self.press.set_value(None);
    }

    pub fn up(self, ev: web_sys::PointerEvent) {
        self.pointers.update_value(|p| p.retain(|f| f.0 != ev.pointer_id()));
        let Some(press) = self.press.get_value() else { return };
        self.press.set_value(None);
        match (press.node, press.moved) {
            (Some(i), false) => self.open(i),
            (Some(i), true) => self.state.release(i),
            _ => {}
        }
    }

    pub fn wheel(self, ev: web_sys::WheelEvent) {
        ev.prevent_default();
        if let Some(around) = self.to_layout((f64::from(ev.client_x()), f64::from(ev.client_y()))) {
            self.state.view.update(|v| *v = v.zoomed_at(wheel_factor(ev.delta_y()), around));
        }
    }

    pub fn key(self, ev: web_sys::KeyboardEvent, i: usize) {
        let direction = match ev.key().as_str() {
            "ArrowRight" => (1.0, 0.0),
            "ArrowLeft" => (-1.0, 0.0),
            "ArrowDown" => (0.0, 1.0),
            "ArrowUp" => (0.0, -1.0),
            "Enter" | " " => {
                ev.prevent_default();
                return self.open(i);
            }
            "Escape" => {
                if let Some(w) = self.wrapper.get_untracked() {
                    let _ = w.focus();
                }
                return self.state.lit.set(None);
            }
            _ => return,
        };
        ev.prevent_default();
        let state = self.state;
        let next = state.positions.with_untracked(|(xs, ys)| {
            state.neighbours.with_value(|n| towards(&n[i], xs, ys, i, direction.0, direction.1))
        });
        if let Some(j) = next {
            state.active.set(j);
            if let Some(el) = document().get_element_by_id(&format!("graph-node-{j}")) {
                let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        }
    }
}
