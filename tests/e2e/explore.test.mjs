// The explore page on a synthetic 10,000-event collection (about 15,000 nodes): the canvas
// settles in slices without freezing the page, the search box finds and opens a node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, newPage } from './support.mjs';

const OUT = 'target/synth-10k';
let server, origin, browser, index;

before(async () => {
  execFileSync('cargo', ['run', '--quiet', '--bin', 'bundle', '--', 'synth', '--events', '10000', '--seed', '7', '--out', OUT, '--force'], { stdio: 'inherit' });
  index = await readFile(`${OUT}/index.json`);
  ({ server, origin } = await serveDist());
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

// Load on the machine only ever adds time, so the bound holds if one of up to three loads keeps
// the longest task under it; every attempt is printed.
test('10,000 synthetic events: the graph settles without a long task, and search opens a node', async () => {
  const longestTasks = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    longestTasks.push(await exploreOnce(attempt));
    if (longestTasks.at(-1) < 200) break;
  }
  const best = Math.min(...longestTasks);
  assert.ok(best < 200, `a ${best} ms task froze the page at best (attempts: ${longestTasks.join(', ')})`);
});

async function exploreOnce(attempt) {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.route('**/data/index.json', (route) => route.fulfill({ body: index, contentType: 'application/json' }));
  await page.route('**/data/en/n/*.json', async (route) => {
    const slug = new URL(route.request().url()).pathname.split('/').pop();
    route.fulfill({ body: await readFile(`${OUT}/en/n/${slug}`), contentType: 'application/json' });
  });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  });
  await page.goto(origin + '/en/graph');
  await page.waitForSelector('canvas.graph-canvas', { timeout: 60000 });
  const nodes = Number(await page.getAttribute('canvas.graph-canvas', 'data-nodes'));
  assert.ok(nodes > 10000, `${nodes} nodes`);
  const shown = await page.evaluate(() => performance.now());
  // While it settles, the page answers input: a search typed now is answered promptly.
  await page.waitForTimeout(1500);
  const asked = await page.evaluate(() => performance.now());
  await page.fill('#graph-search-input', 'Synthetic event 0042');
  await page.press('#graph-search-input', 'Enter');
  await page.waitForFunction(() => document.querySelector('.graph-search-status').textContent.includes('Synthetic event 0042'));
  const answered = await page.evaluate(() => performance.now());
  await page.waitForTimeout(3000);
  const tasks = await page.evaluate((t) => window.__longTasks.filter((x) => x.start >= t), shown);
  const longest = Math.max(0, ...tasks.map((t) => t.ms));
  console.log(`explore 10k, attempt ${attempt}: ${nodes} nodes; longest task after the canvas appeared ${longest.toFixed(0)} ms over ${tasks.length} long tasks; search answered in ${(answered - asked).toFixed(0)} ms`);
  await page.press('#graph-search-input', 'Enter');
  await page.waitForSelector('article.event h1', { timeout: 30000 });
  assert.equal(await page.textContent('article.event h1'), 'Synthetic event 0042');
  assert.deepEqual(page.errors, []);
  await page.context().close();
  return longest;
}
