// Saving and loading through the wrapper: the model file round trip, Keras's to_json, precision
// and seed options.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { articleSpec, flatWeights, loadEngine } from './engine.mjs';

let ns;
let data;
before(async () => {
  ns = await loadEngine();
  data = ns.generateDataset('article_bits');
});

// A loaded model's layers carry Keras's names (dense, dense_1, ...); the spec's had none.
function unnamed(spec) {
  return { ...spec, layers: spec.layers.map(({ name, ...layer }) => layer) };
}

function trained(precision) {
  const t = ns.createTrainer(articleSpec, { precision, seed: 11 });
  t.setData(data);
  t.setBatchSize(2);
  t.trainEpochs(40);
  return t;
}

describe('model files', () => {
  for (const precision of ['float32', 'float64']) {
    test(`a ${precision} model round-trips with identical predictions`, () => {
      const t = trained(precision);
      const text = t.toJson();
      const file = JSON.parse(text);
      assert.equal(file.format, 'neurostep-model');
      assert.deepEqual(file.training, { precision, seed: 11, batch_size: 2, epochs_trained: 40 });

      const loaded = ns.createTrainer(text);
      assert.equal(loaded.precision, precision);
      assert.deepEqual(unnamed(loaded.spec()), t.spec());
      assert.deepEqual(flatWeights(loaded), flatWeights(t));
      assert.deepEqual(loaded.predict(data.x, data.rows).data, t.predict(data.x, data.rows).data);
      assert.equal(loaded.state().batchSize, 2);
      assert.equal(loaded.state().seed, 11);

      // Epochs trained before loading are counted on.
      loaded.setData(data);
      loaded.trainEpochs(5);
      assert.equal(JSON.parse(loaded.toJson()).training.epochs_trained, 45);
      t.dispose();
      loaded.dispose();
    });
  }

  test("a loaded model's optimizer goes on where it stopped: training continues bit for bit", () => {
    const t = trained('float32');
    t.setShuffle(false);
    const text = t.toJson();
    const loaded = ns.createTrainer(text);
    loaded.setData(data);
    loaded.setShuffle(false);
    assert.equal(loaded.state().iterations, t.state().iterations);
    t.trainEpochs(3);
    loaded.trainEpochs(3);
    assert.deepEqual(flatWeights(loaded), flatWeights(t));
    // Without the state (an older file) Adam starts again, and the weights part ways.
    const file = JSON.parse(text);
    delete file.optimizer_state;
    const restarted = ns.createTrainer(JSON.stringify(file));
    restarted.setData(data);
    restarted.setShuffle(false);
    assert.equal(restarted.state().iterations, 0);
    restarted.trainEpochs(3);
    assert.notDeepEqual(flatWeights(restarted), flatWeights(t));
    for (const x of [t, loaded, restarted]) x.dispose();
  });

  // Adam on gradients near 1e24 in float32: its steps stay bounded by the learning rate, so the
  // weights stay finite, but v (the squared gradients) overflows. The file then leaves the
  // optimizer's state out (its own loader would refuse it) and says so through
  // optimizerStateSavable(); it loads, with the same weights, and trains on.
  test("a model whose optimizer state overflowed saves without it, and says so", () => {
    const spec = { input_dim: 1, layers: [{ units: 1, activation: 'linear' }], loss: 'mean_squared_error', optimizer: { name: 'adam' } };
    const huge = { rows: 4, features: 1, targets: 1, x: [1e12, 1e12, 1e12, 1e12], y: [0, 0, 0, 0] };
    const t = ns.createTrainer(spec, { precision: 'float32', seed: 1 });
    t.setData(huge);
    t.trainEpochs(1);
    assert.equal(t.optimizerStateSavable(), false);
    const file = JSON.parse(t.toJson());
    assert.equal(file.optimizer_state, undefined);
    const back = ns.createTrainer(t.toJson());
    assert.deepEqual(flatWeights(back), flatWeights(t));
    back.setData(huge);
    assert.equal(back.trainEpochs(1), 1);
    const fine = trained('float32');
    assert.equal(fine.optimizerStateSavable(), true);
    assert.ok(JSON.parse(fine.toJson()).optimizer_state.iterations > 0);
    for (const x of [t, back, fine]) x.dispose();
  });

  test('options override the file: precision and seed', () => {
    const t = trained('float32');
    const loaded = ns.createTrainer(t.toJson(), { precision: 'float64', seed: 3 });
    assert.equal(loaded.precision, 'float64');
    assert.equal(loaded.state().seed, 3);
    assert.deepEqual(flatWeights(loaded), flatWeights(t)); // floats widen exactly
    const a = t.predict(data.x, 10).data;
    const b = loaded.predict(data.x, 10).data;
    for (let j = 0; j < 10; ++j) assert.ok(Math.abs(a[j] - b[j]) < 1e-5);
    t.dispose();
    loaded.dispose();
  });

  test("Keras's model.to_json() loads with fresh weights from the seed", () => {
    const t = trained('float32');
    const keras = JSON.stringify(JSON.parse(t.toJson()).model);
    const loaded = ns.createTrainer(keras, { seed: 42 });
    assert.deepEqual(unnamed(loaded.spec()).layers, t.spec().layers);
    assert.deepEqual(flatWeights(loaded), flatWeights(ns.createTrainer(articleSpec, { seed: 42 })));
    loaded.setData(data);
    assert.equal(loaded.trainEpochs(2), 2);
    t.dispose();
    loaded.dispose();
  });

  test('a spec given as text is a model without weights', () => {
    const loaded = ns.createTrainer(JSON.stringify(articleSpec));
    assert.deepEqual(flatWeights(loaded), flatWeights(ns.createTrainer(articleSpec)));
    loaded.dispose();
  });

  test('the spec carries the optimizer as it is now', () => {
    const t = ns.createTrainer(articleSpec);
    t.setLearningRate(0.02);
    assert.equal(t.spec().optimizer.learning_rate, 0.02);
    assert.equal(ns.createTrainer(t.toJson()).spec().optimizer.learning_rate, 0.02);
    t.dispose();
  });

  test('a file may carry the page\'s record of its data ("data", an object the engine leaves alone)', () => {
    const t = trained('float32');
    const file = JSON.parse(t.toJson());
    const withData = JSON.stringify({ ...file, data: { kind: 'generated', name: 'article_bits', count: 10, noise: 0, seed: 42, testRatio: 0 } });
    const loaded = ns.createTrainer(withData);
    assert.deepEqual(flatWeights(loaded), flatWeights(t));
    assert.throws(() => ns.createTrainer(JSON.stringify({ ...file, data: [1, 2] })), /data.*object/);
    assert.throws(() => ns.createTrainer(JSON.stringify({ ...file, dataset: {} })), /dataset/);
    loaded.dispose();
    t.dispose();
  });
});
