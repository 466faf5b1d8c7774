// Hostile bundles (scripts/xss-corpus.mjs: markup, event handlers, javascript:/data:/vbscript:
// URLs with case, whitespace, entity and control-character tricks, markdown links and autolinks,
// SVG and MathML, bidi overrides) in every text and URL field. The ones the format accepts are
// built into a site of their own (`bundle site`: their documents, and every page prerendered by
// the site builder), served by nginx; the ones it refuses, which no build would ever publish,
// are served to the app as documents made without checks (crates/format's `unchecked_doc`
// example), as a hostile server could. Nothing may run and nothing dangerous may reach the DOM,
// neither in the prerendered HTML (read with JavaScript off) nor once the app has drawn the
// page, and every page shows either the event or the validation error view.
//
// The pages run with the CSP bypassed: the CSP would block most of these even if the app let
// them through, and this suite is about the app's own escaping (the CSP is a second wall, which
// the other suites hold the app to).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { serveDist, launch, newPage, buildSite, uncheckedDocs, routeData, BUNDLE, APP } from './support.mjs';
import { PAYLOADS, writeCorpus } from '../../scripts/xss-corpus.mjs';

const WORK = 'target/xss-e2e';
const SITE = `${WORK}/site`;
let BUNDLES;
let server, origin, browser, page, still;
const dialogs = [];

/** Bundles the format accepts that the site build would not publish, with its reason. */
const unpublished = [];

/** Builds the site of every accepted bundle the site build publishes. Each is tried alone first
 *  (the builder refuses a whole collection for one page it will not publish), so that a refusal
 *  names its bundle and the rest of the suite still runs on all the others. */
async function buildPublishable() {
  const valid = `${WORK}/bundles/valid`;
  const files = await readdir(`${valid}/zh/n`);
  for (const file of files) {
    await mkdir(`${WORK}/alone/zh/n`, { recursive: true });
    await copyFile(`${valid}/zh/n/${file}`, `${WORK}/alone/zh/n/${file}`);
    const run = spawnSync(BUNDLE, ['site', `${WORK}/alone`, '--app', APP, '--out', `${WORK}/alone-site`], { encoding: 'utf8' });
    if (run.status !== 0) {
      unpublished.push(`${file}: ${run.stderr.trim().split('\n').at(-1)}`);
      await rename(`${valid}/zh/n/${file}`, `${WORK}/bundles/unpublished-${file}`);
    }
    await rm(`${WORK}/alone`, { recursive: true });
  }
  await buildSite(valid, SITE);
}

before(async () => {
  await rm(WORK, { recursive: true, force: true });
  BUNDLES = await writeCorpus(`${WORK}/bundles`);
  await buildPublishable();
  const refused = (await readdir(`${WORK}/bundles/refused/zh/n`)).map((f) => `${WORK}/bundles/refused/zh/n/${f}`);
  await uncheckedDocs(`${WORK}/refused-docs`, refused);
  ({ server, origin } = await serveDist(SITE));
  browser = await launch();
  page = await newPage(browser, { bypassCSP: true });
  still = await newPage(browser, { bypassCSP: true, javaScriptEnabled: false });
  for (const p of [page, still]) {
    await p.context().addInitScript(() => { window.__xss = false; });
    p.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  }
  // The refused bundles have no document on the site: a hostile server sends one.
  await routeData(page, [{ prefix: '/data/zh/n/', dir: `${WORK}/refused-docs/` }]);
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
  // The site's own scripts: theme.js (before the first paint) and the app's loader.
  // (The explorer's and the search page boot their own modules instead of the app.)
  const ours = [`${location.origin}/theme.js`, `${location.origin}/boot.js`, `${location.origin}/explore-boot.js`,
    `${location.origin}/search-boot.js`];
  for (const s of document.querySelectorAll('script')) {
    if (s.type === 'application/ld+json' && !s.src) {
      // The JSON-LD data block (issue 15): data a browser never runs, and whole JSON.
      try { JSON.parse(s.textContent); } catch { found.push(`a JSON-LD block that is not JSON: ${s.outerHTML.slice(0, 120)}`); }
      continue;
    }
    if (!ours.includes(s.src)) found.push(`a script that is not the app's: ${s.outerHTML.slice(0, 120)}`);
  }
  // The site's own forms only: its search (the header's box, the search page's form), which
  // goes to its own search page, and the explorer's node finder, which goes nowhere.
  for (const f of document.querySelectorAll('form')) {
    const action = new URL(f.getAttribute('action') ?? '', location.href);
    const ownSearch = f.matches('.search-box, .search-form') && action.origin === location.origin && /^\/[a-z]{2}\/search$/.test(action.pathname);
    const nodeFinder = f.matches('.graph-search') && !f.hasAttribute('action');
    if (!ownSearch && !nodeFinder) found.push(`unexpected form ${f.outerHTML.slice(0, 120)}`);
  }
  // The Embed preview is the one frame the app makes: of this site's own widget.
  for (const el of document.querySelectorAll('iframe:not(.embed-preview), frame, object, embed, applet, style, meta[http-equiv], link[rel=import], link[rel=stylesheet]:not([href^="/main-"])')) {
    found.push(`unexpected element ${el.outerHTML.slice(0, 120)}`);
  }
  for (const el of document.querySelectorAll('iframe.embed-preview')) {
    if (!el.getAttribute('src').startsWith('/embed/zh/n/xss-')) found.push(`a preview of something else: ${el.outerHTML.slice(0, 120)}`);
  }
  const bases = [...document.querySelectorAll('base')].map((b) => b.href);
  if (bases.length !== 1 || bases[0] !== `${location.origin}/`) found.push(`base elements: ${bases}`);
  if (window.__xss !== false) found.push(`window.__xss is ${window.__xss}`);
  return found;
}

/** Opens `path` as the app draws it, or with `{ prerendered: true }` as saved (JavaScript off),
 *  and audits it. */
async function check(path, what, { prerendered = false } = {}) {
  const p = prerendered ? still : page;
  await p.goto(origin + path, { awaitApp: !prerendered });
  await p.waitForSelector('article.event h1, article.entity h1, .event-item, .explore, .load-failed, .not-found');
  // Let effects, the graph's frames and anything a payload scheduled run.
  await p.waitForTimeout(150);
  const found = await p.evaluate(audit);
  assert.deepEqual(found, [], `${what} at ${path}${prerendered ? ' (prerendered)' : ''}`);
  assert.deepEqual(dialogs, [], `${what} at ${path} opened a dialog`);
  const errors = p.errors.filter((e) => !/^Failed to load resource: /.test(e));
  assert.deepEqual(errors, [], `${what} at ${path}`);
  p.errors.length = 0;
  return p;
}

/** The event's text fields read back as the characters the bundle holds. (In saved HTML, but for
 *  U+0000: HTML cannot carry it in text, and its parser drops it.) */
async function showsAsText(p, bundle, slug, { prerendered = false } = {}) {
  if (prerendered) bundle = JSON.parse(JSON.stringify(bundle).replaceAll('\\u0000', ''));
  assert.equal(await p.locator('article.event').count(), 1, `${slug} did not render`);
  assert.equal(await p.textContent('h1.event-title'), bundle.title);
  assert.equal(await p.textContent('.event-dek'), bundle.dek);
  assert.equal(await p.textContent('.event-type'), bundle.type);
  assert.deepEqual(await p.$$eval('.event-header .head-tag', (els) => els.map((e) => e.textContent)), bundle.heads);
  const lensNames = await p.$$eval('.lens-name', (els) => els.map((e) => e.textContent));
  assert.deepEqual(lensNames, bundle.lenses.map((l) => l.name));
  const outlets = await p.$$eval('.take-outlet', (els) => els.map((e) => e.textContent));
  assert.deepEqual(outlets, bundle.lenses.flatMap((l) => l.takes.map((t) => t.outlet)));
  const quotes = await p.$$eval('blockquote.take-quote', (els) => els.map((e) => e.textContent));
  assert.deepEqual(quotes, bundle.lenses.flatMap((l) => l.takes.filter((t) => t.quote).map((t) => t.quote)));
  // External links from markdown are only ever http(s); the refused ones kept just their text.
  const external = await p.$$eval('a[target=_blank]', (els) => els.map((a) => a.getAttribute('href')));
  for (const href of external) assert.match(href, /^https?:\/\//i);
}

test(`the corpus has ${PAYLOADS.length} payloads`, () => {
  assert.ok(PAYLOADS.length >= 30);
  assert.equal(new Set(PAYLOADS).size, PAYLOADS.length);
  assert.ok(BUNDLES.filter((b) => b.expect === 'event').length >= 3);
});

/** The accepted bundles the site holds: all of them, unless the build refused some. */
const published = () => BUNDLES.filter((b) => b.expect === 'event' && !unpublished.some((u) => u.startsWith(`${b.slug}.json:`)));

test('the site build publishes every bundle the format accepts', () => {
  assert.deepEqual(unpublished, []);
});

test('payloads in every text field render as the characters they are, and nothing runs', async () => {
  for (const { slug, bundle } of published()) {
    await showsAsText(await check(`/zh/n/${slug}`, slug), bundle, slug);
  }
});

test('the prerendered pages show every payload as text, and hold no script, handler or script URL', async () => {
  for (const { slug, bundle } of published()) {
    const p = await check(`/zh/n/${slug}`, slug, { prerendered: true });
    assert.equal(await p.locator('#boot[data-prerendered]').count(), 1, `${slug} is prerendered`);
    await showsAsText(p, bundle, slug, { prerendered: true });
    // The <head> the site builder wrote: the title and description are the payload's text.
    // (document.title collapses white space, as HTML says, and Chromium's takes the other C0
    // controls for white space; in a title and in an attribute the HTML parser reads U+0000 as
    // U+FFFD, and in other text drops it.)
    const inHead = (text) => text.replaceAll('\u0000', '\ufffd');
    assert.equal(await p.title(), inHead(`${bundle.title} · eventlens`).replace(/[\u0001-\u0020]+/g, ' ').trim());
    assert.equal(await p.getAttribute('meta[name=description]', 'content'), inHead(bundle.dek));
    await check(`/embed/zh/n/${slug}`, `${slug} embed`, { prerendered: true });
    assert.equal(await still.textContent('article.embed-event h1'), bundle.title.replaceAll('\u0000', ''));
  }
});

test('bidi overrides in names are refused with the validation error view', async () => {
  await check('/zh/n/xss-bidi', 'xss-bidi');
  const detail = await page.textContent('.load-failed .load-detail');
  assert.match(detail, /\$\.lenses\[\d+\]\.takes\[0\]\.outlet: contains the bidirectional control character U\+202E/);
  assert.match(detail, /\$\.title: contains the bidirectional control character/);
});

test('payloads in every URL field, and over-long types, are refused, and the error view shows them as text', async () => {
  for (const { slug } of BUNDLES.filter((b) => b.expect === 'invalid' && b.slug !== 'xss-bidi')) {
    await check(`/zh/n/${slug}`, slug);
    assert.equal(await page.locator('.load-failed').count(), 1, `${slug} was not refused`);
    const detail = await page.textContent('.load-failed .load-detail');
    const paths = slug.startsWith('xss-link-')
      ? ['$.canonical_url:', '$.lenses[0].takes[0].url:', '$.related[4].slug:', '$.entities[3].slug:']
      : ['$.type:'];
    for (const path of paths) assert.ok(detail.includes(path), `${slug}: no ${path} in\n${detail}`);
    assert.equal(await page.locator('.load-failed .retry').count(), 0);
  }
});

test('the home, entity and embed pages show payloads from their documents as text', async () => {
  const events = published().map((b) => b.bundle);
  const texts = events.filter((e) => e.slug.startsWith('xss-text-'));
  assert.ok(texts.length > 0);
  for (const prerendered of [false, true]) {
    const p = await check('/zh', 'home', { prerendered });
    // Saved HTML cannot carry U+0000 in text (see showsAsText).
    const asShown = (text) => (prerendered ? text.replaceAll('\u0000', '') : text);
    const titles = await p.$$eval('.event-item h2', (els) => els.map((e) => e.textContent));
    const listed = JSON.parse(await readFile(`${SITE}/data/zh/home/1.json`, 'utf8')).list.events.map((e) => e.title);
    assert.deepEqual(titles, listed.map(asShown));
    for (const t of titles) assert.ok(events.some((e) => asShown(e.title) === t), `${t} is an event's title`);
    assert.ok(titles.some((t) => PAYLOADS.some((x) => t.includes(x))), 'the home page lists payloads');
    // Every text bundle names xss-entity-0, each with its own payloads: the site names it once.
    const names = new Set(texts.map((e) => asShown(e.entities.find((x) => x.slug === 'xss-entity-0').name)));
    await check('/zh/entity/xss-entity-0', 'entity page', { prerendered });
    assert.ok(names.has(await p.textContent('article.entity h1')), 'the entity is named by one of its events');
    await check(`/embed/zh/n/${texts[0].slug}`, 'embed', { prerendered });
    assert.equal(await p.textContent('article.embed-event h1'), asShown(texts[0].title));
  }
  await check('/zh/graph', 'explore');
  // The Embed panel, opened: its snippet and preview are of this event, as text.
  await check(`/zh/n/${texts[0].slug}`, 'event');
  await page.click('details.embed-details > summary');
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(audit), []);
  assert.ok((await page.textContent('.embed-snippet')).includes(`/embed/zh/n/${texts[0].slug}"`));
});
