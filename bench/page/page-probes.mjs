// Functions the page benchmark (run.mjs, widget.mjs) and the widget test run inside pages,
// through Playwright's addInitScript and evaluate, which serialise each function's source: so
// each one stands alone, with no imports and no reference to anything outside its own body.
// Times are performance.now() (milliseconds from the document's own navigation start) and, for
// comparing a frame with its host, `abs` times (performance.timeOrigin + now, epoch ms).
//
// Not for the node side: nothing here runs in node.

/** Init script, run in every document (the page and each of its frames) before any of its own
 *  scripts. Records in `window.__bench`:
 *  - `content`: when the event's title and its first lens are both in the DOM (a
 *    MutationObserver on the document, so an insertion by the HTML parser or by the app is
 *    seen alike), also as `contentAbs`, and as performance.mark("bench:content");
 *  - `interactive`: when the app has taken over: the prerendered `#boot[data-prerendered]` it
 *    replaces has gone, or the app's `eventlens:ready` event has fired, whichever comes first;
 *  - `wasmStart`, `wasmEnd`: WebAssembly.instantiateStreaming (or instantiate), wrapped;
 *  - `lcp`: the last largest-contentful-paint entry's time (the content as painted);
 *  - `cls` and `shifts`: Chromium's layout shifts in this document (PerformanceObserver
 *    'layout-shift'), summed as CLS counts them: all of them here, since no input comes. */
export function watchPage() {
  const bench = (window.__bench = { shifts: [], cls: 0 });
  const now = () => performance.now();
  let sawBoot = false;
  const check = () => {
    bench.title ??= document.querySelector(".event-title") ? now() : undefined;
    bench.lens ??= document.querySelector(".lens") ? now() : undefined;
    if (bench.content === undefined && bench.title !== undefined && bench.lens !== undefined) {
      bench.content = Math.max(bench.title, bench.lens);
      bench.contentAbs = performance.timeOrigin + bench.content;
      performance.mark("bench:content", { startTime: bench.content });
    }
    const boot = document.querySelector("#boot[data-prerendered]");
    sawBoot ||= Boolean(boot);
    if (sawBoot && !boot) interactive();
  };
  const interactive = () => {
    if (bench.interactive !== undefined) return;
    bench.interactive = now();
    bench.interactiveAbs = performance.timeOrigin + bench.interactive;
    performance.mark("bench:interactive", { startTime: bench.interactive });
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener("eventlens:ready", interactive);
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      bench.wasmStart ??= now();
      const result = await original.apply(this, args);
      bench.wasmEnd ??= now();
      return result;
    };
  }
  // Chromium's own view of when the main content was painted (not only in the DOM).
  new PerformanceObserver((list) => {
    bench.lcp = list.getEntries().at(-1).startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      bench.cls += entry.value;
      bench.shifts.push({
        at: entry.startTime,
        value: entry.value,
        sources: entry.sources.map((s) => ({
          node: s.node ? s.node.nodeName.toLowerCase() + (s.node.id ? `#${s.node.id}` : "") : "?",
          from: s.previousRect.y, to: s.currentRect.y,
        })),
      });
    }
  }).observe({ type: "layout-shift", buffered: true });
}

/** Resolves after two animation frames: whatever the last change drew is on screen. */
export function twoFrames() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** The load as the page saw it: the navigation entry, every resource entry (path, start and
 *  end), the paint entries, the time origin and window.__bench. */
export function loadTimeline() {
  const [navigation] = performance.getEntriesByType("navigation");
  return {
    origin: performance.timeOrigin,
    navigation: { start: navigation.fetchStart, end: navigation.responseEnd },
    resources: performance.getEntriesByType("resource")
      .map((r) => ({ path: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd })),
    paints: Object.fromEntries(performance.getEntriesByType("paint").map((p) => [p.name, p.startTime])),
    marks: { ...window.__bench },
  };
}
