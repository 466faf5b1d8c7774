// The prerendered pages (scripts/prerender.mjs, run by `make dist`): an event reads in full
// with JavaScript off, and when the app takes over nothing the reader sees changes or moves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, newPage, waitForApp, SEED, SCREENSHOTS } from './support.mjs';

const bundle = JSON.parse(await readFile('public/data/zh/n/anthropic-alibaba-claude-distillation.json', 'utf8'));
const index = JSON.parse(await readFile('public/data/index.json', 'utf8'));
let server, origin, browser;

before(async () => {
  ({ server, origin } = await serveDist());
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

/** What a reader sees of the page: its text, and where the title, each lens and each graph
 *  node sit. */
function visible(page) {
  return page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return [Math.round(r.x), Math.round(r.y + scrollY), Math.round(r.width)]; };
    const main = document.querySelector('main');
    return {
      text: main.innerText,
      title: box(main.querySelector('h1')),
      lenses: [...main.querySelectorAll('.lens')].map(box),
      nodes: [...main.querySelectorAll('.graph-node')].map((g) => g.getAttribute('transform')),
      height: document.documentElement.scrollHeight,
    };
  });
}

test('with JavaScript off, the seed event reads in full: every field, every take, the graph', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  const response = await page.goto(origin + SEED, { awaitApp: false });
  assert.equal(response.status(), 200);
  assert.equal(await page.textContent('h1.event-title'), bundle.title);
  assert.equal(await page.textContent('.event-dek'), bundle.dek);
  assert.equal(await page.textContent('.event-counts'), '17 条观点 · 6 个视角 · 8 个地区');
  assert.match(await page.title(), /Anthropic指控阿里巴巴/);
  assert.equal(await page.getAttribute('link[rel=canonical]', 'href'), bundle.canonical_url);
  assert.equal(await page.getAttribute('link[type="application/json+oembed"]', 'href'),
    '/oembed/zh/n/anthropic-alibaba-claude-distillation.json');
  assert.deepEqual(await page.$$eval('.lens-name', (els) => els.map((e) => e.textContent)), bundle.lenses.map((l) => l.name));
  const takeLinks = await page.$$eval('article.take a[href^="http"]', (els) => els.map((a) => a.href));
  const takeUrls = bundle.lenses.flatMap((l) => l.takes.map((t) => t.url));
  assert.deepEqual(takeLinks.map((h) => new URL(h).href), takeUrls.map((u) => new URL(u).href));
  assert.equal(await page.locator('.graph-node').count(), 8);
  assert.ok(await page.locator('.summary a.entity-link[href="/zh/entity/anthropic"]').count() >= 1);
  assert.deepEqual(await page.$$eval('script', (els) => els.map((s) => s.getAttribute('src'))), ['/boot.js']);
  // Nothing competes with the stylesheet for the first paint: boot.js asks for the app later.
  assert.equal(await page.locator('link[rel=preload], link[rel=modulepreload]').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every entity page is prerendered; other routes are the app alone', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  for (const e of index.entities) {
    await page.goto(`${origin}/zh/entity/${e.slug}`, { awaitApp: false });
    assert.equal(await page.textContent('article.entity h1'), e.name);
  }
  await page.goto(`${origin}/zh/graph`, { awaitApp: false });
  assert.equal(await page.locator('#boot[data-prerendered]').count(), 0);
  assert.equal(await page.locator('main').count(), 0);
  await page.context().close();
});

test('the app takes over without a visible change: same text, same places, graph settled where it was', async () => {
  const still = await newPage(browser, { javaScriptEnabled: false });
  await still.goto(origin + SEED, { awaitApp: false });
  const before = await visible(still);
  await still.context().close();

  const page = await newPage(browser);
  await page.goto(origin + SEED, { awaitApp: false });
  await waitForApp(page);
  const afterTakeover = await visible(page);
  assert.equal(afterTakeover.text, before.text);
  assert.deepEqual(afterTakeover.title, before.title);
  assert.deepEqual(afterTakeover.lenses, before.lenses);
  assert.deepEqual(afterTakeover.nodes, before.nodes);
  assert.equal(afterTakeover.height, before.height);
  // One copy of everything: the prerendered head elements went with the prerendered body.
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('link[rel=canonical]').count(), 1);
  assert.equal(await page.locator('meta[name=description]').count(), 1);
  assert.equal(await page.locator('link[type="application/json+oembed"]').count(), 1);
  // And it is the app now: a lens opens.
  const closed = page.locator('.lens-toggle[aria-expanded="false"]').first();
  await closed.click();
  await page.waitForFunction(() => !document.querySelector('.lens-toggle[aria-expanded="false"]'));
  await page.screenshot({ path: `${SCREENSHOTS}/prerender-takeover.png` });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
