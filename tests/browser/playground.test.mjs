// The playground page in headless Chromium: start state, training, the network editor, data
// editing, divergence. Each test opens a fresh tab on the built page (web/dist) and saves a
// screenshot of the state it reaches to test-artifacts/browser/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { counter, openPlayground, screenshot, startBrowser } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;

before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

const snapshot = (page) => page.evaluate(() => window.__neurostep.snapshot());
const rowsShown = async (page) => Number((await page.getByTestId('data-summary').textContent()).match(/(\d+) rows/)[1]);

async function setLearningRate(page, value) {
  const input = page.getByTestId('field-learningRate').locator('input');
  await input.fill(String(value));
  await input.press('Enter');
  await page.waitForFunction((lr) => window.__neurostep.settings().learningRate === lr, value);
}

async function pickDataset(page, name) {
  await page.getByTestId(`dataset-${name}`).click();
  await page.waitForFunction((n) => window.__neurostep.settings().dataset === n && window.__neurostep.snapshot() !== null, name);
}

describe('playground page', () => {
  test('loads the article example with no console errors', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await page.getByTestId('predictions-table').locator('[data-testid=pred-row]').first().waitFor();
    assert.match(await page.getByTestId('intro').textContent(), /network from the article.*Press Play to train it/);
    const spec = await page.evaluate(() => window.__neurostep.spec());
    assert.equal(spec.input_dim, 8);
    assert.deepEqual(
      spec.layers.map((l) => [l.units, l.activation]),
      [
        [10, 'relu'],
        [8, 'relu'],
        [1, 'sigmoid'],
      ],
    );
    assert.equal(spec.loss, 'binary_crossentropy');
    assert.equal(spec.optimizer.name, 'adam');
    assert.equal(spec.optimizer.learning_rate, 0.001);
    const s = await snapshot(page);
    assert.equal(s.trainSize, 10);
    assert.equal(s.testSize, 0);
    assert.equal(s.batchSize, 1);
    assert.equal(await rowsShown(page), 10);
    // The important parts are on screen at 1280 x 800 without scrolling.
    for (const id of ['play', 'step', 'network-diagram', 'metric-accuracy', 'loss-chart', 'predictions-table', 'sample-table']) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box && box.y >= 0 && box.y + Math.min(box.height, 60) <= 800, `${id} is visible at 1280 x 800`);
    }
    await screenshot(page, '01-start');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("trains the article's example with Play to accuracy 1.0, every row right", async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=metric-accuracy]')?.dataset.value) === 1, null, { timeout: 30_000 });
    await page.getByTestId('play').click();
    await page.waitForFunction(() => window.__neurostep.snapshot().playing === false);
    const verdicts = await page.$$eval('[data-testid=pred-row]', (rows) => rows.map((r) => r.dataset.correct));
    assert.equal(verdicts.length, 10);
    assert.deepEqual(verdicts, new Array(10).fill('true'));
    assert.ok((await counter(page, 'epoch-counter')) > 0);
    assert.match(await page.getByTestId('intro').textContent(), /every row right/);
    await screenshot(page, '02-article-trained');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('adding a layer and changing an activation change the diagram and the engine', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    const diagram = page.getByTestId('network-diagram');
    assert.equal(await diagram.getAttribute('data-layers'), '8-10-8-1');
    await page.getByTestId('add-layer').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=network-diagram]').dataset.layers === '8-10-8-8-1');
    assert.equal(await page.locator('[data-testid^=layer-col-]').count(), 5);
    await page.getByTestId('activation-3').selectOption('tanh');
    await page.waitForFunction(async () => (await window.__neurostep.spec()).layers[2]?.activation === 'tanh');
    await page.getByTestId('units-plus-3').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=network-diagram]').dataset.layers === '8-10-8-9-1');
    const spec = await page.evaluate(() => window.__neurostep.spec());
    assert.deepEqual(
      spec.layers.map((l) => [l.units, l.activation]),
      [
        [10, 'relu'],
        [8, 'relu'],
        [9, 'tanh'],
        [1, 'sigmoid'],
      ],
    );
    // The diagram draws what the engine holds: one edge per weight between drawn neurons.
    assert.equal(await page.locator('[data-testid=edges-2] path.edge').count(), 8 * 9);
    assert.equal(await page.getByTestId('layer-col-3').getAttribute('data-units'), '9');
    await screenshot(page, '03-layer-added');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('one step advances the step counter by one and changes the weights shown', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    // The diagram's exact values are in its tooltips: the output's bias and a weight into it.
    const shown = async (selector) => {
      await page.locator(selector).first().hover({ force: true });
      return page.getByTestId('diagram-tooltip').textContent();
    };
    const bias = 'rect.neuron[data-l="2"][data-u="0"]';
    const weights = '[data-testid=edges-2] path.edge-hit';
    const biasBefore = await shown(bias);
    const weightTexts = async () => {
      const texts = [];
      for (let i = 0; i < 8; ++i) {
        await page.locator(weights).nth(i).hover({ force: true });
        texts.push(await page.getByTestId('diagram-tooltip').textContent());
      }
      return texts;
    };
    const weightsBefore = await weightTexts();
    assert.equal(await counter(page, 'step-counter'), 0);
    await page.getByTestId('step').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=step-counter]').textContent === '1');
    assert.notEqual(await shown(bias), biasBefore, 'the output bias shown changed');
    const weightsAfter = await weightTexts();
    assert.ok(weightsAfter.some((t, i) => t !== weightsBefore[i]), 'a weight shown changed');

    // Keyboard: the right arrow steps, the space plays and pauses (not while typing).
    await page.locator('body').click({ position: { x: 5, y: 790 } });
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid=step-counter]').textContent === '2');
    await page.getByTestId('field-learningRate').locator('input').focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('body').click({ position: { x: 5, y: 790 } });
    assert.equal(await counter(page, 'step-counter'), 2);
    await page.keyboard.press(' ');
    await page.waitForFunction(() => window.__neurostep.snapshot().playing === true);
    await page.keyboard.press(' ');
    await page.waitForFunction(() => window.__neurostep.snapshot().playing === false);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('hovering a weight shows it and clicking sets it in the engine', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    const edge = page.locator('[data-testid=edges-2] path.edge-hit').first();
    await edge.hover({ force: true });
    await page.getByTestId('diagram-tooltip').waitFor();
    assert.match(await page.getByTestId('diagram-tooltip').textContent(), /weight .* → output .* = -?\d/);
    await edge.click({ force: true });
    const editor = page.getByTestId('weight-editor');
    await editor.locator('input').fill('2.5');
    await editor.locator('input').press('Enter');
    await editor.waitFor({ state: 'detached' });
    const weights = await page.evaluate(() => window.__neurostep.snapshot().weights[2].W.data[0]);
    assert.equal(weights, 2.5);
    await screenshot(page, '04-weight-edited');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('with the keyboard alone, the arrow keys pick a weight or bias and Enter sets it', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await page.getByTestId('add-layer').focus();
    const diagram = page.locator('[data-testid=network-diagram] svg');
    for (let i = 0; i < 40 && !(await diagram.evaluate((el) => el === document.activeElement)); ++i) await page.keyboard.press('Tab');
    const announce = page.getByTestId('diagram-announce');
    assert.match(await announce.textContent(), /^weight b1 → hidden 1, neuron 1 = -?\d/);
    await page.getByTestId('diagram-cursor').waitFor();
    // → goes a layer of weights on (and does not step the training: the diagram has the key).
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.match(await announce.textContent(), /^weight hidden 2, neuron 1 → output "y" = /);
    await page.keyboard.press('ArrowUp');
    assert.match(await announce.textContent(), /^bias of output "y" = /);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.match(await announce.textContent(), /^weight hidden 2, neuron 2 → output "y" = /);
    await screenshot(page, '04b-weight-keyboard');
    await page.keyboard.press('Enter');
    const input = page.getByTestId('weight-editor').locator('input');
    assert.equal(await input.evaluate((el) => el === document.activeElement), true, 'the editor takes the focus');
    await input.fill('-1.25');
    await page.keyboard.press('Enter');
    await page.getByTestId('weight-editor').waitFor({ state: 'detached' });
    const s = await snapshot(page);
    assert.equal(s.weights[2].W.data[1], -1.25); // W(unit 0, input 1), column-major
    assert.equal(s.iterations, 0);
    assert.equal(await diagram.evaluate((el) => el === document.activeElement), true, 'the focus comes back to the diagram');
    assert.match(await announce.textContent(), /^weight hidden 2, neuron 2 → output "y" = -1\.25/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a malformed CSV shows the engine message and keeps the previous data', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await page.getByTestId('csv-toggle').click();
    await page.getByTestId('csv-text').fill('x1,x2,label\n0.5,1.0,1\n0.25,oops,0\n');
    await page.getByTestId('csv-load').click();
    const message = await page.getByTestId('csv-error').textContent();
    assert.match(message, /line 3/i);
    assert.match(message, /column 2|oops/i);
    assert.equal(await rowsShown(page), 10, 'the article data stay loaded');
    assert.equal((await snapshot(page)).trainSize, 10);
    await screenshot(page, '05-csv-error');

    // A good CSV replaces the data, and the input layer follows its width.
    await page.getByTestId('csv-text').fill('x1,x2,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.1,0.9,1\n');
    await page.getByTestId('csv-load').click();
    await page.waitForFunction(() => window.__neurostep.snapshot()?.trainSize === 5);
    assert.equal(await rowsShown(page), 5);
    assert.equal(await page.getByTestId('csv-error').count(), 0);
    assert.equal((await page.evaluate(() => window.__neurostep.spec())).input_dim, 2);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a learning rate of 100 on the spiral diverges, and restore brings back good weights', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await pickDataset(page, 'spiral');
    await page.getByTestId('speed').fill('100');
    await setLearningRate(page, 100);
    const startLoss = (await snapshot(page)).train.loss;
    await page.getByTestId('play').click();
    const banner = page.getByTestId('divergence');
    await banner.waitFor({ timeout: 30_000 });
    assert.match(await banner.textContent(), /diverged.*lower learning rate/s);
    const diverged = await snapshot(page);
    assert.equal(diverged.playing, false);
    assert.notEqual(diverged.diverged, 'no');
    assert.ok(!(diverged.train.loss <= 10 * startLoss), 'the loss blew up');
    await screenshot(page, '06-diverged');

    await setLearningRate(page, 0.01);
    await page.getByTestId('restore').click();
    await banner.waitFor({ state: 'detached' });
    const restored = await snapshot(page);
    assert.equal(restored.diverged, 'no');
    assert.ok(Number.isFinite(restored.train.loss) && restored.train.loss <= 10 * Math.max(startLoss, 0.1), 'the restored loss is sane');
    assert.equal((await page.evaluate(() => window.__neurostep.spec())).optimizer.learning_rate, 0.01);
    await page.getByTestId('step').click();
    await page.waitForFunction((it) => window.__neurostep.snapshot().iterations === it + 1, restored.iterations);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('NaN weights stop training and disable stepping until restored', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await pickDataset(page, 'plane');
    await page.getByTestId('field-optimizer').locator('select').selectOption('sgd');
    await page.waitForFunction(async () => (await window.__neurostep.spec()).optimizer.name === 'sgd');
    await page.getByTestId('speed').fill('100');
    await setLearningRate(page, 100);
    await page.getByTestId('play').click();
    await page.getByTestId('divergence').waitFor({ timeout: 30_000 });
    // First the loss explodes (training may go on), then the numbers overflow.
    if ((await snapshot(page)).diverged === 'exploded') {
      assert.match(await page.getByTestId('divergence').textContent(), /loss grew from/);
      await page.getByTestId('play').click();
      await page.waitForFunction(() => window.__neurostep.snapshot().diverged === 'nan', null, { timeout: 30_000 });
    }
    assert.match(await page.getByTestId('divergence').textContent(), /NaN|infinite/);
    assert.equal((await snapshot(page)).diverged, 'nan');
    assert.equal(await page.getByTestId('step').isDisabled(), true);
    await page.getByTestId('restore').click();
    await page.getByTestId('divergence').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('step').isDisabled(), false);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a 2-D dataset shows the decision boundary, and clicking the canvas adds a point', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await pickDataset(page, 'moons');
    await page.getByTestId('speed').fill('100');
    const rows = await rowsShown(page);
    await page.getByTestId('play').click();
    await page.waitForFunction(() => (window.__neurostep.snapshot()?.epoch ?? 0) >= 30, null, { timeout: 30_000 });
    await page.getByTestId('play').click();
    await page.waitForFunction(() => window.__neurostep.snapshot().playing === false);
    // The boundary is painted from the engine's 100 x 100 grid: both classes' colours appear.
    const grid = await page.evaluate(() => {
      const s = window.__neurostep.snapshot();
      return { length: s.grid.length, below: s.grid.filter((v) => v < 0.5).length, above: s.grid.filter((v) => v > 0.5).length };
    });
    assert.equal(grid.length, 100 * 100);
    assert.ok(grid.below > 1000 && grid.above > 1000, `both classes on the grid: ${JSON.stringify(grid)}`);
    const colours = await page.getByTestId('boundary').evaluate((canvas) => {
      const ctx = canvas.getContext('2d');
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let orange = 0, blue = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] > data[i + 2] + 40) orange++;
        else if (data[i + 2] > data[i] + 40) blue++;
      }
      return { orange, blue };
    });
    assert.ok(colours.orange > 500 && colours.blue > 500, `orange and blue regions: ${JSON.stringify(colours)}`);
    // Every hidden neuron shows what it has learned (trainer.activations over the grid).
    assert.equal(await page.getByTestId('neuron-fields').getAttribute('data-fields'), String(2 + 10 + 8 + 1));
    await screenshot(page, '07-moons-boundary');

    const canvas = page.getByTestId('data-canvas');
    await page.getByTestId('class-0').click();
    await canvas.click({ position: { x: 40, y: 40 } });
    await page.waitForFunction((n) => window.__neurostep.snapshot().trainSize === n + 1, rows);
    assert.equal(await rowsShown(page), rows + 1);
    await canvas.click({ position: { x: 40, y: 40 }, modifiers: ['Shift'] });
    await page.waitForFunction((n) => window.__neurostep.snapshot().trainSize === n, rows);
    assert.equal(await rowsShown(page), rows);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a test share adds test loss, test points and a second confusion matrix', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await pickDataset(page, 'circle');
    await page.getByTestId('field-testRatio').locator('input').fill('0.3');
    await page.waitForFunction(() => window.__neurostep.snapshot()?.testSize === 60);
    await page.getByTestId('speed').fill('100');
    await page.getByTestId('play').click();
    await page.waitForFunction(() => (window.__neurostep.snapshot()?.epoch ?? 0) >= 20, null, { timeout: 30_000 });
    await page.getByTestId('play').click();
    assert.ok(Number.isFinite(Number(await page.getByTestId('metric-test-loss').getAttribute('data-value'))));
    await page.getByTestId('tab-confusion').click();
    assert.equal(await page.getByTestId('confusion-matrix').locator('table').count(), 2);
    // Each matrix counts what the engine's accuracy counts: its diagonal over all its rows.
    const tables = await page.getByTestId('confusion-matrix').locator('table').evaluateAll((ts) =>
      ts.map((t) => [...t.querySelectorAll('td')].map((td) => ({ n: Number(td.textContent), diagonal: td.classList.contains('is-diagonal') }))));
    const s = await snapshot(page);
    for (const [cells, rows, accuracy] of [[tables[0], s.trainSize, s.train.accuracy], [tables[1], s.testSize, s.test.accuracy]]) {
      assert.equal(cells.reduce((sum, c) => sum + c.n, 0), rows);
      assert.equal(cells.filter((c) => c.diagonal).reduce((sum, c) => sum + c.n, 0), Math.round(accuracy * rows));
    }
    await screenshot(page, '08-circle-test-split');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('works at phone width in one column', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl, { viewport: { width: 390, height: 844 } });
    const boxes = await Promise.all(['data-title', 'network-title', 'output-title'].map((id) => page.locator(`#${id}`).boundingBox()));
    assert.ok(boxes[0].y < boxes[1].y && boxes[1].y < boxes[2].y, 'panels are stacked');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling (page is ${width}px wide)`);
    await screenshot(page, '09-phone', { fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
