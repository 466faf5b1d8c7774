// The benchmark page's module: loads d3-force (through the page's import map) and each build of
// the engine's wasm named in the page's `builds` query (target/bench-layout/<build>/), then
// waits for run.mjs to drive it through `window.bench`. Every time is taken here, with
// performance.now(), around building the simulation and ticking it. Not the app: nothing is
// drawn.

import * as d3 from "d3-force";
import { TICKS, d3Layout, maxAbsDifference } from "/bench/common.mjs";

// Each build is its own wasm-bindgen module, with its own memory.
const layouts = {};
for (const build of new URL(location.href).searchParams.get("builds").split(",")) {
  const module = await import(`/pkg/${build}/layout_bench.js`);
  await module.default();
  layouts[build] = module.layout;
}

let graph = null;
const positions = {};

window.bench = {
  setGraph(n, links) {
    graph = { n, links: Uint32Array.from(links) };
    for (const engine of Object.keys(positions)) delete positions[engine];
  },
  // engine: "d3", or "<build>:parity" or "<build>:fast". Returns the milliseconds taken; keeps
  // the positions.
  run(engine) {
    const [build, mode] = engine.split(":");
    const start = performance.now();
    positions[engine] =
      engine === "d3" ? d3Layout(d3, graph.n, graph.links, TICKS) : layouts[build](graph.n, graph.links, mode, TICKS);
    return performance.now() - start;
  },
  positions(engine) {
    return Array.from(positions[engine]);
  },
  maxAbsDifference(a, b) {
    return maxAbsDifference(positions[a], positions[b]);
  },
};
