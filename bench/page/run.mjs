// `make bench`'s page benchmark: how fast the built app (dist/) shows an event, against a static
// HTML rendition of the same event under the same stylesheet, in Debian's headless Chromium
// (/usr/bin/chromium, driven by playwright-core; no browser is ever downloaded). Prints figures
// and asserts nothing about speed; it fails only if something cannot run.
//
//   1. Time to content: navigation start until the event's title and first lens section are in
//      the DOM, for the site as built (the event prerendered by `make dist`, the app taking
//      over), for the app alone (index.html, no prerendered page) and for
//      bench/page/static-render.mjs's page, warm-up plus 5 runs each in alternating order, a
//      fresh browser context (empty cache) per run, without throttling and at 4× CPU
//      throttling. Goal: site/static ≤ 1.5×. Also when the app has taken over (interactive).
//   2. Render cost: for the seed and a synthetic event (1,000 takes in 50 lenses, from
//      `bundle synth`), navigation start until the first lens is in the DOM, and opening the
//      first closed lens: from the click to aria-expanded flipping, to the next animation
//      frame (the goal's figure: under 16 ms) and to that frame drawn.
//   3. Hot spots: the app's own load of the seed, without the prerendered page, as a waterfall
//      (Resource Timing, medians of part 1's runs),
//      one performance trace of it split by kind of main-thread work, and what two changes
//      would save: preloading the bundle (estimated from the waterfall and the trace, then
//      measured with a variant index.html that has `<link rel=preload as=fetch>` for it,
//      alternating with the app as built) and prerendering the event (measured in part 1).
//   4. A summary table and the machine.
//
// Everything it generates goes to target/bench-page/: a snapshot of dist/ (so a rebuild during
// the run changes nothing), the static page, the preloading index.html, the synthetic data and
// trace.json (it opens in Chrome DevTools' Performance panel). scripts/static-server.mjs serves them
// over HTTP on 127.0.0.1, uncompressed: these are loopback figures, where transfer is nearly
// free and every figure moves with the machine's load (printed on the last line).
//
// Not a test, not for CI gating, and not the layout benchmark (bench/layout/).

import { execFileSync } from "node:child_process";
import { cp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { loadTimeline, toggleFirstClosedLens, twoFrames, watchPage } from "./page-probes.mjs";
import { serveFolders } from "../../scripts/static-server.mjs";
import { renderStatic } from "./static-render.mjs";
import { KINDS, mainThreadSummary } from "./trace-summary.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORK = join(ROOT, "target/bench-page");
const SITE = join(WORK, "site");
const SYNTH = join(WORK, "synth");
const PRELOAD = join(WORK, "preload");
const TRACE = join(WORK, "trace.json");
const SEED = { lang: "zh", slug: "anthropic-alibaba-claude-distillation" };
const RUNS = 5;
const THROTTLE = 4;
const RATIO_GOAL = 1.5;
const TOGGLE_GOAL_MS = 16;
const TIMEOUT_MS = 60_000;
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
const TRACE_CATEGORIES = ["-*", "devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8.execute",
  "v8.wasm", "blink.user_timing", "loading"];

const eventPath = ({ lang, slug }) => `/${lang}/n/${slug}`;
const bundlePath = ({ lang, slug }) => `/data/${lang}/n/${slug}.json`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => value.toFixed(1);

/** Prints rows under a header, each column as wide as its widest cell; the first column is
 *  left-aligned, the others right-aligned. */
function table(header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => String(row[i]).length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------------------------
// What is served

/** The built site's entry points, as dist/index.html names them. */
async function builtSite(folder) {
  const html = await readFile(join(folder, "index.html"), "utf8").catch(() => {
    throw new Error(`${folder}/index.html is missing: run make dist`);
  });
  const attribute = (pattern, what) => {
    const match = html.match(pattern);
    if (!match) throw new Error(`dist/index.html names no ${what}: run make dist`);
    return match[1];
  };
  const site = {
    css: attribute(/<link rel="stylesheet" href="([^"]+)"/, "stylesheet"),
    js: attribute(/data-js="([^"]+)"/, "app script"),
    wasm: attribute(/data-wasm="([^"]+)"/, "wasm"),
    icon: attribute(/<link rel="icon" href="([^"]+)"/, "icon"),
    html,
  };
  site.bytes = {};
  for (const key of ["js", "wasm"]) {
    site.bytes[key] = (await readFile(join(folder, site[key]))).length;
  }
  return site;
}

/** "17 takes, 6 lenses" */
const describe = (bundle) =>
  `${bundle.lenses.flatMap((lens) => lens.takes).length.toLocaleString("en")} takes, ${bundle.lenses.length} lenses`;

/** Fills target/bench-page: a snapshot of dist/, the seed's static page under /static/, an
 *  index.html that also preloads the seed's bundle, and the synthetic event in its own data
 *  folder. Returns what run() needs to know about them. */
async function prepare() {
  await rm(WORK, { recursive: true, force: true });
  await cp(join(ROOT, "dist"), SITE, { recursive: true, filter: (source) => !source.includes("/.stage") });
  const site = await builtSite(SITE);

  const seed = JSON.parse(await readFile(join(SITE, bundlePath(SEED)), "utf8"));
  const staticPath = `/static${eventPath(SEED)}.html`;
  await mkdir(join(SITE, `/static/${SEED.lang}/n`), { recursive: true });
  await writeFile(join(SITE, staticPath), renderStatic(seed, site));

  await mkdir(PRELOAD);
  await writeFile(join(PRELOAD, "index.html"),
    site.html.replace("</head>", `<link rel="preload" href="${bundlePath(SEED)}" as="fetch" crossorigin="anonymous"></head>`));

  const synthData = join(SYNTH, "data");
  execFileSync("cargo", ["run", "--quiet", "--bin", "bundle", "--", "synth", "--events", "1", "--takes", "1000",
    "--lenses", "50", "--seed", "1", "--lang", "zh", "--out", synthData, "--force"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const [file] = await readdir(join(synthData, "zh/n"));
  const synth = { lang: "zh", slug: file.replace(/\.json$/, "") };
  synth.label = describe(JSON.parse(await readFile(join(synthData, `zh/n/${file}`), "utf8")));
  return { site, staticPath, seed: { ...SEED, label: describe(seed) }, synth };
}

// ---------------------------------------------------------------------------------------------
// In the browser

/** Opens `url` in a fresh context (nothing cached), CPU-throttled by `throttle` if above 1 and
 *  traced into `trace` if given, and waits until its content is in the DOM. Returns the page;
 *  close its context when done. */
async function open(browser, url, { throttle = 1, trace, errors }) {
  const context = await browser.newContext();
  await context.addInitScript(watchPage);
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(`${url}: ${error.message}`));
  page.on("console", (message) => message.type() === "error" && errors.push(`${url}: ${message.text()}`));
  if (throttle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  }
  if (trace) await browser.startTracing(page, { path: trace, categories: TRACE_CATEGORIES });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__bench?.content, null, { polling: 50, timeout: TIMEOUT_MS }).catch(() => {
    throw new Error(`${url}: no title and lens in the DOM after ${TIMEOUT_MS / 1000} s: ${errors.join("; ") || "no error reported"}`);
  });
  return page;
}

/** Loads `url` and returns its timeline (page-probes.mjs's loadTimeline). */
async function timeLoad(browser, url, options) {
  const page = await open(browser, url, options);
  try {
    // Pages of the app also say when it has drawn the page itself (the static page has no app).
    await page.waitForFunction(() => window.__bench.ready || !document.querySelector("script[data-wasm]"), null,
      { polling: 50, timeout: TIMEOUT_MS });
    return await page.evaluate(loadTimeline);
  } finally {
    await page.context().close();
  }
}

/** Parts 1 and 3: a warm-up load of each of the two `urls` ({ name: url }), then RUNS loads
 *  of each, alternating which goes first. Returns each one's timelines and median time to
 *  content. */
async function compare(browser, urls, { throttle = 1, errors }) {
  const names = Object.keys(urls);
  const timelines = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) await timeLoad(browser, urls[name], { throttle, errors });
  for (let i = 0; i < RUNS; ++i) {
    for (const name of i % 2 === 0 ? names : [...names].reverse()) {
      timelines[name].push(await timeLoad(browser, urls[name], { throttle, errors }));
    }
  }
  const content = Object.fromEntries(names.map((name) => [name, median(timelines[name].map((t) => t.marks.content))]));
  const ready = Object.fromEntries(names.map((name) => [name, median(timelines[name].map((t) => t.marks.ready ?? NaN))]));
  return { timelines, content, ready };
}

/** Part 2: for one event, warm-up plus RUNS loads, each timing the render and then opening
 *  the first closed lens once the page has settled (network idle, two frames). */
async function renderCost(browser, origin, event, errors) {
  const runs = [];
  for (let i = 0; i <= RUNS; ++i) {
    const page = await open(browser, origin + eventPath(event), { errors });
    try {
      const render = await page.evaluate(() => window.__bench.lens);
      await page.waitForFunction(() => window.__bench.ready, null, { polling: 50, timeout: TIMEOUT_MS });
      await page.waitForLoadState("networkidle");
      await page.evaluate(twoFrames);
      const toggle = await page.evaluate(toggleFirstClosedLens);
      if (i > 0) runs.push({ render, ...toggle });
    } finally {
      await page.context().close();
    }
  }
  const pick = (key) => median(runs.map((run) => run[key]));
  return { render: pick("render"), flip: pick("flip"), frame: pick("frame"), painted: pick("painted") };
}

/** Part 3's trace: one seed load, traced until the network is idle. Returns its timeline, its
 *  main thread from navigation start to content, and its main thread while the bundle was on
 *  its way (from the app's request to the response's end). */
async function traceSeedLoad(browser, origin, errors) {
  const url = origin + eventPath(SEED);
  const page = await open(browser, url, { trace: TRACE, errors });
  try {
    await page.waitForLoadState("networkidle");
    await browser.stopTracing();
    const timeline = await page.evaluate(loadTimeline);
    const trace = JSON.parse(await readFile(TRACE, "utf8"));
    const bundle = timeline.resources.find((r) => r.path === bundlePath(SEED));
    return {
      timeline,
      load: mainThreadSummary(trace, url, 0, timeline.marks.content),
      bundleWait: { ...bundle, ...mainThreadSummary(trace, url, bundle.start, bundle.end) },
    };
  } finally {
    await page.context().close();
  }
}

// ---------------------------------------------------------------------------------------------
// Reports

/** The seed's load, step by step: medians over `timelines` of when each step starts and ends. */
function waterfall(timelines, site) {
  const resource = (path) => (t) => t.resources.find((r) => r.path === path);
  const steps = [
    ["HTML document", (t) => t.navigation],
    ["boot.js", resource("/boot.js")],
    ["app JS", resource(site.js)],
    ["wasm download", resource(site.wasm)],
    ["wasm compile + instantiate", (t) => ({ start: t.marks.wasmStart, end: t.marks.wasmEnd })],
    ["index /data/index.json", resource("/data/index.json")],
    ["bundle " + bundlePath(SEED).replace(SEED.slug, "…"), resource(bundlePath(SEED))],
    ["render: bundle in → title in DOM", (t) => ({ start: resource(bundlePath(SEED))(t).end, end: t.marks.title })],
  ];
  return steps.map(([name, find]) => {
    const spans = timelines.map(find);
    if (spans.some((span) => !span || span.start === undefined || span.end === undefined)) {
      throw new Error(`the seed's load has no ${name} step: is dist/ a current build?`);
    }
    return { name, start: median(spans.map((s) => s.start)), end: median(spans.map((s) => s.end)) };
  });
}

function printWaterfall(steps, timelines) {
  const content = median(timelines.map((t) => t.marks.content));
  const fcp = median(timelines.map((t) => t.paints["first-contentful-paint"] ?? NaN));
  const width = 40;
  const scale = width / Math.max(content, ...steps.map((s) => s.end));
  const bar = ({ start, end }) => {
    const from = Math.round(start * scale);
    return " ".repeat(from) + "█".repeat(Math.max(1, Math.round(end * scale) - from));
  };
  table(["step (ms from navigation start)", "start", "end", "ms", "timeline"],
    [...steps.map((s) => [s.name, ms(s.start), ms(s.end), ms(s.end - s.start), bar(s)]),
      ["title + first lens in DOM", "", ms(content), "", bar({ start: content, end: content })],
      ["first contentful paint", "", ms(fcp), "", bar({ start: fcp, end: fcp })]]);
}

async function cpuModel() {
  const line = (await readFile("/proc/cpuinfo", "utf8")).split("\n").find((l) => l.startsWith("model name"));
  return line ? line.split(":")[1].trim() : "unknown CPU";
}

// ---------------------------------------------------------------------------------------------
// The four parts

const cpu = (throttle) => (throttle === 1 ? "no throttling" : `${throttle}× CPU throttling`);
const verdict = (met) => (met ? "met" : "missed");

/** Part 1. Returns, per CPU setting, the medians, their ratio and the app's timelines. */
async function partTimeToContent(browser, urls, errors) {
  console.log(`\n1. time to content: navigation start → ${eventPath(SEED)}'s title and first lens in the DOM`);
  const rows = [];
  for (const throttle of [1, THROTTLE]) {
    const { content, ready, timelines } = await compare(browser, urls, { throttle, errors });
    rows.push({ throttle, site: content.site, static: content.static, ratio: content.site / content.static,
      interactive: ready.site, spa: content.spa, spaRatio: content.spa / content.static, timelines: timelines.spa });
  }
  table(["CPU", "site ms", "static ms", "site/static", `goal ≤ ${RATIO_GOAL}×`, "site interactive ms", "app alone ms", "app alone/static"],
    rows.map((c) => [cpu(c.throttle), ms(c.site), ms(c.static), `${c.ratio.toFixed(2)}×`, verdict(c.ratio <= RATIO_GOAL),
      ms(c.interactive), ms(c.spa), `${c.spaRatio.toFixed(2)}×`]));
  console.log(`site: the event prerendered, as \`make dist\` builds it; interactive: the app has taken over from it. ` +
    `app alone: index.html, the app fetching and drawing the event (as before prerendering, and as \`make serve\` serves).`);
  return rows;
}

/** Part 2, for each of `events` ([name, origin, event]). */
async function partRenderCost(browser, events, errors) {
  console.log(`\n2. render cost (no throttling): navigation start → first lens in the DOM; opening the first closed lens`);
  const rows = [];
  for (const [name, origin, event] of events) rows.push({ name, ...(await renderCost(browser, origin, event, errors)) });
  table(["event", "render ms", "toggle: click → aria-expanded", "→ next frame", "→ frame drawn", `goal < ${TOGGLE_GOAL_MS} ms`],
    rows.map((r) => [r.name, ms(r.render), ms(r.flip), ms(r.frame), ms(r.painted), verdict(r.frame < TOGGLE_GOAL_MS)]));
  return rows;
}

/** Part 3: the waterfall of `unthrottled` (part 1's row), the trace, and what two changes
 *  would save. Returns the figures the summary repeats. */
async function partHotSpots(browser, unthrottled, site, origins, errors) {
  console.log(`\n3. hot spots: the app alone's load of the seed without throttling, medians of part 1's ${RUNS} runs`);
  const steps = waterfall(unthrottled.timelines, site);
  printWaterfall(steps, unthrottled.timelines);
  const { timeline, load, bundleWait } = await traceSeedLoad(browser, origins.spa, errors);
  const traced = timeline.marks.content;
  console.log(`\nmain thread, navigation start → content, one traced load (${ms(traced)} ms; tracing slows it): ` +
    `busy ${ms(load.busy)} ms, idle ${ms(load.idle)} ms (waiting on the network or timers)`);
  table(["work", "ms", "share"], KINDS.filter((kind) => load.byKind[kind] >= 0.05)
    .map((kind) => [kind, ms(load.byKind[kind]), `${((100 * load.byKind[kind]) / traced).toFixed(0)}%`]));
  console.log(`wasm lazy compile: ${load.lazy.count} functions compiled on their first call, ${ms(load.lazy.ms)} ms. ` +
    `Trace: ${TRACE}`);

  const step = (prefix) => steps.find((s) => s.name.startsWith(prefix));
  const [wasm, bundle, render] = [step("wasm compile"), step("bundle"), step("render")];
  const wasmVsStatic = wasm.end / unthrottled.static;
  console.log(`\nthe wasm is ready at ${ms(wasm.end)} ms, ${wasmVsStatic.toFixed(2)}× the static page's time to content: ` +
    (wasmVsStatic > RATIO_GOAL ? `no change to what happens after that (fetching data, rendering) can meet ≤ ${RATIO_GOAL}× by itself.`
      : `within ≤ ${RATIO_GOAL}×, so the goal is open to changes after it.`));
  console.log(`what would save what, on loopback:`);
  console.log(`- preload the bundle from the HTML, in parallel with the wasm: its request, ${ms(bundle.start)} → ` +
    `${ms(bundle.end)} ms (medians), leaves the critical path, but only the time the main thread spends idle waiting ` +
    `for it is saved: ${ms(bundleWait.idle)} of its ${ms(bundleWait.end - bundleWait.start)} ms in the traced load. ` +
    `Estimate: ${ms(bundleWait.idle)} to ${ms(bundle.end - bundle.start)} ms, plus one round trip on a real network.`);
  const whatIf = await compare(browser, { app: origins.spa + eventPath(SEED), preloaded: origins.preload + eventPath(SEED) }, { errors });
  const bundleOf = (t) => t.resources.filter((r) => r.path === bundlePath(SEED));
  const unused = whatIf.timelines.preloaded.filter((t) => bundleOf(t).length !== 1).length;
  // Run i of each went back to back, so the median of the differences is steadier than the
  // difference of the medians on a busy machine.
  const measured = median(whatIf.timelines.app.map((t, i) => t.marks.content - whatIf.timelines.preloaded[i].marks.content));
  console.log(`  measured, with <link rel="preload" href="${bundlePath(SEED)}" as="fetch" crossorigin="anonymous"> ` +
    `added to index.html: time to content ${ms(whatIf.content.app)} → ${ms(whatIf.content.preloaded)} ms ` +
    `(medians; median saving per pair of runs ${ms(measured)} ms; the bundle in by ` +
    `${ms(median(whatIf.timelines.preloaded.map((t) => bundleOf(t)[0].end)))} ms)` +
    (unused ? `; in ${unused} of ${RUNS} runs the app fetched the bundle again instead of using the preload` : ""));
  const prerender = unthrottled.spa - unthrottled.site;
  console.log(`- prerender the event's HTML at build time and let the app take over (done: \`make dist\`): ` +
    `measured in part 1, content at ${ms(unthrottled.site)} instead of ${ms(unthrottled.spa)} ms, ${ms(prerender)} ms saved.`);
  return { wasm, wasmVsStatic, render, preload: { from: bundleWait.idle, to: bundle.end - bundle.start, measured }, prerender };
}

async function printSummary(browser, content, renders, hot) {
  console.log(`\n4. summary`);
  table(["measure", "figure", "goal", ""], [
    ...content.map((c) => [`time to content, site / static, ${cpu(c.throttle)}`,
      `${ms(c.site)} / ${ms(c.static)} ms = ${c.ratio.toFixed(2)}×`, `≤ ${RATIO_GOAL}×`, verdict(c.ratio <= RATIO_GOAL)]),
    ...content.map((c) => [`  site interactive (app took over), ${cpu(c.throttle)}`, `${ms(c.interactive)} ms`, "", ""]),
    ...content.map((c) => [`  app alone / static, ${cpu(c.throttle)}`,
      `${ms(c.spa)} / ${ms(c.static)} ms = ${c.spaRatio.toFixed(2)}×`, "", ""]),
    ...renders.flatMap((r) => [[`render, ${r.name}`, `${ms(r.render)} ms`, "", ""],
      [`toggle → next frame, ${r.name}`, `${ms(r.frame)} ms`, `< ${TOGGLE_GOAL_MS} ms`, verdict(r.frame < TOGGLE_GOAL_MS)]]),
    [`seed: wasm ready (compile + instantiate ${ms(hot.wasm.end - hot.wasm.start)} ms)`,
      `${ms(hot.wasm.end)} ms = ${hot.wasmVsStatic.toFixed(2)}× static`, "", ""],
    ["seed: render after the bundle is in", `${ms(hot.render.end - hot.render.start)} ms`, "", ""],
    ["seed: preload the bundle, estimated / measured",
      `${ms(hot.preload.from)}–${ms(hot.preload.to)} / ${ms(hot.preload.measured)} ms saved`, "", ""],
    ["seed: prerender the event, measured", `${ms(hot.prerender)} ms saved`, "", ""],
  ]);
  console.log(`machine: ${await cpuModel()} · ${cpus().length} cores · load average ${loadavg()[0].toFixed(1)} · ` +
    `Chromium ${browser.version()} · node ${process.version} · ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`);
}

async function run() {
  const { site, staticPath, seed, synth } = await prepare();
  const siteServer = await serveFolders([SITE]);
  const spaServer = await serveFolders([SITE], { prerendered: false });
  const synthServer = await serveFolders([SYNTH, SITE], { prerendered: false });
  const preloadServer = await serveFolders([PRELOAD, SITE], { prerendered: false });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
  const errors = [];
  try {
    console.log(`page benchmark: dist/ snapshot (app JS ${(site.bytes.js / 1024).toFixed(0)} KB, wasm ` +
      `${(site.bytes.wasm / 1024).toFixed(0)} KB, uncompressed) over loopback HTTP, headless Chromium, ` +
      `fresh context per run, median of ${RUNS} after a warm-up`);
    const content = await partTimeToContent(browser, { site: siteServer.origin + eventPath(SEED),
      spa: spaServer.origin + eventPath(SEED), static: siteServer.origin + staticPath }, errors);
    const renders = await partRenderCost(browser, [[`seed (${seed.label})`, siteServer.origin, seed],
      [`synthetic (${synth.label})`, synthServer.origin, synth]], errors);
    const hot = await partHotSpots(browser, content[0], site, { spa: spaServer.origin, preload: preloadServer.origin }, errors);
    await printSummary(browser, content, renders, hot);
    if (errors.length) throw new Error(`the pages reported errors:\n${errors.join("\n")}`);
  } finally {
    await browser.close();
    await Promise.all([siteServer.close(), spaServer.close(), synthServer.close(), preloadServer.close()]);
  }
}

await run();
