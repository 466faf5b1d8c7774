// Search (issue 14): the static Pagefind index built by scripts/search-index.mjs, searched from
// the header's box and the /{lang}/search page, under nginx with deploy/nginx.conf and its CSP.
//
// The collection is the seed plus the English events of scripts/search-fixture.mjs (written
// afresh here, and compared with the committed copies), built with the app `make dist` and
// `make dist-sub` made (target/app, target/app-sub) and the native `bundle` tool, into a
// temporary folder: this suite builds its own site and leaves dist/ alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, newPage, SEED, SCREENSHOTS } from './support.mjs';
import { writeFixtures } from '../../scripts/search-fixture.mjs';
import { buildSearchIndex } from '../../scripts/search-index.mjs';

const BUNDLE = 'target/native/bundle';
const FIXTURES = 'tests/e2e/fixtures/search';
const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

let scratch, server, origin, subServer, subOrigin, browser;

function buildSite(collection, app, out) {
  execFileSync(BUNDLE, ['site', collection, '--app', app, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
}

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'eventlens-search-e2e-'));
  const collection = join(scratch, 'collection');
  cpSync('public/data', collection, { recursive: true });
  writeFixtures(join(scratch, 'fixtures'));
  for (const file of readdirSync(join(scratch, 'fixtures/en/n'))) {
    assert.equal(readFileSync(join(scratch, 'fixtures/en/n', file), 'utf8'), readFileSync(join(FIXTURES, 'en/n', file), 'utf8'),
      `${FIXTURES}/en/n/${file} is stale: run node scripts/search-fixture.mjs ${FIXTURES}`);
  }
  cpSync(join(scratch, 'fixtures'), collection, { recursive: true });
  for (const [app, out] of [['target/app', 'dist'], ['target/app-sub', 'dist-sub']]) {
    buildSite(collection, app, join(scratch, out));
    assert.deepEqual(await buildSearchIndex(join(scratch, out), () => {}), []);
  }
  ({ server, origin } = await serveDist(join(scratch, 'dist')));
  ({ server: subServer, origin: subOrigin } = await serveDist(join(scratch, 'dist-sub'), '/sub'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await subServer?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Opens the search page for `query` and waits for its answer. */
async function search(page, query, lang = 'zh', params = '') {
  await page.goto(`${origin}/${lang}/search?q=${encodeURIComponent(query)}${params}`);
  await page.waitForSelector('.search-hit, .search-empty, .search-names');
}

const hitLinks = (page) => page.$$eval('.search-hit h3 a', (as) => as.map((a) => new URL(a.href).pathname));

for (const [what, query] of [['a Chinese word', '蒸馏'], ['an entity', 'Anthropic'], ['an outlet', 'Taipei Times'],
  ['a phrase from a quote', '维护美国AI领导地位']]) {
  test(`the seed is found by ${what}: ${query}`, async () => {
    const page = await newPage(browser);
    await search(page, query);
    assert.deepEqual(await hitLinks(page), [SEED]);
    // The excerpt marks what matched, as text in <mark> elements.
    const marks = await page.$$eval('.search-hit .search-excerpt mark', (ms) => ms.map((m) => m.textContent));
    assert.ok(marks.length > 0, 'no match highlighted');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('an entity leads to its page, an outlet to the events that cite it', async () => {
  const page = await newPage(browser);
  await search(page, 'Anthropic');
  await page.click('.search-names a >> text=Anthropic');
  await page.waitForSelector('article.entity h1');
  assert.equal(new URL(page.url()).pathname, '/zh/entity/anthropic');
  await search(page, 'Taipei');
  const outlet = await page.$('.search-names a >> text=Taipei Times');
  assert.ok(outlet, 'the outlet is not listed');
  await outlet.click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'Taipei Times');
  await page.waitForSelector('.search-hit');
  assert.deepEqual(await hitLinks(page), [SEED]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('English is stemmed: another form of a word finds the event', async () => {
  const page = await newPage(browser);
  // The event says "subpoenaed" and "foundries", never "subpoenas" or "foundry".
  for (const query of ['subpoenas', 'foundry', 'halting']) {
    await search(page, query, 'en');
    assert.deepEqual(await hitLinks(page), ['/en/n/foundry-subpoenas'], query);
  }
  // The Chinese index has no English events: the same word finds nothing there.
  await search(page, 'subpoenas', 'zh');
  assert.equal(await page.$('.search-hit'), null);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a nonsense query shows a helpful empty state', async () => {
  const page = await newPage(browser);
  await search(page, 'xqzvkwplmtr');
  assert.equal(await page.$('.search-hit'), null);
  const empty = await page.textContent('.search-empty');
  assert.match(empty, /xqzvkwplmtr/);
  assert.ok((await page.$$('.search-empty li')).length >= 3, 'no hints');
  await page.setViewportSize({ width: 390, height: 800 });
  await page.screenshot({ path: `${SCREENSHOTS}/search-empty-390-light.png`, fullPage: true });
  await page.context().close();
});

test('markup in data stays text in the results, highlighting included', async () => {
  const page = await newPage(browser);
  await search(page, 'gallium', 'en');
  assert.deepEqual(await hitLinks(page), ['/en/n/hostile-title']);
  const found = await page.evaluate(() => {
    const results = document.querySelector('.search-results');
    return {
      elements: [...results.querySelectorAll('img, script, iframe, b, i, u')].length,
      pwned: window.__pwned ?? null,
      title: results.querySelector('.search-hit h3 a').textContent,
      excerpt: results.querySelector('.search-excerpt').textContent,
      marks: [...results.querySelectorAll('mark')].map((m) => m.textContent.toLowerCase()),
    };
  });
  assert.equal(found.elements, 0);
  assert.equal(found.pwned, null);
  assert.match(found.title, /<img src=x onerror="window.__pwned=1"> <mark>forged<\/mark>/);
  assert.match(found.excerpt, /<script>window.__pwned=2<\/script>/);
  // The only marks are the index's, and each holds the word searched for.
  assert.ok(found.marks.length > 0 && found.marks.every((m) => m.startsWith('gallium')), found.marks.join(' | '));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('filters: the language of the events and a date range, all in the URL', async () => {
  const page = await newPage(browser);
  await search(page, 'subpoenas');
  await page.selectOption('select[name=in]', 'en');
  await page.click('.search-form button[type=submit]');
  await page.waitForSelector('.search-hit');
  assert.equal(new URL(page.url()).searchParams.get('in'), 'en');
  assert.deepEqual(await hitLinks(page), ['/en/n/foundry-subpoenas']);
  await search(page, '蒸馏', 'zh', '&from=2026-07');
  assert.equal(await page.$('.search-hit'), null, 'an event of June is outside July onwards');
  // The range cleared in the same page (the app's own navigation, the engine already loaded),
  // the search covers every date again.
  await page.fill('input[name=from]', '');
  await page.click('.search-form button[type=submit]');
  await page.waitForSelector('.search-hit');
  assert.equal(new URL(page.url()).searchParams.get('from'), null);
  assert.deepEqual(await hitLinks(page), [SEED]);
  await search(page, '蒸馏', 'zh', '&from=2026-06&to=2026-06');
  assert.deepEqual(await hitLinks(page), [SEED]);
  assert.equal(await page.inputValue('input[name=from]'), '2026-06');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('by keyboard: / focuses the box, Enter searches, arrows move, Enter opens, back returns', async () => {
  const page = await newPage(browser);
  await page.goto(`${origin}/zh`);
  await page.waitForSelector('.event-item');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('.search-box') !== null), true, '/ did not focus the box');
  await page.keyboard.type('Anthropic');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.search-hit');
  assert.equal(new URL(page.url()).pathname, '/zh/search');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'Anthropic');
  // On the search page, / focuses the page's own field.
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-q');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('href'));
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), '/zh/entity/anthropic', 'the first result is the entity');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), SEED);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-q', 'up from the first result returns to the field');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForSelector('article.event h1');
  assert.equal(new URL(page.url()).pathname, SEED);
  await page.goBack();
  await page.waitForSelector('.search-hit');
  assert.equal(await page.inputValue('#search-q'), 'Anthropic');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

for (const theme of ['light', 'dark']) {
  test(`axe finds no violations on the search page (${theme}); screenshots`, async () => {
    for (const width of [390, 1280]) {
      const page = await newPage(browser, { colorScheme: theme, viewport: { width, height: 900 } });
      await search(page, '蒸馏');
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
      assert.deepEqual(violations, [], `${width} px, ${theme}`);
      await page.screenshot({ path: `${SCREENSHOTS}/search-${width}-${theme}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at ${width}px`);
      await page.context().close();
    }
  });
}

test('a query transfers at most 150 KB once the page has loaded, the first query included', async () => {
  const page = await newPage(browser);
  await page.goto(`${origin}/zh/search`);
  // Loaded: the page has its search engine (Pagefind, its wasm, the indexes' metadata).
  await page.waitForSelector('.search-form[data-ready]');
  await page.waitForTimeout(300);
  let bytes = 0;
  page.on('response', async (response) => {
    try {
      const sizes = await response.request().sizes();
      bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    } catch { /* the page went away */ }
  });
  await page.fill('#search-q', '蒸馏');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.search-hit');
  await page.waitForTimeout(300);
  console.log(`a first query after the search page loaded: ${bytes} B (budget ${150 * 1024} B)`);
  assert.ok(bytes > 0 && bytes <= 150 * 1024, `${bytes} bytes`);
  await page.context().close();
});

test('under a sub-folder the search loads, and every request and link stays in it', async () => {
  const page = await newPage(browser);
  const outside = [];
  page.on('request', (r) => { const u = new URL(r.url()); if (u.origin === subOrigin && !u.pathname.startsWith('/sub/')) outside.push(u.pathname); });
  await page.goto(`${subOrigin}/sub/zh`);
  await page.waitForSelector('.event-item');
  await page.fill('.search-box input', '蒸馏');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.search-hit');
  assert.equal(new URL(page.url()).pathname, '/sub/zh/search');
  await page.click('.search-hit h3 a');
  await page.waitForSelector('article.event h1');
  assert.equal(new URL(page.url()).pathname, `/sub${SEED}`);
  assert.deepEqual(outside, [], 'requests left the sub-folder');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// A word in most events is answered from the newest shards (crates/search/src/pagefind.js).
// A synthetic collection of 60 events, indexed in shards of 10 with at most 20 matches for the
// whole index to score, shows it at a size a test can page through.
test('a common word comes newest first, shard by shard, with an estimate until all are searched', async () => {
  const collection = join(scratch, 'common-c');
  const site = join(scratch, 'common-s');
  execFileSync(BUNDLE, ['synth', '--events', '60', '--seed', '7', '--out', collection], { stdio: 'ignore' });
  execFileSync(BUNDLE, ['site', collection, '--app', 'target/app', '--out', site, '--no-cards'], { stdio: ['ignore', 'ignore', 'inherit'] });
  assert.deepEqual(await buildSearchIndex(site, () => {}, { shardRecords: 10, affordableMatches: 20 }), []);
  // Newest first, then by slug: the order the index's shards follow.
  const docs = readdirSync(join(collection, 'en/n')).map((f) => JSON.parse(readFileSync(join(collection, 'en/n', f), 'utf8')))
    .sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  const events = docs.map((e) => `/en/n/${e.slug}`);
  const { server: common, origin: at } = await serveDist(site);
  try {
    const page = await newPage(browser);
    const status = () => page.textContent('.search-results .search-status');
    const seen = [];
    for (let n = 1; n <= 6; n++) {
      await page.goto(`${at}/en/search?q=synthetic&page=${n}`);
      await page.waitForSelector('.search-hit');
      const hits = await hitLinks(page);
      // Page n is the n-th shard: the n-th ten newest events.
      assert.deepEqual([...hits].sort(), events.slice(10 * (n - 1), 10 * n).sort(), `page ${n}`);
      seen.push(...hits);
      if (n < 6) {
        assert.match(await status(), /^About 60 events for “synthetic”$/, `page ${n}`);
        assert.ok(await page.isVisible('.search-order'), 'the order is not explained');
      }
    }
    // Every shard searched by the last page: the count is counted, and the order ordinary.
    assert.equal(await status(), '60 events for “synthetic”');
    assert.equal(await page.$('.search-order'), null);
    assert.equal(new Set(seen).size, 60);
    // A word in one old event is not common: the whole index answers, with a count.
    const oldest = events.at(-1);
    await page.goto(`${at}/en/search?q=${oldest.slice(-4)}`);
    await page.waitForSelector('.search-hit');
    assert.ok((await hitLinks(page)).includes(oldest), `${oldest} not found`);
    assert.match(await status(), /^\d+ events? for/);
    // A date range searches the shards that hold its months: a month of a few events, all of
    // them and nothing else, counted.
    const month = docs[30].date.slice(0, 7);
    const inMonth = docs.filter((e) => e.date.startsWith(month)).map((e) => `/en/n/${e.slug}`);
    assert.ok(inMonth.length <= 10, `${month} has ${inMonth.length} events`);
    await page.goto(`${at}/en/search?q=synthetic&from=${month}&to=${month}`);
    await page.waitForSelector('.search-hit');
    assert.deepEqual((await hitLinks(page)).sort(), inMonth.sort());
    assert.equal(await status(), `${inMonth.length} events for “synthetic”`);
    assert.deepEqual(page.errors, []);
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${at}/en/search?q=synthetic`);
    await page.waitForSelector('.search-hit');
    await page.screenshot({ path: `${SCREENSHOTS}/search-common-word-390.png` });
    await page.context().close();
  } finally {
    await common.close();
  }
});
