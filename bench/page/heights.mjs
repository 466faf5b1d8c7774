// The page benchmark's check of the widget heights the site estimates: for the seed and events of
// every shape (calibration.mjs), built into a site of their own by `bundle site`, the height the
// estimate gives (eventlens_format::oembed::widget_height, through its widget_heights example)
// beside the height Chromium lays the widget out at, once its app has taken over, in frames of
// phone and desktop widths. The snippet's frame starts at the estimate for DEFAULT_WIDTH (720 px)
// whatever its real width, so the table also says how far that is from each real height: the
// jump a partner's page would see if the frame's bottom edge were in view.
//
// Not a test of the estimate: it prints, and the summary repeats the worst figures.

import { execFileSync } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";

import { serveFolders } from "../../scripts/static-server.mjs";
import { freshPage, median, table, waitFor } from "./common.mjs";
import { SEED } from "./prepare.mjs";
import { SHAPES, writeCalibration } from "./calibration.mjs";

/** Frame widths: a phone's column, a narrow column, the oEmbed width, a wide column. */
const WIDTHS = [358, 480, 720, 1000];
const SNIPPET_WIDTH = 720;

/** The estimates, by route, one per width. */
function estimates(root, files) {
  const out = execFileSync("cargo", ["run", "--quiet", "--locked", "-p", "eventlens-format", "--example", "widget_heights", "--",
    WIDTHS.join(","), ...files], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return Object.fromEntries(out.trim().split("\n").map((line) => {
    const [route, ...heights] = line.split(" ");
    return [route, heights.map(Number)];
  }));
}

/** The widget's height as it reports it to the partner (the body's), at `width`. */
async function laidOut(browser, origin, route, width, errors) {
  const page = await freshPage(browser, { errors, viewport: { width, height: 900 } });
  try {
    await page.goto(`${origin}/embed/${route}`, { waitUntil: "commit" });
    await waitFor(page, () => window.__bench?.interactive, "no takeover");
    return await page.evaluate(() => Math.max(document.body.scrollHeight, document.body.offsetHeight));
  } finally {
    await page.context().close();
  }
}

const describe = (shape) => shape ? `${shape.lang}: title ${shape.title}, dek ${shape.dek}, summary ${shape.summary} chars, ` +
  `${shape.lenses} lenses, ${shape.regions} regions` : "the seed";

/** Part 3's second half. Returns the worst differences, in px. */
export async function estimateAccuracy(browser, root, work, errors) {
  console.log(`\nthe widget's height: estimated at build time (the snippet's frame starts at the estimate for ` +
    `${SNIPPET_WIDTH} px) against laid out by Chromium once its app has taken over, for the seed and events of every shape`);
  const folder = join(work, "calibration");
  await rm(folder, { recursive: true, force: true });
  const seedFile = join(root, "public/data", `${SEED.lang}/n/${SEED.slug}.json`);
  const events = await writeCalibration(seedFile, join(folder, "collection"));
  execFileSync(join(root, "target/native/bundle"), ["site", join(folder, "collection"), "--app", join(root, "target/app"),
    "--out", join(folder, "site")], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const estimated = estimates(root, events.map((e) => e.file));
  const server = await serveFolders([join(folder, "site")]);
  const rows = [];
  try {
    for (const [i, { route }] of events.entries()) {
      const measured = [];
      for (const width of WIDTHS) measured.push(await laidOut(browser, server.origin, route, width, errors));
      const oembed = JSON.parse(await readFile(join(folder, "site/oembed", `${route}.json`), "utf8"));
      rows.push({ name: describe(SHAPES[i - 1]), estimated: estimated[route], measured, snippet: oembed.height });
    }
  } finally {
    await server.close();
  }
  const signed = (v) => (v > 0 ? `+${v}` : String(v));
  table(["event", ...WIDTHS.map((w) => `${w} px: laid out / estimate`), `snippet (${SNIPPET_WIDTH} px estimate)`],
    rows.map((r) => [r.name, ...WIDTHS.map((_, j) => `${r.measured[j]} / ${r.estimated[j]} (${signed(r.estimated[j] - r.measured[j])})`),
      r.snippet]));
  const model = WIDTHS.map((_, j) => rows.map((r) => r.estimated[j] - r.measured[j]));
  const jump = WIDTHS.map((_, j) => rows.map((r) => r.snippet - r.measured[j]));
  const summary = (diffs) => `median |Δ| ${median(diffs.map(Math.abs))} px, worst ${signed(diffs.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a)))} px`;
  table(["frame width", "estimate at that width vs laid out", "snippet's height vs laid out (the jump)"],
    WIDTHS.map((w, j) => [`${w} px`, summary(model[j]), summary(jump[j])]));
  const at = WIDTHS.indexOf(SNIPPET_WIDTH);
  return {
    worstAtSnippetWidth: Math.max(...model[at].map(Math.abs)),
    worstModel: Math.max(...model.flat().map(Math.abs)),
    medianModelPercent: median(rows.flatMap((r) => r.measured.map((m, j) => (100 * Math.abs(r.estimated[j] - m)) / m))),
  };
}
