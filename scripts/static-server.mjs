// The page benchmark's static file server: plain node:http on a free 127.0.0.1 port, serving
// one or more folders layered in order (the first that has a file wins, so a folder of
// synthetic data or a variant index.html can sit over the built site), with the content types
// the site needs (application/wasm above all: WebAssembly.instantiateStreaming refuses any
// other) and the SPA fallback, for any path without an extension, to the first index.html.
//
// For the benchmark only: no compression, no cache headers, no Content-Security-Policy. It is
// not the production server (deploy/nginx.conf) and not the e2e suite's (tests/e2e/support.mjs).

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

/** Serves `folders` (first wins) until close(). Returns `{ origin, close }`. */
export async function serveFolders(folders) {
  const roots = folders.map((folder) => resolve(folder));
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
      const file = (await find(roots, path)) ?? (extname(path) === "" ? await find(roots, "/index.html") : null);
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
