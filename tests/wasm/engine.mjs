// Loads the engine the way every wasm test uses it: the Emscripten factory from
// web/public/wasm/neurostep.js (built by `bash scripts/build.sh`) through the wrapper.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadNeuroStep } from '../../web/src/engine/neurostep.js';

const require = createRequire(import.meta.url);
const wasmDir = new URL('../../web/public/wasm/', import.meta.url);

/** @returns {Promise<import('../../web/src/engine/neurostep.js').NeuroStep>} */
export function loadEngine() {
  const factory = require(new URL('neurostep.js', wasmDir).pathname);
  return loadNeuroStep(factory, { wasmBinary: readFileSync(new URL('neurostep.wasm', wasmDir)) });
}

// The article's Keras example: Dense(10, relu, input_dim=8) -> Dense(8, relu) -> Dense(1, sigmoid).
export const articleSpec = {
  input_dim: 8,
  layers: [
    { units: 10, activation: 'relu' },
    { units: 8, activation: 'relu' },
    { units: 1, activation: 'sigmoid' },
  ],
  loss: 'binary_crossentropy',
  optimizer: { name: 'adam', learning_rate: 0.001 },
};

// A small two-input classifier for the 2-D datasets.
export const planeSpec = {
  input_dim: 2,
  layers: [
    { units: 6, activation: 'tanh' },
    { units: 1, activation: 'sigmoid' },
  ],
  loss: 'binary_crossentropy',
  optimizer: { name: 'adam', learning_rate: 0.01 },
};

// Every W and b of a trainer, flattened, for exact comparisons.
export function flatWeights(trainer) {
  return trainer.weights().flatMap(({ W, b }) => [...W.data, ...b.data]);
}
