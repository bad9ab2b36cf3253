// TensorFlow.js layers-models: model.json ({format: "layers-model", modelTopology,
// weightsManifest}) and its .bin shards. modelTopology is Keras's to_json() (TF.js's
// model.save()) or {model_config, training_config} (tensorflowjs_converter). Each manifest group
// lists its shards (paths, read one after the other as one buffer) and its weights in order,
// each {name: "<layer>/<weight>" (perhaps under "sequential/"), shape, dtype}, values little-
// endian in C order. A graph-model (a TensorFlow graph, not layers) is refused.
import { describe, failWith } from '../arguments.js';
import { weightBaseName } from './assign.js';

/** @typedef {import('./assign.js').FileLayer} FileLayer */

const BYTES = /** @type {Record<string, number>} */ ({ float32: 4, int32: 4, float16: 2, bool: 1, uint8: 1, int8: 1, uint16: 2, int16: 2, complex64: 8 });

/** Whether a JSON document is a TF.js model.json, and which kind. @param {any} doc @returns {'layers-model' | 'graph-model' | null} */
export function tfjsKind(doc) {
  if (!doc || typeof doc !== 'object') return null;
  if (doc.format === 'graph-model' || (doc.modelTopology && Array.isArray(doc.modelTopology.node))) return 'graph-model';
  if (doc.format === 'layers-model' || (doc.modelTopology && Array.isArray(doc.weightsManifest))) return 'layers-model';
  return null;
}

/** TF.js's optimizer classes and settings (model.save's trainingConfig) as Keras's. */
const TFJS_OPTIMIZERS = /** @type {Record<string, string>} */ ({ Adam: 'Adam', SGD: 'SGD', Momentum: 'SGD', RMSProp: 'RMSprop', Adagrad: 'Adagrad' });
const TFJS_SETTINGS = /** @type {Record<string, string>} */ ({
  learningRate: 'learning_rate', beta1: 'beta_1', beta2: 'beta_2', epsilon: 'epsilon', momentum: 'momentum',
  useNesterov: 'nesterov', decay: 'rho', centered: 'centered', initialAccumulatorValue: 'initial_accumulator_value',
});

/**
 * TF.js's trainingConfig ({loss, optimizer_config: {class_name: "Adam", config: {learningRate,
 * beta1, ...}}}) in Keras's words; RMSProp's "decay" is Keras's rho. A config already in Keras's
 * words (tensorflowjs_converter keeps Keras's) is as it was.
 * @param {any} tc
 */
export function kerasTrainingConfig(tc) {
  const opt = tc?.optimizer_config;
  if (!opt || typeof opt !== 'object' || !opt.config || typeof opt.config !== 'object' || !('learningRate' in opt.config)) return tc;
  /** @type {Record<string, unknown>} */
  const config = {};
  for (const [k, v] of Object.entries(opt.config)) config[TFJS_SETTINGS[k] ?? k] = v;
  return { ...tc, optimizer_config: { class_name: TFJS_OPTIMIZERS[opt.class_name] ?? opt.class_name, config } };
}

/** A shard path as a file name: "./group1-shard1of1.bin" -> "group1-shard1of1.bin". @param {string} p */
export function shardName(p) {
  return p.split('/').pop() ?? p;
}

/** The file names of the shards a model.json lists (its manifest checked first: checkManifest). @param {any} doc @param {string} fileName @returns {string[]} */
export function manifestShards(doc, fileName) {
  return checkManifest(doc, fileName).flatMap((g) => g.paths.map(shardName));
}

/**
 * The weightsManifest of a model.json, refused by name unless it is a list of groups of the form
 * checkGroup says (none: a model without weights).
 * @param {any} doc @param {string} fileName @returns {any[]}
 */
export function checkManifest(doc, fileName) {
  const manifest = doc.weightsManifest ?? [];
  if (!Array.isArray(manifest)) failWith('files.tfjs_manifest', '{file}: weightsManifest must be a list of groups', { file: fileName });
  manifest.forEach((group, g) => checkGroup(group, g, fileName));
  return manifest;
}

/**
 * A manifest group's form: {paths: [string, ...], weights: [{name, shape, dtype}, ...]}, each
 * shape a list of sizes (whole numbers from 0).
 * @param {any} group @param {number} g @param {string} fileName
 */
function checkGroup(group, g, fileName) {
  const args = { file: fileName, group: g + 1 };
  if (!group || typeof group !== 'object' || Array.isArray(group))
    failWith('files.tfjs_group', '{file}: weightsManifest group {group} must be an object with "paths" and "weights", got {got}', { ...args, got: describe(group) });
  if (!Array.isArray(group.paths) || group.paths.some((/** @type {unknown} */ p) => typeof p !== 'string'))
    failWith('files.tfjs_paths', '{file}: weightsManifest group {group}: "paths" must be a list of shard file names, got {got}', { ...args, got: describe(group.paths) });
  if (!Array.isArray(group.weights))
    failWith('files.tfjs_weights', '{file}: weightsManifest group {group}: "weights" must be a list of {form}, got {got}', { ...args, form: '{name, shape, dtype}', got: describe(group.weights) });
  group.weights.forEach((/** @type {any} */ w, /** @type {number} */ k) => {
    const at = { ...args, index: k + 1 };
    if (!w || typeof w !== 'object' || Array.isArray(w) || typeof w.name !== 'string')
      failWith('files.tfjs_weight', '{file}: weightsManifest group {group}, weight {index} must be {form} with a name, got {got}', { ...at, form: '{name, shape, dtype}', got: describe(w) });
    if (!Array.isArray(w.shape) || w.shape.some((/** @type {unknown} */ d) => !Number.isSafeInteger(d) || /** @type {number} */ (d) < 0))
      failWith('files.tfjs_shape', '{file}: weight "{name}" (weightsManifest group {group}) has shape {got}; a shape is a list of sizes, whole numbers from 0', {
        ...at, name: w.name, got: Array.isArray(w.shape) ? `[${w.shape.map((/** @type {unknown} */ d) => describe(d)).join(', ')}]` : describe(w.shape),
      });
  });
}

/**
 * The architecture, compile settings and weights of a layers-model.
 * @param {any} doc model.json @param {string} fileName its name
 * @param {Map<string, Uint8Array>} shards the other files by name
 * @returns {{architecture: any, trainingConfig: any, layers: FileLayer[], used: string[], optimizerWeights: number}}
 */
export function readTfjs(doc, fileName, shards) {
  const topology = doc.modelTopology;
  if (!topology || typeof topology !== 'object') failWith('files.tfjs_no_topology', '{file}: a TensorFlow.js layers-model without a modelTopology', { file: fileName });
  const architecture = topology.model_config ?? topology;
  const trainingConfig = kerasTrainingConfig(topology.training_config ?? doc.trainingConfig ?? null);
  const manifest = checkManifest(doc, fileName);
  /** @type {Map<string, FileLayer>} */
  const byLayer = new Map();
  /** @type {string[]} */
  const used = [];
  let optimizerWeights = 0;
  manifest.forEach((group, g) => {
    const paths = /** @type {string[]} */ (group.paths);
    const parts = paths.map((p) => {
      const bytes = shards.get(shardName(p));
      if (!bytes)
        failWith('files.tfjs_shard_missing', '{file} needs the weights shard "{shard}" (weightsManifest group {group}), which was not given: add it beside {file}', { file: fileName, shard: p, group: g + 1 });
      used.push(shardName(p));
      return bytes;
    });
    const total = parts.reduce((n, b) => n + b.length, 0);
    const buffer = new Uint8Array(total);
    let at = 0;
    for (const b of parts) {
      buffer.set(b, at);
      at += b.length;
    }
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    let offset = 0;
    for (const w of group.weights) {
      const name = String(w.name);
      const shape = /** @type {number[]} */ (w.shape);
      const dtype = String(w.dtype ?? 'float32');
      const count = shape.reduce((a, d) => a * d, 1);
      const pathParts = name.split('/');
      const layer = pathParts.length >= 2 ? pathParts[pathParts.length - 2] : name;
      const where = `weight "${name}"`;
      if (w.quantization)
        failWith('files.tfjs_quantized', '{file}: layer "{name}": {path} is quantized ({dtype}); NeuroStep reads float32 weights only: convert the model without quantization', {
          file: fileName, name: layer, path: where, dtype: w.quantization.dtype ?? 'unknown',
        });
      const size = BYTES[dtype];
      if (size === undefined)
        failWith('files.tfjs_dtype', '{file}: layer "{name}": {path} has dtype "{dtype}", which a layers-model weight cannot have', { file: fileName, name: layer, path: where, dtype });
      if (offset + count * size > buffer.length)
        failWith('files.tfjs_past_end', '{file}: layer "{name}": {path} (shape [{shape}], {dtype}) runs past the end of its shards ({shards}: {bytes} bytes); a shard is cut short or belongs to another model', {
          file: fileName, name: layer, path: where, shape: shape.join(', '), dtype, shards: paths.join(', '), bytes: buffer.length,
        });
      const data = new Float64Array(count);
      if (dtype === 'float32') for (let i = 0; i < count; ++i) data[i] = view.getFloat32(offset + 4 * i, true);
      offset += count * size;
      // model.save({includeOptimizer: true}) adds the optimizer's variables, group "optimizer".
      if (w.group === 'optimizer') {
        ++optimizerWeights;
        continue;
      }
      const entry = byLayer.get(layer) ?? { layer, where: `layer "${layer}"`, weights: [] };
      // TF.js may number a weight to keep names unique ("kernel_1"): Keras's name is before it.
      const base = weightBaseName(name);
      const known = /^(kernel|bias|gamma|beta|moving_mean|moving_variance|alpha)(_\d+)?$/.exec(base);
      entry.weights.push({ name: known ? known[1] : base, shape, dtype, data, where });
      byLayer.set(layer, entry);
    }
    if (offset !== buffer.length)
      failWith('files.tfjs_shard_bytes', '{file}: weightsManifest group {group} lists {offset} bytes of weights but its shards ({shards}) hold {bytes}', {
        file: fileName, group: g + 1, offset, shards: paths.join(', '), bytes: buffer.length,
      });
  });
  return { architecture, trainingConfig, layers: [...byLayer.values()], used, optimizerWeights };
}
