// HDF5 files as mutable trees for the fuzzer, read and written with h5wasm (the same library the
// engine reads them with): groups, attributes and datasets of any dtype h5wasm writes, kept in
// order, so that a mutation can reshape, retype, rename, drop or add any node and write the file
// again. A dataset may also be declared larger than its stored values (`declared`): chunked and
// extendable, resized without writing, as a file of a few kilobytes can claim gigabytes.
//   Group   = {attrs: Attr[], children: {name, node: Group | Dataset}[]}
//   Dataset = {dataset: true, shape: number[], dtype: string, data: TypedArray | string[], attrs: Attr[], declared?: number[]}
//   Attr    = {name, value, dtype?}
import './quiet-hdf5.mjs';
import * as h5 from 'h5wasm';
import { checkGlobalHeaps } from '../../../web/src/engine/model-files/hdf5-heaps.js';

/** Datasets with more values than this are kept as their declared shape, without reading them. */
const MAX_READ = 1 << 22;
/** Nor datasets in more chunks than this (each costs the library memory, stored or not). */
const MAX_CHUNKS = 1 << 14;

let serial = 0;

export async function h5Ready() {
  await h5.ready;
}

/** @param {any} obj */
function attrsOf(obj) {
  const out = [];
  for (const name of Object.keys(obj.attrs)) {
    try {
      const a = obj.attrs[name];
      out.push({ name, value: a.value, dtype: typeof a.dtype === 'string' ? a.dtype : undefined });
    } catch {
      /* an attribute h5wasm cannot read is left out */
    }
  }
  return out;
}

/**
 * The file as a tree, or null when h5wasm cannot open it.
 * @param {Uint8Array} bytes
 */
export function readTree(bytes) {
  // What hangs the library or fills its heap in the engine does so here too.
  try {
    checkGlobalHeaps(bytes, 'input');
  } catch {
    return null;
  }
  const path = `/fuzz-read-${process.pid}-${++serial}.h5`;
  h5.FS.writeFile(path, bytes);
  let file = null;
  try {
    file = new h5.File(path, 'r');
    if (!file.file_id) return null;
    const walk = (g, depth) => {
      const children = [];
      for (const name of g.keys()) {
        const c = g.get(name);
        if (c instanceof h5.Dataset) {
          const dtype = typeof c.dtype === 'string' ? c.dtype : null;
          if (!dtype) continue;
          const shape = [...(c.shape ?? [])];
          const chunks = c.metadata?.chunks;
          const chunkCount = Array.isArray(chunks) ? shape.reduce((a, d, i) => a * Math.ceil(d / Math.max(1, Number(chunks[i]))), 1) : 1;
          const big = shape.reduce((a, d) => a * d, 1) > MAX_READ || chunkCount > MAX_CHUNKS;
          const node = { dataset: true, shape, dtype, data: big ? new Float32Array(1) : c.value, attrs: attrsOf(c) };
          children.push({ name, node: big ? { ...node, declared: shape } : node });
        } else if (c instanceof h5.Group && depth < 16) {
          children.push({ name, node: walk(c, depth + 1) });
        }
      }
      return { attrs: attrsOf(g), children };
    };
    return walk(file, 0);
  } catch {
    return null;
  } finally {
    try {
      file?.close();
    } catch {
      /* already closed */
    }
    h5.FS.unlink(path);
  }
}

/** @param {any} at @param {{name: string, value: unknown, dtype?: string}} a */
function writeAttr(at, a) {
  try {
    // h5wasm cannot write an empty array (as Keras's weight_names of a layer without weights): left out.
    if (a.value === null || a.value === undefined || (Array.isArray(a.value) && a.value.length === 0)) return;
    at.create_attribute(a.name, a.value, null, typeof a.value === 'string' || Array.isArray(a.value) ? null : a.dtype ?? null);
  } catch {
    /* a name HDF5 refuses (empty, duplicate) or a value h5wasm cannot write: left out */
  }
}

/** @param {any} at @param {string} name @param {any} d */
function writeDataset(at, name, d) {
  const declared = d.declared;
  if (declared) {
    const rank = declared.length;
    at.create_dataset({ name, data: new Float32Array(1), shape: Array(rank).fill(1), maxshape: Array(rank).fill(null), chunks: Array(rank).fill(1), dtype: '<f' });
    at.get(name).resize(declared);
  } else {
    const strings = Array.isArray(d.data);
    at.create_dataset({ name, data: d.data, shape: d.shape, dtype: strings ? undefined : d.dtype });
  }
  const ds = at.get(name);
  for (const a of d.attrs ?? []) writeAttr(ds, a);
}

/**
 * The bytes of a file holding the tree; a node h5wasm refuses is left out.
 * @param {any} tree @returns {Uint8Array}
 */
export function writeTree(tree) {
  const path = `/fuzz-write-${process.pid}-${++serial}.h5`;
  const file = new h5.File(path, 'w');
  try {
    const fill = (at, g) => {
      for (const a of g.attrs) writeAttr(at, a);
      for (const { name, node } of g.children) {
        try {
          if (node.dataset) writeDataset(at, name, node);
          else {
            at.create_group(name);
            fill(at.get(name), node);
          }
        } catch {
          /* a name or a shape HDF5 refuses: the node is left out */
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

/** Every node of the tree with its parent: [{parent, index, node, path}]. @param {any} tree */
export function nodesOf(tree) {
  const out = [];
  const walk = (g, path) => {
    g.children.forEach((c, index) => {
      out.push({ parent: g, index, node: c.node, path: `${path}/${c.name}` });
      if (!c.node.dataset) walk(c.node, `${path}/${c.name}`);
    });
  };
  walk(tree, '');
  return out;
}

/** A float32 dataset of the given shape. @param {number[]} shape @param {number} [value] */
export const floatDataset = (shape, value = 0.5) => ({ dataset: true, shape, dtype: '<f', data: new Float32Array(shape.reduce((a, d) => a * d, 1)).fill(value), attrs: [] });
