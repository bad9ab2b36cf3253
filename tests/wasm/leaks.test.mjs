// No leaks: a million samples of training and ten thousand failing calls, all through the
// wrapper, leave the wasm heap, malloc's bytes in use, the stack pointer and embind's value
// handles where they were after the first thousand.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadEngine, planeSpec } from './engine.mjs';

let ns;
before(async () => {
  ns = await loadEngine();
});

function assertSame(after, before, what) {
  for (const key of ['heapSize', 'stackPointer', 'emvalHandles', 'allocatedBytes'])
    assert.equal(after[key], before[key], `${what}: ${key} went from ${before[key]} to ${after[key]}`);
}

describe('memory', () => {
  test('1,000,000 samples of training', () => {
    const t = ns.createTrainer(planeSpec, { seed: 2 });
    const data = ns.generateDataset('moons', { count: 1000, noise: 0.1, seed: 2 });
    const grid = new Float64Array(2 * 400).map((_, i) => (i % 19) / 9 - 1);
    t.setData(data);
    t.setBatchSize(1);
    // One epoch, 1000 samples, through every kind of call: phases, batches, the rest of the epoch,
    // and the reads the page makes every frame.
    const epoch = () => {
      for (let i = 0; i < 3 * 7; ++i) t.stepPhase();
      for (let i = 0; i < 97; ++i) t.stepBatch();
      t.state();
      t.layerTrace(0);
      t.lossTrace();
      t.predict(grid, 400);
      t.activations(grid, 400);
      assert.equal(t.stepEpoch(), true);
      t.history();
    };
    epoch();
    const first = ns.memoryStats();
    for (let e = 1; e < 1000; ++e) epoch();
    assert.equal(t.state().epoch, 1000);
    const last = ns.memoryStats();
    // The history grew by 999 records of 40 bytes (a vector that doubles: at most 1024 of them).
    assert.ok(last.allocatedBytes - first.allocatedBytes <= 1024 * 40 + 1024,
      `allocated bytes went from ${first.allocatedBytes} to ${last.allocatedBytes}`);
    assertSame({ ...last, allocatedBytes: first.allocatedBytes }, first, 'after 1,000,000 samples');

    // Within an epoch nothing is added to the history, so not one byte may be kept.
    for (let i = 0; i < 999; ++i) {
      t.stepBatch();
      t.state();
      t.predict(grid, 400);
    }
    assertSame(ns.memoryStats(), last, 'after 999 more batches');
    t.dispose();
  });

  test('10,000 calls that fail', () => {
    const t = ns.createTrainer(planeSpec);
    const xor = ns.generateDataset('xor', { count: 8 });
    t.setData(xor);
    const failing = [
      () => t.predict(new Float64Array(5), 2),
      () => t.setData({ ...xor, x: xor.x.map((v, i) => (i === 3 ? Number.NaN : v)) }),
      () => t.setData(ns.generateDataset('article_bits')),
      () => t.setLearningRate(-1),
      () => t.setOptimizer({ name: 'adam', rho: 0.5 }),
      () => t.layerTrace(9),
      () => ns.createTrainer({ ...planeSpec, layers: [{ units: 0 }] }),
      () => ns.createTrainer({ ...planeSpec, layers: [{ units: 2, activation: 'sparsemax' }, { units: 1 }] }),
      () => ns.createTrainer('{"format": '),
      () => ns.parseCsv('x,y\n1,2\n3\n'),
    ];
    const fail = (n) => {
      for (let i = 0; i < n; ++i) assert.throws(failing[i % failing.length]);
    };
    fail(1000);
    const first = ns.memoryStats();
    fail(9000);
    assertSame(ns.memoryStats(), first, 'after 10,000 failing calls');
    assert.equal(t.trainEpochs(2), 2); // and the trainer still trains
    t.dispose();
  });

  test('trainers that are created, cloned and disposed', () => {
    const make = () => {
      const t = ns.createTrainer(planeSpec);
      t.setData(ns.generateDataset('xor', { count: 8 }));
      t.stepEpoch();
      const c = t.clone();
      ns.createTrainer(t.toJson()).dispose();
      t.dispose();
      c.dispose();
    };
    for (let i = 0; i < 100; ++i) make();
    const first = ns.memoryStats();
    for (let i = 0; i < 900; ++i) make();
    assertSame(ns.memoryStats(), first, 'after 1,000 trainers');
  });
});
