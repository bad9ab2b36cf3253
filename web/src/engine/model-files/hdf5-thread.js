// The HDF5 library's worker seen from the engine (hdf5.js): calls go to it one after the other.
// A failure inside the library (a trap, or an error h5wasm throws through its C frames: a
// damaged file may have left its state corrupt), a call past HDF5_SECONDS (it keeps reading) or
// a heap grown past HEAP_BYTES retires the worker, and the next call starts a fresh one. Where
// no worker can be started, the library runs in this thread.
import { failWith, NeuroStepError } from '../arguments.js';

export const HDF5_SECONDS = 30;
const HEAP_BYTES = 256 << 20;
const NODE_WORKERS = 'node:worker_threads';

/** @typedef {{op: string, payload: any, fileName: string, fresh: boolean, resolve: (v: any) => void, reject: (e: unknown) => void}} Call */
/** @typedef {{post: (m: any) => void, idle: () => void, end: () => void, calls: Map<number, Call>, retired: boolean, served: number}} Thread */

/** @type {Promise<Thread | null> | null} */
let current = null;
let serial = 0;

/** @returns {Promise<Thread | null>} */
async function start() {
  /** @type {Thread} */
  const thread = { post: () => {}, idle: () => {}, end: () => {}, calls: new Map(), retired: false, served: 0 };
  const receive = (/** @type {any} */ m) => settle(thread, m);
  const died = (/** @type {string} */ why) => crash(thread, why);
  if (typeof Worker === 'function') {
    const w = new Worker(new URL('./hdf5-worker.js', import.meta.url), { type: 'module' });
    w.onmessage = (e) => receive(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      died(e.message || 'the worker failed');
    };
    Object.assign(thread, { post: (/** @type {any} */ m) => w.postMessage(m), end: () => w.terminate() });
    return thread;
  }
  if (typeof process === 'undefined' || !process.versions?.node) return null;
  const { Worker: NodeWorker } = await import(/* @vite-ignore */ NODE_WORKERS);
  const w = new NodeWorker(new URL('./hdf5-worker.js', import.meta.url));
  w.on('message', receive);
  w.on('error', (/** @type {Error} */ e) => died(e.message));
  w.on('exit', (/** @type {number} */ code) => died(`the worker exited (code ${code})`));
  w.unref(); // an idle worker keeps no Node process alive; a call refs it
  Object.assign(thread, {
    post: (/** @type {any} */ m) => (w.ref(), w.postMessage(m)),
    idle: () => w.unref(),
    end: () => w.terminate(),
  });
  return thread;
}

/** No more calls go to the thread; it ends once its calls are answered. @param {Thread} thread */
function retire(thread) {
  thread.retired = true;
  if (thread.calls.size === 0) thread.end();
}

/** The thread calls go to now: a fresh one after a retired one (null: none can be started). */
async function threadNow() {
  for (;;) {
    const t = await (current ??= start());
    if (!t || !t.retired) return t;
    if ((await current) === t) current = null;
  }
}

/** @param {Thread} thread @param {any} m */
function settle(thread, m) {
  const call = thread.calls.get(m.id);
  if (!call) return;
  thread.calls.delete(m.id);
  if (m.unsound || m.heap > HEAP_BYTES) retire(thread);
  else if (thread.calls.size === 0) thread.idle();
  if (thread.retired && thread.calls.size === 0) thread.end();
  if (m.ok) call.resolve(m.result);
  else {
    const error = new NeuroStepError(m.error.message, m.error.id, m.error.args);
    // Failing in a library that had served nothing before, the file is to blame; else it is tried again.
    call.reject(m.unsound && !call.fresh ? new Trapped(error) : error);
  }
}

/** The thread died (a trap, out of memory): its calls fail by name. @param {Thread} thread @param {string} why */
function crash(thread, why) {
  retire(thread);
  for (const [id, call] of thread.calls) {
    thread.calls.delete(id);
    try {
      failWith('files.hdf5_crashed', '{file}: the HDF5 library stopped while reading it ({detail}); the file is damaged', { file: call.fileName, detail: why });
    } catch (err) {
      call.reject(err);
    }
  }
}

/** A call that failed inside the library: its state may have been corrupt before this file came. */
class Trapped {
  /** @param {NeuroStepError} error */
  constructor(error) {
    this.error = error;
  }
}

/**
 * One call of the library: 'read' ({bytes, fileName, maxValues}) gives a tree, 'write' ({tree})
 * bytes. A call that fails inside the library is made once more in a fresh one (the file read
 * before may have corrupted it): only a file that makes a fresh library fail is refused.
 * @param {'read' | 'write'} op @param {any} payload @param {string} fileName for messages @returns {Promise<any>}
 */
export async function hdf5Call(op, payload, fileName) {
  try {
    return await attempt(op, payload, fileName);
  } catch (err) {
    if (!(err instanceof Trapped)) throw err;
  }
  try {
    return await attempt(op, payload, fileName);
  } catch (err) {
    throw err instanceof Trapped ? err.error : err;
  }
}

/** @param {'read' | 'write'} op @param {any} payload @param {string} fileName @returns {Promise<any>} */
async function attempt(op, payload, fileName) {
  const thread = await threadNow();
  if (!thread) {
    const [h5, io] = await Promise.all([import('h5wasm'), import('./hdf5-io.js')]);
    await h5.ready;
    return op === 'read' ? io.readTree(h5, payload.bytes, payload.fileName, payload.maxValues) : io.writeTree(h5, payload.tree);
  }
  const id = ++serial;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Stuck: ended at once. Its other calls had not started; they go to a fresh library.
      const others = [...thread.calls].filter(([k]) => k !== id).map(([, c]) => c);
      thread.calls.clear();
      retire(thread);
      for (const c of others) attempt(/** @type {any} */ (c.op), c.payload, c.fileName).then(c.resolve, c.reject);
      try {
        failWith('files.hdf5_timeout', '{file}: the HDF5 library did not finish reading it in {seconds} s; the file is damaged, or far larger than a model here', { file: fileName, seconds: HDF5_SECONDS });
      } catch (err) {
        reject(err);
      }
    }, HDF5_SECONDS * 1000);
    const done = (/** @type {(v: any) => void} */ f) => (/** @type {any} */ v) => (clearTimeout(timer), f(v));
    thread.calls.set(id, { op, payload, fileName, fresh: thread.served++ === 0, resolve: done(resolve), reject: done(reject) });
    thread.post({ id, op, payload });
  });
}
