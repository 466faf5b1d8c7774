// Prerenders the built site: every event and entity page of the collection, as the app itself
// draws it in headless Chromium, saved as static HTML next to index.html (`/zh/n/slug` →
// DIST/zh/n/slug.html; deploy/nginx.conf's try_files serves it for that path). A reader then
// sees and reads the event from the first response, before the app's JS and wasm arrive; the
// app mounts beside the saved page and swaps it out when it has drawn the same page
// (src/prerender.rs).
//
//   node scripts/prerender.mjs DIST     (`make dist` and `make dist-sub` run it after trunk)
//
// One renderer: the saved HTML is the app's own DOM, serialised, so it cannot drift from what
// the app shows. The snapshot is taken with reduced motion (the graph settled, as the app shows
// it when it takes over) and a fresh profile (no stored theme). Refuses to write a page with a
// script other than the app's boot tag, an event-handler attribute or a script URL; the app
// never makes one, so finding one means something is wrong and the build must stop.
//
// Needs /usr/bin/chromium and node_modules (playwright-core); `make dist` installs both.

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

import { chromium } from "playwright-core";

import { serveFolders } from "./static-server.mjs";

const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
const TIMEOUT_MS = 60_000;
const PARALLEL = 2;

const dist = process.argv[2];
if (!dist) {
  console.error("usage: node scripts/prerender.mjs DIST");
  process.exit(2);
}

const indexHtml = await readFile(join(dist, "index.html"), "utf8");
// trunk writes `<base href="/sub/">` from --public-url; the site's paths hang under it.
const base = (indexHtml.match(/<base href="([^"]*)"/)?.[1] ?? "/").replace(/\/$/, "");
const index = JSON.parse(await readFile(join(dist, "data/index.json"), "utf8"));
const routes = [
  ...index.events.map((e) => `/${e.lang}/n/${e.slug}`),
  ...index.entities.map((e) => `/${e.lang}/entity/${e.slug}`),
];

// Runs in the page before any of its scripts: remembers which <head> elements index.html
// brought, so the snapshot can mark the ones the app added (title, description, canonical and
// oEmbed links), which the app removes when it takes over and then adds again itself.
function markOriginalHead() {
  // "interactive" comes when parsing ends, before any module script (boot.js) runs.
  document.addEventListener("readystatechange", () => {
    if (document.readyState !== "interactive") return;
    for (const el of document.head.children) el.dataset.fromIndexHtml = "";
  });
  window.__eventlensReady = new Promise((ok) => document.addEventListener("eventlens:ready", ok, { once: true }));
}

// Runs in the page once the app has drawn it: the page as static HTML, or the reasons not to.
function snapshot() {
  const root = document.documentElement.cloneNode(true);
  const head = root.querySelector("head");
  const body = root.querySelector("body");
  for (const el of [...head.children]) {
    if (el.matches('link[rel="preload"][as="fetch"], link[rel="modulepreload"]')) {
      // trunk's preloads of the app's JS and wasm, and boot.js's of the data. On a saved page
      // the reader needs only the HTML and CSS to see it, so nothing may compete with the CSS:
      // boot.js, which runs once the stylesheet is in, asks for all of it then.
      el.remove();
    } else if ("fromIndexHtml" in el.dataset) {
      delete el.dataset.fromIndexHtml;
    } else {
      el.dataset.prerendered = "";
    }
  }
  root.removeAttribute("data-theme");
  // The app writes some links absolute (the oEmbed link) from the origin it runs on, which here
  // is this script's throwaway server: keep them to the path.
  for (const el of root.querySelectorAll("[href], [src]")) {
    for (const name of ["href", "src"]) {
      const value = el.getAttribute(name);
      if (value?.startsWith(`${location.origin}/`)) el.setAttribute(name, value.slice(location.origin.length));
    }
  }
  const saved = document.createElement("div");
  saved.id = "boot";
  saved.dataset.prerendered = "";
  for (const node of [...body.childNodes]) {
    // index.html's placeholder comment and its no-JS notice: this page reads without JS.
    if (node.nodeName === "NOSCRIPT" || node.nodeType === Node.COMMENT_NODE) node.remove();
    else saved.append(node);
  }
  body.replaceChildren(saved);
  // The app's position markers (empty comments, hundreds of them): the saved page is never
  // hydrated, only replaced, so they are bytes to parse and nothing else.
  const comments = document.createNodeIterator(root, NodeFilter.SHOW_COMMENT);
  for (let c = comments.nextNode(), next; c; c = next) {
    next = comments.nextNode();
    c.remove();
  }

  const problems = [];
  for (const script of root.querySelectorAll("script")) {
    if (!script.matches("head > script[data-wasm]")) problems.push(`a <script> element: ${script.outerHTML.slice(0, 120)}`);
  }
  for (const el of root.querySelectorAll("*")) {
    for (const { name, value } of el.attributes) {
      if (/^on/i.test(name) || name === "srcdoc") problems.push(`<${el.localName} ${name}>`);
      if (/^(href|src|action|formaction|xlink:href|cite|poster|data)$/i.test(name) && /^\s*(javascript|data|vbscript):/i.test(value)) {
        problems.push(`<${el.localName} ${name}="${value.slice(0, 60)}">`);
      }
    }
  }
  return { html: `<!DOCTYPE html>\n${root.outerHTML}\n`, problems };
}

const server = await serveFolders([dist], { prefix: base, prerendered: false });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
const failures = [];
let written = 0;
try {
  const queue = [...routes];
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    const context = await browser.newContext({ reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
    await context.addInitScript(markOriginalHead);
    for (let route = queue.shift(); route; route = queue.shift()) {
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      try {
        await page.goto(`${server.origin}${base}${route}`, { timeout: TIMEOUT_MS });
        await page.evaluate(() => window.__eventlensReady);
        const { html, problems } = await page.evaluate(snapshot);
        problems.push(...errors);
        if (problems.length) throw new Error(problems.join("\n  "));
        const file = join(dist, `${route}.html`);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, html);
        written += 1;
      } catch (e) {
        failures.push(`${route}: ${e.message}`);
      } finally {
        await page.close();
      }
    }
    await context.close();
  }));
} finally {
  await browser.close();
  await server.close();
}
if (failures.length) {
  console.error(`prerender: ${failures.length} of ${routes.length} pages failed:\n${failures.join("\n")}`);
  process.exit(1);
}
console.log(`prerender: ${written} pages (${index.events.length} events, ${index.entities.length} entities) into ${dist}`);
