// The site served under a sub-folder (trunk --public-url /sub/, then `bundle site`): every link
// and fetch stays inside it, from the prerendered page and from the app. The Makefile builds
// that variant into target/dist-sub.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage, SEED } from './support.mjs';

let server, origin, browser;
before(async () => { ({ server, origin } = await serveDist('target/dist-sub', '/sub')); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

test('under /sub/ the event loads, and links, hash links and the home link stay under /sub/', async () => {
  const page = await newPage(browser);
  const outside = [];
  page.on('request', (r) => { const u = new URL(r.url()); if (u.origin === origin && !u.pathname.startsWith('/sub/')) outside.push(u.pathname); });
  await page.goto(`${origin}/sub${SEED}`);
  await page.waitForSelector('article.event h1');
  await page.waitForSelector('.graph-node');
  await page.click('.legend a >> text=unlabelled');
  await page.waitForFunction(() => document.getElementById('lens-unlabelled').closest('details').open);
  assert.equal(new URL(page.url()).pathname, `/sub${SEED}`);
  await page.click('.summary a.entity-link >> text=Anthropic');
  await page.waitForSelector('article.entity h1');
  assert.equal(new URL(page.url()).pathname, '/sub/zh/entity/anthropic');
  // On the entity page the centre node is the entity; the seed event is an event node.
  await page.waitForSelector('.graph-node.event');
  await page.click('.graph-node.event');
  await page.waitForSelector('article.event h1');
  assert.equal(new URL(page.url()).pathname, `/sub${SEED}`);
  await page.click('a.brand');
  await page.waitForSelector('.event-item');
  assert.equal(new URL(page.url()).pathname, '/sub/zh');
  await page.click('.event-item h2 a');
  await page.waitForSelector('article.event h1');
  assert.equal(new URL(page.url()).pathname, `/sub${SEED}`);
  assert.deepEqual(outside, [], 'requests left the sub-folder');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('under /sub/ the prerendered pages link and load only inside it, with JavaScript off', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  const outside = [];
  page.on('request', (r) => { const u = new URL(r.url()); if (u.origin === origin && !u.pathname.startsWith('/sub/')) outside.push(u.pathname); });
  for (const path of [SEED, '/zh', '/zh/entity/anthropic', `/embed${SEED}`]) {
    const response = await page.goto(`${origin}/sub${path}`, { awaitApp: false });
    assert.equal(response.status(), 200, path);
    assert.equal(await page.locator('#boot[data-prerendered]').count(), 1, `${path} is prerendered`);
    const links = await page.$$eval('a[href]', (as) => as.map((a) => new URL(a.href)).filter((u) => u.origin === location.origin).map((u) => u.pathname));
    assert.ok(links.length > 0, path);
    for (const link of links) assert.ok(link.startsWith('/sub/'), `${path} links to ${link}`);
  }
  await page.goto(`${origin}/sub${SEED}`, { awaitApp: false });
  await page.click('.summary a.entity-link >> text=Anthropic');
  assert.equal(await page.textContent('article.entity h1'), 'Anthropic');
  assert.equal(new URL(page.url()).pathname, '/sub/zh/entity/anthropic');
  assert.deepEqual(outside, [], 'requests left the sub-folder');
  await page.context().close();
});
