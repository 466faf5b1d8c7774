// Applies what the reader chose before the first paint, so a prerendered page never flashes the
// wrong theme or size: the stored theme pick on every page, and on an embed the partner's
// options from the query (theme, the small graph, a maximum width), as <html> attributes and a
// CSS variable the stylesheet reads. A classic script in <head> (not inline, so the strict CSP
// holds; blocking, because it must run before the body is drawn). The app applies the same
// choices itself once it runs, so nothing changes at takeover.
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
  } else {
    try { theme = localStorage.getItem(THEME_KEY); } catch (e) { /* storage blocked: follow the system */ }
  }
  if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
})();
