/*! eventlens embed loader. Turns each
 *   <blockquote class="eventlens-embed" data-event="zh/n/slug"><a href="…">Title</a></blockquote>
 * into an auto-resizing iframe of /embed/zh/n/slug from the origin this script came from.
 * Options on the blockquote: data-theme (light|dark|auto), data-lang, data-graph (0|1),
 * data-max-width (px). No dependencies, no global CSS, one global: window.eventlens. */
(function () {
  'use strict';
  var w = window;
  if (w.eventlens && w.eventlens.scan) { w.eventlens.scan(); return; }

  var script = document.currentScript;
  // The widget lives beside this script: the same origin, and the same sub-folder if any.
  var home = new URL('.', script ? script.src : location.href);
  var origin = home.origin;
  var frames = {};
  var next = 0;
  var MIN = 120, MAX = 20000;
  // @generated start by `bundle rules` from eventlens_format; do not edit by hand.
  var SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
  var LANG = '(?:aa|ab|ae|af|ak|am|an|ar|as|av|ay|az|ba|be|bg|bi|bm|bn|bo|br|bs|ca|ce|ch|co|cr|cs|cu|cv|cy|da|de|dv|dz|ee|el|en|eo|es|et|eu|fa|ff|fi|fj|fo|fr|fy|ga|gd|gl|gn|gu|gv|ha|he|hi|ho|hr|ht|hu|hy|hz|ia|id|ie|ig|ii|ik|io|is|it|iu|ja|jv|ka|kg|ki|kj|kk|kl|km|kn|ko|kr|ks|ku|kv|kw|ky|la|lb|lg|li|ln|lo|lt|lu|lv|mg|mh|mi|mk|ml|mn|mr|ms|mt|my|na|nb|nd|ne|ng|nl|nn|no|nr|nv|ny|oc|oj|om|or|os|pa|pi|pl|ps|pt|qu|rm|rn|ro|ru|rw|sa|sc|sd|se|sg|si|sk|sl|sm|sn|so|sq|sr|ss|st|su|sv|sw|ta|te|tg|th|ti|tk|tl|tn|to|tr|ts|tt|tw|ty|ug|uk|ur|uz|ve|vi|vo|wa|wo|xh|yi|yo|za|zh|zu)';
  // @generated end
  var EVENT = new RegExp('^' + LANG + '/n/' + SLUG + '$');

  function important(el, props) {
    for (var k in props) el.style.setProperty(k, props[k], 'important');
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
      height: '480px', border: '0', margin: '0', padding: '0', background: 'transparent',
      'color-scheme': 'normal'
    });
    frames[id] = frame;
    quote.parentNode.replaceChild(frame, quote);
  }

  function scan(root) {
    var quotes = (root || document).querySelectorAll('blockquote.eventlens-embed[data-event]');
    for (var i = 0; i < quotes.length; i++) mount(quotes[i]);
  }

  w.addEventListener('message', function (e) {
    var d = e.data;
    if (e.origin !== origin || !d || d.type !== 'eventlens:resize' || typeof d.id !== 'string') return;
    var frame = frames[d.id];
    // Only the frame's own window may resize it; another frame forging its id is ignored.
    if (!frame || e.source !== frame.contentWindow) return;
    var h = Math.round(Number(d.height));
    if (!isFinite(h)) return;
    frame.style.setProperty('height', Math.min(MAX, Math.max(MIN, h)) + 'px', 'important');
  });

  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var added = records[i].addedNodes;
      for (var j = 0; j < added.length; j++) {
        var n = added[j];
        if (n.nodeType !== 1) continue;
        if (n.matches('blockquote.eventlens-embed[data-event]')) mount(n); else scan(n);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  w.eventlens = { scan: function () { scan(); }, version: 1 };
  scan();
})();
