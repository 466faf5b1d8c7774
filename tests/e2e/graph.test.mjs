// Across the graph on the seed event: the 4 related events and 3 entities, drag, zoom,
// keyboard walk, click to open, and settling at once under prefers-reduced-motion.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage, SEED } from './support.mjs';

let server, origin, browser;
before(async () => { ({ server, origin } = await serveDist()); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const transforms = (page) => page.$$eval('.graph-node', (els) => els.map((e) => e.getAttribute('transform')));

async function openGraph(options = {}) {
  const page = await newPage(browser, { viewport: { width: 1000, height: 900 }, ...options });
  await page.goto(origin + SEED);
  await page.waitForSelector('.graph-node');
  await page.locator('.graph-svg').scrollIntoViewIfNeeded();
  return page;
}

async function settled(page) {
  let last = await transforms(page);
  for (let i = 0; i < 100; i++) {
    await page.waitForTimeout(200);
    const now = await transforms(page);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  throw new Error('graph never settled');
}

test('the seed graph shows the event, its 4 related events and 3 entities, each named', async () => {
  const page = await openGraph();
  const nodes = await page.$$eval('.graph-node', (els) => els.map((e) => ({ cls: e.getAttribute('class'), name: e.getAttribute('aria-label') })));
  assert.equal(nodes.length, 8);
  assert.match(nodes[0].cls, /centre/);
  assert.equal(nodes.filter((n) => /missing/.test(n.cls)).length, 4);
  assert.equal(nodes.filter((n) => /entity/.test(n.cls)).length, 3);
  for (const n of nodes) assert.ok(n.name && n.name.length > 3, JSON.stringify(n));
  assert.ok(nodes.some((n) => n.name.startsWith('chip-controls（不在本合集中）')));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('dragging a node moves it and the others respond', async () => {
  const page = await openGraph();
  const before = await settled(page);
  const box = await page.locator('#graph-node-6').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 + 8 * i, box.y + box.height / 2 + 5 * i);
  await page.mouse.up();
  const after = await settled(page);
  assert.notEqual(after[6], before[6]);
  assert.ok(after.filter((t, i) => i !== 6 && t !== before[i]).length > 0, 'no other node moved');
  assert.ok(page.url().endsWith(SEED), 'a drag must not open the node');
  await page.context().close();
});

test('wheel and buttons zoom, reset restores', async () => {
  const page = await openGraph();
  const zoomLayer = () => page.$eval('.graph-svg > g', (g) => g.getAttribute('transform'));
  assert.equal(await zoomLayer(), 'translate(0.000 0.000) scale(1.000)');
  const box = await page.locator('.graph-svg').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  await page.waitForTimeout(100);
  const zoomed = await zoomLayer();
  assert.ok(Number(/scale\(([\d.]+)\)/.exec(zoomed)[1]) > 1.2, zoomed);
  await page.click('.graph-controls button >> text=复位');
  assert.equal(await zoomLayer(), 'translate(0.000 0.000) scale(1.000)');
  await page.click('.graph-controls button[aria-label=缩小]');
  assert.match(await zoomLayer(), /scale\(0\.800\)/);
  await page.context().close();
});

test('Tab enters the graph, arrows walk neighbours, Enter opens, Escape leaves', async () => {
  const page = await openGraph();
  await settled(page);
  await page.focus('.graph-controls button >> text=复位');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'graph-node-0');
  const visited = new Set(['graph-node-0']);
  for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown']) {
    await page.focus('#graph-node-0');
    await page.keyboard.press(key);
    visited.add(await page.evaluate(() => document.activeElement.id));
  }
  assert.ok(visited.size >= 3, `arrows reached only ${[...visited]}`);
  const tabbable = await page.$$eval('.graph-node[tabindex="0"]', (els) => els.length);
  assert.equal(tabbable, 1, 'roving tabindex: one node in the tab order');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'graph-view');
  const entity = await page.$eval('.graph-node.entity', (e) => e.id);
  await page.focus(`#${entity}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('article.entity h1');
  assert.match(page.url(), /\/zh\/entity\//);
  await page.context().close();
});

test('clicking an entity node opens its page; a node outside the collection opens nothing', async () => {
  const page = await openGraph();
  await settled(page);
  await page.click('.graph-node.missing >> nth=0', { force: true }); // aria-disabled, but a person can still click it
  await page.waitForTimeout(300);
  assert.ok(page.url().endsWith(SEED));
  await page.click('.graph-node.entity >> nth=0');
  await page.waitForSelector('article.entity h1');
  assert.ok(await page.locator('.graph-node').count() >= 2, 'the entity page has its own local graph');
  await page.context().close();
});

test('under prefers-reduced-motion the graph is drawn settled at once', async () => {
  const page = await openGraph({ reducedMotion: 'reduce' });
  const first = await transforms(page);
  await page.waitForTimeout(1000);
  assert.deepEqual(await transforms(page), first);
  await page.context().close();
});
