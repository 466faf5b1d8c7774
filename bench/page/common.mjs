// What the page benchmark's parts share: the browser (Debian's Chromium through playwright-core;
// no browser is ever downloaded), a fresh page per run with CPU throttling and the probes
// installed, medians and the tables they are printed in.

import { readFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";

import { chromium } from "playwright-core";

import { watchPage } from "./page-probes.mjs";

export const RUNS = Number(process.env.BENCH_RUNS ?? 5);
export const THROTTLE = 4;
export const TIMEOUT_MS = 60_000;
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export const launch = () => chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });

export const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
export const ms = (value) => (Number.isFinite(value) ? value.toFixed(0) : "–");
export const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "–");
export const cpu = (throttle) => (throttle === 1 ? "no throttling" : `${throttle}× CPU`);
export const verdict = (met) => (met ? "met" : "missed");
/** "312, 298, 305" */
export const all = (values, format = ms) => values.map(format).join(", ");

/** Prints rows under a header, each column as wide as its widest cell; the first column is
 *  left-aligned, the others right-aligned. */
export function table(header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => String(row[i]).length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i])))
    .join("  ").trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

/** A page in a fresh context (nothing cached) with the probes in every document, CPU-throttled
 *  by `throttle` if above 1. Errors the page reports go to `errors`. Close its context when
 *  done. */
export async function freshPage(browser, { throttle = 1, errors, viewport } = {}) {
  const context = await browser.newContext(viewport ? { viewport } : {});
  await context.addInitScript(watchPage);
  const page = await context.newPage();
  page.on("pageerror", (error) => errors?.push(`${page.url()}: ${error.message}`));
  page.on("console", (message) => message.type() === "error" && errors?.push(`${page.url()}: ${message.text()}`));
  if (throttle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  }
  return page;
}

/** Waits until `probe` (a function run in `target`, a page or frame) returns a truthy value,
 *  and returns it. */
export async function waitFor(target, probe, what, arg) {
  const handle = await target.waitForFunction(probe, arg, { polling: 20, timeout: TIMEOUT_MS }).catch(() => {
    throw new Error(`${target.url()}: ${what} after ${TIMEOUT_MS / 1000} s`);
  });
  return handle.jsonValue();
}

/** Runs `load(name)` once for each name as a warm-up, then `runs` times each (RUNS unless
 *  told), alternating which goes first. Returns { name: [result of each counted run] }. */
export async function alternate(names, load, runs = RUNS) {
  for (const name of names) await load(name);
  const results = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < runs; ++i) {
    for (const name of i % 2 === 0 ? names : [...names].reverse()) results[name].push(await load(name));
  }
  return results;
}

export async function machine(browser) {
  const line = (await readFile("/proc/cpuinfo", "utf8")).split("\n").find((l) => l.startsWith("model name"));
  const model = line ? line.split(":")[1].trim() : "unknown CPU";
  return `${model} · ${cpus().length} cores · load average ${loadavg()[0].toFixed(1)} · Chromium ${browser.version()} · ` +
    `node ${process.version} · ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
