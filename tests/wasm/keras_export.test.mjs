// trainer.exportKeras through the wrapper: the script is valid Python (Debian's python3 -m
// py_compile), and it names exactly the configured layers, compile arguments and fit arguments.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { articleSpec, loadEngine } from './engine.mjs';

// Debian's interpreter, not whatever python3 comes first on PATH (py_compile needs no packages).
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

let ns;
let dir;
before(async () => {
  ns = await loadEngine();
  dir = mkdtempSync(join(tmpdir(), 'neurostep-keras-export-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Compiles the script with python3 -m py_compile; throws with Python's message if it is not valid. */
function pyCompile(script, name) {
  const file = join(dir, `${name}.py`);
  writeFileSync(file, script);
  execFileSync(PYTHON, ['-m', 'py_compile', file], { stdio: 'pipe' });
}

const denseLines = (script) => script.split('\n').filter((l) => l.trim().startsWith('keras.layers.Dense('));

// Every Keras argument a playground setting can give, away from Keras's defaults.
const richSpec = {
  input_dim: 2,
  layers: [
    { units: 6, activation: 'tanh', kernel_initializer: 'he_normal', bias_initializer: 'ones', l2: 0.01 },
    { units: 5, activation: 'leaky_relu', use_bias: false, l1: 0.001, l2: 0.002 },
    { units: 3, activation: 'softmax' },
  ],
  loss: 'sparse_categorical_crossentropy',
  optimizer: { name: 'sgd', learning_rate: 0.05, momentum: 0.9, nesterov: true },
};

function threeClasses(rows) {
  const x = [], y = [];
  for (let i = 0; i < rows; ++i) {
    x.push(Math.cos(i) * (1 + i / rows), Math.sin(i) * 0.5);
    y.push(i % 3);
  }
  return { rows, features: 2, targets: 1, x, y, featureNames: ['x1', 'x2'], targetNames: ['label'] };
}

describe('exportKeras', () => {
  test("the article's model: valid Python with its layers, compile and fit", () => {
    const data = ns.generateDataset('article_bits');
    const t = ns.createTrainer(articleSpec);
    t.setBatchSize(1);
    const script = t.exportKeras({ dataset: data, epochs: 1000 });
    pyCompile(script, 'article');
    assert.deepEqual(denseLines(script).map((l) => l.trim()), [
      "keras.layers.Dense(10, activation='relu'),",
      "keras.layers.Dense(8, activation='relu'),",
      "keras.layers.Dense(1, activation='sigmoid'),",
    ]);
    assert.match(script, /keras\.Input\(shape=\(8,\)\)/);
    assert.match(script, /model\.compile\(loss='binary_crossentropy', optimizer=keras\.optimizers\.Adam\(learning_rate=0\.001\), metrics=\['accuracy'\]\)/);
    assert.match(script, /model\.fit\(X, Y, epochs=1000, batch_size=1\)/);
    // The data are inline: the article's 10 rows.
    assert.match(script, /X = np\.array\(\[\n {4}\[0, 0, 0, 0, 0, 0, 0, 0\],/);
    assert.equal((script.match(/^ {4}\[[01](, [01]){7}\],$/gm) ?? []).length, 10);
    assert.doesNotMatch(script, /set_weights|CSV_FILE/);
    t.dispose();
  });

  test('every configured argument, and nothing else, reaches the script', () => {
    const data = threeClasses(30);
    const t = ns.createTrainer(richSpec, { seed: 5 });
    t.setLearningRate(0.02); // the optimizer as it is now, not as it was created
    const script = t.exportKeras({ dataset: data, epochs: 7, batchSize: 4, validationSplit: 0.2, shuffle: false });
    pyCompile(script, 'rich');
    assert.deepEqual(denseLines(script).map((l) => l.trim().replace(/\s+#.*$/, '')), [
      "keras.layers.Dense(6, activation='tanh', kernel_initializer='he_normal', bias_initializer='ones', kernel_regularizer=keras.regularizers.L1L2(l2=0.01)),",
      "keras.layers.Dense(5, activation='leaky_relu', use_bias=False, kernel_regularizer=keras.regularizers.L1L2(l1=0.001, l2=0.002)),",
      "keras.layers.Dense(3, activation='softmax'),",
    ]);
    assert.match(script, /loss='sparse_categorical_crossentropy', optimizer=keras\.optimizers\.SGD\(learning_rate=0\.02, momentum=0\.9, nesterov=True\)/);
    assert.match(script, /model\.fit\(X, Y, epochs=7, batch_size=4, validation_split=0\.2, shuffle=False\)/);
    // Sparse labels are written as integers.
    assert.match(script, /Y = np\.array\(\[\n {4}\[0\],\n {4}\[1\],\n {4}\[2\],/);
    t.dispose();
  });

  test('each optimizer writes its own class and the hyperparameters away from the defaults', () => {
    const data = ns.generateDataset('xor', { count: 20 });
    const cases = [
      [{ name: 'adam', learning_rate: 0.01, beta_1: 0.8, amsgrad: true }, 'Adam(learning_rate=0.01, beta_1=0.8, amsgrad=True)'],
      [{ name: 'rmsprop', learning_rate: 0.001, rho: 0.95, epsilon: 1e-6 }, 'RMSprop(learning_rate=0.001, rho=0.95, epsilon=1e-06)'],
      [{ name: 'adagrad', learning_rate: 0.1, initial_accumulator_value: 0.5 }, 'Adagrad(learning_rate=0.1, initial_accumulator_value=0.5)'],
      [{ name: 'sgd', learning_rate: 0.01 }, 'SGD(learning_rate=0.01)'],
    ];
    for (const [optimizer, call] of cases) {
      const t = ns.createTrainer({ input_dim: 2, layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy', optimizer });
      const script = t.exportKeras({ dataset: data, epochs: 3 });
      pyCompile(script, `opt-${optimizer.name}`);
      assert.ok(script.includes(`optimizer=keras.optimizers.${call},`), `${optimizer.name}: ${script.match(/optimizer=.*/)?.[0]}`);
      t.dispose();
    }
  });

  test('the trained weights go in through set_weights, in get_weights() order', () => {
    const data = ns.generateDataset('article_bits');
    const t = ns.createTrainer(articleSpec, { seed: 3 });
    t.setData(data);
    t.trainEpochs(5);
    const script = t.exportKeras({ dataset: data, epochs: 10, includeWeights: true });
    pyCompile(script, 'weights');
    const comments = [...script.matchAll(/# (layer \d (kernel|bias))/g)].map((m) => m[1]);
    assert.deepEqual(comments, ['layer 1 kernel', 'layer 1 bias', 'layer 2 kernel', 'layer 2 bias', 'layer 3 kernel', 'layer 3 bias']);
    // Keras's kernel is inputs x units: W[unit][input] of the first layer is kernel[input][unit].
    const W = t.weights()[0].W;
    const kernel = script.slice(script.indexOf('# layer 1 kernel')).split('\n').slice(2, 10).map((l) => l.trim().replace(/^\[|\],$/g, '').split(', ').map(Number));
    assert.equal(kernel.length, 8);
    for (let i = 0; i < 8; ++i) for (let u = 0; u < 10; ++u) assert.equal(Math.fround(kernel[i][u]), Math.fround(W.data[u + i * W.rows]));
    t.dispose();
  });

  test('data past the inline limit are read from the named CSV, which writeCsv gives', () => {
    const data = ns.generateDataset('moons', { count: 300, noise: 0.1 });
    const t = ns.createTrainer({ input_dim: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy', optimizer: 'adam' });
    const script = t.exportKeras({ dataset: data, epochs: 50, batchSize: 16, csvFileName: 'moons.csv', inlineLimit: 200 });
    pyCompile(script, 'csv');
    assert.match(script, /CSV_FILE = 'moons\.csv'/);
    assert.match(script, /X = data\[:, :2\]\nY = data\[:, 2:\]/);
    assert.doesNotMatch(script, /X = np\.array/);
    assert.match(script, /model\.fit\(X, Y, epochs=50, batch_size=16\)/);
    // The CSV the page offers beside it: a header, then 300 rows of x1, x2, label.
    const csv = ns.writeCsv(data).trim().split('\n');
    assert.equal(csv.length, 301);
    assert.equal(csv[0], 'x1,x2,label');
    t.dispose();
  });

  test('wrong data or options give the core message and leave the trainer working', () => {
    const t = ns.createTrainer(articleSpec);
    const xor = ns.generateDataset('xor', { count: 8 });
    assert.throws(() => t.exportKeras({ dataset: xor }), { name: 'NeuroStepError', message: 'the data has 2 feature columns but the model takes 8 inputs' });
    const bits = ns.generateDataset('article_bits');
    assert.throws(() => t.exportKeras({ dataset: bits, epochs: 0 }), { name: 'NeuroStepError', message: /epochs must be in \[1, 1000000\], got 0/ });
    assert.throws(() => t.exportKeras({ dataset: bits, validationSplit: 1 }), { name: 'NeuroStepError', message: /validation_split must be in \[0, 1\)/ });
    assert.throws(() => t.exportKeras({ dataset: bits, batchSize: '8' }), { name: 'NeuroStepError', message: 'batch size must be a number, got "8"' });
    assert.throws(() => t.exportKeras({ epochs: 3 }), { name: 'NeuroStepError', message: /needs the dataset/ });
    assert.match(t.exportKeras({ dataset: bits }), /epochs=1000, batch_size=32\)/);
    t.dispose();
    assert.throws(() => t.exportKeras({ dataset: bits }), { message: 'trainer was disposed' });
  });
});
