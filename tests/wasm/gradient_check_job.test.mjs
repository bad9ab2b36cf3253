// The bounded gradient check through the wrapper (trainer.gradientCheckJob): exact and equal to
// gradientCheck() on a small network, a stated sample within its budget on a larger one, run a
// slice at a time, and a trainer that is exactly as it was whether the job finished or was
// cancelled (disposed half way).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { flatWeights, loadEngine, planeSpec } from './engine.mjs';

let ns;
before(async () => {
  ns = await loadEngine();
});

/** Rows of `features` inputs in [-1, 1) and one of `classes` labels, from a seeded generator. */
function randomData(rows, features, classes) {
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const x = new Float64Array(rows * features).map(() => 2 * next() - 1);
  const y = new Float64Array(rows).map(() => Math.floor(next() * classes));
  return { x, y, rows, features, targets: 1 };
}

const wideSpec = {
  input_dim: 196,
  layers: [{ units: 32, activation: 'tanh' }, { units: 10, activation: 'softmax' }],
  loss: 'sparse_categorical_crossentropy',
  optimizer: { name: 'adam' },
};

describe('the bounded gradient check', () => {
  test('within its budget it is gradientCheck(), every weight, bit for bit', () => {
    const t = ns.createTrainer(planeSpec, { precision: 'float64', seed: 3 });
    t.setData(ns.generateDataset('moons', { count: 20, noise: 0.1, seed: 3 }));
    t.setBatchSize(5);
    const old = t.gradientCheck();
    const job = t.gradientCheckJob({ budget: 4000 });
    let p;
    do p = job.runFor(8, 1); // two weights a slice
    while (p.done < p.total);
    const r = job.report();
    job.dispose();
    assert.equal(r.exact, true);
    assert.equal(r.parameters, 2 * 6 + 6 + 6 + 1);
    assert.equal(r.forwardPasses, 4 * r.parameters);
    assert.equal(r.directions.length, 0);
    for (let k = 0; k < r.entries.length; k += 6) {
      const [tensor, index, , backprop, numeric] = r.entries.subarray(k, k + 6);
      const { name, layer } = r.tensors[tensor];
      const c = old[layer];
      const [bp, num] = name === 'kernel' ? [c.backpropDW, c.numericDW] : [c.backpropDb, c.numericDb];
      assert.equal(backprop, bp.data[index]);
      assert.equal(numeric, num.data[index]);
    }
    assert.equal(r.maxRelativeError, Math.max(...old.map((c) => c.maxRelativeError)));
    t.dispose();
  });

  test('beyond its budget it checks a stated sample and random directions, within the budget', () => {
    const t = ns.createTrainer(wideSpec, { precision: 'float64', seed: 1 });
    t.setData(randomData(64, 196, 10));
    const job = t.gradientCheckJob({ budget: 600, directions: 4, seed: 7 });
    const first = job.runFor(40, 10);
    assert.equal(first.done, 40);
    let p = first;
    while (p.done < p.total) p = job.runFor(1e9, 0.05);
    const r = job.report();
    job.dispose();
    assert.equal(r.exact, false);
    assert.ok(r.forwardPasses <= 600, `${r.forwardPasses} forward passes`);
    assert.deepEqual(r.layers.map((l) => l.directions), [4, 4]);
    for (const l of r.layers) {
      assert.equal(l.checked, l.largest + l.random);
      assert.ok(l.checked > 0 && l.checked < l.parameters);
      assert.ok(l.maxEntryError < 1e-6 && l.maxDirectionError < 1e-6, JSON.stringify(l));
    }
    assert.equal(r.entries.length, 6 * r.layers.reduce((n, l) => n + l.checked, 0));
    assert.equal(r.directions.length, 4 * 8);
    t.dispose();
  });

  test('a finished or cancelled check leaves the trainer exactly as it was', () => {
    const t = ns.createTrainer(wideSpec, { precision: 'float32', seed: 2 });
    t.setData(randomData(40, 196, 10));
    t.setBatchSize(8);
    t.stepBatch();
    t.stepPhase();
    const before = { json: t.toJson(), state: t.state(), weights: flatWeights(t) };
    const cancelled = t.gradientCheckJob({ budget: 2000 });
    cancelled.runFor(20, 1);
    cancelled.dispose(); // half way
    assert.deepEqual({ json: t.toJson(), state: t.state(), weights: flatWeights(t) }, before);
    const done = t.gradientCheckJob({ budget: 200 });
    let q;
    do q = done.runFor(1e9, 1);
    while (q.done < q.total);
    assert.equal(done.report().exact, false);
    done.dispose();
    assert.deepEqual({ json: t.toJson(), state: t.state(), weights: flatWeights(t) }, before);
    const twin = t.clone();
    t.trainEpochs(1);
    twin.trainEpochs(1);
    assert.deepEqual(flatWeights(t), flatWeights(twin));
    t.dispose();
    twin.dispose();
  });

  test('bad options are refused with a message, and a disposed job says so', () => {
    const t = ns.createTrainer(planeSpec, { precision: 'float64' });
    t.setData(ns.generateDataset('xor'));
    assert.throws(() => t.gradientCheckJob({ budget: 3 }), /a budget of 3 forward passes is outside \[12, 1000000\] for 2 layers/);
    assert.throws(() => t.gradientCheckJob({ directions: 0 }), /directions per layer/);
    const job = t.gradientCheckJob();
    assert.throws(() => job.runFor(0, 1), /forward passes per slice/);
    job.dispose();
    assert.throws(() => job.report(), /disposed/);
    t.dispose();
  });
});
