// A trainer as a TensorFlow.js layers-model: model.json and one weights.bin (tfjs.js reads the
// same). TF.js reads tf.keras 2's dialect of to_json(), so the engine's Keras 3 JSON is written
// in it: no "module"/"registered_name"/"build_config", dtype policies as plain dtype names, the
// InputLayer's batch_shape as batch_input_shape, LeakyReLU's negative_slope as alpha, and
// activations by TF.js's names (silu -> swish, gelu approximate -> gelu_new). What TF.js computes
// differently is refused by name rather than exported wrong: hard_sigmoid (TF.js: 0.2 x + 0.5,
// Keras 3: relu6(x + 3) / 6), hard_silu, celu, leaky_relu and exponential as activations, a
// ReLU layer with negative_slope or threshold, an ELU layer with alpha other than 1, rms_scaling. Weights are float32 (TF.js's dtype).
// Left out: the optimizer and its state (a layers-model holds weights only).
import { failWith } from '../arguments.js';
import { kerasConfig } from './export-keras.js';

/** NeuroStep's activation names as TF.js's, for those TF.js computes as Keras does. */
const ACTIVATIONS = /** @type {Record<string, string>} */ ({
  linear: 'linear', relu: 'relu', relu6: 'relu6', elu: 'elu', selu: 'selu', sigmoid: 'sigmoid', tanh: 'tanh',
  softmax: 'softmax', log_softmax: 'log_softmax', softplus: 'softplus', softsign: 'softsign', silu: 'swish',
  swish: 'swish', mish: 'mish', gelu: 'gelu', gelu_approximate: 'gelu_new',
});

/** Keras 3's serialised objects in tf.keras 2's form. @param {any} v @returns {any} */
function keras2(v) {
  if (Array.isArray(v)) return v.map(keras2);
  if (!v || typeof v !== 'object') return v;
  if (v.class_name === 'DTypePolicy') return v.config?.name ?? 'float32';
  /** @type {Record<string, any>} */
  const out = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'module' || k === 'registered_name' || k === 'build_config' || k === 'shared_object_id') continue;
    out[k] = keras2(x);
  }
  // L1 and L2 as TF.js's one class, L1L2.
  if ((out.class_name === 'L1' || out.class_name === 'L2') && out.config)
    return { class_name: 'L1L2', config: { l1: out.config.l1 ?? 0, l2: out.config.l2 ?? 0 } };
  return out;
}

/** @param {any} layer @param {number} i */
function tfjsLayer(layer, i) {
  const c = { ...layer.config };
  const label = `layer ${i} ("${c.name}", ${layer.class_name})`;
  if (typeof c.activation === 'string') {
    const name = ACTIVATIONS[c.activation];
    if (!name)
      failWith('files.tfjs_activation', '{layer}: TensorFlow.js has no activation "{activation}" that computes what Keras computes, so the model cannot be exported to TensorFlow.js', {
        layer: label, activation: c.activation,
      });
    c.activation = name;
  }
  if (layer.class_name === 'InputLayer') {
    c.batch_input_shape = c.batch_shape;
    delete c.batch_shape;
    delete c.optional;
  }
  if (layer.class_name === 'LeakyReLU') {
    c.alpha = c.negative_slope;
    delete c.negative_slope;
  }
  if (layer.class_name === 'ReLU') {
    if (c.negative_slope || c.threshold) failWith('files.tfjs_relu', "{layer}: TensorFlow.js's ReLU layer has no negative_slope or threshold", { layer: label });
    delete c.negative_slope;
    delete c.threshold;
  }
  if (layer.class_name === 'ELU' && c.alpha !== 1) failWith('files.tfjs_elu', "{layer}: TensorFlow.js's ELU layer supports only alpha 1, not {alpha}", { layer: label, alpha: c.alpha });
  if (c.rms_scaling) failWith('files.tfjs_rms_scaling', "{layer}: TensorFlow.js's LayerNormalization has no rms_scaling", { layer: label });
  for (const k of ['rms_scaling', 'synchronized', 'quantization_config', 'lora_rank', 'lora_alpha']) delete c[k];
  return { class_name: layer.class_name, config: c };
}

/**
 * model.json (as an object) and the bytes of weights.bin.
 * @param {import('../trainer.js').Trainer} trainer
 * @param {{weightsFile?: string}} [options] the shard's name in the manifest (default "weights.bin")
 * @returns {{modelJson: any, weights: Uint8Array}}
 */
export function tfjsModel(trainer, { weightsFile = 'weights.bin' } = {}) {
  const { config, layerNames } = kerasConfig(trainer);
  const model = keras2({ class_name: config.class_name, config: config.config });
  model.config.layers = model.config.layers.map(tfjsLayer);
  const specs = [];
  /** @type {number[]} */
  const values = [];
  for (let l = 0; l < layerNames.length; ++l) {
    for (const [name, t] of Object.entries(trainer.layerWeights(l))) {
      specs.push({ name: `${layerNames[l]}/${name}`, shape: t.shape, dtype: 'float32' });
      for (const v of t.data) values.push(v);
    }
  }
  const weights = new Uint8Array(Float32Array.from(values).buffer);
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'NeuroStep',
    convertedBy: null,
    modelTopology: { ...model, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' },
    weightsManifest: [{ paths: [`./${weightsFile}`], weights: specs }],
  };
  return { modelJson, weights };
}
