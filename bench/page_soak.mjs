// Memory soak of the playground (issue 18's "Soak", issue 12's memory target): Play on the
// spiral at speed max (as bench/page_bench.mjs sets it up) for 10 minutes, reading every 30 s
// the page's JS heap after a full garbage collection, the memory behind its ArrayBuffers, its DOM nodes and event listeners, and the
// worker's wasm heap, malloc's bytes in use and embind's value handles. Flat is the target:
// the only growth allowed is the engine's own history (40 bytes per epoch in the trainer and in
// its checkpoint), which is printed beside it. A benchmark, not a test (it takes 10 minutes);
// tests/browser/play_soak.test.mjs is the one-minute version in npm test. Needs the built page.
//
//   node bench/page_soak.mjs [--minutes 10] [--every 30]
import { openPlayground, startBrowser } from '../tests/browser/helpers.mjs';
import { historyBytes, memorySample, memorySession, setUpSpiral } from '../tests/browser/spiral.mjs';
import { describeLoad, loadBetween, loadReading } from './machine_load.mjs';

const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const minutes = option('--minutes', 10);
const every = option('--every', 30);
const WARM_UP_S = 30;

const mb = (bytes) => (bytes / 1048576).toFixed(2);
const browser = await startBrowser();
try {
  const { page, errors } = await openPlayground(browser.context, browser.baseUrl);
  await setUpSpiral(page);
  const cdp = await memorySession(browser.context, page);
  await page.getByTestId('play').click();
  await page.waitForFunction(() => window.__neurostep.snapshot()?.playing === true, null, { timeout: 20_000 });
  await page.waitForTimeout(WARM_UP_S * 1000);
  const load0 = loadReading();
  const samples = [await memorySample(page, cdp)];
  console.log(`page soak: spiral 500, 2-8-8-1 tanh, batch 10, speed max; ${minutes} min after ${WARM_UP_S} s of warm-up, a reading every ${every} s`);
  console.log('   min   epoch   snapshots   page JS heap MB   buffers MB (count)   DOM nodes   listeners   wasm heap MB   malloc MB   handles');
  const row = (s) =>
    console.log(`  ${((s.t - samples[0].t) / 60000).toFixed(1).padStart(4)}  ${String(s.epoch).padStart(7)}  ${String(s.seq).padStart(10)}  ${mb(s.jsHeap).padStart(16)}  ${`${mb(s.buffers)} (${s.bufferCount})`.padStart(19)}  ${String(s.nodes).padStart(10)}  ${String(s.listeners).padStart(10)}  ${mb(s.heapSize).padStart(13)}  ${mb(s.allocatedBytes).padStart(10)}  ${String(s.emvalHandles).padStart(8)}`);
  row(samples[0]);
  const end = Date.now() + minutes * 60_000;
  while (Date.now() < end) {
    await page.waitForTimeout(Math.min(every * 1000, end - Date.now()));
    const s = await memorySample(page, cdp);
    samples.push(s);
    row(s);
  }
  const load = loadBetween(load0, loadReading());
  await page.getByTestId('play').click();
  const first = samples[0], last = samples.at(-1);
  const epochs = last.epoch - first.epoch;
  const seconds = (last.t - first.t) / 1000;
  console.log(`  ${epochs} epochs and ${last.seq - first.seq} snapshots in ${seconds.toFixed(0)} s (${(epochs / seconds).toFixed(0)} epochs/s, ${((last.seq - first.seq) / seconds).toFixed(1)} snapshots/s)`);
  console.log(`  page JS heap: ${mb(first.jsHeap)} -> ${mb(last.jsHeap)} MB (highest ${mb(Math.max(...samples.map((s) => s.jsHeap)))}); ArrayBuffers ${mb(first.buffers)} -> ${mb(last.buffers)} MB (${first.bufferCount} -> ${last.bufferCount}); DOM nodes ${first.nodes} -> ${last.nodes}; listeners ${first.listeners} -> ${last.listeners}`);
  console.log(`  wasm heap: ${mb(first.heapSize)} -> ${mb(last.heapSize)} MB; malloc in use ${mb(first.allocatedBytes)} -> ${mb(last.allocatedBytes)} MB` +
    ` (the engine's history of ${epochs} more epochs accounts for up to ${mb(historyBytes(epochs))} MB); embind handles ${first.emvalHandles} -> ${last.emvalHandles}`);
  console.log(`  console errors: ${errors.length}${errors.length ? `\n    ${errors.join('\n    ')}` : ''}`);
  console.log(`  machine: ${describeLoad(load)}`);
  process.exitCode = errors.length === 0 ? 0 : 1;
} finally {
  await browser.close();
}
