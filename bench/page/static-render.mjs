// A static HTML rendition of one event bundle, the baseline the page benchmark (run.mjs)
// compares the app against: the same markup and class names as the app's event page (site
// header, event header, summary with its links, why it matters, what to watch, the lens
// sections with their take cards, closed lenses hidden as the app hides them) under the same
// stylesheet, with no script at all. Every text from the bundle is escaped.
//
// Generated at bench time into a served folder and never committed. Not a second renderer for
// the site: it leaves out the coverage chart, filters, graph and related list, it reads only
// the inline markdown bundles use (links, **strong**, *em*, `code`), and it does not validate.

const UI = {
  zh: {
    summary: "摘要", why: "为何重要", watch: "关注点", takes: "各方观点（按视角分组）", source: "来源",
    sourcePage: "原始页面", graph: "关联图谱", skip: "跳到正文",
    takesCount: (n) => `${n} 条观点`, lensesCount: (n) => `${n} 个视角`, regionsCount: (n) => `${n} 个地区`,
    date: ([y, m, d]) => `${y}年${m}月${d}日`,
  },
  en: {
    summary: "Summary", why: "Why it matters", watch: "What to watch", takes: "Takes, grouped by lens", source: "Source",
    sourcePage: "Source page", graph: "Across the graph", skip: "Skip to content",
    takesCount: (n) => (n === 1 ? "1 take" : `${n} takes`), lensesCount: (n) => (n === 1 ? "1 lens" : `${n} lenses`),
    regionsCount: (n) => (n === 1 ? "1 region" : `${n} regions`),
    date: ([y, m, d]) => `${d} ${new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en", { month: "long", timeZone: "UTC" })} ${y}`,
  },
};

/** Lenses with up to this many takes start open, as in the app (src/reader.rs). */
const OPEN_BY_DEFAULT_MAX_TAKES = 3;

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const distinct = (values) => [...new Set(values)];

const isHttp = (url) => /^https?:\/\/[^/?#]/i.test(url);

/** The host a take's link shows, without `www.`, as crates/format/src/inline.rs's display_domain. */
const displayDomain = (url) => url.split("://")[1].split(/[/?#]/)[0].replace(/^www\.(?=.)/, "");

/** An element id per lens, as src/reader.rs's lens_anchors. */
function lensAnchors(lenses) {
  const out = [];
  lenses.forEach((lens, i) => {
    const words = lens.name.split(/[^A-Za-z0-9]/).filter(Boolean).map((w) => w.toLowerCase());
    const base = words.length ? `lens-${words.join("-")}` : `lens-${i + 1}`;
    out.push(out.includes(base) ? `${base}-${i + 1}` : base);
  });
  return out;
}

/** A link from data: an app route, an http(s) URL, or (refused) its words alone. */
function link(href, inner) {
  if (/^\/[a-z]{2}\/(entity|n)\/[a-z0-9-]+$/.test(href)) {
    const entity = href.split("/")[2] === "entity";
    return `<a href="${escape(href)}"${entity ? ' class="entity-link"' : ""}>${inner}</a>`;
  }
  if (isHttp(href)) return `<a href="${escape(href)}" target="_blank" rel="noopener noreferrer">${inner}</a>`;
  return inner;
}

const INLINE = /\[([^\]]*)\]\(([^)\s]*)\)|\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`|\n{2,}/gs;

/** The inline markdown bundles use, as HTML with every text escaped. */
function inline(source) {
  let html = "";
  let last = 0;
  for (const m of source.matchAll(INLINE)) {
    html += escape(source.slice(last, m.index));
    const [whole, linkText, href, strong, em, code] = m;
    if (href !== undefined) html += link(href, inline(linkText));
    else if (strong !== undefined) html += `<strong>${inline(strong)}</strong>`;
    else if (em !== undefined) html += `<em>${inline(em)}</em>`;
    else if (code !== undefined) html += `<code>${escape(code)}</code>`;
    else html += "<br>";
    last = m.index + whole.length;
  }
  return html + escape(source.slice(last));
}

function takeCard(take, ui, textLang) {
  const source = isHttp(take.url)
    ? `<a class="take-source" href="${escape(take.url)}" target="_blank" rel="noopener noreferrer" hreflang="${escape(take.lang)}">` +
      `<span class="visually-hidden">${escape(ui.source)}: ${escape(take.outlet)}, </span>${escape(displayDomain(take.url))}` +
      `<span aria-hidden="true"> ↗</span></a>`
    : `<span class="take-source refused">${escape(take.url)}</span>`;
  return `<article class="take"><header class="take-head">` +
    `<span class="take-outlet" lang="${escape(take.lang)}">${escape(take.outlet)}</span>` +
    `<span class="take-region">${escape(take.region)}</span>` +
    `<abbr class="lang-badge" title="${escape(take.lang)}">${escape(take.lang.toUpperCase())}</abbr></header>` +
    (take.summary ? `<p class="take-summary" lang="${escape(textLang)}">${escape(take.summary)}</p>` : "") +
    (take.quote != null ? `<blockquote class="take-quote" lang="${escape(textLang)}"><p>${escape(take.quote)}</p></blockquote>` : "") +
    `${source}</article>`;
}

function lensSection(lens, anchor, ui, textLang) {
  const open = lens.takes.length <= OPEN_BY_DEFAULT_MAX_TAKES;
  return `<section class="lens${open ? " open" : ""}" id="${escape(anchor)}">` +
    `<h3 class="lens-heading"><button type="button" class="lens-toggle" aria-expanded="${open}" ` +
    `aria-controls="${escape(anchor)}-body">` +
    `<span class="lens-chevron" aria-hidden="true"></span><span class="lens-name">${escape(lens.name)}</span>` +
    `<span class="lens-count">${escape(ui.takesCount(lens.takes.length))}</span></button></h3>` +
    `<p class="lens-regions">${escape(distinct(lens.takes.map((t) => t.region)).join(" · "))}</p>` +
    `<div class="lens-body" id="${escape(anchor)}-body"${open ? "" : " hidden"}>` +
    `${lens.takes.map((take) => takeCard(take, ui, textLang)).join("")}</div></section>`;
}

function eventHeader(bundle, ui) {
  const takes = bundle.lenses.flatMap((lens) => lens.takes);
  const counts = [ui.takesCount(takes.length), ui.lensesCount(bundle.lenses.length),
    ui.regionsCount(distinct(takes.map((t) => t.region)).length)].join(" · ");
  const date = ui.date(bundle.date.split("-").map(Number));
  return `<header class="event-header">` +
    `<p class="event-kicker"><span class="event-type">${escape(bundle.type)}</span> · ` +
    `<time datetime="${escape(bundle.date)}">${escape(date)}</time></p>` +
    `<h1 class="event-title">${escape(bundle.title)}</h1>` +
    (bundle.dek ? `<p class="event-dek">${escape(bundle.dek)}</p>` : "") +
    `<div class="event-meta"><ul class="heads">${bundle.heads.map((h) => `<li class="head-tag">${escape(h)}</li>`).join("")}</ul>` +
    `<p class="event-counts">${escape(counts)}</p></div></header>`;
}

/** A titled section of the event page, as the app's `<section class=… aria-labelledby=…>`. */
const section = (kind, heading, body) =>
  `<section class="${kind}" aria-labelledby="${kind}-title"><h2 id="${kind}-title">${escape(heading)}</h2>${body}</section>`;

/** The whole page for `bundle` (a parsed event bundle), linking the app's stylesheet and icon
 *  (`css` and `icon`, their URLs). */
export function renderStatic(bundle, { css, icon }) {
  const ui = UI[bundle.lang] ?? UI.en;
  const lang = escape(bundle.lang);
  const anchors = lensAnchors(bundle.lenses);
  const url = escape(bundle.canonical_url);
  return [
    "<!DOCTYPE html>",
    `<html lang="${lang}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<meta name="color-scheme" content="light dark"><title>${escape(bundle.title)} · eventlens</title>` +
      `<link rel="icon" href="${escape(icon)}"><link rel="stylesheet" href="${escape(css)}"></head>`,
    "<body>",
    `<header class="site-header"><a class="skip-link" href="#main">${escape(ui.skip)}</a>` +
      `<a class="brand" href="/${lang}">eventlens</a><nav class="site-nav"><a href="/${lang}/graph">${escape(ui.graph)}</a></nav></header>`,
    `<main id="main"><article class="event" lang="${lang}">`,
    eventHeader(bundle, ui),
    section("summary", ui.summary, `<p>${inline(bundle.summary)}</p>`),
    bundle.why_it_matters ? section("why", ui.why, `<p>${inline(bundle.why_it_matters)}</p>`) : "",
    bundle.watch.length ? section("watch", ui.watch, `<ul>${bundle.watch.map((w) => `<li>${inline(w)}</li>`).join("")}</ul>`) : "",
    `<section class="takes" aria-labelledby="takes-title"><div class="takes-head"><h2 id="takes-title">${escape(ui.takes)}</h2></div>`,
    ...bundle.lenses.map((lens, i) => lensSection(lens, anchors[i], ui, bundle.lang)),
    "</section>",
    `<footer class="event-footer">${escape(ui.sourcePage)}: <a href="${url}" rel="noopener noreferrer" target="_blank">${url}</a></footer>`,
    "</article></main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
