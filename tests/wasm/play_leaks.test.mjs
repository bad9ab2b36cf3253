// No leaks over a long Play, done as the worker's play loop does it: whole epochs, one packed
// snapshot per frame into the buffer handed back from the frame before, history from where the
// page's ends, a checkpoint clone now and then, and a plan made afresh when the data change. The
// wasm heap, the stack pointer and embind's value handles stay where they were after the first
// frames, malloc's bytes grow only by the history's records, and the snapshot buffer is reused.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadEngine } from './engine.mjs';

let ns;
before(async () => {
  ns = await loadEngine();
});

const spec = {
  input_dim: 2,
  layers: [
    { units: 8, activation: 'tanh' },
    { units: 8, activation: 'tanh' },
    { units: 1, activation: 'sigmoid' },
  ],
  loss: 'binary_crossentropy',
  optimizer: { name: 'adam', learning_rate: 0.01 },
};

function gridPoints(n) {
  const x = new Float64Array(2 * n * n);
  for (let i = 0; i < n * n; ++i) {
    x[2 * i] = -1.5 + (3 * ((i % n) + 0.5)) / n;
    x[2 * i + 1] = 1.5 - (3 * (Math.floor(i / n) + 0.5)) / n;
  }
  return { x, rows: n * n };
}

describe('memory over a long Play', () => {
  test('2,000 frames of training and packed snapshots', () => {
    const { train, test: held } = ns.splitDataset(ns.generateDataset('spiral', { count: 300, noise: 0.1, seed: 1 }), 0.2, 1);
    let t = ns.createTrainer(spec, { seed: 7 });
    t.setData(train, held);
    t.setBatchSize(10);
    const views = { train, test: held, grid: gridPoints(40), neurons: gridPoints(16), curve: null, maxRows: 5000 };
    let plan = ns.snapshotPlan(views);
    let checkpoint = t.clone();
    let reuse = null, from = 0, newBuffers = 0;
    const frame = (i) => {
      assert.equal(t.trainEpochs(1), 1);
      const s = t.snapshot(plan, { historyFrom: from, reuse });
      if (s.arrays !== reuse) newBuffers++;
      reuse = s.arrays;
      from = s.history.length;
      if (i % 10 === 0) {
        checkpoint.dispose();
        checkpoint = t.clone();
      }
      if (i % 500 === 250) {
        // The page sends new data (the same rows): a new plan, and the trainer starts the epoch again.
        plan.dispose();
        t.setData(train, held);
        plan = ns.snapshotPlan(views);
      }
    };
    for (let i = 0; i < 200; ++i) frame(i);
    const first = ns.memoryStats();
    const firstEpoch = t.state().epoch;
    for (let i = 200; i < 2000; ++i) frame(i);
    const last = ns.memoryStats();
    assert.equal(t.state().epoch, 2000);
    for (const key of ['heapSize', 'stackPointer', 'emvalHandles'])
      assert.equal(last[key], first[key], `${key} went from ${first[key]} to ${last[key]}`);
    // The history grew by 1,800 records of 40 bytes, in a vector that doubles (two copies: the
    // trainer's and the checkpoint's): at most 2 x 2,048 records.
    const records = t.state().epoch - firstEpoch;
    assert.equal(records, 1800);
    assert.ok(last.allocatedBytes - first.allocatedBytes <= 2 * 2048 * 40,
      `allocated bytes went from ${first.allocatedBytes} to ${last.allocatedBytes}`);
    // One buffer made at the start, none after: every frame refilled the one handed back.
    assert.equal(newBuffers, 1);

    // Restoring a checkpoint (the page's Restore) frees the trainer it replaces.
    for (let i = 0; i < 50; ++i) {
      const restored = checkpoint.clone();
      t.dispose();
      t = restored;
      t.snapshot(plan, { reuse });
    }
    assert.equal(ns.memoryStats().emvalHandles, first.emvalHandles);
    plan.dispose();
    checkpoint.dispose();
    t.dispose();
  });
});
