//! The explorer on the page: the elements it adds inside the `#explore` element, its state,
//! and the frame clock that draws it.
//!
//! Two canvases are stacked. The lower one holds the whole graph, drawn in wasm
//! ([`crate::raster`]) and redrawn only when the view changes or a drag ends. The upper one
//! is cheap to redraw on every frame: the nodes a drag is moving, the hovered or focused node
//! with its neighbours lit, labels, and the search match. Work is done on animation frames,
//! at most one pending at a time, so a burst of pointer events costs one drawing.
//!
//! Not here: what each input does ([`crate::input`]) or fetching ([`crate::load`]).

use std::cell::RefCell;
use std::rc::Rc;

use eventlens_graph::explore::ExploreKind;
use eventlens_graph::viewport::Viewport;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, Document, Element, HtmlCanvasElement, HtmlElement, HtmlInputElement, Window};

use crate::colour;
use crate::labels::{Hit, Labels};
use crate::raster::{hub_size, Palette, Raster};
use crate::reheat::Reheat;
use crate::scene::Scene;
use crate::strings::Strings;

pub type Shared = Rc<RefCell<App>>;

/// How far out and in the reader may zoom, relative to the whole graph fitted to the canvas.
const ZOOM_OUT: f64 = 2.0;
const ZOOM_IN: f64 = 400.0;
/// Labels are drawn for every node on screen once no more than this many are.
const LABELS_ON_SCREEN: usize = 250;
/// A hovered hub lights at most this many of its edges (all of them are in the summary).
const LIT_EDGES: usize = 4000;
/// Time per frame for inking edges; drawing the nodes and the overlay comes on top. A whole
/// picture at 100,000 events takes a second or two of such slices, each shown as it is done.
const EDGE_SLICE_MS: f64 = 20.0;

/// The elements the explorer draws into and updates.
pub struct Ui {
    pub stage: HtmlElement,
    pub base: HtmlCanvasElement,
    base_ctx: CanvasRenderingContext2d,
    pub overlay: HtmlCanvasElement,
    overlay_ctx: CanvasRenderingContext2d,
    pub input: HtmlInputElement,
    pub search_status: Element,
    pub results: Element,
    pub announce: Element,
}

/// Theme colours: RGB for the pixel buffer, CSS strings for the canvas API.
pub struct Colours {
    pub palette: Palette,
    pub text: String,
    pub background: String,
    pub accent: String,
    pub focus: String,
    pub edge: String,
    pub entity: String,
    pub font: String,
}

pub struct App {
    pub strings: &'static Strings,
    /// The site's path prefix without a trailing slash: "" or "/sub".
    pub base: String,
    /// The explore folder's URL, with a trailing slash.
    pub src: String,
    pub ui: Ui,
    pub scene: Scene,
    pub labels: Labels,
    pub label_hashes: Vec<u64>,
    pub chunks_loading: Vec<bool>,
    /// Chunks asked for while drawing or handling input, fetched after.
    pub wanted: Vec<usize>,
    raster: Raster,
    pub view: Viewport,
    pub fit: Viewport,
    /// The canvas's size in CSS pixels, and device pixels per CSS pixel.
    pub size: (f64, f64),
    pub ratio: f64,
    /// Whether the reader has zoomed or panned (a resize then keeps their view).
    pub moved_view: bool,
    pub pointers: eventlens_graph::viewport::Pointers,
    /// The node under the pointer when it went down.
    pub pressed: Option<usize>,
    pub hover: Option<usize>,
    /// The keyboard walk's node, and whether the canvas has focus.
    pub focus: Option<usize>,
    pub focused: bool,
    /// The search's best match, ringed.
    pub selected: Option<usize>,
    pub reheat: Option<Reheat>,
    /// Where the dragged node sits relative to the pointer, in layout units.
    pub grab: (f64, f64),
    /// A node the keyboard reached before its label arrived: announced when it does.
    pub announce_pending: Option<usize>,
    pub query: String,
    pub hits: Vec<Hit>,
    /// Enter was pressed while names were still loading: open the best match once they are.
    pub open_when_loaded: bool,
    pub base_dirty: bool,
    /// Edges are still being inked into the picture, a slice a frame.
    base_pending: bool,
    pub overlay_dirty: bool,
    pub frame_requested: bool,
    pub reduced_motion: bool,
    pub colours: Colours,
}

pub fn window() -> Window {
    web_sys::window().expect("the explorer runs in a window")
}

pub fn document() -> Document {
    window().document().expect("the window has a document")
}

/// Creates `<tag class=…>` with the given text.
pub fn element(tag: &str, class: &str, text: &str) -> Element {
    let el = document().create_element(tag).expect("a known tag name");
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    el
}

fn context(canvas: &HtmlCanvasElement) -> CanvasRenderingContext2d {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .expect("every browser that runs wasm has a 2D canvas")
}

impl Ui {
    /// Adds the search form, the canvases with their zoom buttons, the summary and the help
    /// text to `root`, and returns them. Nothing is wired yet.
    pub fn build(root: &Element, strings: &Strings, summary: &str) -> Result<Ui, JsValue> {
        let form = element("form", "graph-search", "");
        form.set_attribute("role", "search")?;
        let label = element("label", "", strings.search_label);
        label.set_attribute("for", "explore-search")?;
        let input: HtmlInputElement = element("input", "", "").unchecked_into();
        input.set_id("explore-search");
        input.set_type("search");
        input.set_autocomplete("off");
        input.set_attribute("aria-describedby", "explore-search-status")?;
        let button = element("button", "", strings.search_button);
        button.set_attribute("type", "submit")?;
        let search_status = element("p", "graph-search-status", "");
        search_status.set_id("explore-search-status");
        search_status.set_attribute("role", "status")?;
        let results = element("ul", "explore-results", "");
        form.append_with_node_4(&label, &input, &button, &search_status)?;
        form.append_child(&results)?;

        let stage: HtmlElement = element("div", "explore-stage", "").unchecked_into();
        // Layout through the CSSOM, not style attributes: the page's stylesheet may refine it,
        // and no Content-Security-Policy directive governs it.
        stage.style().set_css_text("position:relative;width:100%;height:min(75vh,56rem);min-height:20rem");
        let base: HtmlCanvasElement = element("canvas", "explore-picture", "").unchecked_into();
        base.set_attribute("aria-hidden", "true")?;
        base.style().set_css_text("position:absolute;inset:0;width:100%;height:100%");
        let overlay: HtmlCanvasElement = element("canvas", "graph-canvas explore-canvas", "").unchecked_into();
        overlay.style().set_css_text("position:absolute;inset:0;width:100%;height:100%;touch-action:none;cursor:grab");
        overlay.set_tab_index(0);
        overlay.set_attribute("role", "img")?;
        overlay.set_attribute("aria-roledescription", strings.graph_name)?;
        overlay.set_attribute("aria-label", summary)?;
        overlay.set_attribute("aria-describedby", "explore-help")?;
        let controls: HtmlElement = element("div", "graph-controls", "").unchecked_into();
        controls.style().set_css_text("position:absolute;top:0.5rem;right:0.5rem");
        for (action, text, name) in
            [("in", "+", strings.zoom_in), ("out", "−", strings.zoom_out), ("reset", strings.reset, "")]
        {
            let b = element("button", "", text);
            b.set_attribute("type", "button")?;
            b.set_attribute("data-zoom", action)?;
            if !name.is_empty() {
                b.set_attribute("aria-label", name)?;
            }
            controls.append_child(&b)?;
        }
        stage.append_with_node_3(&base, &overlay, &controls)?;

        let summary_el = element("p", "explore-summary", summary);
        let help = element("p", "visually-hidden", strings.help);
        help.set_id("explore-help");
        let announce = element("p", "visually-hidden", "");
        announce.set_attribute("role", "status")?;
        root.append_with_node_4(&form, &stage, &summary_el, &help)?;
        root.append_child(&announce)?;
        let (base_ctx, overlay_ctx) = (context(&base), context(&overlay));
        Ok(Ui { stage, base, base_ctx, overlay, overlay_ctx, input, search_status, results, announce })
    }
}

impl Colours {
    /// The theme's tokens as the root element sees them, with the light theme's values where a
    /// token is missing (a page without the site's stylesheet).
    pub fn read(root: &Element, probe: &CanvasRenderingContext2d) -> Colours {
        let style = window().get_computed_style(root).ok().flatten();
        let token = |name: &str, fallback: &str| {
            let value = style.as_ref().and_then(|s| s.get_property_value(name).ok()).unwrap_or_default();
            let value = value.trim();
            // Normalised by the canvas, so any CSS colour syntax works.
            probe.set_fill_style_str(fallback);
            probe.set_fill_style_str(if value.is_empty() { fallback } else { value });
            probe.fill_style().as_string().unwrap_or_else(|| fallback.to_string())
        };
        let (text, background) = (token("--text", "#1d1d1f"), token("--bg", "#ffffff"));
        let (accent, muted, focus) =
            (token("--accent", "#0b57a4"), token("--muted", "#55555c"), token("--focus", "#c2410c"));
        let entity = "#e69f00".to_string();
        let rgb = |css: &str, fallback: [u8; 3]| colour::parse(css).unwrap_or(fallback);
        let palette = Palette {
            edge: rgb(&muted, [0x55, 0x55, 0x5c]),
            event: rgb(&accent, [0x0b, 0x57, 0xa4]),
            entity: rgb(&entity, [0xe6, 0x9f, 0x00]),
            outside: rgb(&muted, [0x55, 0x55, 0x5c]),
        };
        let font = style.as_ref().and_then(|s| s.get_property_value("font-family").ok()).unwrap_or_default();
        let font = if font.trim().is_empty() { "sans-serif".to_string() } else { font };
        Colours { palette, text, background, accent, focus, edge: muted, entity, font }
    }
}

impl App {
    /// A leaf node's radius in CSS pixels at the current zoom. Fitted whole, nodes share the
    /// picture's area: a third of the room each node has, so that a dense graph stays a
    /// picture of dots rather than a solid blot. Zooming in, they grow with the square root.
    pub fn node_radius(&self) -> f64 {
        let (x0, y0, x1, y1) = self.scene.bounds;
        let area = (x1 - x0).max(1.0) * (y1 - y0).max(1.0) * self.fit.scale * self.fit.scale;
        let fitted = (area / self.scene.len().max(1) as f64).sqrt() / 3.0;
        (crate::within(fitted, 0.6, 3.0) * (self.view.scale / self.fit.scale).sqrt()).min(7.0)
    }

    pub fn screen_of(&self, node: usize) -> (f64, f64) {
        self.view.to_screen(f64::from(self.scene.x[node]), f64::from(self.scene.y[node]))
    }

    /// The node under the CSS pixel (x, y) of the canvas, if any.
    pub fn node_at(&self, x: f64, y: f64) -> Option<usize> {
        let (lx, ly) = self.view.to_layout(x, y);
        let reach = (self.node_radius() * 3.0 + 4.0).max(8.0) / self.view.scale;
        self.scene.nearest(lx, ly, reach)
    }

    /// Asks for the label chunk that holds `node`, unless it is loaded or on its way.
    pub fn want_label(&mut self, node: usize) {
        let k = self.labels.chunk_of(node);
        if !self.labels.is_loaded(k) && !self.chunks_loading[k] && !self.wanted.contains(&k) {
            self.wanted.push(k);
        }
    }

    /// Sizes the canvases to their box (device pixels), refitting the view unless the reader
    /// has moved it. True when the size changed.
    pub fn resize(&mut self) -> bool {
        let (w, h) =
            (f64::from(self.ui.stage.client_width()).max(1.0), f64::from(self.ui.stage.client_height()).max(1.0));
        // Past two device pixels per CSS pixel, a finer picture costs more than it shows.
        let ratio = crate::within(window().device_pixel_ratio(), 1.0, 2.0);
        if (w, h) == self.size && ratio == self.ratio {
            return false;
        }
        let centre = self.view.to_layout(self.size.0 / 2.0, self.size.1 / 2.0);
        self.size = (w, h);
        self.ratio = ratio;
        let (pw, ph) = ((w * ratio).round() as u32, (h * ratio).round() as u32);
        for canvas in [&self.ui.base, &self.ui.overlay] {
            canvas.set_width(pw);
            canvas.set_height(ph);
        }
        self.raster.resize(pw as usize, ph as usize);
        self.fit = Viewport::fit(self.scene.bounds, w, h, 16.0, ZOOM_OUT, ZOOM_IN);
        if self.moved_view {
            let scale = self.view.scale;
            self.view = Viewport { min_scale: self.fit.min_scale, max_scale: self.fit.max_scale, ..self.view };
            self.view.centre_on(centre.0, centre.1, scale, (w / 2.0, h / 2.0));
        } else {
            self.view = self.fit;
        }
        self.base_dirty = true;
        self.overlay_dirty = true;
        true
    }

    /// One frame: a tick of a running drag, then whatever needs drawing.
    pub fn frame(&mut self) {
        self.frame_requested = false;
        if let Some(reheat) = &mut self.reheat {
            if !reheat.step(&mut self.scene) {
                self.reheat = None;
                self.scene.reindex();
                self.base_dirty = true;
                let _ = self.ui.overlay.set_attribute("data-moving", "0");
            }
            self.overlay_dirty = true;
        }
        if self.base_dirty {
            self.base_dirty = false;
            self.begin_base();
        }
        if self.base_pending {
            self.continue_base();
        }
        if self.overlay_dirty {
            self.overlay_dirty = false;
            self.draw_overlay();
        }
    }

    pub fn needs_frame(&self) -> bool {
        self.base_dirty || self.base_pending || self.overlay_dirty || self.reheat.is_some()
    }

    /// Starts a new picture of the whole graph (the view changed, or a drag began or ended).
    fn begin_base(&mut self) {
        let r = self.ratio;
        let device = Viewport { scale: self.view.scale * r, tx: self.view.tx * r, ty: self.view.ty * r, ..self.view };
        let skip = self.reheat.as_ref().map(|d| &d.moving[..]);
        self.raster.begin(&self.scene, &device, skip);
        self.base_pending = true;
    }

    /// Inks edges for [`EDGE_SLICE_MS`] and shows the picture so far.
    fn continue_base(&mut self) {
        let clock = window().performance();
        let now = || clock.as_ref().map_or(0.0, |p| p.now());
        let skip = self.reheat.as_ref().map(|d| &d.moving[..]);
        let started = now();
        let (_, done) = self.raster.ink_edges(&self.scene, skip, usize::MAX, &mut || now() - started > EDGE_SLICE_MS);
        let radius = (self.node_radius() * self.ratio) as f32;
        self.raster.compose(&self.scene, radius, &self.colours.palette, skip);
        let (w, h) = (self.raster.width as u32, self.raster.height as u32);
        if let Ok(image) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(&self.raster.pixels), w, h) {
            let _ = self.ui.base_ctx.put_image_data(&image, 0.0, 0.0);
        }
        self.base_pending = !done;
        let _ = self.ui.base.set_attribute("data-complete", if done { "1" } else { "0" });
    }

    fn draw_overlay(&mut self) {
        let ctx = self.ui.overlay_ctx.clone();
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        ctx.clear_rect(0.0, 0.0, f64::from(self.ui.overlay.width()), f64::from(self.ui.overlay.height()));
        let _ = ctx.set_transform(self.ratio, 0.0, 0.0, self.ratio, 0.0, 0.0);
        ctx.set_font(&format!("12px {}", self.colours.font));
        if self.reheat.is_some() {
            self.draw_moving(&ctx);
        }
        let lit = self.hover.or(if self.focused { self.focus } else { None });
        let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
        if let Some(h) = lit {
            self.draw_lit(&ctx, h, &mut placed);
        } else {
            self.draw_labels_on_screen(&ctx, &mut placed);
        }
        if let Some(s) = self.selected {
            let (x, y) = self.screen_of(s);
            ctx.set_stroke_style_str(&self.colours.focus);
            ctx.set_line_width(3.0);
            ctx.begin_path();
            let _ = ctx.arc(
                x,
                y,
                self.node_radius() * hub_size(self.scene.degree(s)) as f64 + 6.0,
                0.0,
                std::f64::consts::TAU,
            );
            ctx.stroke();
            if lit != Some(s) {
                self.draw_label(&ctx, s, true, &mut placed);
            }
        }
    }

    /// The nodes a drag is moving and every edge that touches them, over the still picture.
    fn draw_moving(&self, ctx: &CanvasRenderingContext2d) {
        let Some(drag) = &self.reheat else { return };
        ctx.set_stroke_style_str(&self.colours.edge);
        ctx.set_global_alpha(0.6);
        ctx.set_line_width(0.8);
        ctx.begin_path();
        for &i in &drag.nodes {
            let (x, y) = self.screen_of(i as usize);
            for &j in self.scene.neighbours(i as usize) {
                if !drag.moving[j as usize] || i < j {
                    let (x2, y2) = self.screen_of(j as usize);
                    ctx.move_to(x, y);
                    ctx.line_to(x2, y2);
                }
            }
        }
        ctx.stroke();
        ctx.set_global_alpha(1.0);
        self.fill_nodes(ctx, drag.nodes.iter().map(|&i| i as usize), 0.0);
    }

    /// Discs for events, squares for entities, rings for events outside the collection.
    fn fill_nodes(&self, ctx: &CanvasRenderingContext2d, nodes: impl Iterator<Item = usize> + Clone, grow: f64) {
        let r0 = self.node_radius();
        for (kind, colour) in [
            (ExploreKind::Event, &self.colours.accent),
            (ExploreKind::Entity, &self.colours.entity),
            (ExploreKind::OutsideEvent, &self.colours.edge),
        ] {
            ctx.begin_path();
            for i in nodes.clone().filter(|&i| self.scene.kinds[i] == kind) {
                let (x, y) = self.screen_of(i);
                let r = r0 * f64::from(hub_size(self.scene.degree(i))) + grow;
                if kind == ExploreKind::Entity {
                    ctx.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
                } else {
                    ctx.move_to(x + r, y);
                    let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
                }
            }
            if kind == ExploreKind::OutsideEvent {
                ctx.set_stroke_style_str(colour);
                ctx.set_line_width(1.2);
                ctx.stroke();
            } else {
                ctx.set_fill_style_str(colour);
                ctx.fill();
            }
        }
    }

    /// The picture dimmed, with `node`, its edges and its neighbours lit and labelled.
    fn draw_lit(&mut self, ctx: &CanvasRenderingContext2d, node: usize, placed: &mut Vec<(f64, f64, f64, f64)>) {
        ctx.set_fill_style_str(&self.colours.background);
        ctx.set_global_alpha(0.72);
        ctx.fill_rect(0.0, 0.0, self.size.0, self.size.1);
        ctx.set_global_alpha(1.0);
        let neighbours: Vec<usize> = self.scene.neighbours(node).iter().map(|&j| j as usize).collect();
        let (x, y) = self.screen_of(node);
        ctx.set_stroke_style_str(&self.colours.accent);
        ctx.set_line_width(1.0);
        ctx.begin_path();
        for &j in neighbours.iter().take(LIT_EDGES) {
            let (x2, y2) = self.screen_of(j);
            ctx.move_to(x, y);
            ctx.line_to(x2, y2);
        }
        ctx.stroke();
        self.fill_nodes(ctx, neighbours.iter().copied().chain([node]), 0.5);
        ctx.set_stroke_style_str(&self.colours.focus);
        ctx.set_line_width(2.0);
        ctx.begin_path();
        let r = self.node_radius() * f64::from(hub_size(self.scene.degree(node))) + 4.0;
        let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
        ctx.stroke();
        self.draw_label(ctx, node, true, placed);
        if neighbours.len() <= 40 {
            for &j in &neighbours {
                self.draw_label(ctx, j, false, placed);
            }
        }
    }

    /// Every on-screen node's label once few enough are on screen.
    fn draw_labels_on_screen(&mut self, ctx: &CanvasRenderingContext2d, placed: &mut Vec<(f64, f64, f64, f64)>) {
        let (w, h) = self.size;
        let (x0, y0) = self.view.to_layout(0.0, 0.0);
        let (x1, y1) = self.view.to_layout(w, h);
        let mut on_screen = Vec::new();
        for i in 0..self.scene.len() {
            let (x, y) = (f64::from(self.scene.x[i]), f64::from(self.scene.y[i]));
            if x >= x0 && x <= x1 && y >= y0 && y <= y1 {
                on_screen.push(i);
                if on_screen.len() > LABELS_ON_SCREEN {
                    return;
                }
            }
        }
        // Hubs first, so that when labels collide the better-connected node keeps its label.
        on_screen.sort_by_key(|&i| std::cmp::Reverse(self.scene.degree(i)));
        for i in on_screen {
            self.draw_label(ctx, i, false, placed);
        }
    }

    /// `node`'s label beside it on a halo of the background, unless it would overlap one
    /// already drawn (a `strong` label is drawn anyway). Asks for the chunk if it is missing.
    fn draw_label(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        node: usize,
        strong: bool,
        placed: &mut Vec<(f64, f64, f64, f64)>,
    ) {
        let Some(text) = self.labels.label(node).map(str::to_string) else {
            self.want_label(node);
            return;
        };
        let (x, y) = self.screen_of(node);
        let r = self.node_radius() * f64::from(hub_size(self.scene.degree(node)));
        let width = ctx.measure_text(&text).map(|m| m.width()).unwrap_or(0.0);
        let (lx, ly) = (x + r + 4.0, y + 4.0);
        let rect = (lx - 2.0, ly - 12.0, lx + width + 2.0, ly + 4.0);
        let overlaps = placed.iter().any(|p| rect.0 < p.2 && p.0 < rect.2 && rect.1 < p.3 && p.1 < rect.3);
        if overlaps && !strong {
            return;
        }
        placed.push(rect);
        ctx.set_font(&format!("{}12px {}", if strong { "bold " } else { "" }, self.colours.font));
        ctx.set_stroke_style_str(&self.colours.background);
        ctx.set_line_width(3.0);
        let _ = ctx.stroke_text(&text, lx, ly);
        ctx.set_fill_style_str(&self.colours.text);
        let _ = ctx.fill_text(&text, lx, ly);
        ctx.set_font(&format!("12px {}", self.colours.font));
    }
}

/// Builds the app around a decoded scene: the elements, the first picture, the listeners.
pub fn mount(
    root: &Element,
    strings: &'static Strings,
    (base, src): (String, String),
    scene: Scene,
    raster: Raster,
    (hashes, per_chunk): (Vec<u64>, usize),
) -> Result<Shared, JsValue> {
    let summary = strings.summary(scene.len(), scene.edges.len(), scene.counts());
    let ui = Ui::build(root, strings, &summary)?;
    let colours = Colours::read(root, &ui.overlay_ctx);
    let reduced_motion =
        window().match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|m| m.matches());
    let chunk_count = hashes.len();
    let app = App {
        strings,
        base,
        src,
        ui,
        scene,
        labels: Labels::new(chunk_count, per_chunk),
        label_hashes: hashes,
        chunks_loading: vec![false; chunk_count],
        wanted: Vec::new(),
        raster,
        view: Viewport::new(1.0, 1.0),
        fit: Viewport::new(1.0, 1.0),
        size: (0.0, 0.0),
        ratio: 1.0,
        moved_view: false,
        pointers: Default::default(),
        pressed: None,
        hover: None,
        focus: None,
        focused: false,
        selected: None,
        reheat: None,
        grab: (0.0, 0.0),
        announce_pending: None,
        query: String::new(),
        hits: Vec::new(),
        open_when_loaded: false,
        base_dirty: true,
        base_pending: false,
        overlay_dirty: true,
        frame_requested: false,
        reduced_motion,
        colours,
    };
    Ok(Rc::new(RefCell::new(app)))
}

/// Draws what is pending on the next animation frame, and fetches the label chunks that
/// drawing or input asked for. Call after every change to the app.
pub fn after(app: &Shared) {
    let (request, wanted) = {
        let Ok(mut a) = app.try_borrow_mut() else { return };
        let request = a.needs_frame() && !a.frame_requested;
        if request {
            a.frame_requested = true;
        }
        (request, std::mem::take(&mut a.wanted))
    };
    for k in wanted {
        crate::load::label_chunk(app.clone(), k);
    }
    if request {
        let app = app.clone();
        let callback = Closure::once_into_js(move || {
            // Nothing else can hold the app during an animation frame callback.
            if let Ok(mut a) = app.try_borrow_mut() {
                a.frame();
            }
            after(&app);
        });
        let _ = window().request_animation_frame(callback.unchecked_ref());
    }
}

/// Goes to `node`'s page, fetching its label chunk first if need be. Never for a node outside
/// the collection.
pub fn open(app: &Shared, node: usize) {
    let (url, missing) = {
        let a = app.borrow();
        if !a.scene.kinds[node].opens() {
            return;
        }
        match a.labels.id(node) {
            Some(id) => (Some(format!("{}/{}", a.base, id)), None),
            None => (None, Some(a.labels.chunk_of(node))),
        }
    };
    if let Some(url) = url {
        let _ = window().location().assign(&url);
    } else if let Some(k) = missing {
        let app = app.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if crate::load::fetch_label_chunk(&app, k).await {
                open(&app, node);
            }
        });
    }
}
