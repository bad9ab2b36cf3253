// The trainer's weights as callers give and take them: by Keras's names and shapes (kernel:
// inputs x units, data in C order, as get_weights(), .h5, .keras and TF.js files hold them; the
// conversion from the core's W, units x inputs, is in cpp/core/keras_weights.hpp), and Dense
// layers' W and b in the core's orientation.
import { describe, failWith, mat, object } from './arguments.js';
import { kerasTensor } from './model-files/tensors.js';

/** @typedef {import('./neurostep').LayerWeights} LayerWeights */

/** The engine's list of a layer's weights as {kernel: {shape, data}, bias: ...}. @param {{name: string, shape: number[], data: Float64Array}[]} list */
export function byName(list) {
  return Object.fromEntries(list.map(({ name, shape, data }) => [name, { shape, data }]));
}

/**
 * Some or all of layer `layer`'s weights by Keras's names for the engine: each a nested array
 * (get_weights().tolist()), a {shape, data} tensor in C order, or, for one dimension, numbers.
 * The engine checks every one (name, shape, finite values) before it sets any.
 * @param {number} layer @param {unknown} weights e.g. {kernel, bias} or {gamma, beta, moving_mean, moving_variance}
 */
export function tensorList(layer, weights) {
  return Object.entries(object(weights, 'weights')).map(([name, v]) => ({ name, ...kerasTensor(v, `layer ${layer + 1}: weight "${name}"`) }));
}

/** Every layer's {W, b} (W units x inputs, b units x 1), as weights() gives them. @param {unknown} layers */
export function denseWeights(layers) {
  if (!Array.isArray(layers)) failWith('wrapper.weights_not_array', 'weights must be an array of layers (W and b), got {got}', { got: describe(layers) });
  return layers.map((l, i) => {
    const layer = object(l, `weights[${i}]`);
    return { W: mat(layer.W, `weights[${i}].W`), b: mat(layer.b, `weights[${i}].b`) };
  });
}
