// The worker threads seen from the driver. Runner (oracle-worker.mjs): one input at a time, each
// given `timeout` ms to be read (then some more for the rest of the oracle and the worker's own
// checks: a hang past both), the thread ended
// and a fresh one started when an input hangs it or kills it (out of memory). Mutator
// (mutate-worker.mjs): the same for making an input, whose HDF5 files h5wasm re-writes.
import { Worker } from 'node:worker_threads';

const WORKER = new URL('./oracle-worker.mjs', import.meta.url);
const MUTATOR = new URL('./mutate-worker.mjs', import.meta.url);
// Beyond the reading's `timeout`: training, saving and exporting what loaded, and the worker's checks.
const CHECKS_MS = 60000;

/** A worker started and ready (its first message). @param {URL} url @param {object} options */
async function started(url, options) {
  const worker = new Worker(url, options);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${url.pathname} did not start within 120 s`)), 120000);
    worker.once('message', (m) => {
      clearTimeout(timer);
      if (m.ready) resolve(m);
      else reject(new Error(`unexpected first message ${JSON.stringify(m)}`));
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  return worker;
}

/** The reply to message n, or {hung} after `ms`, or {died}. @param {Worker} worker @param {any} message @param {number} ms */
function ask(worker, message, ms) {
  return new Promise((resolve) => {
    const done = (r) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(r);
    };
    const onMessage = (m) => {
      if (m.n === message.n) done(m);
    };
    const onError = (e) => done({ died: `${e?.code ?? ''} ${e?.message ?? e}` });
    const onExit = (code) => done({ died: `the worker exited (code ${code})` });
    const timer = setTimeout(() => done({ hung: true }), ms);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(message);
  });
}

export class Mutator {
  constructor() {
    this.worker = null;
    this.n = 0;
  }

  /** A mutated input ({files, ops}), or {failed: why} when mutating it hung or threw. */
  async mutate(parent, donors, seed) {
    this.worker ??= await started(MUTATOR, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    const m = await ask(this.worker, { n: ++this.n, parent, donors, seed }, 20000);
    if (m.files) return m;
    if (m.hung || m.died) await this.stop();
    return { failed: m.error ?? (m.hung ? 'mutating it took over 20 s (h5wasm hung on it?)' : m.died) };
  }

  async stop() {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

export class Runner {
  /** @param {{name: string, bytes: Uint8Array}[][]} canaries @param {number} timeout ms */
  constructor(canaries, timeout) {
    this.canaries = canaries;
    this.timeout = timeout;
    this.worker = null;
    this.n = 0;
  }

  async #start() {
    this.worker = await started(WORKER, { workerData: { canaries: this.canaries }, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
  }

  /**
   * The verdict on one input: the oracle's, or a finding for a hang or a dead worker.
   * @param {{name: string, bytes: Uint8Array}[]} files
   * @returns {Promise<{verdict: any, ms: number}>}
   */
  async run(files) {
    if (!this.worker) await this.#start();
    const worker = /** @type {Worker} */ (this.worker);
    const n = ++this.n;
    const begun = performance.now();
    const result = await ask(worker, { n, files }, this.timeout + CHECKS_MS);
    const ms = performance.now() - begun;
    if (result.verdict) {
      if (result.verdict.readMs > this.timeout && result.verdict.outcome !== 'finding')
        return { verdict: { outcome: 'finding', kind: 'slow input', message: `read in ${Math.round(result.verdict.readMs)} ms (limit ${this.timeout} ms)` }, ms };
      if (result.verdict.outcome === 'finding') await this.stop();
      return { verdict: result.verdict, ms: result.ms };
    }
    await this.stop();
    if (result.hung) return { verdict: { outcome: 'finding', kind: 'hang', message: `no verdict within ${Math.round(ms)} ms` }, ms };
    return { verdict: { outcome: 'finding', kind: 'worker died', message: result.died }, ms };
  }

  async stop() {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
