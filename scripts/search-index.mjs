// The search index of a built site: `node scripts/search-index.mjs DIST` after `bundle site`.
//
// Pagefind (npm `pagefind`, pinned in package.json; its linux-x64 package ships the *extended*
// binary, which segments Chinese and Japanese at indexing time, and stems English with Snowball)
// indexes the site's own derived documents, not its pages: DIST/data/{lang}/n/*.json for the
// text of every event (title, dek, summary, why it matters, what to watch, each take's outlet,
// summary and quote, the entity names) and DIST/data/{lang}/home/*.json for the figures the site
// builder derived (date, counts), so this script computes no rule of the format itself. Each
// record is handed to Pagefind as a small HTML document, escaped here, so that the title is
// weighted as a heading and Chinese is segmented like a page's body.
//
// Per language it writes two bundles, each a plain folder of static files:
//
//   DIST/pagefind/{lang}/events/  every event of that language: pagefind.js, its worker and
//                                 wasm, the metadata, index chunks and one fragment per event;
//                                 a filter `month` (YYYY-MM) for the date range
//   DIST/pagefind/{lang}/names/   the entities (→ their page) and the outlets (→ a search for
//                                 the events that cite them), searched by the app beside the
//                                 events (a Pagefind instance of its own, crates/search/src/pagefind.js)
//
//   DIST/pagefind/{lang}/events-by-date/{k}/   the same events again, in shards of
//   DIST/pagefind/{lang}/names-by-count/{k}/   `shardRecords` (2,000), newest (most cited) first
//   DIST/pagefind/{lang}/shards.json           the shards' sizes, the events shards' counts
//                                              by month, and the rule's one number
//
// Why shards beside the whole: Pagefind scores, sorts and hands over every record that holds a
// word, and its word chunk holds them all, so a word in most of 100,000 events costs seconds and
// hundreds of kilobytes whatever page is shown. The search page (crates/search/src/pagefind.js)
// asks the newest shard first; when the word is so common that the whole bundle would have to
// score more than `affordableMatches` records, it answers from the shards, newest first, and
// each shard's matches by match. Otherwise it asks the whole bundle, ranked by match alone.
// A language with no more than one shard's worth of records gets no shards.
//
// Events go in newest first, so Pagefind's page numbers follow the date; names go in most
// cited first. Anything in data that looks like one of Pagefind's private markers
// (`___PAGEFIND_…`) is defused before indexing.
//
// Not here: the search UI (src/routes/search.rs) or where it loads Pagefind from
// (src/components/search_box.rs).

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as pagefind from "pagefind";

/** Pagefind's own files a bundle keeps; the UI kits it also writes are not used. */
const UNUSED = /^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$/;

/** Text of an inline tree (`[{"text": …}, {"link": {"children": …}}, "break"]`) as plain text. */
export function flatten(nodes) {
  if (typeof nodes === "string") return nodes;
  let out = "";
  const stack = [...(nodes ?? [])].reverse();
  while (stack.length) {
    const node = stack.pop();
    if (node === "break") out += " ";
    else if (typeof node !== "object" || node === null) continue;
    else if ("text" in node) out += node.text;
    else if ("code" in node) out += node.code;
    else {
      const children = node.strong ?? node.emphasis ?? node.strikethrough ?? node.link?.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return out;
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text from data as HTML text or attribute value; Pagefind's private markers defused. */
export function escape(text) {
  return String(text ?? "").replace(/___PAGEFIND/gi, "__PAGEFIND").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const p = (text) => (text ? `<p>${escape(text)}</p>` : "");
const meta = (key, value) => `<meta data-pagefind-meta="${key}[content]" content="${escape(value)}">`;

/** An event as the HTML Pagefind indexes: the title a heading, the rest paragraphs. */
export function eventHtml(doc, summary) {
  const takes = doc.lenses.flatMap((lens) => lens.takes);
  const { takes: nTakes, lenses, regions } = summary.counts;
  return `<!doctype html><html lang="${escape(doc.lang)}"><head>` +
    meta("dek", doc.dek) + meta("date", doc.date) + meta("counts", `${nTakes} ${lenses} ${regions}`) +
    `<meta data-pagefind-filter="month[content]" content="${escape(doc.date.slice(0, 7))}">` +
    `</head><body><h1>${escape(doc.title)}</h1>` +
    p(doc.dek) + p(flatten(doc.summary)) + p(flatten(doc.why_it_matters)) +
    doc.watch.map((item) => p(flatten(item))).join("") +
    takes.map((t) => p([t.outlet, t.summary, t.quote].filter(Boolean).join(" "))).join("") +
    p(doc.entities.map((e) => e.name).join(" · ")) +
    "</body></html>";
}

/** An entity or an outlet as the HTML Pagefind indexes: its name, its kind and its count. */
export function nameHtml(lang, kind, name, events) {
  return `<!doctype html><html lang="${escape(lang)}"><head>` + meta("kind", kind) + meta("events", String(events)) +
    `</head><body><h1>${escape(name)}</h1></body></html>`;
}

/** Every event summary of a language from the home list pages, by slug. */
function summaries(dist, lang) {
  const dir = join(dist, "data", lang, "home");
  const bySlug = new Map();
  for (const file of readdirSync(dir)) {
    for (const event of JSON.parse(readFileSync(join(dir, file), "utf8")).list.events) bySlug.set(event.slug, event);
  }
  return bySlug;
}

/** Indexes `records` ({ path, html }) into the bundle folder `out`. They are written as files to
 *  a scratch folder first: Pagefind reads a folder with all cores, which is about twice as fast
 *  as handing it the records one message at a time. Each record's URL is its path. */
async function bundle(lang, records, out) {
  const scratch = mkdtempSync(join(tmpdir(), "eventlens-search-"));
  try {
    for (const { path, html } of records) {
      mkdirSync(join(scratch, path), { recursive: true });
      writeFileSync(join(scratch, path, "index.html"), html);
    }
    const { index, errors } = await pagefind.createIndex({ forceLanguage: lang });
    if (!index) return errors;
    const added = await index.addDirectory({ path: scratch });
    if (added.page_count !== records.length) {
      errors.push(`${out}: Pagefind indexed ${added.page_count} of ${records.length} records`);
    }
    const written = await index.writeFiles({ outputPath: out });
    await index.deleteIndex();
    for (const file of readdirSync(out)) if (UNUSED.test(file)) rmSync(join(out, file));
    return [...errors, ...added.errors, ...written.errors];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function indexLanguage(dist, lang, into, shape) {
  const bySlug = summaries(dist, lang);
  const dir = join(dist, "data", lang, "n");
  const docs = readdirSync(dir).filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
  // Newest first, then by slug: the order the site's own lists use.
  docs.sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));

  const entities = new Map();
  const outlets = new Map();
  const events = [];
  for (const doc of docs) {
    const summary = bySlug.get(doc.slug);
    if (!summary) throw new Error(`${lang}/n/${doc.slug}: no summary in data/${lang}/home; was the site fully built?`);
    events.push({ path: `n/${doc.slug}`, month: doc.date.slice(0, 7), html: eventHtml(doc, summary) });
    for (const e of doc.entities) {
      const seen = entities.get(e.slug) ?? { name: e.name, events: 0 };
      seen.events += 1;
      entities.set(e.slug, seen);
    }
    for (const outlet of new Set(doc.lenses.flatMap((l) => l.takes.map((t) => t.outlet)))) {
      outlets.set(outlet, (outlets.get(outlet) ?? 0) + 1);
    }
  }
  // An outlet's name is free text: its record is numbered, and the app reads the name back.
  // Most cited first (then by path), the order of the names' shards.
  const names = [
    ...[...entities].map(([slug, e]) => ({ path: `entity/${slug}`, events: e.events, html: nameHtml(lang, "entity", e.name, e.events) })),
    ...[...outlets].map(([outlet, n], i) => ({ path: `outlet/${i + 1}`, events: n, html: nameHtml(lang, "outlet", outlet, n) })),
  ].sort((a, b) => b.events - a.events || (a.path < b.path ? -1 : 1));
  const errors = [
    ...(await bundle(lang, events, join(into, lang, "events"))),
    ...(await bundle(lang, names, join(into, lang, "names"))),
  ];
  const plan = { affordable: shape.affordableMatches };
  for (const [tier, records, folder] of [["events", events, "events-by-date"], ["names", names, "names-by-count"]]) {
    const shards = shardsOf(records, shape.shardRecords);
    for (const [k, shard] of shards.entries()) errors.push(...(await bundle(lang, shard, join(into, lang, folder, String(k)))));
    plan[tier] = { records: records.length, shards: shards.map((shard) => shard.length) };
    // How many events of each month an events shard holds, so that a date range searches only
    // the shards that hold its months and can tell how many events it covers.
    if (tier === "events") plan[tier].months = shards.map(monthCounts);
  }
  writeFileSync(join(into, lang, "shards.json"), `${JSON.stringify(plan)}\n`);
  return { events: events.length, entities: entities.size, outlets: outlets.size, errors };
}

/** How many of `records` fall in each month. */
function monthCounts(records) {
  const counts = {};
  for (const { month } of records) counts[month] = (counts[month] ?? 0) + 1;
  return counts;
}

/** `records` cut, in order, into as few shards of at most `size` as will hold them, as even
 *  as they can be (no small last shard); none when one would hold them all. */
export function shardsOf(records, size) {
  if (records.length <= size) return [];
  const each = Math.ceil(records.length / Math.ceil(records.length / size));
  const shards = [];
  for (let at = 0; at < records.length; at += each) shards.push(records.slice(at, at + each));
  return shards;
}

/** How the index is cut (see the top of this file): records a shard holds, and the most
 *  matches a query may ask the whole bundle to score. Tests make both small. */
export const SHAPE = { shardRecords: 2000, affordableMatches: 4000 };

/** Indexes every language of the site at `dist` into dist/pagefind; the problems Pagefind had. */
export async function buildSearchIndex(dist, log = (line) => console.error(line), shape = SHAPE) {
  const started = performance.now();
  const languages = readdirSync(join(dist, "data")).filter((l) => existsSync(join(dist, "data", l, "n")));
  // Built beside the old index and swapped in whole: a failed build leaves the old one serving.
  const into = join(dist, "pagefind.new");
  rmSync(into, { recursive: true, force: true });
  const problems = [];
  for (const lang of languages.sort()) {
    const counts = await indexLanguage(dist, lang, into, shape);
    problems.push(...counts.errors.map((e) => `${lang}: ${e}`));
    log(`search index ${lang}: ${counts.events} events, ${counts.entities} entities, ${counts.outlets} outlets`);
  }
  await pagefind.close();
  if (problems.length) return problems;
  rmSync(join(dist, "pagefind"), { recursive: true, force: true });
  renameSync(into, join(dist, "pagefind"));
  log(`search index: ${languages.length} languages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = process.argv[2];
  if (!dist || !existsSync(join(dist, "data"))) {
    console.error("usage: node scripts/search-index.mjs DIST   (a site `bundle site` built, with DIST/data)");
    process.exit(2);
  }
  const problems = await buildSearchIndex(dist);
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
}
