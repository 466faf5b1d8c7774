// The explore page's cost to a reader, on loopback: bytes transferred, time to the first
// picture, time until every edge is inked, and the longest task from navigation until 3 s
// after the first picture. A benchmark, not a test: it prints figures and asserts nothing.
//
// Usage: node bench/scale/explore.mjs DIR [RUNS]     (EXPLORE_BENCH_TASKS=1 lists every long task)
//
// DIR holds the module (scripts/build-module.sh explore DIR) and the explore files in DIR/data/graph/
// (what the site build writes; crates/graph/examples/write_explore.rs for a synth collection).
// bench/scale/explore.sh EVENTS builds such a folder from `bundle synth` and runs this. Each
// run is a cold load in a fresh browser context, served by scripts/static-server.mjs under
// /sub from a shell page like the site's (#explore and the boot script); medians are printed
// with every run.
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveFolders } from '../../scripts/static-server.mjs';

const [dir, runsArg] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/scale/explore.mjs DIR [RUNS]');
  process.exit(2);
}
const RUNS = Number(runsArg ?? 5);
const PREFIX = '/sub';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const shell = await mkdtemp(join(tmpdir(), 'explore-bench-'));
await writeFile(join(shell, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>explore</title><link rel="icon" href="data:,">
<script type="module" src="${PREFIX}/explore-boot.js"></script></head>
<body><h1>Across the graph</h1><div id="explore" data-src="${PREFIX}/data/graph/" data-lang="en" data-base="${PREFIX}"></div></body></html>
`);
const server = await serveFolders([shell, dir], { prefix: PREFIX, prerendered: false });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });

function recordTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

async function once() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(recordTasks);
  await page.goto(`${server.origin}${PREFIX}/`);
  await page.waitForSelector('#explore[data-state="drawn"], #explore[data-state="error"]', { timeout: 120_000 });
  if (await page.getAttribute('#explore', 'data-state') === 'error') throw new Error(await page.textContent('#explore'));
  await page.waitForSelector('canvas.explore-picture[data-complete="1"]', { timeout: 120_000 });
  const complete = await page.evaluate(() => performance.now());
  const drawn = await page.evaluate(() => performance.getEntriesByName('explore:drawn')[0].startTime);
  await page.waitForTimeout(Math.max(0, drawn + 3000 - complete));
  const result = await page.evaluate(([drawn]) => {
    const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
    const resources = performance.getEntriesByType('resource');
    const nav = performance.getEntriesByType('navigation')[0];
    const bytes = resources.reduce((sum, r) => sum + r.encodedBodySize, nav.encodedBodySize);
    const tasks = window.__longTasks.filter((t) => t.start <= drawn + 3000);
    return { marks, bytes, requests: resources.length + 1, longest: Math.max(0, ...tasks.map((t) => t.ms)), tasks: tasks.length, list: tasks.map((t) => [Math.round(t.start), Math.round(t.ms)]) };
  }, [drawn]);
  await context.close();
  return { ...result, drawn, complete };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const graph = join(dir, 'data/graph');
const files = await readdir(graph);
const layout = (await stat(join(graph, 'layout.bin'))).size;
const labels = files.filter((f) => f.startsWith('labels-'));
const labelBytes = labels.reduce((sum, f) => sum + readFileSync(join(graph, f)).length, 0);
const gz = (f) => gzipSync(readFileSync(f), { level: 6 }).length;
const modules = (await readdir(dir)).filter((f) => /^explore-/.test(f));
const moduleGzip = modules.reduce((sum, f) => sum + gz(join(dir, f)), 0);
const nodes = readFileSync(join(graph, 'layout.bin')).readUInt32LE(8);
const edges = readFileSync(join(graph, 'layout.bin')).readUInt32LE(12);
console.log(`explore: ${nodes} nodes, ${edges} edges; layout.bin ${layout} B (${gz(join(graph, 'layout.bin'))} B gzip), ` +
  `${labels.length} label chunks ${labelBytes} B (loaded on demand), module ${moduleGzip} B gzip`);

const runs = [];
try {
  for (let i = 1; i <= RUNS; i++) {
    const r = await once();
    runs.push(r);
    const m = r.marks;
    console.log(`run ${i}: ${r.bytes} B in ${r.requests} requests; first draw ${r.drawn.toFixed(0)} ms ` +
      `(layout fetched ${m['explore:fetched'].toFixed(0)}, decoded ${m['explore:decoded'].toFixed(0)}, indexed ${m['explore:indexed'].toFixed(0)}); ` +
      `every edge ${r.complete.toFixed(0)} ms; longest task ${r.longest.toFixed(0)} ms (${r.tasks} over 50 ms)`);
    if (process.env.EXPLORE_BENCH_TASKS) console.log(`  tasks [start, ms]: ${JSON.stringify(r.list)}`);
  }
} finally {
  await browser.close();
  await server.close();
  await rm(shell, { recursive: true, force: true });
}
console.log(`median of ${RUNS}: ${median(runs.map((r) => r.bytes))} B transferred, first draw ${median(runs.map((r) => r.drawn)).toFixed(0)} ms, ` +
  `every edge ${median(runs.map((r) => r.complete)).toFixed(0)} ms, longest task ${median(runs.map((r) => r.longest)).toFixed(0)} ms ` +
  `(worst ${Math.max(...runs.map((r) => r.longest)).toFixed(0)} ms)`);
