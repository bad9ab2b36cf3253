// Real model files out: Trainer.exportTfjs (a layers-model that tf.loadLayersModel reads and that
// predicts what NeuroStep predicts, to 1e-6) and Trainer.exportKerasArchive (a Keras 3 .keras
// archive that ns.loadModelFiles reads back bit for bit).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { unzipSync } from 'fflate';

import { loadEngine } from './engine.mjs';
import { loadTf } from './tfjs_oracle.mjs';

let ns, tf;
before(async () => {
  [ns, tf] = await Promise.all([loadEngine(), loadTf()]);
});

// Every layer kind TF.js computes as Keras does, trained a little so that the weights and the
// moving statistics are NeuroStep's own.
const spec = {
  input_dim: 3,
  layers: [
    { units: 8, activation: 'relu', l2: 0.001 },
    { kind: 'BatchNormalization', momentum: 0.9 },
    { kind: 'Dropout', rate: 0.25 },
    { units: 6, activation: 'tanh' },
    { kind: 'LayerNormalization' },
    { kind: 'PReLU' },
    { units: 5, activation: 'selu' },
    { kind: 'LeakyReLU', negative_slope: 0.1 },
    { units: 5, activation: 'swish' },
    { kind: 'ELU' },
    { units: 3, activation: 'softmax' },
  ],
  loss: 'categorical_crossentropy',
  optimizer: { name: 'adam', learning_rate: 0.01 },
};

function trained(precision = 'float32') {
  const t = ns.createTrainer(spec, { precision, seed: 5 });
  const rows = 30;
  const x = Float64Array.from({ length: rows * 3 }, (_, i) => Math.sin(i * 0.7) * 1.5);
  const y = new Float64Array(rows * 3);
  for (let j = 0; j < rows; ++j) y[j * 3 + (j % 3)] = 1;
  t.setData({ rows, features: 3, targets: 3, x, y });
  t.setBatchSize(6);
  t.trainEpochs(3);
  return { t, x, rows };
}

test('exportTfjs: tf.loadLayersModel reads the layers-model and predicts what NeuroStep predicts', async () => {
  const { t, x, rows } = trained();
  const { modelJson, weights } = t.exportTfjs();
  assert.equal(modelJson.format, 'layers-model');
  assert.deepEqual(modelJson.weightsManifest[0].paths, ['./weights.bin']);
  const model = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: JSON.parse(JSON.stringify(modelJson.modelTopology)),
    weightSpecs: modelJson.weightsManifest[0].weights,
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  }));
  assert.deepEqual(model.layers.map((l) => l.getClassName()).filter((c) => c !== 'InputLayer'),
    ['Dense', 'BatchNormalization', 'Dropout', 'Dense', 'LayerNormalization', 'PReLU', 'Dense', 'LeakyReLU', 'Dense', 'ELU', 'Dense']);
  const expected = t.predict(x, rows).data;
  const got = model.predict(tf.tensor2d(Float32Array.from(x), [rows, 3])).dataSync();
  let worst = 0;
  for (let i = 0; i < got.length; ++i) worst = Math.max(worst, Math.abs(got[i] - expected[i]));
  assert.ok(worst <= 1e-6, `largest difference ${worst}`);
  // and NeuroStep reads its own export back exactly
  const back = await ns.loadModelFiles([{ name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(modelJson)) }, { name: 'weights.bin', bytes: weights }]);
  assert.deepEqual(back.predict(x, rows).data, t.predict(x, rows).data);
  back.dispose();
  t.dispose();
});

test('exportTfjs refuses an activation TF.js computes differently, naming the layer', () => {
  const t = ns.createTrainer({ ...spec, layers: [{ units: 4, activation: 'hard_sigmoid' }, { units: 3, activation: 'softmax' }] });
  assert.throws(() => t.exportTfjs(), /layer 1 \("dense", Dense\): TensorFlow\.js has no activation "hard_sigmoid" that computes what Keras computes/);
  t.dispose();
  const e = ns.createTrainer({ ...spec, layers: [{ units: 4 }, { kind: 'ELU', alpha: 0.7 }, { units: 3, activation: 'softmax' }] });
  assert.throws(() => e.exportTfjs(), /layer 2 \("elu", ELU\): TensorFlow\.js's ELU layer supports only alpha 1, not 0\.7/);
  e.dispose();
});

test('exportKerasArchive: a Keras 3 .keras archive that loadModelFiles reads back bit for bit', async () => {
  for (const precision of ['float32', 'float64']) {
    const { t, x, rows } = trained(precision);
    const bytes = await t.exportKerasArchive();
    const parts = unzipSync(bytes);
    assert.deepEqual(Object.keys(parts).sort(), ['config.json', 'metadata.json', 'model.weights.h5']);
    const config = JSON.parse(new TextDecoder().decode(parts['config.json']));
    assert.equal(config.class_name, 'Sequential');
    assert.equal(config.compile_config.loss, 'categorical_crossentropy');
    const read = await ns.readModelFiles([{ name: 'model.keras', bytes }], { precision });
    assert.equal(read.format, 'keras-archive');
    assert.deepEqual(read.notes, []);
    for (let l = 0; l < spec.layers.length; ++l) assert.deepEqual(read.trainer.layerWeights(l), t.layerWeights(l), `${precision} layer ${l + 1}`);
    assert.deepEqual(read.trainer.predict(x, rows).data, t.predict(x, rows).data);
    const a = read.trainer.spec(), b = t.spec();
    assert.equal(a.loss, b.loss);
    assert.deepEqual(a.optimizer, b.optimizer);
    read.trainer.dispose();
    t.dispose();
  }
});
