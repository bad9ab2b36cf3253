// Trainer.exportPyTorch run by PyTorch itself (Debian's python3-torch, from /usr/bin/python3;
// `npm test` installs it through scripts/setup.sh --test): with NeuroStep's weights its
// predictions equal NeuroStep's to 1e-5, and after 20 SGD steps on the same batches in float64
// its weights equal NeuroStep's to 1e-5.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

import { loadEngine } from './engine.mjs';

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
const skip = probe.status === 0 ? false : `${PYTHON} cannot import torch (install Debian's python3-torch: bash scripts/setup.sh --test)`;

let ns;
before(async () => {
  ns = await loadEngine();
});

// The script, then a line that prints what the test compares: the model's outputs in eval mode
// and its state_dict, as JSON.
function runScript(script) {
  const tail = '\nimport json\nmodel.eval()\nwith torch.no_grad():\n    out = model(X).tolist()\n' +
    "print('NEUROSTEP ' + json.dumps({'predictions': out, 'state': {k: v.tolist() for k, v in model.state_dict().items()}}))\n";
  const r = spawnSync(PYTHON, ['-'], { input: script + tail, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120000 });
  assert.equal(r.status, 0, `python3 failed:\n${r.stderr}`);
  const line = r.stdout.split('\n').find((l) => l.startsWith('NEUROSTEP '));
  assert.ok(line, `no result line in:\n${r.stdout}`);
  return JSON.parse(line.slice('NEUROSTEP '.length));
}

function data(rows, features, targets, kind) {
  const x = Float64Array.from({ length: rows * features }, (_, i) => Math.sin(i * 0.37) * 1.7 + Math.cos(i * 0.11));
  const y = new Float64Array(rows * targets);
  for (let j = 0; j < rows; ++j) {
    if (kind === 'classes') y[j * targets + (j % targets)] = 1;
    else if (kind === 'binary') y[j] = x[j * features] > 0 ? 1 : 0;
    else for (let k = 0; k < targets; ++k) y[j * targets + k] = Math.tanh(x[j * features + k % features]);
  }
  return { rows, features, targets, x, y };
}

const worst = (a, b) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
// NeuroStep's predict: outputs x rows, column-major, i.e. row after row of outputs.
const rowsOf = (m) => Array.from({ length: m.cols }, (_, j) => Array.from(m.data.slice(j * m.rows, (j + 1) * m.rows)));

test('exportPyTorch with weights: PyTorch predicts what NeuroStep predicts', { skip }, (ctx) => {
  const spec = {
    input_dim: 4,
    layers: [
      { units: 7, activation: 'gelu' },
      { kind: 'BatchNormalization', momentum: 0.9 },
      { kind: 'Dropout', rate: 0.3 },
      { units: 6, activation: 'elu' },
      { kind: 'LayerNormalization', epsilon: 0.01 },
      { kind: 'PReLU' },
      { units: 5, activation: 'hard_sigmoid' },
      { kind: 'LeakyReLU', negative_slope: 0.2 },
      { kind: 'ReLU', max_value: 0.8, threshold: 0.05, negative_slope: 0.1 },
      { units: 5, activation: 'mish' },
      { units: 3, activation: 'softmax' },
    ],
    loss: 'categorical_crossentropy',
    optimizer: { name: 'adam', learning_rate: 0.01 },
  };
  for (const precision of ['float64', 'float32']) {
    const t = ns.createTrainer(spec, { precision, seed: 11 });
    const d = data(24, 4, 3, 'classes');
    t.setData(d);
    t.setBatchSize(8);
    t.trainEpochs(4);  // moving statistics and PReLU slopes of NeuroStep's own
    const script = t.exportPyTorch({ dataset: d, epochs: 0, includeWeights: true });
    assert.match(script, /nn\.BatchNorm1d\(7, eps=0\.001, momentum=1 - 0\.9\)/);
    assert.match(script, /Keras: w -= lr sqrt\(1 - beta_2\^t\) \/ \(1 - beta_1\^t\)/);
    const { predictions } = runScript(script);
    const e = worst(predictions.flat(), rowsOf(t.predict(d.x, d.rows)).flat());
    assert.ok(e <= 1e-5, `${precision}: largest difference ${e}`);
    ctx.diagnostic(`${precision}: largest difference of the predictions ${e}`);
    t.dispose();
  }
});

test('exportPyTorch: after 20 SGD steps on the same batches, PyTorch has NeuroStep\'s weights (float64)', { skip }, (ctx) => {
  const cases = [
    { name: 'binary cross-entropy from the logit, plain SGD, L2', loss: 'binary_crossentropy', kind: 'binary', targets: 1,
      layers: [{ units: 6, activation: 'tanh', l2: 0.01 }, { units: 4, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
      optimizer: { name: 'sgd', learning_rate: 0.1 } },
    { name: 'categorical cross-entropy, SGD with Nesterov momentum', loss: 'categorical_crossentropy', kind: 'classes', targets: 3,
      layers: [{ units: 6, activation: 'selu' }, { units: 3, activation: 'softmax' }],
      optimizer: { name: 'sgd', learning_rate: 0.05, momentum: 0.9, nesterov: true } },
    { name: 'mean squared error, LayerNormalization', loss: 'mean_squared_error', kind: 'numbers', targets: 2,
      layers: [{ units: 5, activation: 'softplus' }, { kind: 'LayerNormalization' }, { units: 2 }],
      optimizer: { name: 'sgd', learning_rate: 0.05 } },
  ];
  for (const c of cases) {
    const largest = twentySteps(c);
    assert.ok(largest <= 1e-5, `${c.name}: weights differ by ${largest}`);
    ctx.diagnostic(`${c.name}: largest difference ${largest}`);
  }
});

// 20 steps (2 epochs of 10 batches, in order) in NeuroStep and in the exported script, from the
// same weights: the largest difference of any weight afterwards.
function twentySteps(c) {
  const t = ns.createTrainer({ input_dim: 3, layers: c.layers, loss: c.loss, optimizer: c.optimizer }, { precision: 'float64', seed: 3 });
  const d = data(40, 3, c.targets, c.kind);
  t.setData(d);
  t.setBatchSize(4);
  t.setShuffle(false);
  const script = t.exportPyTorch({ dataset: d, epochs: 2, includeWeights: true });
  const initial = Array.from(t.layerWeights(0).kernel.data);
  t.trainEpochs(2);
  assert.equal(t.state().iterations, 20);
  assert.ok(worst(initial, Array.from(t.layerWeights(0).kernel.data)) > 1e-3, `${c.name}: the 20 steps hardly moved the weights`);
  const { state } = runScript(script);
  let m = 0, largest = 0, count = 0;
  t.layers().forEach((layer, l) => {
    for (const [name, w] of Object.entries(t.layerWeights(l))) {
      const key = `${m}.${{ kernel: 'weight', gamma: 'weight', alpha: 'weight', bias: 'bias', beta: 'bias' }[name]}`;
      // PyTorch's Linear.weight is NeuroStep's W (units x inputs): Keras's kernel transposed.
      const ours = name === 'kernel' ? Array.from({ length: w.shape[1] }, (_, u) => Array.from({ length: w.shape[0] }, (_, i) => w.data[i * w.shape[1] + u])) : Array.from(w.data);
      assert.ok(state[key], `${c.name}: PyTorch has no ${key}`);
      largest = Math.max(largest, worst(state[key].flat(), ours.flat()));
      ++count;
    }
    m += layer.kind === 'dense' && layer.config.activation !== 'linear' && layer.config.activation !== undefined ? 2 : 1;
  });
  const modules = script.slice(script.indexOf('nn.Sequential(')).split('\n').slice(1).filter((line) => line.startsWith('    nn.') || line.startsWith('    Lambda'));
  assert.equal(modules.length, m, `${c.name}: the modules counted`);
  assert.ok(count > 0);
  t.dispose();
  return largest;
}

// Adam, RMSprop and Adagrad put epsilon elsewhere in PyTorch (the script's comments say where), so
// their steps differ wherever sqrt(v) is near epsilon (Keras 1e-7 moves a weight by 1e-3 in 20 steps here,
// where some gradients are 1e-6). With epsilon 1e-20 that is nowhere: the
// rest of each mapping (betas, rho, momentum, Adagrad's accumulator) must then agree.
test("exportPyTorch with Adam, RMSprop, Adagrad: with epsilon out of the way, PyTorch's optimizers agree to 1e-6 over 20 steps", { skip }, (ctx) => {
  const layers = [{ units: 5, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }];
  for (const optimizer of [{ name: 'adam', learning_rate: 0.01, beta_1: 0.8, beta_2: 0.99 }, { name: 'adam', learning_rate: 0.01, amsgrad: true },
    { name: 'rmsprop', learning_rate: 0.005, rho: 0.8 }, { name: 'rmsprop', learning_rate: 0.005, momentum: 0.5 },
    { name: 'adagrad', learning_rate: 0.05, initial_accumulator_value: 0.2 }]) {
    const name = JSON.stringify(optimizer);
    const close = twentySteps({ name, loss: 'binary_crossentropy', kind: 'binary', targets: 1, layers, optimizer: { ...optimizer, epsilon: 1e-20 } });
    assert.ok(close <= 1e-6, `${name}, epsilon 1e-20: weights differ by ${close}`);
    const usual = twentySteps({ name, loss: 'binary_crossentropy', kind: 'binary', targets: 1, layers, optimizer });
    ctx.diagnostic(`${name}: largest difference ${close} with epsilon 1e-20, ${usual} with Keras's 1e-7`);
  }
});
