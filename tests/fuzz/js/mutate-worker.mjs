// The mutations run in a worker thread of their own: re-writing an HDF5 input goes through h5wasm,
// which a damaged file can hang as it hangs the engine's reader, and the driver then ends this
// thread (runner.mjs, Mutator) instead of waiting for ever. Each input's mutations draw from a
// stream seeded by the driver, so a run is the same for the same seed.
import './quiet-hdf5.mjs';
import { parentPort } from 'node:worker_threads';
import { h5Ready } from './h5-tree.mjs';
import { mutateInput } from './mutate.mjs';
import { makeRandom } from './random.mjs';

await h5Ready();
parentPort.on('message', ({ n, parent, donors, seed }) => {
  try {
    parentPort.postMessage({ n, ...mutateInput(makeRandom(seed), parent, donors) });
  } catch (err) {
    parentPort.postMessage({ n, error: err instanceof Error ? err.stack : String(err) });
  }
});
parentPort.postMessage({ ready: true });
