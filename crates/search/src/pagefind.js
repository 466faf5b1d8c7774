// The search page's one door to Pagefind (crates/search/src/engine.rs calls it through
// wasm-bindgen, which ships this module as a file of its own beside the module's script: no
// inline script, no eval).
//
// A language's search is two bundles that scripts/search-index.mjs built: its events, and its
// entities and outlets ("names"). The events bundle's pagefind.js is imported once (its wasm and
// worker come with it; its base path follows from the URL it was imported from, so a site under
// a sub-folder works), and the names bundle is merged into it: one wasm, two indexes. Each
// index carries a synthetic filter `kind` (`event` or `name`), so one query asks for either.
//
// `prepare` loads all that ahead of the first query. The results of the last query are kept, so paging only loads the next page's fragments. What
// goes back to Rust is an object of plain values (engine.rs reads it property by property):
// Pagefind's score, URL, metadata (an object of strings), excerpt and the words that matched.

const opened = new Map();
let last = null;

function open(events, names) {
  if (!opened.has(events)) {
    const ready = (async () => {
      const pagefind = await import(`${events}pagefind.js`);
      // Dates and counts are metadata the page shows, not words a reader searches by.
      await pagefind.options({ mergeFilter: { kind: "event" }, ranking: { metaWeights: { date: 0, counts: 0, events: 0, dek: 1 } } });
      await pagefind.mergeIndex(names, { mergeFilter: { kind: "name" } });
      return pagefind;
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

/** Loads a language's search ahead of the first query (the search page does on arrival), so a
 *  query costs only the index chunks and fragments it needs. */
export async function prepare(events, names) {
  await open(events, names);
}

/** One page of events (`from`, `count`) and the first `namesShown` names for `text`, in the
 *  months listed (comma-separated; all when empty). */
export async function search(events, names, text, months, from, count, namesShown) {
  const pagefind = await open(events, names);
  const key = JSON.stringify([events, text, months]);
  if (last?.key !== key) {
    const dated = months ? { month: { any: months.split(",") } } : {};
    const [found, named] = await Promise.all([
      pagefind.search(text, { filters: { ...dated, kind: "event" } }),
      pagefind.search(text, { filters: { kind: "name" } }),
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
