// Shared by the end-to-end tests: the built site served by a real nginx with deploy/nginx.conf
// (SPA fallback, cache headers, the Content-Security-Policy), Debian's Chromium driven by
// playwright-core (no browser is ever downloaded), and the native tools that build the sites and
// documents a test serves (`bundle site`, and documents of refused bundles).
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { access, constants, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const SEED = '/zh/n/anthropic-alibaba-claude-distillation';
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
export const NGINX = '/usr/sbin/nginx';
export const NGINX_CONF = 'deploy/nginx.conf';

async function freePort() {
  const probe = createServer();
  await new Promise((ok, fail) => probe.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

/** Serves `root` with nginx and deploy/nginx.conf on a free loopback port, under `prefix` (a
 *  sub-folder such as `/sub`) if given. Returns `{ server: { close() }, origin }`; close()
 *  stops nginx and removes its temp directory. */
export async function serveDist(root = 'dist', prefix = '') {
  try { await access(NGINX, constants.X_OK); } catch {
    throw new Error(`${NGINX} not found: the e2e tests serve the site with Debian's nginx (apt-get install -y nginx)`);
  }
  const template = await readFile(NGINX_CONF, 'utf8');
  const dir = await mkdtemp(join(tmpdir(), 'eventlens-nginx-'));
  await mkdir(join(dir, 'logs'));
  // The config serves __ROOT____PREFIX__/, so a sub-folder build goes in a folder of that name.
  let docroot = resolve(root);
  if (prefix) {
    docroot = join(dir, 'www');
    await mkdir(dirname(join(docroot, prefix)), { recursive: true });
    await symlink(resolve(root), join(docroot, prefix));
  }
  // Started as root, nginx would run its workers as nobody, who may not read the checkout.
  const globals = process.getuid?.() === 0 ? `daemon off; user ${userInfo().username};` : 'daemon off;';
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const conf = join(dir, 'nginx.conf');
    await writeFile(conf, template.replaceAll('__LISTEN__', `127.0.0.1:${port}`)
      .replaceAll('__ROOT__', docroot).replaceAll('__PREFIX__', prefix));
    const nginx = spawn(NGINX, ['-p', dir, '-c', conf, '-e', 'logs/error.log', '-g', globals], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    nginx.stderr.on('data', (d) => { stderr += d; });
    const exited = new Promise((ok) => nginx.once('exit', (code, signal) => ok({ code, signal })));
    const origin = `http://127.0.0.1:${port}`;
    const ready = await Promise.race([waitUntilUp(`${origin}${prefix}/`), exited.then(() => false)]);
    if (ready) {
      const stop = () => nginx.kill('SIGTERM');
      process.once('exit', stop);
      const server = {
        close() {
          process.off('exit', stop);
          if (nginx.exitCode === null && nginx.signalCode === null) stop();
          return exited.then(() => rm(dir, { recursive: true, force: true }));
        },
      };
      return { server, origin };
    }
    nginx.kill('SIGKILL');
    const log = await readFile(join(dir, 'logs/error.log'), 'utf8').catch(() => '');
    // Another process may have taken the port between the probe and nginx's bind: try again.
    if (attempt < 5 && /Address already in use/.test(log + stderr)) continue;
    await rm(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start with ${NGINX_CONF}:\n${stderr}${log}`);
  }
}

async function waitUntilUp(url) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch { /* not listening yet */ }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return false;
}

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/** Installed in every page before any of its scripts: each Content-Security-Policy violation is
 *  kept in window.__cspViolations and reported to the test through an exposed function. */
function recordCspViolations() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` : '';
    const el = e.target instanceof Element
      ? ` on <${e.target.localName}${e.target.getAttribute('class') ? ` class="${e.target.getAttribute('class')}"` : ''}>` : '';
    const text = `CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}${el}${where}` +
      (e.sample ? ` sample ${JSON.stringify(e.sample)}` : '');
    window.__cspViolations.push(text);
    window.__reportCspViolation?.(text);
  });
}

/** A page that fails the test on any uncaught error, console error or CSP violation: all three
 *  land in `page.errors`. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.errors = [];
  await context.exposeFunction('__reportCspViolation', (text) => { page.errors.push(text); });
  await context.addInitScript(recordCspViolations);
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  // Test tooling such as axe-core is evaluated the way Playwright runs its own scripts, outside
  // the page's CSP: addScriptTag({ content }) adds an inline <script>, which script-src 'self'
  // rightly refuses (and would count as a violation). The app itself still runs under the CSP.
  const addScriptTag = page.addScriptTag.bind(page);
  page.addScriptTag = async (options = {}) => {
    if (options.content === undefined || options.type === 'module') return addScriptTag(options);
    await page.evaluate(options.content);
    return null;
  };
  // Every page of a built site arrives prerendered (`bundle site`) and the app takes over a
  // moment later. A test means the page the app drew, so goto and reload wait for the takeover
  // (at once on any other page); `{ awaitApp: false }` to see the prerendered copy itself.
  for (const name of ['goto', 'reload']) {
    const navigate = page[name].bind(page);
    page[name] = async (...args) => {
      const last = args.at(-1);
      const { awaitApp = true, ...options } = typeof last === 'object' && last !== null ? last : {};
      const response = await (typeof last === 'object' && last !== null ? navigate(...args.slice(0, -1), options) : navigate(...args));
      if (awaitApp) await waitForApp(page);
      return response;
    };
  }
  return page;
}

/** Resolves once no prerendered copy is on screen: the app has drawn the page itself. */
export async function waitForApp(page) {
  await page.waitForFunction(() => !document.querySelector('#boot[data-prerendered]'), null, { timeout: 30_000 });
}

export const SCREENSHOTS = 'tests/e2e/screenshots';

/** The native `bundle` tool (`make bundle-native`), which builds every site and document the
 *  tests serve. */
export const BUNDLE = 'target/native/bundle';
/** The app shell trunk built (`make app`), which `bundle site` prerenders pages into. */
export const APP = 'target/app';

async function mustExist(path, how) {
  try { await stat(path); } catch { throw new Error(`${path} is missing: ${how}`); }
}

/** Runs the native `bundle` tool with `args`, its output on the test's. */
export async function bundle(...args) {
  await mustExist(BUNDLE, 'make bundle-native');
  execFileSync(BUNDLE, args, { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Builds the site of the bundles under `collection` into `out` (`bundle site`): with the app
 *  shell and every page prerendered, or only the documents (`{ dataOnly: true }`); without the
 *  share cards with `{ cards: false }` (pictures a test that reads pages need not wait for).
 *  Returns the seconds it took. */
export async function buildSite(collection, out, { dataOnly = false, cards = true } = {}) {
  if (!dataOnly) await mustExist(`${APP}/index.html`, 'make app');
  const started = performance.now();
  await bundle('site', collection, '--out', out, ...(dataOnly ? ['--data-only'] : ['--app', APP]), ...(cards ? [] : ['--no-cards']));
  return (performance.now() - started) / 1000;
}

/** The event documents of bundles the site build refuses (a test needs them to see the app
 *  refuse them too), made by crates/format's `unchecked_doc` example into `out`, one
 *  `{slug}.json` per bundle file. */
export async function uncheckedDocs(out, bundleFiles) {
  execFileSync('cargo', ['build', '--quiet', '--locked', '--profile', 'native', '-p', 'eventlens-format', '--example', 'unchecked_doc'],
    { stdio: ['ignore', 'inherit', 'inherit'] });
  execFileSync('target/native/examples/unchecked_doc', [out, ...bundleFiles], { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Answers the page's requests under `/data/` from the first of `folders` (each a site's root,
 *  holding `data/…`; or `{ prefix, dir }` to answer `prefix…` from `dir`) that has the file, and
 *  lets the rest through to the server. */
export async function routeData(page, folders) {
  const sources = folders.map((f) => (typeof f === 'string' ? { prefix: '/data/', dir: `${f}/data/` } : f));
  await page.route((url) => url.pathname.includes('/data/'), async (route) => {
    const path = new URL(route.request().url()).pathname;
    for (const { prefix, dir } of sources) {
      const at = path.indexOf(prefix);
      if (at < 0) continue;
      const body = await readFile(join(dir, path.slice(at + prefix.length))).catch(() => null);
      if (body) return route.fulfill({ body, contentType: 'application/json' });
    }
    return route.fallback();
  });
}

/** Installed before any of a page's scripts: every main-thread task over 50 ms, from the first
 *  byte, in window.__longTasks as `{ start, ms }`. */
export function recordLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** The longest task recorded since `since` (ms on the page's clock), 0 if none. */
export function longestTask(page, since = 0) {
  return page.evaluate((t) => Math.max(0, ...window.__longTasks.filter((x) => x.start + x.ms >= t).map((x) => x.ms)), since);
}
