// The page benchmark's part 4: where the time goes between navigation start and the app's
// takeover of the seed's prerendered page, at 4× CPU. Two views of it:
//
//   - a performance trace of the page as built, its main thread split by kind of work (HTML,
//     script, wasm compile and instantiate, style and layout, paint, GC) with trace-summary.mjs,
//     and the load's milestones from the page's own probes;
//   - a V8 CPU profile (sampling, 100 µs) of a load of the same code with its function names
//     kept (the shipped module has none), each sample put down to what the app was doing: parsing
//     the JSON documents, rendering, swapping the prerendered copy out, its JS glue and boot.js,
//     or the browser's own work outside script.
//
// The names build is the wasm trunk last built (target/wasm32-unknown-unknown/release), put
// through trunk's steps again (wasm-bindgen --target web, wasm-opt at index.html's level) with
// -g, and served in place of the shipped files: same code, but a bigger download with a names
// section, so only its shares are used, never its times.
//
// Not a general profiler: the categories know eventlens's crates.

import { execFileSync } from "node:child_process";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { serveFolders } from "../../scripts/static-server.mjs";
import { cpu, freshPage, ms, table, THROTTLE, waitFor } from "./common.mjs";
import { loadTimeline } from "./page-probes.mjs";
import { KINDS, mainThreadSummary } from "./trace-summary.mjs";

const TRACE_CATEGORIES = ["-*", "devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8.execute",
  "v8.wasm", "disabled-by-default-v8.wasm", "blink.user_timing", "loading", "v8"];

/** What a CPU profile sample was doing, by the innermost frame of its stack that says: the
 *  first of these whose pattern matches a frame's name, from the leaf up. Frames that say
 *  nothing (the allocator, core, wasm-bindgen's glue) take their caller's. */
const DOING = [
  ["swap out the prerendered copy", /prerender::reveal/],
  ["parse JSON", /serde_json|serde::de|serde_core::de|parse_doc|eventlens_format::validate|::deserialize|Deserialize|read_checked/],
  ["fetch", /eventlens::api::get_text|fetch_document/],
  ["render (leptos, tachys, components)", /tachys|leptos|reactive_graph|eventlens::components|eventlens::routes|eventlens::App|hydration|any_spawner/],
  ["force layout", /force_layout/],
];

/** Runs trunk's wasm steps again with names kept. Returns the folder that holds the named JS
 *  and wasm under the shipped files' names (`app.js`, `app.wasm` as the page names them). */
async function namedBuild(root, work, app) {
  const wasm = join(root, "target/wasm32-unknown-unknown/release/eventlens.wasm");
  const level = ((await readFile(join(root, "index.html"), "utf8")).match(/data-wasm-opt="([^"]+)"/) ?? [])[1] ?? "z";
  const tmp = join(work, "named-tmp");
  const out = join(work, "named");
  await rm(tmp, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const run = (tool, args) => execFileSync(tool, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--keep-debug", "--out-dir", tmp, "--out-name", "app", wasm]);
  run("wasm-opt", [`-O${level}`, "-g", join(tmp, "app_bg.wasm"), "-o", join(tmp, "named.wasm")]);
  await mkdir(join(out, app.js, ".."), { recursive: true });
  await copyFile(join(tmp, "app.js"), join(out, app.js));
  await copyFile(join(tmp, "named.wasm"), join(out, app.wasm));
  return out;
}

/** One traced load of `url` at 4× CPU until the takeover: the main thread by kind of work. */
async function tracedLoad(browser, url, tracePath, errors) {
  const page = await freshPage(browser, { throttle: THROTTLE, errors });
  try {
    await browser.startTracing(page, { path: tracePath, categories: TRACE_CATEGORIES });
    await page.goto(url, { waitUntil: "commit" });
    await waitFor(page, () => window.__bench?.interactive, "no takeover");
    await browser.stopTracing();
    const timeline = await page.evaluate(loadTimeline);
    const trace = JSON.parse(await readFile(tracePath, "utf8"));
    return { timeline, summary: mainThreadSummary(trace, url, 0, timeline.marks.interactive) };
  } finally {
    await page.context().close();
  }
}

/** The innermost frame's category for every node of a CPU profile, by walking up parents. */
function categorise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map();
  const categoryOf = (id) => {
    if (memo.has(id)) return memo.get(id);
    const { functionName, url } = byId.get(id).callFrame;
    let category;
    if (functionName === "(idle)") category = "idle";
    else if (functionName === "(program)") category = "browser, outside script (HTML, style, layout, paint, compile)";
    else if (functionName === "(garbage collector)") category = "GC";
    else if (functionName === "(root)") category = null;
    else category = DOING.find(([, pattern]) => pattern.test(functionName))?.[0] ?? null;
    if (category === null && parent.has(id)) category = categoryOf(parent.get(id));
    if (category === null) category = /boot\.js/.test(url) ? "boot.js" : url.endsWith(".js") ? "JS glue and other script" : "other wasm";
    memo.set(id, category);
    return category;
  };
  return categoryOf;
}

/** One load of `url` with the names build, CPU-profiled until the takeover: ms per category. */
async function profiledLoad(browser, url, errors) {
  const page = await freshPage(browser, { throttle: THROTTLE, errors });
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await cdp.send("Profiler.start");
    await page.goto(url, { waitUntil: "commit" });
    await waitFor(page, () => window.__bench?.interactive, "no takeover");
    const { profile } = await cdp.send("Profiler.stop");
    const categoryOf = categorise(profile);
    const byCategory = new Map();
    const topWasm = new Map();
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const category = categoryOf(id);
      byCategory.set(category, (byCategory.get(category) ?? 0) + dt);
      if (category !== "idle") {
        const name = profile.nodes.find((n) => n.id === id).callFrame.functionName || "(anonymous)";
        topWasm.set(name, (topWasm.get(name) ?? 0) + dt);
      }
    });
    return { profile, byCategory, top: [...topWasm].sort((a, b) => b[1] - a[1]).slice(0, 15),
      interactive: await page.evaluate(() => window.__bench.interactive) };
  } finally {
    await page.context().close();
  }
}

/** Part 4. `url` is the seed's page on the served snapshot `site` folder; `app` names its JS
 *  and wasm. Returns the traced load's busy and idle time. */
export async function profileTakeover(browser, url, app, { root, work, site, errors }) {
  console.log(`\n4. the takeover at ${cpu(THROTTLE)}: navigation start → the app has taken over the seed's page`);
  const { timeline, summary } = await tracedLoad(browser, url, join(work, "trace.json"), errors);
  const m = timeline.marks;
  const doc = timeline.resources.find((r) => r.path.startsWith("/data/") && r.path.includes("/n/"));
  const wasm = timeline.resources.find((r) => r.path === app.wasm);
  console.log(`one traced load (tracing slows it): first paint ${ms(timeline.paints["first-contentful-paint"])} ms, ` +
    `content ${ms(m.content)}, wasm downloaded ${ms(wasm?.end)}, compiled and instantiated ${ms(m.wasmStart)} → ` +
    `${ms(m.wasmEnd)}, event document in ${ms(doc?.end)}, taken over ${ms(m.interactive)} ms. ` +
    `Main thread busy ${ms(summary.busy)} ms, idle ${ms(summary.idle)} ms. Trace: ${join(work, "trace.json")}`);
  table(["main thread by kind of work (trace)", "ms", "share"], KINDS.filter((kind) => summary.byKind[kind] >= 0.5)
    .map((kind) => [kind, ms(summary.byKind[kind]), `${((100 * summary.byKind[kind]) / m.interactive).toFixed(0)}%`]));
  console.log(`wasm functions compiled lazily on their first call: ${summary.lazy.count}, ${ms(summary.lazy.ms)} ms`);

  const named = await namedBuild(root, work, app);
  const server = await serveFolders([named, site]);
  try {
    const profiled = await profiledLoad(browser, server.origin + new URL(url).pathname, errors);
    await writeFile(join(work, "takeover.cpuprofile"), JSON.stringify(profiled.profile));
    const total = [...profiled.byCategory.values()].reduce((a, b) => a + b, 0);
    console.log(`\nthe same load with the names build, CPU-profiled (takeover at ${ms(profiled.interactive)} ms; ` +
      `shares of ${ms(total)} ms of samples; profile: ${join(work, "takeover.cpuprofile")}):`);
    table(["what the main thread did (CPU profile)", "ms", "share"], [...profiled.byCategory]
      .sort((a, b) => b[1] - a[1]).map(([category, t]) => [category, ms(t), `${((100 * t) / total).toFixed(0)}%`]));
    console.log(`busiest functions (self time): ${profiled.top.filter(([n]) => n !== "(idle)")
      .map(([n, t]) => `${n.slice(0, 70)} ${ms(t)}`).join(" · ")}`);
    return { busy: summary.busy, idle: summary.idle, byCategory: profiled.byCategory };
  } finally {
    await server.close();
  }
}
