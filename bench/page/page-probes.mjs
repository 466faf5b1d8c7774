// Functions the page benchmark (run.mjs) runs inside the page, through Playwright's
// addInitScript and evaluate, which serialise each function's source: so each one stands
// alone, with no imports and no reference to anything outside its own body. Every time is
// performance.now(), milliseconds from the page's navigation start.
//
// Not for the node side: nothing here runs in node.

/** Init script, before any of the page's own: records in `window.__bench` when the event's
 *  title and its first lens section enter the DOM (a MutationObserver on the document, so any
 *  insertion, by the HTML parser or by the app, is seen), when the app has drawn the page
 *  (`ready`: its `eventlens:ready` event), and when WebAssembly compilation and
 *  instantiation starts and ends (WebAssembly.instantiateStreaming, or instantiate, wrapped).
 *  Content is marked with performance.mark("bench:content"), which a trace shows too. */
export function watchPage() {
  const bench = (window.__bench = {});
  const seen = () => {
    bench.title ??= document.querySelector("article.event h1.event-title") ? performance.now() : undefined;
    bench.lens ??= document.querySelector("section.lens") ? performance.now() : undefined;
    if (bench.title === undefined || bench.lens === undefined) return false;
    bench.content = Math.max(bench.title, bench.lens);
    performance.mark("bench:content", { startTime: bench.content });
    return true;
  };
  const observer = new MutationObserver(() => seen() && observer.disconnect());
  observer.observe(document, { childList: true, subtree: true });
  // The app has drawn the page itself (over a prerendered copy: taken over from it).
  document.addEventListener("eventlens:ready", () => { bench.ready ??= performance.now(); });
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      bench.wasmStart ??= performance.now();
      const result = await original.apply(this, args);
      bench.wasmEnd ??= performance.now();
      return result;
    };
  }
}

/** Clicks the toggle of the first closed lens and resolves with three times from just before
 *  the click: `flip`, when its aria-expanded turned "true" (the app's own work, in the click's
 *  task and its microtasks); `frame`, the next animation frame after that; `painted`, the
 *  first task after that frame, once its style, layout and paint are done. */
export function toggleFirstClosedLens() {
  const button = [...document.querySelectorAll("section.lens button.lens-toggle")]
    .find((b) => b.getAttribute("aria-expanded") === "false");
  if (!button) throw new Error("no closed lens to open");
  return new Promise((resolve) => {
    let start = 0;
    const observer = new MutationObserver(() => {
      if (button.getAttribute("aria-expanded") !== "true") return;
      observer.disconnect();
      const flip = performance.now() - start;
      requestAnimationFrame(() => {
        const frame = performance.now() - start;
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = () => resolve({ flip, frame, painted: performance.now() - start });
        port2.postMessage(null);
      });
    });
    observer.observe(button, { attributes: true, attributeFilter: ["aria-expanded"] });
    start = performance.now();
    button.click();
  });
}

/** Resolves after two animation frames: whatever the last change drew is on screen. */
export function twoFrames() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** The load as the page saw it: the navigation entry, every resource entry (name, start and
 *  end), the paint entries and window.__bench. */
export function loadTimeline() {
  const [navigation] = performance.getEntriesByType("navigation");
  return {
    navigation: { start: navigation.fetchStart, end: navigation.responseEnd },
    resources: performance.getEntriesByType("resource")
      .map((r) => ({ path: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd })),
    paints: Object.fromEntries(performance.getEntriesByType("paint").map((p) => [p.name, p.startTime])),
    marks: { ...window.__bench },
  };
}
