// Weights read from a file, put into a trainer's layers: the one step every format shares.
// A reader hands over groups, one per layer of the file that has weights, each weight with its
// Keras name (kernel, bias, gamma, ...; null when the file does not say), shape, dtype and
// values in C order. Layers are matched by name when every layer of the model that has
// weights finds its name in the file, else by position (as Keras's load_weights does); weights
// within a layer by name, else by position. Nothing is set unless every layer's every weight is
// there with the right shape and dtype: a message names the file, the layer and the weight.
import { failAt, failWith } from '../arguments.js';

/**
 * @typedef {{name: string | null, shape: number[], dtype: string, data: ArrayLike<number | bigint>, where: string}} FileWeight
 * @typedef {{layer: string, where: string, weights: FileWeight[]}} FileLayer
 */

/** Keras's weight names, without a path or TensorFlow's ":0". @param {string} path */
export function weightBaseName(path) {
  const last = path.split('/').pop() ?? path;
  return last.replace(/:\d+$/, '');
}

/** "1 layer", "3 layers": a count the page says again in its language (engine.ts). @param {number} n */
const layerCount = (n) => `${n} ${n === 1 ? 'layer' : 'layers'}`;

/** @param {number[]} s */
const shapeText = (s) => `[${s.join(', ')}]`;

/**
 * Sets every layer's weights from `groups`; on any error nothing is set.
 * @param {import('../trainer.js').Trainer} trainer
 * @param {FileLayer[]} groups
 * @param {string} fileName
 * @param {{byPosition?: boolean}} [options] byPosition: the file's layers are in the model's order and their names do not matter
 */
export function assignWeights(trainer, groups, fileName, { byPosition = false } = {}) {
  const layers = trainer.layers().map((v, l) => ({ l, name: /** @type {string} */ (v.name) || `layer ${l + 1}`, className: /** @type {string} */ (v.className), weights: trainer.layerWeights(l) }));
  const label = (/** @type {{l: number, name: string}} */ x) => `layer ${x.l + 1} ("${x.name}")`;
  const withWeights = layers.filter((x) => Object.keys(x.weights).length > 0);
  const fileLayers = groups.filter((g) => g.weights.length > 0);
  const byName = new Map(fileLayers.map((g) => [g.layer, g]));
  const named = !byPosition && withWeights.every((x) => byName.has(x.name));
  if (!named && fileLayers.length !== withWeights.length) {
    const missing = withWeights.find((x) => !byName.has(x.name));
    const args = {
      file: fileName, fileLayers: layerCount(fileLayers.length), fileNames: fileLayers.map((g) => `"${g.layer}"`).join(', '),
      modelLayers: layerCount(withWeights.length), modelNames: withWeights.map((x) => `"${x.name}"`).join(', '), layer: missing ? label(missing) : '',
    };
    if (fileLayers.length === 0)
      failWith('files.layer_count_none', '{file} holds weights for {fileLayers} (none), but the model has {modelLayers} with weights ({modelNames}): none for {layer}', args);
    if (missing)
      failWith('files.layer_count_missing', '{file} holds weights for {fileLayers} ({fileNames}), but the model has {modelLayers} with weights ({modelNames}): none for {layer}', args);
    failWith('files.layer_count', '{file} holds weights for {fileLayers} ({fileNames}), but the model has {modelLayers} with weights ({modelNames})', args);
  }
  /** @type {{l: number, weights: Record<string, {shape: number[], data: Float64Array}>}[]} */
  const plan = [];
  withWeights.forEach((x, k) => {
    const g = named ? /** @type {FileLayer} */ (byName.get(x.name)) : fileLayers[k];
    const at = `${fileName}: ${label(x)}${g.layer === x.name ? '' : ` (the file's "${g.layer}")`}`;
    // Where, as a message of its own (its id beside it, engine.ts): the file, the layer, and the file's name for it.
    const where = { where: at, where_id: g.layer === x.name ? 'files.where' : 'files.where_renamed', file: fileName, layer: label(x), fileLayer: g.layer };
    const expected = Object.keys(x.weights);
    const namedWeights = g.weights.every((w) => w.name !== null && expected.includes(w.name));
    if (!namedWeights && g.weights.length !== expected.length)
      failWith('files.weight_count', '{where}: the file has {count} weights ({names}) but a {class} layer here has {expected} ({expectedNames})', {
        ...where, count: g.weights.length, names: g.weights.map((w) => w.name ?? w.where).join(', '), class: x.className, expected: expected.length, expectedNames: expected.join(', '),
      });
    /** @type {Record<string, {shape: number[], data: Float64Array}>} */
    const set = {};
    expected.forEach((name, i) => {
      const w = namedWeights ? g.weights.find((v) => v.name === name) : g.weights[i];
      if (!w) failWith('files.weight_missing', '{where}: weight "{name}" is missing (the file has {has})', { ...where, name, has: g.weights.map((v) => v.name).join(', ') });
      const want = x.weights[name].shape;
      if (w.dtype !== 'float32' && w.dtype !== 'float64')
        failWith('files.weight_dtype', '{where}: weight "{name}" ({path}) is {dtype}; NeuroStep reads float32 and float64 weights', { ...where, name, path: w.where, dtype: w.dtype });
      if (shapeText(w.shape) !== shapeText(want))
      {
        const args = { ...where, name, path: w.where, shape: shapeText(w.shape), needed: shapeText(want) };
        if (name === 'kernel') failWith('files.kernel_shape', '{where}: weight "{name}" ({path}) has shape {shape} but the layer needs {needed} (inputs, units)', args);
        failWith('files.weight_shape', '{where}: weight "{name}" ({path}) has shape {shape} but the layer needs {needed}', args);
      }
      set[name] = { shape: want, data: Float64Array.from(/** @type {ArrayLike<number>} */ (w.data)) };
    });
    plan.push({ l: x.l, weights: set });
  });
  // Every value is checked before any layer changes: a layer refused half-way would leave the
  // ones before it set.
  const trial = trainer.clone();
  try {
    for (const p of plan) {
      try {
        trial.setLayerWeights(p.l, p.weights);
      } catch (err) {
        failAt(fileName, err);
      }
    }
  } finally {
    trial.dispose();
  }
  for (const p of plan) trainer.setLayerWeights(p.l, p.weights);
}
