// The worker the HDF5 library runs in (hdf5-thread.js starts it: a Worker in the page, a
// worker_threads Worker in Node): each message reads a file into a tree or writes a tree
// (hdf5-io.js), and its answer says how large the library's heap has grown and whether the
// library failed inside, so that a worker grown by one large file, or whose state a damaged file
// may have corrupted, is replaced.
import { NeuroStepError } from '../arguments.js';
import { health, readTree, writeTree } from './hdf5-io.js';

// Node's module, named through a variable so that the page's bundler leaves it out.
const NODE_WORKERS = 'node:worker_threads';
const inPage = typeof self !== 'undefined' && typeof self.postMessage === 'function';
/** @type {any} */
const port = inPage ? self : (await import(/* @vite-ignore */ NODE_WORKERS)).parentPort;

// The library prints a trace for every error it reports (HDF5-DIAG, "#000: ..., major, minor"),
// which the refusal already says: left out of the console. It binds console.error when it loads.
const print = console.error.bind(console);
const DIAG = /^(HDF5-DIAG|\s+#\d{3}:|\s+(major|minor):)/;
console.error = (/** @type {unknown[]} */ ...args) => {
  if (!(typeof args[0] === 'string' && DIAG.test(args[0]))) print(...args);
};

/** @type {Promise<any> | null} */
let loading = null;
const h5wasm = () => (loading ??= import('h5wasm').then(async (h5) => (await h5.ready, h5)));

/** @param {{id: number, op: 'read' | 'write', payload: any}} m */
async function answer({ id, op, payload }) {
  const h5 = await h5wasm();
  try {
    if (op === 'read') {
      const tree = readTree(h5, payload.bytes, payload.fileName, payload.maxValues);
      port.postMessage({ id, ok: true, result: tree, heap: h5.Module.HEAPU8.length, unsound: health.unsound });
    } else {
      const bytes = writeTree(h5, payload.tree);
      port.postMessage({ id, ok: true, result: bytes, heap: h5.Module.HEAPU8.length, unsound: health.unsound }, [bytes.buffer]);
    }
  } catch (err) {
    const e = /** @type {any} */ (err);
    if (!(err instanceof NeuroStepError)) health.unsound = true;
    const error = err instanceof NeuroStepError ? { message: e.message, id: e.id, args: e.args } : { message: err instanceof Error ? err.message : String(err) };
    port.postMessage({ id, ok: false, error, heap: h5.Module.HEAPU8.length, unsound: health.unsound });
  }
}

if (inPage) port.onmessage = (/** @type {MessageEvent} */ e) => answer(e.data);
else port.on('message', answer);
