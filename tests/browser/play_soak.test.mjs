// A minute of Play at full speed leaves nothing behind (issue 18's soak, in short; the 10-minute
// version is bench/page_soak.mjs): the page's JS heap after a garbage collection, its DOM nodes
// and event listeners, the memory behind its ArrayBuffers, the worker's wasm heap and embind's handles stay flat, malloc's bytes grow
// by no more than the engine's history accounts for, and no console error appears. Meanwhile
// the pictures keep changing: Play streams snapshots all along.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openPlayground, screenshot, startBrowser } from './helpers.mjs';
import { historyBytes, memorySample, memorySession, setUpSpiral } from './spiral.mjs';

let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

const MB = 1048576;

describe('Play for a minute', () => {
  test('memory, DOM and listeners stay flat, and no console error appears', async () => {
    const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
    await setUpSpiral(page);
    const cdp = await memorySession(browser.context, page);
    await page.getByTestId('play').click();
    await page.waitForFunction(() => window.__neurostep.snapshot()?.playing === true);
    await page.waitForTimeout(10_000); // warm-up: code compiled, buffers and caches made
    const samples = [await memorySample(page, cdp)];
    for (let i = 0; i < 5; ++i) {
      await page.waitForTimeout(10_000);
      samples.push(await memorySample(page, cdp));
    }
    await screenshot(page, 'play-soak-after-a-minute');
    await page.getByTestId('play').click();
    await page.waitForFunction(() => window.__neurostep.snapshot()?.playing === false);
    const first = samples[0], last = samples.at(-1);
    const table = samples
      .map((s) => `epoch ${s.epoch}, seq ${s.seq}: heap ${(s.jsHeap / MB).toFixed(2)} MB, buffers ${(s.buffers / MB).toFixed(2)} MB (${s.bufferCount}), ${s.nodes} nodes, ${s.listeners} listeners, wasm ${s.heapSize}, malloc ${s.allocatedBytes}, handles ${s.emvalHandles}`)
      .join('\n');
    if (process.env.NEUROSTEP_SOAK_LOG) console.log(table);

    assert.ok(last.seq - first.seq >= 50, `Play kept streaming snapshots:\n${table}`);
    assert.ok(last.epoch > first.epoch, `Play kept training:\n${table}`);
    assert.deepEqual(errors, []);
    for (const s of samples) {
      assert.ok(s.jsHeap - first.jsHeap <= 2 * MB, `the page's JS heap grew by ${((s.jsHeap - first.jsHeap) / MB).toFixed(2)} MB:\n${table}`);
      assert.ok(s.buffers - first.buffers <= 2 * MB, `the page's ArrayBuffers grew by ${((s.buffers - first.buffers) / MB).toFixed(2)} MB:\n${table}`);
      assert.ok(s.bufferCount - first.bufferCount <= 10, `the page holds ${s.bufferCount - first.bufferCount} more ArrayBuffers:\n${table}`);
      assert.ok(Math.abs(s.nodes - first.nodes) <= 20, `DOM nodes went from ${first.nodes} to ${s.nodes}:\n${table}`);
      assert.ok(s.listeners - first.listeners <= 5, `event listeners went from ${first.listeners} to ${s.listeners}:\n${table}`);
      assert.equal(s.heapSize, first.heapSize, `the wasm heap grew:\n${table}`);
      assert.equal(s.emvalHandles, first.emvalHandles, `embind handles leaked:\n${table}`);
      const allowed = historyBytes(s.epoch - first.epoch) + 64 * 1024;
      assert.ok(s.allocatedBytes - first.allocatedBytes <= allowed, `malloc's bytes grew by ${s.allocatedBytes - first.allocatedBytes}, more than the history's ${allowed}:\n${table}`);
    }
    await page.close();
  });
});
