// Datasets through the wrapper: generators (bit-identical to the native build), CSV, split, tables
// with their notices, scaling, the task pick, and the image sets fetched as the page fetches them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
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

// ---- tables, scaling, the task and the image sets (web/src/engine/data.js) ---------------------

const fixture = (name) => readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url), 'utf8');
const publicDatasets = new URL('../../web/public/datasets/', import.meta.url);
// fetch as the page does it, from web/public/datasets/ (scripts/build.sh makes the files there).
const localFetch = async (url) => {
  const { pathname } = new URL(url);
  const file = pathname.startsWith('/datasets/') ? pathname.slice('/datasets/'.length) : '';
  try {
    return new Response(readFileSync(new URL(file, publicDatasets)));
  } catch {
    return new Response('not found', { status: 404, statusText: 'Not Found' });
  }
};

describe('tables', () => {
  test('scikit-learn layouts load with the task each calls for', () => {
    const expected = {
      'iris_like.csv': ['multiclass', 3, 4],
      'wine_like.csv': ['multiclass', 3, 13],
      'breast_cancer_like.csv': ['binary', 1, 30],
      'boston_like.csv': ['regression', 1, 13],
      'diabetes_like.csv': ['regression', 1, 10],
      'linnerud_like.csv': ['regression', 1, 4],
      'digits_like.csv': ['multiclass', 10, 64],
    };
    for (const [file, [kind, units, features]] of Object.entries(expected)) {
      const { dataset: d } = ns.readTable(fixture(file));
      const task = ns.pickTask(d);
      assert.deepEqual([task.kind, task.outputUnits, d.features], [kind, units, features], file);
      assert.ok(task.why.startsWith('The output is'), file);
    }
  });

  test('notices, one-hot columns and class names', () => {
    const iris = ns.readTable(fixture('iris_like.csv'));
    assert.deepEqual(iris.dataset.classNames, ['setosa', 'versicolor', 'virginica']);
    assert.deepEqual(iris.notices.map((n) => n.kind), ['delimiter', 'description', 'classes']);
    assert.equal(iris.header, false);
    const people = ns.readTable(fixture('passengers.csv'), { missing: 'drop', featureColumns: ['sex', 'age', 'fare'] });
    assert.deepEqual(people.dataset.featureNames, ['sex=female', 'sex=male', 'age', 'fare']);
    assert.deepEqual(people.dataset.classNames, ['died', 'survived']);
    assert.equal(people.dataset.rows, 17);
    assert.ok(people.notices.some((n) => n.kind === 'missing_dropped' && n.message.startsWith('Dropped 3 rows')));
    const euro = ns.readTable(fixture('european.csv'));
    assert.equal(euro.delimiter, ';');
    assert.equal(euro.dataset.x[2], 12.6);
    assert.equal(ns.readTable('Title\nx y\n1 2\n3 4\n', { skipLines: 1, delimiter: ' ' }).dataset.rows, 2);
    assert.throws(() => ns.readTable('a,b\n1,2\n', { delimiter: 'x' }), { message: /delimiter must be/ });
  });

  test('scaling: fitted on training rows, applied, kept in a model file', () => {
    const { dataset: wine } = ns.readTable(fixture('wine_like.csv'));
    assert.equal(ns.adviseScaling(wine).recommended, 'standardize');
    const { train, test: held } = ns.splitDataset(wine, 0.25, 1);
    const p = ns.fitScaling(train, 'standardize');
    assert.equal(p.offset.length, 13);
    const scaled = ns.applyScaling(p, train);
    const mean = Array.from({ length: scaled.rows }, (_, j) => scaled.x[13 * j + 12]).reduce((a, b) => a + b) / scaled.rows;
    assert.ok(Math.abs(mean) < 1e-12, 'the training rows of proline have mean 0 once standardised');
    const row = ns.scaleInputs(p, held.x.subarray(0, 13), 1);
    assert.equal(row[12], (held.x[12] - p.offset[12]) / p.scale[12]);

    const t = ns.createTrainer({ input_dim: 13, layers: [{ units: 3, activation: 'softmax' }], loss: 'sparse_categorical_crossentropy' });
    const saved = ns.withPreprocessing(t.toJson(), p);
    const back = ns.modelPreprocessing(saved);
    assert.deepEqual([back.scaling, Array.from(back.offset), Array.from(back.scale)], [p.scaling, Array.from(p.offset), Array.from(p.scale)]);
    assert.equal(ns.modelPreprocessing(t.toJson()).scaling, 'none');
    assert.throws(() => ns.withPreprocessing(t.toJson(), ns.fitScaling(ns.generateDataset('xor', { count: 8 }), 'min_max')),
      { message: 'the scaling has 2 features but the model takes 13 inputs' });
    t.dispose();
  });
});

describe('image sets', () => {
  test('listed with their shape, classes, files and licence', () => {
    assert.deepEqual(ns.imageDatasetNames(), ['digits', 'fashion_mnist']);
    const f = ns.imageDatasetInfo('fashion_mnist');
    assert.deepEqual([f.height, f.width, f.classNames.length, f.trainImages, f.fullImages, f.testImages], [28, 28, 10, 10000, 60000, 10000]);
    assert.equal(f.classNames[9], 'Ankle boot');
    assert.match(f.licence, /MIT/);
    assert.match(ns.imageDatasetInfo('digits').licence, /BSD-3-Clause.*CC BY 4\.0/);
    assert.ok(!ns.datasetNames().includes('digits'), 'the generators list stays the generators');
  });

  test('digits and fashion_mnist fetched as the page does, with its own test set', async () => {
    const digits = await ns.fetchImageDataset('digits', { fetch: localFetch, baseUrl: 'http://localhost/datasets/' });
    assert.deepEqual([digits.train.rows, digits.train.features, digits.test.rows], [1797, 64, 0]);
    assert.deepEqual(digits.train.imageShape, [8, 8]);
    assert.equal(ns.pickTask(digits.train).outputUnits, 10);
    const fashion = await ns.fetchImageDataset('fashion_mnist', { fetch: localFetch, baseUrl: 'http://localhost/datasets/', count: 2000 });
    assert.deepEqual([fashion.train.rows, fashion.test.rows, fashion.train.features], [2000, 10000, 784]);
    assert.ok(fashion.train.x.every((v) => v >= 0 && v <= 1));
    assert.equal(fashion.test.classNames[0], 'T-shirt/top');
    await assert.rejects(ns.fetchImageDataset('digits', { fetch: localFetch, baseUrl: 'http://localhost/nowhere/x/' }),
      { message: /cannot fetch .*digits\.nsim\.gz: 404/ });
  });
});

describe('B16 real data', () => {
  const digitsBytes = () => new Uint8Array(gunzipSync(readFileSync(new URL('digits.nsim.gz', publicDatasets))));
  test('B16 truncated image set', () => {
    assert.throws(() => ns.loadImageDataset('digits', digitsBytes().subarray(0, 600)),
      { message: "digits's training file: 600 bytes, but 1797 images of 8 x 8 need 116829 (the file is truncated)" });
  });
  test('B16 images of the wrong size', () => {
    assert.throws(() => ns.loadImageDataset('fashion_mnist', digitsBytes()),
      { message: "fashion_mnist's training file: images of 8 x 8 pixels, but fashion_mnist has images of 28 x 28" });
  });
  test('B16 gzip-compressed image set', () => {
    assert.throws(() => ns.loadImageDataset('digits', new Uint8Array(readFileSync(new URL('digits.nsim.gz', publicDatasets)))),
      { message: /not a NeuroStep image set \(it must start with "NSIM"; is it still gzip-compressed\?\)/ });
  });
  test('B16 categories past the width limit', () => {
    const names = 'name,y\n' + Array.from({ length: 4100 }, (_, i) => `person ${i},${i % 2}`).join('\n');
    assert.throws(() => ns.readTable(names), { message: /^one-hot encoding the text columns would make more than 4096 feature columns/ });
  });
  test('B16 a column of only missing values', () => {
    assert.throws(() => ns.readTable('a,cabin,y\n1,,0\n2,NA,1\n3,?,0\n'),
      { message: 'column 2 ("cabin") has only missing values (the first, "", on line 2); leave it out of the features' });
  });
  test('B16 a missing value', () => {
    assert.throws(() => ns.readTable('a,b,y\n1,2,0\n3,NA,1\n'), {
      message: 'line 3, column 2 ("b"): the value is missing ("NA"); 1 row of 2 has a missing value. Drop those rows, or fill each missing feature with its column\'s mean',
    });
    assert.equal(ns.readTable('a,b,y\n1,2,0\n3,NA,1\n', { missing: 'mean' }).dataset.x[3], 2);
  });
});

test('the exported Keras script scales raw inputs with a Normalization layer', () => {
  const data = ns.generateDataset('plane', { count: 20, seed: 2 });
  const t = ns.createTrainer({ input_dim: 2, layers: [{ units: 1 }], loss: 'mse' });
  const p = ns.fitScaling(data, 'min_max');
  const script = ns.withKerasPreprocessing(t.exportKeras({ dataset: data }), p);
  assert.match(script, /keras\.Input\(shape=\(2,\)\),\n {4}keras\.layers\.Normalization\(mean=\[.*\], variance=\[.*\]\),  # NeuroStep's min_max scaling/);
  assert.throws(() => ns.withKerasPreprocessing(script, p), { message: 'the script already scales its inputs' });
  t.dispose();
});
