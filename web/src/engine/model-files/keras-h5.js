// Keras's weights in HDF5, in its two layouts (read from hdf5.js's tree):
//
// Keras 3 (keras/src/saving/saving_lib.py, the model.weights.h5 of a .keras archive and
// model.save_weights("x.weights.h5")): layers/<key>/vars/0..n-1, where <key> is the layer's class
// in snake case with a counter per class in model order (dense, dense_1, batch_normalization,
// ...; not the layer's name, which newer versions keep in the vars group's "name" attribute),
// and vars/k is the layer's k-th variable (Dense: kernel, bias; BatchNormalization: gamma, beta,
// moving_mean, moving_variance). Optimizer variables are under optimizer/vars (not read).
//
// Keras 2 / tf.keras (legacy_h5_format.py: model.save("x.h5") puts them under model_weights,
// with the architecture in the root's "model_config" attribute and compile() in
// "training_config"; save_weights("x.h5") at the root): the attribute layer_names lists the
// layers in order, each layer's group lists its weight_names, paths inside the group such as
// "dense/kernel:0" (or "sequential/dense/kernel").
import { failWith } from '../arguments.js';
import { weightBaseName } from './assign.js';
import { groupAt, nodeAt } from './hdf5.js';

/** @typedef {import('./hdf5.js').H5Group} H5Group */
/** @typedef {import('./assign.js').FileLayer} FileLayer */

/** Keras's naming.to_snake_case: "BatchNormalization" -> "batch_normalization", "LeakyReLU" -> "leaky_re_lu". @param {string} name */
export function toSnakeCase(name) {
  return name.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The weights file's key of each layer (saving_lib's _save_container_state). @param {string[]} classNames */
export function keras3LayerKeys(classNames) {
  /** @type {Map<string, number>} */
  const used = new Map();
  return classNames.map((c) => {
    const base = toSnakeCase(c);
    const k = used.has(base) ? /** @type {number} */ (used.get(base)) + 1 : 0;
    used.set(base, k);
    return k === 0 ? base : `${base}_${k}`;
  });
}

/** An attribute that lists names, as an array of strings. @param {unknown} v @returns {string[]} */
function names(v) {
  if (typeof v === 'string') return v === '' ? [] : [v];
  if (Array.isArray(v)) return v.map(String);
  return [];
}

/** @param {import('./hdf5.js').H5Node | null} n */
const isDataset = (n) => n !== null && 'dataset' in n;

/**
 * The Keras 3 layout's weights for the model's layers, in model order (matched by position).
 * @param {H5Group} root @param {{name: string, className: string}[]} layers @param {string} fileName
 * @returns {FileLayer[]}
 */
export function keras3Weights(root, layers, fileName) {
  const keys = keras3LayerKeys(layers.map((l) => l.className));
  return layers.map((layer, i) => {
    const where = `layers/${keys[i]}/vars`;
    const vars = groupAt(root, where);
    if (!vars) {
      const found = Object.keys(groupAt(root, 'layers')?.children ?? {});
      const args = { file: fileName, where, index: i + 1, name: layer.name, class: layer.className, found: `layers/${found.join(', layers/')}` };
      if (!found.length)
        failWith('files.h5_no_layers', '{file} has no {where}, where Keras keeps the weights of layer {index} ("{name}", a {class}); it has no layers group', args);
      failWith('files.h5_no_layer', '{file} has no {where}, where Keras keeps the weights of layer {index} ("{name}", a {class}); it has {found}', args);
    }
    const indices = Object.keys(vars.children).filter((k) => /^\d+$/.test(k)).map(Number).sort((a, b) => a - b);
    return {
      layer: layer.name,
      where,
      weights: indices.map((k) => {
        const d = /** @type {import('./hdf5.js').H5Dataset} */ (vars.children[String(k)]);
        if (!isDataset(d)) failWith('files.h5_not_dataset', '{file}: {path} is not a dataset', { file: fileName, path: `${where}/${k}` });
        return { name: null, shape: d.shape, dtype: d.dtype, data: d.data, where: `${where}/${k}` };
      }),
    };
  });
}

/**
 * The legacy layout's weights, in the file's layer order (matched by name, else by position).
 * @param {H5Group} group the root (save_weights) or model_weights (model.save) @param {string} fileName
 * @returns {FileLayer[]}
 */
export function legacyWeights(group, fileName) {
  return names(group.attrs.layer_names).map((layer) => {
    const g = groupAt(group, layer);
    if (!g) failWith('files.h5_no_group', '{file}: layer_names lists "{name}" but the file has no group of that name', { file: fileName, name: layer });
    return {
      layer,
      where: layer,
      weights: names(g.attrs.weight_names).map((path) => {
        const d = nodeAt(g, path);
        if (!d || !('dataset' in d))
          failWith('files.h5_no_weight', '{file}: layer "{name}" lists the weight "{path}" but the file does not hold it', { file: fileName, name: layer, path });
        return { name: weightBaseName(path), shape: d.shape, dtype: d.dtype, data: d.data, where: `${layer}/${path}` };
      }),
    };
  });
}

/** What an HDF5 file holds, from its layout. @param {H5Group} root @returns {'keras2-model' | 'keras2-weights' | 'keras3-weights' | null} */
export function h5Kind(root) {
  if (typeof root.attrs.model_config === 'string' && groupAt(root, 'model_weights')) return 'keras2-model';
  if ('layer_names' in root.attrs) return 'keras2-weights';
  if (groupAt(root, 'layers')) return 'keras3-weights';
  return null;
}

/**
 * The Keras 3 weights file of the trainer's layers (what exportKerasArchive writes): float32
 * datasets layers/<key>/vars/k with the vars group's "name" attribute, and the empty top-level
 * and optimizer groups that Keras writes.
 * @param {import('../trainer.js').Trainer} trainer @param {string[]} layerNames
 * @returns {H5Group}
 */
export function keras3WeightsTree(trainer, layerNames) {
  const views = trainer.layers();
  const keys = keras3LayerKeys(views.map((v) => /** @type {string} */ (v.className)));
  /** @type {Record<string, import('./hdf5.js').H5Node>} */
  const layerGroups = {};
  views.forEach((_, l) => {
    /** @type {Record<string, import('./hdf5.js').H5Node>} */
    const vars = {};
    Object.values(trainer.layerWeights(l)).forEach((t, k) => {
      vars[String(k)] = { dataset: true, shape: t.shape, dtype: trainer.precision, data: t.data };
    });
    layerGroups[keys[l]] = { attrs: {}, children: { vars: { attrs: { name: layerNames[l] }, children: vars } } };
  });
  return {
    attrs: {},
    children: {
      layers: { attrs: {}, children: layerGroups },
      vars: { attrs: { name: 'sequential' }, children: {} },
    },
  };
}
