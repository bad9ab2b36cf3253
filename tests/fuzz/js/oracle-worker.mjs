// The worker thread that judges the fuzzer's inputs (oracle.mjs), one at a time, with the engine
// loaded once (which runs h5wasm in a worker of its own, web/src/engine/model-files/hdf5-thread.js).
// Around each verdict it checks what one input must not leave behind: wasm memory still
// allocated (confirmed by running the input twice more: a leak grows each time), the engine's
// heap or the process past its bound, a refusal whose id the catalogues do not say, and a valid
// model that no longer loads afterwards (a reader left broken, as a library a damaged file
// corrupted). The driver (fuzz_model_files.mjs) times each input and ends the thread when one hangs.
import './quiet-hdf5.mjs';
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadEngine } from '../../wasm/engine.mjs';
import { judge } from './oracle.mjs';

const HEAP_BOUND = 1 << 30;
// Every thread of the process: the driver, this worker, the mutator's and the engine's HDF5 worker.
const RSS_BOUND = 6 * 2 ** 30;
// Refusals after which the HDF5 or zip library may have been left broken: a valid file is read next.
const SUSPECT = new Set(['files.hdf5_unreadable', 'files.zip_unreadable']);
const CANARY_EVERY = 64;

// A refusal's id must have its text in both catalogues, or the page says it in English only.
const catalogue = (lang) => JSON.parse(fs.readFileSync(new URL(`../../../web/src/i18n/${lang}.json`, import.meta.url), 'utf8')).engine;
const catalogues = [catalogue('en'), catalogue('zh-CN')];
const said = (id) => catalogues.every((c) => typeof id.split('.').reduce((node, k) => node?.[k], c) === 'string');

const ns = await loadEngine();
/** @type {{name: string, bytes: Uint8Array}[][]} */
const canaries = workerData.canaries;

const stats = () => {
  const m = ns.memoryStats();
  return { allocated: m.allocatedBytes, handles: m.emvalHandles, heap: m.heapSize, rss: process.memoryUsage().rss };
};

// Warm up: the first loads fill the engine's and the libraries' lazy state.
for (let i = 0; i < 2; ++i) for (const c of canaries) await judge(ns, c);

/** @param {{name: string, bytes: Uint8Array}[]} files @param {number} n */
async function verdictOf(files, n) {
  const before = stats();
  const v = await judge(ns, files);
  if (v.outcome === 'finding') return v;
  if (v.outcome === 'refused' && !said(v.id))
    return { outcome: 'finding', kind: 'refusal without a text in the catalogues', message: `${v.id} is in neither web/src/i18n/en.json nor zh-CN.json under "engine" (or in one only)` };
  let after = stats();
  if (after.allocated > before.allocated || after.handles > before.handles) {
    const grows = [];
    for (let i = 0; i < 2; ++i) {
      const s = stats();
      await judge(ns, files);
      const e = stats();
      grows.push(e.allocated > s.allocated || e.handles > s.handles ? `${e.allocated - s.allocated} bytes, ${e.handles - s.handles} handles` : '');
    }
    if (grows.every(Boolean)) return { outcome: 'finding', kind: 'memory leak', message: `each run of this input leaves memory allocated in the engine: ${grows.join('; ')}` };
    after = stats();
  }
  if (after.heap > HEAP_BOUND || after.rss > RSS_BOUND)
    return { outcome: 'finding', kind: 'memory past its bound', message: `the engine's heap is ${after.heap} bytes (bound ${HEAP_BOUND}), the process's ${after.rss} (bound ${RSS_BOUND})` };
  if ((v.outcome === 'refused' && SUSPECT.has(v.id)) || n % CANARY_EVERY === 0)
    for (const c of canaries) {
      const cv = await judge(ns, c);
      if (cv.outcome !== 'loaded')
        return { outcome: 'finding', kind: 'a valid model no longer loads after this input', message: JSON.stringify(cv), stack: cv.stack };
    }
  return v;
}

parentPort.on('message', async ({ n, files }) => {
  const started = performance.now();
  let verdict;
  try {
    verdict = await verdictOf(files, n);
  } catch (err) {
    verdict = { outcome: 'finding', kind: 'the oracle itself failed', message: String(err), stack: err instanceof Error ? err.stack : undefined };
  }
  parentPort.postMessage({ n, verdict, ms: performance.now() - started });
});
parentPort.postMessage({ ready: true });
