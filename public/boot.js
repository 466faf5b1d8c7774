// Starts eventlens. trunk writes the hashed names of the app's JS and wasm into the tag that
// loads this file (Trunk.toml's pattern_script), so no inline script is needed and the pages
// run under script-src 'self' 'wasm-unsafe-eval'.
//
// On an event page the documents are requested now, in parallel with the wasm, instead of after
// the app has started: the app's own fetches then find them in the preload cache. The routes
// and paths below come from the format crate (`bundle rules` writes them; a test checks).
// @generated start by `bundle rules` from eventlens_format; do not edit by hand.
const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const LANG = '(?:aa|ab|ae|af|ak|am|an|ar|as|av|ay|az|ba|be|bg|bi|bm|bn|bo|br|bs|ca|ce|ch|co|cr|cs|cu|cv|cy|da|de|dv|dz|ee|el|en|eo|es|et|eu|fa|ff|fi|fj|fo|fr|fy|ga|gd|gl|gn|gu|gv|ha|he|hi|ho|hr|ht|hu|hy|hz|ia|id|ie|ig|ii|ik|io|is|it|iu|ja|jv|ka|kg|ki|kj|kk|kl|km|kn|ko|kr|ks|ku|kv|kw|ky|la|lb|lg|li|ln|lo|lt|lu|lv|mg|mh|mi|mk|ml|mn|mr|ms|mt|my|na|nb|nd|ne|ng|nl|nn|no|nr|nv|ny|oc|oj|om|or|os|pa|pi|pl|ps|pt|qu|rm|rn|ro|ru|rw|sa|sc|sd|se|sg|si|sk|sl|sm|sn|so|sq|sr|ss|st|su|sv|sw|ta|te|tg|th|ti|tk|tl|tn|to|tr|ts|tt|tw|ty|ug|uk|ur|uz|ve|vi|vo|wa|wo|xh|yi|yo|za|zh|zu)';
const eventDoc = (lang, slug) => `/data/${lang}/n/${slug}.json`;
const neighbourhood = (lang, slug) => `/data/${lang}/near/${slug}.json`;
// @generated end

const base = new URL(document.baseURI).pathname.replace(/\/$/, '');
const eventRoute = new RegExp(`^(?:/embed)?/(${LANG})/n/(${SLUG})/?$`);
const route = location.pathname.slice(base.length).match(eventRoute);
if (route) {
  for (const path of [eventDoc(route[1], route[2]), neighbourhood(route[1], route[2])]) {
    const link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: base + path });
    document.head.append(link);
  }
}
// A static host serves /zh/n/slug as the folder /zh/n/slug/ (its index.html): the app's routes
// have no trailing slash, so drop it before the router reads the address.
if (location.pathname.length > base.length + 1 && location.pathname.endsWith('/')) {
  history.replaceState(history.state, '', location.pathname.replace(/\/+$/, '') + location.search + location.hash);
}
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
