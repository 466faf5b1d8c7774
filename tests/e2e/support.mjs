// Shared by the end-to-end tests: the built site served by a real nginx with deploy/nginx.conf
// (SPA fallback, cache headers, the Content-Security-Policy), and Debian's Chromium driven by
// playwright-core. No browser is ever downloaded.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { access, constants, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
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
  // Event and entity pages arrive prerendered (scripts/prerender.mjs) and the app takes over a
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
