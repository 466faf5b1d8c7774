// Drives the layout benchmark (run it through bench/layout/run.sh, which builds the wasm first).
//
// Serves one page on 127.0.0.1 with d3-force from node_modules (ES modules, resolved by an
// import map) and the builds of the engine's wasm that run.sh lists in
// target/bench-layout/builds.json, opens it in Debian's headless Chromium, and for each size
// lays out the same preferential-attachment graph with d3 and, in each build, parity mode (d3's
// many-body force) and fast mode (the fast one), 300 ticks each: one warm-up, then five timed
// runs per engine, d3 first on odd runs and last on even ones. Prints the builds, the machine,
// the medians as a table with one row per size and build, and how far each build's parity
// positions are from d3's (in Chromium and in node). Asserts nothing about speed; fails only if
// something cannot run.
//
// BENCH_SIZES=50,1000 limits the sizes (default 50, 1000, 5000, 10000); BENCH_RUNS=11 times
// more runs (default 5), for a steadier median on a busy machine.

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { cpus } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

import * as d3 from "d3-force";
import { chromium } from "playwright-core";

import { TICKS, d3Layout, maxAbsDifference, preferentialAttachment } from "./common.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const D3_VERSION = "3.0.1";
const D3_PACKAGES = ["d3-force", "d3-quadtree", "d3-dispatch", "d3-timer"];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`BENCH_RUNS: ${process.env.BENCH_RUNS} is not a positive count`);
const PARITY_SIZES = [50, 1000];
const sizes = (process.env.BENCH_SIZES ?? "50,1000,5000,10000").split(",").map((size) => {
  const n = Number(size);
  if (!Number.isInteger(n) || n < 3) throw new Error(`BENCH_SIZES: ${size} is not a node count of at least 3`);
  return n;
});

// [{ name, label, bytes }], the build the app ships first.
const builds = JSON.parse(readFileSync(join(ROOT, "target/bench-layout/builds.json"), "utf8"));
const engines = ["d3", ...builds.flatMap(({ name }) => [`${name}:parity`, `${name}:fast`])];

const packageJson = (name) => JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8"));
if (packageJson("d3-force").version !== D3_VERSION) {
  throw new Error(`node_modules/d3-force is ${packageJson("d3-force").version}, not ${D3_VERSION}: run npm ci`);
}
const importMap = {
  imports: Object.fromEntries(D3_PACKAGES.map((name) => [name, `/node_modules/${name}/${packageJson(name).module}`])),
};
const PAGE = `<!DOCTYPE html>
<meta charset="utf-8">
<title>eventlens layout benchmark</title>
<link rel="icon" href="data:,">
<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module" src="/bench/page.mjs"></script>
`;

// URL prefix → folder. Nothing outside these is served.
const FOLDERS = {
  "/bench/": join(ROOT, "bench/layout"),
  "/pkg/": join(ROOT, "target/bench-layout"),
  ...Object.fromEntries(D3_PACKAGES.map((name) => [`/node_modules/${name}/`, join(ROOT, "node_modules", name)])),
};
const TYPES = { ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm" };

async function serve(request, response) {
  const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
  if (path === "/") {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    return;
  }
  const prefix = Object.keys(FOLDERS).find((p) => path.startsWith(p));
  const file = prefix && normalize(join(FOLDERS[prefix], path.slice(prefix.length)));
  if (!file || !file.startsWith(FOLDERS[prefix]) || !TYPES[extname(file)]) {
    response.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(file);
    response.writeHead(200, { "content-type": TYPES[extname(file)] }).end(body);
  } catch {
    response.writeHead(404).end();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function cpuModel() {
  const line = readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"));
  return line ? line.split(":")[1].trim() : "unknown CPU";
}

const server = createServer(serve);
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
  ],
});

try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  const query = new URLSearchParams({ builds: builds.map(({ name }) => name).join(",") });
  await page.goto(`http://127.0.0.1:${server.address().port}/?${query}`);
  await page.waitForFunction(() => window.bench || null, null, { timeout: 60_000 }).catch(() => {
    throw new Error(`the benchmark page did not start: ${errors.join("; ") || "no error reported"}`);
  });

  console.log(`layout benchmark: ${TICKS} ticks of forceManyBody() + forceLink() + forceCenter(), ` +
    `preferential-attachment graphs (2 links per node), median of ${RUNS} runs after a warm-up`);
  for (const { name, label, bytes } of builds) {
    console.log(`build ${name}: ${label} · ${bytes.toLocaleString("en")} bytes of wasm`);
  }
  console.log(`machine: ${cpuModel()} · ${cpus().length} cores · Chromium ${browser.version()} · node ${process.version}`);
  const buildWidth = Math.max("build".length, ...builds.map(({ name }) => name.length));
  const header = ["nodes", "build".padEnd(buildWidth), "d3 median ms", "parity median ms", "fast median ms", "d3/parity", "d3/fast"];
  const row = (cells) => cells.map((cell, i) => (i === 1 ? String(cell).padEnd(header[i].length) : String(cell).padStart(header[i].length))).join(" | ");
  console.log(row(header));

  const parity = [];
  for (const n of sizes) {
    const links = preferentialAttachment(n, n);
    await page.evaluate(([n, links]) => window.bench.setGraph(n, links), [n, Array.from(links)]);
    const run = (engine) => page.evaluate((engine) => window.bench.run(engine), engine);
    for (const engine of engines) await run(engine);
    if (PARITY_SIZES.includes(n)) {
      const inNode = d3Layout(d3, n, links, TICKS);
      for (const { name } of builds) {
        const engine = `${name}:parity`;
        const ours = Float64Array.from(await page.evaluate((engine) => window.bench.positions(engine), engine));
        const chromium = await page.evaluate((engine) => window.bench.maxAbsDifference("d3", engine), engine);
        parity.push({ n, name, chromium, node: maxAbsDifference(inNode, ours) });
      }
    }

    const times = Object.fromEntries(engines.map((engine) => [engine, []]));
    for (let i = 1; i <= RUNS; ++i) {
      const order = i % 2 === 1 ? engines : [...engines.slice(1), "d3"];
      for (const engine of order) times[engine].push(await run(engine));
    }
    const d3Ms = median(times.d3);
    for (const { name } of builds) {
      const [parityMs, fastMs] = ["parity", "fast"].map((mode) => median(times[`${name}:${mode}`]));
      console.log(row([n, name, d3Ms.toFixed(1), parityMs.toFixed(1), fastMs.toFixed(1),
        `${(d3Ms / parityMs).toFixed(1)}×`, `${(d3Ms / fastMs).toFixed(1)}×`]));
    }
  }

  for (const { n, name, chromium, node } of parity) {
    console.log(`parity mode (${name}) vs d3 after ${TICKS} ticks, ${n} nodes: max |Δ| ${chromium} (d3 in Chromium), ${node} (d3 in node)`);
  }
  if (errors.length) throw new Error(`the page reported errors: ${errors.join("; ")}`);
} finally {
  await browser.close();
  server.close();
}
