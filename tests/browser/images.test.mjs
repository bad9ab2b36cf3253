// Image sets in headless Chromium: picking digits fetches them (the sample grid by class, the
// proposed network), a few epochs of training, the drawing pad driven by mouse events (its
// probabilities change as the drawing grows), the weight gallery (one image per first-layer
// neuron), the confusion matrix's click through to a cell's images and per-class accuracy, the
// link that reproduces the choice, a cancelled download that keeps the data on screen, the
// classes' names in the page's language. The pad's scaling and its mismatch message are checked
// on worker/drawing.ts itself (transpiled here).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ts from 'typescript';
import { openPlayground, repoRoot, screenshot, startBrowser } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser({ viewport: { width: 1366, height: 800 } });
});
after(async () => {
  await browser?.close();
});

const hook = (page, name) => page.evaluate((n) => window.__neurostep[n](), name);

async function pickDigits(page) {
  await page.getByTestId('dataset-digits').click();
  await page.getByTestId('sample-grid').waitFor({ timeout: 60_000 });
}

/** The pad's probabilities as numbers, once they are shown. */
async function probabilities(page) {
  await page.getByTestId('pad-probabilities').waitFor();
  return page.$$eval('[data-testid="pad-probability"]', (rows) => rows.map((r) => Number(r.dataset.value)));
}

/** Draws a polyline on the pad with the mouse (fractions of its size). */
async function draw(page, points) {
  const pad = page.getByTestId('pad-canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 6 });
  await page.mouse.up();
}

/** Waits until the pad's probabilities differ from `before`, and returns them. */
async function changedFrom(page, before) {
  for (let i = 0; i < 100; ++i) {
    const now = await probabilities(page);
    if (now.some((p, k) => Math.abs(p - before[k]) > 1e-6)) return now;
    await page.waitForTimeout(50);
  }
  throw new Error(`the probabilities stayed ${before}`);
}

describe('digits in the page', () => {
  let page, errors;
  before(async () => {
    ({ page, errors } = await openPlayground(browser.context, browser.baseUrl));
    await pickDigits(page);
  });

  test('picking digits shows a grid by class and proposes a 64-32-10 softmax network', async () => {
    assert.equal(await page.getByTestId('sample-class').count(), 10);
    assert.equal(await page.getByTestId('sample-image').count(), 80); // 8 of each class
    assert.match(await page.getByTestId('image-proposal').textContent(), /64 inputs.*32 relu.*10 softmax.*sparse categorical/s);
    const spec = await hook(page, 'spec');
    assert.equal(spec.input_dim, 64);
    assert.deepEqual(spec.layers.map((l) => [l.units, l.activation]), [[32, 'relu'], [10, 'softmax']]);
    assert.equal(spec.loss, 'sparse_categorical_crossentropy');
    const s = await hook(page, 'snapshot');
    assert.equal(s.trainSize + s.testSize, 1797);
    assert.equal(s.testSize, Math.round(0.25 * 1797)); // digits have no test set of their own: a quarter held out
    assert.match(await page.getByTestId('no-boundary').textContent(), /64/);
    assert.deepEqual(errors, []);
  });

  test('the gallery has one image per first-layer neuron', async () => {
    assert.equal(await page.getByTestId('gallery-neuron').count(), 32);
    const more = await page.$$eval('[data-testid="diagram-more"]', (els) => els.map((e) => Number(e.dataset.count)));
    assert.deepEqual(more, [64 - 16, 32 - 16]); // the input and hidden columns are collapsed and say by how much
  });

  test('training a few epochs, then the pad: the probabilities change as the drawing grows', async () => {
    for (let i = 0; i < 5; ++i) await page.getByTestId('epoch').click();
    await page.waitForFunction(() => window.__neurostep.snapshot()?.epoch === 5);
    const accuracy = (await hook(page, 'snapshot')).test.accuracy;
    assert.ok(accuracy > 0.5, `test accuracy after 5 epochs: ${accuracy}`);
    await draw(page, [[0.3, 0.15], [0.7, 0.15], [0.45, 0.85]]); // a 7
    const first = await probabilities(page);
    assert.ok(Math.abs(first.reduce((a, b) => a + b, 0) - 1) < 1e-4, `softmax sums to 1: ${first}`);
    await page.getByTestId('pad-seen').waitFor();
    await draw(page, [[0.3, 0.5], [0.7, 0.5]]); // a bar across
    const second = await changedFrom(page, first);
    await page.getByTestId('pad-clear').click();
    await draw(page, [[0.5, 0.1], [0.5, 0.9]]); // a 1
    await changedFrom(page, second);
    await screenshot(page, 'images-digits-pad');
  });

  test('the confusion matrix counts the test rows, and a cell shows its images', async () => {
    await page.getByTestId('tab-confusion').click();
    await page.getByTestId('confusion-matrix').waitFor();
    const cells = await page.$$eval('[data-testid^="confusion-cell-"]', (els) => els.map((e) => ({ id: e.dataset.testid, count: Number(e.dataset.count) })));
    assert.equal(cells.length, 100);
    const s = await hook(page, 'snapshot');
    assert.equal(cells.reduce((a, c) => a + c.count, 0), s.testSize);
    // The diagonal over all rows is the engine's test accuracy.
    const right = cells.filter((c) => c.id.split('-')[2] === c.id.split('-')[3]).reduce((a, c) => a + c.count, 0);
    assert.ok(Math.abs(right / s.testSize - s.test.accuracy) < 1e-9, `${right} / ${s.testSize} vs ${s.test.accuracy}`);
    const acc = await page.getByTestId('class-accuracy-0').getAttribute('data-value');
    const row0 = cells.filter((c) => c.id.startsWith('confusion-cell-0-'));
    assert.ok(Math.abs(Number(acc) - row0[0].count / row0.reduce((a, c) => a + c.count, 0)) < 1e-12);
    const wrong = cells.filter((c) => c.count > 0 && c.id.split('-')[2] !== c.id.split('-')[3]).sort((a, b) => b.count - a.count)[0];
    assert.ok(wrong, 'some test image is misclassified after 5 epochs');
    await page.locator(`[data-testid="${wrong.id}"] button`).click();
    await page.getByTestId('cell-image').first().waitFor();
    assert.equal(await page.getByTestId('cell-image').count(), Math.min(32, wrong.count));
    const [, , a, p] = wrong.id.split('-');
    assert.match(await page.getByTestId('cell-images').textContent(), new RegExp(`class ${a} predicted as ${p}`));
    await screenshot(page, 'images-digits-confusion');
    assert.deepEqual(errors, []);
  });

  test('the link reproduces the choice', async () => {
    await page.waitForFunction(() => location.hash.includes('data=digits'));
    const { page: again, errors: errors2 } = await openPlayground(browser.context, page.url());
    await again.getByTestId('sample-grid').waitFor({ timeout: 60_000 });
    assert.deepEqual(await hook(again, 'spec'), { ...(await hook(page, 'spec')), optimizer: (await hook(again, 'spec')).optimizer });
    assert.equal((await hook(again, 'snapshot')).testSize, (await hook(page, 'snapshot')).testSize);
    assert.deepEqual(errors2, []);
    await again.close();
  });
});

test('a cancelled download keeps the data on screen', async () => {
  const { page } = await openPlayground(browser.context, browser.baseUrl);
  // Hold the download back so that Cancel comes while it runs.
  await browser.context.route('**/fashion_mnist_*.gz', async (route) => {
    await new Promise((done) => setTimeout(done, 3000));
    await route.continue().catch(() => {});
  });
  const before = await hook(page, 'spec');
  await page.getByTestId('dataset-fashion_mnist').click();
  await page.getByTestId('image-load').waitFor();
  await page.getByTestId('image-load-cancel').click();
  await page.getByTestId('dataset-error').waitFor();
  assert.match(await page.getByTestId('dataset-error').textContent(), /cancelled/);
  assert.equal((await hook(page, 'settings')).dataset, 'article_bits');
  assert.deepEqual(await hook(page, 'spec'), before);
  assert.equal(await page.getByTestId('sample-grid').count(), 0);
  await browser.context.unrouteAll({ behavior: 'ignoreErrors' });
  await page.close();
});

test('Fashion-MNIST on the Chinese page names its classes in Chinese, and in the dataset\'s English after switching', async () => {
  const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#lang=zh-CN`);
  await page.getByTestId('dataset-fashion_mnist').click();
  await page.getByTestId('sample-grid').waitFor({ timeout: 120_000 });
  const names = () => page.$$eval('[data-testid="sample-class"] th', (th) => th.map((h) => h.textContent.replace(/\s+/g, ' ').trim()));
  const zh = await names();
  assert.equal(zh.length, 10);
  assert.equal(zh[0], '0 T恤/上衣');
  assert.equal(zh[9], '9 短靴');
  await page.getByTestId('language').selectOption('en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const en = await names();
  assert.equal(en[0], '0 T-shirt/top');
  assert.equal(en[9], '9 Ankle boot');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a model loaded while an image set is on screen trains on its images (the pixels the worker keeps)', async () => {
  const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
  await pickDigits(page);
  // Keras's to_json() of 64 -> Dense(16, relu) -> Dense(10, softmax), never compiled.
  const model = { class_name: 'Sequential', keras_version: '2.15.0', config: { name: 'digits', layers: [
    { class_name: 'Dense', config: { name: 'hidden', units: 16, activation: 'relu', batch_input_shape: [null, 64] } },
    { class_name: 'Dense', config: { name: 'output', units: 10, activation: 'softmax' } },
  ] } };
  await page.getByTestId('share-toggle').click();
  await page.getByTestId('load-model').click();
  await page.getByTestId('load-model-file').setInputFiles([{ name: 'digits.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(model)) }]);
  await page.getByTestId('load-model-file-name').waitFor();
  await page.getByTestId('load-model-go').click();
  await page.getByTestId('model-notice').waitFor();
  const spec = await hook(page, 'spec');
  assert.deepEqual(spec.layers.map((l) => [l.units, l.activation]), [[16, 'relu'], [10, 'softmax']]);
  assert.equal((await hook(page, 'settings')).dataset, 'digits');
  assert.equal(await page.getByTestId('sample-grid').count(), 1);
  const s = await hook(page, 'snapshot');
  assert.equal(s.trainSize + s.testSize, 1797);
  // Five epochs learn the digits (chance is 0.1): the network saw the images, not the labels' stand-in.
  for (let i = 0; i < 5; ++i) await page.getByTestId('epoch').click();
  await page.waitForFunction(() => window.__neurostep.snapshot()?.epoch === 5);
  const accuracy = (await hook(page, 'snapshot')).test.accuracy;
  assert.ok(accuracy > 0.5, `test accuracy after 5 epochs: ${accuracy}`);
  assert.deepEqual(errors, []);
  await page.close();
});

describe('the pad scales and centres like the set (worker/drawing.ts, shared/pad-frame.ts)', async () => {
  const load = (file) => {
    const source = readFileSync(join(repoRoot, file), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    return import(`data:text/javascript,${encodeURIComponent(js)}`);
  };
  const { frameDrawing, inkBox } = await load('web/src/worker/drawing.ts');
  const { padMismatch } = await load('web/src/shared/pad-frame.ts');
  const side = 100;
  const square = (x0, y0, x1, y1) => {
    const ink = new Float32Array(side * side);
    for (let y = y0; y < y1; ++y) for (let x = x0; x < x1; ++x) ink[y * side + x] = 1;
    return ink;
  };

  test('a small square anywhere fills the frame, centred', () => {
    const out = frameDrawing(square(10, 60, 30, 80), side, { height: 8, width: 8 });
    assert.deepEqual(inkBox(square(10, 60, 30, 80), side), [10, 60, 30, 80]);
    for (const v of out) assert.ok(Math.abs(v - 1) < 1e-12, `every pixel inked: ${v}`);
  });

  test('a tall bar keeps its shape: its longest side spans the frame, centred across', () => {
    const out = frameDrawing(square(40, 0, 50, 100), side, { height: 28, width: 28 });
    const column = (c) => Array.from({ length: 28 }, (_, r) => out[r * 28 + c]);
    assert.ok(column(14).every((v) => v > 0.99), 'the centre column is ink from top to bottom');
    assert.ok(column(0).every((v) => v === 0) && column(27).every((v) => v === 0), 'the edges are paper');
    // Symmetric about the centre: the bar is centred.
    for (let c = 0; c < 14; ++c) assert.ok(Math.abs(column(c)[5] - column(27 - c)[5]) < 1e-12);
  });

  test('an empty pad is an empty image; a model of another width gets the message', () => {
    assert.ok(frameDrawing(new Float32Array(side * side), side, { height: 8, width: 8 }).every((v) => v === 0));
    assert.equal(padMismatch(64, { height: 8, width: 8 }), null);
    assert.deepEqual(padMismatch(784, { height: 8, width: 8 }), { key: 'images.padMismatch', vars: { inputs: 784, height: 8, width: 8, pixels: 64 } });
    const en = JSON.parse(readFileSync(join(repoRoot, 'web/src/i18n/en.json'), 'utf8'));
    assert.match(en.images.padMismatch, /\{pixels\} pixels, but the network’s input layer takes \{inputs\} inputs/);
  });
});
