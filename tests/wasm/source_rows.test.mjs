// Rows keep their place through splitDataset (sourceRows), and the engine's data checks name
// that row, so the page shows the engine's message as it is: the row the user can find and fix.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadEngine, planeSpec } from './engine.mjs';

let ns;
before(async () => {
  ns = await loadEngine();
});

/** Ten rows: row r (0-based) holds x = (r, 100 + r) and target y[r]. */
const numbered = (y) => ({ rows: y.length, features: 2, targets: 1, x: y.flatMap((_, r) => [r, 100 + r]), y });

describe('source rows', () => {
  test('a split gives each row its index in the data it came from', () => {
    const { train, test } = ns.splitDataset(numbered([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]), 0.3, 5);
    for (const part of [train, test]) {
      assert.equal(part.sourceRows.length, part.rows);
      for (let j = 0; j < part.rows; ++j) assert.equal(part.sourceRows[j], part.x[2 * j]);
    }
    assert.equal(ns.generateDataset('xor', { count: 8 }).sourceRows, undefined, 'rows of their own have none');
  });

  test('the data checks name a split row by its row in the data, unsplit rows as passed', () => {
    const data = numbered([0, 1, 0, 1, 0, 1, 0, 2, 0, 1]); // row 8: a target binary cross-entropy cannot take
    const { train, test } = ns.splitDataset(data, 0.3, 5);
    const t = ns.createTrainer(planeSpec);
    assert.throws(() => t.setData(train, test), { message: 'row 8, target 1 is 2; binary_crossentropy needs targets in [0, 1]' });
    assert.throws(() => t.setData(data), { message: 'training data: row 8, target 1 is 2; binary_crossentropy needs targets in [0, 1]' });
    t.dispose();
  });

  test('source rows that do not fit the rows are refused with where', () => {
    const t = ns.createTrainer(planeSpec);
    const d = numbered([0, 1, 0, 1]);
    assert.throws(() => t.setData({ ...d, sourceRows: [0, 1] }), { message: 'training data: sourceRows has 2 values but rows = 4' });
    assert.throws(() => t.setData({ ...d, sourceRows: [0, 1, 2, -1] }), /training data: sourceRows\[3\] must be/);
    t.setData({ ...d, sourceRows: [3, 2, 1, 0] });
    t.dispose();
  });
});
