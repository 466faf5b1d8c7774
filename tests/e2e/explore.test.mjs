// The explore page on a synthetic 10,000-event collection (about 15,000 nodes and 51,000 edges),
// as its own wasm module: it shows progress while the layout downloads, draws every node at
// once without a long task, finds a node by name and opens it, and a drag moves the dragged
// node and its neighbours but nothing far away.
//
// It builds what it serves, natively and in seconds: `bundle synth`, the explore files
// (crates/graph/examples/write_explore.rs, what the site build writes to data/graph/) and the
// module (scripts/build-module.sh explore). The page is a shell written here with #explore and the
// boot script, under the sub-folder /sub, with the site's Content-Security-Policy as a <meta>
// (taken from deploy/nginx.conf, so it is the policy production sends). It is served by
// scripts/static-server.mjs.
// TODO(lead): once the site build writes /{lang}/graph, serve dist/ with nginx instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { serveFolders } from '../../scripts/static-server.mjs';
import { launch, newPage, SCREENSHOTS } from './support.mjs';

const WORK = 'target/explore-e2e';
const WWW = `${WORK}/www`;
const PREFIX = '/sub';
const LONG_TASK_MS = 200;
let server, browser, origin, moduleUrl, nodeCount;

function run(cmd, args) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** The Content-Security-Policy every page of the site gets (deploy/nginx.conf's common part). */
async function sitePolicy() {
  const conf = await readFile('deploy/nginx.conf', 'utf8');
  const policy = conf.match(/map \$host \$eventlens_csp_common \{\s*default "([^"]+)";/)?.[1];
  assert.ok(policy, 'deploy/nginx.conf names the common Content-Security-Policy');
  return policy;
}

before(async () => {
  await rm(WORK, { recursive: true, force: true });
  run('cargo', ['build', '--release', '--quiet', '-p', 'eventlens-bundle', '--bin', 'bundle']);
  run('cargo', ['build', '--release', '--quiet', '-p', 'eventlens-graph', '--example', 'write_explore']);
  run('target/release/bundle', ['synth', '--events', '10000', '--seed', '7', '--out', `${WORK}/synth`]);
  run('target/release/examples/write_explore', [`${WORK}/synth/index.json`, `${WWW}/data/graph`]);
  run('scripts/build-module.sh', ['explore', WWW]);
  nodeCount = JSON.parse(await readFile(`${WORK}/synth/index.json`, 'utf8')).nodes.length;
  moduleUrl = `${PREFIX}/${(await readdir(WWW)).find((f) => /^explore-[0-9a-f]{16}\.js$/.test(f))}`;
  await writeFile(`${WWW}/index.html`, `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${await sitePolicy()}">
<title>Graph · eventlens</title><link rel="icon" href="data:,">
<script type="module" src="${PREFIX}/explore-boot.js"></script></head>
<body><main><h1>Across the graph</h1>
<div id="explore" data-src="${PREFIX}/data/graph/" data-lang="en" data-base="${PREFIX}"></div></main></body></html>
`);
  ({ origin, close: server } = await serveFolders([WWW], { prefix: PREFIX, prerendered: false }));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.();
});

/** Records every long task and every text the progress line shows, from the first byte. */
function recordStart() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__progress = [];
  new MutationObserver(() => {
    const p = document.querySelector('.explore-progress');
    if (p && window.__progress.at(-1) !== p.textContent) window.__progress.push(p.textContent);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

async function openExplore() {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.addInitScript(recordStart);
  await page.goto(`${origin}${PREFIX}/`);
  await page.waitForSelector('#explore[data-state="drawn"]', { timeout: 60_000 });
  return page;
}

// Load on the machine only ever adds time, so the bound holds if one of up to three loads keeps
// the longest task under it; every attempt is printed.
test('the whole graph draws at once, after showing progress, with no long task', async () => {
  const longest = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const page = await openExplore();
    const drawn = await page.evaluate(() => performance.getEntriesByName('explore:drawn')[0].startTime);
    await page.waitForTimeout(3000);
    const tasks = await page.evaluate((until) => window.__longTasks.filter((t) => t.start <= until), drawn + 3000);
    longest.push(Math.round(Math.max(0, ...tasks.map((t) => t.ms))));
    console.log(`explore 10k, attempt ${attempt}: first draw ${drawn.toFixed(0)} ms after navigation; ` +
      `longest task ${longest.at(-1)} ms over ${tasks.length} long tasks until 3 s after it`);
    if (attempt === 1) {
      assert.equal(Number(await page.getAttribute('canvas.explore-canvas', 'data-nodes')), nodeCount);
      const progress = await page.evaluate(() => window.__progress);
      assert.ok(progress.some((t) => /^Loading the graph: \d+ KB/.test(t)), `progress shown: ${JSON.stringify(progress)}`);
      // Every edge is inked by now, and the picture is not blank: nodes and edges cover a good
      // part of it.
      await page.waitForSelector('canvas.explore-picture[data-complete="1"]', { timeout: 10_000 });
      const inked = await page.evaluate(() => {
        const c = document.querySelector('canvas.explore-picture');
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
        return painted / (c.width * c.height);
      });
      assert.ok(inked > 0.1, `only ${(inked * 100).toFixed(1)}% of the picture is drawn`);
      assert.match(await page.textContent('.explore-summary'), /15,\d{3} nodes \(10,000 events, [\d,]+ entities/);
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}/explore-10k.png` });
      assert.deepEqual(page.errors, []);
    }
    await page.context().close();
    if (longest.at(-1) < LONG_TASK_MS) break;
  }
  assert.ok(Math.min(...longest) < LONG_TASK_MS, `a task of ${Math.min(...longest)} ms at best (attempts: ${longest.join(', ')})`);
});

test('search finds a node, a drag moves it and its neighbours only, and Enter opens it', async () => {
  const page = await openExplore();
  await page.fill('#explore-search', 'Synthetic event 0042');
  await page.waitForFunction(() => document.querySelector('#explore-search-status').textContent.includes('Synthetic event 0042'));
  assert.equal(await page.getAttribute('.explore-results a', 'href'), `${PREFIX}/en/n/synthetic-event-0042`);

  // The search centred its match; the probes say where things are (layout x, y, canvas x, y).
  const probe = (name, ...args) => page.evaluate(async ([url, name, args]) => {
    const m = await import(url);
    const out = m[name](...args);
    return ArrayBuffer.isView(out) ? Array.from(out) : out;
  }, [moduleUrl, name, args]);
  const node = await probe('exploreSelected');
  assert.ok(node >= 0, 'the match is selected');
  const neighbours = await probe('exploreNeighbours', node);
  // Two nodes that must stay put: one three edges away along nodes of few neighbours (what a
  // drag that reheated one ring too many would move), and one in a far corner of the layout.
  const [third, corner] = await page.evaluate(async ([url, node, count]) => {
    const m = await import(url);
    const seen = new Set([node]);
    let ring = [node];
    for (let hop = 1; hop <= 3; hop++) {
      const next = [];
      for (const n of ring) {
        if (hop > 1 && m.exploreNeighbours(n).length > 10) continue;
        for (const j of m.exploreNeighbours(n)) if (!seen.has(j)) { seen.add(j); next.push(j); }
      }
      ring = next;
    }
    const third = ring.find((n) => m.exploreNeighbours(n).length <= 10) ?? -1;
    const corner = [0, count - 1, 1, count - 2].find((n) => !seen.has(n)) ?? -1;
    return [third, corner];
  }, [moduleUrl, node, nodeCount]);
  assert.ok(third >= 0 && corner >= 0, `nodes to hold still: ${third}, ${corner}`);
  const still = [third, corner];
  const where = async (nodes) => Promise.all(nodes.map((n) => probe('exploreNode', n)));
  const before = await where([node, ...neighbours, ...still]);

  const box = await page.locator('canvas.explore-canvas').boundingBox();
  const [, , sx, sy] = before[0];
  await page.mouse.move(box.x + sx, box.y + sy);
  await page.mouse.down();
  await page.mouse.move(box.x + sx + 60, box.y + sy + 45, { steps: 6 });
  await page.mouse.move(box.x + sx + 120, box.y + sy + 90, { steps: 6 });
  await page.waitForTimeout(500);
  const held = await where([node, ...neighbours, ...still]);
  await page.mouse.up();
  const moved = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const layoutDrag = moved(before[0], held[0]);
  const screenDrag = Math.hypot(held[0][2] - before[0][2], held[0][3] - before[0][3]);
  assert.ok(Math.abs(screenDrag - 150) < 3, `the node followed the pointer 150 px: it moved ${screenDrag.toFixed(1)} px`);
  const followed = neighbours.filter((_, i) => moved(before[i + 1], held[i + 1]) > layoutDrag * 0.02);
  assert.ok(followed.length > 0, `no neighbour of node ${node} followed it (${neighbours.length} neighbours)`);
  for (const [k, n] of still.entries()) {
    assert.equal(moved(before.at(k - 2), held.at(k - 2)), 0, `node ${n}, ${['three edges away', 'in a far corner'][k]}, moved`);
  }
  // Let go, the neighbourhood settles and the simulation stops.
  await page.waitForFunction(async (url) => !(await import(url)).exploreMoving(), moduleUrl, { timeout: 20_000 });
  const settled = await where(still);
  for (const [k, n] of still.entries()) assert.equal(moved(before.at(k - 2), settled[k]), 0, `node ${n} moved while settling`);
  console.log(`drag: node ${node} moved ${layoutDrag.toFixed(1)} layout units, ${followed.length} of ${neighbours.length} neighbours followed`);

  await page.press('#explore-search', 'Enter');
  await page.waitForURL(`${origin}${PREFIX}/en/n/synthetic-event-0042`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a damaged layout file is refused with a message saying where', async () => {
  const page = await newPage(browser);
  await page.route('**/data/graph/layout.bin', async (route) => {
    const body = Buffer.from(await readFile(`${WWW}/data/graph/layout.bin`));
    body[1000] ^= 0xff;
    await route.fulfill({ body, contentType: 'application/octet-stream' });
  });
  await page.goto(`${origin}${PREFIX}/`);
  await page.waitForSelector('#explore[data-state="error"]', { timeout: 30_000 });
  assert.match(await page.textContent('.explore-progress'), /The graph could not be loaded: layout\.bin, byte \d+: the checksum does not match/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
