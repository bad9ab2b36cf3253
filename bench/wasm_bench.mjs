// Benchmark (npm run bench; not a test): NeuroStep natively and in WebAssembly (Node) next to
// TensorFlow.js's wasm backend (XNNPACK, single-threaded), all in one run, side by side with
// their ratios and the targets of issue 12. The NeuroStep numbers come from one C++ program,
// bench/engine_bench.cpp, built natively (build/native/neurostep_bench) and to WebAssembly
// (build/wasm/neurostep_bench.js), so both builds time the same code. Each measurement is
// repeated (--repeat N, default 3; interleaved, so a burst of load on the shared machine hits
// every engine alike) and the best run is shown with the spread (worst/best) beside it. Rates
// are per second of CPU time of the process doing the work, not of wall time: the machine is
// shared, and wall time would count the other processes' share of it too.
//   node bench/wasm_bench.mjs [--repeat N] [--seconds S] [--build DIR]
// (--build: another build tree's native/ and wasm/, e.g. an older commit's, to compare with.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REPEAT = arg('--repeat', 3);
const BUILD = process.argv.includes('--build') ? process.argv[process.argv.indexOf('--build') + 1] : path.join(root, 'build');
const SECONDS = arg('--seconds', 2);

// NeuroStep before issue 12's kernels (commit b5a949e, plain fixed-order loops, every dL/dx
// computed), measured with this script (--build on that commit's build, best of 3, per
// CPU-second) on the 2-core machine, 2026-12-01, load ~25; the article network must stay no
// slower in either build.
const BEFORE = {
  article: { native: 1_090_150, wasm: 486_657 },
  mnist: { native: 5_066, wasm: 2_526 },
  mlp512: { native: 3_163, wasm: 1_720 },
  product: { native: 13.41, wasm: 14.24 },
};

// ---- NeuroStep ---------------------------------------------------------------------------------

function engineRun(command, args) {
  return JSON.parse(execFileSync(command, [...args, '--json', '--seconds', String(SECONDS)], { encoding: 'utf8' }));
}
const nativeBinary = path.join(BUILD, 'native/neurostep_bench');
const wasmProgram = path.join(BUILD, 'wasm/neurostep_bench.js');
const native = () => (fs.existsSync(nativeBinary) ? engineRun(nativeBinary, []) : null);
const wasm = () => (fs.existsSync(wasmProgram) ? engineRun(process.execPath, [wasmProgram]) : null);

// ---- TensorFlow.js, wasm backend ---------------------------------------------------------------

// Work per second of this process's CPU time (as engine_bench.cpp measures), until `seconds` of
// it have passed.
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
async function timeRate(chunk, seconds) {
  const start = cpuSeconds();
  let work = 0, elapsed = 0;
  while (elapsed < seconds) {
    work += await chunk();
    elapsed = cpuSeconds() - start;
  }
  return work / elapsed;
}

// Its .wasm files come from the package's own dist folder: nothing is fetched.
async function tfjsWasmBackend() {
  const dist = path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  setWasmPaths(`${dist}${path.sep}`);
  setThreadsCount(1);
  tf.enableProdMode();
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js wasm backend did not load');
  await tf.ready();
  return { simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') };
}

function randomClasses(features, classes, rows) {
  const x = tf.randomUniform([rows, features], 0, 1, 'float32', 7);
  const y = tf.oneHot(tf.randomUniform([rows], 0, classes, 'int32', 8), classes).toFloat();
  return { x, y };
}

// model.fit as a user would train it, batch `batch`, one epoch per timed chunk.
async function tfjsTrain(inputs, layers, loss, { x, y }, batch) {
  const model = tf.sequential();
  layers.forEach(([units, activation], i) =>
    model.add(tf.layers.dense({ units, activation, ...(i === 0 ? { inputShape: [inputs] } : {}) })));
  model.compile({ optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-7), loss });
  const rows = x.shape[0];
  const fit = async () => {
    await model.fit(x, y, { batchSize: batch, epochs: 1, shuffle: false, verbose: 0 });
    return rows;
  };
  await fit();  // warm-up
  const r = await timeRate(fit, SECONDS);
  model.dispose();
  return r;
}

const weights = (inputs, units) => units.reduce((w, u, i) => w + (i ? units[i - 1] : inputs) * u, 0);

const tfjs = {
  article: async () => {
    const rows = [];
    for (let r = 0; r < 10; ++r) rows.push(Array.from({ length: 8 }, (_, b) => (b >= 8 - Math.min(r, 8) ? 1 : 0)));
    const repeat = 100;  // fit's per-call overhead shared by 1,000 samples
    const x = tf.tensor2d(Array.from({ length: repeat }, () => rows).flat());
    const y = tf.tensor2d(Array.from({ length: 10 * repeat }, (_, i) => [i % 10 === 0 ? 0 : 1]));
    const r = await tfjsTrain(8, [[10, 'relu'], [8, 'relu'], [1, 'sigmoid']], 'binaryCrossentropy', { x, y }, 1);
    tf.dispose([x, y]);
    return { value: r, gflops: (r * 6 * weights(8, [10, 8, 1])) / 1e9 };
  },
  mnist: async () => {
    const data = randomClasses(784, 10, 1024);
    const r = await tfjsTrain(784, [[256, 'relu'], [10, 'softmax']], 'categoricalCrossentropy', data, 64);
    tf.dispose([data.x, data.y]);
    return { value: r, gflops: (r * 6 * weights(784, [256, 10])) / 1e9 };
  },
  mlp512: async () => {
    const data = randomClasses(64, 10, 1024);
    const r = await tfjsTrain(64, [[512, 'relu'], [512, 'relu'], [10, 'softmax']], 'categoricalCrossentropy', data, 128);
    tf.dispose([data.x, data.y]);
    return { value: r, gflops: (r * 6 * weights(64, [512, 512, 10])) / 1e9 };
  },
  // tf.matMul(W, A), W 256 x 784, A 784 x 64: the product of a dense layer's forward pass.
  product: async () => {
    const W = tf.randomUniform([256, 784], -1, 1), A = tf.randomUniform([784, 64]);
    const flops = 2 * 256 * 784 * 64;
    tf.matMul(W, A).dispose();
    const r = await timeRate(() => {
      for (let n = 0; n < 10; ++n) tf.matMul(W, A).dispose();
      return 10 * flops;
    }, SECONDS);
    tf.dispose([W, A]);
    return { value: r / 1e9, gflops: r / 1e9 };
  },
};

// ---- one run, side by side ---------------------------------------------------------------------

const WORKLOADS = [
  ['article', '8-10-8-1, Adam, batch 1', 'samples/s'],
  ['mnist', '784-256-10 softmax, Adam, batch 64', 'samples/s'],
  ['mlp512', '64-512-512-10 relu, Adam, batch 128', 'samples/s'],
  ['product', 'dense product 256 x 784 x 64', 'GFLOP/s'],
];

const backend = await tfjsWasmBackend();
const runs = { native: [], wasm: [], tfjs: [] };
for (let r = 0; r < REPEAT; ++r) {
  runs.native.push(native());
  runs.wasm.push(wasm());
  const t = {};
  for (const [name] of WORKLOADS) t[name] = await tfjs[name]();
  runs.tfjs.push(t);
}

// Best of the runs and the spread: worst / best (1.00 = every run alike).
function best(engine, name, field = 'value') {
  const values = runs[engine].filter(Boolean).map(r => r[name]?.[field]).filter(v => v != null);
  if (!values.length) return null;
  const max = Math.max(...values), min = Math.min(...values);
  return { value: max, spread: min / max };
}
const fmt = v => (v == null ? 'n/a' : v >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2));
const cell = b => (b == null ? 'n/a' : `${fmt(b.value)} (${b.spread.toFixed(2)})`);
const ratio = (a, b) => (a == null || b == null ? null : a.value / b.value);
const rfmt = r => (r == null ? 'n/a' : `${r.toFixed(2)}x`);

console.log(`${REPEAT} runs of ${SECONDS} CPU-seconds each; per CPU-second, best run, (worst/best) beside it. load: ${os.loadavg().map(l => l.toFixed(2)).join(' ')}`);
console.log(`TF.js ${tf.version.tfjs} wasm backend: SIMD ${backend.simd}, threads ${backend.threads} (1 thread used)\n`);
const header = ['workload', 'unit', 'native', 'WASM', 'TF.js wasm', 'WASM/native', 'WASM/TF.js'];
const widths = [38, 10, 20, 20, 20, 11, 10];
const line = cols => console.log(cols.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' '));
line(header);
const result = {};
for (const [name, label, unit] of WORKLOADS) {
  const n = best('native', name), w = best('wasm', name), t = best('tfjs', name);
  result[name] = { n, w, t };
  line([label, unit, cell(n), cell(w), cell(t), rfmt(ratio(w, n)), rfmt(ratio(w, t))]);
}
const g = name => ({ n: best('native', name, 'gflops'), w: best('wasm', name, 'gflops'), t: best('tfjs', name, 'gflops') });
for (const name of ['mnist', 'mlp512']) {
  const { n, w, t } = g(name);
  line([`  ${name} as effective GFLOP/s`, 'GFLOP/s', cell(n), cell(w), cell(t), rfmt(ratio(w, n)), rfmt(ratio(w, t))]);
}

// Targets of issue 12.
const check = (ok, text) => console.log(`${ok == null ? 'n/a   ' : ok ? 'met   ' : 'MISSED'}  ${text}`);
const { mnist, product, article } = result;
const ge = (r, t) => (r == null ? null : r >= t);
console.log('\ntargets');
check(ge(ratio(mnist.w, mnist.t), 10), `784-256-10 batch 64: WASM >= 10x TF.js wasm (${rfmt(ratio(mnist.w, mnist.t))})`);
check(ge(ratio(mnist.w, mnist.n), 0.35), `784-256-10 batch 64: WASM >= 0.35x native (${rfmt(ratio(mnist.w, mnist.n))})`);
check(ge(ratio(product.w, product.t), 1.0), `dense product: WASM >= 1.0x TF.js wasm matMul (${rfmt(ratio(product.w, product.t))})`);
const mlp = g('mlp512').w;
check(mlp == null ? null : mlp.value >= 15, `64-512-512-10 batch 128: WASM >= 15 effective GFLOP/s (${fmt(mlp?.value)})`);
for (const engine of ['native', 'wasm']) {
  const before = BEFORE.article[engine], now = best(engine, 'article');
  if (before == null) continue;
  check(ge(now?.value / before, 1.0), `article network, ${engine}: no slower than before (${fmt(now?.value)} vs ${fmt(before)}, ${rfmt(now?.value / before)})`);
}
console.log('\nbefore issue 12\'s kernels (same machine):');
for (const [name, label, unit] of WORKLOADS) {
  const b = BEFORE[name];
  if (b.native == null && b.wasm == null) continue;
  const n = best('native', name), w = best('wasm', name);
  console.log(`  ${label.padEnd(38)} native ${fmt(b.native)} -> ${fmt(n?.value)} ${unit} (${rfmt(ratio(n, { value: b.native }))}), WASM ${fmt(b.wasm)} -> ${fmt(w?.value)} (${rfmt(ratio(w, { value: b.wasm }))})`);
}
if (!fs.existsSync(nativeBinary)) console.log(`(native: ${nativeBinary} is not built)`);
if (!fs.existsSync(wasmProgram)) console.log(`(WASM: ${wasmProgram} is not built)`);
