// Packed snapshots (trainer.snapshot, cpp/bindings/snapshot_bindings.cpp) hold exactly what the
// separate calls give, bit for bit: state, weights, evaluate, predict on the rows, classify,
// history from an epoch on, predict over the grid and the curve (in single precision, as the page
// draws them) and every layer's activations over the neuron grid, unit by unit. Buffers are
// filled again when handed back, grown when too small, and bad plans are refused with a message.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { decode } from '../../web/src/engine/snapshot.js';
import { loadEngine } from './engine.mjs';

let ns;
before(async () => {
  ns = await loadEngine();
});

const tanhSpec = {
  input_dim: 2,
  layers: [
    { units: 8, activation: 'tanh' },
    { units: 8, activation: 'tanh' },
    { units: 1, activation: 'sigmoid' },
  ],
  loss: 'binary_crossentropy',
  optimizer: { name: 'adam', learning_rate: 0.03 },
};

/** n x n cell centres over [-1.5, 1.5]^2, row by row (the page's gridInputs). */
function gridPoints(n) {
  const x = new Float64Array(2 * n * n);
  for (let r = 0; r < n; ++r)
    for (let c = 0; c < n; ++c) {
      x[2 * (r * n + c)] = -1.5 + (3 * (c + 0.5)) / n;
      x[2 * (r * n + c) + 1] = 1.5 - (3 * (r + 0.5)) / n;
    }
  return { x, rows: n * n };
}

/** Bitwise equality of two number sequences (NaN equals NaN, -0 differs from 0). */
function assertBits(actual, expected, what) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; ++i)
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}[${i}]: ${actual[i]} but the separate call gives ${expected[i]}`);
}

/** What the page's worker built from separate calls before packed snapshots (session.ts). */
function separately(t, { train, test, grid, neurons, curve, maxRows, historyFrom }) {
  const state = t.state();
  const width = t.spec().layers.at(-1).units;
  const rows = (d) => {
    const n = Math.min(d.rows, maxRows);
    return n === 0 ? new Float64Array(0) : Float64Array.from(t.predict(d.x.subarray(0, n * d.features), n).data);
  };
  const classes = (d, outputs) => ns.classify(outputs, width, d.y.subarray(0, (outputs.length / width) * d.targets), d.targets);
  const trainOutputs = rows(train), testOutputs = rows(test);
  const history = t.history();
  const from = Math.min(historyFrom, history.length);
  return {
    state,
    width,
    weights: t.weights(),
    train: t.evaluate(train),
    test: test.rows > 0 ? t.evaluate(test) : null,
    trainOutputs,
    testOutputs,
    trainClasses: classes(train, trainOutputs),
    testClasses: classes(test, testOutputs),
    history: { from, length: history.length, records: history.slice(from) },
    grid: grid ? Float32Array.from(t.predict(grid.x, grid.rows).data) : null,
    curve: curve ? Float32Array.from(t.predict(curve.x, curve.rows).data) : null,
    neuronGrids: neurons
      ? t.activations(neurons.x, neurons.rows).map((m) => {
          const out = new Float32Array(m.rows * m.cols);
          for (let j = 0; j < m.cols; ++j) for (let u = 0; u < m.rows; ++u) out[u * m.cols + j] = m.data[j * m.rows + u];
          return out;
        })
      : null,
  };
}

function assertSameSnapshot(packed, expected, what) {
  const s = expected.state;
  for (const key of ['epoch', 'iterations', 'batchInEpoch', 'batchesPerEpoch', 'batchSize', 'trainSize', 'testSize', 'diverged'])
    assert.equal(packed[key], s[key], `${what}: ${key}`);
  assert.equal(packed.outputWidth, expected.width, `${what}: outputWidth`);
  assert.equal(packed.weights.length, expected.weights.length, `${what}: layers`);
  packed.weights.forEach((w, l) => {
    const e = expected.weights[l];
    assert.deepEqual([w.W.rows, w.W.cols, w.b.rows, w.b.cols], [e.W.rows, e.W.cols, e.b.rows, e.b.cols], `${what}: layer ${l} shapes`);
    assertBits(w.W.data, e.W.data, `${what}: layer ${l} W`);
    assertBits(w.b.data, e.b.data, `${what}: layer ${l} b`);
  });
  assertBits([packed.train.loss, packed.train.accuracy], [expected.train.loss, expected.train.accuracy], `${what}: train evaluation`);
  if (expected.test === null) assert.equal(packed.test, null, `${what}: no test evaluation`);
  else assertBits([packed.test.loss, packed.test.accuracy], [expected.test.loss, expected.test.accuracy], `${what}: test evaluation`);
  assertBits(packed.trainOutputs, expected.trainOutputs, `${what}: train outputs`);
  assertBits(packed.testOutputs, expected.testOutputs, `${what}: test outputs`);
  for (const part of ['trainClasses', 'testClasses'])
    for (const k of ['predicted', 'actual']) {
      assert.ok(packed[part][k] instanceof Int32Array, `${what}: ${part}.${k} is an Int32Array`);
      assertBits(packed[part][k], expected[part][k], `${what}: ${part}.${k}`);
    }
  assert.deepEqual(packed.history, expected.history, `${what}: history`);
  for (const part of ['grid', 'curve']) {
    if (expected[part] === null) assert.equal(packed[part], null, `${what}: no ${part}`);
    else {
      assert.ok(packed[part] instanceof Float32Array, `${what}: ${part} is a Float32Array`);
      assertBits(packed[part], expected[part], `${what}: ${part}`);
    }
  }
  if (expected.neuronGrids === null) assert.equal(packed.neuronGrids, null, `${what}: no neuron grids`);
  else {
    assert.equal(packed.neuronGrids.length, expected.neuronGrids.length, `${what}: neuron grid layers`);
    packed.neuronGrids.forEach((g, l) => assertBits(g, expected.neuronGrids[l], `${what}: neuron grid of layer ${l}`));
  }
}

/** Every part of one snapshot lies in one buffer. */
function assertOneBuffer(packed) {
  const buffer = packed.arrays.f64.buffer;
  const views = [packed.trainOutputs, packed.testOutputs, packed.grid, packed.curve, ...(packed.neuronGrids ?? []),
    ...packed.weights.flatMap((w) => [w.W.data, w.b.data]), packed.trainClasses.predicted, packed.testClasses.actual].filter(Boolean);
  for (const v of views) assert.equal(v.buffer, buffer, 'a view on the snapshot buffer');
}

describe('packed snapshots', () => {
  for (const precision of ['float32', 'float64']) {
    test(`equal the separate calls bit for bit (${precision}, spiral with test rows)`, () => {
      const t = ns.createTrainer(tanhSpec, { precision, seed: 3 });
      const { train, test } = ns.splitDataset(ns.generateDataset('spiral', { count: 300, noise: 0.1, seed: 5 }), 0.25, 5);
      t.setData(train, test);
      t.setBatchSize(10);
      const views = { train, test, grid: gridPoints(40), neurons: gridPoints(12), curve: null, maxRows: 5000 };
      const plan = ns.snapshotPlan(views);
      let from = 0, reuse = null;
      // Fresh weights, whole epochs, half an epoch, and a batch stopped between phases.
      const moves = [() => {}, () => t.trainEpochs(7), () => { for (let i = 0; i < 11; ++i) t.stepBatch(); }, () => t.stepPhase(), () => t.trainEpochs(30)];
      moves.forEach((move, i) => {
        move();
        const packed = t.snapshot(plan, { historyFrom: from, reuse });
        assertSameSnapshot(packed, separately(t, { ...views, historyFrom: from }), `${precision}, move ${i}`);
        assertOneBuffer(packed);
        assert.equal(packed.precision, precision);
        from = packed.history.length;
        reuse = packed.arrays;
      });
      plan.dispose();
      t.dispose();
    });
  }

  test('equal the separate calls for several classes (softmax, one-hot and sparse targets) and for a curve', () => {
    const base = ns.generateDataset('gaussians', { count: 120, noise: 0.2, seed: 9 });
    // Three classes from the two blobs: class 2 where x > 0.5.
    const cls = Array.from({ length: base.rows }, (_, r) => (base.x[2 * r] > 0.5 ? 2 : base.y[r]));
    const sparse = { ...base, y: Float64Array.from(cls), targetNames: ['class'] };
    const oneHot = { ...base, targets: 3, y: Float64Array.from(cls.flatMap((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0)))), targetNames: ['a', 'b', 'c'] };
    for (const [data, loss] of [[sparse, 'sparse_categorical_crossentropy'], [oneHot, 'categorical_crossentropy']]) {
      const t = ns.createTrainer({ input_dim: 2, layers: [{ units: 5, activation: 'relu' }, { units: 3, activation: 'softmax' }], loss, optimizer: 'adam' }, { seed: 1 });
      t.setData(data);
      t.trainEpochs(3);
      // Fewer rows predicted than there are (the page's MAX_PREDICTED_ROWS).
      const views = { train: data, test: { ...data, rows: 0, x: new Float64Array(0), y: new Float64Array(0) }, grid: gridPoints(9), neurons: null, curve: null, maxRows: 50 };
      const plan = ns.snapshotPlan(views);
      const packed = t.snapshot(plan);
      assertSameSnapshot(packed, separately(t, { ...views, historyFrom: 0 }), loss);
      assert.equal(packed.trainOutputs.length, 50 * 3);
      plan.dispose();
      t.dispose();
    }
    const sine = ns.generateDataset('sine', { count: 80, noise: 0.05, seed: 4 });
    const t = ns.createTrainer({ input_dim: 1, layers: [{ units: 6, activation: 'tanh' }, { units: 1 }], loss: 'mse', optimizer: 'adam' }, { precision: 'float64' });
    t.setData(sine);
    t.trainEpochs(5);
    const curve = { x: Float64Array.from({ length: 200 }, (_, i) => -3 + (6 * i) / 199), rows: 200 };
    const views = { train: sine, test: { ...sine, rows: 0, x: new Float64Array(0), y: new Float64Array(0) }, grid: null, neurons: null, curve, maxRows: 5000 };
    const plan = ns.snapshotPlan(views);
    assertSameSnapshot(t.snapshot(plan), separately(t, { ...views, historyFrom: 0 }), 'sine curve');
    plan.dispose();
    t.dispose();
  });

  test('history from an epoch on, and from 0 again after a reset', () => {
    const t = ns.createTrainer(tanhSpec);
    const data = ns.generateDataset('moons', { count: 60, seed: 2 });
    t.setData(data);
    const views = { train: data, test: { ...data, rows: 0, x: new Float64Array(0), y: new Float64Array(0) }, maxRows: 5000 };
    const plan = ns.snapshotPlan(views);
    t.trainEpochs(12);
    assert.deepEqual(t.snapshot(plan, { historyFrom: 9 }).history, { from: 9, length: 12, records: t.history().slice(9) });
    assert.deepEqual(t.snapshot(plan, { historyFrom: 12 }).history, { from: 12, length: 12, records: [] });
    t.reset(4);
    t.trainEpochs(2);
    // The page had 12 records; the engine now has 2: from says where the page's history ends.
    assert.deepEqual(t.snapshot(plan, { historyFrom: 12 }).history, { from: 2, length: 2, records: [] });
    assert.deepEqual(t.snapshot(plan, { historyFrom: 0 }).history, { from: 0, length: 2, records: t.history() });
    // Without pictures, none are packed.
    const s = t.snapshot(plan);
    assert.deepEqual([s.grid, s.curve, s.neuronGrids], [null, null, null]);
    plan.dispose();
    t.dispose();
  });

  test('a buffer handed back is filled again; one too small, detached or not a snapshot is replaced', () => {
    const t = ns.createTrainer(tanhSpec);
    const data = ns.generateDataset('circle', { count: 100, seed: 2 });
    t.setData(data);
    const views = { train: data, test: { ...data, rows: 0, x: new Float64Array(0), y: new Float64Array(0) }, grid: gridPoints(20), neurons: gridPoints(8), maxRows: 5000 };
    const plan = ns.snapshotPlan(views);
    const first = t.snapshot(plan);
    t.trainEpochs(1);
    const again = t.snapshot(plan, { reuse: first.arrays, historyFrom: 0 });
    assert.equal(again.arrays.f64.buffer, first.arrays.f64.buffer, 'the same buffer');
    assertSameSnapshot(again, separately(t, { ...views, historyFrom: 0 }), 'refilled');
    // decode reads a buffer that crossed to another thread (here: a transfer by structuredClone).
    const moved = structuredClone(again.arrays, { transfer: [again.arrays.f64.buffer] });
    assert.equal(first.arrays.f64.buffer.byteLength, 0, 'the old buffer is detached');
    assertSameSnapshot(decode(moved), separately(t, { ...views, historyFrom: 0 }), 'decoded after a transfer');
    const afterDetach = t.snapshot(plan, { reuse: first.arrays });
    assert.notEqual(afterDetach.arrays.f64.buffer, first.arrays.f64.buffer);
    assert.ok(afterDetach.arrays.f64.buffer.byteLength > 0);
    // A history longer than the spare room: a bigger buffer.
    t.trainEpochs(600);
    const grown = t.snapshot(plan, { reuse: afterDetach.arrays, historyFrom: 0 });
    assert.notEqual(grown.arrays.f64.buffer, afterDetach.arrays.f64.buffer);
    assert.equal(grown.history.records.length, 601);
    assertSameSnapshot(grown, separately(t, { ...views, historyFrom: 0 }), 'grown');
    const small = { f64: new Float64Array(4), f32: new Float32Array(4), i32: new Int32Array(4) };
    assertSameSnapshot(t.snapshot(plan, { reuse: small, historyFrom: 601 }), separately(t, { ...views, historyFrom: 601 }), 'not one buffer');
    plan.dispose();
    t.dispose();
  });

  test('bad plans and calls are refused with a message, and the trainer goes on', () => {
    const t = ns.createTrainer(tanhSpec);
    const data = ns.generateDataset('xor', { count: 40, seed: 2 });
    t.setData(data);
    const none = { ...data, rows: 0, x: new Float64Array(0), y: new Float64Array(0) };
    const ok = { train: data, test: none, grid: gridPoints(5), maxRows: 100 };
    assert.throws(() => ns.snapshotPlan({ ...ok, maxRows: '100' }), { name: 'NeuroStepError', message: 'snapshot plan: maxRows must be a number, got "100"' });
    assert.throws(() => ns.snapshotPlan({ ...ok, grid: [1, 2] }), /grid must be \{x: a typed array, rows: a number\} or null/);
    assert.throws(() => ns.snapshotPlan({ ...ok, grid: { x: new Float64Array(5), rows: 2 } }), { message: 'snapshot plan: grid: x has 5 values, not whole points of 2 rows' });
    assert.throws(() => ns.snapshotPlan({ ...ok, grid: { x: Float64Array.of(0, NaN), rows: 1 } }), { message: 'snapshot plan: grid: x[1] is not a finite number' });
    assert.throws(() => ns.snapshotPlan({ ...ok, maxRows: -1 }), /maxRows must be in \[0, /);
    assert.throws(() => ns.snapshotPlan({ ...ok, train: { ...data, y: new Float64Array(3) } }), { message: 'snapshot plan: training rows: y has 3 values but rows x targets = 40 x 1 = 40' });
    assert.throws(() => ns.snapshotPlan({ ...ok, test: null }), /snapshot plan: test must be a dataset/);

    // A plan for other data or another network.
    const threeInputs = ns.snapshotPlan({ ...ok, grid: { x: new Float64Array(9), rows: 3 } });
    assert.throws(() => t.snapshot(threeInputs), { message: 'snapshot plan: the grid has 3 inputs per point but the network takes 2' });
    const fewerRows = ns.snapshotPlan({ ...ok, train: { ...data, rows: 10, y: data.y.subarray(0, 10) } });
    assert.throws(() => t.snapshot(fewerRows), { message: 'snapshot plan: made for 10 training and 0 test rows, but the trainer has 40 and 0' });
    assert.throws(() => t.snapshot({}), /snapshot needs a plan from snapshotPlan\(\), got an object/);
    const plan = ns.snapshotPlan(ok);
    assert.throws(() => t.snapshot(plan, { historyFrom: -1 }), /history from must be in \[0, /);
    assert.throws(() => t.snapshot(plan, { historyFrom: 'x' }), { message: 'historyFrom must be a number' });
    plan.dispose();
    plan.dispose();
    assert.throws(() => t.snapshot(plan), { message: 'snapshot plan was disposed' });
    threeInputs.dispose();
    fewerRows.dispose();
    assert.equal(t.trainEpochs(2), 2);
    t.dispose();
  });
});
