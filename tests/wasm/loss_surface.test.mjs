// The loss landscape and the learning-rate sweep through WebAssembly and the wrapper
// (web/src/engine/landscape.js): the same checks as tests/cpp/loss_surface_test.cpp, plus the
// wrapper's own (argument types, errors with ids, the trainer left bit for bit as it was).
// Run: node --test tests/wasm/loss_surface.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { loadEngine, flatWeights } from './engine.mjs';

const spiralSpec = (optimizer = { name: 'adam', learning_rate: 0.01 }) => ({
  input_dim: 2,
  layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  loss: 'binary_crossentropy',
  optimizer,
});

let ns;
before(async () => {
  ns = await loadEngine();
});

function spiralTrainer(precision = 'float64', optimizer, warmup = 5) {
  const t = ns.createTrainer(spiralSpec(optimizer), { precision, seed: 7 });
  const all = ns.generateDataset('spiral', { count: 500, noise: 0.1, seed: 3 });
  t.setData(all);
  t.setBatchSize(10);
  t.recordPath(50);
  for (let k = 0; k < warmup; k++) t.stepBatch();
  return { t, data: all };
}

// Everything of a trainer a later step depends on, for bit-for-bit comparisons.
const fingerprint = t => JSON.stringify({ w: flatWeights(t), s: t.state(), o: t.toJson(), h: t.history() });

// theta + x u + y v, as the engine moves weights: in double, kernels column-major then biases.
function moved(t, s, x, y) {
  let k = 0;
  const layers = t.weights().map(({ W, b }) => {
    const Wd = Float64Array.from(W.data), bd = Float64Array.from(b.data);  // Mats are column-major, as theta
    for (let i = 0; i < Wd.length; i++, k++) Wd[i] = W.data[i] + x * s.u[k] + y * s.v[k];
    for (let i = 0; i < bd.length; i++, k++) bd[i] = b.data[i] + x * s.u[k] + y * s.v[k];
    return { W: { rows: W.rows, cols: W.cols, data: Wd }, b: { rows: b.rows, cols: b.cols, data: bd } };
  });
  assert.equal(k, s.u.length);
  return layers;
}

for (const precision of ['float32', 'float64']) {
  test(`${precision}: the centre is evaluate(), a cell is the loss of the weights moved by its offset`, () => {
    const { t, data } = spiralTrainer(precision);
    const n = 7;
    const s = t.lossSurface({ resolution: n, extent: 0.5, seed: 11 });
    assert.equal(s.losses.length, n * n);
    assert.equal(s.centre, t.evaluate(data).loss);
    assert.equal(s.losses[3 * n + 3], s.centre);
    assert.deepEqual([s.coords[0], s.coords[3], s.coords[6]], [-0.5, 0, 0.5]);
    assert.ok(s.highest > s.lowest);
    for (const [i, j] of [[0, 0], [6, 1], [2, 5]]) {
      const probe = t.clone();
      probe.setWeights(moved(t, s, s.coords[i], s.coords[j]));
      assert.equal(s.losses[j * n + i], probe.evaluate(data).loss, `cell (${i}, ${j})`);
      probe.dispose();
    }
    t.dispose();
  });
}

test('two named weights: unit directions, and the next step is what stepping does to them', () => {
  const { t } = spiralTrainer('float64', undefined, 12);
  const s = t.lossSurface({ directions: [{ layer: 2, unit: 0, input: 4 }, { layer: 0, param: 'bias', unit: 2 }], resolution: 5 });
  assert.equal(s.u.reduce((a, b) => a + b, 0), 1);
  const after = t.clone();
  after.stepBatch();
  const w0 = t.weights(), w1 = after.weights();
  assert.equal(s.nextStep.x, w1[2].W.data[4] - w0[2].W.data[4]);
  assert.equal(s.nextStep.y, w1[0].b.data[2] - w0[0].b.data[2]);
  assert.equal(s.path.length, 2 * 13);
  assert.deepEqual([s.path.at(-2), s.path.at(-1)], [0, 0]);
  assert.equal(t.weightPath().points.length, 13);
  after.dispose();
  t.dispose();
});

test('the arrow is -lr times the gradient projected; with plain SGD it is the next step', () => {
  const { t } = spiralTrainer('float64', { name: 'sgd', learning_rate: 0.1 });
  const s = t.lossSurface({ resolution: 3, seed: 2 });
  const numeric = t.gradientCheck().flatMap(l => [...l.numericDW.data, ...l.numericDb.data]);
  const dot = (a, b) => a.reduce((sum, x, i) => sum + x * b[i], 0);
  const d = numeric.map(g => -0.1 * g);
  const uu = dot(s.u, s.u), uv = dot(s.u, s.v), vv = dot(s.v, s.v), ud = dot(s.u, d), vd = dot(s.v, d), det = uu * vv - uv * uv;
  const close = (a, b) => assert.ok(Math.abs(a - b) <= 1e-7 * Math.abs(b), `${a} vs ${b}`);
  close(s.gradientStep.x, (vv * ud - uv * vd) / det);
  close(s.gradientStep.y, (uu * vd - uv * ud) / det);
  close(s.nextStep.x, s.gradientStep.x);
  t.dispose();
});

test('a surface, a sweep and failing calls leave the trainer bit for bit as it was', () => {
  const { t } = spiralTrainer('float32');
  t.stepPhase();
  const before = fingerprint(t);
  t.lossSurface({ resolution: 5 });
  t.lossSurface({ resolution: 5, data: 'train', directions: [{ layer: 0, unit: 1, input: 1 }, { layer: 1, unit: 3, input: 2 }] });
  const sweep = t.lrSweep({ low: 1e-4, high: 100, count: 6, steps: 3 });
  assert.throws(() => t.lossSurface({ resolution: 4 }), /odd number/);
  assert.equal(fingerprint(t), before);
  assert.equal(sweep.rates[0], 1e-4);
  assert.equal(sweep.rates[5], 100);
  assert.equal(sweep.startLoss, t.evaluate(ns.generateDataset('spiral', { count: 500, noise: 0.1, seed: 3 })).loss);
  assert.equal(sweep.diverged.length, 6);
  // Each rate is what a clone trained at that rate for the same steps reaches.
  const run = t.clone();
  run.setLearningRate(sweep.rates[2]);
  for (let k = 0; k < 3; k++) run.stepBatch();
  assert.equal(sweep.losses[2], run.evaluate(ns.generateDataset('spiral', { count: 500, noise: 0.1, seed: 3 })).loss);
  // And stepping on gives what it would have given.
  const twin = t.clone();
  t.trainEpochs(1);
  twin.trainEpochs(1);
  assert.deepEqual(flatWeights(t), flatWeights(twin));
  run.dispose();
  twin.dispose();
  t.dispose();
});

test('two clones with the same optimizer stepping the same batches stay bit-identical', () => {
  for (const name of ['sgd', 'adam', 'rmsprop', 'adagrad']) {
    const { t } = spiralTrainer('float32', { name, learning_rate: 0.01 });
    const a = t.clone(), b = t.clone();
    for (let k = 0; k < 40; k++) {
      a.stepBatch();
      b.stepBatch();
    }
    assert.deepEqual(flatWeights(a), flatWeights(b), name);
    assert.notDeepEqual(flatWeights(a), flatWeights(t), name);
    for (const x of [a, b, t]) x.dispose();
  }
});

test('moving on the surface sets theta + x u + y v, restarts the path, and refuses a point outside', () => {
  const { t } = spiralTrainer('float64');
  const options = { resolution: 5, seed: 4 };
  const s = t.lossSurface(options);
  const expected = moved(t, s, s.coords[4], s.coords[0]);
  t.moveOnSurface(options, s.coords[4], s.coords[0]);
  assert.deepEqual(flatWeights(t), expected.flatMap(({ W, b }) => [...W.data, ...b.data]));
  assert.equal(t.evaluate(ns.generateDataset('spiral', { count: 500, noise: 0.1, seed: 3 })).loss, s.losses[4]);
  assert.equal(t.weightPath().points.length, 1);
  const before = fingerprint(t);
  assert.throws(() => t.moveOnSurface(options, Infinity, 0), err => err.id === 'landscape.move_outside');
  assert.equal(fingerprint(t), before);
  t.dispose();
});

test('bad options are refused with ids and messages that say what fits', () => {
  const { t } = spiralTrainer('float64');
  const refused = (f, id, text) => assert.throws(f, err => err.id === id && text.test(err.message), id);
  refused(() => t.lossSurface({ resolution: 201 }), 'landscape.surface_too_long', /at most 149/);
  refused(() => t.lossSurface({ extent: -1 }), 'landscape.extent', /above 0/);
  refused(() => t.lossSurface({ data: 'test' }), 'landscape.no_test_data', /no test data/);
  refused(() => t.lossSurface({ directions: [{ layer: 0, unit: 0 }, { layer: 0, unit: 0 }] }), 'landscape.same_weight', /same one/);
  refused(() => t.lossSurface({ directions: [{ layer: 0, unit: 0 }, { layer: 0, param: 'gamma', unit: 0 }] }), 'landscape.no_weight', /kernel, bias/);
  refused(() => t.lrSweep({ low: 1, high: 0.1 }), 'landscape.sweep_range', /0 < low < high/);
  t.setBatchSize(500);
  refused(() => t.lrSweep({ count: 100, steps: 1000 }), 'landscape.sweep_too_long', /try at most 7 rates/);
  refused(() => t.recordPath(5000), 'landscape.path_capacity', /from 0 to 1000/);
  assert.throws(() => t.lossSurface({ resolution: '41' }), /resolution must be a number/);
  assert.throws(() => t.lossSurface({ directions: 'sideways' }), /'random' or two weights/);
  t.dispose();
});
