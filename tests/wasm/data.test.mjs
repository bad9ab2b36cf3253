// Datasets through the wrapper: generators (bit-identical to the native build), CSV, split.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadEngine } from './engine.mjs';

let ns;
before(async () => {
  ns = await loadEngine();
});

describe('datasets', () => {
  test('the generators are listed', () => {
    const names = ns.datasetNames();
    for (const name of ['article_bits', 'xor', 'circle', 'spiral', 'moons', 'sine']) assert.ok(names.includes(name), name);
  });

  test('spiral (count 10, noise 0.1, seed 1) has the native golden values, bit for bit', () => {
    // The numbers pinned by tests/cpp/generators_test.cpp on the native build.
    const d = ns.generateDataset('spiral', { count: 10, noise: 0.1, seed: 1 });
    assert.deepEqual([d.rows, d.features, d.targets], [10, 2, 1]);
    assert.deepEqual(d.featureNames, ['x1', 'x2']);
    assert.deepEqual(d.targetNames, ['label']);
    // x is sample by sample: x[2 j + i] is feature i of sample j.
    assert.equal(d.x[0], -0.03058782068250377);
    assert.equal(d.x[1], -0.053648431107808529);
    assert.equal(d.x[2], -0.11507693484401414);
    assert.equal(d.x[3], -0.038060345044755139);
    assert.equal(d.x[4], -0.82148551314881813);
    assert.equal(d.x[5], 0.48477821681759031);
    assert.equal(d.y[0], 0);
    assert.equal(d.y[1], 1);
  });

  test('the same seed gives the same data', () => {
    const a = ns.generateDataset('moons', { count: 50, noise: 0.2, seed: 8 });
    assert.deepEqual(ns.generateDataset('moons', { count: 50, noise: 0.2, seed: 8 }), a);
    assert.notDeepEqual(ns.generateDataset('moons', { count: 50, noise: 0.2, seed: 9 }).x, a.x);
  });

  test('CSV: parse, write and parse again gives the same dataset', () => {
    const d = ns.parseCsv('# a comment\nx1,x2,label\n0.5,-1,1\n2,3e-3,0\n', { header: 'auto' });
    assert.deepEqual(d.featureNames, ['x1', 'x2']);
    assert.deepEqual(d.targetNames, ['label']);
    assert.deepEqual(Array.from(d.x), [0.5, -1, 2, 0.003]);
    assert.deepEqual(Array.from(d.y), [1, 0]);

    const spiral = ns.generateDataset('spiral', { count: 30, noise: 0.3, seed: 2 });
    const again = ns.parseCsv(ns.writeCsv(spiral), { targetColumns: ['label'] });
    assert.deepEqual(again, spiral);
  });

  test('CSV: target columns by name or by position, no header', () => {
    const text = '1,2,3\n4,5,6\n';
    const byPosition = ns.parseCsv(text, { header: 'no', targetColumns: [1] });
    assert.deepEqual(Array.from(byPosition.y), [1, 4]);
    assert.deepEqual(Array.from(byPosition.x), [2, 3, 5, 6]);
    const twoTargets = ns.parseCsv('a,b,c\n1,2,3\n', { targetColumns: ['a', 'c'], featureColumns: ['b'] });
    assert.deepEqual([twoTargets.features, twoTargets.targets], [1, 2]);
  });

  test('a dataset written from plain arrays', () => {
    const text = ns.writeCsv({ rows: 2, features: 1, targets: 1, x: [1, 2], y: [0, 1] });
    assert.equal(text, 'x1,y\n1,0\n2,1\n');
  });

  test('split: a seeded shuffle, round(ratio n) rows for testing', () => {
    const d = ns.generateDataset('circle', { count: 50, seed: 4 });
    const { train, test: held } = ns.splitDataset(d, 0.2, 4);
    assert.deepEqual([train.rows, held.rows], [40, 10]);
    const rows = (s) => Array.from({ length: s.rows }, (_, j) => `${s.x[2 * j]},${s.x[2 * j + 1]},${s.y[j]}`);
    assert.deepEqual([...rows(train), ...rows(held)].sort(), rows(d).sort());
    assert.deepEqual(ns.splitDataset(d, 0.2, 4), { train, test: held });
    assert.equal(ns.splitDataset(d, 0, 4).test.rows, 0);
  });
});
