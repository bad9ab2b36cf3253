// HDF5 files read into, and written from, hdf5.js's plain trees with h5wasm (the HDF5 C library
// compiled to WebAssembly). Run in a worker of its own (hdf5-worker.js) where there is one: a
// damaged file can trap inside the library or leave its memory corrupt, and that worker is then
// replaced (hdf5.js).
import { failWith, NeuroStepError } from '../arguments.js';

/** @typedef {import('./hdf5.js').H5Group} H5Group */
/** @typedef {import('./hdf5.js').H5Node} H5Node */

let serial = 0;

/**
 * unsound: the library failed inside in this thread, by a trap (a wasm RuntimeError) or by an
 * error h5wasm throws through its C frames, which skips their clean-up; its state and memory are
 * not to be trusted (the fuzzer's canary: after "name not defined!" on a damaged file, writing a
 * valid one trapped).
 */
export const health = { unsound: false };

/** The most chunks a dataset may be stored in: a weight of 20 M values in chunks of 32 x 32 has 20,000. */
const MAX_CHUNKS = 65536;

/** h5wasm's type names as Keras's dtype names. @param {string} t */
function dtypeName(t) {
  const names = /** @type {Record<string, string>} */ ({ '<f': 'float32', '>f': 'float32', '<d': 'float64', '>d': 'float64',
    '<i': 'int32', '>i': 'int32', '<q': 'int64', '>q': 'int64', '<e': 'float16', '>e': 'float16', '|b': 'int8', '|B': 'uint8',
    '<h': 'int16', '<H': 'uint16', '<I': 'uint32', '<Q': 'uint64', '|u1': 'uint8' });
  return names[t] ?? String(t);
}

/** An attribute's value with strings as strings and arrays as plain arrays. @param {unknown} v @returns {unknown} */
function plain(v) {
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (ArrayBuffer.isView(v)) return Array.from(/** @type {ArrayLike<unknown>} */ (/** @type {unknown} */ (v)), plain);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

/**
 * The whole file as a tree. A dataset is read only if it holds at most `maxValues` values (a
 * file of a few kilobytes can declare gigabytes; a weight of a model here has at most the
 * engine's maxParameters).
 * @param {any} h5 h5wasm, ready @param {Uint8Array} bytes @param {string} fileName for messages @param {number} maxValues
 * @returns {H5Group}
 */
export function readTree(h5, bytes, fileName, maxValues) {
  const path = `/neurostep-read-${++serial}.h5`;
  h5.FS.writeFile(path, bytes);
  /** @type {any} */
  let file = null;
  try {
    file = new h5.File(path, 'r');
    if (!file.file_id) throw new Error('not opened');
    /** @param {any} obj @returns {Record<string, unknown>} */
    const attrsOf = (obj) => Object.fromEntries(Object.entries(obj.attrs).map(([k, a]) => [k, plain(/** @type {any} */ (a).value)]));
    /** @param {any} g @param {string} path @returns {H5Group} */
    const walk = (g, path) => {
      /** @type {Record<string, H5Node>} */
      const children = {};
      for (const name of g.keys()) {
        const c = g.get(name);
        if (c instanceof h5.Dataset) {
          const shape = [...(c.shape ?? [])].map(Number);
          const count = shape.reduce((a, d) => a * d, 1);
          if (count > maxValues)
            failWith('files.hdf5_dataset_too_large', '{file}: the dataset {path} holds {count} values (shape [{shape}]), more than a whole model here may have ({max} parameters)', {
              file: fileName, path: `${path}${name}`, count, shape: shape.join(', '), max: maxValues,
            });
          // Each chunk costs the library memory and time, stored or not: 10^6 one-value chunks
          // take its heap to 2 GB (a file of a few kilobytes can declare them).
          const chunks = Array.isArray(c.metadata?.chunks) ? c.metadata.chunks.map(Number) : null;
          const chunkCount = chunks ? shape.reduce((a, d, i) => a * Math.ceil(d / Math.max(1, chunks[i] ?? 1)), 1) : 1;
          if (chunkCount > MAX_CHUNKS)
            failWith('files.hdf5_chunks', '{file}: the dataset {path} is stored in {count} chunks (of shape [{chunk}]); NeuroStep reads at most {max}, as each costs the HDF5 library memory', {
              file: fileName, path: `${path}${name}`, count: chunkCount, chunk: (chunks ?? []).join(', '), max: MAX_CHUNKS,
            });
          children[name] = { dataset: true, shape, dtype: dtypeName(/** @type {string} */ (c.dtype)), data: c.value, attrs: attrsOf(c) };
        } else if (c instanceof h5.Group) {
          children[name] = walk(c, `${path}${name}/`);
        }
      }
      return { attrs: attrsOf(g), children };
    };
    return walk(file, '');
  } catch (err) {
    if (err instanceof NeuroStepError) throw err;
    health.unsound = true;
    failWith('files.hdf5_unreadable', '{file} is not a readable HDF5 file ({detail})', { file: fileName, detail: err instanceof Error ? err.message : String(err) });
  } finally {
    try {
      file?.close();
    } catch {
      /* already closed */
    }
    h5.FS.unlink(path);
  }
}

/**
 * The bytes of an HDF5 file holding the tree: groups, string and string-array attributes, and
 * float32 or float64 datasets.
 * @param {any} h5 h5wasm, ready @param {H5Group} tree @returns {Uint8Array}
 */
export function writeTree(h5, tree) {
  const path = `/neurostep-write-${++serial}.h5`;
  const file = new h5.File(path, 'w');
  try {
    /** @param {any} at @param {H5Group} g */
    const fill = (at, g) => {
      for (const [k, v] of Object.entries(g.attrs)) at.create_attribute(k, v);
      for (const [name, c] of Object.entries(g.children)) {
        if ('dataset' in c) {
          const data = c.dtype === 'float64' ? Float64Array.from(/** @type {ArrayLike<number>} */ (c.data)) : Float32Array.from(/** @type {ArrayLike<number>} */ (c.data));
          at.create_dataset({ name, data, shape: c.shape, dtype: c.dtype === 'float64' ? '<d' : '<f' });
        } else {
          at.create_group(name);
          fill(at.get(name), c);
        }
      }
    };
    fill(file, tree);
    file.flush();
  } finally {
    file.close();
  }
  const bytes = h5.FS.readFile(path);
  h5.FS.unlink(path);
  return bytes;
}

