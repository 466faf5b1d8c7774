// Hostile bundles (scripts/xss-corpus.mjs: markup, event handlers, javascript:/data:/vbscript:
// URLs with case, whitespace, entity and control-character tricks, markdown links and autolinks,
// SVG and MathML, bidi overrides) in every text and URL field, served with page.route. Nothing
// may run and nothing dangerous may reach the DOM, and every page shows either the event or the
// validation error view.
//
// The pages run with the CSP bypassed: the CSP would block most of these even if the app let
// them through, and this suite is about the app's own escaping (the CSP is a second wall, which
// the other suites hold the app to).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage } from './support.mjs';
import { PAYLOADS, buildBundles, buildIndex, readSeed } from '../../scripts/xss-corpus.mjs';

const BUNDLES = buildBundles(await readSeed());
const BY_SLUG = new Map(BUNDLES.map((b) => [b.slug, b]));
const INDEX = buildIndex(BUNDLES.filter((b) => b.expect === 'event').map((b) => b.bundle));
let server, origin, browser, page;
const dialogs = [];

before(async () => {
  ({ server, origin } = await serveDist());
  browser = await launch();
  page = await newPage(browser, { bypassCSP: true });
  await page.context().addInitScript(() => { window.__xss = false; });
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  await page.route('**/data/zh/n/xss-*.json', (route) => {
    const slug = new URL(route.request().url()).pathname.split('/').pop().replace(/\.json$/, '');
    const entry = BY_SLUG.get(slug);
    return entry ? route.fulfill({ contentType: 'application/json', body: JSON.stringify(entry.bundle) }) : route.fulfill({ status: 404 });
  });
  await page.route('**/data/index.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(INDEX) }));
});
after(async () => { await browser?.close(); await server?.close(); });

/** Everything in the live DOM that a payload could have turned into script. */
function audit() {
  const found = [];
  const describe = (el) => `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''}>`;
  // What a browser ignores when it reads a URL's scheme: whitespace and control characters.
  const scheme = (v) => v.replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g, '').toLowerCase();
  const URL_ATTRS = /^(href|src|cite|action|formaction|data|poster|background|codebase|srcset|ping|xlink:href|xml:base)$/i;
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.localName)) found.push(`${describe(el)} has ${a.name}="${a.value}"`);
      if (a.localName === 'srcdoc') found.push(`${describe(el)} has srcdoc`);
      if ((URL_ATTRS.test(a.name) || a.localName === 'href') && /^(javascript|data|vbscript):/.test(scheme(a.value))) {
        found.push(`${describe(el)} has ${a.name}="${a.value}"`);
      }
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (s.src !== `${location.origin}/boot.js`) found.push(`a script that is not the app's: ${s.outerHTML.slice(0, 120)}`);
  }
  for (const el of document.querySelectorAll('iframe, frame, object, embed, applet, form, style, meta[http-equiv], link[rel=import], link[rel=stylesheet]:not([href^="/main-"])')) {
    found.push(`unexpected element ${el.outerHTML.slice(0, 120)}`);
  }
  const bases = [...document.querySelectorAll('base')].map((b) => b.href);
  if (bases.length !== 1 || bases[0] !== `${location.origin}/`) found.push(`base elements: ${bases}`);
  if (window.__xss !== false) found.push(`window.__xss is ${window.__xss}`);
  return found;
}

async function check(path, what) {
  await page.goto(origin + path);
  await page.waitForSelector('article.event h1, article.entity h1, .event-item, .graph-view, .load-failed, .not-found');
  // Let effects, the graph's frames and anything a payload scheduled run.
  await page.waitForTimeout(150);
  const found = await page.evaluate(audit);
  assert.deepEqual(found, [], `${what} at ${path}`);
  assert.deepEqual(dialogs, [], `${what} at ${path} opened a dialog`);
  const errors = page.errors.filter((e) => !/^Failed to load resource: /.test(e));
  assert.deepEqual(errors, [], `${what} at ${path}`);
  page.errors.length = 0;
}

test(`the corpus has ${PAYLOADS.length} payloads in ${BUNDLES.length} bundles`, () => {
  assert.ok(PAYLOADS.length >= 30);
  assert.equal(new Set(PAYLOADS).size, PAYLOADS.length);
});

test('payloads in every text field render as the characters they are, and nothing runs', async () => {
  for (const { slug, bundle } of BUNDLES.filter((b) => b.expect === 'event')) {
    await check(`/zh/n/${slug}`, slug);
    assert.equal(await page.locator('article.event').count(), 1, `${slug} did not render`);
    assert.equal(await page.textContent('h1.event-title'), bundle.title);
    assert.equal(await page.textContent('.event-dek'), bundle.dek);
    const lensNames = await page.$$eval('.lens-name', (els) => els.map((e) => e.textContent));
    assert.deepEqual(lensNames, bundle.lenses.map((l) => l.name));
    const outlets = await page.$$eval('.take-outlet', (els) => els.map((e) => e.textContent));
    assert.deepEqual(outlets, bundle.lenses.flatMap((l) => l.takes.map((t) => t.outlet)));
    // External links from markdown are only ever http(s); the refused ones kept just their text.
    const external = await page.$$eval('a[target=_blank]', (els) => els.map((a) => a.getAttribute('href')));
    for (const href of external) assert.match(href, /^https?:\/\//i);
  }
});

test('bidi overrides in names are refused with the validation error view', async () => {
  await check('/zh/n/xss-bidi', 'xss-bidi');
  const detail = await page.textContent('.load-failed .load-detail');
  assert.match(detail, /\$\.lenses\[\d+\]\.takes\[0\]\.outlet: contains the bidirectional control character U\+202E/);
  assert.match(detail, /\$\.title: contains the bidirectional control character/);
});

test('payloads in every URL field are refused, and the error view shows them as text', async () => {
  for (const { slug } of BUNDLES.filter((b) => b.slug.startsWith('xss-link-'))) {
    await check(`/zh/n/${slug}`, slug);
    assert.equal(await page.locator('.load-failed').count(), 1, `${slug} was not refused`);
    const detail = await page.textContent('.load-failed .load-detail');
    for (const path of ['$.canonical_url:', '$.lenses[0].takes[0].url:', '$.related[4].slug:', '$.entities[3].slug:']) {
      assert.ok(detail.includes(path), `${slug}: no ${path} in\n${detail}`);
    }
    assert.equal(await page.locator('.load-failed .retry').count(), 0);
  }
});

test('the home, explore and entity pages show payloads from the index as text', async () => {
  await check('/zh', 'home');
  const titles = await page.$$eval('.event-item h2', (els) => els.map((e) => e.textContent));
  assert.deepEqual(titles, INDEX.events.map((e) => e.title));
  await check('/zh/graph', 'explore');
  const entity = INDEX.entities.find((e) => e.slug === 'xss-entity-0');
  await check('/zh/entity/xss-entity-0', 'entity page');
  assert.equal(await page.textContent('article.entity h1'), entity.name);
});
