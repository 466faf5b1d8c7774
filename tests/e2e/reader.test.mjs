// The reader, end to end: the release build served over HTTP, opened in Chromium, checked the
// way a reader would find it. Screenshots land in tests/e2e/screenshots (git-ignored).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import { serveDist, launch, newPage, SEED, SCREENSHOTS } from './support.mjs';

const bundle = JSON.parse(await readFile('public/data/zh/n/anthropic-alibaba-claude-distillation.json', 'utf8'));
const axeSource = await readFile('node_modules/axe-core/axe.min.js', 'utf8');
let server, origin, browser;

before(async () => {
  ({ server, origin } = await serveDist());
  browser = await launch();
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(async () => { await browser?.close(); server?.close(); });

async function openSeed(options = {}, hash = '') {
  const page = await newPage(browser, options);
  await page.goto(origin + SEED + hash);
  await page.waitForSelector('article.event h1');
  return page;
}

test('the seed event shows its title, dek, date, type, heads and counts', async () => {
  const page = await openSeed();
  assert.equal(await page.textContent('h1.event-title'), bundle.title);
  assert.equal(await page.textContent('.event-dek'), bundle.dek);
  assert.equal(await page.textContent('time'), '2026年6月24日');
  assert.equal(await page.textContent('.event-type'), 'event');
  assert.deepEqual(await page.$$eval('.event-header .head-tag', (els) => els.map((e) => e.textContent)), ['谁的钱', '他们没说的']);
  assert.equal(await page.textContent('.event-counts'), '17 条观点 · 6 个视角 · 8 个地区');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh');
  assert.match(await page.title(), /Anthropic指控阿里巴巴/);
  assert.equal(await page.getAttribute('link[rel=canonical]', 'href'), bundle.canonical_url);
  assert.ok((await page.getAttribute('meta[name=description]', 'content')).startsWith('通过2.5万个'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('summary, why it matters and what to watch are all there', async () => {
  const page = await openSeed();
  const summary = await page.textContent('.summary p');
  assert.ok(summary.startsWith('Anthropic于6月24日披露，阿里巴巴的Qwen实验室'), summary);
  assert.ok((await page.textContent('.why p')).startsWith('蒸馏是法律套利'));
  assert.deepEqual(await page.$$eval('.watch li', (els) => els.map((e) => e.textContent)), bundle.watch);
  await page.context().close();
});

test('every take and every source link, in six lenses with the right counts', async () => {
  const page = await openSeed();
  assert.equal(await page.locator('article.take').count(), 17);
  const links = await page.$$eval('a.take-source', (els) => els.map((a) => ({ href: a.href, target: a.target, rel: a.rel })));
  const urls = bundle.lenses.flatMap((l) => l.takes.map((t) => t.url));
  assert.deepEqual(links.map((l) => l.href), urls);
  for (const l of links) { assert.equal(l.target, '_blank'); assert.equal(l.rel, 'noopener noreferrer'); }
  const lenses = await page.$$eval('details.lens', (els) => els.map((s) => ({
    name: s.querySelector('.lens-name').textContent, count: s.querySelector('.lens-count').textContent,
  })));
  assert.deepEqual(lenses, bundle.lenses.map((l) => ({ name: l.name, count: `${l.takes.length} 条观点` })));
  const outlets = await page.$$eval('.take-outlet', (els) => els.map((e) => e.textContent));
  assert.deepEqual(outlets, bundle.lenses.flatMap((l) => l.takes.map((t) => t.outlet)));
  await page.context().close();
});

test('the eight regions, the quotes as cited blockquotes, and the language badges', async () => {
  const page = await openSeed();
  const regions = await page.$$eval('.chip-group:nth-child(1) .chip', (els) => els.slice(1).map((e) => e.firstChild.textContent));
  assert.deepEqual(regions, ['United States', 'India', 'Netherlands / global', 'Taiwan', 'Pakistan', 'Japan', 'Hong Kong / China', 'China']);
  const quotes = await page.$$eval('blockquote.take-quote', (els) => els.map((q) => ({ cite: q.cite, text: q.textContent })));
  const expected = bundle.lenses.flatMap((l) => l.takes.filter((t) => t.quote).map((t) => ({ cite: t.url, text: t.quote })));
  assert.equal(quotes.length, 5);
  assert.deepEqual(quotes, expected);
  const badges = await page.$$eval('.lang-badge', (els) => els.map((e) => e.textContent));
  assert.equal(badges.filter((b) => b === 'ZH').length, 1);
  assert.equal(await page.getAttribute('.take-outlet >> nth=0', 'lang'), 'en');
  await page.context().close();
});

test('entity links resolve to entity pages that lead back', async () => {
  const page = await openSeed();
  await page.click('.summary a.entity-link >> text=Anthropic');
  await page.waitForURL(`${origin}/zh/entity/anthropic`);
  await page.waitForSelector('article.entity h1');
  assert.equal(await page.textContent('article.entity h1'), 'Anthropic');
  await page.click('article.entity .event-item h2 a');
  await page.waitForSelector('article.event h1');
  for (const e of bundle.entities) {
    await page.goto(`${origin}/zh/entity/${e.slug}`);
    await page.waitForSelector('article.entity h1');
    assert.equal(await page.textContent('article.entity h1'), e.name);
  }
  assert.deepEqual(page.errors, []);
  // An entity with no list document: the app asks for it, gets a 404 (which Chromium logs) and
  // says so; nothing else goes wrong.
  await page.goto(`${origin}/zh/entity/nobody`);
  await page.waitForSelector('.not-found');
  assert.deepEqual(page.errors, ['Failed to load resource: the server responded with a status of 404 (Not Found)']);
  await page.context().close();
});

test('related events outside the collection are named, not dead links', async () => {
  const page = await openSeed();
  await page.waitForSelector('.related-event');
  const related = await page.$$eval('.related-event', (els) => els.map((e) => ({ text: e.textContent, links: e.querySelectorAll('a').length })));
  assert.equal(related.length, 4);
  for (const r of related) { assert.equal(r.links, 0); assert.match(r.text, /不在本合集中/); }
  await page.context().close();
});

// The anchor is the lens's body, inside its <details>; the summary above it stays in view
// (scroll-margin-top).
const lensOpen = (page, anchor) => page.evaluate((a) => document.getElementById(a).closest('details.lens').open, anchor);
const openStates = (page) => page.$$eval('details.lens', (els) => els.map((d) => d.open));
const summaryOf = (anchor) => `details.lens:has(#${anchor}) > summary`;

test('a #lens- hash opens that lens and scrolls to it', async () => {
  const page = await openSeed({ viewport: { width: 1280, height: 700 } }, '#lens-unlabelled');
  await page.waitForFunction(() => document.getElementById('lens-unlabelled').closest('details').open);
  await page.waitForFunction(() => {
    const top = document.getElementById('lens-unlabelled').getBoundingClientRect().top;
    return top > 0 && top < 150;
  });
  assert.equal(await lensOpen(page, 'lens-unlabelled'), true);
  assert.ok(await page.locator('#lens-unlabelled article.take').first().isVisible(), 'the opened lens shows its takes');
  await page.context().close();
});

test('open lenses survive going to another page and back, and forward again', async () => {
  const page = await openSeed();
  await page.click(summaryOf('lens-us-tech-financial'));
  await page.click(summaryOf('lens-unlabelled'));
  await page.waitForFunction(() => location.search.includes('open='));
  const before = await openStates(page);
  assert.deepEqual(before, [false, true, true, true, true, true]);
  await page.click('.entities a >> text=Openai');
  await page.waitForSelector('article.entity h1');
  await page.goBack();
  await page.waitForSelector('article.event h1');
  const after = await openStates(page);
  assert.deepEqual(after, before);
  await page.goForward();
  await page.waitForSelector('article.entity h1');
  assert.equal(await page.textContent('article.entity h1'), 'Openai');
  await page.context().close();
});

test('lenses fold by keyboard with a visible focus ring', async () => {
  const page = await openSeed();
  await page.focus(summaryOf('lens-unlabelled'));
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const outline = await page.$eval(summaryOf('lens-unlabelled'), (b) => getComputedStyle(b).outlineStyle);
  assert.equal(outline, 'solid');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('open')?.includes('unlabelled'));
  assert.equal(await lensOpen(page, 'lens-unlabelled'), true);
  assert.ok(await page.locator('#lens-unlabelled article.take').first().isVisible());
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !new URLSearchParams(location.search).get('open')?.includes('unlabelled'));
  assert.equal(await lensOpen(page, 'lens-unlabelled'), false);
  assert.equal(await page.locator('#lens-unlabelled article.take').first().isVisible(), false);
  await page.context().close();
});

test('the home page lists the collection and unknown routes get a real 404 page', async () => {
  const page = await newPage(browser);
  await page.goto(origin + '/zh');
  await page.waitForSelector('.event-item');
  assert.equal(await page.textContent('.event-item h2'), bundle.title);
  await page.goto(origin + '/no/such/page');
  await page.waitForSelector('.not-found h1');
  await page.click('.not-found a');
  await page.waitForSelector('h1');
  await page.goto(origin + '/zh/n/no-such-event');
  await page.waitForSelector('.not-found h1');
  assert.deepEqual(page.errors.filter((e) => !e.includes('404')), []);
  await page.context().close();
});

test('the share button copies the link where there is no share sheet', async () => {
  const page = await openSeed();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.evaluate(() => { delete Navigator.prototype.share; });
  await page.click('.share-button');
  await page.waitForFunction(() => document.querySelector('.share-status').textContent.length > 0);
  assert.equal(await page.textContent('.share-status'), '链接已复制');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
  await page.context().close();
});

test('the theme toggle overrides the system theme and is remembered', async () => {
  const page = await openSeed({ colorScheme: 'light' });
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await page.click('.theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.notEqual(await bg(), light);
  await page.reload();
  await page.waitForSelector('article.event h1');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await page.getAttribute('.theme-toggle', 'aria-pressed'), 'true');
  await page.context().close();
});

test('print shows every lens open and no controls', async () => {
  const page = await openSeed();
  assert.ok((await openStates(page)).includes(false), 'the seed has a closed lens to print');
  await page.emulateMedia({ media: 'print' });
  // Seen as a reader would: every take's box has a size (a closed <details> hides its content
  // without changing the content's own `display`).
  const hiddenTakes = await page.$$eval('article.take', (els) => els.filter((e) => !e.checkVisibility()).length);
  assert.equal(hiddenTakes, 0);
  assert.equal(await page.locator('article.take').count(), 17);
  assert.equal(await page.$eval('.filter-bar', (e) => getComputedStyle(e).display), 'none');
  await page.context().close();
});

test('at 320 px nothing overflows sideways, and /zh/ with a slash is the home page', async () => {
  const page = await openSeed({ viewport: { width: 320, height: 640 } });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320));
  await page.goto(origin + '/zh/');
  await page.waitForSelector('.event-item');
  await page.context().close();
});

for (const theme of ['light', 'dark']) {
  test(`axe finds no violations on the home, event and entity pages (${theme})`, async () => {
    const page = await newPage(browser, { colorScheme: theme });
    for (const [path, ready] of [['/zh', '.event-item'], [SEED, 'article.event h1'], ['/zh/entity/anthropic', 'article.entity h1']]) {
      await page.goto(origin + path);
      await page.waitForSelector(ready);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
      assert.deepEqual(violations, [], `${path} in ${theme}`);
    }
    await page.context().close();
  });
}

test('screenshots of the event page at 390 and 1280 px, light and dark', async () => {
  for (const width of [390, 1280]) {
    for (const theme of ['light', 'dark']) {
      const page = await openSeed({ viewport: { width, height: 900 }, colorScheme: theme });
      await page.screenshot({ path: `${SCREENSHOTS}/event-${width}-${theme}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at ${width}px`);
      await page.context().close();
    }
  }
});
