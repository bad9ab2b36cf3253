// Benchmark (npm run bench): training speed of the article's network (8 -> 10 relu -> 8 relu ->
// 1 sigmoid, binary_crossentropy, Adam, batch 1, float32) on its 10 x 8 bit data, in samples
// per second: NeuroStep in WebAssembly (in Node), TensorFlow.js (cpu backend) on the same data,
// and native NeuroStep (build/native/neurostep_bench --json), side by side.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs';
import { loadNeuroStep } from '../web/src/engine/neurostep.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = 3;
const TARGETS = { native: 1_000_000, wasm: 600_000 };
const ARTICLE = {
  input_dim: 8,
  layers: [{ units: 10, activation: 'relu' }, { units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
  loss: 'binary_crossentropy',
  optimizer: { name: 'adam' },
};

// Runs `chunk()` (which trains and returns the samples it trained) until `seconds` have passed.
async function rate(chunk, seconds) {
  const start = performance.now();
  let samples = 0, elapsed = 0;
  while (elapsed < seconds) {
    samples += await chunk();
    elapsed = (performance.now() - start) / 1000;
  }
  return samples / elapsed;
}

async function wasmRate() {
  const factory = createRequire(import.meta.url)('../web/public/wasm/neurostep.js');
  const ns = await loadNeuroStep(factory, { wasmBinary: fs.readFileSync(`${root}/web/public/wasm/neurostep.wasm`) });
  const trainer = ns.createTrainer(ARTICLE, { precision: 'float32', seed: 42 });
  const data = ns.generateDataset('article_bits', {});
  trainer.setData(data);
  trainer.setBatchSize(1);
  trainer.trainEpochs(1000);  // warm-up
  const r = await rate(() => trainer.trainEpochs(5000) * data.rows, SECONDS);
  trainer.dispose();
  return r;
}

// TF.js as a user would train it: model.fit, batch 1, on the article's rows repeated 100 times
// (fit's per-call overhead is then shared by 1,000 samples).
async function tfjsRate() {
  tf.enableProdMode();  // also silences the cpu backend's "install tfjs-node" notice
  await tf.setBackend('cpu');
  const model = tf.sequential();
  ARTICLE.layers.forEach((l, i) =>
    model.add(tf.layers.dense({ units: l.units, activation: l.activation, ...(i === 0 ? { inputShape: [8] } : {}) })));
  model.compile({ optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-7), loss: 'binaryCrossentropy' });
  const rows = [];
  for (let r = 0; r < 10; ++r) rows.push(Array.from({ length: 8 }, (_, b) => (b >= 8 - Math.min(r, 8) ? 1 : 0)));
  const repeat = 100;
  const x = tf.tensor2d(Array.from({ length: repeat }, () => rows).flat());
  const y = tf.tensor2d(Array.from({ length: 10 * repeat }, (_, i) => [i % 10 === 0 ? 0 : 1]));
  const fit = async () => {
    await model.fit(x, y, { batchSize: 1, epochs: 1, shuffle: false, verbose: 0 });
    return 10 * repeat;
  };
  await fit();  // warm-up
  const r = await rate(fit, SECONDS);
  tf.dispose([x, y]);
  model.dispose();
  return r;
}

function nativeRate() {
  const binary = `${root}/build/native/neurostep_bench`;
  if (!fs.existsSync(binary)) return null;
  const out = execFileSync(binary, ['--json'], { encoding: 'utf8' });
  return JSON.parse(out).samples_per_second;
}

const fmt = n => (n == null ? 'n/a' : Math.round(n).toLocaleString('en-US'));
const ratio = (a, b) => {
  if (a == null || b == null) return 'n/a';
  const r = a / b;
  return `${r >= 0.01 ? r.toFixed(2) : r.toExponential(1)}x`;
};

const native = nativeRate();
const wasm = await wasmRate();
console.log(`wasm: ${fmt(wasm)} samples/s (article network, Adam, batch 1, float32; target >= ${fmt(TARGETS.wasm)})`);
const tfjs = await tfjsRate();
console.log(`tfjs: ${fmt(tfjs)} samples/s (cpu backend, model.fit batch 1)`);

const rowsOut = [
  ['native', native, TARGETS.native],
  ['WASM (Node)', wasm, TARGETS.wasm],
  ['TF.js (cpu)', tfjs, null],
];
console.log('\nengine         samples/s     vs native   vs TF.js   target');
for (const [name, value, target] of rowsOut) {
  const met = target == null ? '' : `>= ${fmt(target)} ${value != null && value >= target ? 'met' : 'MISSED'}`;
  console.log(`${name.padEnd(14)} ${fmt(value).padStart(11)}   ${ratio(value, native).padStart(9)}   ${ratio(value, tfjs).padStart(8)}   ${met}`);
}
if (native == null) console.log('(native: build/native/neurostep_bench is not built)');
