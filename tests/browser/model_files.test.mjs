// Real model files in the page, in headless Chromium: a TensorFlow.js layers-model (model.json and
// its shard, picked together in the Load dialog), a Keras 3 .keras archive dropped on the dialog,
// and a model.json without its shard refused by name. Fixtures are made here: the TF.js model by
// TF.js in Node, the .keras archive by the engine's own exportKerasArchive.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { loadEngine } from '../wasm/engine.mjs';
import { loadTf } from '../wasm/tfjs_oracle.mjs';
import { openPlayground, screenshot, startBrowser } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
let ns, tf;
before(async () => {
  [browser, ns, tf] = await Promise.all([startBrowser(), loadEngine(), loadTf()]);
});
after(async () => {
  await browser?.close();
});

const hook = (page, name) => page.evaluate((n) => window.__neurostep[n](), name);

async function tfjsFiles() {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 5, activation: 'tanh', inputShape: [2], name: 'hidden' }));
  m.add(tf.layers.batchNormalization({ name: 'norm' }));
  m.add(tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'out' }));
  const names = m.weights.map((v) => v.name);
  m.setWeights(m.getWeights().map((w, k) => tf.tensor(Float32Array.from({ length: w.size }, (_, i) => (names[k].includes('moving_variance') ? 1 + 0.1 * i : Math.sin(i + k))), w.shape)));
  let artifacts;
  await m.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const modelJson = { format: 'layers-model', generatedBy: 'TensorFlow.js', convertedBy: null, modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['./group1-shard1of1.bin'], weights: artifacts.weightSpecs }] };
  return {
    json: { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(modelJson)) },
    shard: { name: 'group1-shard1of1.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(new Uint8Array(artifacts.weightData)) },
  };
}

async function openLoadDialog(page) {
  await page.getByTestId('share-toggle').click();
  await page.getByTestId('load-model').click();
}

test('a TF.js layers-model picked with its shard loads with its weights', async () => {
  const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
  const { json, shard } = await tfjsFiles();
  const reference = await ns.loadModelFiles([json, shard].map((f) => ({ name: f.name, bytes: new Uint8Array(f.buffer) })));
  await openLoadDialog(page);
  await page.getByTestId('load-model-file').setInputFiles([json, shard]);
  await page.getByTestId('load-model-file-name').waitFor();
  assert.equal(await page.getByTestId('load-model-file-name').textContent(), 'model.json, group1-shard1of1.bin');
  await page.getByTestId('load-model-go').click();
  await page.getByTestId('model-notice').waitFor();
  assert.match(await page.getByTestId('model-notice').textContent(), /Loaded model\.json/);
  const spec = await hook(page, 'spec');
  assert.deepEqual(spec.layers.map((l) => l.kind ?? 'Dense'), ['Dense', 'BatchNormalization', 'Dense']);
  const snap = await hook(page, 'snapshot');
  assert.deepEqual(Array.from(snap.weights[0].W.data), Array.from(reference.weights()[0].W.data), 'the file\'s kernel');
  const data = await hook(page, 'dataset');
  const outputs = reference.predict(data.x, data.rows).data;
  const trainRows = snap.trainOutputs.length;
  assert.ok(trainRows > 0);
  for (const v of snap.trainOutputs) assert.ok(Array.from(outputs).some((o) => Math.abs(o - v) < 1e-7), `output ${v} is one of the model's own`);
  await screenshot(page, 'model-files-tfjs');
  reference.dispose();
  assert.deepEqual(errors, []);
  await page.close();
});

test('a .keras archive dropped on the Load dialog loads; a model.json without its shard is refused by name', async () => {
  const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
  const t = ns.createTrainer({ input_dim: 2, layers: [{ units: 4, activation: 'relu' }, { kind: 'Dropout', rate: 0.2 }, { units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy' }, { seed: 9 });
  const bytes = await t.exportKerasArchive();
  await openLoadDialog(page);
  await page.evaluate(async (list) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(list)], 'trained.keras'));
    const zone = document.querySelector('[data-testid="load-drop"]');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, Array.from(bytes));
  await page.getByTestId('load-model-file-name').waitFor();
  await page.getByTestId('load-model-go').click();
  await page.getByTestId('model-notice').waitFor();
  assert.match(await page.getByTestId('model-notice').textContent(), /Loaded trained\.keras/);
  const snap = await hook(page, 'snapshot');
  assert.deepEqual(Array.from(snap.weights[0].W.data), Array.from(t.weights()[0].W.data));
  t.dispose();
  await page.getByTestId('notice-dismiss').click();

  const { json } = await tfjsFiles();
  await openLoadDialog(page);
  await page.getByTestId('load-model-file').setInputFiles([json]);
  await page.getByTestId('load-model-file-name').waitFor();
  await page.getByTestId('load-model-go').click();
  const message = page.getByTestId('load-error-message');
  await message.waitFor();
  assert.match(await message.textContent(), /This model cannot be loaded: model\.json needs the weights shard "\.\/group1-shard1of1\.bin"/);
  await screenshot(page, 'model-files-missing-shard');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Share exports the model to PyTorch, as a .keras archive and for TensorFlow.js', async () => {
  const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
  const downloads = async (click, count) => {
    const got = [];
    const waiting = new Promise((done) => {
      page.on('download', async function each(d) {
        got.push({ name: d.suggestedFilename(), bytes: new Uint8Array(await readFile(await d.path())) });
        if (got.length === count) {
          page.off('download', each);
          done();
        }
      });
    });
    await click();
    await waiting;
    return got;
  };
  const snap = await hook(page, 'snapshot');
  await page.getByTestId('share-toggle').click();
  const [archive] = await downloads(() => page.getByTestId('download-keras-archive').click(), 1);
  assert.equal(archive.name, 'neurostep-model.keras');
  const fromArchive = await ns.loadModelFiles([archive]);
  assert.deepEqual(Array.from(fromArchive.weights()[0].W.data), Array.from(snap.weights[0].W.data), 'the page\'s weights in the archive');
  fromArchive.dispose();
  await page.getByTestId('share-toggle').click();
  const tfjsFiles = await downloads(() => page.getByTestId('download-tfjs').click(), 2);
  assert.deepEqual(tfjsFiles.map((f) => f.name).sort(), ['model.json', 'weights.bin']);
  const modelJson = JSON.parse(new TextDecoder().decode(tfjsFiles.find((f) => f.name === 'model.json').bytes));
  const weights = tfjsFiles.find((f) => f.name === 'weights.bin').bytes;
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) }));
  assert.deepEqual(Array.from(model.layers.find((l) => l.getClassName() === 'Dense').getWeights()[0].dataSync()), Array.from(Float32Array.from(Array.from({ length: snap.weights[0].W.cols }, (_, i) => Array.from({ length: snap.weights[0].W.rows }, (_, u) => snap.weights[0].W.data[u + i * snap.weights[0].W.rows])).flat())));
  await page.getByTestId('share-toggle').click();
  await page.getByTestId('export-pytorch').click();
  await page.getByTestId('pytorch-dialog').waitFor();
  await page.getByTestId('pytorch-notes').waitFor();
  assert.match(await page.getByTestId('pytorch-dialog').textContent(), /nn\.Sequential/);
  await screenshot(page, 'export-pytorch');
  assert.deepEqual(errors, []);
  await page.close();
});

test('model files dropped anywhere on the page open Load model with them', async () => {
  const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
  const { json, shard } = await tfjsFiles();
  await page.evaluate(async (files) => {
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
    const target = document.querySelector('main') ?? document.body;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, [json, shard].map((f) => ({ name: f.name, bytes: Array.from(f.buffer) })));
  await page.getByTestId('load-dialog').waitFor();
  assert.equal(await page.getByTestId('load-model-file-name').textContent(), 'model.json, group1-shard1of1.bin');
  await page.getByTestId('load-model-go').click();
  await page.getByTestId('model-notice').waitFor();
  assert.match(await page.getByTestId('model-notice').textContent(), /Loaded model\.json/);
  assert.deepEqual(errors, []);
  await page.close();
});
