// Events of every shape a widget can have, made from the seed bundle, for the page benchmark to
// compare the widget heights the site estimates (eventlens_format::oembed::widget_height) with
// the heights Chromium lays out (heights.mjs). Each varies what the widget's height depends on:
// the language, the title's, dek's and summary's lengths, the heads, and the number of lenses
// and regions. The same seed always gives the same events.
//
// Not test fixtures: they are written into target/ at bench time and never committed.

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const TEXT = {
  zh: {
    word: "报道",
    sentence: "这是一段用于校准小组件高度的中文文字，长度各不相同，换行的位置也各不相同。",
    region: ["美国", "中国", "日本", "印度", "欧洲", "台湾", "香港 / 中国", "新加坡"],
  },
  en: {
    word: "Report",
    sentence: "This sentence of English calibrates the widget's height, and it wraps at spaces where the width runs out. ",
    region: ["United States", "China", "Japan", "India", "Europe", "Taiwan", "Hong Kong / China", "Singapore"],
  },
};

/** `n` characters' worth of `sentence`, repeated. */
const text = (sentence, n) => sentence.repeat(Math.ceil(n / sentence.length)).slice(0, n).trim();

/** One variant of `seed`: `shape` says how long each text is and how many lenses and regions. */
function variant(seed, index, shape) {
  const t = TEXT[shape.lang];
  const slug = `calibration-${String(index + 1).padStart(2, "0")}`;
  const take = (lens, i) => ({
    ...seed.lenses[0].takes[0],
    outlet: `${t.word} ${i + 1}`,
    region: t.region[(lens + i) % shape.regions],
    lang: i % 3 === 0 ? shape.lang : "en",
  });
  return {
    ...seed,
    slug,
    lang: shape.lang,
    canonical_url: `https://calibration.invalid/${shape.lang}/n/${slug}`,
    title: text(t.sentence, shape.title),
    dek: text(t.sentence, shape.dek),
    heads: Array.from({ length: shape.heads }, (_, i) => `${t.word} ${i + 1}`),
    summary: text(t.sentence, shape.summary),
    lenses: Array.from({ length: shape.lenses }, (_, lens) => ({
      // Unique within the event, as the format requires.
      name: `${text(t.sentence, shape.lensName + (lens % 3) * 7)} ${lens + 1}`,
      takes: Array.from({ length: 1 + ((lens * 5) % shape.takes) }, (_, i) => take(lens, i)),
    })),
    related: [],
  };
}

/** The shapes: short and long texts, few and many lenses, narrow and wide sets of regions, in
 *  both languages. */
export const SHAPES = [
  { lang: "zh", title: 10, dek: 0, summary: 60, heads: 0, lenses: 1, takes: 1, regions: 1, lensName: 4 },
  { lang: "zh", title: 30, dek: 60, summary: 300, heads: 2, lenses: 3, takes: 4, regions: 3, lensName: 8 },
  { lang: "zh", title: 60, dek: 120, summary: 900, heads: 5, lenses: 12, takes: 8, regions: 8, lensName: 20 },
  { lang: "zh", title: 20, dek: 40, summary: 150, heads: 1, lenses: 6, takes: 12, regions: 6, lensName: 30 },
  { lang: "en", title: 30, dek: 0, summary: 120, heads: 0, lenses: 1, takes: 2, regions: 1, lensName: 10 },
  { lang: "en", title: 70, dek: 140, summary: 600, heads: 2, lenses: 4, takes: 5, regions: 4, lensName: 24 },
  { lang: "en", title: 140, dek: 280, summary: 1800, heads: 6, lenses: 10, takes: 9, regions: 8, lensName: 40 },
  { lang: "en", title: 50, dek: 90, summary: 300, heads: 3, lenses: 7, takes: 14, regions: 7, lensName: 60 },
];

/** Writes the seed bundle and one variant per shape into `folder` as a collection
 *  ({lang}/n/{slug}.json). Returns the routes ({lang}/n/{slug}) and the files. */
export async function writeCalibration(seedFile, folder) {
  const seed = JSON.parse(await readFile(seedFile, "utf8"));
  const bundles = [seed, ...SHAPES.map((shape, i) => variant(seed, i, shape))];
  const written = [];
  for (const bundle of bundles) {
    const dir = join(folder, bundle.lang, "n");
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${bundle.slug}.json`);
    await writeFile(file, JSON.stringify(bundle, null, 2));
    written.push({ route: `${bundle.lang}/n/${bundle.slug}`, file });
  }
  return written;
}
