// `make bench-scale`: what a site costs its builder and its readers at 1, 1,000, 10,000 and
// 100,000 synthetic events. A benchmark: it prints figures and asserts nothing.
//
// For each size: `bundle synth` writes the collection, `bundle site` builds the whole site
// (timed, pages per second), then one event is retitled and the site rebuilt, twice (the incremental
// build, timed, with the number of files it changed). The site is then served by
// scripts/static-server.mjs (a plain static host) and read in headless Chromium, one fresh
// context per page: an event page, the home page, the biggest hub entity's page and, when the
// explorer is built, the explore page. For each: bytes transferred (all responses, and data
// responses alone), the longest main-thread task, and time to content (the first paint of
// the page's heading). Then the search index is built over the site and queried
// (bench/scale/search.mjs): its build time, and each query's time and bytes.
//
//   node bench/scale/run.mjs APP_DIR [SIZES]      SIZES default 1,1000,10000,100000
//
// Needs target/native/bundle (`make bundle-native`), the app shell trunk built (`make app`),
// node_modules and /usr/bin/chromium. Mind the disk: 100,000 events make about 20 GB (15 of it share cards); each
// size's folders are removed once measured.

import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync, statSync } from "node:fs";
import { chromium } from "playwright-core";
import { serveFolders } from "../../scripts/static-server.mjs";
import { measureSearch, printSearch } from "./search.mjs";

// BENCH_BUNDLE: a copy of the tool, so that a rebuild during a long run changes nothing.
const BUNDLE = process.env.BENCH_BUNDLE ?? "target/native/bundle";
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
const app = process.argv[2] ?? "target/app";
const sizes = (process.argv[3] ?? process.env.BENCH_SIZES ?? "1,1000,10000,100000").split(",").map(Number);

function run(args) {
  const started = performance.now();
  const result = spawnSync(BUNDLE, args, { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`bundle ${args.join(" ")} failed:\n${result.stderr}`);
  return { seconds: (performance.now() - started) / 1000, stderr: result.stderr.toString() };
}

/** The number in `… N pages rendered …` of `bundle site`'s summary line. */
const rendered = (stderr) => Number(stderr.match(/(\d+) pages rendered/)?.[1] ?? 0);
/** Seconds of one phase of `bundle site`'s timings (`  PHASE: 1.23 s`). */
const phase = (stderr, name) => Number(stderr.match(new RegExp(`${name}[^:]*: ([0-9.]+) s`))?.[1] ?? NaN);

async function measure(browser, origin, path, ready) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push(e.duration); })
      .observe({ type: "longtask", buffered: true });
  });
  let bytes = 0, data = 0, biggestData = 0;
  page.on("response", async (response) => {
    try {
      const size = (await response.body()).length;
      bytes += size;
      if (new URL(response.url()).pathname.includes("/data/")) {
        data += size;
        biggestData = Math.max(biggestData, size);
      }
    } catch { /* a redirect has no body */ }
  });
  const started = Date.now();
  await page.goto(origin + path, { waitUntil: "load", timeout: 120_000 });
  await page.waitForFunction(ready, null, { timeout: 120_000 });
  // Time to content: the explorer's first picture (its own mark), else the first contentful
  // paint of the prerendered page.
  const content = await page.evaluate(() => {
    const drawn = performance.getEntriesByName("explore:drawn")[0];
    const paint = performance.getEntriesByType("paint").find((p) => p.name === "first-contentful-paint");
    return (drawn ?? paint)?.startTime ?? performance.now();
  });
  await page.waitForTimeout(1500);
  const longest = await page.evaluate(() => Math.max(0, ...window.__tasks));
  await context.close();
  return { bytes, data, biggestData, longest, content, wall: Date.now() - started };
}

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const rows = [];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
for (const n of sizes) {
  const collection = `target/bench-scale/c${n}`;
  const out = `target/bench-scale/s${n}`;
  rmSync(collection, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  run(["synth", "--events", String(n), "--seed", "7", "--out", collection]);
  const full = run(["site", collection, "--app", app, "--out", out]);
  const fullPages = rendered(full.stderr);
  // Retitle the oldest-numbered event, a hub: its neighbours, entities and lists all change.
  // Twice: the first rebuild follows a full build that wrote gigabytes, which may have pushed
  // the bundles out of the page cache; the second is an editor's next change.
  const file = `${collection}/en/n/synthetic-event-0001.json`;
  const incrementals = [];
  for (const edit of ["retitled", "retitled again"]) {
    const bundle = JSON.parse(readFileSync(file, "utf8"));
    bundle.title = `${bundle.title} (${edit})`;
    writeFileSync(file, JSON.stringify(bundle, null, 2));
    incrementals.push(run(["site", collection, "--app", app, "--out", out, "--changes", `${out}.changes`]));
  }
  const changed = readFileSync(`${out}.changes`, "utf8").split("\n").filter(Boolean).length;

  const manifest = JSON.parse(readFileSync(`${out}/data/manifest.json`, "utf8"));
  const hub = biggestEntity(collection);
  const server = await serveFolders([out]);
  const pages = {
    event: await measure(browser, server.origin, "/en/n/synthetic-event-0001", () => !document.querySelector("#boot")),
    home: await measure(browser, server.origin, "/en", () => !document.querySelector("#boot")),
    "hub entity": await measure(browser, server.origin, `/en/entity/${hub}`, () => !document.querySelector("#boot")),
  };
  let explore = null;
  try {
    statSync(`${out}/en/graph/index.html`);
    explore = await measure(browser, server.origin, "/en/graph", () => document.getElementById("explore")?.dataset.state === "drawn");
  } catch { /* no explorer in this build */ }
  if (explore) pages.explore = explore;
  await server.close();
  rows.push({ n, full, fullPages, incrementals, changed, pages, events: manifest.languages[0].events });
  print(rows.at(-1));
  if (n >= 1000) printSearch(n, await measureSearch(browser, out));
  rmSync(collection, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}
await browser.close();

/** The slug of the entity with the most events, from the index `bundle synth` writes beside
 *  the bundles (reading 50,000 entity list pages would take longer than the page it picks). */
function biggestEntity(collection) {
  const index = JSON.parse(readFileSync(`${collection}/index.json`, "utf8"));
  return index.entities.reduce((best, e) => (e.events.length > best.events.length ? e : best)).slug;
}

function print({ n, full, fullPages, incrementals, changed, pages }) {
  console.log(`\n${n.toLocaleString("en")} events`);
  const pagesPhase = phase(full.stderr, "lay out graphs, render pages");
  const cards = phase(full.stderr, "draw share cards");
  const feeds = phase(full.stderr, "of which feeds and sitemaps");
  const cpu = full.stderr.match(/CPU time: ([0-9.]+) s \(([0-9.]+) s over (\d+) cores\)/);
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  if (cpu) console.log(`  full build CPU time ${cpu[1]} s, ${cpu[2]} s over ${cpu[3]} cores (what it takes on this machine alone); load average now ${load}`);
  console.log(`  full build ${full.seconds.toFixed(1)} s: ${fullPages} pages rendered (with every document) in ${pagesPhase.toFixed(1)} s, ${(fullPages / pagesPhase).toFixed(0)} pages/s; feeds and sitemaps ${feeds.toFixed(1)} s; share cards ${cards.toFixed(1)} s`);
  for (const [k, inc] of incrementals.entries()) {
    const incCpu = inc.stderr.match(/CPU time: ([0-9.]+) s \(([0-9.]+) s over/);
    const which = k === 0 ? "first, right after the full build" : "second";
    console.log(`  one-event incremental build (${which}) ${inc.seconds.toFixed(2)} s${incCpu ? ` (CPU ${incCpu[1]} s, ${incCpu[2]} s over the cores)` : ""}, ${rendered(inc.stderr)} pages rendered`);
  }
  console.log(`  files the second one-event build changed: ${changed}`);
  console.log("  page        | transferred | data     | biggest data | longest task | time to content");
  for (const [name, m] of Object.entries(pages)) {
    console.log(`  ${name.padEnd(11)} | ${kb(m.bytes).padStart(11)} | ${kb(m.data).padStart(8)} | ${kb(m.biggestData).padStart(12)} | ${`${m.longest.toFixed(0)} ms`.padStart(12)} | ${m.content.toFixed(0)} ms`);
  }
}
