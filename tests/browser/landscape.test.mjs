// The loss landscape in Play mode (web/src/panels/landscape/): the map shows the engine's surface
// (its centre is the loss the page shows), it follows steps and Play, a click moves the weights
// and Undo gives them back exactly, two weights can be picked, and the learning-rate sweep's
// chosen rate becomes the optimizer's. Needs the built page (bash scripts/build.sh).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { engineState, openPlayground, screenshot, startBrowser, textMatching } from './helpers.mjs';

const HASH = 'data=spiral&n=200&dseed=3&u=8,8&a=tanh,tanh&batch=10&seed=5&lr=0.03';

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

async function openLandscape(hash = HASH) {
  const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#${hash}`, { viewport: { width: 1366, height: 800 } });
  await page.getByTestId('landscape').locator('summary').click();
  await textMatching(page.getByTestId('landscape-legend'), /Loss here/);
  return { page, errors };
}

/** The number after "Loss here:" in the legend. */
async function legendLoss(page) {
  const text = await page.getByTestId('landscape-legend').textContent();
  return Number(/Loss here: ([0-9.]+)/.exec(text)[1]);
}

const iterations = (page) => page.evaluate(() => window.__neurostep.snapshot().iterations);

test('the map shows the engine surface through the weights now, and follows a step', async () => {
  const { page, errors } = await openLandscape();
  const loss = await page.evaluate(() => window.__neurostep.snapshot().train.loss);
  assert.ok(Math.abs((await legendLoss(page)) - loss) <= 1e-4, 'the centre is the loss the page shows');
  await page.getByTestId('step').click();
  await page.waitForFunction(() => window.__neurostep.snapshot()?.iterations === 1);
  await textMatching(page.getByTestId('landscape-legend'), /path of the last 1 steps/);
  const after = await page.evaluate(() => window.__neurostep.snapshot().train.loss);
  assert.ok(Math.abs((await legendLoss(page)) - after) <= 1e-4);
  await page.getByTestId('landscape-log').check();
  await textMatching(page.getByTestId('landscape-legend'), /Loss here/);
  assert.match(page.url(), /land=true/);
  assert.match(page.url(), /llog=true/);
  await screenshot(page, 'landscape-random');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a click on the map moves the weights; Undo gives them back bit for bit', async () => {
  const { page, errors } = await openLandscape();
  const before = await engineState(page);
  // (The output panel scrolls: a locator's click brings the map into view first.)
  await page.getByTestId('landscape-map').click({ position: { x: 216 * 0.85, y: 216 * 0.2 } });
  await page.waitForFunction((seq) => window.__neurostep.snapshot().seq > seq, before.snapshot.seq);
  const moved = await engineState(page);
  assert.notDeepEqual(moved.snapshot.weights, before.snapshot.weights);
  assert.notEqual(moved.snapshot.loss, before.snapshot.loss);
  await page.getByTestId('landscape-undo').click();
  await page.waitForFunction((seq) => window.__neurostep.snapshot().seq > seq, moved.snapshot.seq);
  const undone = await engineState(page);
  assert.deepEqual(undone.snapshot.weights, before.snapshot.weights);
  assert.equal(undone.snapshot.loss, before.snapshot.loss);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link opens the panel with its seed, extent and log scale', async () => {
  const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#${HASH}&land=true&lseed=9&lext=0.5&llog=true`);
  await textMatching(page.getByTestId('landscape-legend'), /Loss here/);
  assert.equal(await page.getByTestId('landscape-seed').inputValue(), '9');
  assert.equal(await page.getByTestId('landscape-extent').inputValue(), '0.5');
  assert.ok(await page.getByTestId('landscape-log').isChecked());
  assert.deepEqual(errors, []);
  await page.close();
});

test('two weights: the slice is along them, and an impossible pair says why', async () => {
  const { page, errors } = await openLandscape();
  await page.getByTestId('landscape-mode-weights').click();
  await textMatching(page.getByTestId('landscape-legend'), /Loss here/);
  await page.getByTestId('landscape-weight-b').selectOption('0:kernel:0:0');  // the same as weight a
  await textMatching(page.getByTestId('landscape-error'), /the two weights are the same one/);
  await page.getByTestId('landscape-weight-b').selectOption('2:bias:0:0');
  await page.waitForFunction(() => !document.querySelector('[data-testid=landscape-error]'));
  await screenshot(page, 'landscape-weights');
  assert.deepEqual(errors, []);
  await page.close();
});

/** The link's value of a parameter (the page keeps its settings in the hash). */
const linkValue = (page, name) => new URLSearchParams(new URL(page.url()).hash.slice(1)).get(name);
const axes = async (page, id = 'landscape') => [await page.getByTestId(`${id}-axis-x`).textContent(), await page.getByTestId(`${id}-axis-y`).textContent()];

test('shift-click in the diagram picks the axes (x, then y); the editor picks one; the link holds them', async () => {
  const { page, errors } = await openLandscape();
  // A real shift-click on a neuron (its bias: layer 2, neuron 3) sets x, from random directions.
  await page.locator('[data-testid=network-diagram] rect.neuron[data-l="1"][data-u="2"]').click({ modifiers: ['Shift'] });
  await page.waitForFunction(() => window.__neurostep.settings().landscapeAxes === 'weights');
  await textMatching(page.getByTestId('landscape-axis-x'), /layer 2: b\[3\]/);
  // The next shift-click (on an edge: weight 5 <- 2 of layer 1) sets y. (Edges cross at their
  // middles, so the click is sent to the edge itself.)
  await page.locator('[data-testid=edges-0] path.edge-hit[data-u="4"][data-i="1"]').dispatchEvent('click', { shiftKey: true, bubbles: true });
  await textMatching(page.getByTestId('landscape-axis-y'), /layer 1: w\[5\]\[2\]/);
  assert.deepEqual(await axes(page), ['layer 2: b[3] →', '↑ layer 1: w[5][2]']);
  assert.equal(await page.getByTestId('landscape-weight-a').inputValue(), '1:bias:2:0');
  assert.equal(await page.getByTestId('landscape-weight-b').inputValue(), '0:kernel:4:1');
  assert.deepEqual([linkValue(page, 'laxes'), linkValue(page, 'lw1'), linkValue(page, 'lw2')], ['weights', 'b2:3', 'w1:5:2']);
  await textMatching(page.getByTestId('landscape-legend'), /Loss here/);
  const loss = await page.evaluate(() => window.__neurostep.snapshot().train.loss);
  assert.ok(Math.abs((await legendLoss(page)) - loss) <= 1e-4, 'the slice is through the weights now');
  // The editor of a bias (a click, or Enter from the keyboard) has "Use as landscape axis: x | y".
  await page.locator('[data-testid=network-diagram] rect.neuron[data-l="0"][data-u="3"]').click();
  await page.getByTestId('use-as-axis-x').click();
  await page.getByTestId('weight-editor').waitFor({ state: 'detached' });
  await textMatching(page.getByTestId('landscape-axis-x'), /layer 1: b\[4\]/);
  assert.equal(linkValue(page, 'lw1'), 'b1:4');
  assert.equal(linkValue(page, 'lw2'), 'w1:5:2');
  // With the keyboard alone: Tab to the diagram, Shift+Enter on the cursor's weight (layer 1, 1 <- 1): y, since x came last.
  const diagram = page.locator('[data-testid=network-diagram] svg');
  await page.getByTestId('add-layer').focus();
  for (let i = 0; i < 40 && !(await diagram.evaluate((el) => el === document.activeElement)); ++i) await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Enter');
  await textMatching(page.getByTestId('landscape-axis-y'), /layer 1: w\[1\]\[1\]/);
  assert.equal(linkValue(page, 'lw2'), 'w1:1:1');
  await page.getByTestId('landscape').scrollIntoViewIfNeeded();
  await screenshot(page, 'landscape-picked-axes');
  // A copy of the link opens on the same slice.
  const copy = await openPlayground(browser.context, page.url());
  await textMatching(copy.page.getByTestId('landscape-legend'), /Loss here/);
  assert.deepEqual(await axes(copy.page), ['layer 1: b[4] →', '↑ layer 1: w[1][1]']);
  // Back to random directions.
  await copy.page.getByTestId('landscape-mode-random').click();
  await textMatching(copy.page.getByTestId('landscape-axis-x'), /random direction 1/);
  assert.equal(linkValue(copy.page, 'laxes'), 'random');
  assert.deepEqual([...errors, ...copy.errors], []);
  await copy.page.close();
  await page.close();
});

test('picked weights the network does not have: random directions and a notice, and no crash', async () => {
  const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#${HASH}&land=true&laxes=weights&lw1=w5:1:1&lw2=w1:9:1`);
  await textMatching(page.getByTestId('landscape-fallback'), /not in this network .*layer.*random directions/);
  await textMatching(page.getByTestId('landscape-legend'), /Loss here/);
  assert.deepEqual(await axes(page), ['random direction 1 →', '↑ random direction 2']);
  // The notice's button goes back to random directions for good (and says so in the link).
  await page.getByTestId('landscape-fallback-random').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=landscape-fallback]'));
  assert.equal(linkValue(page, 'laxes'), 'random');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Teach mode, update step: the landscape of the step and -η∇L as the engine projects it', async () => {
  const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#${HASH}&opt=sgd&lr=0.1&laxes=weights&lw1=w1:1:1&lw2=b1:1&mode=teach`);
  await page.getByTestId('teaching').waitFor();
  const phases = await page.evaluate(() => window.__neurostep.teachingTrace().phases);
  const k = phases.findIndex((p) => p.kind === 'update' && p.layer === 0) + 1;
  await page.getByTestId(`step-${k}`).click();
  await page.waitForFunction((k) => window.__neurostep.teachingTrace()?.index === k, k);
  const arrow = page.getByTestId('teach-landscape-gradient');
  await arrow.waitFor();
  const trace = await page.evaluate(() => window.__neurostep.teachingTrace());
  const [gx, gy] = [Number(await arrow.getAttribute('data-x')), Number(await arrow.getAttribute('data-y'))];
  // Along two weights (unit directions), the projection of -η∇L is -η times their two gradients,
  // which the step's own tables show (dL/dW and dL/db of layer 1).
  const dW = trace.layers[0].dW.data[0], db = trace.layers[0].db.data[0];
  assert.ok(Math.abs(gx - -0.1 * dW) <= 1e-6 * Math.max(1e-3, Math.abs(dW)), `${gx} vs -0.1 * ${dW}`);
  assert.ok(Math.abs(gy - -0.1 * db) <= 1e-6 * Math.max(1e-3, Math.abs(db)), `${gy} vs -0.1 * ${db}`);
  // Plain SGD's step is that arrow (up to the float32 rounding of the new weights); the numbers
  // shown are the engine's, rounded.
  const next = page.getByTestId('teach-landscape-next');
  assert.ok(Math.abs(Number(await next.getAttribute('data-x')) - gx) <= 1e-6, `${await next.getAttribute('data-x')} vs ${gx}`);
  const shown = (await arrow.textContent()).replace(/−/g, '-').match(/-?[0-9.]+(e-?\d+)?/g).map(Number);
  assert.ok(Math.abs(shown[0] - gx) <= 1e-3 * Math.abs(gx) + 1e-12 && Math.abs(shown[1] - gy) <= 1e-3 * Math.abs(gy) + 1e-12, `${shown} vs ${gx}, ${gy}`);
  assert.deepEqual(await axes(page, 'teach-landscape'), ['layer 1: w[1][1] →', '↑ layer 1: b[1]']);
  await page.getByTestId('teach-landscape').scrollIntoViewIfNeeded();
  await screenshot(page, 'landscape-teach-update');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Play: the map follows training live', async () => {
  const { page, errors } = await openLandscape();
  await page.getByTestId('play').click();
  await page.waitForFunction(() => window.__neurostep.snapshot().iterations > 30, null, { timeout: 30_000 });
  await textMatching(page.getByTestId('landscape-legend'), /path of the last ([3-9]\d|\d{3,}) steps/, 30_000);
  await page.getByTestId('play').click();
  await page.waitForFunction(() => !window.__neurostep.snapshot().playing);
  const n = await iterations(page);
  // Paused, a surface of the weights as they stay (its resolution is what the time budget allows).
  await page.waitForTimeout(1500);
  const loss = await page.evaluate(() => window.__neurostep.snapshot().train.loss);
  assert.equal(await iterations(page), n);
  assert.ok(Math.abs((await legendLoss(page)) - loss) <= 1e-4);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the learning-rate sweep: a curve, and one click uses the chosen rate', async () => {
  const { page, errors } = await openLandscape();
  const before = await engineState(page);
  await page.getByTestId('landscape-sweep').click();
  const text = await textMatching(page.getByTestId('landscape-chosen'), /η = [0-9.e-]+(: loss| diverged)/);
  const after = await engineState(page);
  assert.deepEqual(after.snapshot.weights, before.snapshot.weights, 'the sweep leaves the weights as they were');
  await page.getByTestId('landscape-sweep-chart').click({ position: { x: 216 * 0.4, y: 48 } });
  await page.waitForFunction((t) => document.querySelector('[data-testid=landscape-chosen]').textContent !== t, text);
  await page.getByTestId('landscape-use-rate').click();
  const label = await page.getByTestId('landscape-use-rate').textContent();
  await page.waitForFunction(async () => (await window.__neurostep.spec()).optimizer.learning_rate !== 0.03);
  const lr = (await page.evaluate(() => window.__neurostep.spec())).optimizer.learning_rate;
  // The label rounds the engine's rate to three digits; the optimizer takes the rate itself.
  assert.ok(Math.abs(lr - Number(/η = ([0-9.e-]+)/.exec(label)[1])) <= 5e-3 * lr, `${label} vs ${lr}`);
  await screenshot(page, 'landscape-sweep');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the optimizer race: overlaid curves of the same epochs, a winner, and the trainer left as it was', async () => {
  const { page, errors } = await openLandscape();
  const before = await engineState(page);
  await page.getByTestId('race-target').fill('0.6');
  await page.getByTestId('race-target').press('Tab');
  await page.getByTestId('race-run').click();
  const legend = page.getByTestId('race-legend').locator('li');
  await textMatching(page.getByTestId('race-winner'), /first, at epoch|No optimizer/, 60_000);
  assert.equal(await legend.count(), 3);
  assert.match(await legend.nth(2).textContent(), /^ ?Adam: [0-9.]+/);
  const after = await engineState(page);
  assert.deepEqual(after.snapshot.weights, before.snapshot.weights);
  assert.equal(after.snapshot.iterations, before.snapshot.iterations);
  // Each racer's path on one landscape, in its colour (SGD orange, momentum blue, Adam green).
  const colours = await page.getByTestId('race-map').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const near = (r, g, b) => { let n = 0; for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) < 8 && Math.abs(d[i + 1] - g) < 8 && Math.abs(d[i + 2] - b) < 8) n++; return n; };
    return [near(8, 119, 189), near(44, 160, 44)];
  });
  assert.ok(colours.every((n) => n > 0), `the blue and green paths are drawn: ${colours}`);
  for (let k = 0; k < 3; k++) assert.ok(Number(await legend.nth(k).getAttribute('data-steps')) > 0);
  await page.getByTestId('race').scrollIntoViewIfNeeded();
  await screenshot(page, 'landscape-race');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a race link restores the race: its racers, their learning rates, epochs and target, and the same result', async () => {
  const url = `${browser.baseUrl}#${HASH}&land=true&race=sgd:0.05~adam:0.01&repochs=5&rtarget=0.6`;
  const results = [];
  for (const attempt of [0, 1]) {
    const { page, errors } = await openPlayground(browser.context, url);
    await page.getByTestId('race-run').waitFor();
    assert.deepEqual(await Promise.all(['sgd', 'momentum', 'adam'].map((k) => page.getByTestId(`race-${k}`).isChecked())), [true, false, true]);
    assert.equal(await page.getByTestId('race-rate-sgd').inputValue(), '0.05');
    assert.equal(await page.getByTestId('race-epochs').inputValue(), '5');
    assert.equal(await page.getByTestId('race-target').inputValue(), '0.6');
    await page.getByTestId('race-run').click();
    await textMatching(page.getByTestId('race-winner'), /first, at epoch|No optimizer/, 60_000);
    results.push(await page.getByTestId('race-legend').textContent());
    assert.match(results[attempt], /SGD \(η = 0\.05\): [0-9.]+.*Adam \(η = 0\.01\): [0-9.]+/);
    if (attempt === 1) {
      // A change through the controls goes into the link.
      await page.getByTestId('race-momentum').check();
      await page.getByTestId('race-rate-adam').fill('');
      await page.getByTestId('race-rate-adam').press('Tab');
      await page.waitForFunction(() => window.__neurostep.settings().raceOptimizers === 'sgd:0.05~momentum~adam');
      assert.equal(linkValue(page, 'race'), 'sgd:0.05~momentum~adam');
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
  assert.equal(results[1], results[0], 'the same race, the same losses');
});
