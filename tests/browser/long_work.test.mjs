// Long work in the page: Teach mode's gradient check runs in slices in the worker, bounded by a
// budget of forward passes. Beyond the budget it checks a stated sample (and says which); while
// it runs the page shows its progress and what it waits for; Cancel stops it with everything as
// it was, and the page goes on working.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engineState, openPlayground, screenshot, startBrowser } from './helpers.mjs';

/** Six hidden layers of 32 tanh units: 5,601 parameters on the article's 8 bits, past the budget. */
const DEEP = 'u=32,32,32,32,32,32&a=tanh,tanh,tanh,tanh,tanh,tanh';

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

async function enterTeach(page) {
  await page.getByTestId('mode-teach').click();
  await page.getByTestId('teaching').waitFor();
}

describe('the gradient check of a large network', () => {
  test('beyond its budget it checks a stated sample of each layer and random directions, and says so', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#${DEEP}`);
    try {
      await enterTeach(page);
      await page.getByTestId('tab-check').click();
      await page.getByTestId('gradient-check-summary').waitFor({ timeout: 60_000 });
      const check = await page.evaluate(() => window.__neurostep.teachingCheck());
      assert.equal(check.exact, false);
      assert.equal(check.parameters, 8 * 32 + 32 + 5 * (32 * 32 + 32) + 33);
      assert.ok(check.forwardPasses <= check.budget, `${check.forwardPasses} forward passes, budget ${check.budget}`);
      const scope = await page.getByTestId('gradient-check-scope').textContent();
      assert.match(scope, /5,601 weights and biases would take 22,404 forward passes, more than the budget of 20,000/);
      assert.match(scope, /largest gradients and a random sample/);
      for (let l = 0; l < 7; ++l) {
        const cell = page.getByTestId(`gradient-check-checked-${l}`);
        const [checked, parameters, directions] = ['checked', 'parameters', 'directions'].map(async (k) => Number(await cell.getAttribute(`data-${k}`)));
        assert.equal(await parameters, check.layers[l].parameters);
        assert.equal(await checked, check.layers[l].checked);
        assert.equal(await directions, 8);
        assert.ok(check.layers[l].maxRelativeError < 1e-6, `layer ${l + 1}: ${check.layers[l].maxRelativeError}`);
      }
      // The hidden layers are sampled; the output layer (33 parameters) fits its share whole.
      assert.ok(check.layers[1].checked < check.layers[1].parameters);
      assert.equal(check.layers[6].checked, 33);
      // The table lists the checked gradients of the chosen layer, with the engine's errors.
      await page.getByTestId('gradient-check-layer-1').click();
      assert.equal(await page.locator('[data-testid=gradient-check-table] tbody tr').count(), check.layers[1].checked);
      await screenshot(page, 'teach-gradient-check-sampled');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('a long check shows its progress, and Cancel leaves the step and the network as they were', async () => {
    // The batch Step would take, 500 rows of the circle: each forward pass is 2.7 M multiply-adds.
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#data=circle&n=500&batch=500&${DEEP}`);
    try {
      await enterTeach(page);
      await page.getByTestId('teach-source').selectOption('batch');
      await page.waitForFunction(() => window.__neurostep.teachingTrace()?.source.kind === 'batch');
      const was = await engineState(page);
      const trace = await page.evaluate(() => JSON.stringify(window.__neurostep.teachingTrace()));
      await page.getByTestId('tab-check').click();
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=gradient-check-progress]')?.dataset.done) > 0, null, { timeout: 30_000 });
      // The page says what it waits for.
      await page.getByTestId('busy').waitFor({ timeout: 5_000 });
      assert.equal(await page.getByTestId('busy').getAttribute('data-request'), 'teachCheck');
      assert.match(await page.getByTestId('busy').textContent(), /checking the gradients/);
      await screenshot(page, 'teach-gradient-check-progress');
      await page.getByTestId('gradient-check-cancel').click();
      await page.getByTestId('gradient-check-cancelled').waitFor({ timeout: 5_000 });
      assert.equal(await page.getByTestId('gradient-check-summary').count(), 0);
      assert.equal(await page.getByTestId('busy').count(), 0);
      assert.deepEqual(await engineState(page), was);
      assert.equal(await page.evaluate(() => JSON.stringify(window.__neurostep.teachingTrace())), trace);
      // Still usable: the next phase of the step.
      await page.getByTestId('tab-step').click();
      await page.getByTestId('teach-next').click();
      await page.waitForFunction(() => window.__neurostep.teachingTrace()?.index === 1, null, { timeout: 15_000 });
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
