// The trainer through the wrapper: creating, stepping, reading, predicting, cloning, disposing.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { articleSpec, flatWeights, loadEngine, planeSpec } from './engine.mjs';

let ns;
before(async () => {
  ns = await loadEngine();
});

describe('a trainer', () => {
  test('is created from a spec, steps, predicts and keeps a history', () => {
    const t = ns.createTrainer(articleSpec);
    assert.equal(t.precision, 'float32');
    const spec = t.spec();
    assert.equal(spec.input_dim, 8);
    assert.deepEqual(spec.layers.map((l) => [l.units, l.activation]), [[10, 'relu'], [8, 'relu'], [1, 'sigmoid']]);
    assert.equal(spec.optimizer.name, 'adam');

    const data = ns.generateDataset('article_bits');
    t.setData(data);
    t.setBatchSize(4);
    let s = t.state();
    assert.deepEqual([s.epoch, s.batchesPerEpoch, s.phasesPerBatch, s.trainSize, s.testSize, s.batchSize, s.seed],
      [0, 3, 10, 10, 0, 4, 42]);
    assert.deepEqual(s.nextPhase, { kind: 'forward', layer: 0 });
    assert.deepEqual(s.lastPhase, { kind: 'none', layer: null });

    t.stepBatch();
    s = t.state();
    assert.equal(s.iterations, 1);
    assert.equal(s.batchInEpoch, 1);
    assert.equal(s.batchIndices.length, 4);
    assert.ok(t.stepEpoch());
    assert.equal(t.trainEpochs(3), 3);
    const history = t.history();
    assert.deepEqual(history.map((h) => h.epoch), [1, 2, 3, 4]);
    for (const h of history) {
      assert.ok(Number.isFinite(h.loss) && h.accuracy >= 0 && h.accuracy <= 1);
      assert.equal(h.val_loss, null);
      assert.equal(h.val_accuracy, null);
    }

    const out = t.predict(data.x, data.rows);
    assert.equal(out.rows, 1);
    assert.equal(out.cols, 10);
    assert.ok(out.data instanceof Float64Array);
    for (const p of out.data) assert.ok(p > 0 && p < 1);
    // A plain array and a Float32Array give the same outputs.
    assert.deepEqual(t.predict(Array.from(data.x), 10).data, out.data);
    assert.deepEqual(t.predict(Float32Array.from(data.x), 10).data, out.data);
    assert.equal(t.predict(new Float64Array(0), 0).cols, 0);
    t.dispose();
  });

  test("the article's example reaches accuracy 1.0 (float32, batch 1, 1000 epochs, seed 42)", () => {
    const t = ns.createTrainer(articleSpec, { precision: 'float32', seed: 42 });
    const data = ns.generateDataset('article_bits');
    t.setData(data);
    t.setBatchSize(1);
    assert.equal(t.trainEpochs(1000), 1000);
    const history = t.history();
    assert.equal(history.length, 1000);
    assert.equal(history.at(-1).accuracy, 1);
    assert.ok(history.at(-1).loss < history[0].loss);
    assert.equal(t.evaluate(data).accuracy, 1);
    const out = t.predict(data.x, 10).data;
    assert.ok(out[0] < 0.5);
    for (let j = 1; j < 10; ++j) assert.ok(out[j] > 0.5);
    t.dispose();
  });

  test('validation data gives val_loss and val_accuracy', () => {
    const t = ns.createTrainer(planeSpec);
    const { train, test: held } = ns.splitDataset(ns.generateDataset('gaussians', { count: 100, seed: 3 }), 0.2, 3);
    t.setData(train, held);
    t.trainEpochs(2);
    const last = t.history().at(-1);
    assert.ok(Number.isFinite(last.val_loss));
    assert.equal(last.val_accuracy, t.evaluate(held).accuracy);
    assert.equal(t.state().testSize, 20);
    t.dispose();
  });

  test('stepping phase by phase ends where stepping whole batches does', () => {
    const data = ns.generateDataset('article_bits');
    const byPhase = ns.createTrainer(articleSpec, { precision: 'float64', seed: 9 });
    const byBatch = ns.createTrainer(articleSpec, { precision: 'float64', seed: 9 });
    for (const t of [byPhase, byBatch]) {
      t.setData(data);
      t.setBatchSize(3);
    }
    const expected = [
      ['forward', 0], ['forward', 1], ['forward', 2], ['loss', null], ['backward', 2], ['backward', 1],
      ['backward', 0], ['update', 0], ['update', 1], ['update', 2],
    ];
    for (let b = 0; b < 7; ++b) { // crosses an epoch boundary (4 batches per epoch)
      byBatch.stepBatch();
      for (let p = 0; p < 10; ++p) {
        const s = byPhase.state();
        assert.equal(s.phaseIndex, p);
        assert.deepEqual([s.nextPhase.kind, s.nextPhase.layer], expected[p]);
        byPhase.stepPhase();
        assert.deepEqual(byPhase.state().lastPhase, { kind: expected[p][0], layer: expected[p][1] });
      }
    }
    assert.deepEqual(flatWeights(byPhase), flatWeights(byBatch));
    assert.deepEqual(byPhase.state(), byBatch.state());
    assert.deepEqual(byPhase.history(), byBatch.history());
    byPhase.dispose();
    byBatch.dispose();
  });

  test('layer and loss traces hold the values of the current batch', () => {
    const t = ns.createTrainer(articleSpec, { precision: 'float64' });
    t.setData(ns.generateDataset('article_bits'));
    t.setBatchSize(3);
    t.stepBatch();
    t.stepBatch();
    const L = t.layerTrace(2);
    assert.deepEqual([L.units, L.inputs, L.activation, L.useBias], [1, 8, 'sigmoid', true]);
    assert.deepEqual([L.W.rows, L.W.cols, L.b.rows, L.b.cols], [1, 8, 1, 1]);
    assert.deepEqual([L.aPrev.rows, L.aPrev.cols, L.z.cols, L.a.cols, L.dZ.cols], [8, 3, 3, 3, 3]);
    // z = W aPrev + b, column by column.
    for (let j = 0; j < 3; ++j) {
      let z = L.b.data[0] - L.deltaB.data[0]; // the batch ran forward before its update
      for (let i = 0; i < 8; ++i) z += (L.W.data[i] - L.deltaW.data[i]) * L.aPrev.data[i + 8 * j];
      assert.ok(Math.abs(z - L.z.data[j]) < 1e-12);
    }
    assert.deepEqual(Object.keys(L.slots).sort(), ['m', 'v']);
    assert.equal(L.slots.m.W.rows, 1);
    assert.equal(L.slots.v.b.data.length, 1);
    assert.equal(L.stepScalars.t, 2);
    assert.ok(L.stepScalars.alpha > 0);

    const loss = t.lossTrace();
    assert.equal(loss.loss, 'binary_crossentropy');
    assert.equal(loss.perSample.length, 3);
    assert.ok(Math.abs(loss.batchLoss - loss.perSample.reduce((a, b) => a + b) / 3) < 1e-12);
    assert.equal(loss.dzFromLogits, true);
    assert.deepEqual([loss.dZ.rows, loss.dZ.cols, loss.inputs.rows, loss.inputs.cols, loss.targets.cols], [1, 3, 8, 3, 3]);
    const indices = t.state().batchIndices;
    const data = ns.generateDataset('article_bits');
    for (let j = 0; j < 3; ++j) assert.equal(loss.targets.data[j], data.y[indices[j]]);
    t.dispose();
  });

  test('activations: every layer over a grid, without touching the traces', () => {
    const t = ns.createTrainer(planeSpec);
    t.setData(ns.generateDataset('xor'));
    t.stepBatch();
    const before = t.layerTrace(0);
    const grid = new Float64Array(2 * 25).map((_, i) => (i % 7) / 7 - 0.5);
    const layers = t.activations(grid, 25);
    assert.deepEqual(layers.map((m) => [m.rows, m.cols]), [[6, 25], [1, 25]]);
    assert.deepEqual(layers[1].data, t.predict(grid, 25).data);
    assert.deepEqual(t.layerTrace(0), before);
    t.dispose();
  });

  test('weights can be read, written whole and edited one by one', () => {
    const t = ns.createTrainer(planeSpec, { precision: 'float64' });
    const w = t.weights();
    assert.deepEqual(w.map(({ W, b }) => [W.rows, W.cols, b.rows, b.cols]), [[6, 2, 6, 1], [1, 6, 1, 1]]);
    w[0].W.data[3] = 0.25;
    t.setWeights(w);
    assert.equal(t.weights()[0].W.data[3], 0.25);
    t.setWeight(1, 0, 5, -1.5); // W[unit 0][input 5] of the output layer: column-major index 5
    assert.equal(t.weights()[1].W.data[5], -1.5);
    t.setBias(0, 2, 0.125);
    assert.equal(t.weights()[0].b.data[2], 0.125);
    // Plain arrays work as well as typed arrays.
    t.setWeights(t.weights().map(({ W, b }) => ({ W: { ...W, data: Array.from(W.data) }, b })));
    t.dispose();
  });

  test('a clone is an independent checkpoint', () => {
    const t = ns.createTrainer(planeSpec, { seed: 5 });
    t.setData(ns.generateDataset('moons', { count: 40, noise: 0.1, seed: 5 }));
    t.setBatchSize(8);
    t.trainEpochs(2);
    t.stepPhase();
    const c = t.clone();
    assert.equal(c.precision, t.precision);
    assert.deepEqual(c.state(), t.state());
    const saved = flatWeights(c);
    t.trainEpochs(3);
    assert.deepEqual(flatWeights(c), saved); // training the original leaves the clone alone
    c.trainEpochs(3);
    assert.deepEqual(flatWeights(c), flatWeights(t)); // and the clone resumes exactly
    assert.deepEqual(c.history(), t.history());
    t.dispose();
    c.stepEpoch(); // the clone outlives the original
    c.dispose();
  });

  test('gradientCheck agrees with backpropagation and leaves the trainer as it was', () => {
    // tanh: no kink for a finite difference to straddle (relu's would).
    const t = ns.createTrainer(planeSpec, { precision: 'float64', seed: 3 });
    t.setData(ns.generateDataset('moons', { count: 20, noise: 0.1, seed: 3 }));
    t.setBatchSize(5);
    t.trainEpochs(3);
    const twin = t.clone();
    for (const steps of [0, 4]) { // between batches, then mid-batch
      for (let i = 0; i < steps; ++i) { t.stepPhase(); twin.stepPhase(); }
      const checks = t.gradientCheck();
      assert.equal(checks.length, 2);
      for (const c of checks) {
        assert.ok(c.maxRelativeError < 1e-6, `max relative error ${c.maxRelativeError}`);
        assert.deepEqual([c.numericDW.rows, c.numericDW.cols], [c.backpropDW.rows, c.backpropDW.cols]);
        assert.equal(c.numericDb.data.length, c.backpropDb.data.length);
      }
      assert.deepEqual(t.state(), twin.state());
    }
    t.trainEpochs(2);
    twin.trainEpochs(2);
    assert.deepEqual(flatWeights(t), flatWeights(twin));
    t.dispose();
    twin.dispose();
  });

  test('configuration: optimizer, learning rate, shuffle and reset', () => {
    const t = ns.createTrainer(planeSpec);
    t.setData(ns.generateDataset('xor'));
    t.setLearningRate(0.05);
    assert.equal(t.spec().optimizer.learning_rate, 0.05);
    t.setOptimizer({ name: 'sgd', learning_rate: 0.1, momentum: 0.9 });
    assert.deepEqual(t.spec().optimizer, { name: 'sgd', learning_rate: 0.1, momentum: 0.9, nesterov: false });
    t.stepBatch();
    assert.deepEqual(Object.keys(t.layerTrace(0).slots), ['momentum']);
    t.setShuffle(false);
    assert.equal(t.state().shuffle, false);
    t.trainEpochs(2);
    t.reset(7);
    const s = t.state();
    assert.deepEqual([s.epoch, s.iterations, s.seed, t.history().length], [0, 0, 7, 0]);
    assert.deepEqual(flatWeights(t), flatWeights(ns.createTrainer(planeSpec, { seed: 7 })));
    t.dispose();
  });

  test('dispose frees the trainer; later calls throw', () => {
    const t = ns.createTrainer(planeSpec);
    t.dispose();
    for (const call of [() => t.state(), () => t.stepBatch(), () => t.predict([0, 0], 1), () => t.toJson(), () => t.clone()])
      assert.throws(call, { name: 'NeuroStepError', message: 'trainer was disposed' });
    t.dispose(); // twice is harmless
  });

});
