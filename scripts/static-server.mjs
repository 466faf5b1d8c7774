// A static file server for tests and benchmarks, behaving as a plain static host does (GitHub
// Pages, an S3 website, a CDN) with its one rule, "404 → index.html": plain node:http on a free
// 127.0.0.1 port, serving one or more folders layered in order (the first that has a file wins,
// so a folder of synthetic data or a variant index.html can sit over the built site), with the
// content types the site needs (application/wasm above all: WebAssembly.instantiateStreaming
// refuses any other). A path that names a folder is answered with its index.html (`/zh/n/x` and
// `/zh/` → `zh/n/x/index.html`, `zh/index.html`: the prerendered pages), unless
// `prerendered: false`; anything else missing gets the first index.html (the SPA fallback).
//
// Not for production: no compression, no cache headers, no Content-Security-Policy. It is not
// the production server (deploy/nginx.conf).

import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".bin": "application/octet-stream",
  // The search index (scripts/search-index.mjs): Pagefind's own gzip files, read with fetch().
  ".pagefind": "application/octet-stream",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_filter": "application/octet-stream",
};

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The file `urlPath` names in the first of `roots` that has it, or null. */
async function find(roots, urlPath) {
  for (const root of roots) {
    const file = normalize(join(root, urlPath));
    if (file.startsWith(root + sep) && (await isFile(file))) return file;
  }
  return null;
}

/** Serves `folders` (first wins) until close(), under the URL path `prefix` (`/sub` for a
 *  `--public-url /sub/` build; "" at the root). Returns `{ origin, close }`. */
export async function serveFolders(folders, { prefix = "", prerendered = true } = {}) {
  const roots = folders.map((folder) => resolve(folder));
  const server = createServer(async (request, response) => {
    try {
      const full = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
      const path = full.startsWith(`${prefix}/`) ? full.slice(prefix.length) : null;
      const route = path !== null && extname(path) === "";
      const file = path === null ? null
        : (await find(roots, path))
          ?? (route && prerendered ? await find(roots, `${path.replace(/\/$/, "")}/index.html`) : null)
          ?? (route ? await find(roots, "/index.html") : null);
      const type = file && TYPES[extname(file)];
      if (!type) {
        response.writeHead(404).end();
        return;
      }
      const body = await readFile(file);
      response.writeHead(200, { "content-type": type, "content-length": body.length }).end(body);
    } catch {
      response.writeHead(400).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      const closed = new Promise((ok) => server.close(ok));
      server.closeAllConnections();
      return closed;
    },
  };
}
