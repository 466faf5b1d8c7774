// The benchmark page's module: loads d3-force (through the page's import map) and the engine's
// wasm (target/bench-layout), then waits for run.mjs to drive it through `window.bench`. Every
// time is taken here, with performance.now(), around building the simulation and ticking it.
// Not the app: nothing is drawn.

import * as d3 from "d3-force";
import init, { layout } from "/pkg/layout_bench.js";
import { TICKS, d3Layout, maxAbsDifference } from "/bench/common.mjs";

await init();

let graph = null;
const positions = {};

window.bench = {
  setGraph(n, links) {
    graph = { n, links: Uint32Array.from(links) };
    for (const engine of Object.keys(positions)) delete positions[engine];
  },
  // engine: "d3", "parity" or "fast". Returns the milliseconds taken; keeps the positions.
  run(engine) {
    const start = performance.now();
    positions[engine] =
      engine === "d3" ? d3Layout(d3, graph.n, graph.links, TICKS) : layout(graph.n, graph.links, engine, TICKS);
    return performance.now() - start;
  },
  positions(engine) {
    return Array.from(positions[engine]);
  },
  maxAbsDifference(a, b) {
    return maxAbsDifference(positions[a], positions[b]);
  },
};
