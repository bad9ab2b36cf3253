// Real model files in: a layer's weights by Keras's names (Trainer.setLayerWeights), and
// ns.loadModelFiles on TensorFlow.js layers-models that TF.js itself writes here, and on .h5 and
// .keras files written here in Keras's own layouts (keras/src/saving/saving_lib.py,
// legacy_h5_format.py) with h5wasm and fflate. Predictions are compared with TF.js's own
// (tf.loadLayersModel) to 1e-6; weights read back exactly.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as h5 from 'h5wasm';
import { zipSync, strToU8 } from 'fflate';

import { loadEngine, flatWeights } from './engine.mjs';
import { loadTf } from './tfjs_oracle.mjs';

let ns, tf;
before(async () => {
  [ns, tf] = await Promise.all([loadEngine(), loadTf()]);
  await h5.ready;
});

const enc = (o) => strToU8(typeof o === 'string' ? o : JSON.stringify(o));

// ---- fixtures --------------------------------------------------------------------------------

// Dense + BatchNormalization (with moving statistics that are not 0 and 1) + Dropout + the
// activations Keras and TF.js define alike, with seeded random weights.
function tfModel() {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 6, activation: 'relu', inputShape: [4], name: 'dense_in' }));
  m.add(tf.layers.batchNormalization({ name: 'bn', epsilon: 1e-3 }));
  m.add(tf.layers.dropout({ rate: 0.3, name: 'drop' }));
  m.add(tf.layers.dense({ units: 5, activation: 'tanh', name: 'dense_mid' }));
  m.add(tf.layers.dense({ units: 4, activation: 'elu', name: 'dense_elu' }));
  m.add(tf.layers.dense({ units: 3, activation: 'softmax', name: 'dense_out' }));
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  m.setWeights(m.getWeights().map((w) => {
    const n = w.size;
    const values = Float32Array.from({ length: n }, rand);
    if (w.name.includes('moving_variance')) for (let i = 0; i < n; ++i) values[i] = 0.5 + Math.abs(values[i]);
    return tf.tensor(values, w.shape);
  }));
  return m;
}

const X = Float32Array.from({ length: 7 * 4 }, (_, i) => Math.sin(i * 1.3) * 2);

async function tfArtifacts(model) {
  let artifacts;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return artifacts;
}

// model.json + two shards, as tensorflowjs writes a sharded layers-model.
function tfjsFiles(artifacts, { manifest = null } = {}) {
  const bytes = new Uint8Array(artifacts.weightData);
  const cut = Math.floor(bytes.length / 8) * 4;
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: manifest ?? [{ paths: ['./group1-shard1of2.bin', './group1-shard2of2.bin'], weights: artifacts.weightSpecs }],
  };
  return [
    { name: 'model.json', bytes: enc(modelJson) },
    { name: 'group1-shard1of2.bin', bytes: bytes.slice(0, cut) },
    { name: 'group1-shard2of2.bin', bytes: bytes.slice(cut) },
  ];
}

// The TF.js model's weights by layer: [{layer, className, weights: [{name, shape, data: Float32Array}]}].
function layersOf(model) {
  return model.layers.map((layer) => ({
    layer: layer.name,
    className: layer.getClassName(),
    weights: layer.weights.map((w, k) => ({ name: w.name.split('/').pop().replace(/_\d+$/, ''), shape: w.shape, data: layer.getWeights()[k].dataSync() })),
  }));
}

// An HDF5 file from a function that fills it.
function h5Bytes(fill) {
  const path = `/fixture-${Math.random().toString(36).slice(2)}.h5`;
  const f = new h5.File(path, 'w');
  fill(f);
  f.close();
  const bytes = h5.FS.readFile(path);
  h5.FS.unlink(path);
  return bytes;
}
const group = (f, path) => {
  let at = f;
  for (const part of path.split('/')) {
    if (!at.keys().includes(part)) at.create_group(part);
    at = at.get(part);
  }
  return at;
};
const put = (g, name, w) => g.create_dataset({ name, data: w.data, shape: w.shape, dtype: w.dtype ?? '<f' });

// Keras 2's layout (legacy_h5_format.py): layer_names, each layer's weight_names "<layer>/<w>:0".
function legacyLayout(g, layers, f) {
  g.create_attribute('layer_names', layers.map((l) => l.layer));
  for (const l of layers) {
    const lg = group(g, l.layer);
    lg.create_attribute('weight_names', l.weights.map((w) => `${l.layer}/${w.name}:0`));
    if (l.weights.length) {
      const inner = group(lg, l.layer);
      for (const w of l.weights) put(inner, `${w.name}:0`, w);
    }
  }
  return f;
}

// Keras 3's layout (saving_lib.py): layers/<class in snake case, counted>/vars/<k>.
const snake = { Dense: 'dense', BatchNormalization: 'batch_normalization', Dropout: 'dropout' };
function keras3Weights(layers) {
  return h5Bytes((f) => {
    const used = {};
    for (const l of layers) {
      const base = snake[l.className];
      used[base] = used[base] === undefined ? 0 : used[base] + 1;
      const vars = group(f, `layers/${used[base] ? `${base}_${used[base]}` : base}/vars`);
      vars.create_attribute('name', l.layer);
      l.weights.forEach((w, k) => put(vars, String(k), w));
    }
    group(f, 'vars');
  });
}

// Keras 3's config.json of the same model, as model.to_json() serialises it.
function keras3Config(model) {
  const dtype = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
  const init = (c) => ({ module: 'keras.initializers', class_name: c, config: c === 'Zeros' || c === 'Ones' ? {} : { seed: null }, registered_name: null });
  const layers = [{ module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 4], dtype: 'float32', sparse: false, ragged: false, name: 'input_layer', optional: false }, registered_name: null }];
  for (const l of model.layers) {
    const c = l.getConfig();
    const base = { name: l.name, trainable: true, dtype };
    if (l.getClassName() === 'Dense')
      layers.push({ module: 'keras.layers', class_name: 'Dense', config: { ...base, units: c.units, activation: c.activation, use_bias: true, kernel_initializer: init('GlorotUniform'), bias_initializer: init('Zeros'), kernel_regularizer: null, bias_regularizer: null, kernel_constraint: null, bias_constraint: null, quantization_config: null }, registered_name: null });
    else if (l.getClassName() === 'Dropout')
      layers.push({ module: 'keras.layers', class_name: 'Dropout', config: { ...base, rate: c.rate, seed: null, noise_shape: null }, registered_name: null });
    else
      layers.push({ module: 'keras.layers', class_name: 'BatchNormalization', config: { ...base, axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true, beta_initializer: init('Zeros'), gamma_initializer: init('Ones'), moving_mean_initializer: init('Zeros'), moving_variance_initializer: init('Ones'), beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null, synchronized: false }, registered_name: null });
  }
  return { module: 'keras', class_name: 'Sequential', config: { name: 'sequential', trainable: true, dtype, layers }, registered_name: null, build_config: { input_shape: [null, 4] } };
}

const predictTf = (model) => model.predict(tf.tensor2d(X, [7, 4])).dataSync();
// NeuroStep's predict gives outputs x rows, column-major: the same order as TF.js's rows x outputs.
function assertClose(actual, expected, tol, what) {
  assert.equal(actual.length, expected.length, `${what}: lengths`);
  let worst = 0;
  for (let i = 0; i < actual.length; ++i) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  assert.ok(worst <= tol, `${what}: largest difference ${worst} > ${tol}`);
}

// ---- Trainer.setLayerWeights -----------------------------------------------------------------

const smallSpec = {
  input_dim: 2,
  layers: [
    { units: 3, activation: 'linear' },
    { kind: 'BatchNormalization' },
    { units: 1, activation: 'linear', use_bias: false },
  ],
  loss: 'mean_squared_error',
  optimizer: { name: 'sgd', learning_rate: 0.1 },
};

test('setLayerWeights takes a Keras kernel (inputs x units) and layerWeights gives it back', () => {
  const t = ns.createTrainer(smallSpec, { precision: 'float64' });
  t.setLayerWeights(0, { kernel: [[1, 2, 3], [4, 5, 6]], bias: [0.5, -0.5, 0.25] });
  const { W, b } = t.weights()[0];
  assert.deepEqual([W.rows, W.cols], [3, 2]);
  // W(u, i) = kernel[i][u]; Mat data are column-major
  for (let i = 0; i < 2; ++i) for (let u = 0; u < 3; ++u) assert.equal(W.data[u + 3 * i], [[1, 2, 3], [4, 5, 6]][i][u]);
  assert.deepEqual([...b.data], [0.5, -0.5, 0.25]);
  const back = t.layerWeights(0);
  assert.deepEqual(back.kernel.shape, [2, 3]);
  assert.deepEqual([...back.kernel.data], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Object.keys(t.layerWeights(1)), ['gamma', 'beta', 'moving_mean', 'moving_variance']);
  assert.deepEqual(Object.keys(t.layerWeights(2)), ['kernel']);
  t.setLayerWeights(1, { moving_mean: { shape: [3], data: [1, 2, 3] }, moving_variance: Float64Array.of(4, 5, 6) });
  assert.deepEqual([...t.layerWeights(1).moving_variance.data], [4, 5, 6]);
  assert.deepEqual([...t.layerWeights(1).gamma.data], [1, 1, 1], 'weights not given stay');
  t.dispose();
});

test('setLayerWeights refuses a bad weight by layer and name, and changes nothing', () => {
  const t = ns.createTrainer(smallSpec);
  const before = JSON.stringify(t.layers().map((l) => l.params.map((p) => [...p.value.data])));
  const cases = [
    [0, { kernel: [[1, 2], [3, 4], [5, 6]] }, /layer 1.*weight "kernel" must have shape \[2, 3\] \(inputs, units.*got \[3, 2\]/],
    [0, { kernal: [[1, 2, 3], [4, 5, 6]] }, /layer 1.*unknown weight "kernal"; a Dense layer here has kernel, bias/],
    [0, { kernel: [[1, 2, 3], [4, NaN, 6]] }, /layer 1.*weight "kernel" value 4 is nan; weights must be finite numbers/],
    [0, { kernel: [[1, 2, 3], [4, 1e300, 6]] }, /too large for float32/],
    [0, { bias: [1, 2, 3], kernel: [[1, 2, 3], [4, 5]] }, /weight "kernel"\[1\] must be an array of 3 values/],
    [1, { moving_variance: [1, -1, 1] }, /layer 2.*"moving_variance" value 1 is -1; a variance cannot be negative/],
    [1, { gamma: [1, 2] }, /layer 2.*weight "gamma" must have shape \[3\], got \[2\]/],
    [2, { bias: [1] }, /layer 3.*"bias" is given, but the layer has no bias \(use_bias is false\)/],
    [3, { kernel: [[1]] }, /layer must be in \[0, 2\]/],
    [0, { kernel: 'weights' }, /weight "kernel" must be a nested array of numbers or \{shape, data\}/],
  ];
  for (const [l, w, message] of cases) {
    assert.throws(() => t.setLayerWeights(l, w), message);
    assert.equal(JSON.stringify(t.layers().map((x) => x.params.map((p) => [...p.value.data]))), before, `after ${message}`);
  }
  t.dispose();
});

// ---- TensorFlow.js layers-models -------------------------------------------------------------

test('a TF.js layers-model (model.json and two shards) predicts what tf.loadLayersModel predicts', async () => {
  const model = tfModel();
  const artifacts = await tfArtifacts(model);
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  const expected = predictTf(loaded);
  assertClose(predictTf(model), expected, 0, 'TF.js against itself');
  for (const precision of ['float32', 'float64']) {
    const files = tfjsFiles(artifacts);
    const read = await ns.readModelFiles([files[2], files[0], files[1]], { precision });  // any order
    assert.equal(read.format, 'tfjs-layers-model');
    assert.deepEqual(read.files.sort(), ['group1-shard1of2.bin', 'group1-shard2of2.bin', 'model.json']);
    assert.deepEqual(read.trainer.layers().map((l) => l.className), ['Dense', 'BatchNormalization', 'Dropout', 'Dense', 'Dense', 'Dense']);
    assertClose(read.trainer.predict(X, 7).data, expected, 1e-6, precision);
    read.trainer.dispose();
  }
});

test('TF.js files that do not fit are refused by file, layer and weight', async () => {
  const artifacts = await tfArtifacts(tfModel());
  const specs = artifacts.weightSpecs;
  const files = tfjsFiles(artifacts);
  await assert.rejects(ns.loadModelFiles([files[0], files[1]]), /model\.json needs the weights shard "\.\/group1-shard2of2\.bin".*not given/);
  const reshaped = specs.map((w) => (w.name === 'dense_mid/kernel' ? { ...w, shape: [5, 6] } : w));
  await assert.rejects(ns.loadModelFiles(tfjsFiles(artifacts, { manifest: [{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: reshaped }] })),
    /model\.json: layer 4 \("dense_mid"\): weight "kernel" \(weight "dense_mid\/kernel"\) has shape \[5, 6\] but the layer needs \[6, 5\]/);
  const ints = specs.map((w) => (w.name === 'bn/gamma' ? { ...w, dtype: 'int32' } : w));
  await assert.rejects(ns.loadModelFiles(tfjsFiles(artifacts, { manifest: [{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: ints }] })),
    /model\.json: layer 2 \("bn"\): weight "gamma" .* is int32; NeuroStep reads float32/);
  const quantized = specs.map((w) => (w.name === 'bn/beta' ? { ...w, quantization: { dtype: 'uint8', scale: 1, min: 0 } } : w));
  await assert.rejects(ns.loadModelFiles(tfjsFiles(artifacts, { manifest: [{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: quantized }] })),
    /layer "bn": weight "bn\/beta" is quantized/);
  // dense_out's weights left out of the manifest (and of the shards)
  const kept = specs.filter((w) => !w.name.startsWith('dense_out/'));
  const size = kept.reduce((n, w) => n + 4 * w.shape.reduce((a, d) => a * d, 1), 0);
  const short = [{ name: 'model.json', bytes: enc({ format: 'layers-model', modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['w.bin'], weights: kept }] }) },
    { name: 'w.bin', bytes: new Uint8Array(artifacts.weightData).slice(0, size) }];
  await assert.rejects(ns.loadModelFiles(short), /model\.json holds weights for 4 layers .* but the model has 5 layers with weights .*none for layer 6 \("dense_out"\)/);
  await assert.rejects(ns.loadModelFiles([{ name: 'graph.json', bytes: enc({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }) }]),
    /graph\.json is a TensorFlow\.js graph-model .* NeuroStep reads only layers-models/);
  await assert.rejects(ns.loadModelFiles([files[0], files[1], files[2], { name: 'extra.bin', bytes: Uint8Array.of(0xff, 0xfe, 0, 1) }]),
    /extra\.bin is not a model file NeuroStep reads \(binary, and no model\.json among the files lists it/);
});

// ---- Keras .h5 and .keras --------------------------------------------------------------------

test('a Keras 2 .h5 model (model_config, training_config, model_weights) predicts as TF.js does', async () => {
  const model = tfModel();
  const expected = predictTf(model);
  const layers = layersOf(model);
  const bytes = h5Bytes((f) => {
    f.create_attribute('keras_version', '2.15.0');
    f.create_attribute('backend', 'tensorflow');
    f.create_attribute('model_config', JSON.stringify(model.toJSON(null, false)));
    f.create_attribute('training_config', JSON.stringify({ loss: 'categorical_crossentropy', metrics: ['accuracy'], optimizer_config: { class_name: 'SGD', config: { name: 'SGD', learning_rate: 0.05, momentum: 0.0, nesterov: false } } }));
    legacyLayout(group(f, 'model_weights'), layers, f);
  });
  const read = await ns.readModelFiles([{ name: 'model.h5', bytes }]);
  assert.equal(read.format, 'keras2-h5');
  assertClose(read.trainer.predict(X, 7).data, expected, 1e-6, 'keras2 h5');
  const spec = read.trainer.spec();
  assert.equal(spec.loss, 'categorical_crossentropy');
  assert.equal(spec.optimizer.name, 'sgd');
  assert.equal(spec.optimizer.learning_rate, 0.05);
  // exactly the float32 values written
  for (const [l, layer] of layers.entries())
    for (const w of layer.weights) assert.deepEqual(Float32Array.from(read.trainer.layerWeights(l)[w.name].data), w.data, `${layer.layer}/${w.name}`);
  read.trainer.dispose();
});

test('an .h5 weights file (save_weights) beside a to_json() architecture', async () => {
  const model = tfModel();
  const layers = layersOf(model);
  const weights = { name: 'model.weights.h5', bytes: h5Bytes((f) => legacyLayout(f, layers, f)) };
  const arch = { name: 'model_architecture.json', bytes: enc(model.toJSON(null, false)) };
  const t = await ns.loadModelFiles([weights, arch]);
  assertClose(t.predict(X, 7).data, predictTf(model), 1e-6, 'to_json + weights h5');
  t.dispose();
  // A weight of the wrong shape, and a layer missing
  const bad = layers.map((l) => (l.layer === 'dense_elu' ? { ...l, weights: l.weights.map((w) => (w.name === 'bias' ? { ...w, shape: [2, 2] } : w)) } : l));
  await assert.rejects(ns.loadModelFiles([arch, { name: 'w.h5', bytes: h5Bytes((f) => legacyLayout(f, bad, f)) }]),
    /w\.h5: layer 5 \("dense_elu"\): weight "bias" \(dense_elu\/dense_elu\/bias:0\) has shape \[2, 2\] but the layer needs \[4\]/);
  const fewer = layers.filter((l) => l.layer !== 'bn');
  await assert.rejects(ns.loadModelFiles([arch, { name: 'w.h5', bytes: h5Bytes((f) => legacyLayout(f, fewer, f)) }]), /w\.h5 holds weights for 4 layers .*none for layer 2 \("bn"\)/);
  await assert.rejects(ns.loadModelFiles([weights]), /model\.weights\.h5 holds weights only: add the model's architecture/);
});

test('a Keras 3 .keras archive predicts as TF.js does, and its weights read back bit for bit', async () => {
  const model = tfModel();
  const layers = layersOf(model);
  const archive = zipSync({
    'metadata.json': enc({ keras_version: '3.13.2', date_saved: '2026-12-01@12:00:00' }),
    'config.json': enc(keras3Config(model)),
    'model.weights.h5': keras3Weights(layers),
  });
  const read = await ns.readModelFiles([{ name: 'exoplanet.keras', bytes: archive }]);
  assert.equal(read.format, 'keras-archive');
  assertClose(read.trainer.predict(X, 7).data, predictTf(model), 1e-6, '.keras');
  for (const [l, layer] of layers.entries())
    for (const w of layer.weights) assert.deepEqual(Float32Array.from(read.trainer.layerWeights(l)[w.name].data), w.data, `${layer.layer}/${w.name}`);
  read.trainer.dispose();
  // the same weights file beside the config as to_json() text
  const t = await ns.loadModelFiles([{ name: 'config.json', bytes: enc(keras3Config(model)) }, { name: 'm.weights.h5', bytes: keras3Weights(layers) }]);
  assertClose(t.predict(X, 7).data, predictTf(model), 1e-6, 'to_json + .weights.h5');
  t.dispose();
  const missing = zipSync({ 'config.json': enc(keras3Config(model)), 'model.weights.h5': keras3Weights(layers.filter((l) => l.layer !== 'dense_out')) });
  await assert.rejects(ns.loadModelFiles([{ name: 'm.keras', bytes: missing }]), /m\.keras \(model\.weights\.h5\) has no layers\/dense_3\/vars, where Keras keeps the weights of layer 6 \("dense_out", a Dense\)/);
  await assert.rejects(ns.loadModelFiles([{ name: 'x.zip', bytes: zipSync({ 'a.txt': enc('hello') }) }]), /x\.zip is a zip without config\.json, so it is not a Keras \.keras archive/);
});

test('to_json() text alone, a NeuroStep model file and a spec still load; several models at once do not', async () => {
  const t = ns.createTrainer(smallSpec, { seed: 3 });
  const file = t.toJson();
  const a = await ns.readModelFiles([{ name: 'saved.json', bytes: enc(file) }]);
  assert.equal(a.format, 'neurostep-model');
  assert.deepEqual(flatWeights(a.trainer), flatWeights(t));
  const b = await ns.readModelFiles([{ name: 'spec.json', bytes: enc(smallSpec) }]);
  assert.equal(b.format, 'spec');
  const c = await ns.readModelFiles([{ name: 'arch.json', bytes: enc(tfModel().toJSON(null, false)) }]);
  assert.equal(c.format, 'keras-json');
  await assert.rejects(ns.loadModelFiles([{ name: 'a.json', bytes: enc(file) }, { name: 'b.json', bytes: enc(smallSpec) }]), /several models at once: a\.json, b\.json/);
  await assert.rejects(ns.loadModelFiles([{ name: 'n.json', bytes: enc({ hello: 1 }) }]), /n\.json is JSON but not a model/);
  for (const x of [t, a.trainer, b.trainer, c.trainer]) x.dispose();
});

test('broken and foreign files are refused by name, and nothing is left half-loaded', async () => {
  const model = tfModel();
  const layers = layersOf(model);
  // an integer dataset where a weight belongs
  const arch = { name: 'arch.json', bytes: enc(model.toJSON(null, false)) };
  const intKernel = layers.map((l) => (l.layer === 'dense_out' ? { ...l, weights: l.weights.map((w) => (w.name === 'kernel' ? { ...w, data: new Int32Array(w.data.length), dtype: '<i' } : w)) } : l));
  const withInt = h5Bytes((f) => legacyLayout(f, intKernel, f));
  const ints = h5Bytes((f) => legacyLayout(f, layers.filter((l) => l.layer !== 'dense_out'), f));
  await assert.rejects(ns.loadModelFiles([arch, { name: 'int.h5', bytes: withInt }]), /int\.h5: layer 6 \("dense_out"\): weight "kernel" \(dense_out\/dense_out\/kernel:0\) is int32; NeuroStep reads float32 and float64 weights/);
  await assert.rejects(ns.loadModelFiles([arch, { name: 'short.h5', bytes: ints }]), /short\.h5 holds weights for 4 layers/);
  // a layer NeuroStep lacks, inside an archive
  const config = keras3Config(model);
  config.config.layers.splice(2, 0, { module: 'keras.layers', class_name: 'Conv2D', config: { name: 'conv', filters: 3, kernel_size: [3, 3] }, registered_name: null });
  await assert.rejects(ns.loadModelFiles([{ name: 'conv.keras', bytes: zipSync({ 'config.json': enc(config), 'model.weights.h5': keras3Weights(layers) }) }]),
    /conv\.keras \(config\.json\): .*layer 3 \("conv"\): unsupported layer class "Conv2D"/);
  // vars of the wrong count
  const fewerVars = layers.map((l) => (l.layer === 'bn' ? { ...l, weights: l.weights.slice(0, 3) } : l));
  await assert.rejects(ns.loadModelFiles([{ name: 'v.keras', bytes: zipSync({ 'config.json': enc(keras3Config(model)), 'model.weights.h5': keras3Weights(fewerVars) }) }]),
    /v\.keras \(model\.weights\.h5\): layer 2 \("bn"\): the file has 3 weights \(layers\/batch_normalization\/vars\/0, .*\) but a BatchNormalization layer here has 4 \(gamma, beta, moving_mean, moving_variance\)/);
  // bytes that only start like HDF5 or a zip
  const fakeH5 = Uint8Array.of(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8);
  await assert.rejects(ns.loadModelFiles([arch, { name: 'fake.h5', bytes: fakeH5 }]), /fake\.h5 is not a readable HDF5 file/);
  const archive = zipSync({ 'config.json': enc(keras3Config(model)), 'model.weights.h5': keras3Weights(layers) });
  await assert.rejects(ns.loadModelFiles([{ name: 'cut.keras', bytes: archive.slice(0, archive.length >> 1) }]), /cut\.keras is not a readable zip archive/);
  // after all of it the engine still loads a good archive
  const t = await ns.loadModelFiles([{ name: 'good.keras', bytes: archive }]);
  assertClose(t.predict(X, 7).data, predictTf(model), 1e-6, 'after the refusals');
  t.dispose();
});

test('a compiled TF.js model saved with its optimizer: its loss and optimizer settings, in Keras\'s words', async () => {
  const model = tfModel();
  model.compile({ optimizer: tf.train.adam(0.01, 0.8, 0.95, 1e-6), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(tf.tensor2d(X, [7, 4]), tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0], 'int32'), 3), { epochs: 1, batchSize: 7 });
  let artifacts;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }), { includeOptimizer: true });
  assert.ok(artifacts.weightSpecs.some((w) => w.group === 'optimizer'), 'TF.js saved its optimizer');
  const modelJson = { format: 'layers-model', modelTopology: artifacts.modelTopology, trainingConfig: artifacts.trainingConfig, weightsManifest: [{ paths: ['w.bin'], weights: artifacts.weightSpecs }] };
  const read = await ns.readModelFiles([{ name: 'model.json', bytes: enc(modelJson) }, { name: 'w.bin', bytes: new Uint8Array(artifacts.weightData) }]);
  const spec = read.trainer.spec();
  assert.equal(spec.loss, 'categorical_crossentropy');
  assert.deepEqual([spec.optimizer.name, spec.optimizer.learning_rate, spec.optimizer.beta_1, spec.optimizer.beta_2, spec.optimizer.epsilon], ['adam', 0.01, 0.8, 0.95, 1e-6]);
  assert.deepEqual(read.notes, ["model.json: the optimizer's saved variables are not read; it starts afresh."]);
  assertClose(read.trainer.predict(X, 7).data, predictTf(model), 1e-6, 'after a TF.js epoch');
  read.trainer.dispose();
});

test('layer weights read, set and refused 10,000 times, and model files loaded and refused, leak nothing', async () => {
  const t = ns.createTrainer(smallSpec);
  const calls = [
    () => t.layerWeights(1),
    () => t.setLayerWeights(0, { kernel: [[1, 2, 3], [4, 5, 6]], bias: [0, 0, 0] }),
    () => assert.throws(() => t.setLayerWeights(0, { kernel: [[1, 2], [3, 4], [5, 6]] })),
    () => assert.throws(() => t.setLayerWeights(1, { moving_variance: [1, -1, 1] })),
    () => assert.throws(() => t.setLayerWeights(2, { bias: [1] })),
    () => assert.throws(() => t.setLayerWeights(0, { kernel: { shape: [2, 3], data: [1, 2, 3] } })),
  ];
  const run = (n) => {
    for (let i = 0; i < n; ++i) calls[i % calls.length]();
  };
  const model = tfModel();
  const files = tfjsFiles(await tfArtifacts(model));
  const loads = async (n) => {
    for (let i = 0; i < n; ++i) {
      (await ns.loadModelFiles(files)).dispose();
      await assert.rejects(ns.loadModelFiles([files[0], files[1]]));
    }
  };
  run(1000);
  await loads(5);
  const first = ns.memoryStats();
  run(9000);
  await loads(20);
  const last = ns.memoryStats();
  for (const key of ['heapSize', 'stackPointer', 'emvalHandles', 'allocatedBytes'])
    assert.equal(last[key], first[key], `${key} went from ${first[key]} to ${last[key]}`);
  t.dispose();
});
