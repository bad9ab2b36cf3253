// Weights read from a file, put into a trainer's layers: the one step every format shares.
// A reader hands over groups, one per layer of the file that has weights, each weight with its
// Keras name (kernel, bias, gamma, ...; null when the file does not say), shape, dtype and
// values in C order. Layers are matched by name when every layer of the model that has
// weights finds its name in the file, else by position (as Keras's load_weights does); weights
// within a layer by name, else by position. Nothing is set unless every layer's every weight is
// there with the right shape and dtype: a message names the file, the layer and the weight.
import { NeuroStepError } from '../arguments.js';

/**
 * @typedef {{name: string | null, shape: number[], dtype: string, data: ArrayLike<number | bigint>, where: string}} FileWeight
 * @typedef {{layer: string, where: string, weights: FileWeight[]}} FileLayer
 */

/** Keras's weight names, without a path or TensorFlow's ":0". @param {string} path */
export function weightBaseName(path) {
  const last = path.split('/').pop() ?? path;
  return last.replace(/:\d+$/, '');
}

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
    throw new NeuroStepError(
      `${fileName} holds weights for ${fileLayers.length} ${fileLayers.length === 1 ? 'layer' : 'layers'} (${fileLayers.map((g) => `"${g.layer}"`).join(', ') || 'none'}), ` +
        `but the model has ${withWeights.length} ${withWeights.length === 1 ? 'layer' : 'layers'} with weights (${withWeights.map((x) => `"${x.name}"`).join(', ')})` +
        (missing ? `: none for ${label(missing)}` : ''));
  }
  /** @type {{l: number, weights: Record<string, {shape: number[], data: Float64Array}>}[]} */
  const plan = [];
  withWeights.forEach((x, k) => {
    const g = named ? /** @type {FileLayer} */ (byName.get(x.name)) : fileLayers[k];
    const at = `${fileName}: ${label(x)}${g.layer === x.name ? '' : ` (the file's "${g.layer}")`}`;
    const expected = Object.keys(x.weights);
    const namedWeights = g.weights.every((w) => w.name !== null && expected.includes(w.name));
    if (!namedWeights && g.weights.length !== expected.length)
      throw new NeuroStepError(`${at}: the file has ${g.weights.length} weights (${g.weights.map((w) => w.name ?? w.where).join(', ')}) but a ${x.className} layer here has ${expected.length} (${expected.join(', ')})`);
    /** @type {Record<string, {shape: number[], data: Float64Array}>} */
    const set = {};
    expected.forEach((name, i) => {
      const w = namedWeights ? g.weights.find((v) => v.name === name) : g.weights[i];
      if (!w) throw new NeuroStepError(`${at}: weight "${name}" is missing (the file has ${g.weights.map((v) => v.name).join(', ')})`);
      const want = x.weights[name].shape;
      if (w.dtype !== 'float32' && w.dtype !== 'float64')
        throw new NeuroStepError(`${at}: weight "${name}" (${w.where}) is ${w.dtype}; NeuroStep reads float32 and float64 weights`);
      if (shapeText(w.shape) !== shapeText(want))
        throw new NeuroStepError(`${at}: weight "${name}" (${w.where}) has shape ${shapeText(w.shape)} but the layer needs ${shapeText(want)}${name === 'kernel' ? ' (inputs, units)' : ''}`);
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
        throw new NeuroStepError(`${fileName}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    trial.dispose();
  }
  for (const p of plan) trainer.setLayerWeights(p.l, p.weights);
}
