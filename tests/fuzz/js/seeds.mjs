// The fuzzer's seeds: valid model files that NeuroStep itself writes. Trainers made by the engine
// (from specs and from the Keras fixtures in tests/fixtures/keras/, which are our own) are
// exported as a .keras archive (Trainer.exportKerasArchive) and a TensorFlow.js layers-model
// (Trainer.exportTfjs, one shard or two); from the same weights, the Keras 2 .h5 model, the
// to_json() text beside Keras 3's model.weights.h5 and beside Keras 2's save_weights layout
// (legacy_h5_format.py, written with h5wasm as tests/wasm/model_files.test.mjs writes them);
// the NeuroStep model file and a spec. Then the regression seeds in tests/fuzz/corpus/js_model_files/.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { kerasConfig } from '../../../web/src/engine/model-files/export-keras.js';
import { writeTree } from './h5-tree.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
export const FIXTURES = path.resolve(here, '../../fixtures/keras');
export const CORPUS = path.resolve(here, '../corpus/js_model_files');

const enc = (v) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

const SPECS = [
  { input_dim: 8, layers: [{ units: 10, activation: 'relu' }, { units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy', optimizer: { name: 'adam', learning_rate: 0.001 } },
  {
    input_dim: 3,
    layers: [{ units: 5, activation: 'tanh' }, { kind: 'BatchNormalization' }, { kind: 'Dropout', rate: 0.25 }, { kind: 'LayerNormalization' },
      { units: 4, activation: 'linear' }, { kind: 'PReLU' }, { units: 3, activation: 'softmax' }],
    loss: 'sparse_categorical_crossentropy', optimizer: { name: 'sgd', learning_rate: 0.05, momentum: 0.9 },
  },
  { input_dim: 2, layers: [{ units: 4, activation: 'elu' }, { kind: 'LeakyReLU' }, { units: 2, activation: 'linear', use_bias: false }], loss: 'mean_squared_error', optimizer: { name: 'rmsprop', learning_rate: 0.01 } },
  { input_dim: 4, layers: [{ units: 3, activation: 'gelu' }, { kind: 'ReLU', max_value: 6 }, { units: 3, activation: 'softmax' }], loss: 'categorical_crossentropy', optimizer: { name: 'adagrad', learning_rate: 0.1 } },
];

/** Keras 2's save_weights layout of the trainer's weights, as a tree for writeTree. */
function legacyTree(trainer, layerNames, extraAttrs = []) {
  const children = layerNames.map((name, l) => {
    const weights = Object.entries(trainer.layerWeights(l));
    const inner = weights.map(([w, t]) => ({ name: `${w}:0`, node: { dataset: true, shape: t.shape, dtype: '<f', data: Float32Array.from(t.data), attrs: [] } }));
    return {
      name,
      node: { attrs: [{ name: 'weight_names', value: weights.map(([w]) => `${name}/${w}:0`) }], children: inner.length ? [{ name, node: { attrs: [], children: inner } }] : [] },
    };
  });
  return { attrs: [{ name: 'layer_names', value: [...layerNames] }, { name: 'backend', value: 'tensorflow' }, { name: 'keras_version', value: '2.15.0' }, ...extraAttrs], children };
}

/** Every format NeuroStep reads, for one trainer. @returns {Promise<{label: string, files: {name: string, bytes: Uint8Array}[]}[]>} */
async function formatsOf(trainer, label) {
  const out = [];
  const archive = await trainer.exportKerasArchive();
  out.push({ label: `${label}.keras`, files: [{ name: 'model.keras', bytes: archive }] });
  const { config, layerNames } = kerasConfig(trainer);
  const { compile_config: compile, ...bare } = config;
  out.push({ label: `${label} to_json+weights.h5`, files: [{ name: 'config.json', bytes: enc(bare) }, { name: 'model.weights.h5', bytes: unzipSync(archive)['model.weights.h5'] }] });
  out.push({ label: `${label} to_json+legacy.h5`, files: [{ name: 'model.json', bytes: enc(bare) }, { name: 'weights.h5', bytes: writeTree(legacyTree(trainer, layerNames)) }] });
  const training = { loss: compile.loss, metrics: ['accuracy'], optimizer_config: { class_name: compile.optimizer.class_name, config: compile.optimizer.config } };
  const model = { attrs: [{ name: 'model_config', value: JSON.stringify(bare) }, { name: 'training_config', value: JSON.stringify(training) }], children: [{ name: 'model_weights', node: legacyTree(trainer, layerNames) }] };
  out.push({ label: `${label}.h5`, files: [{ name: 'model.h5', bytes: writeTree(model) }] });
  try {
    const { modelJson, weights } = trainer.exportTfjs();
    out.push({ label: `${label} tfjs`, files: [{ name: 'model.json', bytes: enc(modelJson) }, { name: 'weights.bin', bytes: weights }] });
    const cut = Math.floor(weights.length / 8) * 4;
    const two = { ...modelJson, weightsManifest: [{ paths: ['./group1-shard1of2.bin', './group1-shard2of2.bin'], weights: modelJson.weightsManifest[0].weights }] };
    out.push({ label: `${label} tfjs 2 shards`, files: [{ name: 'model.json', bytes: enc(two) }, { name: 'group1-shard1of2.bin', bytes: weights.slice(0, cut) }, { name: 'group1-shard2of2.bin', bytes: weights.slice(cut) }] });
  } catch (err) {
    if (!err?.id) throw err; // a model TF.js cannot hold is refused with an id; anything else is a bug
  }
  return out;
}

/** An input saved as a folder: input.json ({files: [{name, file}]}) beside the files. @param {string} dir */
export function readInputDir(dir) {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'input.json'), 'utf8'));
  return index.files.map((f) => ({ name: f.name, bytes: new Uint8Array(fs.readFileSync(path.join(dir, f.file))) }));
}

/** Writes an input as such a folder. @param {string} dir @param {{name: string, bytes: Uint8Array}[]} files @param {object} [extra] */
export function writeInputDir(dir, files, extra = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const index = files.map((f, i) => ({ name: f.name, file: `${i}-${f.name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60) || 'file'}` }));
  files.forEach((f, i) => fs.writeFileSync(path.join(dir, index[i].file), f.bytes));
  fs.writeFileSync(path.join(dir, 'input.json'), `${JSON.stringify({ ...extra, files: index }, null, 1)}\n`);
}

/**
 * Every seed, generated by the engine, then the corpus's.
 * @param {import('../../../web/src/engine/neurostep.js').NeuroStep} ns
 */
export async function makeSeeds(ns) {
  const seeds = [];
  const trainers = SPECS.map((s, i) => [`spec${i + 1}`, ns.createTrainer(s, { seed: 11 + i })]);
  for (const name of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort()) {
    const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
    let trainer = null;
    try {
      trainer = ns.createTrainer(text, { seed: 5 });
      trainers.push([name.replace(/\.json$/, ''), trainer]);
    } catch {
      /* a fixture NeuroStep refuses (unsupported_lstm.json) is a seed as it is */
    }
    seeds.push({ label: `fixture ${name}`, files: [{ name, bytes: enc(text) }], refusable: !trainer });
  }
  for (const [label, t] of trainers) {
    seeds.push(...(await formatsOf(t, label)));
    t.dispose();
  }
  const saved = ns.createTrainer(SPECS[1], { seed: 3 });
  seeds.push({ label: 'neurostep model file', files: [{ name: 'saved.json', bytes: enc(saved.toJson()) }] });
  saved.dispose();
  seeds.push({ label: 'spec', files: [{ name: 'spec.json', bytes: enc(SPECS[0]) }] });
  if (fs.existsSync(CORPUS))
    for (const d of fs.readdirSync(CORPUS).sort()) seeds.push({ label: `corpus ${d}`, files: readInputDir(path.join(CORPUS, d)), refusable: true });
  return seeds;
}
