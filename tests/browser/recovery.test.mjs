// The worker that owns the engine can die: it crashes (an uncaught error), stops (closed, or
// killed by the browser for its memory) or hangs (a call that never returns). The page must
// notice within seconds, say what happened, start a new engine, and give it the last good state
// it has: the settings, the data, and the weights of the last snapshot it drew. Then it must
// stay usable: a Step trains on from those weights.
//
// The worker is killed from outside, through Playwright's handle on it (page.workers()), so the
// page gets no warning: what it sees is what a real crash shows it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engineState, openPlayground, screenshot, startBrowser, textMatching } from './helpers.mjs';

/** Hidden layers, a test share, a seed: a page with something to lose. */
const HASH = 'data=moons&n=60&test=0.25&dseed=5&u=5,3&a=tanh,relu&seed=11&lr=0.05';
/** What the page says once it has restarted the engine (data-testid="engine-notice"). */
const RESTARTED = /(engine|worker).*(stopped|crashed|answer).*restarted/is;

/** @type {Awaited<ReturnType<typeof startBrowser>>} */
let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

/** The page of HASH, trained `steps` steps, and what it holds then. */
async function trainedPage(steps = 4) {
  const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#${HASH}`);
  for (let i = 1; i <= steps; ++i) {
    await page.getByTestId('step').click();
    await page.waitForFunction((n) => window.__neurostep.snapshot()?.iterations === n, i);
  }
  return { page, errors, before: await engineState(page) };
}

/** The engine's worker (the page has one other at most: none today). */
function engineWorker(page) {
  const workers = page.workers();
  assert.ok(workers.length > 0, 'the page has no worker');
  return workers.find((w) => /engine/.test(w.url())) ?? workers[0];
}

/** Runs `fn` in the worker without waiting for an answer it may never give. */
async function inWorker(page, fn) {
  const worker = engineWorker(page);
  await Promise.race([worker.evaluate(fn).catch(() => {}), new Promise((done) => setTimeout(done, 1000))]);
}

const KILLS = {
  // A dedicated worker that closes itself is gone without an error event: only a heartbeat sees it.
  'stops without a word': () => self.close(),
  // An uncaught error: the page's worker.onerror fires; the engine's state is not to be trusted.
  crashes: () => {
    setTimeout(() => {
      throw new Error('simulated crash of the engine worker');
    });
  },
  // A call that never returns: the worker is alive but answers nothing.
  hangs: () => {
    setTimeout(() => {
      for (;;);
    });
  },
};

describe('a worker that dies, and a page that survives', () => {
  for (const [how, kill] of Object.entries(KILLS)) {
    test(`the engine worker ${how}: the page says so, restarts it and restores the last good state`, async () => {
      const { page, errors, before: was } = await trainedPage();
      try {
        await inWorker(page, kill);
        const notice = await textMatching(page.getByTestId('engine-notice'), RESTARTED, 20_000);
        assert.doesNotMatch(notice, /internal error/i);
        await page.waitForFunction(() => window.__neurostep.ready() === true, null, { timeout: 30_000 });
        await screenshot(page, `recovery-${how.replace(/\W+/g, '-')}`);

        // The last good state: settings, hidden layers, data, the engine's spec, the weights.
        const now = await engineState(page);
        assert.deepEqual(now.settings, was.settings);
        assert.deepEqual(now.hidden, was.hidden);
        assert.deepEqual(now.dataset, was.dataset);
        assert.deepEqual(now.spec, was.spec);
        assert.deepEqual(now.snapshot.weights, was.snapshot.weights);

        // Still usable: a Step trains on from those weights.
        const seq = now.snapshot.seq;
        await page.getByTestId('step').click();
        await page.waitForFunction((s) => window.__neurostep.snapshot().seq > s && window.__neurostep.snapshot().iterations >= 1, seq, { timeout: 15_000 });
        const stepped = await engineState(page);
        assert.ok(Number.isFinite(stepped.snapshot.loss));
        assert.notDeepEqual(stepped.snapshot.weights, was.snapshot.weights);
        assert.deepEqual(errors.filter((e) => !/simulated crash/.test(e)), []);
      } finally {
        await page.close();
      }
    });
  }

  test('a model with BatchNormalization comes back with its moving statistics, not only its Dense weights', async () => {
    const { page, errors } = await openPlayground(browser.context, `${browser.baseUrl}#${HASH}&batch=5&x=bn:0.9`);
    try {
      for (let i = 1; i <= 3; ++i) {
        await page.getByTestId('step').click();
        await page.waitForFunction((n) => window.__neurostep.snapshot()?.iterations === n, i);
      }
      // The page keeps the layers' own weights a moment after a snapshot: wait until it has asked.
      await page.waitForTimeout(300);
      const weightsOf = async () => JSON.parse(await page.evaluate(() => window.__neurostep.model())).weights;
      const was = await weightsOf();
      assert.ok(JSON.stringify(was).includes('moving_mean'), 'the model file holds the moving statistics');
      await inWorker(page, KILLS.crashes);
      await textMatching(page.getByTestId('engine-notice'), RESTARTED, 20_000);
      await page.waitForFunction(() => window.__neurostep.ready() === true, null, { timeout: 30_000 });
      assert.deepEqual(await weightsOf(), was);
      await page.getByTestId('step').click();
      await page.waitForFunction(() => window.__neurostep.snapshot()?.iterations === 1, null, { timeout: 15_000 });
      assert.notDeepEqual(await weightsOf(), was);
      assert.deepEqual(errors.filter((e) => !/simulated crash/.test(e)), []);
    } finally {
      await page.close();
    }
  });

  test('a page whose engine cannot start again says so instead of waiting for ever', async () => {
    const { page } = await trainedPage(1);
    try {
      // Every later worker fails to load: the page must give up with a message, not spin.
      await page.route('**/*.wasm', (route) => route.abort());
      await inWorker(page, KILLS['stops without a word']);
      await textMatching(page.getByTestId('engine-notice'), /could not (start|restart)|reload/i, 30_000);
      assert.equal(await page.getByTestId('busy').count(), 0, 'a busy indicator still spins after the engine gave up');
    } finally {
      await page.close();
    }
  });
});
