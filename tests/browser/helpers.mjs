// Shared set-up for the browser tests: serve web/dist, drive Debian's Chromium with
// playwright-core (never a downloaded browser), collect console errors, save screenshots.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const repoRoot = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const artifactsDir = join(repoRoot, 'test-artifacts', 'browser');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Throws a clear message when the page has not been built. */
export function requireBuiltPage() {
  const index = join(repoRoot, 'web', 'dist', 'index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: run "bash scripts/build.sh" first`);
  if (!existsSync(join(repoRoot, 'web', 'dist', 'wasm', 'neurostep.wasm'))) throw new Error('web/dist/wasm/neurostep.wasm is missing: build the WebAssembly module first');
}

/**
 * The built page on a free port and a fresh Chromium profile. Returns {baseUrl, context, close}.
 * `context` adds Playwright context options (e.g. {hasTouch: true, isMobile: true} for a phone).
 * @param {{viewport?: {width: number, height: number}, context?: object}} [options]
 */
export async function startBrowser(options = {}) {
  requireBuiltPage();
  const server = await startServer(0);
  const baseUrl = `http://127.0.0.1:${server.address().port}/`;
  const profile = await mkdtemp(join(tmpdir(), 'neurostep-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    ...(options.context ?? {}),
  });
  await mkdir(artifactsDir, { recursive: true });
  return {
    baseUrl,
    context,
    async close() {
      await context.close().catch(() => {});
      await new Promise((done) => server.close(done));
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A new tab on the playground, waiting until the engine is ready. Console errors and page
 * errors are collected in `errors`.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 */
export async function openPlayground(context, url, { viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  await page.goto(url);
  await page.waitForFunction(() => window.__neurostep?.ready() === true, null, { timeout: 60_000 });
  return { page, errors };
}

/** Saves a screenshot to test-artifacts/browser/<name>.png. */
export async function screenshot(page, name, options = {}) {
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, ...options });
  return path;
}

/** The number shown by an element with a data-testid (thousands separators removed). */
export async function counter(page, testid) {
  const text = await page.getByTestId(testid).textContent();
  return Number(text.replace(/[^0-9.-]/g, ''));
}

/**
 * What the page and its engine hold, through the read-only hook (main.tsx), as plain values for
 * deepEqual: settings, hidden layers, dataset, the engine's spec, and the latest snapshot's
 * counters, loss and weights (seq counts the snapshots the page has taken).
 */
export function engineState(page) {
  return page.evaluate(async () => {
    const h = window.__neurostep;
    const s = h.snapshot();
    const d = h.dataset();
    const plain = (a) => Array.from(a);
    return {
      settings: h.settings(),
      hidden: h.hidden(),
      dataset: d && { ...d, x: plain(d.x), y: plain(d.y) },
      spec: await h.spec(),
      snapshot: s && {
        seq: s.seq,
        epoch: s.epoch,
        iterations: s.iterations,
        batchInEpoch: s.batchInEpoch,
        batchesPerEpoch: s.batchesPerEpoch,
        batchSize: s.batchSize,
        trainSize: s.trainSize,
        testSize: s.testSize,
        diverged: s.diverged,
        stopReason: s.stopReason,
        loss: s.train.loss,
        weights: s.weights.map(({ W, b }) => ({ W: { rows: W.rows, cols: W.cols, data: plain(W.data) }, b: plain(b) })),
      },
    };
  });
}

/** Waits until the (first) element matches `pattern` and is visible; returns its text. */
export async function textMatching(locator, pattern, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let text = null;
  for (;;) {
    if ((await locator.count()) > 0) {
      text = (await locator.first().textContent()) ?? '';
      if (pattern.test(text) && (await locator.first().isVisible())) return text;
    }
    if (Date.now() > deadline) throw new Error(`expected text matching ${pattern}; the page shows ${JSON.stringify(text)}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
