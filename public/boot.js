// Starts eventlens. trunk writes the hashed names of the app's JS and wasm into the tag that
// loads this file (Trunk.toml's pattern_script), so no inline script is needed and the pages
// run under script-src 'self' 'wasm-unsafe-eval'.
//
// On an event page the data is requested now, in parallel with the wasm, instead of after the
// app has started: the app's own fetch then finds it in the preload cache.
const base = new URL(document.baseURI).pathname.replace(/\/$/, '');
const route = location.pathname.slice(base.length).match(/^(?:\/embed)?\/([a-z]{2})\/n\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/);
if (route) {
  for (const href of [`${base}/data/${route[1]}/n/${route[2]}.json`, `${base}/data/index.json`]) {
    const link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href });
    document.head.append(link);
  }
}
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
