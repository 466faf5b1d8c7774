// The prerendered pages (`bundle site`, run by `make dist`, renders every page with the app's own
// components into a folder with an index.html): an event reads in full with JavaScript off, its
// lenses open and close and `#lens-…` opens one (native <details>), its embed shows the event,
// and when the app takes over nothing the reader sees changes or moves; from then on the app
// keeps `?open=` in step with the lenses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { serveDist, launch, newPage, waitForApp, SEED, SCREENSHOTS } from './support.mjs';

const bundle = JSON.parse(await readFile('public/data/zh/n/anthropic-alibaba-claude-distillation.json', 'utf8'));
/** Every entity the site has a page for, with its name, from the list documents it built. */
const entities = await Promise.all((await readdir('dist/data/zh/entity')).map(async (slug) => ({
  slug, name: JSON.parse(await readFile(`dist/data/zh/entity/${slug}/1.json`, 'utf8')).of.entity.name,
})));
/** The lens anchors, in order, by the rule of src/reader.rs: `lens-` and the name's ASCII words. */
const anchors = bundle.lenses.map((l) => `lens-${l.name.split(/[^A-Za-z0-9]+/).filter(Boolean).join('-').toLowerCase()}`);
let server, origin, browser;

before(async () => {
  ({ server, origin } = await serveDist());
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** What a reader sees of the page: its text, and where the title, each lens and each graph
 *  node sit. */
function visible(page) {
  return page.evaluate(() => {
    // The stylesheet lays out off-screen parts lazily (content-visibility: auto), at different
    // moments in the two pages: compare them laid out in full, as a reader scrolling sees them.
    for (const el of document.querySelectorAll('main *')) el.style.contentVisibility = 'visible';
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

const openStates = (page) => page.$$eval('details.lens', (els) => els.map((d) => d.open));
const visibleTakes = (page) => page.$$eval('article.take', (els) => els.filter((e) => e.checkVisibility()).length);
const takesIn = (lens) => bundle.lenses[anchors.indexOf(lens)].takes.length;

test('with JavaScript off, the seed event reads in full: every field, every take, the graph', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  const response = await page.goto(origin + SEED, { awaitApp: false });
  assert.equal(response.status(), 200);
  assert.equal(await page.textContent('h1.event-title'), bundle.title);
  assert.equal(await page.textContent('.event-dek'), bundle.dek);
  assert.equal(await page.textContent('.event-counts'), '17 条观点 · 6 个视角 · 8 个地区');
  assert.match(await page.title(), /Anthropic指控阿里巴巴/);
  assert.equal(await page.getAttribute('link[rel=canonical]', 'href'), bundle.canonical_url);
  // Built without --site, the absolute links take the event's canonical origin.
  assert.equal(await page.getAttribute('link[type="application/json+oembed"]', 'href'),
    `${new URL(bundle.canonical_url).origin}/oembed/zh/n/anthropic-alibaba-claude-distillation.json`);
  assert.deepEqual(await page.$$eval('.lens-name', (els) => els.map((e) => e.textContent)), bundle.lenses.map((l) => l.name));
  assert.deepEqual(await page.$$eval('.lens-body', (els) => els.map((e) => e.id)), anchors);
  const takeLinks = await page.$$eval('article.take a[href^="http"]', (els) => els.map((a) => a.href));
  const takeUrls = bundle.lenses.flatMap((l) => l.takes.map((t) => t.url));
  assert.deepEqual(takeLinks.map((h) => new URL(h).href), takeUrls.map((u) => new URL(u).href));
  assert.equal(await page.locator('.graph-node').count(), 8);
  assert.ok(await page.locator('.summary a.entity-link[href="/zh/entity/anthropic"]').count() >= 1);
  assert.deepEqual(await page.$$eval('.watch li', (els) => els.map((e) => e.textContent)), bundle.watch);
  assert.equal(await page.locator('.related-event').count(), bundle.related.length);
  // theme.js before the body (the reader's theme before the first paint), then the app's loader.
  // (The JSON-LD is a data block, not a script: the CSP allows it.)
  assert.deepEqual(await page.$$eval('script[src]', (els) => els.map((s) => s.src)), [`${origin}/theme.js`, `${origin}/boot.js`]);
  assert.deepEqual(await page.$$eval('script:not([src])', (els) => els.map((s) => s.type)), ['application/ld+json']);
  // Nothing competes with the stylesheet for the first paint: boot.js asks for the app later.
  assert.equal(await page.locator('link[rel=preload], link[rel=modulepreload]').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('with JavaScript off, every lens opens and closes from its summary', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(origin + SEED, { awaitApp: false });
  // The default rule: a lens of at most 3 takes starts open; the 12-take lens starts closed.
  assert.deepEqual(await openStates(page), [true, false, true, true, true, true]);
  assert.equal(await visibleTakes(page), 17 - 12);
  for (const [i, lens] of anchors.entries()) {
    const wasOpen = (await openStates(page))[i];
    const before = await visibleTakes(page);
    const summary = page.locator(`details.lens:has(#${lens}) > summary`);
    await summary.click();
    assert.equal((await openStates(page))[i], !wasOpen, `${lens} after the first click`);
    assert.equal(await visibleTakes(page), before + (wasOpen ? -1 : 1) * takesIn(lens), `${lens}: its takes`);
    await summary.click();
    assert.equal((await openStates(page))[i], wasOpen, `${lens} after the second click`);
    assert.equal(await visibleTakes(page), before);
  }
  // Nothing ran: the address never took an ?open=.
  assert.equal(new URL(page.url()).search, '');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('with JavaScript off, following #lens-… opens its lens and shows it', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 700 } });
  await page.goto(origin + SEED, { awaitApp: false });
  assert.equal((await openStates(page))[1], false);
  // A link on the page itself (the coverage chart's legend), as a reader follows it.
  await page.click('.legend a[href$="#lens-unlabelled"]');
  await page.waitForFunction(() => document.getElementById('lens-unlabelled').closest('details').open);
  const top = await page.$eval('#lens-unlabelled', (el) => el.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 700, `the lens is on screen (top ${top})`);
  assert.equal(await visibleTakes(page), 17);
  // And arriving with the fragment in the address.
  const fresh = await newPage(browser, { javaScriptEnabled: false });
  await fresh.goto(`${origin}${SEED}#lens-unlabelled`, { awaitApp: false });
  await fresh.waitForFunction(() => document.getElementById('lens-unlabelled').closest('details').open);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(fresh.errors, []);
  await fresh.context().close();
  await page.context().close();
});

test('with JavaScript off, the embed page shows the title and every take', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  const response = await page.goto(`${origin}/embed${SEED}`, { awaitApp: false });
  assert.equal(response.status(), 200);
  assert.equal(await page.textContent('article.embed-event h1'), bundle.title);
  assert.equal(await page.textContent('.event-dek'), bundle.dek);
  // Lenses start closed in a widget; a reader opens each.
  assert.deepEqual(await page.$$eval('.lens-name', (els) => els.map((e) => e.textContent)), bundle.lenses.map((l) => l.name));
  for (const summary of await page.locator('details.lens > summary').all()) await summary.click();
  assert.deepEqual(await page.$$eval('.take-outlet', (els) => els.map((e) => e.textContent)),
    bundle.lenses.flatMap((l) => l.takes.map((t) => t.outlet)));
  assert.equal(await visibleTakes(page), 17);
  assert.match(await page.getAttribute('.embed-full a', 'href'), /\/zh\/n\/anthropic-alibaba-claude-distillation$/);
  assert.equal(await page.locator('.site-header').count(), 0, 'the partner page is the chrome');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('with JavaScript off, the Embed snippet opens in its <details>', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(origin + SEED, { awaitApp: false });
  assert.equal(await page.locator('.embed-snippet').isVisible(), false);
  await page.click('details.embed-details > summary');
  assert.ok(await page.locator('.embed-snippet').isVisible());
  assert.match(await page.textContent('.embed-snippet'),
    /^<iframe class="eventlens-embed" src="[^"]+\/embed\/zh\/n\/anthropic-alibaba-claude-distillation" [^>]*height="\d+"/);
  await page.context().close();
});

test('every entity and list page is prerendered; other routes are the app alone', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  assert.equal(entities.length, bundle.entities.length);
  for (const e of entities) {
    await page.goto(`${origin}/zh/entity/${e.slug}`, { awaitApp: false });
    assert.equal(await page.textContent('article.entity h1'), e.name);
    assert.equal(await page.textContent('article.entity .event-item h2'), bundle.title);
  }
  for (const path of ['/zh', '/zh/']) {
    await page.goto(origin + path, { awaitApp: false });
    assert.equal(await page.textContent('.event-item h2'), bundle.title);
  }
  // The explorer is a page of its own: the site's header and its module's holder, no app page.
  await page.goto(`${origin}/zh/graph`, { awaitApp: false });
  assert.equal(await page.locator('#boot[data-prerendered]').count(), 0);
  assert.equal(await page.locator('#explore').count(), 1);
  assert.equal(await page.locator('script[src$="explore-boot.js"]').count(), 1);
  // So is the search: the header, its form, its module's holder, no app page.
  await page.goto(`${origin}/zh/search?q=x`, { awaitApp: false });
  assert.equal(await page.locator('#boot[data-prerendered]').count(), 0);
  assert.equal(await page.locator('#search form.search-form[action="/zh/search"] input[name=q]').count(), 1);
  assert.equal(await page.locator('script[src$="search-boot.js"]').count(), 1);
  assert.equal(await page.locator('script[data-wasm]').count(), 0);
  await page.context().close();
});

test('the app takes over without a visible change: same text, same places, graph where it was', async () => {
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
  assert.equal(await page.locator('head > title').count(), 1);
  assert.equal(await page.locator('link[rel=canonical]').count(), 1);
  assert.equal(await page.locator('meta[name=description]').count(), 1);
  assert.equal(await page.locator('link[type="application/json+oembed"]').count(), 1);
  // And it is the app now: a lens opens, and the address says so.
  await page.click('details.lens:not([open]) > summary');
  await page.waitForFunction(() => new URLSearchParams(location.search).has('open'));
  assert.deepEqual(await openStates(page), [true, true, true, true, true, true]);
  await page.screenshot({ path: `${SCREENSHOTS}/prerender-takeover.png` });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('lenses opened or closed before the app arrived stay so when it takes over', async () => {
  const page = await newPage(browser);
  // Hold the app back until the reader has used the saved page.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route(/eventlens-[0-9a-f]{16}_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(origin + SEED, { awaitApp: false });
  await page.click('details.lens:has(#lens-unlabelled) > summary');
  await page.click('details.lens:has(#lens-hardware-security-detail) > summary');
  assert.deepEqual(await openStates(page), [true, true, false, true, true, true]);
  release();
  await waitForApp(page);
  assert.deepEqual(await openStates(page), [true, true, false, true, true, true]);
  await page.waitForFunction(() => new URLSearchParams(location.search).has('open'));
  const open = new URLSearchParams(new URL(page.url()).search).get('open');
  assert.ok(open.includes('unlabelled') && !open.includes('hardware-security-detail'), `open=${open}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('once the app runs, ?open= follows every lens, and a shared ?open= opens those lenses', async () => {
  const page = await newPage(browser);
  await page.goto(origin + SEED);
  const openParam = () => page.evaluate(() => new URLSearchParams(location.search).get('open'));
  for (const lens of anchors) {
    const slug = lens.replace(/^lens-/, '');
    const wasOpen = (await openStates(page))[anchors.indexOf(lens)];
    await page.click(`details.lens:has(#${lens}) > summary`);
    await page.waitForFunction(([s, want]) => (new URLSearchParams(location.search).get('open') ?? '').split(',').includes(s) === want,
      [slug, !wasOpen]);
  }
  // Every lens flipped once: only the 12-take lens is open now.
  assert.deepEqual(await openStates(page), [false, true, false, false, false, false]);
  assert.equal(await openParam(), 'unlabelled');
  await page.click('.lens-controls button >> nth=0');
  await page.waitForFunction(() => (new URLSearchParams(location.search).get('open') ?? '').split(',').length === 6);
  assert.deepEqual(await openStates(page), [true, true, true, true, true, true]);
  // The address, shared: the same lenses open for the next reader, as the app and as saved.
  await page.click('details.lens:has(#lens-hardware-security-detail) > summary');
  await page.waitForFunction(() => !new URLSearchParams(location.search).get('open').includes('hardware-security'));
  const shared = page.url();
  const next = await newPage(browser);
  await next.goto(shared);
  assert.deepEqual(await openStates(next), [true, true, false, true, true, true]);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(next.errors, []);
  await next.context().close();
  await page.context().close();
});
