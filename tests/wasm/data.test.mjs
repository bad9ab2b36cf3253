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

describe('classify: the classes the page shows right/wrong and the confusion matrix from', () => {
  test('per row, it agrees with the accuracy the engine reports', () => {
    for (const [name, spec] of [
      ['moons', { input_dim: 2, layers: [{ units: 6, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy' }],
      ['spiral', { input_dim: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }], loss: 'sparse_categorical_crossentropy' }],
    ]) {
      const data = ns.generateDataset(name, { count: 60, noise: 0.2, seed: 3 });
      const t = ns.createTrainer({ ...spec, optimizer: { name: 'adam', learning_rate: 0.05 } }, { seed: 5 });
      t.setData(data);
      t.trainEpochs(3);
      const width = spec.layers[1].units;
      const { predicted, actual } = ns.classify(t.predict(data.x, data.rows).data, width, data.y, data.targets);
      assert.equal(predicted.length, data.rows);
      const right = predicted.filter((p, i) => p === actual[i]).length;
      assert.equal(right / data.rows, t.evaluate(data).accuracy, name);
      assert.ok(right > 0 && right < data.rows, `${name}: a model part-way trained gets some rows right and some wrong`);
      assert.deepEqual([...new Set(actual)].sort(), [0, 1]);
      t.dispose();
    }
  });

  test('one-hot targets and class indices give the same classes', () => {
    const outputs = [0.1, 0.7, 0.2, 0.4, 0.2, 0.4];
    const byIndex = ns.classify(outputs, 3, [1, 2], 1);
    const oneHot = ns.classify(outputs, 3, [0, 1, 0, 0, 0, 1], 3);
    assert.deepEqual(byIndex, oneHot);
    assert.deepEqual(Array.from(byIndex.predicted), [1, 0]); // a tie: the first of the largest
    assert.deepEqual(Array.from(byIndex.actual), [1, 2]);
  });

  test('bad input is refused with a message', () => {
    assert.throws(() => ns.classify([0.1, 0.2, 0.3], 2, [0], 1), { message: 'outputs has 3 values, not whole rows of 2' });
    assert.throws(() => ns.classify([0.1, 0.9], 2, [0, 1], 1), { message: 'y has 2 values but rows x targets = 1 x 1 = 1' });
    assert.throws(() => ns.classify([0.1, 0.9], 2, [2], 1), { message: 'y[0] is 2, not a class index in [0, 1]' });
    assert.throws(() => ns.classify([0.4], 1, [Number.NaN], 1), { message: 'y[0] is not a finite number (nan)' });
  });
});
