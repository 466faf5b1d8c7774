// Reference layouts from d3-force itself, for crates/layout/tests/parity.rs.
//
// Usage: node scripts/layout-reference.mjs OUTFILE   (the test reads target/layout-reference.json)
//
// Builds a fixed set of graphs with its own seeded generator (never Math.random, so every run
// writes the same file), lays each out with d3-force from node_modules (it must be 3.0.1), ticking
// by hand, and records the positions after 1, 10 and 300 ticks. Positions are written as decimal
// strings, JavaScript's shortest round-trip form, so that the Rust side can parse the exact
// doubles (serde_json's default float parsing may be off by one unit in the last place).

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  forceCenter,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
} from "d3-force";

// The seeded generator (mulberry32) the layout benchmark uses too.
import { random } from "../bench/layout/common.mjs";

const EXPECTED_VERSION = "3.0.1";
const CHECKPOINTS = [1, 10, 300];

const pick = (rnd, k) => Math.floor(rnd() * k);

// Events (the first sixth of the nodes) and the entities they mention: event 0 is a hub that
// about a third of the entities hang off (a star), the rest is a bipartite mesh.
const eventCount = (n) => Math.max(2, Math.round(n / 6));

function eventEntity(n, seed) {
  const rnd = random(seed);
  const events = eventCount(n);
  const links = [];
  for (let entity = events; entity < n; ++entity) {
    const first = rnd() < 0.35 ? 0 : pick(rnd, events);
    links.push([first, entity]);
    if (rnd() < 0.4) {
      const second = pick(rnd, events);
      if (second !== first) links.push([second, entity]);
    }
  }
  return links;
}

// Barabási–Albert preferential attachment: each new node links to m distinct earlier nodes
// chosen in proportion to their degree, starting from a triangle.
function barabasiAlbert(n, seed, m = 2) {
  const rnd = random(seed);
  const links = [[0, 1], [1, 2], [2, 0]];
  const ends = [0, 1, 1, 2, 2, 0];
  for (let node = 3; node < n; ++node) {
    const targets = new Set();
    while (targets.size < m) targets.add(ends[pick(rnd, ends.length)]);
    for (const target of targets) {
      links.push([node, target]);
      ends.push(node, target);
    }
  }
  return links;
}

// Disconnected components: random trees of 2 to n/8 nodes with a few extra links each, and
// about one node in twenty left isolated.
function components(n, seed) {
  const rnd = random(seed);
  const links = [];
  let start = 0;
  while (start < n) {
    if (rnd() < 0.05) {
      start += 1;
      continue;
    }
    const size = Math.min(n - start, 2 + pick(rnd, Math.max(1, Math.floor(n / 8))));
    for (let i = 1; i < size; ++i) links.push([start + pick(rnd, i), start + i]);
    for (let extra = Math.floor(size / 6); extra > 0; --extra) {
      const a = start + pick(rnd, size);
      const b = start + pick(rnd, size);
      if (a !== b) links.push([a, b]);
    }
    start += size;
  }
  return links;
}

const FAMILIES = { "event-entity": eventEntity, "barabasi-albert": barabasiAlbert, components };

// Forces as recorded in the JSON: a type and only the parameters set explicitly, so that the
// Rust side also exercises the defaults. Per-node or per-link values are arrays.
function makeForce(spec, links) {
  switch (spec.type) {
    case "manyBody": {
      const force = forceManyBody();
      if (spec.strength !== undefined) force.strength(accessor(spec.strength));
      if (spec.theta !== undefined) force.theta(spec.theta);
      if (spec.distanceMin !== undefined) force.distanceMin(spec.distanceMin);
      if (spec.distanceMax !== undefined) force.distanceMax(spec.distanceMax);
      return force;
    }
    case "link": {
      const force = forceLink(links.map(([source, target]) => ({ source, target })));
      if (spec.distance !== undefined) force.distance(accessor(spec.distance));
      if (spec.strength !== undefined) force.strength(accessor(spec.strength));
      if (spec.iterations !== undefined) force.iterations(spec.iterations);
      return force;
    }
    case "center": {
      const force = forceCenter(spec.x, spec.y);
      if (spec.strength !== undefined) force.strength(spec.strength);
      return force;
    }
    case "collide": {
      const force = forceCollide(accessor(spec.radius));
      if (spec.strength !== undefined) force.strength(spec.strength);
      if (spec.iterations !== undefined) force.iterations(spec.iterations);
      return force;
    }
    case "x":
    case "y": {
      const force = (spec.type === "x" ? forceX : forceY)(accessor(spec.target));
      if (spec.strength !== undefined) force.strength(accessor(spec.strength));
      return force;
    }
    default:
      throw new Error(`unknown force ${spec.type}`);
  }
}

// A number stays a constant; an array becomes d3's accessor by index (of node or link).
function accessor(value) {
  return Array.isArray(value) ? (_, i) => value[i] : value;
}

const standard = [{ type: "manyBody" }, { type: "link" }, { type: "center" }];

function cases() {
  const list = [];
  for (const [family, generate] of Object.entries(FAMILIES)) {
    for (const n of [50, 1000]) {
      list.push({ name: `${family}-${n}`, family, n, links: generate(n, n * 7 + family.length), forces: standard });
    }
  }

  // Per-node strengths and radii, link distances, collision and positioning forces.
  {
    const n = 50;
    const links = eventEntity(n, 11);
    const isEvent = Array.from({ length: n }, (_, i) => i < eventCount(n));
    list.push({
      name: "event-entity-50-collide-xy",
      family: "event-entity",
      n,
      links,
      forces: [
        { type: "manyBody", strength: isEvent.map((e) => (e ? -80 : -20)), distanceMin: 2 },
        { type: "link", distance: links.map((_, i) => 20 + (i % 3) * 10), iterations: 2 },
        { type: "collide", radius: isEvent.map((e) => (e ? 9 : 4)), strength: 0.7 },
        { type: "x", target: 0, strength: 0.05 },
        { type: "y", target: isEvent.map((e) => (e ? -40 : 40)) },
      ],
    });
  }
  {
    const n = 1000;
    list.push({
      name: "components-1000-collide-xy",
      family: "components",
      n,
      links: components(n, 23),
      forces: [
        { type: "manyBody", theta: 0.8 },
        { type: "link", distance: 25 },
        { type: "collide", radius: 6, iterations: 2 },
        { type: "x" },
        { type: "y" },
      ],
    });
  }

  // A pinned hub, a bounded many-body force and a center off the origin.
  list.push({
    name: "barabasi-albert-50-pinned",
    family: "barabasi-albert",
    n: 50,
    links: barabasiAlbert(50, 5),
    pinned: [[0, 100, -50], [7, -20.5, 33.25]],
    forces: [
      { type: "manyBody", strength: -45, distanceMax: 150 },
      { type: "link", strength: 0.5 },
      { type: "center", x: 10, y: -5, strength: 0.8 },
    ],
  });

  // Every node starts in one of five stacks of exactly coincident points: the jiggle and the
  // quadtree's coincident-point chains decide everything here.
  {
    const n = 50;
    list.push({
      name: "event-entity-50-stacked",
      family: "event-entity",
      n,
      links: eventEntity(n, 3),
      initial: { x: Array.from({ length: n }, (_, i) => (i % 5) * 3), y: Array.from({ length: n }, () => 0) },
      forces: [...standard, { type: "collide", radius: 3 }],
    });
  }
  // Strengths of both signs and zero: pairs of coincident nodes whose strengths cancel, so
  // that whole cells weigh nothing, which d3's walk skips without looking inside.
  {
    const n = 60;
    list.push({
      name: "barabasi-albert-60-cancelling",
      family: "barabasi-albert",
      n,
      links: barabasiAlbert(n, 9),
      initial: {
        x: Array.from({ length: n }, (_, i) => (Math.floor(i / 2) % 5) * 7),
        y: Array.from({ length: n }, (_, i) => Math.floor(i / 10) * 7),
      },
      forces: [
        { type: "manyBody", strength: Array.from({ length: n }, (_, i) => (i % 6 === 4 ? 0 : i % 2 ? 30 : -30)) },
        { type: "link" },
        { type: "center" },
      ],
    });
  }
  return list;
}

function run(spec) {
  const nodes = Array.from({ length: spec.n }, (_, i) => {
    const node = {};
    if (spec.initial) Object.assign(node, { x: spec.initial.x[i], y: spec.initial.y[i] });
    return node;
  });
  for (const [i, fx, fy] of spec.pinned ?? []) Object.assign(nodes[i], { fx, fy });
  const simulation = forceSimulation(nodes).stop();
  spec.forces.forEach((force, i) => simulation.force(`${force.type}-${i}`, makeForce(force, spec.links)));

  const positions = [];
  let ticked = 0;
  for (const ticks of CHECKPOINTS) {
    simulation.tick(ticks - ticked);
    ticked = ticks;
    positions.push({ ticks, x: nodes.map((d) => String(d.x)), y: nodes.map((d) => String(d.y)) });
  }
  return { ...spec, pinned: spec.pinned ?? [], initial: spec.initial ?? null, positions };
}

const outFile = process.argv[2];
if (!outFile) {
  console.error("usage: node scripts/layout-reference.mjs OUTFILE");
  process.exit(2);
}
const { version } = JSON.parse(readFileSync(new URL("../node_modules/d3-force/package.json", import.meta.url)));
if (version !== EXPECTED_VERSION) {
  console.error(`node_modules/d3-force is ${version}; the reference must come from ${EXPECTED_VERSION} (npm install)`);
  process.exit(1);
}

const reference = {
  generator: "scripts/layout-reference.mjs",
  d3_force_version: version,
  checkpoints: CHECKPOINTS,
  cases: cases().map(run),
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(reference));
console.log(`wrote ${reference.cases.length} cases to ${outFile}`);
