// `make bench`'s page benchmark: what the built site (`make dist`'s dist/) costs a reader of the
// seed event and a partner page that embeds it, in Debian's headless Chromium (/usr/bin/chromium,
// driven by playwright-core; no browser is ever downloaded). Prints every figure and asserts
// nothing about speed; it fails only if something cannot run.
//
//   1. Time to content (navigation start → the event's title and first lens in the DOM) of the
//      seed's prerendered page against its static floor (the same HTML with its scripts removed,
//      prepare.mjs), without throttling and at 4× CPU. Goal at 4×: ≤ 1.5× the floor. And when
//      the app has taken over (interactive). Goal at 4×: ≤ 500 ms.
//   2. The widget (widget.mjs): time to its content on a partner page through embed.js, against
//      plain iframes of the same embed page and of its floor, side by side at 4× CPU. Goal:
//      ≤ 1.5× the floor's iframe.
//   3. The layout shift a partner page suffers as widgets load (CLS, widget.mjs). Goal ≤ 0.05.
//      And how close each frame's first height is to its last, for events of every size
//      (heights.mjs), which is what keeps the shift down.
//   4. Where the takeover's time goes at 4× CPU (takeover.mjs): a trace split by kind of work and
//      a CPU profile of the same code with names kept, split by what the code is doing.
//   5. A summary with the goals, and the machine.
// The weight table of the shipped wasm (bench/weight/run.sh) follows, run by the Makefile.
//
// Everything it generates goes to target/bench-page/: the snapshot of dist/ with the floors,
// the traces and profiles. scripts/static-server.mjs serves the snapshot over loopback HTTP,
// uncompressed, as a plain static host would: these are loopback figures, where transfer is
// nearly free and every figure moves with the machine's load (printed on the last line). Each
// figure is the median of RUNS runs (BENCH_RUNS, default 5) after a warm-up, in alternating
// order, each in a fresh browser context (empty cache); the runs themselves are printed too.
//
// Not a test, not for CI gating, and not the layout benchmark (bench/layout/).

import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { serveFolders } from "../../scripts/static-server.mjs";
import { all, alternate, cpu, freshPage, launch, machine, median, ms, ratio, RUNS, table, THROTTLE, verdict, waitFor }
  from "./common.mjs";
import { estimateAccuracy } from "./heights.mjs";
import { loadTimeline } from "./page-probes.mjs";
import { embedPath, eventPath, floorPath, SEED, snapshot } from "./prepare.mjs";
import { profileTakeover } from "./takeover.mjs";
import { partnerServer, widgetShift, widgetTimes } from "./widget.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORK = join(ROOT, "target/bench-page");
const SITE = join(WORK, "site");
export const GOALS = { ratio: 1.5, interactiveMs: 500, widgetRatio: 1.5, cls: 0.05 };

/** One load of `url`: its timeline once its content is in, and once the app has taken over if
 *  the page has the app. */
async function timeLoad(browser, url, { throttle, errors }) {
  const page = await freshPage(browser, { throttle, errors });
  try {
    await page.goto(url, { waitUntil: "commit" });
    await waitFor(page, () => window.__bench?.content, "no title and lens in the DOM");
    await waitFor(page, () => window.__bench.interactive || !document.querySelector("script[data-wasm]"), "no takeover");
    return await page.evaluate(loadTimeline);
  } finally {
    await page.context().close();
  }
}

/** Part 1: the seed's page against its floor, at each CPU setting. */
async function partTimeToContent(browser, origin, errors) {
  console.log(`\n1. time to content: navigation start → ${eventPath(SEED)}'s title and first lens in the DOM, ` +
    `the page as built against its floor (the same HTML without its scripts)`);
  const urls = { site: origin + eventPath(SEED), floor: origin + floorPath(eventPath(SEED)) };
  const rows = [];
  for (const throttle of [1, THROTTLE]) {
    const runs = await alternate(Object.keys(urls), (name) => timeLoad(browser, urls[name], { throttle, errors }));
    const pick = (name, key) => runs[name].map((t) => t.marks[key]);
    const fcp = (name) => runs[name].map((t) => t.paints["first-contentful-paint"]);
    rows.push({
      throttle, site: median(pick("site", "content")), floor: median(pick("floor", "content")),
      siteRuns: pick("site", "content"), floorRuns: pick("floor", "content"),
      siteFcp: median(fcp("site")), floorFcp: median(fcp("floor")),
      siteLcp: median(pick("site", "lcp")), floorLcp: median(pick("floor", "lcp")),
      siteLcpRuns: pick("site", "lcp"), floorLcpRuns: pick("floor", "lcp"),
      interactive: median(pick("site", "interactive")), interactiveRuns: pick("site", "interactive"),
      wasm: median(pick("site", "wasmEnd")),
    });
  }
  for (const r of rows) r.ratio = r.site / r.floor;
  table(["CPU", "site ms", "floor ms", "site/floor", `goal ≤ ${GOALS.ratio}×`, "FCP site", "FCP floor", "LCP site",
    "LCP floor", "LCP ratio", "wasm ready", "interactive ms"],
  rows.map((r) => [cpu(r.throttle), ms(r.site), ms(r.floor), ratio(r.ratio), verdict(r.ratio <= GOALS.ratio),
    ms(r.siteFcp), ms(r.floorFcp), ms(r.siteLcp), ms(r.floorLcp), ratio(r.siteLcp / r.floorLcp), ms(r.wasm),
    ms(r.interactive)]));
  for (const r of rows) {
    console.log(`  runs, ${cpu(r.throttle)}: site ${all(r.siteRuns)} · floor ${all(r.floorRuns)} · ` +
      `LCP site ${all(r.siteLcpRuns)} · LCP floor ${all(r.floorLcpRuns)} · interactive ${all(r.interactiveRuns)} ms`);
  }
  console.log(`site and floor ms: the title and first lens in the DOM (the goal's figure); LCP: Chromium's ` +
    `largest contentful paint, the content as painted.`);
  console.log(`interactive: the app has taken over (#boot[data-prerendered] gone, or its eventlens:ready). ` +
    `Goal at ${cpu(THROTTLE)}: ≤ ${GOALS.interactiveMs} ms.`);
  return rows;
}

function printSummary(content, widget, shift, accuracy, takeover) {
  const throttled = content.find((c) => c.throttle === THROTTLE);
  const worstShift = Math.max(...shift.map((s) => s.cls));
  console.log(`\n5. summary`);
  table(["measure", "figure", "goal", ""], [
    ...content.map((c) => [`time to content, site / floor, ${cpu(c.throttle)}`,
      `${ms(c.site)} / ${ms(c.floor)} ms = ${ratio(c.ratio)}`, c.throttle === THROTTLE ? `≤ ${GOALS.ratio}×` : "",
      c.throttle === THROTTLE ? verdict(c.ratio <= GOALS.ratio) : ""]),
    ...content.map((c) => [`largest contentful paint, site / floor, ${cpu(c.throttle)}`,
      `${ms(c.siteLcp)} / ${ms(c.floorLcp)} ms = ${ratio(c.siteLcp / c.floorLcp)}`, "", ""]),
    ...content.map((c) => [`interactive (app took over), ${cpu(c.throttle)}`, `${ms(c.interactive)} ms`,
      c.throttle === THROTTLE ? `≤ ${GOALS.interactiveMs} ms` : "",
      c.throttle === THROTTLE ? verdict(throttled.interactive <= GOALS.interactiveMs) : ""]),
    [`widget time to content / floor iframe, ${cpu(THROTTLE)}`,
      `${ms(widget.widget)} / ${ms(widget.floor)} ms = ${ratio(widget.ratio)}`, `≤ ${GOALS.widgetRatio}×`,
      verdict(widget.ratio <= GOALS.widgetRatio)],
    ...shift.map((s) => [`partner page CLS, ${s.name}`, s.cls.toFixed(3), `≤ ${GOALS.cls}`, verdict(s.cls <= GOALS.cls)]),
    ["widget height estimate vs laid out, worst at the snippet's 720 px / all widths",
      `${accuracy.worstAtSnippetWidth} / ${accuracy.worstModel} px (median ${accuracy.medianModelPercent.toFixed(1)}%)`, "", ""],
    [`takeover at ${cpu(THROTTLE)}: busy / idle on the main thread`, `${ms(takeover.busy)} / ${ms(takeover.idle)} ms`, "", ""],
  ]);
  return worstShift;
}

async function run() {
  const app = await snapshot(join(ROOT, "dist"), SITE, [eventPath(SEED), embedPath(SEED)]);
  const site = await serveFolders([SITE]);
  const partner = await partnerServer(site.origin, SITE);
  const browser = await launch();
  const errors = [];
  try {
    console.log(`page benchmark: dist/ snapshot (app JS ${(app.bytes.js / 1024).toFixed(0)} KB, wasm ` +
      `${(app.bytes.wasm / 1024).toFixed(0)} KB, uncompressed) over loopback HTTP, headless Chromium, ` +
      `a fresh context per run, medians of ${RUNS} runs after a warm-up, in alternating order`);
    const content = await partTimeToContent(browser, site.origin, errors);
    const widget = await widgetTimes(browser, partner, errors);
    const shift = await widgetShift(browser, partner, errors);
    const accuracy = await estimateAccuracy(browser, ROOT, WORK, errors);
    const takeover = await profileTakeover(browser, site.origin + eventPath(SEED), app, { root: ROOT, work: WORK, site: SITE, errors });
    printSummary(content, widget, shift, accuracy, takeover);
    console.log(`machine: ${await machine(browser)}`);
    if (errors.length) throw new Error(`the pages reported errors:\n${errors.join("\n")}`);
  } finally {
    await browser.close();
    await Promise.all([site.close(), partner.close()]);
  }
}

await run();
