// Search at scale: what the index costs its builder, and what a query costs a reader. A
// benchmark: it prints figures and asserts nothing.
//
// For a built site (`bundle site` output), [`measureSearch`] times scripts/search-index.mjs
// over it, then, in headless Chromium, opens /en/search and waits until the page has loaded,
// its search engine included (the page loads Pagefind, its wasm and the indexes' metadata on
// arrival, and marks its form `data-ready`): those bytes are the page's, printed apart. It then
// runs one-word queries from the search field: each in a fresh page (the first query, whose
// index chunks nothing has loaded yet) and then a second word in the same page (a warm query).
// For each: the time from Enter to the results on screen, and the bytes transferred
// (compressed, as counted by the browser) from Enter on. The site is served by nginx with deploy/nginx.conf (tests/e2e/support.mjs), so the bytes are
// what production sends.
//
// The words are chosen from the synthetic collection's vocabulary to span how many events a
// word is in: `0042` (a few events: an event and an entity number), `herald` (the outlet
// "Example Herald", cited by about two in five events) and `synthetic` (every event).
//
//   node bench/scale/search.mjs APP_DIR [SIZES]       SIZES default 10000,100000
//   node bench/scale/search.mjs --site SITE_DIR        a site `bundle site` already built
//
// alone builds each synthetic site itself (target/native/bundle, `make bundle-native`); from
// bench/scale/run.mjs, call measureSearch(browser, out) once `bundle site` has built `out`.

import { execFileSync } from "node:child_process";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { serveDist } from "../../tests/e2e/support.mjs";
import { buildSearchIndex } from "../../scripts/search-index.mjs";

const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
export const WORDS = ["0042", "herald", "synthetic"];
/** A query slower than this is reported as such rather than awaited. */
const QUERY_TIMEOUT_MS = 120_000;

/** Bytes in a folder, recursively. */
function folderBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/** Runs `word` from the search field of `page` (already on the search page); time and bytes. */
async function query(page, word) {
  const counter = countBytes(page);
  await page.fill("#search-q", word);
  const started = Date.now();
  await page.keyboard.press("Enter");
  let ms;
  try {
    // Done when the answer names the word: the count line or the empty state (the line shown
    // while searching does not).
    await page.waitForFunction((w) => [...document.querySelectorAll(".search-results .search-status, .search-empty")]
      .some((e) => e.textContent.includes(w)), word, { timeout: QUERY_TIMEOUT_MS, polling: 10 });
    ms = Date.now() - started;
  } catch {
    ms = Infinity;
  }
  await page.waitForTimeout(300);
  const { bytes } = counter.stop();
  // "12 events", or "About 59,000 events" (printed ~59,000) when only the newest shards were
  // searched.
  const total = await page.$eval(".search-results", (e) => {
    const m = e.textContent.match(/(About )?([\d,]+) events?/);
    return m ? `${m[1] ? "~" : ""}${m[2]}` : "0";
  }).catch(() => "?");
  return { ms, bytes, total };
}

/** Counts what `page` receives until stop(): all bytes (compressed, headers included), and
 *  those of Pagefind's files apart. */
function countBytes(page) {
  let bytes = 0, pagefind = 0;
  const count = async (response) => {
    try {
      const sizes = await response.request().sizes();
      const size = sizes.responseBodySize + sizes.responseHeadersSize;
      bytes += size;
      if (new URL(response.url()).pathname.includes("/pagefind/")) pagefind += size;
    } catch { /* the page went away */ }
  };
  page.on("response", count);
  return { stop: () => { page.off("response", count); return { bytes, pagefind }; } };
}

/** Index build time and sizes, then the cost of each of `words` for a reader, on the site at `out`. */
export async function measureSearch(browser, out, words = WORDS) {
  const started = performance.now();
  const problems = await buildSearchIndex(out, () => {});
  const seconds = (performance.now() - started) / 1000;
  if (problems.length) throw new Error(problems.join("\n"));
  const index = join(out, "pagefind", "en", "events");
  const metaFile = readdirSync(index).find((f) => f.endsWith(".pf_meta"));
  const sizes = {
    all: folderBytes(join(out, "pagefind")),
    meta: statSync(join(index, metaFile)).size,
    namesMeta: statSync(join(out, "pagefind", "en", "names", readdirSync(join(out, "pagefind", "en", "names")).find((f) => f.endsWith(".pf_meta")))).size,
  };
  // nginx with deploy/nginx.conf, as the e2e tests serve the site: the bytes are those a
  // reader's browser receives, compressed as production compresses them.
  const { server, origin } = await serveDist(out);
  const queries = [];
  try {
    for (const [i, word] of words.entries()) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const loading = countBytes(page);
      const started = Date.now();
      await page.goto(`${origin}/en/search`, { waitUntil: "load" });
      await page.waitForSelector(".search-form[data-ready]", { timeout: QUERY_TIMEOUT_MS });
      const ready = Date.now() - started;
      await page.waitForTimeout(300);
      const load = { ms: ready, ...loading.stop() };
      const first = await query(page, word);
      const warm = await query(page, words[(i + 1) % words.length]);
      queries.push({ word, load, first, warm: { word: words[(i + 1) % words.length], ...warm } });
      await context.close();
    }
  } finally {
    await server.close();
  }
  return { seconds, sizes, queries };
}

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const ms = (t) => (Number.isFinite(t) ? `${t} ms` : `> ${QUERY_TIMEOUT_MS / 1000} s`);

/** The figures, as `make bench-scale` prints them. */
export function printSearch(n, { seconds, sizes, queries }) {
  console.log(`  search index: built in ${seconds.toFixed(1)} s, ${kb(sizes.all)} on disk; metadata ${kb(sizes.meta)} (events), ${kb(sizes.namesMeta)} (names)`);
  for (const { load } of queries) {
    console.log(`  search page loaded, engine ready: ${ms(load.ms)}, ${kb(load.bytes)} (of it Pagefind's files ${kb(load.pagefind)})`);
  }
  console.log("  query       | events | first query: time | bytes    | then: word       time | bytes");
  for (const { word, first, warm } of queries) {
    console.log(`  ${word.padEnd(11)} | ${first.total.padStart(6)} | ${ms(first.ms).padStart(17)} | ${kb(first.bytes).padStart(8)} | ${warm.word.padEnd(10)} ${ms(warm.ms).padStart(10)} | ${kb(warm.bytes)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === "--site") {
  // A site already built: index it and measure the queries.
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
  printSearch(0, await measureSearch(browser, process.argv[3]));
  await browser.close();
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const app = process.argv[2] ?? "target/app";
  const sizes = (process.argv[3] ?? process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
  for (const n of sizes) {
    const collection = `target/bench-scale/search-c${n}`;
    const out = `target/bench-scale/search-s${n}`;
    rmSync(collection, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    execFileSync("target/native/bundle", ["synth", "--events", String(n), "--seed", "7", "--out", collection], { stdio: "ignore" });
    execFileSync("target/native/bundle", ["site", collection, "--app", app, "--out", out], { stdio: "ignore", maxBuffer: 1 << 26 });
    console.log(`\n${n.toLocaleString("en")} events`);
    printSearch(n, await measureSearch(browser, out));
    rmSync(collection, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
  await browser.close();
}
