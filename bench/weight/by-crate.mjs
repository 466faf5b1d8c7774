// Sums twiggy's items by crate and prints a table: bytes, share of the code, and the gzip size
// that share is of the shipped module gzipped (SHIPPED.wasm, trunk's output). Items whose name names no crate (data segments,
// tables, wasm-bindgen glue) are grouped as such. The names section itself is left out: the
// shipped module has none.
//
//   node bench/weight/by-crate.mjs ITEMS.csv SHIPPED.wasm
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const [csv, module] = process.argv.slice(2);
const rows = readFileSync(csv, "utf8").trim().split("\n").slice(1);
const totals = new Map();
let code = 0;
for (const row of rows) {
  // Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent: the name may hold
  // commas, so split from the right.
  const parts = row.split(",");
  const size = Number(parts.at(-4));
  const name = parts.slice(0, -4).join(",").replace(/^"|"$/g, "").replaceAll('""', '"');
  if (/function names|"name"|custom section 'name'|^Σ|^\.\.\./.test(name) || !Number.isFinite(size)) continue;
  const crate = crateOf(name);
  totals.set(crate, (totals.get(crate) ?? 0) + size);
  code += size;
}

/** The crate an item belongs to: the first path of its name, or of the type in `<T as Trait>`,
 *  or of the trait when that type names no crate (a generic `T`, `F`, `Match`, or a primitive):
 *  `<T as leptos_router::…::IntoAnyNestedRoute>::…` is the router's code, made for one of ours. */
function crateOf(name) {
  const generic = name.match(/^<&?(?:mut )?[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])? as ([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::/);
  if (generic) return generic[1];
  let n = name.replace(/^<+/, "").replace(/^&(mut )?/, "").replace(/^(dyn |impl )/, "");
  const m = n.match(/^([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::/);
  if (m) return m[1];
  if (/^data segment|^elem\[|^table\[|^type\[|^import |^export |^custom section/.test(name)) return "(data, tables, imports)";
  return "(other)";
}

const gz = gzipSync(readFileSync(module), { level: 9 }).length;
const sorted = [...totals].sort((a, b) => b[1] - a[1]);
console.log(`shipped wasm weight by crate (twiggy on the same code with names kept; the shipped module is ${gz.toLocaleString("en")} B gzip)`);
console.log("crate                          |      bytes | share | ~gzip");
for (const [crate, bytes] of sorted.slice(0, 25)) {
  const share = bytes / code;
  console.log(`${crate.padEnd(30)} | ${bytes.toLocaleString("en").padStart(10)} | ${(share * 100).toFixed(1).padStart(4)}% | ${(Math.round(share * gz / 100) / 10).toFixed(1).padStart(5)} KB`);
}
const rest = sorted.slice(25).reduce((a, [, b]) => a + b, 0);
if (rest) console.log(`${"(the rest)".padEnd(30)} | ${rest.toLocaleString("en").padStart(10)} | ${((rest / code) * 100).toFixed(1).padStart(4)}% |`);
