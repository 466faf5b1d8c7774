// Starts eventlens. trunk writes the hashed names of the app's JS and wasm into the tag that
// loads this file (Trunk.toml's pattern_script), so no inline script is needed and the pages
// run under script-src 'self' 'wasm-unsafe-eval'.
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
