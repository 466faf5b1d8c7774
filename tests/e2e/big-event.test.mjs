// A synthetic event of 5,000 takes in 200 lenses (bundle synth, never committed), built into a
// site of its own (`bundle site`) and served as production serves one: it renders, filters and
// scrolls without freezing the tab. Prints the longest task of each phase.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, rm, stat } from 'node:fs/promises';
import { serveDist, launch, newPage, bundle, buildSite, recordLongTasks, longestTask } from './support.mjs';

const WORK = 'target/synth-big';
let server, origin, browser, slug, docBytes;

before(async () => {
  await rm(WORK, { recursive: true, force: true });
  await bundle('synth', '--events', '1', '--takes', '5000', '--lenses', '200', '--seed', '3', '--lang', 'zh', '--out', `${WORK}/bundles`);
  slug = (await readdir(`${WORK}/bundles/zh/n`))[0].replace(/\.json$/, '');
  await buildSite(`${WORK}/bundles`, `${WORK}/site`);
  docBytes = (await stat(`${WORK}/site/data/zh/n/${slug}.json`)).size;
  ({ server, origin } = await serveDist(`${WORK}/site`));
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

// Load on the machine only ever adds time, so a phase passes if one of up to three loads keeps
// it under the bound; every attempt is printed.
test('5,000 takes in 200 lenses: render, filter and scroll without a task over 200 ms', async () => {
  const results = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const r = await measure();
    results.push(r);
    console.log(`big event, attempt ${attempt}: the app took over at ${r.rendered.toFixed(0)} ms; longest task: load+render ${r.render.toFixed(0)} ms (the parse of its ${(docBytes / 1e6).toFixed(1)} MB document included), filter ${r.filter.toFixed(0)} ms, expand all (renders the ${r.shown} takes the filter leaves) ${r.expandAll.toFixed(0)} ms, scroll ${r.scroll.toFixed(0)} ms`);
    if (r.render < 200 && r.filter < 200 && r.scroll < 200) break;
  }
  const best = (k) => Math.min(...results.map((r) => r[k]));
  assert.ok(best('render') < 200, `rendering held the main thread ${best('render')} ms at best`);
  assert.ok(best('filter') < 200, `filtering held the main thread ${best('filter')} ms at best`);
  assert.ok(best('scroll') < 200, `scrolling held the main thread ${best('scroll')} ms at best`);
  for (const r of results) assert.ok(r.shown > 0 && r.shown < 5000, `${r.shown} takes shown after filtering`);
});

async function measure() {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.addInitScript(recordLongTasks);
  // Until the app has taken over from the prerendered page: its load, parse and render.
  await page.goto(`${origin}/zh/n/${slug}`);
  await page.waitForSelector('details.lens >> nth=199', { timeout: 60000 });
  const rendered = await page.evaluate(() => performance.now());
  await page.waitForTimeout(500);
  const render = await longestTask(page, 0);
  assert.equal(await page.locator('details.lens').count(), 200);

  const t1 = await page.evaluate(() => performance.now());
  await page.locator('.chip-group:nth-child(1) .chip').nth(1).click();
  await page.waitForFunction(() => document.querySelector('.chip-group:nth-child(1) .chip:nth-child(3)').getAttribute('aria-pressed') === 'true');
  await page.waitForTimeout(300);
  const filter = await longestTask(page, t1);
  const t2 = await page.evaluate(() => performance.now());
  await page.click('.lens-controls button >> nth=0');
  await page.waitForTimeout(500);
  const expandAll = await longestTask(page, t2);
  const shown = await page.locator('article.take').count();

  const t3 = await page.evaluate(() => performance.now());
  for (let i = 0; i < 20; i++) { await page.mouse.wheel(0, 1500); await page.waitForTimeout(50); }
  const scroll = await longestTask(page, t3);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  return { rendered, render, filter, expandAll, shown, scroll };
}
