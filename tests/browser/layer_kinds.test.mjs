// Layers beyond Dense on the page, in headless Chromium: a Keras to_json() with
// BatchNormalization, Dropout, Activation and LeakyReLU opens, the network panel and diagram
// draw them as bands between the Dense columns, it trains (the loss and the boundary move),
// and Teach mode walks every phase of every layer with the engine's numbers.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openPlayground, repoRoot, screenshot, startBrowser } from './helpers.mjs';

const FIXTURES = join(repoRoot, 'tests', 'fixtures', 'keras');

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser({ viewport: { width: 1366, height: 800 } });
});
after(async () => {
  await browser?.close();
});

const hook = (page, name) => page.evaluate((n) => window.__neurostep[n](), name);

async function loadModelFile(page, path) {
  await page.getByTestId('share-toggle').click();
  await page.getByTestId('load-model').click();
  await page.getByTestId('load-model-file').setInputFiles(path);
  await page.getByTestId('load-model-file-name').waitFor();
  await page.getByTestId('load-model-go').click();
  await page.getByTestId('model-notice').waitFor();
}

/** Plays until the snapshot has taken `steps` more optimizer steps, then pauses. */
async function playFor(page, steps) {
  const start = (await hook(page, 'snapshot')).iterations;
  await page.getByTestId('play').click();
  await page.waitForFunction((n) => window.__neurostep.snapshot().iterations >= n, start + steps, { timeout: 30_000 });
  await page.getByTestId('play').click();
  await page.waitForFunction(() => !window.__neurostep.snapshot().playing);
}

describe('layers beyond Dense', () => {
  test('a Keras model with BatchNormalization, Dropout, Activation and LeakyReLU opens, shows its layers as bands, and trains', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await loadModelFile(page, join(FIXTURES, 'page_layers_keras3.json'));
    const notice = await page.getByTestId('model-notice').textContent();
    assert.match(notice, /Loaded page_layers_keras3\.json: 8 inputs → 12 gelu → BatchNorm → Dropout 0\.3 → hard_silu → LeakyReLU 0\.3 → 1 sigmoid/);
    assert.doesNotMatch(notice, /undefined|NaN/);
    // The controls describe it: the layers of other kinds ride on the hidden layer they follow.
    assert.doesNotMatch(notice, /cannot describe this model/);
    const spec = await hook(page, 'spec');
    assert.deepEqual(spec.layers.map((l) => l.kind ?? 'Dense'), ['Dense', 'BatchNormalization', 'Dropout', 'Activation', 'LeakyReLU', 'Dense']);
    const hidden = await hook(page, 'hidden');
    assert.deepEqual(hidden.map((h) => [h.units, h.activation, (h.after ?? []).map((a) => a.kind)]), [[12, 'gelu', ['BatchNormalization', 'Dropout', 'Activation', 'LeakyReLU']]]);

    // The diagram: columns of the Dense layers only, and one band per other layer between them.
    const diagram = page.getByTestId('network-diagram');
    assert.equal(await diagram.getAttribute('data-layers'), '8-12-1');
    assert.equal(await page.getByTestId('band-1').locator('g.band').count(), 4);
    assert.deepEqual(
      await page.getByTestId('band-1').locator('g.band').evaluateAll((gs) => gs.map((g) => [g.dataset.kind, g.querySelector('text').textContent])),
      [['BatchNormalization', 'BatchNorm'], ['Dropout', 'Dropout 0.3'], ['Activation', 'hard_silu'], ['LeakyReLU', 'LeakyReLU 0.3']],
    );
    assert.match(await page.getByTestId('band-layer-2').locator('title').textContent(), /^Layer 3: Dropout\(rate=0\.3\)$/);
    // Keras's count: 8 x 12 + 12, BatchNormalization's 4 x 12, 12 + 1.
    assert.match(await page.locator('.panel--network .panel__meta').first().textContent(), /^169 parameters$/);
    // Every edge has a drawable path and a weight's colour.
    const edges = await page.locator('path.edge').evaluateAll((ps) => ps.map((p) => [p.getAttribute('d'), p.getAttribute('stroke')]));
    assert.equal(edges.length, 8 * 12 + 12);
    assert.ok(edges.every(([d, stroke]) => !/NaN/.test(d) && /positive|negative/.test(stroke)), 'every edge is drawn with its weight');
    await screenshot(page, 'layer-kinds-loaded');

    // It trains: the loss moves and the output layer's weights (the engine's layer 5) change.
    const before = await hook(page, 'snapshot');
    await playFor(page, 40);
    const afterPlay = await hook(page, 'snapshot');
    assert.ok(afterPlay.iterations >= before.iterations + 40);
    assert.notEqual(afterPlay.train.loss, before.train.loss);
    assert.ok(Number.isFinite(afterPlay.train.loss));
    assert.notDeepEqual(Array.from(afterPlay.weights[5].W.data), Array.from(before.weights[5].W.data));
    assert.equal(afterPlay.weights[1].W.data.length, 0, 'BatchNormalization has no W in the snapshot');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a 2-D network with Dropout and BatchNormalization moves its boundary as it trains', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#data=xor&n=200`);
    await loadModelFile(page, join(FIXTURES, 'page_dropout_bn_2d_keras3.json'));
    assert.equal(await page.getByTestId('network-diagram').getAttribute('data-layers'), '2-8-1');
    assert.deepEqual(await page.getByTestId('band-1').locator('g.band').evaluateAll((gs) => gs.map((g) => g.dataset.kind)), ['Dropout', 'BatchNormalization']);
    const before = await page.evaluate(() => Array.from(window.__neurostep.snapshot().grid));
    assert.ok(before.length > 0, 'the page has a boundary grid');
    await playFor(page, 100);
    const afterPlay = await page.evaluate(() => Array.from(window.__neurostep.snapshot().grid));
    assert.equal(afterPlay.length, before.length);
    assert.notDeepEqual(afterPlay, before);
    assert.ok(afterPlay.every(Number.isFinite));
    await screenshot(page, 'layer-kinds-2d');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('layers before the first Dense layer and after the output are drawn too, and the notes say the controls cannot hold them', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    const spec = { input_dim: 8, layers: [{ kind: 'BatchNormalization' }, { units: 4, activation: 'relu' }, { kind: 'Dropout', rate: 0.1 }, { units: 1, activation: 'linear' }, { kind: 'Activation', activation: 'sigmoid' }], loss: 'binary_crossentropy' };
    await page.getByTestId('share-toggle').click();
    await page.getByTestId('load-model').click();
    await page.getByTestId('load-model-file').setInputFiles({ name: 'edges.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(spec)) });
    await page.getByTestId('load-model-file-name').waitFor();
    await page.getByTestId('load-model-go').click();
    await page.getByTestId('model-notice').waitFor();
    const notice = await page.getByTestId('model-notice').textContent();
    assert.match(notice, /8 inputs → BatchNorm → 4 relu → Dropout 0\.1 → 1 linear → sigmoid/);
    assert.match(notice, /Its first layer is not Dense/);
    assert.match(notice, /It has layers after its last Dense layer/);
    assert.equal(await page.getByTestId('network-diagram').getAttribute('data-layers'), '8-4-1');
    assert.deepEqual(await page.locator('g.band').evaluateAll((gs) => gs.map((g) => g.dataset.kind)), ['BatchNormalization', 'Dropout', 'Activation']);
    assert.equal(await page.getByTestId('band-0').locator('g.band').count(), 1);
    assert.equal(await page.getByTestId('band-2').locator('g.band').count(), 1);
    // The output's name comes after the last band, not under it.
    const band = await page.getByTestId('band-2').locator('rect').boundingBox();
    const label = await page.locator('text.node-label').last().boundingBox();
    assert.ok(label.x >= band.x + band.width, `the output name (x ${label.x}) is right of the band (ends at ${band.x + band.width})`);
    await playFor(page, 10);
    assert.ok(Number.isFinite((await hook(page, 'snapshot')).train.loss));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the builder inserts, edits and removes Dropout and BatchNormalization; the engine and the page refuse bad values and the model stays', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#data=xor&n=120`);
    const kinds = async () => (await hook(page, 'spec')).layers.map((l) => (l.kind ? `${l.kind}${l.rate !== undefined ? `(${l.rate})` : l.momentum !== undefined ? `(${l.momentum})` : ''}` : l.units));
    assert.deepEqual(await kinds(), [10, 8, 1]);
    // Every activation the engine lists is offered for a hidden layer.
    const offered = await page.getByTestId('activation-1').locator('option').evaluateAll((os) => os.map((o) => o.value));
    for (const name of ['relu6', 'selu', 'gelu', 'gelu_approximate', 'silu', 'hard_sigmoid', 'hard_silu', 'mish', 'softsign', 'exponential', 'log_softmax', 'celu'])
      assert.ok(offered.includes(name), `${name} is offered (offered: ${offered.join(', ')})`);

    // Dropout after hidden layer 1, with Keras's rate 0.5.
    await page.getByTestId('extras-insert').selectOption('Dropout@0');
    await page.getByTestId('extra-0-0').waitFor();
    assert.deepEqual(await kinds(), [10, 'Dropout(0.5)', 8, 1]);
    assert.equal(await page.getByTestId('band-layer-1').getAttribute('data-kind'), 'Dropout');
    await page.waitForFunction(() => location.hash.includes('x=do:0.5'));

    // A rate the control does not take: the page says so, nothing changes.
    await page.getByTestId('extra-0-0-value').fill('1.5');
    await page.getByTestId('extra-0-0-value').press('Enter');
    assert.equal(await page.getByTestId('extras-error').textContent(), 'Dropout rate must be in [0, 1)');
    assert.deepEqual(await kinds(), [10, 'Dropout(0.5)', 8, 1]);
    assert.equal(await page.getByTestId('extra-0-0-value').inputValue(), '0.5');
    await page.getByTestId('extra-0-0-value').fill('0.25');
    await page.getByTestId('extra-0-0-value').press('Enter');
    await page.waitForFunction(() => location.hash.includes('x=do:0.25'));
    assert.deepEqual(await kinds(), [10, 'Dropout(0.25)', 8, 1]);
    assert.equal(await page.getByTestId('extras-error').count(), 0);

    // BatchNormalization with batch size 1: the engine refuses and says why; the model stays.
    const before = await hook(page, 'spec');
    await page.getByTestId('extras-insert').selectOption('BatchNormalization@1');
    await page.getByTestId('model-error').waitFor();
    assert.match(await page.getByTestId('model-error').textContent(), /^The engine refused this change: layer 4: BatchNormalization needs batches of at least 2 samples in training/);
    assert.deepEqual(await hook(page, 'spec'), before);
    assert.equal(await page.getByTestId('extras-error').count(), 0, 'the engine’s message is shown once');
    await page.getByTestId('field-batchSize').locator('input').fill('8');
    await page.getByTestId('field-batchSize').locator('input').press('Enter');
    await page.waitForFunction(() => window.__neurostep.snapshot()?.batchSize === 8);
    await page.getByTestId('extras-insert').selectOption('BatchNormalization@1');
    await page.getByTestId('extra-1-0').waitFor();
    assert.deepEqual(await kinds(), [10, 'Dropout(0.25)', 8, 'BatchNormalization(0.99)', 1]);
    assert.equal(await page.getByTestId('model-error').count(), 0);
    await page.getByTestId('extra-1-0-value').fill('0.9');
    await page.getByTestId('extra-1-0-value').press('Enter');
    await page.waitForFunction(() => location.hash.includes('x=do:0.25,bn:0.9'));
    assert.match(await page.locator('.panel--network .panel__meta').first().textContent(), /^159 parameters$/); // 30 + 88 + 4 x 8 + 9
    await playFor(page, 20);
    await screenshot(page, 'layer-kinds-builder');

    // The link carries them; a fresh page opens the same network.
    const url = page.url();
    const copy = await openPlayground(browser.context, url);
    await copy.page.getByTestId('extra-1-0').waitFor();
    assert.equal(await copy.page.getByTestId('url-notice').count(), 0);
    const copied = await hook(copy.page, 'spec');
    assert.deepEqual(copied.layers, (await hook(page, 'spec')).layers);
    await copy.page.close();

    // Save model, and load it back on a page with the default network.
    const [download] = await Promise.all([page.waitForEvent('download'), (async () => {
      await page.getByTestId('share-toggle').click();
      await page.getByTestId('save-model').click();
    })()]);
    const saved = join(repoRoot, 'test-artifacts', 'browser', 'layer-kinds-saved.json');
    await download.saveAs(saved);
    const fresh = await openPlayground(browser.context, `${browser.baseUrl}#data=xor&n=120&batch=8`);
    await loadModelFile(fresh.page, saved);
    assert.deepEqual((await hook(fresh.page, 'hidden')).map((h) => (h.after ?? []).map((a) => a.kind)), [['Dropout'], ['BatchNormalization']]);
    assert.deepEqual((await hook(fresh.page, 'snapshot')).weights[4].W.data, (await hook(page, 'snapshot')).weights[4].W.data);
    assert.deepEqual(fresh.errors, []);
    await fresh.page.close();

    // Remove: back to Dense layers only.
    await page.getByTestId('extra-0-0-remove').click();
    await page.waitForFunction(() => location.hash.includes('x=,bn:0.9'));
    await page.getByTestId('extra-1-0-remove').click();
    await page.waitForFunction(() => !location.hash.includes('x='));
    assert.deepEqual(await kinds(), [10, 8, 1]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('old links open as before, and bad layers in a link are named and left out', async () => {
    const old = await openPlayground(browser.context, `${browser.baseUrl}#data=xor&u=6,4&a=tanh,relu`);
    assert.deepEqual((await hook(old.page, 'spec')).layers.map((l) => l.kind ?? l.units), [6, 4, 1]);
    assert.equal(await old.page.getByTestId('url-notice').count(), 0);
    assert.deepEqual(old.errors, []);
    await old.page.close();
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#data=xor&batch=4&u=6,4&a=tanh,relu&x=do:0.2~zz:1,do:7~bn,bn`);
    assert.deepEqual((await hook(page, 'spec')).layers.map((l) => l.kind ?? l.units), [6, 'Dropout', 4, 'BatchNormalization', 1]);
    const notice = await page.getByTestId('url-notice').textContent();
    assert.match(notice, /x= \(hidden layer 1\): “zz:1” is not a layer this page knows; ignored/);
    assert.match(notice, /x= \(hidden layer 2\): “do:7”: Dropout rate must be in \[0, 1\); that layer is left out/);
    assert.match(notice, /x= lists layers after 3 hidden layers, but the network has 2/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('Teach mode steps through every layer of such a model with the engine’s numbers', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await loadModelFile(page, join(FIXTURES, 'page_layers_keras3.json'));
    await page.getByRole('button', { name: 'Teach', exact: true }).click();
    await page.getByTestId('teach-kinds').waitFor();
    const teach = page.getByTestId('teaching');
    // BatchNormalization cannot train on one row: the step starts on the next batch.
    assert.match(await page.locator('.teach-bar select').first().inputValue(), /^batch$/);
    const total = 1 + 6 + 1 + 6 + 6;
    assert.match(await teach.textContent(), new RegExp(`Step 0 of ${total - 1}`));
    const seen = [];
    for (let step = 1; step < total; ++step) {
      await page.getByTestId('teach-next').click();
      await page.waitForFunction((s) => document.querySelector('[data-testid="teaching"]')?.dataset.step === String(s), step);
      const box = page.getByTestId('layer-kind-step');
      const phase = await box.getAttribute('data-phase');
      const heading = phase === 'loss' ? 'loss' : await page.getByTestId('layer-kind-heading').textContent();
      seen.push(`${phase} ${heading}`);
      // Each layer's rule in TeX, typeset (KaTeX), with the engine's numbers in its worked line.
      const formulas = page.getByTestId('layer-kind-formulas');
      const ruled = phase === 'forward' || phase === 'backward' || (phase === 'update' && /Dense|BatchNormalization/.test(heading));
      if (phase !== 'loss') assert.equal(await formulas.count(), ruled ? 1 : 0, `${phase} ${heading}: formulas shown`);
      if (ruled) {
        assert.ok((await formulas.locator('.katex').count()) >= 2, `${phase} ${heading}: the rule and a worked line`);
        assert.equal(await formulas.locator('.tex-error').count(), 0);
      }
      if (phase === 'forward' && heading.includes('Dropout')) {
        // a = mask ⊙ a_prev / (1 − 0.3), the mask 0 or 1: the engine's numbers, shown exactly.
        const values = async (name) => page.getByTestId(`layer-value-${name}`).locator('td[data-value]').evaluateAll((tds) => tds.map((td) => Number(td.dataset.value)));
        const [aPrev, mask, a] = [await values('a_prev'), await values('mask'), await values('a')];
        assert.equal(mask.length, aPrev.length);
        assert.ok(mask.every((m) => m === 0 || m === 1), `mask values: ${mask.slice(0, 6)}`);
        assert.ok(mask.some((m) => m === 0) && mask.some((m) => m > 0));
        a.forEach((v, i) => assert.ok(Math.abs(v - (mask[i] * aPrev[i]) / 0.7) <= 1e-5 * Math.max(1, Math.abs(v)), `a[${i}] = ${v}, mask ⊙ a_prev / 0.7 = ${(mask[i] * aPrev[i]) / 0.7}`));
        await screenshot(page, 'layer-kinds-teach-dropout');
      }
      if (phase === 'forward' && heading.includes('BatchNormalization')) {
        assert.equal(await page.getByTestId('layer-value-batch_mean').count(), 1);
        assert.equal(await page.getByTestId('layer-value-x_hat').count(), 1);
        // The worked line's x-hat is the table's first x_hat, exactly (both the engine's).
        const first = await page.getByTestId('layer-value-x_hat').locator('td[data-value]').first().getAttribute('data-value');
        const inFormula = await page.locator('[data-testid="layer-kind-formulas"] [data-src="layers.1.values.x_hat.data.0"]').first().getAttribute('data-value');
        assert.equal(inFormula, first);
        await screenshot(page, 'layer-kinds-teach-batchnorm');
      }
      if (phase === 'backward' && heading.includes('BatchNormalization')) {
        assert.equal(await page.getByTestId('layer-value-dgamma').count(), 1);
        assert.equal(await page.getByTestId('layer-value-dA_prev').count(), 1);
      }
    }
    assert.deepEqual(seen, [
      'forward Layer 1: Dense ("dense")',
      'forward Layer 2: BatchNormalization ("batch_normalization")',
      'forward Layer 3: Dropout ("dropout")',
      'forward Layer 4: Activation ("activation")',
      'forward Layer 5: LeakyReLU ("leaky_re_lu")',
      'forward Layer 6: Dense ("dense_1")',
      'loss loss',
      'backward Layer 6: Dense ("dense_1")',
      'backward Layer 5: LeakyReLU ("leaky_re_lu")',
      'backward Layer 4: Activation ("activation")',
      'backward Layer 3: Dropout ("dropout")',
      'backward Layer 2: BatchNormalization ("batch_normalization")',
      'backward Layer 1: Dense ("dense")',
      'update Layer 1: Dense ("dense")',
      'update Layer 2: BatchNormalization ("batch_normalization")',
      'update Layer 3: Dropout ("dropout")',
      'update Layer 4: Activation ("activation")',
      'update Layer 5: LeakyReLU ("leaky_re_lu")',
      'update Layer 6: Dense ("dense_1")',
    ]);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('checking the gradients of such a model', () => {
  test('Teach mode checks every trained weight by its Keras name, BatchNormalization’s gamma and beta too', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await loadModelFile(page, join(FIXTURES, 'page_layers_keras3.json'));
    await page.getByRole('button', { name: 'Teach', exact: true }).click();
    await page.getByTestId('teach-kinds').waitFor();
    await page.getByTestId('tab-check').click();
    await page.getByTestId('gradient-check-summary').waitFor({ timeout: 60_000 });
    const rows = await page.getByTestId('gradient-check-summary').locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ id: tr.dataset.testid, error: Number(tr.querySelector('td.num').dataset.value), checked: Number(tr.querySelector('[data-checked]').dataset.checked) })),
    );
    assert.deepEqual(rows.map((r) => r.id), [
      'gradient-check-weight-0-kernel', 'gradient-check-weight-0-bias', 'gradient-check-weight-1-gamma', 'gradient-check-weight-1-beta',
      'gradient-check-weight-5-kernel', 'gradient-check-weight-5-bias',
    ]);
    for (const r of rows) {
      assert.ok(r.checked > 0, `${r.id}: something checked`);
      assert.ok(r.error < 1e-5, `${r.id}: backpropagation and the finite difference agree (${r.error})`);
    }
    // gamma's elements, both ways: each row's error is the engine's, and the two columns agree.
    await page.getByTestId('gradient-check-weight-1-gamma').click();
    const cells = await page.getByTestId('gradient-check-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.dataset.value))));
    assert.equal(cells.length, 12);
    for (const [bp, num] of cells) assert.ok(Math.abs(bp - num) <= 1e-5 * Math.max(1e-3, Math.abs(bp)), `gamma: ${bp} vs ${num}`);
    await screenshot(page, 'layer-kinds-gradient-check');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('the activation explorer', () => {
  test('every activation offered has a picture of f and f′ from the engine, and picking one in the gallery explores it', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#data=xor&u=4,3&a=tanh,selu`);
    // Beside each layer's activation: its picture, redrawn when the activation changes.
    await page.getByTestId('act-thumb-tanh').first().waitFor();
    await page.getByTestId('act-thumb-selu').first().waitFor();
    await page.getByTestId('activation-2').selectOption('mish');
    await page.getByTestId('act-thumb-mish').first().waitFor();
    const ex = page.getByTestId('activation-explorer');
    await ex.locator('summary').click();
    const offered = await ex.getByTestId('explorer-activation').locator('option').evaluateAll((os) => os.map((o) => o.value));
    for (const name of offered) {
      const thumb = ex.getByTestId(`explorer-pick-${name}`).getByTestId(`act-thumb-${name}`);
      await thumb.waitFor();
      // Two curves, each drawn through all 41 of the engine's points.
      const paths = await thumb.locator('path').evaluateAll((ps) => ps.map((p) => p.getAttribute('d').split(/[ML]/).filter(Boolean).length));
      assert.deepEqual(paths, [41, 41], `${name}: f and f′ drawn`);
    }
    // relu's f is flat then rising: its picture's last point is higher (smaller y) than its first.
    const f = await ex.getByTestId('act-thumb-relu').locator('.act-thumb__f').getAttribute('d');
    const ys = f.split(/[ML]/).filter(Boolean).map((p) => Number(p.split(',')[1]));
    assert.ok(ys[ys.length - 1] < ys[0] && ys[0] === ys[10], `relu's picture: ${ys[0]} … ${ys[ys.length - 1]}`);
    await ex.getByTestId('explorer-pick-gelu').click();
    assert.equal(await ex.getByTestId('explorer-activation').inputValue(), 'gelu');
    assert.equal(await ex.getByTestId('explorer-pick-gelu').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('plots f(z) and f′(z) of any activation from the engine, with the values at the hovered point', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#data=xor`);
    const ex = page.getByTestId('activation-explorer');
    await ex.locator('summary').click();
    const offered = await ex.getByTestId('explorer-activation').locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(offered.includes('gelu') && offered.includes('hard_silu') && offered.includes('selu') && !offered.includes('softmax'));
    /** Hovers at a share of the plot's width and reads the z, f(z) and f′(z) shown. */
    const read = async (share) => {
      const plot = ex.getByTestId('explorer-plot');
      await plot.scrollIntoViewIfNeeded();
      const box = await plot.boundingBox();
      await page.mouse.move(box.x + box.width * share, box.y + box.height / 2);
      const text = await ex.getByTestId('explorer-values').textContent();
      const m = text.match(/^At z = (\S+): f\(z\) = (\S+) and f′\(z\) = (\S+)\.$/);
      assert.ok(m, text);
      return m.slice(1).map(Number);
    };
    // Independent references for the test (the page computes none of these).
    const refs = {
      tanh: [(z) => Math.tanh(z), (z) => 1 - Math.tanh(z) ** 2],
      relu: [(z) => Math.max(0, z), (z) => (z > 0 ? 1 : 0)],
      hard_sigmoid: [(z) => Math.min(6, Math.max(0, z + 3)) / 6, (z) => (z > -3 && z < 3 ? 1 / 6 : 0)],
    };
    for (const [name, [f, df]] of Object.entries(refs)) {
      await ex.getByTestId('explorer-activation').selectOption(name);
      await page.waitForTimeout(300);
      for (const share of [0.2, 0.45, 0.7]) {
        const [z, fz, dfz] = await read(share);
        assert.ok(Math.abs(fz - f(z)) < 1e-12, `${name}(${z}) = ${fz}, expected ${f(z)}`);
        assert.ok(Math.abs(dfz - df(z)) < 1e-12, `${name}'(${z}) = ${dfz}, expected ${df(z)}`);
      }
    }
    // Another range: the ends are the ones typed.
    await ex.getByTestId('explorer-from').fill('-10');
    await ex.getByTestId('explorer-to').fill('2');
    await ex.getByTestId('explorer-to').press('Enter');
    await page.waitForTimeout(300);
    const [zLeft] = await read(0.001);
    assert.ok(zLeft < -9, `the plot starts near -10 (got ${zLeft})`);
    // A range backwards: said, and the plot stays.
    await ex.getByTestId('explorer-from').fill('3');
    await ex.getByTestId('explorer-to').fill('-1');
    await ex.getByTestId('explorer-to').press('Enter');
    assert.equal(await ex.getByTestId('explorer-error').textContent(), 'The range must be two numbers, the first smaller than the second.');
    assert.equal(await ex.getByTestId('explorer-plot').count(), 1);
    await screenshot(page, 'layer-kinds-explorer');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
