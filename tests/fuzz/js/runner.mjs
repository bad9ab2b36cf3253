// The worker thread (oracle-worker.mjs) seen from the driver: one input at a time, each given
// `timeout` ms to be judged (then some more for the worker's own checks), the thread ended and a
// fresh one started when an input hangs it or kills it (out of memory).
import { Worker } from 'node:worker_threads';

const WORKER = new URL('./oracle-worker.mjs', import.meta.url);
const CHECKS_MS = 20000;

export class Runner {
  /** @param {{name: string, bytes: Uint8Array}[][]} canaries @param {number} timeout ms */
  constructor(canaries, timeout) {
    this.canaries = canaries;
    this.timeout = timeout;
    this.worker = null;
    this.n = 0;
  }

  async #start() {
    const worker = new Worker(WORKER, { workerData: { canaries: this.canaries }, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the fuzzer worker did not start within 120 s')), 120000);
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
    this.worker = worker;
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
    const started = performance.now();
    const result = await new Promise((resolve) => {
      const done = (r) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(r);
      };
      const onMessage = (m) => {
        if (m.n === n) done(m);
      };
      const onError = (e) => done({ died: `${e?.code ?? ''} ${e?.message ?? e}` });
      const onExit = (code) => done({ died: `the worker exited (code ${code})` });
      const timer = setTimeout(() => done({ hung: true }), this.timeout + CHECKS_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ n, files });
    });
    const ms = performance.now() - started;
    if (result.verdict) {
      if (result.ms > this.timeout && result.verdict.outcome !== 'finding')
        return { verdict: { outcome: 'finding', kind: 'slow input', message: `judged in ${Math.round(result.ms)} ms (limit ${this.timeout} ms)` }, ms };
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
