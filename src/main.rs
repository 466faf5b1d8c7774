//! The app binary that trunk builds: mounts [`eventlens`] on the page.

fn main() {
    eventlens::mount();
}
