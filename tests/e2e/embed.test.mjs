// The embed as a partner site gets it: a hostile page on another origin (another port) with
// its own strict CSP, the snippet the site writes (a frame at the widget's estimated height,
// then the loader), an older blockquote snippet, one added after load, and a frame that forges
// messages. And what a reader of the partner's page notices: the widget's frame holds its place
// before any script runs, and the page does not jump when the widget arrives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, newPage, SEED } from './support.mjs';

let widget, host, hostOrigin, browser, oembed, snippet;
const EVENT = SEED.slice(1);
const FRAMES = 'iframe[src*="/embed/"]';
/** How long the loader is held back on the still page: it arrives well after the first paint,
 *  as over a real network. */
const LATE_LOADER_MS = 800;

const quote = (extra = '') => `<blockquote class="eventlens-embed" data-event="${EVENT}" ${extra}>
    <a href="${widget.origin}${SEED}">Anthropic指控阿里巴巴</a></blockquote>`;

function partnerPage() {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Partner</title>
<link rel="stylesheet" href="/hostile.css"></head><body>
<h1 id="host-title">Partner news</h1>
${snippet}
${quote('data-theme="dark" data-max-width="500"')}
<div id="late"></div>
<iframe id="forger" src="/forger.html" title="forger"></iframe>
<script src="/add-late.js"></script>
</body></html>`;
}

/** The snippet alone above the partner's copy, in a plain page. */
function stillPage() {
  const copy = '<p>Partner copy under the widget, which moves if the widget\'s frame changes height.</p>'.repeat(60);
  return `<!doctype html><html><head><meta charset="utf-8"><title>Partner</title></head><body>
<h1>Partner news</h1>${snippet}${copy}</body></html>`;
}

const HOSTILE_CSS = `* { font: 30px serif !important; color: red !important; }
iframe { border: 5px solid lime; }
blockquote { background: yellow; }`;

before(async () => {
  widget = await serveDist();
  browser = await launch();
  // The snippet a partner copies from the site's oEmbed document, pointed at the local widget.
  oembed = JSON.parse(await readFile(`dist/oembed/${EVENT}.json`, 'utf8'));
  snippet = oembed.html.replaceAll(oembed.provider_url.replace(/\/$/, ''), widget.origin);
  host = createServer((req, res) => {
    const csp = `default-src 'self'; script-src 'self' ${widget.origin}; frame-src 'self' ${widget.origin}; style-src 'self'`;
    const send = (type, body) => res.writeHead(200, { 'content-type': type, 'content-security-policy': csp }).end(body);
    if (req.url === '/') return send('text/html; charset=utf-8', partnerPage());
    if (req.url === '/still') return send('text/html; charset=utf-8', stillPage());
    // Chromium asks for one; a 404 would be reported as a console error.
    if (req.url === '/favicon.ico') return res.writeHead(204).end();
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
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 3, FRAMES);
  return page;
}

// Inside the frame's border, which a partner's stylesheet may give the snippet's frame.
const heights = (page) => page.$$eval(FRAMES, (fs) => fs.map((f) => f.clientHeight));

/** The three widget frames, in the page's order: the snippet's, the dark blockquote's, the late one's. */
async function widgetFrames(page) {
  let frames = [];
  for (let i = 0; i < 50 && frames.length < 3; i++) {
    frames = page.frames().filter((f) => f.url().includes('/embed/'));
    if (frames.length < 3) await page.waitForTimeout(100);
  }
  assert.equal(frames.length, 3);
  return [frames.find((f) => !f.url().includes('id=')), ...['eventlens-1', 'eventlens-2'].map((id) => frames.find((f) => f.url().includes(`id=${id}`)))];
}

/** Waits until every frame is as tall as its widget's content (within 2 px). */
async function fitted(page, frames) {
  let last;
  for (let i = 0; i < 100; i++) {
    const boxes = await heights(page);
    const contents = await Promise.all(frames.map((f) => f.evaluate(() => Math.max(document.body.scrollHeight, document.body.offsetHeight))));
    last = `frames ${boxes} vs content ${contents}`;
    if (boxes.every((h, i) => Math.abs(h - contents[i]) <= 2)) return boxes;
    await page.waitForTimeout(100);
  }
  throw new Error(`the frames never fit their content: ${last}`);
}

test('the snippet, an old blockquote and one added late render, fit their content and again after a lens opens', async () => {
  const page = await openPartner();
  const frames = await widgetFrames(page);
  for (const f of frames) await f.waitForSelector('article.embed-event h1');
  const before = await fitted(page, frames);
  await frames[0].click('details.lens:has(#lens-unlabelled) > summary');
  await page.waitForFunction((h) => document.querySelector('iframe.eventlens-embed').clientHeight > h + 100, before[0]);
  assert.equal(await frames[0].$eval('#lens-unlabelled', (el) => el.closest('details').open), true);
  // The late one got the English UI it asked for; the blockquote's is dark and at most 500 px wide.
  assert.match(await frames[2].textContent('.embed-full a'), /Read the full page/);
  assert.equal(await frames[1].getAttribute('html', 'data-theme'), 'dark');
  assert.ok((await page.$eval('iframe[data-eventlens-id="eventlens-1"]', (f) => f.getBoundingClientRect().width)) <= 500);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a forged resize from another frame or origin is ignored', async () => {
  const page = await openPartner();
  const frames = await widgetFrames(page);
  for (const f of frames) await f.waitForSelector('article.embed-event h1');
  const before = await fitted(page, frames);
  const forger = page.frames().find((f) => f.url().endsWith('/forger.html'));
  await forger.evaluate(() => window.forge('eventlens-1'));
  await forger.evaluate(() => window.forge(''));
  await page.evaluate(() => window.postMessage({ type: 'eventlens:resize', id: 'eventlens-2', height: 9999 }, '*'));
  await page.waitForTimeout(300);
  assert.deepEqual(await heights(page), before);
  await page.context().close();
});

test('host styles do not reach the widget and the widget adds no styles to the host', async () => {
  const page = await openPartner();
  const [snippetFrame] = await widgetFrames(page);
  await snippetFrame.waitForSelector('article.embed-event h1');
  const inside = await snippetFrame.$eval('h1', (h) => ({ color: getComputedStyle(h).color, font: getComputedStyle(h).fontFamily }));
  assert.notEqual(inside.color, 'rgb(255, 0, 0)');
  assert.doesNotMatch(inside.font, /^serif$/);
  // The frame the loader made from a blockquote is styled inline and !important; the snippet's
  // frame is the partner's own element, which the loader does not restyle (it would move).
  const box = await page.$eval('iframe[data-eventlens-id="eventlens-1"]', (f) => ({ border: getComputedStyle(f).borderTopWidth }));
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
  const frames = await widgetFrames(page);
  for (const f of frames) await f.waitForSelector('article.embed-event h1');
  await page.addScriptTag({ url: `${widget.origin}/embed.js` });
  await page.waitForTimeout(300);
  assert.equal(await page.$$eval(FRAMES, (fs) => fs.length), 3);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  for (const f of frames) assert.deepEqual(await f.evaluate(() => window.__csp ?? []), []);
  await page.context().close();
});

test('without JavaScript the snippet shows the widget at its estimated height and a blockquote stays a link', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 1000, height: 3000 } });
  await page.goto(hostOrigin + '/', { awaitApp: false });
  const links = await page.$$eval('blockquote.eventlens-embed a', (as) => as.map((a) => a.href));
  assert.deepEqual(links, [widget.origin + SEED]);
  assert.equal(await page.$eval('iframe.eventlens-embed', (f) => f.clientHeight), oembed.height);
  const frame = page.frames().find((f) => f.url().includes('/embed/'));
  await frame.waitForSelector('article.embed-event h1');
  assert.equal(await frame.textContent('article.embed-event h1'), oembed.title);
  await page.context().close();
});

/** Installed in the still page before its own HTML: the layout shifts Chromium reports
 *  (PerformanceObserver 'layout-shift', as CLS sums them with no input), and the frame's
 *  height at the first paint. */
function watchShifts() {
  if (window !== window.top) return;
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver(() => {
    window.__firstPaintHeight ??= document.querySelector('iframe.eventlens-embed')?.getBoundingClientRect().height;
  }).observe({ type: 'paint', buffered: true });
}

// A desktop page with the widget's whole frame and the copy under it in view, and a phone.
// The snippet's height is estimated for a 720 px column; a phone's column is narrower and the
// widget taller, but its frame then already fills the screen, so only copy out of view moves.
for (const viewport of [{ width: 1000, height: 3000 }, { width: 390, height: 844 }]) {
  test(`the partner page does not move as the widget loads (${viewport.width}×${viewport.height}, loader after the first paint)`, async () => {
    const page = await newPage(browser, { viewport });
    await page.addInitScript(watchShifts);
    await page.route(/\/embed\.js$/, async (route) => {
      await new Promise((ok) => setTimeout(ok, LATE_LOADER_MS));
      await route.continue();
    });
    await page.goto(hostOrigin + '/still', { awaitApp: false });
    let frame;
    for (let i = 0; i < 100 && !frame; i++) {
      frame = page.frames().find((f) => f.url().includes('/embed/'));
      if (!frame) await page.waitForTimeout(100);
    }
    assert.ok(frame, 'no widget frame');
    await frame.waitForFunction(() => !document.querySelector('#boot[data-prerendered]') && document.querySelector('article.embed-event h1'));
    // Fitted to its content, then settled.
    const content = await frame.evaluate(() => Math.max(document.body.scrollHeight, document.body.offsetHeight));
    await page.waitForFunction((h) => Math.abs(document.querySelector('iframe.eventlens-embed').getBoundingClientRect().height - h) <= 2, content);
    await page.waitForTimeout(500);
    const { cls, firstPaintHeight } = await page.evaluate(() => ({ cls: window.__cls, firstPaintHeight: window.__firstPaintHeight }));
    assert.equal(firstPaintHeight, oembed.height, 'the frame holds its estimated height from the first paint');
    assert.ok(cls <= 0.05, `layout shift ${cls.toFixed(3)} (frame ${oembed.height} → ${content} px), over 0.05`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('the oEmbed document has every oEmbed 1.0 field for a rich embed, and the page links to it', async () => {
  const doc = JSON.parse(await readFile(`dist/oembed/${EVENT}.json`, 'utf8'));
  assert.equal(doc.version, '1.0');
  assert.equal(doc.type, 'rich');
  for (const k of ['html', 'title', 'provider_name', 'provider_url']) assert.equal(typeof doc[k], 'string', k);
  for (const k of ['width', 'height', 'cache_age']) assert.ok(Number.isInteger(doc[k]) && doc[k] > 0, k);
  assert.match(doc.html, /^<iframe class="eventlens-embed" src="https:\/\/[^"]+\/embed\/zh\/n\/anthropic-alibaba-claude-distillation" /);
  assert.ok(doc.html.includes(` height="${doc.height}" `), 'the snippet\'s frame has the document\'s height');
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
  // The same snippet as the oEmbed document's, from the origin the page is served on.
  assert.equal(snippet, oembed.html.replaceAll(oembed.provider_url.replace(/\/$/, ''), widget.origin));
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
