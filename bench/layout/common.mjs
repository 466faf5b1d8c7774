// The benchmark's graphs and its d3-force run, shared by the node driver (run.mjs), which uses
// them for the node-side parity reference, and the page (page.mjs), which times them. Not a
// benchmark by itself, and not the parity test's reference (scripts/layout-reference.mjs).

export const TICKS = 300;

// mulberry32: a small, well-mixed 32-bit generator, so every run benchmarks the same graphs.
// scripts/layout-reference.mjs uses it too; this file has no imports, so the page can load it.
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Barabási–Albert preferential attachment, like the collection's graph (a few hubs, a long
// tail): from a triangle, each new node links to two distinct earlier nodes picked in
// proportion to their degree. Returns the links as a flat Uint32Array: source, target, ...
export function preferentialAttachment(n, seed) {
  const rnd = random(seed);
  const links = [0, 1, 1, 2, 2, 0];
  for (let node = 3; node < n; ++node) {
    const targets = new Set();
    while (targets.size < 2) targets.add(links[Math.floor(rnd() * links.length)]);
    for (const target of targets) links.push(node, target);
  }
  return Uint32Array.from(links);
}

// d3's forceManyBody(), forceLink(links) and forceCenter() at their defaults, in that order,
// ticked by hand from d3's initial spiral. Returns the positions interleaved: x0, y0, x1, ...
// `d3` is the d3-force module, as the page and node import it differently.
export function d3Layout(d3, n, links, ticks) {
  const nodes = Array.from({ length: n }, () => ({}));
  const linkObjects = [];
  for (let i = 0; i < links.length; i += 2) linkObjects.push({ source: links[i], target: links[i + 1] });
  d3.forceSimulation(nodes)
    .stop()
    .force("charge", d3.forceManyBody())
    .force("link", d3.forceLink(linkObjects))
    .force("center", d3.forceCenter())
    .tick(ticks);
  const positions = new Float64Array(2 * n);
  nodes.forEach((node, i) => {
    positions[2 * i] = node.x;
    positions[2 * i + 1] = node.y;
  });
  return positions;
}

export function maxAbsDifference(a, b) {
  let max = 0;
  for (let i = 0; i < a.length; ++i) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
