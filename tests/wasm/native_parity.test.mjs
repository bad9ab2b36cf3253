// NeuroStep in WebAssembly against the native CLI (build/native/neurostep train): the same
// model, data and seed give the same loss every epoch (float64 within 1e-12 relative, float32
// within 1e-5), with shuffling and a train/test split, and the built-in generators give the
// same data bit for bit. Run: node --test tests/wasm/native_parity.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadEngine } from './engine.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = path.join(root, 'build/native/neurostep');
const TOLERANCE = { float64: 1e-12, float32: 1e-5 };
const EPOCHS = 200;

// The core sums every product in a fixed order (cpp/core/kernels.hpp), computes exp, tanh and
// log with its own deterministic functions, and turns Eigen's approximate float sqrt off, so the
// two builds train bit for bit alike; what differences remain come from the tolerances above.
let ns, dir;
before(async () => {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run bash scripts/build.sh`);
  ns = await loadEngine();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neurostep-parity-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// History of `neurostep train` (its --history file, written at full precision).
function trainNative(name, spec, { data, dataset, epochs, batchSize, testRatio, seed, precision, targets = [] }) {
  const model = path.join(dir, `${name}.model.json`), history = path.join(dir, `${name}.${precision}.history.json`);
  fs.writeFileSync(model, JSON.stringify(spec));
  const args = ['train', model];
  if (data) {
    const csv = path.join(dir, `${name}.csv`);
    fs.writeFileSync(csv, data);
    args.push('--data', csv, ...targets.flatMap(t => ['--target', t]));
  } else {
    args.push('--dataset', dataset.name, '--count', String(dataset.count), '--noise', String(dataset.noise),
      '--data-seed', String(dataset.seed));
  }
  args.push('--epochs', String(epochs), '--batch-size', String(batchSize), '--test-ratio', String(testRatio),
    '--seed', String(seed), '--precision', precision, '--history', history);
  execFileSync(cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return JSON.parse(fs.readFileSync(history, 'utf8'));
}

// The same run in WebAssembly, set up as the CLI does: data, split_dataset(data, ratio, seed),
// Trainer(spec, seed), shuffling on (Keras's default).
function trainWasm(spec, { data, dataset, epochs, batchSize, testRatio, seed, precision, targets = [] }) {
  const all = data ? ns.parseCsv(data, { targetColumns: targets })
    : ns.generateDataset(dataset.name, { count: dataset.count, noise: dataset.noise, seed: dataset.seed });
  const { train, test } = testRatio > 0 ? ns.splitDataset(all, testRatio, seed) : { train: all, test: null };
  const trainer = ns.createTrainer(spec, { precision, seed });
  try {
    trainer.setData(train, test);
    trainer.setBatchSize(batchSize);
    assert.equal(trainer.trainEpochs(epochs), epochs, 'training diverged');
    return trainer.history();
  } finally {
    trainer.dispose();
  }
}

const relative = (a, b) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));

// Compares two histories epoch by epoch; returns the largest relative difference of the losses.
function compareHistories(t, name, wasm, native, precision, withTest) {
  assert.equal(wasm.length, native.length, `${name}: ${wasm.length} epochs in WASM, ${native.length} natively`);
  let worst = 0, at = 0;
  const keys = withTest ? ['loss', 'val_loss'] : ['loss'];
  for (let e = 0; e < native.length; ++e) {
    assert.equal(wasm[e].epoch, native[e].epoch);
    for (const key of keys) {
      const d = relative(wasm[e][key], native[e][key]);
      if (!(d <= worst)) { worst = d; at = e; }
    }
    if (!withTest) assert.equal(native[e].val_loss, undefined, 'the CLI wrote val_loss without a test set');
  }
  const bitwise = native.every((r, e) => keys.every(k => r[k] === wasm[e][k]));
  t.diagnostic(`${name} ${precision}: max relative difference ${worst.toExponential(2)} (epoch ${at + 1})` +
    `${bitwise ? ', bit for bit' : ''}; final loss ${native.at(-1).loss}`);
  assert.ok(worst <= TOLERANCE[precision],
    `${name} ${precision}: epoch ${at + 1} differs by ${worst} (relative): WASM ${JSON.stringify(wasm[at])}, native ${JSON.stringify(native[at])}`);
  // Accuracy counts outputs on either side of 0.5; with losses this close it must agree too.
  for (let e = 0; e < native.length; ++e) {
    assert.equal(wasm[e].accuracy, native[e].accuracy, `${name} ${precision}: accuracy of epoch ${e + 1}`);
    if (withTest) assert.equal(wasm[e].val_accuracy, native[e].val_accuracy, `${name} ${precision}: val_accuracy of epoch ${e + 1}`);
  }
  return worst;
}

async function parity(t, name, spec, run) {
  for (const precision of ['float64', 'float32']) {
    await t.test(precision, st => {
      const options = { epochs: EPOCHS, ...run, precision };
      const native = trainNative(name, spec, options);
      const wasm = trainWasm(spec, options);
      compareHistories(st, name, wasm, native, precision, options.testRatio > 0);
    });
  }
}

// Three Gaussian blobs as CSV with one-hot targets a, b, c (a seeded Park-Miller generator).
function threeBlobsCsv(rows = 150) {
  let s = 11;
  const uniform = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const normal = () => {
    for (;;) {
      const u = 2 * uniform() - 1, v = 2 * uniform() - 1, q = u * u + v * v;
      if (q > 0 && q < 1) return u * Math.sqrt(-2 * Math.log(q) / q);
    }
  };
  const centres = [[0, 2], [-1.7, -1], [1.7, -1]];
  const lines = ['x1,x2,a,b,c'];
  for (let i = 0; i < rows; ++i) {
    const c = i % 3;
    // 17 significant digits: the text reads back as the same double in C++ and in JavaScript.
    const x = [centres[c][0] + normal(), centres[c][1] + normal()].map(v => v.toPrecision(17));
    lines.push([...x, ...[0, 1, 2].map(k => (k === c ? 1 : 0))].join(','));
  }
  return lines.join('\n') + '\n';
}

test('the article network, Adam, batch 1 (article_bits)', async t => {
  const spec = {
    input_dim: 8,
    layers: [{ units: 10, activation: 'relu' }, { units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
    loss: 'binary_crossentropy',
    optimizer: { name: 'adam' },
  };
  await parity(t, 'article', spec, {
    dataset: { name: 'article_bits', count: 10, noise: 0, seed: 42 }, batchSize: 1, testRatio: 0, seed: 42,
  });
});

test('a tanh/softmax classifier, RMSprop, batch 8, shuffled, with a test split (spiral)', async t => {
  const spec = {
    input_dim: 2,
    layers: [{ units: 12, activation: 'tanh' }, { units: 12, activation: 'tanh' }, { units: 2, activation: 'softmax' }],
    loss: 'sparse_categorical_crossentropy',
    optimizer: { name: 'rmsprop', learning_rate: 0.01 },
  };
  await parity(t, 'spiral', spec, {
    dataset: { name: 'spiral', count: 200, noise: 0.2, seed: 1 }, batchSize: 8, testRatio: 0.25, seed: 7,
  });
});

test('three classes from CSV, one-hot targets, RMSprop with momentum, shuffled, test split', async t => {
  const spec = {
    input_dim: 2,
    layers: [{ units: 8, activation: 'tanh' }, { units: 3, activation: 'softmax' }],
    loss: 'categorical_crossentropy',
    optimizer: { name: 'rmsprop', learning_rate: 0.005, momentum: 0.5 },
  };
  await parity(t, 'blobs', spec, {
    data: threeBlobsCsv(), targets: ['a', 'b', 'c'], batchSize: 8, testRatio: 0.2, seed: 3,
  });
});

test('SGD with Nesterov momentum, l2, mse, tanh hidden layer (sine)', async t => {
  const spec = {
    input_dim: 1,
    layers: [{ units: 16, activation: 'tanh', l2: 0.001 }, { units: 1, activation: 'linear' }],
    loss: 'mse',
    optimizer: { name: 'sgd', learning_rate: 0.01, momentum: 0.9, nesterov: true },
  };
  await parity(t, 'sine', spec, {
    dataset: { name: 'sine', count: 100, noise: 0.1, seed: 5 }, batchSize: 10, testRatio: 0.2, seed: 9,
  });
});

test('Adagrad + mae (plane)', async t => {
  const spec = {
    input_dim: 2,
    layers: [{ units: 4, activation: 'relu' }, { units: 1, activation: 'linear' }],
    loss: 'mae',
    optimizer: { name: 'adagrad', learning_rate: 0.05 },
  };
  await parity(t, 'plane', spec, {
    dataset: { name: 'plane', count: 100, noise: 0.05, seed: 2 }, batchSize: 4, testRatio: 0.1, seed: 4,
  });
});

// ---- the layers beyond Dense (issue 13) ---------------------------------------------------

test('Dropout and BatchNormalization, Adam, shuffled, test split (spiral): the same masks natively and in WASM', async t => {
  const spec = {
    input_dim: 2,
    layers: [{ units: 16, activation: 'relu' }, { kind: 'BatchNormalization' }, { kind: 'Dropout', rate: 0.3 },
      { units: 16, activation: 'gelu' }, { kind: 'Dropout', rate: 0.2 }, { units: 2, activation: 'softmax' }],
    loss: 'sparse_categorical_crossentropy',
    optimizer: { name: 'adam', learning_rate: 0.01 },
  };
  await parity(t, 'dropout-bn', spec, {
    dataset: { name: 'spiral', count: 200, noise: 0.2, seed: 1 }, batchSize: 8, testRatio: 0.25, seed: 7, epochs: 40,
  });
});

test('every activation and the activation layers, LayerNormalization, RMSprop (sine)', async t => {
  const spec = {
    input_dim: 1,
    input_shape: [1, 1],
    layers: [{ kind: 'Flatten' }, { units: 8, activation: 'selu' }, { units: 8, activation: 'mish' },
      { kind: 'Activation', activation: 'silu' }, { units: 8, activation: 'celu' }, { kind: 'LayerNormalization' },
      { units: 8, activation: 'hard_silu' }, { kind: 'ReLU', max_value: 2, negative_slope: 0.1, threshold: 0.1 },
      { units: 6, activation: 'softsign' }, { kind: 'LeakyReLU' }, { units: 6, activation: 'gelu_approximate' },
      { kind: 'PReLU' }, { kind: 'ELU', alpha: 0.5 }, { units: 6, activation: 'hard_sigmoid' }, { units: 6, activation: 'relu6' },
      { units: 4, activation: 'softplus' }, { units: 4, activation: 'leaky_relu' }, { units: 4, activation: 'elu' },
      { units: 3, activation: 'log_softmax' }, { units: 3, activation: 'exponential' }, { units: 3, activation: 'softmax' },
      { kind: 'Activation', activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    loss: 'mse',
    optimizer: { name: 'rmsprop', learning_rate: 0.005 },
  };
  await parity(t, 'activations', spec, {
    dataset: { name: 'sine', count: 100, noise: 0.1, seed: 5 }, batchSize: 10, testRatio: 0.2, seed: 9, epochs: 40,
  });
});

test('bias and activity regularizers, MaxNorm, NonNeg, UnitNorm and MinMaxNorm, SGD momentum (plane)', async t => {
  const spec = {
    input_dim: 2,
    layers: [
      { units: 6, activation: 'tanh', l2: 0.01, bias_regularizer: { l1: 0.01, l2: 0 }, activity_regularizer: { l1: 0, l2: 0.001 },
        kernel_constraint: { class_name: 'MaxNorm', max_value: 1.5, axis: 0 }, bias_constraint: { class_name: 'NonNeg' } },
      { units: 4, activation: 'relu', kernel_constraint: { class_name: 'UnitNorm', axis: 1 },
        bias_constraint: { class_name: 'MinMaxNorm', min_value: 0.1, max_value: 0.5, rate: 0.7, axis: 0 } },
      { units: 1, activation: 'linear', l1: 0.001 }],
    loss: 'mse',
    optimizer: { name: 'sgd', learning_rate: 0.05, momentum: 0.9 },
  };
  await parity(t, 'constraints', spec, {
    dataset: { name: 'plane', count: 100, noise: 0.05, seed: 2 }, batchSize: 4, testRatio: 0.1, seed: 4, epochs: 40,
  });
});

// ---- generated data ----------------------------------------------------------------------

test('generated data matches the native golden values bit for bit (tests/cpp/generators_test.cpp)', () => {
  // The golden values live in the C++ test; read them from there so that there is one list.
  const source = fs.readFileSync(path.join(root, 'tests/cpp/generators_test.cpp'), 'utf8');
  const block = source.slice(source.indexOf('generator golden values'));
  const call = block.match(/generate_dataset\("(\w+)", options\((\d+), ([\d.]+), (\d+)\)\)/);
  assert.ok(call, 'no golden dataset found in generators_test.cpp');
  const [, name, count, noise, seed] = call;
  const golden = [...block.slice(0, block.indexOf('TEST_CASE')).matchAll(/CHECK\(d\.([xy])\((\d+), (\d+)\) == ([-\d.e+]+)\)/g)];
  assert.ok(golden.length >= 6, `expected the golden values, found ${golden.length}`);
  const d = ns.generateDataset(name, { count: Number(count), noise: Number(noise), seed: Number(seed) });
  for (const [, m, row, col, value] of golden) {
    // d.x(i, j) in C++ is feature i of sample j; the wrapper's x is row-major (sample j, feature i).
    const [i, j] = [Number(row), Number(col)];
    const actual = m === 'x' ? d.x[j * d.features + i] : d.y[j * d.targets + i];
    assert.equal(actual, Number(value), `${name}: ${m}(${i}, ${j})`);
  }
});

test('every generator gives the same data in WASM as natively (trained on natively, bit for bit)', async t => {
  // The CLI cannot print a dataset, but it trains on one: a float64 history is a fingerprint of
  // every bit of the data. Train natively once on --dataset and once on the WASM dataset
  // written as CSV (shortest round-trip text); the histories must be identical.
  const spec = {
    input_dim: 2,
    layers: [{ units: 5, activation: 'tanh' }, { units: 1, activation: 'linear' }],
    loss: 'mse',
    optimizer: { name: 'adam', learning_rate: 0.01 },
  };
  const names = ns.datasetNames();
  assert.ok(names.length >= 10, `only ${names.length} generators`);
  for (const name of names) {
    const dataset = { name, count: 120, noise: 0.3, seed: 1 };
    const generated = ns.generateDataset(name, { count: 120, noise: 0.3, seed: 1 });
    const s = { ...spec, input_dim: generated.features };
    const run = { epochs: 5, batchSize: 16, testRatio: 0, seed: 1, precision: 'float64' };
    const fromGenerator = trainNative(`${name}-generated`, s, { ...run, dataset });
    const fromWasm = trainNative(`${name}-wasm`, s, { ...run, data: ns.writeCsv(generated) });
    assert.deepEqual(fromWasm, fromGenerator, `${name}: the WASM data trains differently natively`);
  }
  t.diagnostic(`${names.length} generators: native training on WASM-generated data is bit-identical`);
});
