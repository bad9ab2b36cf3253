// HDF5 files (.h5, .weights.h5, a .keras archive's model.weights.h5) read into, and written
// from, a plain tree, with h5wasm (the HDF5 C library compiled to WebAssembly), which is loaded
// only when such a file arrives. Model files are small, so the whole tree is read at once and
// the readers (keras-h5.js) work on plain objects:
//   H5Group = {attrs: {name: value}, children: {name: H5Group | H5Dataset}}
//   H5Dataset = {dataset: true, shape: number[], dtype: 'float32' | 'float64' | ..., data: TypedArray}
// The library runs in a worker of its own (hdf5-worker.js, hdf5-thread.js): a damaged file can
// trap inside it, leave its memory corrupt for the next file, or keep it reading without end
// (what the model-file fuzzer found, tests/fuzz/js/). After a file it failed on, or one that
// takes longer than HDF5_SECONDS, that worker is ended and the next file gets a fresh library.
import { checkGlobalHeaps } from './hdf5-heaps.js';
import { hdf5Call } from './hdf5-thread.js';

/** @typedef {{attrs: Record<string, unknown>, children: Record<string, H5Node>}} H5Group */
/** @typedef {{dataset: true, shape: number[], dtype: string, data: ArrayLike<number | bigint>, attrs?: Record<string, unknown>}} H5Dataset */
/** @typedef {H5Group | H5Dataset} H5Node */

export const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Whether the bytes start with HDF5's signature. @param {Uint8Array} bytes */
export function isHdf5(bytes) {
  return bytes.length >= 8 && HDF5_SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * The whole file as a tree (hdf5-io.js, readTree): datasets of at most `maxValues` values.
 * @param {Uint8Array} bytes @param {string} fileName for messages @param {number} maxValues
 * @returns {Promise<H5Group>}
 */
export async function readHdf5(bytes, fileName, maxValues) {
  checkGlobalHeaps(bytes, fileName);
  return hdf5Call('read', { bytes, fileName, maxValues }, fileName);
}

/**
 * The bytes of an HDF5 file holding the tree: groups, string and string-array attributes, and
 * float32 or float64 datasets.
 * @param {H5Group} tree @returns {Promise<Uint8Array>}
 */
export function writeHdf5(tree) {
  return hdf5Call('write', { tree }, 'the HDF5 file being written');
}

/** The node at a slash-separated path, or null. @param {H5Group} root @param {string} path @returns {H5Node | null} */
export function nodeAt(root, path) {
  /** @type {H5Node | null} */
  let node = root;
  for (const part of path.split('/').filter(Boolean)) {
    if (!node || 'dataset' in node) return null;
    node = node.children[part] ?? null;
  }
  return node;
}

/** The group at a path, or null. @param {H5Group} root @param {string} path @returns {H5Group | null} */
export function groupAt(root, path) {
  const n = nodeAt(root, path);
  return n && !('dataset' in n) ? n : null;
}
