// What the rest of the web reads from the seed's page (issue 15): its head carries the Open
// Graph, X card, feed and structured-data tags, every URL in them is absolute and answers 200
// from the built site, and its share card is a real PNG. `make dist` built dist/ with no
// SITE_URL, so every URL starts with the seed's canonical origin; the test maps that origin to
// the nginx serving dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { serveDist, launch, newPage, SEED, SCREENSHOTS } from './support.mjs';

const bundle = JSON.parse(await readFile('public/data/zh/n/anthropic-alibaba-claude-distillation.json', 'utf8'));
const SITE = new URL(bundle.canonical_url).origin;
let server, origin, browser;

before(async () => {
  ({ server, origin } = await serveDist());
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** The URL on the test's server for an absolute URL of the site. */
function local(url) {
  assert.ok(url.startsWith(`${SITE}/`), `${url} is not an absolute URL of the site ${SITE}`);
  return origin + url.slice(SITE.length);
}

async function answers(url) {
  const response = await fetch(local(url));
  assert.equal(response.status, 200, `${url} answered ${response.status}`);
  return response;
}

test('the seed page carries Open Graph, X card, feed and JSON-LD tags, each URL absolute and answering', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(origin + SEED, { awaitApp: false });
  const meta = (key) => page.$eval(`meta[property="${key}"], meta[name="${key}"]`, (m) => m.content);
  assert.equal(await meta('og:type'), 'article');
  assert.equal(await meta('og:title'), bundle.title);
  assert.equal(await meta('og:description'), bundle.dek);
  assert.equal(await meta('og:locale'), 'zh_CN');
  assert.equal(await meta('og:url'), `${SITE}${SEED}`);
  assert.equal(await meta('og:image:width'), '1200');
  assert.equal(await meta('og:image:height'), '630');
  assert.ok((await meta('article:published_time')).startsWith(bundle.date));
  assert.equal(await meta('twitter:card'), 'summary_large_image');

  const image = await meta('og:image');
  const png = await answers(image);
  assert.equal(png.headers.get('content-type'), 'image/png');
  const bytes = Buffer.from(await png.arrayBuffer());
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'the card is a PNG');
  assert.equal(bytes.readUInt32BE(16), 1200);
  assert.equal(bytes.readUInt32BE(20), 630);
  assert.ok(bytes.length < 300 * 1024, `the card is ${bytes.length} bytes`);
  await mkdir(SCREENSHOTS, { recursive: true });
  await writeFile(`${SCREENSHOTS}/share-card-seed.png`, bytes);
  await answers(await meta('og:url'));

  const feeds = await page.$$eval('link[rel="alternate"]', (links) => links.map((l) => [l.type, l.href]));
  const atom = feeds.find(([type]) => type === 'application/atom+xml');
  const json = feeds.find(([type]) => type === 'application/feed+json');
  assert.ok(atom && json, `feed links: ${JSON.stringify(feeds)}`);
  assert.equal((await answers(atom[1])).headers.get('content-type'), 'application/atom+xml');
  assert.equal((await answers(json[1])).headers.get('content-type'), 'application/feed+json');

  const ld = JSON.parse(await page.$eval('script[type="application/ld+json"]', (s) => s.textContent));
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, bundle.title);
  assert.equal(ld.inLanguage, 'zh');
  assert.ok(ld.datePublished.startsWith(bundle.date));
  assert.equal(ld.isBasedOn, bundle.canonical_url);
  assert.deepEqual(ld.about.map((t) => t.name), bundle.entities.map((e) => e.name));
  const takes = bundle.lenses.flatMap((l) => l.takes);
  assert.deepEqual(new Set(ld.citation.map((c) => c.url)), new Set(takes.map((t) => t.url)));
  for (const url of [ld.url, ld.image.url, ...ld.about.map((t) => t.url)]) await answers(url);

  for (const path of ['/sitemap.xml', '/robots.txt']) {
    const response = await fetch(origin + path);
    assert.equal(response.status, 200, path);
  }
  assert.match(await (await fetch(`${origin}/robots.txt`)).text(), /^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
