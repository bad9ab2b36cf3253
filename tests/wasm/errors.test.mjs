// Every bad input through the wrapper is an Error with a message that says what was wrong, and
// the trainer it was aimed at keeps its state and goes on training.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { articleSpec, flatWeights, loadEngine, planeSpec } from './engine.mjs';

let ns;
let xor;
before(async () => {
  ns = await loadEngine();
  xor = ns.generateDataset('xor', { count: 8 });
});

function ready() {
  const t = ns.createTrainer(planeSpec, { seed: 1 });
  t.setData(xor);
  t.setBatchSize(4);
  t.trainEpochs(2);
  t.stepPhase();
  return t;
}

// Calls that fail on a trainer: [what, (trainer) => call, expected message].
const trainerCases = [
  ['wrong typed-array length', (t) => t.predict(new Float64Array(5), 2), /^predict: x has 5 values but rows x inputs = 2 x 2 = 4$/],
  ['NaN in predict input', (t) => t.predict([0, Number.NaN], 1), /^predict: row 1, feature 2 is not a finite number$/],
  ['NaN in data', (t) => t.setData({ ...xor, x: xor.x.map((v, i) => (i === 3 ? Number.NaN : v)) }),
    /^training data: row 2, feature 2 is not a finite number \(nan\)$/],
  ['dataset width does not match the input layer', (t) => t.setData(ns.generateDataset('article_bits')),
    /^training data has 8 feature columns but the network's input layer takes 2$/],
  ['test data width does not match', (t) => t.setData(xor, ns.generateDataset('sine', { count: 8 })),
    /^test data has 1 feature columns but the network's input layer takes 2$/],
  ['labels outside [0, 1] for binary cross-entropy', (t) => t.setData({ ...xor, y: xor.y.map((v) => 2 * v) }),
    /^training data: row 2, target 1 is 2; binary_crossentropy needs targets in \[0, 1\]$/],
  ['x shorter than rows x features', (t) => t.setData({ ...xor, x: xor.x.subarray(1) }),
    /^training data: x has 15 values but rows x features = 8 x 2 = 16$/],
  ['dataset that is not an object', (t) => t.setData('xor'), /^training data must be an object, got "xor"$/],
  ['evaluation data of the wrong width', (t) => t.evaluate(ns.generateDataset('sine', { count: 8 })),
    /^evaluation data has 1 feature columns but the network's input layer takes 2$/],
  ['negative learning rate', (t) => t.setLearningRate(-0.1), /^learning_rate must be a positive number, got -0.1$/],
  ['optimizer with a negative learning rate', (t) => t.setOptimizer({ name: 'adam', learning_rate: -1 }),
    /^optimizer: learning_rate must be a positive number, got -1$/],
  ['hyperparameter of another optimizer', (t) => t.setOptimizer({ name: 'sgd', beta_1: 0.5 }),
    /"beta_1" is not a hyperparameter of sgd \(adam has it\)/],
  ['unknown optimizer', (t) => t.setOptimizer({ name: 'adamw' }), /unknown optimizer 'adamw'; valid names are: sgd, adam, rmsprop, adagrad/],
  ['batch size 0', (t) => t.setBatchSize(0), /^batch size must be in \[1, 1000000\], got 0$/],
  ['fractional batch size', (t) => t.setBatchSize(1.5), /^batch size must be an integer, got 1.5$/],
  ['batch size as text', (t) => t.setBatchSize('8'), /^batch size must be a number, got "8"$/],
  ['negative epochs', (t) => t.trainEpochs(-1), /^epochs must be in \[0, 1000000\], got -1$/],
  ['negative seed', (t) => t.reset(-1), /^seed must be an integer in \[0, 4294967295\], got -1$/],
  ['layer that does not exist', (t) => t.layerTrace(5), /^layer 6 does not exist; the network has 2 layers$/],
  ['weight outside the kernel', (t) => t.setWeight(0, 6, 0, 1), /^layer 1: weight \(6, 0\) is outside its 6 x 2 kernel$/],
  ['NaN weight', (t) => t.setWeight(0, 0, 0, Number.NaN), /^a weight must be a finite number/],
  ['weights of the wrong shape', (t) => t.setWeights([{ W: { rows: 2, cols: 2, data: [1, 2, 3, 4] }, b: { rows: 6, cols: 1, data: new Float64Array(6) } }, t.weights()[1]]),
    /^layer 1: kernel must be 6 x 2 \(units x inputs\), got 2 x 2$/],
  ['weights for too few layers', (t) => t.setWeights(t.weights().slice(1)), /^expected weights for 2 layers, got 1$/],
  ['Mat whose data does not fit', (t) => t.setWeights(t.weights().map((w) => ({ ...w, b: { rows: 6, cols: 1, data: [1] } }))),
    /^layer 1 b.data has 1 values but rows x cols = 6 x 1 = 6$/],
  ['shuffle that is not a boolean', (t) => t.setShuffle(1), /^shuffle must be true or false, got 1$/],
];

// Calls that fail before any trainer exists: [what, () => call, expected message].
const engineCases = [
  ['unknown activation name', () => ns.createTrainer({ ...planeSpec, layers: [{ units: 3, activation: 'sparsemax' }, { units: 1 }] }),
    /^layers\[0\]\.activation: unknown activation 'sparsemax'; valid names are: linear, relu,/],
  ['zero units', () => ns.createTrainer({ ...planeSpec, layers: [{ units: 0 }] }), /^layers\[0\]\.units must be between 1 and 4096, got 0$/],
  ['unknown loss', () => ns.createTrainer({ ...planeSpec, loss: 'hinge' }), /^loss: unknown loss 'hinge'/],
  ['misspelt key', () => ns.createTrainer({ ...planeSpec, input_dims: 2 }), /input_dims/],
  ['malformed JSON', () => ns.createTrainer('{"format": "neurostep-model", '), /^invalid JSON at byte \d+ \(line 1, column \d+\)/],
  ['a JSON text that is no model', () => ns.createTrainer('[1, 2]'), /^a model must be a JSON object, got an array$/],
  ['unknown precision', () => ns.createTrainer(planeSpec, { precision: 'float16' }), /^precision must be 'float32' or 'float64', got 'float16'$/],
  ['malformed CSV: ragged row', () => ns.parseCsv('x,y\n1,2\n3\n'), /^line 3: expected 2 fields but found 1 \(ragged row\)$/],
  ['malformed CSV: text in a number column', () => ns.parseCsv('x,y\n1,2\n3,abc\n'), /^line 3, column 2 \("y"\): "abc" is not a number$/],
  ['malformed CSV: unclosed quote', () => ns.parseCsv('"x,y\n1,2\n'), /^line 1, column 1: the quoted field has no closing quote$/],
  ['CSV with an unknown target column', () => ns.parseCsv('x,y\n1,2\n', { targetColumns: ['z'] }), /^unknown target column "z"; the columns are "x", "y"$/],
  ['CSV header option', () => ns.parseCsv('x,y\n1,2\n', { header: 'maybe' }), /^header must be 'auto', 'yes' or 'no', got 'maybe'$/],
  ['CSV that is not text', () => ns.parseCsv(42), /^CSV text must be a string, got 42$/],
  ['unknown dataset', () => ns.generateDataset('swirl'), /^unknown dataset "swirl"; the datasets are article_bits,/],
  ['dataset count too small', () => ns.generateDataset('xor', { count: 2 }), /^count must be between 4 and 1000000 \(got 2\)$/],
  ['split leaving no training rows', () => ns.splitDataset(xor, 0.95, 1), /^test ratio must be between 0 and 0\.9 \(got 0\.95\)$/],
  ['no training data', () => ns.createTrainer(planeSpec).stepBatch(), /^no training data: set a dataset first$/],
  ['wrong dataset for writeCsv', () => ns.writeCsv({ rows: 2, features: 1, targets: 1, x: [1], y: [0, 1] }),
    /^dataset: x has 1 values but rows x features = 2 x 1 = 2$/],
];

describe('bad input', () => {
  for (const [what, call, message] of trainerCases) {
    test(`${what}: an Error, and the trainer goes on`, () => {
      const t = ready();
      const state = t.state();
      const weights = flatWeights(t);
      const spec = t.spec();
      assert.throws(() => call(t), (e) => {
        assert.ok(e instanceof Error);
        assert.equal(e.name, 'NeuroStepError');
        assert.match(e.message, message);
        return true;
      });
      // Nothing changed ...
      assert.deepEqual(t.state(), state);
      assert.deepEqual(flatWeights(t), weights);
      assert.deepEqual(t.spec(), spec);
      // ... and training goes on exactly as it would have without the error.
      const twin = ready();
      t.stepBatch();
      twin.stepBatch();
      assert.equal(t.trainEpochs(2), 2);
      assert.equal(twin.trainEpochs(2), 2);
      assert.deepEqual(flatWeights(t), flatWeights(twin));
      t.dispose();
      twin.dispose();
    });
  }

  for (const [what, call, message] of engineCases) {
    test(`${what}: an Error`, () => {
      assert.throws(call, (e) => {
        assert.ok(e instanceof Error);
        assert.match(e.message, message);
        return true;
      });
    });
  }

  test('a trainer made after errors works', () => {
    const t = ns.createTrainer(articleSpec);
    t.setData(ns.generateDataset('article_bits'));
    assert.equal(t.trainEpochs(3), 3);
    t.dispose();
  });
});
