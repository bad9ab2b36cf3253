// Limits that hold for the work of one call (cpp/core/work_limits.hpp) through the wrapper: a
// predict grid, the data and a batch size are checked against what one call of this network
// would cost, the message says what to reduce it to, and the trainer keeps what it had.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { flatWeights, loadEngine } from './engine.mjs';

let ns;
before(async () => {
  ns = await loadEngine();
});

const dense = (inputs, units) => ({
  input_dim: inputs,
  layers: units.map((u, i) => ({ units: u, activation: i === units.length - 1 ? 'softmax' : 'tanh' })),
  loss: 'categorical_crossentropy',
  optimizer: { name: 'sgd' },
});

function rows(n, features, classes) {
  const x = new Float64Array(n * features).map((_, i) => Math.sin(i));
  const y = new Float64Array(n * classes);
  for (let r = 0; r < n; ++r) y[r * classes + (r % classes)] = 1;
  return { x, y, rows: n, features, targets: classes };
}

describe('limits on the work of one call', () => {
  test('a predict grid too large for one call says how many rows fit', () => {
    const t = ns.createTrainer(dense(784, [64, 10]));
    // Checked before the inputs are read: the work alone decides.
    assert.throws(() => t.predict(new Float64Array(0), 1000 * 1000),
      /predict: 1000000 rows through this network is 50816000000 multiply-adds, more than the limit of 1000000000 for one call; ask for at most 19678 rows at a time \(a coarser grid\), or use fewer or narrower layers$/);
    assert.throws(() => t.activations(new Float64Array(0), 1000 * 1000), /activations: 1000000 rows .* at most 19678 rows at a time/);
    assert.equal(t.predict(new Float64Array(784 * 3), 3).cols, 3);
    t.dispose();
  });

  test('data and a batch size whose step is too large for one call are refused, and the trainer keeps what it had', () => {
    // 1024 -> 1024 -> 1024 -> 2: 2,099,200 multiply-adds a row, so at most 476 rows a step.
    const t = ns.createTrainer(dense(1024, [1024, 1024, 2]), { precision: 'float32' });
    t.setBatchSize(500);
    assert.throws(() => t.setData(rows(500, 1024, 2)),
      /training data: one pass of 500 rows through this network is 1049600000 multiply-adds, .* use a batch size of at most 476, or fewer or narrower layers/);
    assert.equal(t.state().trainSize, 0);
    t.setBatchSize(400);
    t.setData(rows(500, 1024, 2));
    const weights = flatWeights(t);
    assert.throws(() => t.setBatchSize(500), /batch size 500: one pass of 500 rows .* at most 476/);
    assert.equal(t.state().batchSize, 400);
    assert.deepEqual(flatWeights(t), weights);
    t.dispose();
  });
});
