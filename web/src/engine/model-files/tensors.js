// Tensors as the model files hold them: a shape and its values in C order (row-major, the last
// index fastest), which is how HDF5 datasets, TensorFlow.js .bin shards and numpy's tolist()
// lay them out. The engine takes and gives a layer's weights in this form
// (Trainer.setLayerWeights, Trainer.layerWeights).
import { describe, failWith } from '../arguments.js';

/**
 * A nested array, a {shape, data} tensor or a flat array of numbers as {shape, data}; a nested
 * array must be rectangular and hold only numbers.
 * @param {unknown} v @param {string} what for messages
 * @returns {{shape: number[], data: Float64Array}}
 */
export function kerasTensor(v, what) {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
    const t = /** @type {Record<string, unknown>} */ (v);
    if (!Array.isArray(t.shape) || t.shape.some((d) => !Number.isInteger(d) || d < 0))
      failWith('files.tensor_shape', '{what}: shape must be an array of sizes, got {got}', { what, got: describe(t.shape) });
    const shape = /** @type {number[]} */ (t.shape);
    const data = flatNumbers(t.data, what);
    const count = shape.reduce((a, d) => a * d, 1);
    if (data.length !== count)
      failWith('files.tensor_count', '{what}: shape [{shape}] holds {count} values, but data has {length}', { what, shape: shape.join(', '), count, length: data.length });
    return { shape: [...shape], data };
  }
  if (ArrayBuffer.isView(v)) {
    const data = flatNumbers(v, what);
    return { shape: [data.length], data };
  }
  if (!Array.isArray(v)) failWith('files.tensor_form', '{what} must be a nested array of numbers or {form}, got {got}', { what, form: '{shape, data}', got: describe(v) });
  /** @type {number[]} */
  const shape = [];
  for (let level = /** @type {unknown} */ (v); Array.isArray(level); level = level[0]) shape.push(level.length);
  const count = shape.reduce((a, d) => a * d, 1);
  const data = new Float64Array(count);
  let k = 0;
  /** @param {unknown} a @param {number} depth @param {string} path */
  const walk = (a, depth, path) => {
    if (depth === shape.length) {
      if (typeof a !== 'number') failWith('files.tensor_number', '{what}{path} must be a number, got {got}', { what, path, got: describe(a) });
      data[k++] = a;
      return;
    }
    if (!Array.isArray(a) || a.length !== shape[depth]) {
      const args = { what, path, size: shape[depth], shape: shape.join(', '), length: Array.isArray(a) ? a.length : 0, got: describe(a) };
      if (Array.isArray(a)) failWith('files.tensor_ragged', '{what}{path} must be an array of {size} values (the shape is [{shape}]), got {length} values', args);
      failWith('files.tensor_not_array', '{what}{path} must be an array of {size} values (the shape is [{shape}]), got {got}', args);
    }
    a.forEach((x, i) => walk(x, depth + 1, `${path}[${i}]`));
  };
  walk(v, 0, '');
  return { shape, data };
}

/** @param {unknown} v @param {string} what @returns {Float64Array} */
function flatNumbers(v, what) {
  if (v instanceof Float64Array) return v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array))
    return Float64Array.from(/** @type {ArrayLike<number>} */ (/** @type {unknown} */ (v)));
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return Float64Array.from(v);
  failWith('files.tensor_data', '{what}: data must be an array of numbers or a typed array, got {got}', { what, got: describe(v) });
}

/** {shape, data} as a nested array (numpy's tolist()). @param {{shape: number[], data: ArrayLike<number>}} t @returns {unknown} */
export function nested({ shape, data }) {
  if (shape.length === 0) return data[0];
  let k = 0;
  /** @param {number} depth @returns {unknown} */
  const build = (depth) => (depth === shape.length ? data[k++] : Array.from({ length: shape[depth] }, () => build(depth + 1)));
  return build(0);
}
