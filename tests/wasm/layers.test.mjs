// The layers beyond Dense through the engine's JavaScript API (cpp/bindings/layer_bindings.cpp):
// trainer.layer(l), layers(), gradientCheckAll(), teachingStep() with them, and the refusals of
// B17 (tests/BAD_INPUTS.md) with the previous trainer kept. Run: node --test tests/wasm/layers.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { loadEngine } from './engine.mjs';
import { NeuroStepError } from '../../web/src/engine/neurostep.js';

let ns;
before(async () => {
  ns = await loadEngine();
});

const XOR = { rows: 4, features: 2, targets: 1, x: [0, 0, 0, 1, 1, 0, 1, 1], y: [0, 1, 1, 0] };
const SPEC = {
  input_dim: 2,
  layers: [{ units: 6, activation: 'gelu' }, { kind: 'BatchNormalization', momentum: 0.9 }, { kind: 'Dropout', rate: 0.5 },
    { kind: 'PReLU' }, { units: 4, activation: 'selu' }, { kind: 'LayerNormalization' }, { units: 1, activation: 'sigmoid' }],
  loss: 'binary_crossentropy',
  optimizer: { name: 'adam', learning_rate: 0.01 },
};

function trainer(precision = 'float64') {
  const t = ns.createTrainer(SPEC, { precision, seed: 3 });
  t.setData(XOR);
  t.setBatchSize(2);
  return t;
}

test('layer(l): kind, arguments, weights by Keras name with gradients and slots, every intermediate', () => {
  const t = trainer();
  try {
    for (let p = 0; p < 3 * 7 + 1; ++p) t.stepPhase();
    const layers = t.layers();
    assert.deepEqual(layers.map(l => l.className), ['Dense', 'BatchNormalization', 'Dropout', 'PReLU', 'Dense', 'LayerNormalization', 'Dense']);
    const bn = t.layer(1);
    assert.equal(bn.kind, 'batch_normalization');
    assert.equal(bn.config.momentum, 0.9);
    assert.deepEqual(bn.params.map(p => [p.name, p.trainable]), [['gamma', true], ['beta', true], ['moving_mean', false], ['moving_variance', false]]);
    assert.equal(bn.params[2].gradient, null);
    assert.deepEqual(Object.keys(bn.params[0].slots), ['m', 'v']);
    for (const key of ['a_prev', 'batch_mean', 'batch_variance', 'inv_std', 'x_hat', 'a', 'dA', 'dgamma', 'dbeta', 'dx_hat', 'dA_prev'])
      assert.ok(bn.values[key], `BatchNormalization has ${key}`);
    assert.equal(bn.values.x_hat.rows, 6);
    assert.equal(bn.values.x_hat.cols, 2);
    // Moving statistics after one batch: momentum 0.9 moving_mean + 0.1 batch_mean.
    for (let i = 0; i < 6; ++i)
      assert.ok(Math.abs(bn.params[2].value.data[i] - 0.1 * bn.values.batch_mean.data[i]) < 1e-15);
    const drop = t.layer(2);
    assert.equal(drop.config.rate, 0.5);
    const { mask, a, a_prev: x } = drop.values;
    for (let i = 0; i < mask.data.length; ++i) assert.equal(a.data[i], mask.data[i] ? x.data[i] / 0.5 : 0);
    assert.deepEqual(t.layer(3).params.map(p => p.name), ['alpha']);
    assert.deepEqual(t.layer(0).params.map(p => p.name), ['kernel', 'bias']);
    assert.ok(t.layer(0).values.dW);
  } finally {
    t.dispose();
  }
});

test('gradientCheckAll: every trained weight of every kind and dL/dX within 1e-6 in float64', () => {
  const t = trainer();
  try {
    // Trained first, so that the weights are away from their initial 0s: at PReLU's initial
    // alpha = 0 a sample whose units Dropout and ReLU all zero gives the next Dense layer
    // z = b = 0 exactly, selu's kink, where no finite difference can agree with a derivative.
    t.trainEpochs(3);
    t.stepPhase();
    const check = t.gradientCheckAll();
    assert.equal(check.layers.length, 7);
    const names = check.layers.map(l => l.params.map(p => p.name).join(','));
    assert.deepEqual(names, ['kernel,bias', 'gamma,beta', '', 'alpha', 'kernel,bias', 'gamma,beta', 'kernel,bias']);
    for (const l of check.layers) assert.ok(l.maxRelativeError <= 1e-6, `max relative error ${l.maxRelativeError}`);
    assert.ok(check.input.maxRelativeError <= 1e-6, `input: ${check.input.maxRelativeError}`);
  } finally {
    t.dispose();
  }
});

test('teachingStep and layerTrace work with the new layers; a model file keeps them', () => {
  const t = trainer('float32');
  try {
    t.trainEpochs(2);
    for (let p = 0; p < 5; ++p) t.stepPhase();
    const step = t.teachingStep(5);
    assert.equal(step.layers.length, 7);
    assert.equal(step.layers[1].className, 'BatchNormalization');
    assert.deepEqual(step.layers[1].done, { forward: true, backward: false, update: false });
    assert.ok(step.layers[0].W, 'Dense layers keep their trace');
    const again = ns.createTrainer(t.toJson());
    try {
      assert.deepEqual(again.layer(1).params.map(p => Array.from(p.value.data)), t.layer(1).params.map(p => Array.from(p.value.data)));
    } finally {
      again.dispose();
    }
  } finally {
    t.dispose();
  }
});

test('B17 layer arguments through WASM: the layer and the argument named, the previous trainer kept', () => {
  const t = trainer();
  try {
    const before = JSON.stringify(t.state());
    const refused = (call, message) => assert.throws(call, e => e instanceof NeuroStepError && e.message === message);
    const spec = layer => ({ input_dim: 2, layers: [{ units: 3 }, layer, { units: 1 }], loss: 'mse' });
    refused(() => ns.createTrainer(spec({ kind: 'Dropout', rate: 1 })),
      'layer 2: Dropout rate must be in [0, 1) (the fraction of inputs dropped; at 1 nothing would pass), got 1');
    refused(() => ns.createTrainer(spec({ kind: 'BatchNormalization', momentum: 1.5 })), 'layer 2: BatchNormalization momentum must be in [0, 1], got 1.5');
    refused(() => ns.createTrainer(spec({ kind: 'LayerNormalization', epsilon: 0 })),
      'layer 2: LayerNormalization epsilon must be a positive number (it keeps 1/sqrt(variance + epsilon) finite), got 0');
    refused(() => ns.createTrainer(spec({ kind: 'Flatten' })), 'layer 2: Flatten must be the first layer; the layers before it already give flat outputs');
    refused(() => t.setBatchSize(1),
      'layer 2: BatchNormalization needs batches of at least 2 samples in training; with batch size 1 each sample is its own batch, ' +
      'its variance is 0 and the layer outputs beta whatever the input (Keras trains on so without a warning)');
    assert.equal(JSON.stringify(t.state()), before);
    t.stepPhase();
  } finally {
    t.dispose();
  }
});
