//! Fetching: the layout, with progress shown as the bytes arrive, then the first picture; and
//! label chunks, each on first need. Big steps are separated by a yield to the event loop, so
//! that no single task runs long enough to freeze the page (the budget is 200 ms on a slow
//! machine at 100,000 events).
//!
//! Not here: decoding (that is `eventlens_graph::explore`, shared with the writer) or drawing.

use std::cell::Cell;
use std::rc::Rc;

use eventlens_graph::explore::{decode_labels, decode_layout, label_file, LAYOUT_FILE};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, ReadableStreamDefaultReader, Response};

use crate::page::{self, element, window, Shared};
use crate::raster::Raster;
use crate::scene::Scene;
use crate::strings::Strings;

/// Label chunks fetched at once when a search needs all of them.
const PARALLEL_CHUNKS: usize = 4;

/// A JavaScript error as text: its message, or what it prints as.
pub fn describe(error: &JsValue) -> String {
    Reflect::get(error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}

/// Lets the browser run other tasks (input, painting) before continuing.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

/// The body of `url`, reporting (bytes so far, total if the server gave one) as it arrives.
pub async fn fetch_bytes(url: &str, progress: &dyn Fn(usize, Option<usize>)) -> Result<Vec<u8>, String> {
    let response: Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|e| format!("{url}: {}", describe(&e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let total = response.headers().get("content-length").ok().flatten().and_then(|v| v.parse::<usize>().ok());
    let Some(body) = response.body() else { return Ok(Vec::new()) };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut out = Vec::with_capacity(total.unwrap_or(0));
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| format!("{url}: {}", describe(&e)))?;
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into()).map_err(|e| describe(&e))?.unchecked_into();
        let start = out.len();
        out.resize(start + value.length() as usize, 0);
        value.copy_to(&mut out[start..]);
        // A compressed response's length is the compressed size: past it, show bytes alone.
        progress(out.len(), total.filter(|&t| t >= out.len()));
    }
    Ok(out)
}

/// The whole start: progress, the layout, the first picture, then the listeners.
pub async fn run(root: Element) {
    // The page's own content of #explore (a way to the page for readers without the module) gives
    // way to the explorer.
    root.replace_children_with_node_0();
    let lang = root.get_attribute("data-lang").unwrap_or_default();
    let strings = Strings::for_lang(&lang);
    let base = root.get_attribute("data-base").unwrap_or_default().trim_end_matches('/').to_string();
    let mut src = root.get_attribute("data-src").unwrap_or_else(|| format!("{base}/data/graph/"));
    if !src.ends_with('/') {
        src.push('/');
    }
    let _ = root.set_attribute("data-state", "loading");
    let progress = element("p", "explore-progress", &strings.loading(0, None));
    let _ = progress.set_attribute("role", "status");
    let _ = root.append_child(&progress);
    match load_and_draw(&root, strings, base, src, &progress).await {
        Ok(app) => {
            progress.remove();
            crate::set_app(app);
        }
        Err(why) => {
            progress.set_text_content(Some(&strings.failed(&why)));
            let _ = progress.set_attribute("role", "alert");
            let _ = root.set_attribute("data-state", "error");
            let again = element("a", "", strings.reload);
            let _ = again.set_attribute("href", &window().location().href().unwrap_or_default());
            let _ = progress.append_with_str_1(" ");
            let _ = progress.append_child(&again);
        }
    }
}

async fn load_and_draw(
    root: &Element,
    strings: &'static Strings,
    base: String,
    src: String,
    progress: &Element,
) -> Result<Shared, String> {
    let show = |loaded: usize, total: Option<usize>| progress.set_text_content(Some(&strings.loading(loaded, total)));
    let bytes = fetch_bytes(&format!("{src}{LAYOUT_FILE}"), &show).await?;
    mark("explore:fetched");
    progress.set_text_content(Some(strings.drawing));
    yield_now().await;
    let layout = decode_layout(&bytes).map_err(|e| e.to_string())?;
    drop(bytes);
    mark("explore:decoded");
    let (hashes, per_chunk) = (layout.label_hashes.clone(), layout.labels_per_chunk as usize);
    yield_now().await;
    let scene = Scene::new(layout);
    mark("explore:indexed");
    yield_now().await;
    let mut raster = Raster::default();
    raster.prepare(scene.edges.len());
    yield_now().await;
    let app = page::mount(root, strings, (base, src), scene, raster, (hashes, per_chunk)).map_err(|e| describe(&e))?;
    crate::input::wire(&app).map_err(|e| describe(&e))?;
    app.borrow_mut().resize();
    mark("explore:mounted");
    yield_now().await;
    {
        let mut a = app.borrow_mut();
        a.frame();
        let (nodes, edges) = (a.scene.len(), a.scene.edges.len());
        let _ = a.ui.overlay.set_attribute("data-nodes", &nodes.to_string());
        let _ = a.ui.overlay.set_attribute("data-edges", &edges.to_string());
    }
    let _ = root.set_attribute("data-state", "drawn");
    mark("explore:drawn");
    Ok(app)
}

/// A performance mark, for the benchmark's breakdown of the start.
fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// Fetches label chunk `k` in the background (see [`fetch_label_chunk`]).
pub fn label_chunk(app: Shared, k: usize) {
    wasm_bindgen_futures::spawn_local(async move {
        fetch_label_chunk(&app, k).await;
    });
}

/// Makes sure label chunk `k` is loaded, waiting for a fetch already under way. False if it
/// could not be (the search status then says why).
pub async fn fetch_label_chunk(app: &Shared, k: usize) -> bool {
    let url = {
        let mut a = app.borrow_mut();
        if a.labels.is_loaded(k) {
            return true;
        }
        if a.chunks_loading[k] {
            None
        } else {
            a.chunks_loading[k] = true;
            let file = label_file(k, a.label_hashes[k]);
            Some((format!("{}{file}", a.src), file))
        }
    };
    let Some((url, file)) = url else {
        loop {
            sleep(30).await;
            let a = app.borrow();
            if a.labels.is_loaded(k) {
                return true;
            }
            if !a.chunks_loading[k] {
                return false;
            }
        }
    };
    let result = fetch_bytes(&url, &|_, _| {}).await.and_then(|bytes| {
        let a = app.borrow();
        let first = k * a.labels.per_chunk();
        let count = a.labels.per_chunk().min(a.scene.len().saturating_sub(first));
        decode_labels(&bytes, &file, first, count, a.label_hashes[k]).map_err(|e| e.to_string())
    });
    let ok = result.is_ok();
    {
        let mut a = app.borrow_mut();
        a.chunks_loading[k] = false;
        match result {
            Ok(chunk) => {
                a.labels.insert(k, chunk);
                a.overlay_dirty = true;
            }
            Err(why) => {
                let text = a.strings.failed(&why);
                a.ui.search_status.set_text_content(Some(&text));
            }
        }
    }
    if ok {
        crate::input::chunk_arrived(app, k);
    }
    page::after(app);
    ok
}

/// Loads every label chunk not yet loaded, a few at a time, for search.
pub fn all_label_chunks(app: &Shared) {
    let missing: Vec<usize> = {
        let a = app.borrow();
        (0..a.labels.chunk_count()).filter(|&k| !a.labels.is_loaded(k)).collect()
    };
    if missing.is_empty() {
        return;
    }
    let next = Rc::new(Cell::new(0usize));
    let missing = Rc::new(missing);
    for _ in 0..PARALLEL_CHUNKS {
        let (app, next, missing) = (app.clone(), next.clone(), missing.clone());
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let i = next.get();
                if i >= missing.len() {
                    break;
                }
                next.set(i + 1);
                fetch_label_chunk(&app, missing[i]).await;
            }
        });
    }
}
