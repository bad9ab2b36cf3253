// Structure-aware mutations of an HDF5 file (a Keras .h5 model, a weights file, an archive's
// model.weights.h5), read into a tree and written again with h5wasm (h5-tree.mjs): datasets of
// the wrong shape, dtype or values, datasets that claim far more values than the file holds,
// groups and datasets dropped, renamed, duplicated or added, and the attributes Keras reads
// (layer_names, weight_names, model_config, training_config) cut, retyped or given names the file lacks.
import { floatDataset, nodesOf, readTree, writeTree } from './h5-tree.mjs';
import { mutateJsonText } from './mutate-json.mjs';

const NAMES = ['0', '1', '2', '3', '10', '-1', 'vars', 'layers', 'dense', 'dense_1', 'dense_2', 'batch_normalization', 'p_re_lu', 'model_weights', 'kernel:0', 'bias:0', 'optimizer', 'x y', 'ü'];

/** @param {number[]} shape */
const countOf = (shape) => shape.reduce((a, d) => a * d, 1);

/** Values of the dataset in another typed array of `count` values (the old ones repeated). */
function refill(d, count, Type = Float32Array) {
  const old = Array.isArray(d.data) ? [] : Array.from(d.data, Number);
  const out = new Type(count);
  for (let i = 0; i < count; ++i) {
    const v = old.length ? old[i % old.length] : 0.25;
    out[i] = Type === BigInt64Array ? BigInt(Math.trunc(Number.isFinite(v) ? v : 0)) : v;
  }
  return out;
}

/** @param {ReturnType<import('./random.mjs').makeRandom>} r @param {any} d */
function mutateDataset(r, d) {
  if (d.declared) {
    if (r.chance(0.5)) return `declared [${(d.declared = d.declared.map((x) => Math.max(1, Math.floor(x / 7))))}]`;
    Object.assign(d, { shape: [2], data: new Float32Array(2), dtype: '<f' });
    delete d.declared;
  }
  const op = r.weighted([[4, 'shape'], [3, 'dtype'], [2, 'values'], [2, 'declared'], [1, 'strings']]);
  if (op === 'shape') {
    const s = d.shape;
    const shape = r.pick([[...s, 1], [1, ...s], s.slice(1), [...s].reverse(), s.map((x) => x + 1), s.map((x) => Math.max(0, x - 1)), [], [0], [countOf(s)], [...s, 2]]);
    if (countOf(shape) > 1 << 22) return `declared [${(d.declared = shape)}]`;
    Object.assign(d, { shape, data: refill(d, countOf(shape)), dtype: d.dtype === '<d' ? '<d' : '<f' });
    delete d.declared;
    return `shape [${shape}]`;
  }
  if (op === 'dtype') {
    const [dtype, Type] = r.pick([['<d', Float64Array], ['<i', Int32Array], ['<q', BigInt64Array], ['<B', Uint8Array], ['<h', Int16Array], ['>f', Float32Array], ['<f', Float32Array], ['<H', Uint16Array]]);
    Object.assign(d, { dtype, data: refill(d, countOf(d.shape), Type) });
    return `dtype ${dtype}`;
  }
  if (op === 'values') {
    const data = refill(d, countOf(d.shape), d.dtype === '<d' ? Float64Array : Float32Array);
    const v = r.pick([NaN, Infinity, -Infinity, 3.4e38, -1, 1e30, -0]);
    for (let i = 0, n = r.size(data.length || 1); i < n && data.length; ++i) data[r.below(data.length)] = v;
    Object.assign(d, { data, dtype: d.dtype === '<d' ? '<d' : '<f' });
    return `values ${v}`;
  }
  if (op === 'declared') {
    d.declared = r.pick([[1e5, 1e5], [2 ** 31 - 1], [4096, 4097], [1e4, 1e4, 10], [...d.shape.map((x) => x * 1000)], [0, 5]]);
    return `declared [${d.declared}]`;
  }
  Object.assign(d, { data: Array.from({ length: Math.max(1, countOf(d.shape)) }, (_, i) => `s${i}`), shape: [Math.max(1, countOf(d.shape))], dtype: 'S' });
  return 'strings';
}

/** @param {ReturnType<import('./random.mjs').makeRandom>} r @param {{name: string, value: any}} a @param {string[]} names */
function mutateAttr(r, a, names) {
  if (typeof a.value === 'string' && /^[{[]/.test(a.value) && r.chance(0.8)) {
    const m = mutateJsonText(r, a.value);
    if (m) {
      a.value = m.text;
      return `attr ${a.name} json ${m.op}`;
    }
  }
  const list = Array.isArray(a.value) ? a.value.map(String) : typeof a.value === 'string' ? [a.value] : [];
  const op = r.weighted([[3, 'list'], [2, 'type'], [1, 'name']]);
  if (op === 'list' && list.length) {
    const k = r.below(list.length);
    const how = r.pick(['drop', 'dup', 'bogus', 'other', 'reverse', 'path']);
    if (how === 'drop') list.splice(k, 1);
    else if (how === 'dup') list.splice(k, 0, list[k]);
    else if (how === 'bogus') list[k] = r.pick(['nope', '', '/', '..', 'a//b', `${list[k]}/${list[k]}`, ' ']);
    else if (how === 'other') list[k] = r.pick(names.length ? names : ['x']);
    else if (how === 'reverse') list.reverse();
    else list[k] = `${list[k]}/extra:0`;
    a.value = list;
    return `attr ${a.name} list ${how}`;
  }
  if (op === 'name') {
    a.name = r.pick(['layer_names', 'weight_names', 'model_config', 'training_config', 'name', 'keras_version']);
    return `attr renamed ${a.name}`;
  }
  a.value = r.pick([7, 3.5, Int32Array.of(1, 2), Float64Array.of(NaN), '', list.length ? list[0] : 'x', [], ['a', 'b']]);
  return `attr ${a.name} type`;
}

/**
 * One mutation of HDF5 bytes, or null when h5wasm cannot read them as a tree.
 * @param {ReturnType<import('./random.mjs').makeRandom>} r @param {Uint8Array} bytes @returns {{bytes: Uint8Array, op: string} | null}
 */
export function mutateH5(r, bytes) {
  const tree = readTree(bytes);
  if (!tree) return null;
  const nodes = nodesOf(tree);
  const datasets = nodes.filter((n) => n.node.dataset);
  const groups = [{ node: tree }, ...nodes.filter((n) => !n.node.dataset)];
  const attrs = [tree, ...nodes.map((n) => n.node)].flatMap((node) => (node.attrs ?? []).map((a) => ({ node, a })));
  const names = nodes.map((n) => n.parent.children[n.index].name);
  const op = r.weighted([[5, 'dataset'], [4, 'attr'], [2, 'delete'], [2, 'rename'], [1, 'duplicate'], [1, 'add'], [1, 'attr-delete']]);
  let what = op;
  if (op === 'dataset' && datasets.length) {
    const d = r.pick(datasets);
    what = `${d.path}: ${mutateDataset(r, d.node)}`;
  } else if (op === 'attr' && attrs.length) what = mutateAttr(r, r.pick(attrs).a, names);
  else if (op === 'attr-delete' && attrs.length) {
    const { node, a } = r.pick(attrs);
    node.attrs.splice(node.attrs.indexOf(a), 1);
    what = `attr-delete ${a.name}`;
  } else if ((op === 'delete' || op === 'rename' || op === 'duplicate') && nodes.length) {
    const n = r.pick(nodes);
    const child = n.parent.children[n.index];
    if (op === 'delete') n.parent.children.splice(n.index, 1);
    else if (op === 'rename') child.name = r.pick([...NAMES, `${child.name}_1`, child.name.toUpperCase()]);
    else r.pick(groups).node.children.push({ name: r.pick([child.name, ...NAMES]), node: structuredClone(child.node) });
    what = `${op} ${n.path}`;
  } else {
    const g = r.pick(groups).node;
    g.children.push({ name: r.pick(NAMES), node: r.chance(0.5) ? floatDataset(r.pick([[3], [2, 3], [], [0]])) : { attrs: [], children: [{ name: '0', node: floatDataset([2]) }] } });
    what = 'add';
  }
  return { bytes: writeTree(tree), op: `h5 ${what}` };
}
