// The catalogue and the teaching step through the wrapper: ns.catalogue() is what the engine
// accepts (each default and range tried on a real trainer), and trainer.teachingStep(done) is the
// engine's own view of a step, every value the one layerTrace and lossTrace give.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { articleSpec, loadEngine, planeSpec } from './engine.mjs';

let ns;
before(async () => {
  ns = await loadEngine();
});

describe('the catalogue', () => {
  test('names what the engine accepts and nothing else', () => {
    const c = ns.catalogue();
    assert.equal(ns.catalogue(), c, 'read once: the same object');
    assert.ok(Object.isFrozen(c) && Object.isFrozen(c.optimizers[0].fields[0]));
    const spec = (activation, loss) => ({ input_dim: 2, layers: [{ units: 3, activation }, { units: 2, activation: 'softmax' }], loss, optimizer: 'adam' });
    for (const a of c.activations) ns.createTrainer(spec(a.name, 'mean_squared_error')).dispose();
    for (const l of c.losses) for (const name of [l.name, ...l.aliases]) ns.createTrainer(spec('relu', name)).dispose();
    for (const init of c.initializers) ns.createTrainer({ input_dim: 2, layers: [{ units: 1, kernel_initializer: init }], loss: 'mse' }).dispose();
    assert.throws(() => ns.createTrainer(spec('sparsemax', 'mse')), /unknown activation 'sparsemax'; valid names are: linear, relu/);
    assert.deepEqual(c.activations.find((a) => a.name === 'leaky_relu').parameters, { negative_slope: 0.2 });
    assert.deepEqual(c.losses.find((l) => l.name === 'mean_squared_error').aliases, ['mse']);
    assert.equal(c.losses.find((l) => l.name === 'binary_crossentropy').combinesWith, 'sigmoid');
    assert.equal(c.limits.batchSize.max, 1000000);
  });

  test('is the catalogue the page is built with (web/src/engine/catalogue.json, from the native `neurostep catalogue`)', () => {
    const built = JSON.parse(readFileSync(new URL('../../web/src/engine/catalogue.json', import.meta.url), 'utf8'));
    assert.deepStrictEqual(built, JSON.parse(JSON.stringify(ns.catalogue())), 'native and WebAssembly agree, and the build is not stale');
  });

  test('the example is the article\'s network, and every range is the one the engine checks', () => {
    const c = ns.catalogue();
    assert.deepEqual(c.example.layers.map((l) => [l.units, l.activation]), [[10, 'relu'], [8, 'relu'], [1, 'sigmoid']]);
    assert.equal(c.example.loss, 'binary_crossentropy');
    ns.createTrainer(c.example).dispose();
    const { batchSize, count, noise, testRatio, regularization, seed } = c.limits;
    const t = ns.createTrainer(planeSpec);
    for (const v of [batchSize.min, batchSize.max]) t.setBatchSize(v);
    for (const v of [batchSize.min - 1, batchSize.max + 1]) assert.throws(() => t.setBatchSize(v), /batch size must be in/);
    t.dispose();
    const generate = (count, noise, seed) => ns.generateDataset('xor', { count, noise, seed });
    for (const [n, x] of [[count.min, noise.min], [count.min, noise.max]]) generate(n, x, seed.max);
    assert.throws(() => generate(count.min - 1, 0, 1), /count must be between/);
    assert.throws(() => generate(10, noise.max * 1.001, 1), /noise must be/);
    assert.throws(() => generate(10, 0, seed.max + 1), /seed must be/);
    // Whole-number targets are class indices below maxGuessedClasses (pick_task), numbers from it on.
    const classesUpTo = (top) => ns.pickTask({ rows: 3, features: 1, targets: 1, x: [0, 1, 2], y: [0, 1, top] });
    assert.equal(classesUpTo(c.limits.maxGuessedClasses - 1).kind, 'multiclass');
    assert.equal(classesUpTo(c.limits.maxGuessedClasses).kind, 'regression');
    const data = generate(20, 0, 1);
    ns.splitDataset(data, testRatio.max, 1);
    assert.throws(() => ns.splitDataset(data, testRatio.max + 1e-9, 1), /test ratio must be between/);
    const layer = (r) => ({ input_dim: 2, layers: [{ units: 1, l1: r, l2: r }], loss: 'mse' });
    ns.createTrainer(layer(regularization.max)).dispose();
    assert.throws(() => ns.createTrainer(layer(regularization.max * 1.001)), /l1 must be in/);
  });

  test('each optimizer takes its defaults, its bounds, and refuses just past them', () => {
    const c = ns.catalogue();
    for (const { name, fields } of c.optimizers) {
      const t = ns.createTrainer({ ...planeSpec, optimizer: { name } });
      const keras = t.spec().optimizer;
      for (const f of fields) {
        assert.equal(keras[f.key], f.default, `${name}.${f.key} default`);
        if (f.type !== 'number') continue;
        const set = (v) => t.setOptimizer({ name, [f.key]: v });
        if (f.minExclusive) assert.throws(() => set(f.min), new RegExp(f.key));
        else set(f.min);
        assert.throws(() => set(f.min - 1e-3), new RegExp(f.key), `${name}.${f.key} below`);
        if (f.max !== null) {
          if (f.maxExclusive) assert.throws(() => set(f.max), new RegExp(f.key));
          else set(f.max);
          assert.throws(() => set(f.max * 1.001 + 1e-3), new RegExp(f.key), `${name}.${f.key} above`);
        }
      }
      t.dispose();
    }
  });
});

describe('a teaching step', () => {
  test('is the engine\'s own view, phase by phase, f\'(z) included', () => {
    const t = ns.createTrainer(articleSpec);
    t.setData(ns.generateDataset('article_bits'));
    t.setBatchSize(2);
    const total = t.state().phasesPerBatch;
    let view = t.teachingStep(0);
    assert.equal(view.total, total);
    assert.deepEqual(view.phase, { kind: 'start', layer: null });
    assert.deepEqual(view.phases.map((p) => `${p.kind}${p.layer ?? ''}`),
      ['forward0', 'forward1', 'forward2', 'loss', 'backward2', 'backward1', 'backward0', 'update0', 'update1', 'update2']);
    assert.equal(view.layers[0].z, null);
    assert.equal(view.loss, null);
    for (let p = 1; p <= total; ++p) {
      t.stepPhase();
      view = t.teachingStep(p);
      assert.deepEqual(view.phase, view.phases[p - 1]);
      for (let l = 0; l < 3; ++l) {
        const layer = view.layers[l], trace = t.layerTrace(l);
        const forward = view.phases.slice(0, p).some((q) => q.kind === 'forward' && q.layer === l);
        const backward = view.phases.slice(0, p).some((q) => q.kind === 'backward' && q.layer === l);
        assert.deepEqual(layer.z, forward ? trace.z : null);
        assert.deepEqual(layer.dZ, backward ? trace.dZ : null);
        if (forward) {
          // relu'(z) = [z > 0]; sigmoid'(z) = a (1 - a), as the float32 engine computes it.
          const f = layer.fPrime.data;
          trace.z.data.forEach((z, i) => {
            const a = trace.a.data[i];
            assert.equal(f[i], l < 2 ? (z > 0 ? 1 : 0) : Math.fround(a * Math.fround(1 - a)));
          });
        }
      }
      assert.equal(view.loss === null, p <= 3);
    }
    assert.throws(() => t.teachingStep(3), /has done 0 of the 10 phases of its batch, not 3/);
    t.dispose();
  });
});
