//! The app binary that trunk builds: mounts [`eventlens::app`] on the page.

#[cfg(target_arch = "wasm32")]
fn main() {
    eventlens::app::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("eventlens is a web app: build it with `trunk build` (or `make serve`), not as a native binary.");
    std::process::exit(2);
}
