// What the page benchmark serves, made from a built site (`make dist`'s dist/): a snapshot of it
// (so a rebuild during the run changes nothing) with the static floors beside the pages they
// are the floor of. A floor is a prerendered page with every script removed: the same HTML under
// the same stylesheet, drawn by the same renderer, that nothing will ever take over. It is what
// any site that prerenders could show at best, so "time to content against the floor" is what
// the app's scripts cost the first view.
//
// Not a renderer: since the site is prerendered by the app's own components there is one
// renderer, and the floor is a copy of its output.

import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** The seed event, as the site's routes name it. */
export const SEED = { lang: "zh", slug: "anthropic-alibaba-claude-distillation" };
export const eventPath = ({ lang, slug }) => `/${lang}/n/${slug}`;
export const embedPath = (event) => `/embed${eventPath(event)}`;
/** Where a page's floor is served: under /floor/, at the page's own path. */
export const floorPath = (path) => `/floor${path}`;

/** `html` without its scripts: every `<script>` element, and any preload of a module. */
export function withoutScripts(html) {
  const out = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "").replace(/<link\b[^>]*rel="modulepreload"[^>]*>/gi, "");
  if (/<script\b/i.test(out)) throw new Error("a <script> survived the removal");
  return out;
}

/** Copies `dist` to `site` (without the builder's staging folder) and writes the floors of
 *  `paths` (routes such as /zh/n/slug, each a folder with index.html). Returns the app's
 *  entry points as the seed's page names them and the bytes of its JS and wasm. */
export async function snapshot(dist, site, paths) {
  await rm(site, { recursive: true, force: true });
  await cp(dist, site, { recursive: true, filter: (source) => !source.includes("/.stage") });
  for (const path of paths) {
    const html = await readFile(join(site, path, "index.html"), "utf8").catch(() => {
      throw new Error(`${dist}${path}/index.html is missing: run make dist`);
    });
    const floor = join(site, floorPath(path), "index.html");
    await mkdir(dirname(floor), { recursive: true });
    await writeFile(floor, withoutScripts(html));
  }
  const html = await readFile(join(site, paths[0], "index.html"), "utf8");
  const attribute = (name) => {
    const match = html.match(new RegExp(`${name}="([^"]+)"`));
    if (!match) throw new Error(`${paths[0]} names no ${name}: is ${dist} a current build?`);
    return match[1];
  };
  const app = { js: attribute("data-js"), wasm: attribute("data-wasm") };
  app.bytes = {
    js: (await readFile(join(site, app.js))).length,
    wasm: (await readFile(join(site, app.wasm))).length,
  };
  return app;
}
