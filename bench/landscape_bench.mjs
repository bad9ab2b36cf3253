// The loss landscape's speed in WebAssembly under Node (issue 17): a 41 x 41 slice of the
// 500-point spiral through 2 -> Dense(8, tanh) -> Dense(8, tanh) -> Dense(1, sigmoid), random
// filter-normalised directions, float32 (the page's precision) and float64, and a learning-rate
// sweep of 25 rates x 10 steps. Target: the slice in <= 100 ms. A benchmark, not a test: it
// prints the median and the best of its runs and the machine's load. Needs web/public/wasm.
//
//   node bench/landscape_bench.mjs [--runs 15]
import { loadavg } from 'node:os';
import { loadEngine } from '../tests/wasm/engine.mjs';

const at = process.argv.indexOf('--runs');
const RUNS = at > 0 ? Number(process.argv[at + 1]) : 15;
const ns = await loadEngine();
const spec = {
  input_dim: 2,
  layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  loss: 'binary_crossentropy',
  optimizer: { name: 'adam', learning_rate: 0.01 },
};

function time(f) {
  const ms = [];
  f();  // warm up
  for (let k = 0; k < RUNS; k++) {
    const start = performance.now();
    f();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], best: ms[0] };
}

console.log(`load before: ${loadavg().map(l => l.toFixed(2)).join(' ')}; ${RUNS} runs each`);
for (const precision of ['float32', 'float64']) {
  const t = ns.createTrainer(spec, { precision, seed: 1 });
  t.setData(ns.generateDataset('spiral', { count: 500, noise: 0.1, seed: 1 }));
  t.setBatchSize(10);
  t.recordPath(200);
  t.trainEpochs(3);
  const surface = time(() => t.lossSurface({ resolution: 41, seed: 1 }));
  const sweep = time(() => t.lrSweep({ low: 1e-4, high: 10, count: 25, steps: 10 }));
  const met = surface.median <= 100 ? 'met' : 'MISSED';
  console.log(`${precision}: 41 x 41 loss surface median ${surface.median.toFixed(1)} ms, best ${surface.best.toFixed(1)} ms ` +
    `(target <= 100 ms: ${met}); lr sweep 25 x 10 median ${sweep.median.toFixed(1)} ms`);
  t.dispose();
}
console.log(`load after: ${loadavg().map(l => l.toFixed(2)).join(' ')}`);
