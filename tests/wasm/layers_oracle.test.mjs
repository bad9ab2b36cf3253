// The layers beyond Dense and the activations, NeuroStep (WebAssembly, float32) against
// TensorFlow.js configured as Keras (tfjs_oracle.mjs): tf.layers.batchNormalization,
// layerNormalization, dropout (at rate 0 in training, and at inference), activation, reLU,
// leakyReLU, elu, prelu and softmax, and every activation TF.js has. The same initial weights
// and unshuffled batches give the same loss at every step, and after training the same
// predictions at inference (BatchNormalization's moving statistics included). Where TF.js and
// Keras differ, KERAS_VS_TFJS.md says so. Run: node --test tests/wasm/layers_oracle.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { loadEngine } from './engine.mjs';
import {
  loadTf, lossNames, makeOptimizer, maxRelativeDifference, sigmoidCrossEntropyFromLogits,
  softmaxCrossEntropyFromLogits,
} from './tfjs_oracle.mjs';

const TOLERANCE = 1e-4;  // relative, per step and per prediction, float32
const STEPS = 100;

let ns, tf;
before(async () => {
  ns = await loadEngine();
  tf = await loadTf();
});

// Inputs on a grid and a smooth target, 24 rows of 3 features; and a 3-class one-hot version.
function regression() {
  const x = [], y = [];
  for (let i = 0; i < 24; ++i) {
    const a = Math.sin(i) * 1.5, b = Math.cos(1.3 * i), c = (i % 5) / 2 - 1;
    x.push(a, b, c);
    y.push(0.5 * a - b * c + 0.2);
  }
  return { rows: 24, features: 3, targets: 1, x: Float64Array.from(x), y: Float64Array.from(y) };
}
function classes() {
  const d = regression(), y = [];
  for (let i = 0; i < d.rows; ++i) {
    const k = d.y[i] < -0.3 ? 0 : d.y[i] < 0.6 ? 1 : 2;
    y.push(...[0, 1, 2].map(j => (j === k ? 1 : 0)));
  }
  return { ...d, targets: 3, y: Float64Array.from(y) };
}

// TF.js's name for each Keras activation it has the same (Keras 3's hard_sigmoid it has not).
const TFJS_ACTIVATION = {
  linear: 'linear', relu: 'relu', relu6: 'relu6', elu: 'elu', selu: 'selu', sigmoid: 'sigmoid', tanh: 'tanh',
  softplus: 'softplus', softsign: 'softsign', silu: 'swish', swish: 'swish', mish: 'mish', gelu: 'gelu',
  gelu_approximate: 'gelu_new', softmax: 'softmax', log_softmax: 'logSoftmax',
};
const act = a => {
  if (!(a in TFJS_ACTIVATION)) throw new Error(`TF.js has no activation ${a}`);
  return TFJS_ACTIVATION[a];
};

// The output activation Keras folds into the loss (sigmoid or softmax with cross-entropy).
function logitsOf(spec) {
  const last = spec.layers.at(-1);
  const f = last.kind === 'Softmax' ? 'softmax' : (last.kind ?? 'Dense') === 'Dense' || last.kind === 'Activation' ? last.activation : null;
  if (spec.loss === 'binary_crossentropy' && f === 'sigmoid') return sigmoidCrossEntropyFromLogits;
  if (spec.loss === 'categorical_crossentropy' && f === 'softmax') return softmaxCrossEntropyFromLogits;
  return null;
}

// The TF.js layer of one spec layer; `training` layers that TF.js would randomise are not made here.
function tfLayer(layer, first, inputs) {
  const shape = first ? { inputShape: [inputs] } : {};
  switch (layer.kind ?? 'Dense') {
    case 'Dense': return tf.layers.dense({ units: layer.units, activation: act(layer.activation ?? 'linear'), ...shape });
    case 'Dropout': return tf.layers.dropout({ rate: layer.rate, ...shape });
    case 'BatchNormalization':
      return tf.layers.batchNormalization({ axis: -1, momentum: layer.momentum ?? 0.99, epsilon: layer.epsilon ?? 1e-3, ...shape });
    case 'LayerNormalization': return tf.layers.layerNormalization({ axis: -1, epsilon: layer.epsilon ?? 1e-3, ...shape });
    case 'Activation': return tf.layers.activation({ activation: act(layer.activation), ...shape });
    case 'ReLU': return tf.layers.reLU({ maxValue: layer.max_value ?? undefined, ...shape });
    case 'LeakyReLU': return tf.layers.leakyReLU({ alpha: layer.negative_slope ?? 0.3, ...shape });
    case 'ELU': return tf.layers.elu({ alpha: layer.alpha ?? 1, ...shape });
    case 'PReLU': return tf.layers.prelu({ alphaInitializer: 'zeros', ...shape });
    case 'Softmax': return tf.layers.softmax({ axis: -1, ...shape });
    default: throw new Error(`no TF.js layer for ${layer.kind}`);
  }
}

// The spec as a compiled tf.Sequential with NeuroStep's initial Dense weights (the other layers
// start as Keras starts them, which is how NeuroStep starts them too).
function buildModel(spec, weights) {
  const logits = logitsOf(spec);
  const model = tf.sequential();
  spec.layers.forEach((layer, l) => {
    const last = l === spec.layers.length - 1;
    if (last && logits && layer.kind && layer.kind !== 'Dense') return;  // folded into the loss
    const made = last && logits ? tf.layers.dense({ units: layer.units, activation: 'linear', ...(l === 0 ? { inputShape: [spec.input_dim] } : {}) })
      : tfLayer(layer, l === 0, spec.input_dim);
    model.add(made);
    if ((layer.kind ?? 'Dense') === 'Dense') {
      const { W, b } = weights[l];
      const kernel = tf.tensor2d(Float32Array.from(W.data), [W.cols, W.rows]), bias = tf.tensor1d(Float32Array.from(b.data));
      made.setWeights([kernel, bias]);
      tf.dispose([kernel, bias]);
    }
  });
  const optimizer = makeOptimizer(spec.optimizer);
  model.compile({ optimizer, loss: logits ?? lossNames[spec.loss] });
  return { model, optimizer, logits };
}

// Both train `steps` unshuffled batches; returns both loss series and both predictions on the
// training inputs at the end.
async function run(spec, data, { batchSize, steps = STEPS, seed = 5, predictBefore = false }) {
  const trainer = ns.createTrainer(spec, { precision: 'float32', seed });
  try {
    trainer.setData(data);
    trainer.setBatchSize(batchSize);
    trainer.setShuffle(false);
    const { model, optimizer, logits } = buildModel(spec, trainer.weights());
    const x = tf.tensor2d(Float32Array.from(data.x), [data.rows, data.features]);
    const y = tf.tensor2d(Float32Array.from(data.y), [data.rows, data.targets]);
    const ours = [], theirs = [];
    try {
      const batches = Math.ceil(data.rows / batchSize);
      for (let s = 0; s < (predictBefore ? 0 : steps); ++s) {
        trainer.stepBatch();
        ours.push(trainer.lossTrace().batchLoss);
        const first = (s % batches) * batchSize, count = Math.min(batchSize, data.rows - first);
        const xb = x.slice([first, 0], [count, data.features]), yb = y.slice([first, 0], [count, data.targets]);
        theirs.push(await model.trainOnBatch(xb, yb));
        tf.dispose([xb, yb]);
      }
      const ourPrediction = Array.from(trainer.predict(data.x, data.rows).data);
      const out = model.predict(x);
      const activated = logits === sigmoidCrossEntropyFromLogits ? tf.sigmoid(out) : logits ? tf.softmax(out) : out;
      const theirPrediction = Array.from(await activated.data());
      tf.dispose([out, activated]);
      return { ours, theirs, ourPrediction, theirPrediction };
    } finally {
      tf.dispose([x, y]);
      model.dispose();
      optimizer.dispose();
    }
  } finally {
    trainer.dispose();
  }
}

async function expectParity(t, name, spec, data, options) {
  const r = await run(spec, data, options);
  if (r.ours.length) {
    const d = maxRelativeDifference(r.ours, r.theirs);
    t.diagnostic(`${name}: loss max relative difference ${d.max.toExponential(2)} at step ${d.at + 1}`);
    assert.ok(d.max <= TOLERANCE, `${name}: step ${d.at + 1}: NeuroStep ${r.ours[d.at]}, Keras (TF.js) ${r.theirs[d.at]}`);
    assert.notEqual(r.ours[0], r.ours.at(-1), `${name}: training did not move`);
  }
  const p = maxRelativeDifference(r.ourPrediction, r.theirPrediction, 1e-3);
  t.diagnostic(`${name}: predictions max relative difference ${p.max.toExponential(2)}`);
  assert.ok(p.max <= TOLERANCE, `${name}: prediction ${p.at}: NeuroStep ${r.ourPrediction[p.at]}, TF.js ${r.theirPrediction[p.at]}`);
}

const dense = (units, activation = 'linear') => ({ units, activation });
const sgd = { name: 'sgd', learning_rate: 0.05 };

test('BatchNormalization: batch statistics in training, moving statistics at inference', async t => {
  const spec = { input_dim: 3, layers: [dense(8, 'tanh'), { kind: 'BatchNormalization', momentum: 0.9 }, dense(1)], loss: 'mse', optimizer: { name: 'adam', learning_rate: 0.01 } };
  await expectParity(t, 'bn/adam/mse', spec, regression(), { batchSize: 6 });
  const classifier = { input_dim: 3, layers: [dense(6), { kind: 'BatchNormalization' }, { kind: 'ReLU' }, dense(3, 'softmax')], loss: 'categorical_crossentropy', optimizer: { name: 'rmsprop' } };
  await expectParity(t, 'bn/relu/rmsprop/softmax', classifier, classes(), { batchSize: 8 });
});

test('LayerNormalization, and Activation layers after it', async t => {
  const spec = { input_dim: 3, layers: [dense(6), { kind: 'LayerNormalization' }, { kind: 'Activation', activation: 'tanh' }, dense(1)], loss: 'mse', optimizer: sgd };
  await expectParity(t, 'ln/sgd/mse', spec, regression(), { batchSize: 4 });
});

test('Dropout at rate 0 trains as no Dropout; at inference Dropout(0.5) is the identity', async t => {
  const spec = rate => ({ input_dim: 3, layers: [dense(8, 'relu'), { kind: 'Dropout', rate }, dense(3), { kind: 'Softmax' }], loss: 'categorical_crossentropy', optimizer: { name: 'adam' } });
  await expectParity(t, 'dropout(0)/adam/softmax layer', spec(0), classes(), { batchSize: 5 });
  await expectParity(t, 'dropout(0.5) at inference', spec(0.5), classes(), { batchSize: 5, predictBefore: true });
});

test('ReLU(max_value), LeakyReLU, ELU and PReLU layers', async t => {
  for (const [name, layer] of [['ReLU(max_value=0.5)', { kind: 'ReLU', max_value: 0.5 }], ['LeakyReLU(0.1)', { kind: 'LeakyReLU', negative_slope: 0.1 }],
    ['ELU', { kind: 'ELU' }], ['PReLU', { kind: 'PReLU' }]]) {  // TF.js's ELU layer takes alpha 1 only
    const spec = { input_dim: 3, layers: [dense(6), layer, dense(1)], loss: 'mse', optimizer: sgd };
    await expectParity(t, name, spec, regression(), { batchSize: 4, steps: 60 });
  }
});

test('every activation TF.js has, as Keras defines it', async t => {
  for (const a of ['relu', 'relu6', 'elu', 'selu', 'sigmoid', 'tanh', 'softplus', 'softsign', 'silu', 'mish', 'gelu', 'gelu_approximate', 'log_softmax', 'linear']) {
    // log_softmax's outputs are log-probabilities (all below 0, summing to log 1 under exp); as a
    // hidden layer under mse at sgd's 0.05 both engines diverge to NaN, so it steps more gently.
    const optimizer = a === 'log_softmax' ? { name: 'sgd', learning_rate: 0.005 } : sgd;
    const spec = { input_dim: 3, layers: [dense(6, a), dense(1)], loss: 'mse', optimizer };
    await expectParity(t, a, spec, regression(), { batchSize: 4, steps: 50 });
  }
});
