// Share, save and take it further, in headless Chromium: every setting through the link and back,
// links with bad values, lesson links that hide controls, your own data in the link, model files
// saved and loaded with the same predictions, Keras's to_json() with and without weights, the
// CSV round trip, and Export to Keras (the script compiles with Debian's python3).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadEngine } from '../wasm/engine.mjs';
import { openPlayground, repoRoot, screenshot, startBrowser } from './helpers.mjs';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const FIXTURES = join(repoRoot, 'tests', 'fixtures', 'keras');

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
let dir;
before(async () => {
  browser = await startBrowser();
  dir = mkdtempSync(join(tmpdir(), 'neurostep-share-'));
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const hook = (page, name) => page.evaluate((n) => window.__neurostep[n](), name);
const params = (url) => new Map(new URL(url).hash.slice(1).split('&').filter(Boolean).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
const plainDataset = (d) => ({ ...d, x: Array.from(d.x), y: Array.from(d.y) });

/** Waits until the page has written its state into the address and returns it. */
async function writtenUrl(page, check = () => true) {
  await page.waitForFunction(() => location.hash.includes('opt='));
  for (let i = 0; i < 50; ++i) {
    const url = page.url();
    if (check(params(url))) return url;
    await page.waitForTimeout(100);
  }
  throw new Error(`the address never matched: ${page.url()}`);
}

async function openMenu(page, item) {
  await page.getByTestId('share-toggle').click();
  await page.getByTestId(item).click();
}

async function downloadFrom(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
}

async function loadModelFiles(page, modelPath, weightsPath) {
  await openMenu(page, 'load-model');
  await page.getByTestId('load-model-file').setInputFiles(modelPath);
  await page.getByTestId('load-model-file-name').waitFor();
  if (weightsPath) {
    await page.getByTestId('load-weights-file').setInputFiles(weightsPath);
    await page.getByTestId('load-weights-file-name').waitFor();
  }
  await page.getByTestId('load-model-go').click();
}

async function importCsv(page, text, targets = 1) {
  await page.getByTestId('csv-toggle').click();
  await page.getByTestId('csv-targets').fill(String(targets));
  await page.getByTestId('csv-text').fill(text);
  await page.getByTestId('csv-load').click();
  await page.getByTestId('csv-text').waitFor({ state: 'detached' });
}

// A value away from its default for every setting of the table, and three hidden layers.
const EVERY_SETTING = {
  data: 'moons', n: '150', noise: '0.25', full: 'true', fscale: 'min_max', test: '0.2', dseed: '7',
  out: 'tanh', loss: 'mean_squared_error', init: 'he_uniform', binit: 'ones', bias: 'false', l1: '0.001', l2: '0.002', prec: 'float64', seed: '7',
  opt: 'sgd', lr: '0.05', mom: '0.5', nest: 'true', b1: '0.8', b2: '0.99', ams: 'true', rho: '0.8', acc: '0.2', eps: '0.000001', batch: '16',
  speed: '40', scale: 'log', cls: '0', land: 'true', lseed: '7', lext: '0.5', llog: 'true',
  laxes: 'weights', lw1: 'w2:1:3', lw2: 'b1:2', race: 'sgd:0.1~adam', repochs: '7', rtarget: '0.4',
  u: '5,3,2', a: 'tanh,elu,softplus',
};
const EXPECTED_SETTINGS = {
  dataset: 'moons', count: 150, noise: 0.25, fullImages: true, featureScaling: 'min_max', testRatio: 0.2, dataSeed: 7,
  outputActivation: 'tanh', loss: 'mean_squared_error', kernelInitializer: 'he_uniform', biasInitializer: 'ones', useBias: false, l1: 0.001, l2: 0.002, precision: 'float64', seed: 7,
  optimizer: 'sgd', learningRate: 0.05, momentum: 0.5, nesterov: true, beta1: 0.8, beta2: 0.99, amsgrad: true, rho: 0.8, initialAccumulator: 0.2, epsilon: 1e-6, batchSize: 16,
  speed: 40, chartScale: 'log', pointClass: 0, landscape: true, landscapeSeed: 7, landscapeExtent: 0.5, landscapeLog: true,
  landscapeAxes: 'weights', landscapeX: 'w2:1:3', landscapeY: 'b1:2', raceOptimizers: 'sgd:0.1~adam', raceEpochs: 7, raceTarget: 0.4, mode: 'play', teachStep: 0, lang: 'en',
};
// The mode (Play | Teach) has a test of its own below: this one uses Play's controls. The page's
// language (lang=) is the browser's, English here (tests/browser/i18n.test.mjs tests it).
const MODE_DEFAULT = { mode: 'play', step: '0', lang: 'en' };

describe('share: the link', () => {
  test('every setting goes into the link, and the link opens the same page and engine', async () => {
    const hash = Object.entries(EVERY_SETTING).map(([k, v]) => `${k}=${v}`).join('&');
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#${hash}`);
    assert.equal(await page.getByTestId('url-notice').count(), 0, 'no notice for a valid link');
    assert.deepEqual(await hook(page, 'settings'), EXPECTED_SETTINGS);
    assert.deepEqual(await hook(page, 'hidden'), [
      { units: 5, activation: 'tanh' },
      { units: 3, activation: 'elu' },
      { units: 2, activation: 'softplus' },
    ]);
    const spec = await hook(page, 'spec');
    assert.deepEqual(spec.layers.map((l) => [l.units, l.activation, l.use_bias, l.kernel_initializer, l.bias_initializer, l.l1, l.l2]), [
      [5, 'tanh', false, 'he_uniform', 'ones', 0.001, 0.002],
      [3, 'elu', false, 'he_uniform', 'ones', 0.001, 0.002],
      [2, 'softplus', false, 'he_uniform', 'ones', 0.001, 0.002],
      [1, 'tanh', false, 'he_uniform', 'ones', 0.001, 0.002],
    ]);
    assert.equal(spec.loss, 'mean_squared_error');
    assert.deepEqual(spec.optimizer, { name: 'sgd', learning_rate: 0.05, momentum: 0.5, nesterov: true });
    const snap = await hook(page, 'snapshot');
    assert.deepEqual([snap.trainSize, snap.testSize, snap.batchSize], [120, 30, 16]);

    // Two more changes through the controls: both reach the address.
    const lr = page.getByTestId('field-learningRate').locator('input');
    await lr.fill('0.03');
    await lr.press('Enter');
    await page.getByTestId('add-layer').click();
    const url = await writtenUrl(page, (p) => p.get('lr') === '0.03' && p.get('u') === '5,3,2,2');
    // The page writes every setting of its table, each under its own name, and nothing else.
    assert.deepEqual([...params(url).keys()].sort(), Object.keys({ ...EVERY_SETTING, ...MODE_DEFAULT }).sort());
    assert.equal(params(url).get('a'), 'tanh,elu,softplus,softplus');

    const copy = await openPlayground(browser.context, url);
    assert.equal(await copy.page.getByTestId('url-notice').count(), 0);
    assert.deepEqual(await hook(copy.page, 'settings'), { ...EXPECTED_SETTINGS, learningRate: 0.03 });
    assert.deepEqual(await hook(copy.page, 'hidden'), await hook(page, 'hidden'));
    assert.deepEqual(await hook(copy.page, 'spec'), await hook(page, 'spec'));
    assert.deepEqual(plainDataset(await hook(copy.page, 'dataset')), plainDataset(await hook(page, 'dataset')));
    // Same seed, same data, same settings: the same starting weights.
    assert.deepEqual((await hook(copy.page, 'snapshot')).weights, (await hook(page, 'snapshot')).weights);
    assert.deepEqual(errors, []);
    assert.deepEqual(copy.errors, []);
    await copy.page.close();
    await page.close();
  });

  test('a link with invalid values opens with their defaults and says which were ignored', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#data=circle&lr=abc&opt=nadam&n=99999&bias=maybe&u=10,0&a=relu,relu&foo=1&hide=bogus&noise=0.3&lw1=q1&race=sgd`);
    const notice = page.getByTestId('url-notice');
    await notice.waitFor();
    const text = await notice.textContent();
    for (const part of ['lr=abc', 'Learning rate must be a number', 'opt=nadam', 'n=99999', 'Points must be in [4, 2000]', 'bias=maybe', 'u (hidden layer 2)=0', '“foo”', '“bogus”', 'lw1=q1', 'Landscape x weight is not of the right form, for example w1:2:1', 'race=sgd'])
      assert.ok(text.includes(part), `the notice names ${part}: ${text}`);
    assert.equal((await notice.locator('li').count()), 9);
    const s = await hook(page, 'settings');
    assert.deepEqual([s.dataset, s.noise, s.learningRate, s.optimizer, s.count, s.useBias], ['circle', 0.3, 0.001, 'adam', 200, true]);
    assert.deepEqual(await hook(page, 'hidden'), [{ units: 10, activation: 'relu' }, { units: 4, activation: 'relu' }]);
    assert.deepEqual((await hook(page, 'spec')).layers.map((l) => l.units), [10, 4, 1]);
    // The address now holds what the page uses.
    const url = await writtenUrl(page);
    assert.equal(params(url).get('lr'), '0.001');
    assert.equal(params(url).has('foo'), false);
    await screenshot(page, 'share-url-notice');
    await page.getByTestId('notice-dismiss').click();
    await notice.waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the link carries the mode: a Teach link opens Teach mode on the same network', async () => {
    const lesson = 'data=xor&n=40&u=3&a=tanh&seed=5&lr=0.05';
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#mode=teach&${lesson}`);
    await page.getByTestId('teaching').waitFor();
    assert.equal(await page.getByTestId('url-notice').count(), 0);
    assert.equal((await hook(page, 'settings')).mode, 'teach');
    assert.equal(await page.getByTestId('mode-teach').getAttribute('aria-pressed'), 'true');
    // The step on screen is a step of the link's network, on the row Play would train on next.
    const trace = await hook(page, 'teachingTrace');
    assert.equal(trace.index, 0);
    assert.deepEqual((await hook(page, 'spec')).layers.map((l) => [l.units, l.activation]), [[3, 'tanh'], [1, 'sigmoid']]);
    assert.equal(params(await writtenUrl(page, (p) => p.has('mode'))).get('mode'), 'teach');

    // The same link in Play mode starts from the same weights.
    const play = await openPlayground(browser.context, `${browser.baseUrl}#${lesson}`);
    assert.deepEqual((await hook(play.page, 'snapshot')).weights, (await hook(page, 'snapshot')).weights);
    assert.equal(await play.page.getByTestId('teaching').count(), 0);
    await play.page.close();

    // The step on screen goes into the address too, and a link opens on it.
    await page.getByTestId('teach-next').click();
    await page.getByTestId('teach-next').click();
    const onStep = await writtenUrl(page, (p) => p.get('step') === '2');
    const there = await openPlayground(browser.context, onStep);
    await there.page.locator('[data-testid=teaching][data-step="2"]').waitFor();
    assert.deepEqual((await hook(there.page, 'teachingTrace')).index, 2);
    await there.page.close();
    const far = await openPlayground(browser.context, `${browser.baseUrl}#mode=teach&step=200&${lesson}`);
    await far.page.locator('[data-testid=teaching][data-step="7"]').waitFor(); // 2 layers: 3 x 2 + 1 phases
    await far.page.close();

    // Switching writes the mode into the address, both ways.
    await page.getByTestId('mode-play').click();
    await page.getByTestId('play').waitFor();
    const played = params(await writtenUrl(page, (p) => p.get('mode') === 'play'));
    assert.equal(played.get('u'), '3');
    assert.equal(played.get('step'), '0');
    await page.getByTestId('mode-teach').click();
    await page.getByTestId('teaching').waitFor();
    await writtenUrl(page, (p) => p.get('mode') === 'teach');

    // A lesson that keeps the students in Teach mode: no switch to leave it.
    const kept = await openPlayground(browser.context, `${browser.baseUrl}#mode=teach&hide=mode&${lesson}`);
    await kept.page.getByTestId('teaching').waitFor();
    assert.equal(await kept.page.getByTestId('mode-play').count(), 0);
    assert.equal(await kept.page.getByTestId('mode-teach').count(), 0);
    await screenshot(kept.page, 'share-teach-lesson');
    await kept.page.close();

    // An unknown mode opens Play mode and says so.
    const bad = await openPlayground(browser.context, `${browser.baseUrl}#mode=lecture&${lesson}`);
    const notice = bad.page.getByTestId('url-notice');
    await notice.waitFor();
    assert.match(await notice.textContent(), /mode=lecture: Mode: choose one of Play, Teach/);
    assert.equal((await hook(bad.page, 'settings')).mode, 'play');
    assert.equal(await bad.page.getByTestId('teaching').count(), 0);
    assert.deepEqual([...errors, ...kept.errors, ...bad.errors], []);
    await bad.page.close();
    await page.close();
  });

  test('a lesson link hides the controls it names, and keeps hiding them', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#hide=optimizer,learning_rate,data,units`);
    for (const id of ['field-optimizer', 'field-learningRate', 'dataset-moons', 'field-count', 'field-testRatio'])
      assert.equal(await page.getByTestId(id).count(), 0, `${id} is hidden`);
    for (const id of ['csv-toggle', 'add-layer', 'units-plus-1']) assert.equal(await page.getByTestId(id).isVisible(), false, `${id} is hidden`);
    for (const id of ['field-batchSize', 'field-loss', 'play', 'csv-download']) assert.equal(await page.getByTestId(id).isVisible(), true, `${id} stays`);
    assert.deepEqual((await hook(page, 'hiddenControls')).sort(), ['count', 'dataSeed', 'dataset', 'featureScaling', 'fullImages', 'learningRate', 'noise', 'optimizer', 'testRatio', 'units'].sort());
    const url = await writtenUrl(page);
    assert.equal(params(url).get('hide'), 'optimizer,learning_rate,data,units');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('your own data go into the link when small; a large set is named as left out', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await importCsv(page, 'a,b,class\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.25,-0.5,1\n');
    await page.waitForFunction(() => window.__neurostep.snapshot()?.trainSize === 5);
    // A clicked point has all 17 digits: the link must carry it exactly.
    await page.getByTestId('data-canvas').click({ position: { x: 37, y: 91 } });
    await page.waitForFunction(() => window.__neurostep.snapshot()?.trainSize === 6);
    const url = await writtenUrl(page, (p) => p.get('data') === 'custom' && p.has('d'));
    assert.match(params(url).get('d'), /^2x1:(t|f32|f64):/);
    assert.equal(params(url).get('dn'), 'a,b,class');
    const data = plainDataset(await hook(page, 'dataset'));
    const copy = await openPlayground(browser.context, url);
    assert.deepEqual(plainDataset(await hook(copy.page, 'dataset')), data);
    assert.equal((await hook(copy.page, 'settings')).dataset, 'custom');
    assert.equal(await copy.page.getByTestId('url-notice').count(), 0);
    await copy.page.close();

    // 250 rows are too many: the link says so, the menu warns, and the page it opens says why.
    const rows = Array.from({ length: 250 }, (_, i) => `${(i % 17) / 4},${(i % 11) / 3},${i % 2}`);
    await importCsv(page, `x1,x2,label\n${rows.join('\n')}\n`);
    await page.waitForFunction(() => window.__neurostep.snapshot()?.trainSize === 250);
    const big = await writtenUrl(page, (p) => p.get('d') === 'omitted:250');
    await page.getByTestId('share-toggle').click();
    assert.match(await page.getByTestId('link-data-note').textContent(), /250 rows.*too many for a link/);
    const opened = await openPlayground(browser.context, big);
    assert.match(await opened.page.getByTestId('url-notice').textContent(), /your own data of 250 rows, too many to fit in a link/);
    assert.equal((await hook(opened.page, 'settings')).dataset, 'article_bits');
    assert.deepEqual(errors, []);
    assert.deepEqual(opened.errors, []);
    await opened.page.close();
    await page.close();
  });
});

describe('share: files', () => {
  test('a saved model loads back into a fresh page with the same predictions', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    for (let i = 0; i < 30; ++i) await page.getByTestId('epoch').click();
    await page.waitForFunction(() => window.__neurostep.snapshot().epoch === 30);
    const before = await hook(page, 'snapshot');
    const saved = await downloadFrom(page, () => openMenu(page, 'save-model'));
    assert.equal(saved.name, 'neurostep-model.json');
    const file = JSON.parse(saved.text);
    assert.equal(file.format, 'neurostep-model');
    assert.equal(file.training.epochs_trained, 30);
    const rowsBefore = await page.locator('[data-testid=pred-row]').allTextContents();

    const fresh = await openPlayground(browser.context, browser.baseUrl);
    assert.notDeepEqual((await hook(fresh.page, 'snapshot')).trainOutputs, before.trainOutputs);
    await loadModelFiles(fresh.page, saved.path);
    const notice = fresh.page.getByTestId('model-notice');
    await notice.waitFor();
    assert.match(await notice.textContent(), /Loaded neurostep-model\.json: 8 inputs → 10 relu → 8 relu → 1 sigmoid/);
    assert.match(await notice.textContent(), /trained for 30 epochs/);
    // 30 epochs of the article's 10 rows, one row per step: Adam goes on from step 300.
    assert.match(await notice.textContent(), /Its Adam optimizer goes on where it stopped, after 300 steps/);
    assert.equal((await hook(fresh.page, 'snapshot')).iterations, 300);
    const after = await hook(fresh.page, 'snapshot');
    assert.deepEqual(after.trainOutputs, before.trainOutputs, 'the same predictions, bit for bit');
    assert.deepEqual(after.weights, before.weights);
    assert.deepEqual(await fresh.page.locator('[data-testid=pred-row]').allTextContents(), rowsBefore);
    // The same model; a loaded one carries Keras's layer names (dense, dense_1, ...).
    const unnamed = (spec) => ({ ...spec, layers: spec.layers.map(({ name, ...l }) => l) });
    assert.deepEqual(unnamed(await hook(fresh.page, 'spec')), await hook(page, 'spec'));
    // The page's controls describe the loaded model: editing the data keeps its weights.
    assert.equal(await fresh.page.getByTestId('model-notice').locator('li', { hasText: 'cannot describe this model' }).count(), 0);
    assert.deepEqual(errors, []);
    assert.deepEqual(fresh.errors, []);
    await fresh.page.close();
    await page.close();
  });

  test("Keras's to_json() loads, with a weights file in get_weights() order, and unsupported layers are named", async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    const specBefore = await hook(page, 'spec');

    // LSTM: the engine's message, and nothing changes.
    await loadModelFiles(page, join(FIXTURES, 'unsupported_lstm.json'));
    const message = page.getByTestId('load-error-message');
    await message.waitFor();
    assert.match(await message.textContent(), /cannot be loaded:.*unsupported layer class "LSTM"; NeuroStep imports Sequential models of Dense, Dropout/);
    assert.deepEqual(await hook(page, 'spec'), specBefore);
    await page.getByTestId('load-dialog-close').click();

    // The article's architecture alone: fresh weights, the loss from the data (it was not compiled).
    await loadModelFiles(page, join(FIXTURES, 'article_keras3.json'));
    await page.getByTestId('model-notice').waitFor();
    const notice = await page.getByTestId('model-notice').textContent();
    assert.match(notice, /architecture only/);
    assert.match(notice, /no compile settings/);
    let spec = await hook(page, 'spec');
    assert.deepEqual(spec.layers.map((l) => [l.units, l.activation]), [[10, 'relu'], [8, 'relu'], [1, 'sigmoid']]);
    assert.equal(spec.loss, 'binary_crossentropy');

    // With weights: Keras's kernels (inputs x units) and biases, as json.dump of get_weights().
    const ns = await loadEngine();
    const reference = ns.createTrainer({ input_dim: 8, layers: [{ units: 10, activation: 'relu' }, { units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy' }, { seed: 99 });
    const data = ns.generateDataset('article_bits');
    reference.setData(data);
    reference.trainEpochs(20);
    const kerasWeights = reference.weights().flatMap(({ W, b }) => [
      Array.from({ length: W.cols }, (_, i) => Array.from({ length: W.rows }, (_, u) => W.data[u + i * W.rows])),
      Array.from(b.data),
    ]);
    const weightsPath = join(dir, 'weights.json');
    writeFileSync(weightsPath, JSON.stringify(kerasWeights));
    await page.getByTestId('notice-dismiss').click();
    await loadModelFiles(page, join(FIXTURES, 'article_keras3.json'), weightsPath);
    await page.getByTestId('model-notice').waitFor();
    const snap = await hook(page, 'snapshot');
    assert.deepEqual(Array.from(snap.trainOutputs), Array.from(reference.predict(data.x, data.rows).data));
    assert.deepEqual(snap.weights[0].W.data, Float64Array.from(reference.weights()[0].W.data));
    reference.dispose();

    // A weights file of the wrong length: said in Keras's terms.
    await page.getByTestId('notice-dismiss').click();
    writeFileSync(weightsPath, JSON.stringify(kerasWeights.slice(0, 4)));
    await loadModelFiles(page, join(FIXTURES, 'article_keras3.json'), weightsPath);
    await message.waitFor();
    assert.match(await message.textContent(), /has 4 arrays but this model needs 6: layer 1's kernel \(8 x 10\) and bias \(10\)/);
    await page.getByTestId('load-dialog-close').click();

    // A compiled softmax classifier takes 4 inputs and 3 one-hot targets: import such data first.
    const rows = Array.from({ length: 12 }, (_, i) => [i / 10, (i % 3) / 2, (i % 5) / 4, 1 - i / 12, i % 3 === 0 ? 1 : 0, i % 3 === 1 ? 1 : 0, i % 3 === 2 ? 1 : 0].join(','));
    await importCsv(page, `f1,f2,f3,f4,setosa,versicolor,virginica\n${rows.join('\n')}\n`, 3);
    await page.waitForFunction(() => window.__neurostep.snapshot()?.trainSize === 12);
    await loadModelFiles(page, join(FIXTURES, 'softmax_classifier_keras3.json'));
    await page.getByTestId('model-notice').waitFor();
    spec = await hook(page, 'spec');
    assert.deepEqual(spec.layers.map((l) => [l.units, l.activation, l.kernel_initializer, l.l2]), [[16, 'tanh', 'he_normal', 0.01], [3, 'softmax', 'glorot_uniform', 0]]);
    assert.equal(spec.loss, 'categorical_crossentropy');
    assert.deepEqual(spec.optimizer, { name: 'sgd', learning_rate: 0.05, momentum: 0.9, nesterov: false });
    const s = await hook(page, 'settings');
    assert.deepEqual([s.optimizer, s.learningRate, s.momentum, s.loss, s.outputActivation, s.dataset], ['sgd', 0.05, 0.9, 'categorical_crossentropy', 'softmax', 'custom']);
    assert.match(await page.getByTestId('model-notice').textContent(), /differ in weight initializer/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a downloaded CSV uploads back as the same dataset', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#data=moons&n=60&noise=0.2`);
    const before = plainDataset(await hook(page, 'dataset'));
    const csv = await downloadFrom(page, () => page.getByTestId('csv-download').click());
    assert.equal(csv.name, 'moons.csv');
    assert.equal(csv.text.split('\n')[0], 'x1,x2,label');
    await page.getByTestId('csv-toggle').click();
    await page.getByTestId('csv-file').setInputFiles(csv.path);
    await page.waitForFunction(() => window.__neurostep.settings().dataset === 'custom');
    assert.deepEqual(plainDataset(await hook(page, 'dataset')), before);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('share: Export to Keras', () => {
  test('the dialog shows the script with Copy and downloads it; it compiles and names the network', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: browser.baseUrl });
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#data=moons&n=200&test=0.3&u=6,4&a=tanh,relu&l2=0.001&opt=rmsprop&lr=0.01&batch=8`);
    for (let i = 0; i < 3; ++i) await page.getByTestId('epoch').click();
    await page.waitForFunction(() => window.__neurostep.snapshot().epoch === 3);
    await openMenu(page, 'export-keras');
    const code = page.getByTestId('keras-code');
    await code.waitFor();
    let script = await code.textContent();
    assert.equal(await page.getByTestId('keras-epochs').inputValue(), '3', 'the epochs trained so far');
    assert.deepEqual(script.split('\n').filter((l) => l.includes('keras.layers.Dense(')).map((l) => l.trim()), [
      "keras.layers.Dense(6, activation='tanh', kernel_regularizer=keras.regularizers.L1L2(l2=0.001)),",
      "keras.layers.Dense(4, activation='relu', kernel_regularizer=keras.regularizers.L1L2(l2=0.001)),",
      "keras.layers.Dense(1, activation='sigmoid', kernel_regularizer=keras.regularizers.L1L2(l2=0.001)),",
    ]);
    assert.match(script, /model\.compile\(loss='binary_crossentropy', optimizer=keras\.optimizers\.RMSprop\(learning_rate=0\.01\), metrics=\['accuracy'\]\)/);
    // The 140 training rows, then the 60 test rows that validation_split holds out.
    assert.match(script, /model\.fit\(X, Y, epochs=3, batch_size=8, validation_split=0\.3\)/);
    assert.match(await page.getByTestId('keras-notes').textContent(), /last 60 rows are the playground’s test rows/);

    await page.getByTestId('keras-epochs').fill('250');
    await page.getByTestId('keras-epochs').press('Enter');
    await page.getByTestId('keras-weights').check();
    await page.waitForFunction(() => document.querySelector('[data-testid=keras-code]').textContent.includes('set_weights') && document.querySelector('[data-testid=keras-code]').textContent.includes('epochs=250'));
    script = await code.textContent();
    await screenshot(page, 'share-export-dialog');

    await page.getByTestId('keras-copy').click();
    await page.getByTestId('keras-copy').filter({ hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), script);
    const file = await downloadFrom(page, () => page.getByTestId('keras-download').click());
    assert.equal(file.name, 'model.py');
    assert.equal(file.text, script);
    execFileSync(PYTHON, ['-m', 'py_compile', file.path], { stdio: 'pipe' });
    assert.equal(await page.getByTestId('keras-download-csv').count(), 0, 'the data are in the script');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('past 200 rows the script reads the CSV offered beside it', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#data=spiral&n=300`);
    await openMenu(page, 'export-keras');
    await page.getByTestId('keras-code').waitFor();
    const script = await page.getByTestId('keras-code').textContent();
    assert.match(script, /CSV_FILE = 'neurostep-data\.csv'/);
    assert.match(script, /model\.fit\(X, Y, epochs=1000, batch_size=1\)/);
    assert.match(await page.getByTestId('keras-notes').textContent(), /300 rows are too many to write into the script/);
    const csv = await downloadFrom(page, () => page.getByTestId('keras-download-csv').click());
    assert.equal(csv.name, 'neurostep-data.csv');
    const lines = csv.text.trim().split('\n');
    assert.equal(lines.length, 301);
    assert.equal(lines[0], 'x1,x2,label');
    const py = await downloadFrom(page, () => page.getByTestId('keras-download').click());
    execFileSync(PYTHON, ['-m', 'py_compile', py.path], { stdio: 'pipe' });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
