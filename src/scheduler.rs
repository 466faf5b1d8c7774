//! Drawing too big for one task, done a piece at a time: one queue for the whole page, whose
//! jobs each draw a small piece, run in turn for a slice of a task ([`SLICE_MS`]), and then yield
//! to the browser (a zero-delay timer) for input and paint. Opening 200 lenses at once thus
//! queues 200 jobs that draw 5,000 takes a slice at a time, never one task that draws them all.
//!
//! A job only changes signals; Leptos draws what they change in microtasks. So after each piece
//! the runner awaits a microtask turn before reading the clock, and the slice counts the drawing.
//!
//! Written by hand: it is a queue over `setTimeout`, and the browser's `scheduler.postTask` is
//! not in every browser. Not here: what a piece is (its owner decides), and nothing natively
//! ([`is_piecemeal`]): the site builder renders whole pages at once.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use wasm_bindgen::JsValue;

/// A job draws one piece per call and says whether it has more to draw.
type Job = Box<dyn FnMut() -> bool>;

thread_local! {
    static QUEUE: RefCell<VecDeque<Job>> = RefCell::default();
    static IDLE: RefCell<Vec<Box<dyn FnOnce()>>> = RefCell::default();
    static WOKEN: Cell<bool> = const { Cell::new(false) };
}

/// Whether drawing is split into pieces: in the browser, not when a page is rendered natively
/// (there is no event loop to yield to, and the saved page must hold everything it shows).
pub fn is_piecemeal() -> bool {
    !cfg!(feature = "ssr")
}

/// Queues `job`, called once per task until it returns false. A job that has more to draw
/// keeps its place at the head of the queue, so what was asked for first (the top lens) fills
/// in first.
pub fn schedule(job: impl FnMut() -> bool + 'static) {
    QUEUE.with_borrow_mut(|q| q.push_back(Box::new(job)));
    wake();
}

/// Calls `then` in a later task, once the queue is empty.
pub fn when_idle(then: impl FnOnce() + 'static) {
    IDLE.with_borrow_mut(|w| w.push(Box::new(then)));
    wake();
}

/// Time a task spends on pieces before it yields: well under the 50 ms a browser calls a long
/// task, leaving room for the layout and paint that follow.
const SLICE_MS: f64 = 25.0;

fn wake() {
    if WOKEN.replace(true) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        next_task().await;
        run().await;
    });
}

/// One task's work: pieces of the first job until the slice is spent, or, with the queue empty,
/// everyone waiting for that.
async fn run() {
    let clock = web_sys::window().and_then(|w| w.performance());
    let now = move || clock.as_ref().map_or(0.0, web_sys::Performance::now);
    let start = now();
    while let Some(mut job) = QUEUE.with_borrow_mut(VecDeque::pop_front) {
        if job() {
            QUEUE.with_borrow_mut(|q| q.push_front(job));
        }
        // The drawing the piece asked for happens in the microtasks queued before this turn.
        microtask().await;
        if now() - start > SLICE_MS {
            break;
        }
    }
    if QUEUE.with_borrow(VecDeque::is_empty) {
        for then in IDLE.take() {
            then();
        }
    }
    WOKEN.set(false);
    if QUEUE.with_borrow(|q| !q.is_empty()) || IDLE.with_borrow(|w| !w.is_empty()) {
        wake();
    }
}

/// Resolves in a later task (a zero-delay timer).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves after the microtasks queued so far.
async fn microtask() {
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL)).await;
}
