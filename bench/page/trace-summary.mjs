// Reads a Chromium performance trace (the JSON Playwright's browser.stopTracing writes) for the
// page benchmark (run.mjs): how the renderer's main thread spent a span of one page's load, by
// kind of work, how much of it was idle, and how much went to compiling WebAssembly functions
// lazily, on their first call.
//
// Not a general trace analyser: it knows the handful of event names that matter for eventlens's
// start-up, and counts every other piece of main-thread work as "other".

/** Main-thread work by kind, in the order run.mjs prints it. */
export const KINDS = ["HTML + loading", "script (JS + wasm)", "wasm compile (streaming)", "wasm lazy compile",
  "wasm instantiate", "style + layout", "paint + composite", "GC", "other"];

const SCRIPT = new Set(["FunctionCall", "EvaluateScript", "v8.compileModule", "v8.evaluateModule", "v8.compile", "v8.run",
  "RunMicrotasks", "TimerFire", "FireAnimationFrame", "EventDispatch", "FireIdleCallback"]);
const STYLE_LAYOUT = new Set(["UpdateLayoutTree", "Layout", "ParseAuthorStyleSheet", "RecalculateStyles"]);
const PAINT = new Set(["Paint", "PrePaint", "Layerize", "Commit", "UpdateLayer", "CompositeLayers", "RasterTask"]);

/** The kind of one trace event, or null if it only inherits its parent's. */
function kindOf(name) {
  if (/^(ParseHTML|DocumentLoader::|HTMLDocumentParser::|NavigationBodyLoader::)/.test(name)) return "HTML + loading";
  if (name === "wasm.CompileLazy") return "wasm lazy compile";
  if (/^(v8\.)?wasm\..*(Instantiate|InstanceBuilder)/.test(name)) return "wasm instantiate";
  if (/^(v8\.)?wasm\..*(ompile|Streaming|BytesReceived)/.test(name)) return "wasm compile (streaming)";
  if (SCRIPT.has(name)) return "script (JS + wasm)";
  if (STYLE_LAYOUT.has(name)) return "style + layout";
  if (PAINT.has(name)) return "paint + composite";
  if (/GC/.test(name)) return "GC";
  return null;
}

/** For the page loaded from `url`, between `fromMs` and `toMs` (performance.now() times): its
 *  main thread's self time by kind, busy and idle time, and the lazy compilations, in ms. */
export function mainThreadSummary(trace, url, fromMs, toMs) {
  const events = trace.traceEvents ?? trace;
  const navigation = events.find((e) => e.name === "navigationStart" && e.args?.data?.documentLoaderURL === url);
  if (!navigation) throw new Error(`the trace has no navigationStart for ${url}`);
  const from = navigation.ts + fromMs * 1000;
  const to = navigation.ts + toMs * 1000;
  const slices = events
    .filter((e) => e.ph === "X" && e.pid === navigation.pid && e.tid === navigation.tid && e.ts < to && e.ts + e.dur > from)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const clipped = (e) => (Math.min(e.ts + e.dur, to) - Math.max(e.ts, from)) / 1000;

  const byKind = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
  const lazy = { count: 0, ms: 0 };
  let busy = 0;
  const stack = [];
  for (const slice of slices) {
    while (stack.length && stack.at(-1).end <= slice.ts) stack.pop();
    const parent = stack.at(-1);
    const kind = kindOf(slice.name) ?? parent?.kind ?? "other";
    const ms = clipped(slice);
    // Self time: a slice's time counts for its kind and is taken from its parent's.
    byKind[kind] += ms;
    if (parent) byKind[parent.kind] -= ms;
    else busy += ms;
    if (slice.name === "wasm.CompileLazy") {
      lazy.count += 1;
      lazy.ms += ms;
    }
    stack.push({ end: slice.ts + slice.dur, kind });
  }
  return { byKind, busy, idle: toMs - fromMs - busy, lazy };
}
