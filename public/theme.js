// Applies what the reader chose before the first paint, so a prerendered page never flashes the
// wrong theme or size: the stored theme pick on every page, and on an embed the partner's
// options from the query (theme, the small graph, a maximum width), as <html> attributes and a
// CSS variable the stylesheet reads. A classic script in <head>, not inline, so the strict CSP
// holds. It blocks rendering (blocking="render"), not the parser (async): nothing is painted
// before it has run, while the prerendered page is read on in the meantime, so the page's
// content is in the DOM as soon as a page without scripts would have it (at 4x CPU a parser
// that waited for it came in 1.24x a script-free copy's time; 0.73x async, side by side). A
// browser without blocking="render" runs it as a plain async script, before the stylesheet
// has arrived in practice, not by promise. The app applies the same choices itself once it
// runs, so nothing changes at takeover.
//
// In an embed's frame it also tells the partner's page (embed.js) the widget's height as soon
// as the prerendered page is parsed and laid out, and again whenever it changes, so the frame
// fits its content long before the app arrives: the message embed.js reads,
// {"type":"eventlens:resize","id":…,"height":…}, with the body's height in CSS pixels. It
// reports again when the loader asks ({"type":"eventlens:measure"} from the parent).
(function () {
  'use strict';
  // @generated start by `bundle rules` from the app; do not edit by hand.
  var THEME_KEY = 'eventlens-theme';
  var MIN_WIDTH = 240, MAX_WIDTH = 4000;
  // @generated end
  var root = document.documentElement;
  var embed = /\/embed\//.test(location.pathname);
  var theme = null;
  if (embed) {
    var query = new URLSearchParams(location.search);
    theme = query.get('theme');
    root.setAttribute('data-embed', '');
    if (query.get('graph') === '1') root.setAttribute('data-embed-graph', '');
    var width = parseInt(query.get('maxwidth'), 10);
    if (width > 0) root.style.setProperty('--embed-max-width', Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)) + 'px');
    if (window.parent !== window) reportHeight(query.get('id') || '');
  } else {
    try { theme = localStorage.getItem(THEME_KEY); } catch (e) { /* storage blocked: follow the system */ }
  }
  if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);

  // From the end of parsing (not before: a half-parsed page would shrink the frame and then
  // grow it), on every change of the body's size, including the first layout.
  function reportHeight(id) {
    var last = -1, started = false;
    function report() {
      var body = document.body;
      var height = Math.max(body.scrollHeight, body.offsetHeight);
      if (height === last) return;
      last = height;
      // The height is no secret, and the widget cannot know its host's origin.
      window.parent.postMessage({ type: 'eventlens:resize', id: id, height: height }, '*');
    }
    function start() {
      if (document.readyState === 'loading' || !document.body) return;
      document.removeEventListener('readystatechange', start);
      started = true;
      if (window.ResizeObserver) new ResizeObserver(report).observe(document.body); else report();
    }
    // A loader that arrives after the first report (an async script often does) asks again.
    window.addEventListener('message', function (e) {
      if (e.source !== window.parent || !e.data || e.data.type !== 'eventlens:measure') return;
      last = -1;
      if (started) report();
    });
    // Async, so parsing may be over already.
    document.addEventListener('readystatechange', start);
    start();
  }
})();
