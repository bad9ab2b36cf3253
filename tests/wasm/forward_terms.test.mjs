// trainer.forwardTerms(layer, sample): the terms W(j, i) * aPrev(i, sample) that a Dense layer's z
// sums, which Teach mode shows for an image's pixels and ranks a long sum by. Each is the product
// the engine's own precision gives (float32: one rounding of the exact product), their sum in
// the kernel's order (i ascending, after b) is z bit for bit, and a layer whose forward phase has
// not run, a sample outside the batch or a layer that does not exist is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEngine } from './engine.mjs';

const ns = await loadEngine();

function trainer(precision) {
  const inputs = 30, rows = 3;
  const spec = { input_dim: inputs, layers: [{ units: 4, activation: 'relu' }, { units: 2, activation: 'softmax' }], loss: 'sparse_categorical_crossentropy', optimizer: 'adam' };
  const t = ns.createTrainer(spec, { precision, seed: 5 });
  const x = Array.from({ length: rows * inputs }, (_, k) => Math.sin(k * 1.7) * 0.9);
  t.setData({ rows, features: inputs, targets: 1, x, y: [0, 1, 1] });
  t.setBatchSize(rows);
  t.setShuffle(false);
  return t;
}

for (const precision of ['float32', 'float64']) {
  test(`${precision}: the terms are the layer's products, and they add up to z in the kernel's order`, () => {
    const t = trainer(precision);
    assert.throws(() => t.forwardTerms(0, 0), /sample 0 is not in the layer's last batch of 0 \(run its forward phase first\)/);
    t.stepPhase(); // forward through layer 0
    const view = t.teachingStep(1).layers[0];
    const round = precision === 'float32' ? Math.fround : (v) => v;
    for (let s = 0; s < 3; ++s) {
      const m = t.forwardTerms(0, s);
      assert.deepEqual([m.rows, m.cols], [4, 30]);
      for (let j = 0; j < 4; ++j) {
        let z = view.b.data[j];
        for (let i = 0; i < 30; ++i) {
          const term = m.data[j + i * 4];
          assert.equal(term, round(view.W.data[j + i * 4] * view.aPrev.data[i + s * 30]));
          z = round(z + term);
        }
        assert.equal(z, view.z.data[j + s * 4], `z of unit ${j}, sample ${s}`);
      }
    }
    assert.throws(() => t.forwardTerms(0, 3), (err) => err.id === 'teaching.no_sample' && err.args.count === '3' && /sample 3 is not in the layer's last batch of 3/.test(err.message));
    assert.throws(() => t.forwardTerms(0, -1), /sample/);
    assert.throws(() => t.forwardTerms(5, 0), /layer 5 does not exist|layer 6 does not exist|does not exist/);
    t.dispose();
  });
}
