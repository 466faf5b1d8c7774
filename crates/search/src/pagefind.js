// The search page's one door to Pagefind (crates/search/src/engine.rs calls it through
// wasm-bindgen, which ships this module as a file of its own beside the module's script: no
// inline script, no eval).
//
// A language's search is two bundles that scripts/search-index.mjs built: its events, and its
// entities and outlets ("names"). The events bundle's pagefind.js is imported once (its base
// path follows from the URL it was imported from, so a site under a sub-folder works), and each
// bundle is searched by a Pagefind instance of its own (`createInstance`; they share one worker,
// and each fetches Pagefind's wasm, 60 KB, from its own folder).
//
// Why separate instances, and no filter on the plain query: Pagefind counts, for every query,
// how many results each value of each filter it has loaded has, and it does so by looking every
// page of the filter up in the list of results, one by one (pagefind_web's get_filters). A
// filter over every page (a merged index's `mergeFilter`, or the `month` filter once a date
// range has loaded it) makes a query cost pages × results: 22 s for a word in each of 100,000
// events. So the plain query's instance never loads a filter, and a date range is searched by
// an instance of its own, which alone pays that cost.
//
// Why shards too (scripts/search-index.mjs writes them, and `shards.json` with their sizes):
// Pagefind scores, sorts and hands over every record that holds a word, so a word in most of
// 100,000 events costs seconds whatever page is shown. A query asks the newest shard (of
// names, the most cited) first. When that shard's share of matches, over the whole bundle,
// comes to more than the index's `affordable` matches, the word is common: the answer is the
// shards' matches, newest shard first and each shard's by match, and its total an estimate
// until every shard has been searched. Otherwise the whole bundle answers, ranked by match.
//
// `prepare` loads all that a first query needs ahead of it. The answer of the last query is
// kept, so paging only loads the next page's fragments (and, for a common word, the next
// shards). What goes back to Rust is an object of plain values (engine.rs reads it property by
// property): the matches found, the records searched and in all, and for each hit Pagefind's
// score, the block it was ranked in (0 for the whole bundle, k for shard k), URL, metadata (an
// object of strings), excerpt and the words that matched.

/** Dates and counts are metadata the page shows, not words a reader searches by. */
const RANKING = { metaWeights: { date: 0, counts: 0, events: 0, dek: 1 } };

/** Instances are made one at a time: the first loads the wasm, the others find it loaded; two
 *  loading it at once overwrite each other's memory ("memory access out of bounds", Pagefind
 *  1.6.0). */
let making = Promise.resolve();

/** A Pagefind instance of the bundle at `basePath`, ready once a query for nothing has answered
 *  (it loads the bundle's metadata and no index chunk). */
function instance(pagefind, basePath) {
  const ready = making.then(async () => {
    const made = pagefind.createInstance({ basePath, ranking: RANKING });
    await made.search("");
    return made;
  });
  making = ready.catch(() => {});
  return ready;
}

/** `make()`, called once, on first use. */
const once = (make) => {
  let made;
  return () => (made ??= make());
};

/** A bundle or one of its shards: `plain` and `dated` instances of it (the second for date
 *  ranges, which load the `month` filter), each made on first use. */
function searcher(pagefind, basePath, records, months) {
  return {
    records,
    // How many of an events shard's records each month holds (`{ "2026-05": 1200, … }`);
    // names have no months.
    months,
    plain: once(() => instance(pagefind, basePath)),
    dated: once(() => instance(pagefind, basePath)),
  };
}

/** A bundle and its shards (`whole`, `shards`). */
function tier(pagefind, folder, name, byName, plan) {
  return {
    whole: searcher(pagefind, `${folder}${name}/`, plan.records),
    shards: plan.shards.map((records, k) => searcher(pagefind, `${folder}${byName}/${k}/`, records, plan.months?.[k])),
  };
}

const opened = new Map();
let last = null;

/** The search of the language whose index is under `folder`: its events and names. */
function open(folder) {
  if (!opened.has(folder)) {
    const ready = (async () => {
      const pagefind = await import(`${folder}events/pagefind.js`);
      const plan = await fetchJson(`${folder}shards.json`);
      const engine = {
        affordable: plan.affordable,
        events: tier(pagefind, folder, "events", "events-by-date", plan.events),
        names: tier(pagefind, folder, "names", "names-by-count", plan.names),
      };
      // What a query asks: the newest shards first, then the whole bundles (a common word
      // needs no more; the next shards are made when paging reaches them).
      for (const t of [engine.events, engine.names]) if (t.shards.length) await t.shards[0].plain();
      for (const t of [engine.events, engine.names]) await t.whole.plain();
      return engine;
    })();
    // A failed load is not remembered: the next search tries again.
    ready.catch(() => opened.delete(folder));
    opened.set(folder, ready);
  }
  return opened.get(folder);
}

/** Pagefind's results as hits ranked in `block`. */
const ranked = (results, block) => results.map((result) => ({ result, block }));

/** The matches of `text` in tier `t`, in the `months` listed (all when null), the first
 *  `need` of them at least where there are that many: `{ hits: [{ result, block }], searched,
 *  records, more(need) }`, `searched` and `records` counting the events in the range. A date
 *  range searches only the shards that hold events of its months. */
async function matches(t, text, need, affordable, months) {
  const options = months ? { filters: { month: { any: months } } } : {};
  const search = async (of) => (await (months ? of.dated() : of.plain())).search(text, options);
  const inRange = (s) => (months ? months.reduce((n, m) => n + (s.months?.[m] ?? 0), 0) : s.records);
  const whole = async () => {
    const found = await search(t.whole);
    return { hits: ranked(found.results, 0), searched: t.whole.records, records: t.whole.records, more: async () => {} };
  };
  if (!t.shards.length) return whole();
  const shards = t.shards.filter((s) => inRange(s) > 0);
  if (!shards.length) return { hits: [], searched: 0, records: 0, more: async () => {} };
  const first = await search(shards[0]);
  // What the whole bundle would go through: every record that holds the word. With a date
  // range, Pagefind also counts its month filter, looking each of the bundle's records up in the
  // list of those matches: about three times the work at 100,000 events, and more with more.
  const share = (months ? first.unfilteredResultCount ?? first.results.length : first.results.length) / shards[0].records;
  const work = share * t.whole.records * (months ? 1 + t.whole.records / 50_000 : 1);
  if (work <= affordable) return whole();
  const answer = { hits: ranked(first.results, 0), searched: inRange(shards[0]), records: shards.reduce((n, s) => n + inRange(s), 0) };
  let next = 1;
  answer.more = async (wanted) => {
    while (answer.hits.length < wanted && next < shards.length) {
      answer.hits.push(...ranked((await search(shards[next])).results, next));
      answer.searched += inRange(shards[next]);
      next += 1;
    }
  };
  await answer.more(need);
  return answer;
}

/** The words of a fragment as Pagefind counts them: split at its segmenter's zero-width spaces
 *  when it has them (Chinese), else at white space. */
const words = (raw) => (raw.includes("\u200B") ? raw.split("\u200B") : raw.split(/[\r\n\s]+/g));

async function plain(hits) {
  return Promise.all(hits.map(async ({ result, block }) => {
    const data = await result.data();
    const all = words(data.raw_content ?? "");
    // The words of the content that matched, as written there (a stemmed search for
    // "subpoenas" matched "subpoenaed"), so the page can mark them in the dek too.
    const matched = [...new Set((data.locations ?? []).map((at) => all[at]).filter(Boolean))];
    return { score: result.score, block, url: data.url, meta: data.meta ?? {}, excerpt: data.excerpt ?? "", matched };
  }));
}

/** Loads the search of the language under `folder` ahead of the first query (the search page
 *  does on arrival), so a query costs only the index chunks and fragments it needs. */
export async function prepare(folder) {
  await open(folder);
}

/** One page of events (`from`, `count`) and the first `namesShown` names for `text`, in the
 *  months listed (comma-separated; all when empty). */
export async function search(folder, text, months, from, count, namesShown) {
  const engine = await open(folder);
  const key = JSON.stringify([folder, text, months]);
  if (last?.key !== key) {
    const [events, names] = await Promise.all([
      matches(engine.events, text, from + count, engine.affordable, months ? months.split(",") : null),
      matches(engine.names, text, namesShown, engine.affordable, null),
    ]);
    last = { key, events, names };
  }
  const { events, names } = last;
  await events.more(from + count);
  return {
    found: events.hits.length,
    searched: events.searched,
    records: events.records,
    events: await plain(events.hits.slice(from, from + count)),
    names: await plain(names.hits.slice(0, namesShown)),
  };
}

/** The JSON document at `url`, parsed by the browser (a failed request is an error). */
export async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}
