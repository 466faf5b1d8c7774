// Every way loading an event can fail, forced with page.route on the request for its document
// (the event document `bundle site` wrote to dist/data, which boot.js may preload): each says
// what happened in the page's language, offers a retry only where trying again can help (network
// error, 5xx, timeout), the retry really loads the event, and the app keeps routing afterwards.
// None of it may panic the wasm or break the Content-Security-Policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, newPage, SEED } from './support.mjs';

// The event document as the site serves it, and the bundle it was made from.
const SEED_TEXT = await readFile('dist/data/zh/n/anthropic-alibaba-claude-distillation.json', 'utf8');
const SEED_DOC = JSON.parse(SEED_TEXT);
const SEED_BUNDLE = JSON.parse(await readFile('public/data/zh/n/anthropic-alibaba-claude-distillation.json', 'utf8'));
const BUNDLE_URL = '**/data/zh/n/anthropic-alibaba-claude-distillation.json';
/** The app's default cap on a document: the format's MAX_DOC_BYTES (crates/format/src/limits.rs). */
const MAX_DOC_BYTES = 5 * 1024 * 1024 + 1024 * 1024;
let server, origin, browser;

before(async () => { ({ server, origin } = await serveDist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Chromium logs every failed load ("Failed to load resource: …") as a console error; those are
 *  the forced failures themselves. Anything else (an uncaught error, a panic such as `panicked
 *  at` or `RuntimeError: unreachable`, a CSP violation, a console error from the app) is not. */
function unexpectedErrors(page) {
  return page.errors.filter((e) => !/^Failed to load resource: /.test(e));
}

/** Answers the event document's request with `fail` until the returned function is called, and
 *  from the real server after. (Not "the first request": boot.js may preload the document, so
 *  the app's own fetch can be the first or the second.) */
async function failUntilHealed(page, fail, url = BUNDLE_URL) {
  let failing = true;
  await page.route(url, (route) => (failing ? fail(route) : route.continue()));
  return () => { failing = false; };
}

/** Adds `<meta name=… content=…>` to every page document, the way a site sets the app's limits. */
async function withMeta(page, metas) {
  await page.route((url) => url.origin === origin, async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const tags = Object.entries(metas).map(([name, content]) => `<meta name="${name}" content="${content}">`).join('');
    const headers = { ...response.headers() };
    delete headers['content-length'];
    delete headers['content-encoding'];
    await route.fulfill({ response, headers, body: (await response.text()).replace('<head>', `<head>${tags}`) });
  });
}

async function failure(page) {
  await page.waitForSelector('.load-failed');
  return page.$eval('.load-failed', (el) => ({
    title: el.querySelector('h1').textContent,
    headline: el.querySelector('.load-headline').textContent,
    detail: el.querySelector('.load-detail').textContent,
    retry: el.querySelector('.retry')?.textContent ?? null,
    home: el.querySelector('a')?.textContent ?? null,
  }));
}

/** After a failure: the home link works, and the seed event opens from the home page. */
async function keepsRouting(page, homeLink = '.load-failed a') {
  await page.click(homeLink);
  await page.waitForSelector('.event-item h2 a');
  await page.click('.event-item h2 a');
  await page.waitForSelector('article.event h1');
  assert.equal(await page.textContent('h1.event-title'), SEED_BUNDLE.title);
  assert.equal(new URL(page.url()).pathname, SEED);
}

async function retryLoads(page) {
  await page.click('.load-failed .retry');
  await page.waitForSelector('article.event h1');
  assert.equal(await page.textContent('h1.event-title'), SEED_BUNDLE.title);
  assert.equal(await page.locator('article.take').count(), 17);
}

test('a network error says so in Chinese, and retry loads the event', async () => {
  const page = await newPage(browser);
  const heal = await failUntilHealed(page, (route) => route.abort('failed'));
  await page.goto(origin + SEED);
  const f = await failure(page);
  assert.equal(f.title, '无法加载');
  assert.equal(f.headline, '网络错误，无法获取数据。');
  assert.equal(f.retry, '重试');
  assert.equal(f.home, '返回首页');
  heal();
  await retryLoads(page);
  await page.click('a.brand');
  await page.waitForSelector('.event-item');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.context().close();
});

test('on an English route the same failure is said in English', async () => {
  const page = await newPage(browser);
  await page.route('**/data/en/n/some-event.json', (route) => route.abort('failed'));
  await page.goto(`${origin}/en/n/some-event`);
  const f = await failure(page);
  assert.equal(f.title, 'Could not load');
  assert.equal(f.headline, 'A network error stopped the data from loading.');
  assert.equal(f.retry, 'Try again');
  assert.equal(f.home, 'Back to the home page');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await keepsRouting(page);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.context().close();
});

test('an unknown event is the 404 page, without a retry, and its link leads home', async () => {
  const page = await newPage(browser);
  await page.goto(`${origin}/zh/n/no-such-event`);
  await page.waitForSelector('.not-found h1');
  assert.equal(await page.textContent('.not-found h1'), '找不到这个页面');
  assert.equal(await page.locator('.retry').count(), 0);
  await keepsRouting(page, '.not-found a');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.context().close();
});

test('a 503 names the status, and retry loads the event', async () => {
  const page = await newPage(browser);
  const heal = await failUntilHealed(page, (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'busy' }));
  await page.goto(origin + SEED);
  const f = await failure(page);
  assert.equal(f.headline, '服务器出错。');
  assert.equal(f.detail, 'HTTP 503');
  assert.equal(f.retry, '重试');
  heal();
  await retryLoads(page);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.context().close();
});

test('no answer within the time limit (meta eventlens:fetch-timeout-ms) is a timeout, and retry loads the event', async () => {
  const page = await newPage(browser);
  await withMeta(page, { 'eventlens:fetch-timeout-ms': 1000 });
  const late = [];
  const heal = await failUntilHealed(page, (route) => {
    late.push(new Promise((ok) => setTimeout(ok, 3000))
      // The app has given up (aborted) by now, so this answer goes nowhere.
      .then(() => route.fulfill({ contentType: 'application/json', body: SEED_TEXT }).catch(() => {})));
  });
  // When the failure shows, on the page's clock: the app's own time is counted from the moment
  // its code has arrived, not from the navigation (a prerendered page is read before that, and
  // a busy machine can take a second or two to start the app).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('.load-failed')) { window.__failedAt = performance.now(); observer.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(origin + SEED);
  const f = await failure(page);
  const waited = await page.evaluate(() => window.__failedAt
    - performance.getEntriesByType('resource').find((e) => /_bg\.wasm$/.test(e.name)).responseEnd);
  assert.equal(f.headline, '等待数据超时。');
  assert.equal(f.detail, '1000 毫秒内没有响应');
  assert.equal(f.retry, '重试');
  assert.ok(waited >= 1000 && waited < 2900, `the timeout fired ${waited.toFixed(0)} ms after the app arrived, not about 1000`);
  heal();
  await Promise.all(late);
  await retryLoads(page);
  await keepsRouting(page, 'a.brand');
  assert.deepEqual(unexpectedErrors(page), []);
  await page.context().close();
});

test('truncated JSON says where it broke (line and column), without a retry', async () => {
  const page = await newPage(browser);
  const cut = SEED_TEXT.indexOf('"why_it_matters"') + 30;
  const truncated = SEED_TEXT.slice(0, cut);
  const line = truncated.split('\n').length;
  const heal = await failUntilHealed(page, (route) => route.fulfill({ contentType: 'application/json', body: truncated }));
  await page.goto(origin + SEED);
  const f = await failure(page);
  assert.equal(f.headline, '数据无效，无法显示。');
  assert.match(f.detail, new RegExp(`^\\$: not valid JSON: EOF while parsing .* at line ${line} column \\d+$`));
  assert.equal(f.retry, null);
  heal();
  await keepsRouting(page);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.context().close();
});

test('a document from a newer format (schema_version 2) is named as such, without a retry', async () => {
  const page = await newPage(browser);
  const v2 = JSON.stringify({ ...SEED_DOC, schema_version: 2, a_field_from_the_future: true });
  const heal = await failUntilHealed(page, (route) => route.fulfill({ contentType: 'application/json', body: v2 }));
  await page.goto(origin + SEED);
  const f = await failure(page);
  assert.equal(f.headline, '数据无效，无法显示。');
  assert.equal(f.detail, '$.schema_version: unsupported schema version 2; this build reads version 1');
  assert.equal(f.retry, null);
  heal();
  await keepsRouting(page);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.context().close();
});

test('a document that fails validation lists every problem by path, without a retry', async () => {
  const page = await newPage(browser);
  const bad = structuredClone(SEED_DOC);
  bad.lenses[0].takes[0].url = 'ftp://files.example/take';
  bad.lenses[1].takes[3].url = 'javascript:alert(1)';
  bad.date = '2026-02-30';
  const heal = await failUntilHealed(page, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(bad) }));
  await page.goto(origin + SEED);
  const f = await failure(page);
  assert.equal(f.headline, '数据无效，无法显示。');
  assert.deepEqual(f.detail.split('\n'), [
    '$.date: "2026-02-30" is not an ISO 8601 date (YYYY-MM-DD)',
    '$.lenses[0].takes[0].url: "ftp://files.example/take": scheme must be http or https',
    '$.lenses[1].takes[3].url: "javascript:alert(1)": scheme must be http or https',
  ]);
  assert.equal(f.retry, null);
  heal();
  await keepsRouting(page);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.context().close();
});

test('a document over the cap set by meta eventlens:max-bundle-bytes is refused, without a retry', async () => {
  const page = await newPage(browser);
  await withMeta(page, { 'eventlens:max-bundle-bytes': 2000 });
  await page.goto(origin + SEED);
  const f = await failure(page);
  assert.equal(f.headline, '数据太大，未加载。');
  assert.equal(f.detail, `${Buffer.byteLength(SEED_TEXT)} 字节，上限 2000 字节`);
  assert.equal(f.retry, null);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.context().close();
});

test('a document over the default cap (6 MB) is refused, and the app goes on', async () => {
  const page = await newPage(browser);
  const huge = JSON.stringify({ ...SEED_DOC, padding: 'x'.repeat(MAX_DOC_BYTES) });
  const heal = await failUntilHealed(page, (route) => route.fulfill({ contentType: 'application/json', body: huge }));
  await page.goto(origin + SEED);
  const f = await failure(page);
  assert.equal(f.headline, '数据太大，未加载。');
  assert.equal(f.detail, `${Buffer.byteLength(huge)} 字节，上限 ${MAX_DOC_BYTES} 字节`);
  assert.equal(f.retry, null);
  heal();
  await keepsRouting(page);
  assert.deepEqual(unexpectedErrors(page), []);
  await page.context().close();
});

// Leaving a failed page must not fetch again for the page being left: EventPage keys its
// fetch on the route's params, not on the location, which already names the next page.
test('leaving a failed event page by its home link fetches no more event data', async () => {
  const page = await newPage(browser);
  await failUntilHealed(page, (route) => route.fulfill({ contentType: 'application/json', body: '{' }));
  await page.goto(origin + SEED);
  await failure(page);
  const fetched = [];
  // An event's documents: its own and its neighbourhood (the home page reads /data/zh/home/).
  page.on('request', (r) => { if (/\/data\/[a-z]{2}\/(n|near)\//.test(r.url())) fetched.push(new URL(r.url()).pathname); });
  await page.click('.load-failed a');
  await page.waitForSelector('.event-item h2 a');
  await page.waitForTimeout(300);
  assert.deepEqual(fetched, []);
  await page.context().close();
});
