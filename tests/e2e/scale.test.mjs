// What a reader pays for a page does not grow with the collection (issue 12). Two synthetic
// collections from the same generator (`bundle synth --seed 7`: hub entities and hub events by
// preferential attachment), of 1,000 and 10,000 events, each built into a site of its own by
// `bundle site` against the app shell and served by nginx as production serves one. On the
// 10,000-event site an event page (a hub event), the home page and the biggest entity's page
// each fetch at most 1.1 times the data of the same page at 1,000 events, where their lists and
// graphs are already full; no data response is over 200 KB but an event's own document; no
// main-thread task passes 200 ms; and home and entity pages page forwards and back with
// JavaScript, without it, and by keyboard. Prints every figure it asserts on.
//
// The generator's hub events are named by a few dozen events at most (18 at 1,000, 28 at
// 10,000), too few to fill a local graph. So both collections also get the same story that
// everyone links to: FOLLOWERS small events that name synthetic-event-0001 (written below, the
// same in both), which makes its graph full at either size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { serveDist, launch, newPage, bundle, buildSite, recordLongTasks, longestTask, SCREENSHOTS } from './support.mjs';

const WORK = 'target/scale-e2e';
const LANG = 'en';
const GROWTH = 1.1;
const MAX_DATA_BYTES = 200 * 1024;
const LONG_TASK_MS = 200;
/** A local graph's cap (eventlens_format::pages::GRAPH_MAX_NODES). */
const GRAPH_MAX_NODES = 60;
const HUB = 'synthetic-event-0001';
const FOLLOWERS = 80;
let browser;
/** Per collection size: { events, origin, server, hub, entity, builtIn }. */
const sites = {};
/** Every data response seen, as [path, bytes, whose own document it is (or null)]. */
const dataSeen = [];

/** The generator's own biggest hub event and biggest entity, from the index `bundle synth`
 *  writes beside the bundles. */
async function hubs(dir) {
  const index = JSON.parse(await readFile(`${dir}/index.json`, 'utf8'));
  const namedBy = new Map();
  for (const e of index.edges) if (e.kind === 'related') namedBy.set(e.target, (namedBy.get(e.target) ?? 0) + 1);
  const inCollection = new Set(index.events.map((e) => `${e.lang}/n/${e.slug}`));
  const [hubId, hubNamedBy] = [...namedBy].filter(([id]) => inCollection.has(id)).sort((a, b) => b[1] - a[1])[0];
  const entity = [...index.entities].sort((a, b) => b.events.length - a.events.length)[0];
  return { synthHub: { slug: hubId.split('/').at(-1), namedBy: hubNamedBy }, entity: { slug: entity.slug, events: entity.events.length } };
}

/** FOLLOWERS valid bundles that each name HUB as related, dated before every synthetic event (so the home pages still list the generator's events). */
async function writeFollowers(dir) {
  await mkdir(`${dir}/${LANG}/n`, { recursive: true });
  for (let i = 1; i <= FOLLOWERS; i++) {
    const slug = `hub-follower-${String(i).padStart(3, '0')}`;
    const bundle = {
      schema_version: 1, slug, lang: LANG, canonical_url: `https://example.com/${LANG}/n/${slug}`,
      title: `Follower ${i} of the big story`, dek: 'Names the big story.', type: 'event',
      date: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, heads: ['Follow-up'],
      summary: 'A follow-up of the big story.', why_it_matters: 'It names the hub.', watch: [],
      lenses: [{ name: 'Wire', takes: [{ outlet: 'Example Wire', region: 'United States', lang: 'en', summary: '', url: `https://example.com/f/${i}` }] }],
      related: [{ slug: HUB }], entities: [],
    };
    await writeFile(`${dir}/${LANG}/n/${slug}.json`, JSON.stringify(bundle, null, 2));
  }
}

before(async () => {
  await rm(WORK, { recursive: true, force: true });
  for (const events of [1000, 10000]) {
    const dir = `${WORK}/bundles-${events}`;
    await bundle('synth', '--events', String(events), '--seed', '7', '--out', dir);
    await writeFollowers(dir);
    const builtIn = await buildSite(dir, `${WORK}/site-${events}`, { cards: false });
    const { server, origin } = await serveDist(`${WORK}/site-${events}`);
    sites[events] = { events, server, origin, builtIn, hub: { slug: HUB }, ...(await hubs(dir)) };
    const s = sites[events];
    const near = (slug) => JSON.parse(readFileSync(`${WORK}/site-${events}/data/${LANG}/near/${slug}.json`, 'utf8'));
    const synthNear = near(s.synthHub.slug);
    console.log(`${events} events (+${FOLLOWERS} followers of ${HUB}): site built in ${builtIn.toFixed(1)} s; ` +
      `the generator's biggest hub event ${s.synthHub.slug} is named by ${s.synthHub.namedBy}, its graph ${synthNear.graph.nodes.length} nodes, ` +
      `its neighbourhood ${Buffer.byteLength(JSON.stringify(synthNear))} B; ${HUB} is named by ${near(HUB).named_by.total}; ` +
      `biggest entity ${s.entity.slug} (${s.entity.events} events)`);
  }
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) await s.server.close();
});

const pages = (s) => ({
  event: { path: `/${LANG}/n/${s.hub.slug}`, own: `/data/${LANG}/n/${s.hub.slug}.json` },
  home: { path: `/${LANG}`, own: null },
  entity: { path: `/${LANG}/entity/${s.entity.slug}`, own: null },
});

/** Loads `path` on site `s` as a reader would (the prerendered page, then the app) and returns
 *  the data it fetched (every response under /data/ but the page's own event document), the
 *  longest main-thread task and when the app had drawn the page. */
async function load(s, path, own) {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.addInitScript(recordLongTasks);
  const responses = [];
  page.on('response', (r) => {
    const at = new URL(r.url()).pathname;
    if (at.startsWith('/data/')) responses.push(r.body().then((b) => [at, b.length, at === own ? at : null]).catch(() => [at, 0, null]));
  });
  await page.goto(s.origin + path);
  const drawn = await page.evaluate(() => performance.now());
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const longest = await longestTask(page, 0);
  const data = await Promise.all(responses);
  dataSeen.push(...data);
  const bytes = data.filter(([, , isOwn]) => !isOwn).reduce((sum, [, b]) => sum + b, 0);
  assert.deepEqual(page.errors, [], `${path} on the ${s.events}-event site`);
  return { page, bytes, longest, drawn, files: data.map(([at, b]) => `${at} ${b}`) };
}

test('an event page, the home page and the biggest entity page cost the same data at 10,000 events as at 1,000', async () => {
  const [small, big] = [sites[1000], sites[10000]];
  // The pages compared are full at 1,000 events already: the hub's and the entity's graphs are
  // at their cap, the home page shows a full page of 50.
  const near = JSON.parse(await readFile(`${WORK}/site-1000/data/${LANG}/near/${small.hub.slug}.json`, 'utf8'));
  assert.equal(near.graph.nodes.length, GRAPH_MAX_NODES, `the 1,000-event hub's graph is full (${near.graph.nodes.length} nodes)`);
  assert.ok(near.graph.left_out.events > 0 && near.named_by.total > near.named_by.events.length, 'the hub leaves events out');
  const entityPage = JSON.parse(await readFile(`${WORK}/site-1000/data/${LANG}/entity/${small.entity.slug}/1.json`, 'utf8'));
  assert.equal(entityPage.graph.nodes.length, GRAPH_MAX_NODES, 'the 1,000-event entity graph is full');
  for (const [kind, smallPage] of Object.entries(pages(small))) {
    const bigPage = pages(big)[kind];
    const a = await load(small, smallPage.path, smallPage.own);
    const b = await load(big, bigPage.path, bigPage.own);
    await a.page.context().close();
    await b.page.context().close();
    console.log(`${kind}: data ${a.bytes} B at 1,000 events (${a.files.join(', ')}), ` +
      `${b.bytes} B at 10,000 (${b.files.join(', ')}): ${(b.bytes / a.bytes).toFixed(3)}×`);
    assert.ok(a.bytes > 0, `${kind}: the page fetched no data`);
    assert.ok(b.bytes <= GROWTH * a.bytes, `${kind}: ${b.bytes} B of data at 10,000 events, over ${GROWTH}× the ${a.bytes} B at 1,000`);
  }
});

// Load on the machine only ever adds time, so the bound holds if one of up to three loads keeps
// the longest task under it; every attempt is printed.
test('no task over 200 ms on the event, home and entity pages of 10,000 events', async () => {
  const big = sites[10000];
  for (const [kind, { path, own }] of Object.entries(pages(big))) {
    const attempts = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const r = await load(big, path, own);
      if (attempt === 1) await r.page.screenshot({ path: `${SCREENSHOTS}/scale-10k-${kind}.png`, fullPage: true });
      await r.page.context().close();
      attempts.push(Math.round(r.longest));
      console.log(`${kind} at 10,000 events, attempt ${attempt}: drawn by the app at ${r.drawn.toFixed(0)} ms, longest task ${attempts.at(-1)} ms`);
      if (attempts.at(-1) < LONG_TASK_MS) break;
    }
    assert.ok(Math.min(...attempts) < LONG_TASK_MS, `${kind}: a task of ${Math.min(...attempts)} ms at best (attempts: ${attempts.join(', ')})`);
  }
});

/** The pager as a reader reads it: where it is, and which ways lead on. */
const pager = (page) => page.evaluate(() => ({
  status: document.querySelector('.pager-status')?.textContent ?? null,
  prev: document.querySelector('.pager-prev')?.getAttribute('href') ?? null,
  next: document.querySelector('.pager-next')?.getAttribute('href') ?? null,
  first: document.querySelector('.event-item h2')?.textContent ?? null,
  items: document.querySelectorAll('.event-item').length,
}));

/** Pages from `first` to its page 2 and back, by `how` (click or keyboard), with JavaScript on
 *  or off, checking the address, the pager and the list at each step. */
async function pageThrough(s, first, pages, { javaScript, how }) {
  const page = await newPage(browser, { javaScriptEnabled: javaScript });
  const responses = [];
  page.on('response', (r) => {
    const at = new URL(r.url()).pathname;
    if (at.startsWith('/data/')) responses.push(r.body().then((b) => [at, b.length, null]).catch(() => [at, 0, null]));
  });
  const go = async (selector) => {
    if (how === 'keyboard') {
      await page.focus(selector);
      assert.equal(await page.evaluate(() => document.activeElement.tabIndex), 0, `${selector} is in the tab order`);
      await page.keyboard.press('Enter');
    } else {
      await page.click(selector);
    }
  };
  const what = `${first}, ${how}, JavaScript ${javaScript ? 'on' : 'off'}`;
  await page.goto(s.origin + first, { awaitApp: javaScript });
  const one = await pager(page);
  assert.deepEqual({ ...one, first: undefined }, { status: `Page 1 of ${pages}`, prev: null, next: `${first}/page/2`, first: undefined, items: 50 }, what);
  await go('.pager-next');
  await page.waitForURL(`${s.origin}${first}/page/2`);
  await page.waitForFunction((p) => document.querySelector('.pager-status')?.textContent === `Page 2 of ${p}`, pages);
  const two = await pager(page);
  assert.deepEqual({ ...two, first: undefined }, { status: `Page 2 of ${pages}`, prev: first, next: `${first}/page/3`, first: undefined, items: 50 }, what);
  assert.notEqual(two.first, one.first, `${what}: page 2 lists other events`);
  if (!javaScript) assert.equal(await page.locator('#boot[data-prerendered]').count(), 1, `${what}: page 2 is a saved page`);
  await go('.pager-prev');
  await page.waitForURL(`${s.origin}${first}`);
  await page.waitForFunction(() => document.querySelector('.pager-status')?.textContent.startsWith('Page 1 '));
  assert.deepEqual(await pager(page), one, `${what}: back on page 1`);
  // The last page: no way on, a way back.
  await page.goto(`${s.origin}${first}/page/${pages}`, { awaitApp: javaScript });
  const last = await pager(page);
  assert.equal(last.status, `Page ${pages} of ${pages}`, what);
  assert.equal(last.next, null, what);
  assert.equal(last.prev, `${first}/page/${pages - 1}`, what);
  assert.deepEqual(page.errors, [], what);
  dataSeen.push(...await Promise.all(responses));
  await page.context().close();
}

test('home and entity pages page forwards and back, with JavaScript, without it, and by keyboard', async () => {
  const big = sites[10000];
  const home = JSON.parse(await readFile(`${WORK}/site-10000/data/${LANG}/home/1.json`, 'utf8')).list;
  const entity = JSON.parse(await readFile(`${WORK}/site-10000/data/${LANG}/entity/${big.entity.slug}/1.json`, 'utf8')).list;
  assert.equal(home.total, 10000 + FOLLOWERS);
  assert.equal(home.pages, Math.ceil((10000 + FOLLOWERS) / 50));
  assert.equal(entity.total, big.entity.events);
  assert.ok(entity.pages >= 3, `the biggest entity has ${entity.pages} pages`);
  for (const [first, count] of [[`/${LANG}`, home.pages], [`/${LANG}/entity/${big.entity.slug}`, entity.pages]]) {
    for (const javaScript of [true, false]) {
      for (const how of ['click', 'keyboard']) await pageThrough(big, first, count, { javaScript, how });
    }
  }
});

// Last, so that it covers the responses of every test above.
test('the explorer draws the whole 10,000-event collection from the site\'s own /en/graph page', async () => {
  const s = sites[10000];
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${s.origin}/${LANG}/graph`);
  await page.waitForSelector('#explore[data-state="drawn"]', { timeout: 60_000 });
  const nodes = Number(await page.getAttribute('canvas.explore-canvas', 'data-nodes'));
  const drawn = await page.evaluate(() => performance.getEntriesByName('explore:drawn')[0]?.startTime);
  console.log(`explore on the 10,000-event site: ${nodes} nodes drawn ${drawn?.toFixed(0)} ms after navigation`);
  await page.screenshot({ path: `${SCREENSHOTS}/scale-explore-10k.png` });
  // Every event is a node (the followers too), and the entities besides.
  assert.ok(nodes > 10000 + FOLLOWERS, `${nodes} nodes drawn`);
  assert.match(await page.textContent('.explore-summary'), /10,080 events/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('no data response over 200 KB but an event\'s own document', () => {
  assert.ok(dataSeen.length > 0);
  const biggest = [...dataSeen].filter(([, , own]) => !own).sort((a, b) => b[1] - a[1])[0];
  console.log(`${dataSeen.length} data responses; the biggest but an event's own document: ${biggest[0]} ${biggest[1]} B`);
  for (const [path, bytes, own] of dataSeen) {
    if (!own) assert.ok(bytes <= MAX_DATA_BYTES, `${path} is ${bytes} B, over ${MAX_DATA_BYTES}`);
  }
});
