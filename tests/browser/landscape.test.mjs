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
  await page.getByTestId('race').scrollIntoViewIfNeeded();
  await screenshot(page, 'landscape-race');
  assert.deepEqual(errors, []);
  await page.close();
});
