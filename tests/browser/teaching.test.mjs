// Teaching mode in headless Chromium: one training step of the article's network, phase by
// phase. Every number the page shows carries its exact value and where it came from
// (data-value, data-src); each is checked against an independent oracle: the same engine
// loaded separately in Node, given the page's weights and the same row, and stepped phase by
// phase. After the last phase the weights must equal one ordinary training step.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadEngine } from '../wasm/engine.mjs';
import { openPlayground, screenshot, startBrowser } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
/** @type {import('../../web/src/engine/neurostep.js').NeuroStep} */
let ns;

before(async () => {
  [browser, ns] = await Promise.all([startBrowser(), loadEngine()]);
});
after(async () => {
  await browser?.close();
});

// ---- the page ---------------------------------------------------------------------------------

const trace = (page) => page.evaluate(() => window.__neurostep.teachingTrace());

async function enterTeach(page) {
  await page.getByTestId('mode-teach').click();
  await page.getByTestId('teaching').waitFor();
}

/** Teach on one training row (0-based), from its first step. */
async function chooseRow(page, row) {
  await page.getByTestId('teach-source').selectOption(String(row));
  await page.waitForFunction((row) => {
    const t = window.__neurostep.teachingTrace();
    return t && t.source.kind === 'sample' && t.source.row === row && t.index === 0 && document.querySelector('[data-testid=teaching]')?.dataset.step === '0';
  }, row);
}

async function waitStep(page, k) {
  await page.waitForFunction((k) => document.querySelector('[data-testid=teaching]')?.dataset.step === String(k) && window.__neurostep.teachingTrace()?.index === k, k);
}

async function goTo(page, k) {
  await page.getByTestId(`step-${k}`).click();
  await waitStep(page, k);
}

/** Every number on screen that names its source: {src, value, text}. */
function shownNumbers(page) {
  return page.$$eval('[data-testid=teaching] [data-src]', (els) => els.map((e) => ({ src: e.dataset.src, value: e.dataset.value, text: e.textContent.trim() })));
}

/** The page's weights as plain arrays (W units x inputs column-major, b). */
async function pageWeights(page) {
  return page.evaluate(() => window.__neurostep.snapshot().weights.map((w) => ({ W: { rows: w.W.rows, cols: w.W.cols, data: Array.from(w.W.data) }, b: Array.from(w.b) })));
}

// ---- the oracle ---------------------------------------------------------------------------------

/** fmt4 of web/src/lib/number-format.ts, written again: 4 significant digits, no trailing zeros. */
function fmt4(v) {
  if (v === 0) return '0';
  const a = Math.abs(v);
  const trim = (s) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (a >= 1e-4 && a < 1e5) return trim(v.toPrecision(4));
  const [m, e] = v.toExponential(3).split('e');
  return `${trim(m)}e${e.replace('+', '')}`;
}

/** The text of a number as shown (a table cell "−1.2e−5", or KaTeX's "−1.2×10−5") in fmt4's form. */
const normalise = (text) => text.replace(/\u2212/g, '-').replace(/\s/g, '').replace('×10', 'e');

/** One row of the article's data, as the page trains on it. */
function rowData(row) {
  const d = ns.generateDataset('article_bits');
  return { ...d, rows: 1, x: d.x.slice(row * d.features, (row + 1) * d.features), y: d.y.slice(row * d.targets, (row + 1) * d.targets) };
}

/** A trainer with the page's spec and weights on one row: what teaching mode should step. */
function oracleTrainer(spec, weights, row) {
  const t = ns.createTrainer(spec, { precision: 'float32', seed: 42 });
  t.setWeights(weights.map((w) => ({ W: w.W, b: { rows: w.b.length, cols: 1, data: w.b } })));
  t.setData(rowData(row));
  t.setBatchSize(1);
  t.setShuffle(false);
  return t;
}

/** What the oracle holds after k phases on `row`, in the TeachView's shape (nothing masked). */
function oracleView(start, k, row) {
  const t = start.clone();
  const before = start.clone();
  try {
    for (let p = 0; p < k; ++p) t.stepPhase();
    for (let p = 0; p < k - 1; ++p) before.stepPhase();
    const L = t.spec().layers.length;
    const last = t.state().lastPhase;
    const d = rowData(row);
    return {
      // One sample: its features and targets are already a features x 1 column.
      batch: { x: { rows: d.features, cols: 1, data: d.x }, y: { rows: d.targets, cols: 1, data: d.y } },
      spec: t.spec(),
      layers: Array.from({ length: L }, (_, l) => t.layerTrace(l)),
      loss: t.lossTrace(),
      before: k > 0 && last.kind === 'update' ? before.layerTrace(last.layer) : null,
    };
  } finally {
    t.dispose();
    before.dispose();
  }
}

function resolve(obj, path) {
  let v = obj;
  for (const key of path.split('.')) {
    if (v === null || v === undefined) return undefined;
    v = v[key];
  }
  return v;
}

/** Every shown number with a source equals the oracle's, exactly, and is shown as fmt4 of it. */
function checkShown(shown, view, k) {
  assert.ok(shown.length >= 5, `step ${k}: at least 5 engine numbers on screen, got ${shown.length}`);
  for (const { src, value, text } of shown) {
    const expected = resolve(view, src);
    assert.equal(typeof expected, 'number', `step ${k}: ${src} names a number in the engine's trace`);
    assert.equal(Number(value), expected, `step ${k}: ${src} carries the engine's exact value`);
    assert.equal(normalise(text), fmt4(expected), `step ${k}: ${src} is shown as ${fmt4(expected)} (4 significant digits), got "${text}"`);
  }
}

/** The worker's trace for step k equals the oracle's wherever the step has computed a value. */
function checkTrace(worker, oracle, k) {
  const same = (a, b, what) => {
    assert.equal(a.rows, b.rows, `${what} rows`);
    assert.equal(a.cols, b.cols, `${what} cols`);
    assert.deepEqual(Array.from(a.data), Array.from(b.data), what);
  };
  worker.layers.forEach((layer, l) => {
    for (const key of ['W', 'b', 'aPrev', 'z', 'a', 'dA', 'dZ', 'dW', 'db', 'dAPrev', 'deltaW', 'deltaB']) {
      if (layer[key] !== null) same(layer[key], oracle.layers[l][key], `step ${k}, layer ${l + 1}, ${key}`);
    }
    for (const [name, slot] of Object.entries(layer.slots)) {
      same(slot.W, oracle.layers[l].slots[name].W, `step ${k}, layer ${l + 1}, slot ${name}.W`);
      same(slot.b, oracle.layers[l].slots[name].b, `step ${k}, layer ${l + 1}, slot ${name}.b`);
    }
    if (layer.stepScalars) assert.deepEqual(layer.stepScalars, oracle.layers[l].stepScalars, `step ${k}, layer ${l + 1}, t and alpha`);
  });
  if (worker.loss) {
    assert.equal(worker.loss.batchLoss, oracle.loss.batchLoss, `step ${k}: batch loss`);
    assert.deepEqual(worker.loss.perSample, oracle.loss.perSample, `step ${k}: per-sample loss`);
    same(worker.loss.dA, oracle.loss.dA, `step ${k}: loss dA`);
  }
}

/** Every number on screen equals the worker's own trace for this step, at full and at shown precision. */
async function checkAgainstWorker(page, what) {
  const view = await trace(page);
  const shown = await shownNumbers(page);
  assert.ok(shown.length >= 3, `${what}: numbers on screen`);
  for (const { src, value, text } of shown) {
    const expected = resolve(view, src);
    assert.equal(typeof expected, 'number', `${what}, step ${view.index}: ${src} names a number the step has computed`);
    assert.equal(Number(value), expected, `${what}, step ${view.index}: ${src}`);
    assert.equal(normalise(text), fmt4(expected), `${what}, step ${view.index}: ${src} shown as "${text}"`);
  }
}

/** Every step from the first to the last, checked; the last equals one ordinary training step. */
async function walkAll(page, what) {
  const total = (await trace(page)).total;
  for (let k = 0; k <= total; ++k) {
    if (k > 0) await goTo(page, k);
    await checkAgainstWorker(page, what);
  }
  assert.equal(await page.getByTestId('teach-finished').getAttribute('data-same'), 'true', `${what}: the last step equals an ordinary step`);
}

async function setNumber(page, key, value) {
  const input = page.getByTestId(`field-${key}`).locator('input');
  await input.fill(String(value));
  await input.press('Enter');
  await page.waitForFunction(([k, v]) => window.__neurostep.settings()[k] === v, [key, value]);
}

async function setChoice(page, key, value) {
  await page.getByTestId(`field-${key}`).locator('select').selectOption(value);
  await page.waitForFunction(([k, v]) => window.__neurostep.settings()[k] === v, [key, value]);
}

async function setActivation(page, layer, activation) {
  await page.getByTestId(`activation-${layer}`).selectOption(activation);
  await page.waitForFunction(([l, a]) => window.__neurostep.hidden()[l - 1].activation === a, [layer, activation]);
}

async function openMoreSettings(page) {
  const more = page.locator('.settings details.more');
  if (!(await more.evaluate((d) => d.open))) await more.locator('summary').click();
}

async function pickDataset(page, name) {
  await page.getByTestId(`dataset-${name}`).click();
  await page.waitForFunction((n) => window.__neurostep.settings().dataset === n && window.__neurostep.snapshot() !== null, name);
}

const flat = (weights) => weights.flatMap((w) => [...Array.from(w.W.data), ...Array.from(w.b.data ?? w.b)]);

// ---- the tests ------------------------------------------------------------------------------------

describe('teaching mode', () => {
  test("every number of every step on the article's first sample is the engine's, and the last step equals one training step", async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    const spec = await page.evaluate(() => window.__neurostep.spec());
    const weights = await pageWeights(page);
    await enterTeach(page);
    await chooseRow(page, 0);
    const start = oracleTrainer(spec, weights, 0);
    try {
      const first = await trace(page);
      assert.equal(first.total, 3 * 3 + 1);
      assert.deepEqual(first.rows, [0]);
      for (let k = 0; k <= first.total; ++k) {
        if (k > 0) await goTo(page, k);
        const oracle = oracleView(start, k, 0);
        const worker = await trace(page);
        assert.equal(worker.index, k);
        checkTrace(worker, oracle, k);
        checkShown(await shownNumbers(page), oracle, k);
        // The step bar and the diagram say where we are.
        assert.equal(await page.getByTestId(`step-${k}`).getAttribute('aria-current'), 'step');
        const kind = worker.phase.kind;
        assert.equal(await page.getByTestId('teach-diagram').getAttribute('data-direction'), kind === 'forward' || kind === 'loss' ? 'forward' : kind === 'backward' ? 'backward' : 'none');
      }
      // After the last phase: exactly one ordinary training step from the same start.
      const ordinary = start.clone();
      ordinary.stepBatch();
      const end = await trace(page);
      assert.deepEqual(flat(end.layers.map((l) => ({ W: l.W, b: l.b }))), flat(ordinary.weights()));
      ordinary.dispose();
      assert.equal(await page.getByTestId('teach-finished').getAttribute('data-same'), 'true');
      assert.deepEqual(errors, []);
    } finally {
      start.dispose();
      await page.close();
    }
  });

  test('Back then Next shows the same numbers; switching modes keeps the network; keeping the step trains it', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    const spec = await page.evaluate(() => window.__neurostep.spec());
    const before = await pageWeights(page);
    await enterTeach(page);
    // The default row is the one Step would train on next.
    const first = await trace(page);
    assert.equal(first.source.kind, 'sample');
    assert.equal(first.source.row, first.nextRow);
    const row = first.source.row;
    for (const k of [4, 6, 9]) {
      await goTo(page, k);
      const shown = await shownNumbers(page);
      const worker = await trace(page);
      await page.getByTestId('teach-back').click();
      await waitStep(page, k - 1);
      await page.getByTestId('teach-next').click();
      await waitStep(page, k);
      assert.deepEqual(await shownNumbers(page), shown, `step ${k} again after Back, Next`);
      assert.deepEqual(await trace(page), worker, `the worker's step ${k} again after Back, Next`);
    }
    // The keyboard: left and right arrows.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowLeft');
    await waitStep(page, 8);
    await page.keyboard.press('ArrowRight');
    await waitStep(page, 9);

    // Teaching worked on a copy: back in Play mode the network is as it was.
    await goTo(page, 10);
    await page.getByTestId('mode-play').click();
    await page.getByTestId('network-diagram').waitFor();
    assert.deepEqual(await pageWeights(page), before);
    assert.deepEqual(await page.evaluate(() => window.__neurostep.spec()), spec);
    assert.equal(await page.getByTestId('step-counter').textContent(), '0');

    // Keeping the step: the Play network takes exactly one training step on that row.
    await enterTeach(page);
    assert.equal((await trace(page)).source.row, row, 'teaching mode comes back to the same row');
    await goTo(page, 10);
    await page.getByTestId('teach-apply').click();
    await page.waitForFunction(() => window.__neurostep.snapshot().iterations === 1);
    const oracle = oracleTrainer(spec, before, row);
    oracle.stepBatch();
    assert.deepEqual(flat(await pageWeights(page)), flat(oracle.weights()));
    oracle.dispose();
    await waitStep(page, 0);
    await page.getByTestId('mode-play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=step-counter]')?.textContent === '1');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('hovering and clicking connect the tables, the diagram and the formulas', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await enterTeach(page);
    await goTo(page, 2); // forward through layer 2
    // A weight's cell lights its edge in the diagram.
    const cell = page.locator('[data-testid=teach-table] td[data-src="layers.1.W.data.12"]');
    await cell.hover();
    assert.equal(await page.locator('[data-testid=teach-edges-1] path.edge.is-hot').count(), 1);
    // A neuron in the diagram lights its cells and shows its numbers.
    await page.locator('[data-testid=teach-col-2] rect.neuron').nth(3).hover({ force: true });
    const tip = page.getByTestId('teach-tooltip');
    await tip.waitFor();
    assert.match(await tip.textContent(), /Layer 2, neuron 4.*z = Σ w·a \+ b.*a = relu\(z\)/);
    assert.ok((await page.locator('[data-testid=teach-table] td.is-hot').count()) >= 10, 'its weights, b, z and a light up');
    // Clicking it puts its numbers into the formula and opens the inspector.
    await page.locator('[data-testid=teach-col-2] rect.neuron').nth(3).click({ force: true });
    await page.getByTestId('teach-inspector').waitFor();
    assert.match(await page.getByTestId('teach-formulas').textContent(), /neuron 4/i);
    const z = await page.$$eval('[data-testid=teach-formulas] [data-src]', (els) => els.map((e) => e.dataset.src));
    assert.ok(z.includes('layers.1.z.data.3'), 'the formula shows z of neuron 4');
    assert.match(await page.getByTestId('teach-inspector').textContent(), /incoming weights/);
    // After the backward pass the inspector shows the neuron's δ.
    await goTo(page, 6);
    assert.match(await page.getByTestId('teach-inspector').textContent(), /δ = ∂L\/∂z/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the gradient check agrees with backpropagation to 1e-6 in float64, and explains ReLU kinks', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await enterTeach(page);
    await chooseRow(page, 1);
    await page.getByTestId('tab-check').click();
    await page.getByTestId('gradient-check-summary').waitFor();
    const shown = await page.$$eval('[data-testid=gradient-check-summary] td[data-value]', (els) => els.map((e) => Number(e.dataset.value)));
    assert.equal(shown.length, 3);
    for (const e of shown) assert.ok(e < 1e-6, `relative error ${e} < 1e-6`);
    const check = await page.evaluate(() => window.__neurostep.teachingCheck());
    assert.deepEqual(check.layers.map((l) => l.maxRelativeError), shown);
    // Side by side, every weight and bias of the chosen layer: backprop, finite difference, error.
    const rows = await page.locator('[data-testid=gradient-check-table] tbody tr').count();
    assert.equal(rows, 8 * 1 + 1);
    await page.getByTestId('gradient-check-layer-0').click();
    assert.equal(await page.locator('[data-testid=gradient-check-table] tbody tr').count(), 10 * 8 + 10);
    const errorsShown = await page.$$eval('[data-testid=gradient-check-table] tbody td:nth-child(4)', (els) => els.map((e) => Number(e.dataset.value)));
    assert.ok(errorsShown.every((e) => e < 1e-6));
    await screenshot(page, 'teach-gradient-check');

    // The first row is all zeros: every z of layer 1 is exactly 0, ReLU's kink. The check says so.
    await page.getByTestId('tab-step').click();
    await chooseRow(page, 0);
    await page.getByTestId('tab-check').click();
    await page.getByTestId('gradient-check-kink').waitFor();
    const check0 = await page.evaluate(() => window.__neurostep.teachingCheck());
    assert.equal(check0.layers[0].atKink, 10);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("other data, outputs, losses and optimizers: every step shows the worker's numbers and ends in one training step", async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    // Moons, the batch Step would take (4 rows), SGD with Nesterov momentum, L1 and L2,
    // leaky ReLU and softplus hidden layers.
    await pickDataset(page, 'moons');
    await setActivation(page, 1, 'leaky_relu');
    await setActivation(page, 2, 'softplus');
    await setNumber(page, 'batchSize', 4);
    await setChoice(page, 'optimizer', 'sgd');
    await setNumber(page, 'momentum', 0.9);
    await page.getByTestId('field-nesterov').locator('input').check();
    await openMoreSettings(page);
    await setNumber(page, 'l1', 0.001);
    await setNumber(page, 'l2', 0.01);
    await enterTeach(page);
    await page.getByTestId('teach-source').selectOption('batch');
    await page.waitForFunction(() => window.__neurostep.teachingTrace()?.rows.length === 4);
    await walkAll(page, 'moons, batch of 4, sgd nesterov, l1 + l2');
    await goTo(page, 5);
    await page.getByTestId('teach-sample').selectOption('2');
    await checkAgainstWorker(page, 'moons, step 5, sample 3');
    await screenshot(page, 'teach-x-batch-backward');
    await page.getByTestId('mode-play').click();

    // A regression: sine, linear output and mean squared error, Adagrad.
    await pickDataset(page, 'sine');
    await setChoice(page, 'optimizer', 'adagrad');
    await enterTeach(page);
    await walkAll(page, 'sine, mse, adagrad');
    await page.getByTestId('mode-play').click();

    // Three classes from a CSV: softmax with sparse categorical cross-entropy, RMSprop with momentum.
    await page.getByTestId('csv-toggle').click();
    await page.getByTestId('csv-text').fill('x1,x2,label\n0,0,0\n1,0,1\n0,1,2\n1,1,1\n0.5,0.2,0\n0.2,0.9,2\n');
    await page.getByTestId('csv-load').click();
    await page.waitForFunction(() => window.__neurostep.snapshot()?.trainSize === 6);
    await setChoice(page, 'optimizer', 'rmsprop');
    await setNumber(page, 'momentum', 0.5);
    await enterTeach(page);
    await walkAll(page, 'three classes, softmax, rmsprop with momentum');
    await goTo(page, 4);
    await screenshot(page, 'teach-x-softmax-loss');
    await page.getByTestId('mode-play').click();

    // Sigmoid with mean absolute error (no combined form), Adam with AMSGrad, in float64,
    // tanh and ELU hidden layers without biases.
    await pickDataset(page, 'xor');
    await setActivation(page, 1, 'tanh');
    await setActivation(page, 2, 'elu');
    await page.getByTestId('output-activation').selectOption('sigmoid');
    await page.waitForFunction(() => window.__neurostep.settings().outputActivation === 'sigmoid');
    await setChoice(page, 'loss', 'mean_absolute_error');
    await setChoice(page, 'optimizer', 'adam');
    await openMoreSettings(page);
    await page.getByTestId('field-amsgrad').locator('input').check();
    await setChoice(page, 'precision', 'float64');
    await page.getByTestId('field-useBias').locator('input').uncheck();
    await page.waitForFunction(() => window.__neurostep.settings().useBias === false);
    await enterTeach(page);
    assert.equal((await trace(page)).precision, 'float64');
    await walkAll(page, 'xor, mae, amsgrad, float64');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('screenshots: a forward step, a backward step, an Adam update', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await enterTeach(page);
    await goTo(page, 1);
    await page.locator('[data-testid=teach-col-1] rect.neuron').nth(0).click({ force: true });
    await page.mouse.move(5, 795);
    await screenshot(page, 'teach-forward');
    await goTo(page, 6);
    await page.locator('[data-testid=teach-col-2] rect.neuron').nth(1).click({ force: true });
    await page.mouse.move(5, 795);
    await screenshot(page, 'teach-backward');
    await goTo(page, 10);
    // A weight into the output: the inspector shows w, dL/dw and its update.
    await page.locator('[data-testid=teach-edges-2] path.edge-hit').nth(1).click({ force: true });
    assert.match(await page.getByTestId('teach-inspector').textContent(), /w \(old\).*w \(new\).*∂L\/∂w.*Δw.*m \(optimizer\).*v \(optimizer\)/);
    await page.mouse.move(5, 795);
    await screenshot(page, 'teach-adam');
    // The parts a student needs are on screen at 1280 x 800.
    for (const id of ['step-bar', 'teach-next', 'teach-diagram', 'teach-formulas', 'teach-finished']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box && box.y >= 0 && box.y + Math.min(box.height, 40) <= 800, `${id} is visible at 1280 x 800`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
});
