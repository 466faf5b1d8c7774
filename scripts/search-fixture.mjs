// The English events the search tests add to the seed's collection, as bundles:
//
//   node scripts/search-fixture.mjs OUT     writes OUT/en/n/{slug}.json
//
// tests/e2e/search.test.mjs writes them afresh into the collection it builds and checks that
// the committed copies under tests/e2e/fixtures/search/ are the same bytes, so the two cannot
// drift. Two events:
//
//   - foundry-subpoenas: plain English whose words come in one form only (subpoenaed,
//     foundries, halted), so a search for another form of the word (subpoenas, foundry) proves
//     the index stems English;
//   - hostile-title: markup in every text field a result shows, and text that looks like the
//     index's own highlighting, so a test can prove none of it ever becomes HTML.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const take = (outlet, region, summary, quote, url) => ({ outlet, region, lang: "en", summary, ...(quote ? { quote } : {}), url });

export const FIXTURES = [
  {
    schema_version: 1,
    slug: "foundry-subpoenas",
    lang: "en",
    canonical_url: "https://example.com/en/n/foundry-subpoenas",
    title: "Commerce regulator subpoenaed three chip foundries over export paperwork",
    dek: "Shipments of advanced wafers halted while the regulator reviewed licences",
    type: "event",
    date: "2026-05-12",
    heads: ["Who pays"],
    summary: "The [Commerce Department](/en/entity/commerce-department) subpoenaed three foundries after licences for advanced wafers were found incomplete.",
    why_it_matters: "Paperwork, not tariffs, decided which shipments moved this quarter.",
    watch: ["Whether the foundries contest the subpoenas in court."],
    lenses: [
      {
        name: "Trade press",
        takes: [
          take("Semiconductor Weekly", "United States", "Detailed the licences the foundries lacked.",
            "Every shipment halted until the paperwork is complete.", "https://example.com/semiconductor-weekly/1"),
          take("Harbour Ledger", "Singapore", "Followed the wafers stuck at port.", null, "https://example.com/harbour-ledger/2"),
        ],
      },
    ],
    related: [],
    entities: [{ slug: "commerce-department", name: "Commerce Department" }],
  },
  {
    schema_version: 1,
    slug: "hostile-title",
    lang: "en",
    canonical_url: "https://example.com/en/n/hostile-title",
    title: "Gallium <img src=x onerror=\"window.__pwned=1\"> <mark>forged</mark> &lt;b&gt; </mark> title",
    dek: "Gallium <script>window.__pwned=2</script> &amp; <mark>dek</mark>",
    type: "event",
    date: "2026-04-01",
    heads: [],
    summary: "Gallium <b onmouseover=\"window.__pwned=3\">bold</b> and ___PAGEFIND_WEIGHT___9 gallium.",
    why_it_matters: "Gallium <iframe src=about:blank></iframe>",
    watch: [],
    lenses: [{ name: "Wire", takes: [take("<i>Wire</i> & Co", "Nowhere", "Gallium <u>take</u>", "\"<mark>quote</mark>\"", "https://example.com/wire/1")] }],
    related: [],
    entities: [],
  },
];

export function writeFixtures(out) {
  for (const bundle of FIXTURES) {
    const dir = join(out, bundle.lang, "n");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${bundle.slug}.json`), `${JSON.stringify(bundle, null, 2)}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!process.argv[2]) {
    console.error("usage: node scripts/search-fixture.mjs OUT");
    process.exit(2);
  }
  writeFixtures(process.argv[2]);
}
