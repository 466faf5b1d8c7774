// The search page's one door to Pagefind (crates/search/src/engine.rs calls it through
// wasm-bindgen, which ships this module as a file of its own beside the module's script: no
// inline script, no eval).
//
// A language's search is two bundles that scripts/search-index.mjs built: its events, and its
// entities and outlets ("names"). The events bundle's pagefind.js is imported once (its base
// path follows from the URL it was imported from, so a site under a sub-folder works), and each
// bundle is searched by a Pagefind instance of its own (`createInstance`; all of them share one
// worker and one wasm).
//
// Why separate instances, and no filter on the plain query: Pagefind counts, for every query,
// how many results each value of each filter it has loaded has, and it does so by looking every
// page of the filter up in the list of results, one by one (pagefind_web's get_filters). A
// filter over every page (a merged index's `mergeFilter`, or the `month` filter once a date
// range has loaded it) makes a query cost pages × results: 22 s for a word in each of 100,000
// events. So the plain query's instance never loads a filter, and a date range is searched by
// an instance of its own, which alone pays that cost.
//
// `prepare` loads all that ahead of the first query. The results of the last query are kept, so
// paging only loads the next page's fragments. What goes back to Rust is an object of plain
// values (engine.rs reads it property by property): Pagefind's score, URL, metadata (an
// object of strings), excerpt and the words that matched.

/** Dates and counts are metadata the page shows, not words a reader searches by. */
const RANKING = { metaWeights: { date: 0, counts: 0, events: 0, dek: 1 } };

const opened = new Map();
let last = null;

/** The instances of one language's bundles: `events`, `names`, and `dated` (the events again,
 *  for date ranges), each made on first use. */
function open(events, names) {
  if (!opened.has(events)) {
    const ready = (async () => {
      const pagefind = await import(`${events}pagefind.js`);
      // An instance is ready once a query for nothing has answered (it loads the bundle's
      // metadata and no index chunk). They are made one after the other: the first loads the
      // wasm, the others find it loaded; two loading it at once overwrite each other's memory
      // ("memory access out of bounds", Pagefind 1.6.0).
      const instance = async (basePath) => {
        const made = pagefind.createInstance({ basePath, ranking: RANKING });
        await made.search("");
        return made;
      };
      const engine = { events: await instance(events), names: await instance(names), dated: null };
      engine.datedInstance = () => (engine.dated ??= instance(events));
      return engine;
    })();
    // A failed load is not remembered: the next search tries again.
    ready.catch(() => opened.delete(events));
    opened.set(events, ready);
  }
  return opened.get(events);
}

/** The words of a fragment as Pagefind counts them: split at its segmenter's zero-width spaces
 *  when it has them (Chinese), else at white space. */
const words = (raw) => (raw.includes("\u200B") ? raw.split("\u200B") : raw.split(/[\r\n\s]+/g));

async function plain(results) {
  return Promise.all(results.map(async (result) => {
    const data = await result.data();
    const all = words(data.raw_content ?? "");
    // The words of the content that matched, as written there (a stemmed search for
    // "subpoenas" matched "subpoenaed"), so the page can mark them in the dek too.
    const matched = [...new Set((data.locations ?? []).map((at) => all[at]).filter(Boolean))];
    return { score: result.score, url: data.url, meta: data.meta ?? {}, excerpt: data.excerpt ?? "", matched };
  }));
}

/** Loads a language's search ahead of the first query (the search page does on arrival), so a query costs only the index chunks and fragments it needs. */
export async function prepare(events, names) {
  await open(events, names);
}

/** One page of events (`from`, `count`) and the first `namesShown` names for `text`, in the
 *  months listed (comma-separated; all when empty). */
export async function search(events, names, text, months, from, count, namesShown) {
  const engine = await open(events, names);
  const key = JSON.stringify([events, text, months]);
  if (last?.key !== key) {
    const [found, named] = await Promise.all([
      months
        ? (await engine.datedInstance()).search(text, { filters: { month: { any: months.split(",") } } })
        : engine.events.search(text),
      engine.names.search(text),
    ]);
    last = { key, events: found.results, names: named.results };
  }
  const { events: found, names: named } = last;
  return {
    total: found.length,
    events: await plain(found.slice(from, from + count)),
    names: await plain(named.slice(0, namesShown)),
  };
}

/** The JSON document at `url`, parsed by the browser (a failed request is an error). */
export async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}
