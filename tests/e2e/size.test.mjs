// Size budgets on the release build: sizes are exact, so they are tests. Prints the figures
// every run. The first view of an event is index.html + boot.js + the app's JS + wasm + CSS,
// gzip -9; data is not counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const gz = (file) => gzipSync(readFileSync(`dist/${file}`), { level: 9 }).length;
const files = readdirSync('dist');
const pick = (re) => files.find((f) => re.test(f)) ?? assert.fail(`no ${re} in dist/`);

/** Issue 7's goal for the first view. Not met yet (see the issue); the ceiling below keeps the
 *  first view from growing while the work to get there goes on. */
const FIRST_VIEW_GOAL = 170 * 1024;
const FIRST_VIEW_CEILING = 440 * 1024;
const LOADER_BUDGET = 3 * 1024;

test('first view and embed loader sizes (gzip)', () => {
  const parts = {
    'index.html': gz('index.html'),
    'boot.js': gz('boot.js'),
    js: gz(pick(/^eventlens-[0-9a-f]+\.js$/)),
    wasm: gz(pick(/^eventlens-[0-9a-f]+_bg\.wasm$/)),
    css: gz(pick(/^main-[0-9a-f]+\.css$/)),
  };
  const firstView = Object.values(parts).reduce((a, b) => a + b, 0);
  const loader = gz('embed.js');
  console.log(Object.entries(parts).map(([k, v]) => `${k} ${v}`).join(' + ') +
    ` = first view ${firstView} B (${(firstView / 1024).toFixed(1)} KB; goal ${FIRST_VIEW_GOAL / 1024} KB)`);
  console.log(`embed.js ${loader} B (budget ${LOADER_BUDGET} B)`);
  assert.ok(loader <= LOADER_BUDGET, `embed.js is ${loader} B gzip, over ${LOADER_BUDGET}`);
  assert.ok(firstView <= FIRST_VIEW_CEILING, `first view ${firstView} B gzip grew past ${FIRST_VIEW_CEILING}`);
});
