/*! eventlens embed loader. Fits each eventlens widget on the page to its content. The snippet
 * is a frame that holds its place before any script runs, at the height the site estimated
 * for it when it was built:
 *   <iframe class="eventlens-embed" src="https://HOST/embed/zh/n/slug" height="812" …></iframe>
 * Options go in its query: theme (light|dark|auto), lang, graph (0|1), maxwidth (px). Older
 * snippets, <blockquote class="eventlens-embed" data-event="zh/n/slug"> with data-theme,
 * data-lang, data-graph, data-max-width and data-height, become such a frame. Only frames of
 * the origin this script came from are resized, and only by their own window. No
 * dependencies, no global CSS, one global: window.eventlens. */
(function () {
  'use strict';
  var w = window;
  if (w.eventlens && w.eventlens.scan) { w.eventlens.scan(); return; }

  var script = document.currentScript;
  // The widget lives beside this script: the same origin, and the same sub-folder if any.
  var home = new URL('.', script ? script.src : location.href);
  var origin = home.origin;
  var frames = [];
  var next = 0;
  var MIN = 120, MAX = 20000, START = 480;
  // @generated start by `bundle rules` from eventlens_format; do not edit by hand.
  var SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
  var LANG = '(?:aa|ab|ae|af|ak|am|an|ar|as|av|ay|az|ba|be|bg|bi|bm|bn|bo|br|bs|ca|ce|ch|co|cr|cs|cu|cv|cy|da|de|dv|dz|ee|el|en|eo|es|et|eu|fa|ff|fi|fj|fo|fr|fy|ga|gd|gl|gn|gu|gv|ha|he|hi|ho|hr|ht|hu|hy|hz|ia|id|ie|ig|ii|ik|io|is|it|iu|ja|jv|ka|kg|ki|kj|kk|kl|km|kn|ko|kr|ks|ku|kv|kw|ky|la|lb|lg|li|ln|lo|lt|lu|lv|mg|mh|mi|mk|ml|mn|mr|ms|mt|my|na|nb|nd|ne|ng|nl|nn|no|nr|nv|ny|oc|oj|om|or|os|pa|pi|pl|ps|pt|qu|rm|rn|ro|ru|rw|sa|sc|sd|se|sg|si|sk|sl|sm|sn|so|sq|sr|ss|st|su|sv|sw|ta|te|tg|th|ti|tk|tl|tn|to|tr|ts|tt|tw|ty|ug|uk|ur|uz|ve|vi|vo|wa|wo|xh|yi|yo|za|zh|zu)';
  // @generated end
  var EVENT = new RegExp('^' + LANG + '/n/' + SLUG + '$');

  function important(el, props) {
    for (var k in props) el.style.setProperty(k, props[k], 'important');
  }

  function clamp(h) {
    return Math.min(MAX, Math.max(MIN, Math.round(h))) + 'px';
  }

  // A frame of ours: on this origin, under embed/, naming an event.
  function ours(frame) {
    var url;
    try { url = new URL(frame.src, location.href); } catch (e) { return false; }
    return url.origin === origin && url.pathname.indexOf(home.pathname + 'embed/') === 0 &&
      EVENT.test(url.pathname.slice(home.pathname.length + 6));
  }

  // A snippet's frame is already in place at its estimated height: only keep it fitted. Its
  // box is left as the page styles it, so that nothing moves now.
  // If the frame reported its height before this script arrived, it is asked again; if it has
  // not loaded yet, the ask is dropped and it reports once it has.
  function adopt(frame) {
    if (frames.indexOf(frame) >= 0 || !ours(frame)) return;
    frames.push(frame);
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: 'eventlens:measure' }, origin);
  }

  function mount(quote) {
    var event = quote.getAttribute('data-event') || '';
    if (!EVENT.test(event)) return;
    var id = 'eventlens-' + (++next);
    var params = new URLSearchParams({ id: id });
    ['theme', 'lang', 'graph'].forEach(function (k) {
      var v = quote.getAttribute('data-' + k);
      if (v) params.set(k, v);
    });
    var maxWidth = parseInt(quote.getAttribute('data-max-width'), 10);
    if (maxWidth > 0) params.set('maxwidth', String(maxWidth));
    var height = parseInt(quote.getAttribute('data-height'), 10);
    var link = quote.querySelector('a');
    var frame = document.createElement('iframe');
    frame.src = home.href + 'embed/' + event + '?' + params;
    frame.title = (link && link.textContent.trim()) || 'eventlens';
    frame.loading = 'lazy';
    // Scripts and its own origin (to fetch its data); popups only for "Read the full page".
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    frame.setAttribute('data-eventlens-id', id);
    // Inline and !important, so the host's stylesheets cannot restyle the frame box.
    important(frame, {
      display: 'block', width: '100%', 'max-width': maxWidth > 0 ? maxWidth + 'px' : '100%',
      height: clamp(height > 0 ? height : START), border: '0', margin: '0', padding: '0',
      background: 'transparent', 'color-scheme': 'normal'
    });
    frames.push(frame);
    quote.parentNode.replaceChild(frame, quote);
  }

  function scan(root) {
    var found = (root || document).querySelectorAll('blockquote.eventlens-embed[data-event], iframe.eventlens-embed');
    for (var i = 0; i < found.length; i++) {
      if (found[i].nodeName === 'IFRAME') adopt(found[i]); else mount(found[i]);
    }
  }

  w.addEventListener('message', function (e) {
    var d = e.data;
    if (e.origin !== origin || !d || d.type !== 'eventlens:resize') return;
    var h = Number(d.height);
    if (!isFinite(h)) return;
    // Only the frame's own window may resize it; another frame cannot pass for it.
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === e.source) frames[i].style.setProperty('height', clamp(h), 'important');
    }
  });

  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var added = records[i].addedNodes;
      for (var j = 0; j < added.length; j++) {
        var n = added[j];
        if (n.nodeType !== 1) continue;
        if (n.matches('blockquote.eventlens-embed[data-event]')) mount(n);
        else if (n.matches('iframe.eventlens-embed')) adopt(n);
        else scan(n);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  w.eventlens = { scan: function () { scan(); }, version: 2 };
  scan();
})();
