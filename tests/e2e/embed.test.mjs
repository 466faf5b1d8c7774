// The embed as a partner site gets it: a hostile page on another origin (another port) with
// its own strict CSP, three embeds (one added after load), and a frame that forges messages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, newPage, SEED } from './support.mjs';

let widget, host, hostOrigin, browser;
const EVENT = SEED.slice(1);

function partnerPage(widgetOrigin) {
  const quote = (extra = '') => `<blockquote class="eventlens-embed" data-event="${EVENT}" ${extra}>
    <a href="${widgetOrigin}${SEED}">Anthropic指控阿里巴巴</a></blockquote>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Partner</title>
<link rel="stylesheet" href="/hostile.css"></head><body>
<h1 id="host-title">Partner news</h1>
${quote()}
${quote('data-theme="dark" data-max-width="500"')}
<div id="late"></div>
<iframe id="forger" src="/forger.html" title="forger"></iframe>
<script src="${widgetOrigin}/embed.js" async></script>
<script src="/add-late.js"></script>
</body></html>`;
}

const HOSTILE_CSS = `* { font: 30px serif !important; color: red !important; }
iframe { border: 5px solid lime; }
blockquote { background: yellow; }`;

before(async () => {
  widget = await serveDist();
  browser = await launch();
  host = createServer((req, res) => {
    const csp = `default-src 'self'; script-src 'self' ${widget.origin}; frame-src 'self' ${widget.origin}; style-src 'self'`;
    const send = (type, body) => res.writeHead(200, { 'content-type': type, 'content-security-policy': csp }).end(body);
    if (req.url === '/') return send('text/html; charset=utf-8', partnerPage(widget.origin));
    if (req.url === '/hostile.css') return send('text/css', HOSTILE_CSS);
    if (req.url === '/add-late.js') return send('text/javascript', `setTimeout(() => {
      document.getElementById('late').innerHTML = '<blockquote class="eventlens-embed" data-event="${EVENT}" data-lang="en"><a href="${widget.origin}${SEED}">late</a></blockquote>';
    }, 300);`);
    if (req.url === '/forger.html') return send('text/html', `<script src="/forge.js"></script>`);
    if (req.url === '/forge.js') return send('text/javascript', `window.forge = (id) => parent.postMessage({ type: 'eventlens:resize', id, height: 9999 }, '*');`);
    res.writeHead(404).end();
  });
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
  hostOrigin = `http://127.0.0.1:${host.address().port}`;
});
after(async () => { await browser?.close(); widget?.server.close(); host?.close(); });

// Tall enough that all three frames are on screen: Chromium does not render offscreen
// cross-origin frames (no ResizeObserver callbacks) until the reader scrolls to them.
async function openPartner(options = {}) {
  const page = await newPage(browser, { viewport: { width: 1000, height: 3000 }, ...options });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(hostOrigin + '/');
  await page.waitForFunction(() => document.querySelectorAll('iframe[data-eventlens-id]').length === 3);
  return page;
}

const heights = (page) => page.$$eval('iframe[data-eventlens-id]', (fs) => fs.map((f) => f.getBoundingClientRect().height));

test('three embeds (one added late) render, resize to their content and again after a lens opens', async () => {
  const page = await openPartner();
  let frames = [];
  for (let i = 0; i < 50 && frames.length < 3; i++) {
    frames = page.frames().filter((f) => f.url().includes('/embed/'));
    if (frames.length < 3) await page.waitForTimeout(100);
  }
  assert.equal(frames.length, 3);
  for (const f of frames) await f.waitForSelector('article.embed-event h1');
  await page.waitForFunction(() => [...document.querySelectorAll('iframe[data-eventlens-id]')].every((f) => f.getBoundingClientRect().height !== 480), null, { timeout: 10000 })
    .catch(async (e) => { throw new Error(`${e.message}: heights ${await heights(page)}`); });
  const before = await heights(page);
  const first = frames.find((f) => f.url().includes('id=eventlens-1'));
  const docHeight = await first.evaluate(() => document.body.scrollHeight);
  assert.ok(Math.abs(before[0] - docHeight) <= 2, `frame ${before[0]} vs content ${docHeight}`);
  await first.click('details.lens:has(#lens-unlabelled) > summary');
  await page.waitForFunction((h) => document.querySelector('iframe[data-eventlens-id="eventlens-1"]').getBoundingClientRect().height > h + 100, before[0]);
  assert.equal(await first.$eval('#lens-unlabelled', (el) => el.closest('details').open), true);
  // The late one got the English UI it asked for; the second is dark and at most 500 px wide.
  const late = frames.find((f) => f.url().includes('id=eventlens-3'));
  assert.match(await late.textContent('.embed-full a'), /Read the full page/);
  const second = frames.find((f) => f.url().includes('id=eventlens-2'));
  assert.equal(await second.getAttribute('html', 'data-theme'), 'dark');
  assert.ok((await page.$eval('iframe[data-eventlens-id="eventlens-2"]', (f) => f.getBoundingClientRect().width)) <= 500);
  await page.context().close();
});

test('a forged resize from another frame or origin is ignored', async () => {
  const page = await openPartner();
  const frames = page.frames().filter((f) => f.url().includes('/embed/'));
  for (const f of frames) await f.waitForSelector('article.embed-event h1');
  await page.waitForTimeout(500);
  const before = await heights(page);
  const forger = page.frames().find((f) => f.url().endsWith('/forger.html'));
  await forger.evaluate(() => window.forge('eventlens-1'));
  await page.evaluate(() => window.postMessage({ type: 'eventlens:resize', id: 'eventlens-2', height: 9999 }, '*'));
  await page.waitForTimeout(300);
  assert.deepEqual(await heights(page), before);
  await page.context().close();
});

test('host styles do not reach the widget and the widget adds no styles to the host', async () => {
  const page = await openPartner();
  const frame = page.frames().find((f) => f.url().includes('id=eventlens-1'));
  await frame.waitForSelector('article.embed-event h1');
  const inside = await frame.$eval('h1', (h) => ({ color: getComputedStyle(h).color, font: getComputedStyle(h).fontFamily }));
  assert.notEqual(inside.color, 'rgb(255, 0, 0)');
  assert.doesNotMatch(inside.font, /^serif$/);
  const box = await page.$eval('iframe[data-eventlens-id="eventlens-1"]', (f) => ({ border: getComputedStyle(f).borderTopWidth, width: f.getBoundingClientRect().width }));
  assert.equal(box.border, '0px');
  const hostTitle = await page.$eval('#host-title', (h) => ({ color: getComputedStyle(h).color, size: getComputedStyle(h).fontSize }));
  assert.deepEqual(hostTitle, { color: 'rgb(255, 0, 0)', size: '30px' });
  const globals = await page.evaluate(() => Object.keys(window).filter((k) => /eventlens/i.test(k)));
  assert.deepEqual(globals, ['eventlens']);
  assert.equal(await page.$$eval('style, link[rel=stylesheet]', (els) => els.length), 1, 'the loader added a stylesheet');
  await page.context().close();
});

test('neither the host page nor the widget reports a CSP violation; loading the loader twice is harmless', async () => {
  const page = await openPartner();
  const frames = page.frames().filter((f) => f.url().includes('/embed/'));
  for (const f of frames) await f.waitForSelector('article.embed-event h1');
  await page.addScriptTag({ url: `${widget.origin}/embed.js` });
  await page.waitForTimeout(300);
  assert.equal(await page.$$eval('iframe[data-eventlens-id]', (fs) => fs.length), 3);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  for (const f of frames) assert.deepEqual(await f.evaluate(() => window.__csp ?? []), []);
  await page.context().close();
});

test('without JavaScript the blockquote stays a working link to the event', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(hostOrigin + '/');
  const links = await page.$$eval('blockquote.eventlens-embed a', (as) => as.map((a) => a.href));
  assert.equal(links.length, 2);
  for (const href of links) assert.equal(href, widget.origin + SEED);
  await page.context().close();
});

test('the oEmbed document has every oEmbed 1.0 field for a rich embed, and the page links to it', async () => {
  const doc = JSON.parse(await readFile(`dist/oembed/${EVENT}.json`, 'utf8'));
  assert.equal(doc.version, '1.0');
  assert.equal(doc.type, 'rich');
  for (const k of ['html', 'title', 'provider_name', 'provider_url']) assert.equal(typeof doc[k], 'string', k);
  for (const k of ['width', 'height', 'cache_age']) assert.ok(Number.isInteger(doc[k]) && doc[k] > 0, k);
  assert.match(doc.html, /^<blockquote class="eventlens-embed" data-event="zh\/n\/anthropic-alibaba-claude-distillation">/);
  assert.match(doc.html, /<script async src="https:\/\/[^"]+\/embed\.js"><\/script>$/);
  const page = await newPage(browser);
  await page.goto(widget.origin + SEED);
  await page.waitForSelector('article.event h1');
  const href = await page.getAttribute('link[rel=alternate][type="application/json+oembed"]', 'href');
  assert.equal(href, `${widget.origin}/oembed/${EVENT}.json`);
  assert.deepEqual(JSON.parse(await (await page.request.get(href)).text()), doc);
  await page.context().close();
});

test('the Embed details show the snippet, copy it and preview the widget', async () => {
  const page = await newPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: widget.origin });
  await page.goto(widget.origin + SEED);
  assert.equal(await page.locator('.embed-snippet').isVisible(), false);
  // The preview loads only once the details are open (a lazy iframe, hidden until then).
  assert.equal(page.frames().filter((f) => f.url().includes('/embed/')).length, 0, 'the preview loaded while closed');
  await page.click('details.embed-details > summary');
  await page.waitForSelector('details.embed-details[open] .embed-snippet');
  const snippet = await page.textContent('.embed-snippet');
  assert.match(snippet, /data-event="zh\/n\/anthropic-alibaba-claude-distillation"/);
  await page.click('.embed-copy');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
  let preview;
  for (let i = 0; i < 50 && !preview; i++) {
    preview = page.frames().find((f) => f.url().includes('/embed/'));
    if (!preview) await page.waitForTimeout(100);
  }
  assert.ok(preview, 'the preview frame loads once the details are open');
  await preview.waitForSelector('article.embed-event h1');
  await page.click('details.embed-details > summary');
  assert.equal(await page.$('details.embed-details[open]'), null);
  assert.equal(await page.locator('.embed-snippet').isVisible(), false);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('graph=1 adds the small graph to the widget; without it there is none', async () => {
  const page = await newPage(browser);
  await page.goto(`${widget.origin}/embed${SEED}?graph=1`);
  await page.waitForSelector('article.embed-event section.graph .graph-node');
  assert.equal(await page.locator('section.graph .graph-node').count(), 8);
  assert.ok(await page.locator('section.graph .graph-node >> nth=0').isVisible());
  await page.goto(`${widget.origin}/embed${SEED}`);
  await page.waitForSelector('article.embed-event h1');
  // Drawn but never shown (so the frame does not grow at takeover): nothing of it is visible.
  assert.equal(await page.locator('section.graph').isVisible(), false);
  assert.equal(await page.locator('section.graph .graph-node >> nth=0').isVisible(), false);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
