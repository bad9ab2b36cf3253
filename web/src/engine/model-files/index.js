// Model files as people have them, recognised by their content (never their names), read into a
// trainer with their weights:
//   a Keras 3 .keras archive (keras-archive.js), a Keras 2 / tf.keras .h5 model, an .h5 or
//   .weights.h5 weights file beside a to_json() architecture (keras-h5.js), a TensorFlow.js
//   layers-model.json with its .bin shards (tfjs.js), to_json() text alone, a NeuroStep model
//   file, a model spec.
// The HDF5 and zip libraries are loaded only when such a file arrives. Every refusal names the
// file, and where it is about weights the layer and the weight.
import { failAt, failWith } from '../arguments.js';
import { assignWeights } from './assign.js';
import { isHdf5, readHdf5 } from './hdf5.js';
import { isZip, readKerasArchive } from './keras-archive.js';
import { h5Kind, keras3Weights, legacyWeights } from './keras-h5.js';
import { manifestShards, readTfjs, tfjsKind } from './tfjs.js';

/** @typedef {{name: string, bytes: Uint8Array}} ModelFile */
/** @typedef {'keras-archive' | 'keras2-h5' | 'keras-json+h5' | 'tfjs-layers-model' | 'keras-json' | 'neurostep-model' | 'spec'} ModelFormat */
/**
 * @typedef {{trainer: import('../trainer.js').Trainer, format: ModelFormat, notes: string[], files: string[], architecture: any, weighted: boolean}} ReadModel
 * weighted: the trainer's weights came from the files (not from the seed).
 * architecture: the Keras to_json() document the trainer was made from (with the file's compile
 * settings as compile_config when the engine could use them); null for a model file or a spec.
 */

/**
 * @typedef {{file: ModelFile, kind: string, doc?: any, text?: string, tree?: import('./hdf5.js').H5Group}} Sorted
 */

/** @param {unknown} err */
const messageOf = (err) => (err instanceof Error ? err.message : String(err));

/** @param {ModelFile} f @param {number} maxValues the most values a dataset may hold @returns {Promise<Sorted>} */
async function sort(f, maxValues) {
  const { bytes, name } = f;
  if (isZip(bytes)) return { file: f, kind: 'zip' };
  if (isHdf5(bytes)) {
    const tree = await readHdf5(bytes, name, maxValues);
    const kind = h5Kind(tree);
    if (!kind)
      failWith('files.hdf5_not_keras', "{file} is an HDF5 file but not one Keras wrote: it has no model_config and model_weights (model.save), no layer_names (save_weights) and no layers group (Keras 3's weights file)", { file: name });
    return { file: f, kind, tree };
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { file: f, kind: 'binary' };
  }
  let doc;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { file: f, kind: 'binary', text };
  }
  const tfjs = tfjsKind(doc);
  if (tfjs === 'graph-model')
    failWith('files.tfjs_graph_model', '{file} is a TensorFlow.js graph-model (a TensorFlow graph of operations, not of layers); NeuroStep reads only layers-models, which tensorflowjs_converter writes with --output_format tfjs_layers_model from a Keras model', { file: name });
  if (tfjs) return { file: f, kind: 'tfjs', doc, text };
  if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
    if ('format' in doc) return { file: f, kind: 'neurostep-model', doc, text };
    if ('class_name' in doc) return { file: f, kind: 'keras-json', doc, text };
    if ('input_dim' in doc || 'layers' in doc) return { file: f, kind: 'spec', doc, text };
  }
  failWith('files.json_not_model', '{file} is JSON but not a model: expected a Keras model.to_json() (with "class_name"), a TensorFlow.js model.json (with "modelTopology" and "weightsManifest"), a NeuroStep model file (with "format") or a model spec (with "input_dim" and "layers")', { file: name });
}

/**
 * Keras 2's training_config ({loss, optimizer_config, metrics, ...}) as Keras 3's compile_config,
 * which the engine reads (metrics left out: NeuroStep reports accuracy whatever they were).
 * @param {any} doc @param {any} trainingConfig
 */
function withTrainingConfig(doc, trainingConfig) {
  // A document that is not an object is the engine's to refuse (a model must be a JSON object).
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !trainingConfig || typeof trainingConfig !== 'object' || doc.compile_config) return doc;
  /** @type {Record<string, unknown>} */
  const compile = {};
  if (trainingConfig.loss !== undefined) compile.loss = trainingConfig.loss;
  if (trainingConfig.optimizer_config) compile.optimizer = trainingConfig.optimizer_config;
  return { ...doc, compile_config: compile };
}

/**
 * A trainer for a Keras architecture; its compile settings when the engine can read them, else
 * none, with a note saying why.
 * @param {import('../neurostep.js').NeuroStep} ns @param {any} doc @param {string} fileName
 * @param {{precision?: import('../neurostep').Precision, seed?: number}} options @param {string[]} notes
 */
function trainerFor(ns, doc, fileName, options, notes) {
  const made = trainerOrDefaults(ns, doc, fileName, options, notes);
  const names = made.trainer.layers().map((v) => /** @type {string} */ (v.name));
  const twice = names.findIndex((n, i) => n !== '' && names.indexOf(n) !== i);
  if (twice >= 0) {
    made.trainer.dispose();
    failWith('files.layer_name_twice', '{file}: layer {index} is named "{name}", as layer {other} is; Keras gives every layer of a model a name of its own', {
      file: fileName, index: twice + 1, name: names[twice], other: names.indexOf(names[twice]) + 1,
    });
  }
  return made;
}

/**
 * trainerFor's trainer, layer names not yet checked.
 * @param {import('../neurostep.js').NeuroStep} ns @param {any} doc @param {string} fileName
 * @param {{precision?: import('../neurostep').Precision, seed?: number}} options @param {string[]} notes
 */
function trainerOrDefaults(ns, doc, fileName, options, notes) {
  try {
    return { trainer: ns.createTrainer(JSON.stringify(doc), options), doc };
  } catch (err) {
    if (!doc || typeof doc !== 'object' || !doc.compile_config) failAt(fileName, err);
    const { compile_config: _dropped, ...bare } = doc;
    let t;
    try {
      t = ns.createTrainer(JSON.stringify(bare), options);
    } catch {
      failAt(fileName, err);
    }
    notes.push(`${fileName}: its compile settings could not be used (${messageOf(err)}), so the loss and optimizer are NeuroStep's defaults.`);
    return { trainer: t, doc: bare };
  }
}

/** The layers' names and classes as the weights readers want them. @param {import('../trainer.js').Trainer} t */
const layerList = (t) => t.layers().map((v, l) => ({ name: /** @type {string} */ (v.name) || `layer ${l + 1}`, className: /** @type {string} */ (v.className) }));

/**
 * Reads model files into a trainer (see the top of this file).
 * @param {import('../neurostep.js').NeuroStep} ns
 * @param {ModelFile[]} files
 * @param {{precision?: import('../neurostep').Precision, seed?: number}} [options]
 * @returns {Promise<ReadModel>}
 */
export async function readModelFiles(ns, files, options = {}) {
  if (!Array.isArray(files) || files.length === 0) failWith('files.none', 'loadModelFiles needs at least one file: {form}', { form: '[{name, bytes}]' });
  files.forEach((f, i) => {
    if (!f || typeof f.name !== 'string' || !(f.bytes instanceof Uint8Array))
      failWith('files.file_form', 'file {index} must be {form}', { index: i + 1, form: '{name: string, bytes: Uint8Array}' });
  });
  // TF.js shards are named by their model.json, whatever their content; the rest by content.
  const maxValues = ns.catalogue().limits.maxParameters;
  const sorted = await Promise.all(files.map((f) => sort(f, maxValues)));
  const shardNames = new Set(sorted.filter((s) => s.kind === 'tfjs').flatMap((s) => manifestShards(s.doc, s.file.name)));
  const shards = new Map(sorted.filter((s) => shardNames.has(s.file.name)).map((s) => [s.file.name, s.file.bytes]));
  const rest = sorted.filter((s) => !shardNames.has(s.file.name));
  const stray = rest.find((s) => s.kind === 'binary');
  if (stray) {
    if (stray.text === undefined)
      failWith('files.stray_binary', '{file} is not a model file NeuroStep reads (binary, and no model.json among the files lists it as a weights shard)', { file: stray.file.name });
    failWith('files.stray_text', '{file} is not a model file NeuroStep reads (text that is not JSON)', { file: stray.file.name });
  }
  const models = rest.filter((s) => !['keras2-weights', 'keras3-weights'].includes(s.kind));
  const weightFiles = rest.filter((s) => ['keras2-weights', 'keras3-weights'].includes(s.kind));
  if (models.length === 0)
    if (weightFiles.length === 1)
      failWith('files.weights_only_single', "{files} holds weights only: add the model's architecture, the text of model.to_json() saved as a .json file, beside it", { files: weightFiles[0].file.name });
    else failWith('files.weights_only', "{files} hold weights only: add the model's architecture, the text of model.to_json() saved as a .json file, beside it", { files: weightFiles.map((s) => s.file.name).join(', ') });
  if (models.length > 1)
    failWith('files.several_models', 'several models at once: {files}; load one model at a time (with its weights file or shards)', { files: models.map((s) => s.file.name).join(', ') });
  if (weightFiles.length > 1)
    failWith('files.several_weights', 'several weights files at once: {files}; give one beside the architecture', { files: weightFiles.map((s) => s.file.name).join(', ') });
  const model = models[0];
  const weightFile = weightFiles[0] ?? null;
  const name = model.file.name;
  if (weightFile && model.kind !== 'keras-json')
    if (model.kind === 'spec')
      failWith('files.weights_with_spec', '{weights} is a weights file; it goes with a Keras model.to_json() architecture, and {file} is a model spec, which has no Keras layer names', { weights: weightFile.file.name, file: name });
    else failWith('files.weights_with_weights', '{weights} is a weights file; it goes with a Keras model.to_json() architecture, and {file} holds its own weights', { weights: weightFile.file.name, file: name });
  /** @type {string[]} */
  const notes = [];
  const used = [name];

  if (model.kind === 'neurostep-model' || model.kind === 'spec') {
    try {
      return { trainer: ns.createTrainer(/** @type {string} */ (model.text), options), format: model.kind, notes, files: used, architecture: null, weighted: model.kind === 'neurostep-model' && 'weights' in model.doc };
    } catch (err) {
      failAt(name, err);
    }
  }
  if (model.kind === 'keras-json') {
    const { trainer, doc } = trainerFor(ns, model.doc, name, options, notes);
    if (!weightFile) return { trainer, format: 'keras-json', notes, files: used, architecture: doc, weighted: false };
    const tree = /** @type {import('./hdf5.js').H5Group} */ (weightFile.tree);
    try {
      if (weightFile.kind === 'keras3-weights') assignWeights(trainer, keras3Weights(tree, layerList(trainer), weightFile.file.name), weightFile.file.name, { byPosition: true });
      else assignWeights(trainer, legacyWeights(tree, weightFile.file.name), weightFile.file.name);
    } catch (err) {
      trainer.dispose();
      throw err;
    }
    return { trainer, format: 'keras-json+h5', notes, files: [...used, weightFile.file.name], architecture: doc, weighted: true };
  }
  /** @type {import('../trainer.js').Trainer | null} */
  let trainer = null;
  try {
    if (model.kind === 'zip') {
      const archive = await readKerasArchive(model.file.bytes, name);
      const made = trainerFor(ns, archive.config, `${name} (config.json)`, options, notes);
      trainer = made.trainer;
      const where = `${name} (model.weights.h5)`;
      const tree = await readHdf5(archive.weights, where, maxValues);
      assignWeights(trainer, keras3Weights(tree, layerList(trainer), where), where, { byPosition: true });
      return { trainer, format: 'keras-archive', notes, files: used, architecture: made.doc, weighted: true };
    }
    if (model.kind === 'keras2-model') {
      const tree = /** @type {import('./hdf5.js').H5Group} */ (model.tree);
      let doc, training = null;
      try {
        doc = JSON.parse(/** @type {string} */ (tree.attrs.model_config));
        if (typeof tree.attrs.training_config === 'string') training = JSON.parse(tree.attrs.training_config);
      } catch (err) {
        failWith('files.model_config_json', '{file}: its model_config attribute is not JSON ({detail})', { file: name, detail: messageOf(err) });
      }
      const made = trainerFor(ns, withTrainingConfig(doc, training), name, options, notes);
      trainer = made.trainer;
      assignWeights(trainer, legacyWeights(/** @type {import('./hdf5.js').H5Group} */ (tree.children.model_weights), name), name);
      return { trainer, format: 'keras2-h5', notes, files: used, architecture: made.doc, weighted: true };
    }
    // A TensorFlow.js layers-model.
    const read = readTfjs(model.doc, name, shards);
    const made = trainerFor(ns, withTrainingConfig(read.architecture, read.trainingConfig), name, options, notes);
    trainer = made.trainer;
    if (read.layers.length > 0) assignWeights(trainer, read.layers, name);
    else notes.push(`${name} lists no weights, so they are drawn afresh from the seed.`);
    if (read.optimizerWeights > 0) notes.push(`${name}: the optimizer's saved variables are not read; it starts afresh.`);
    return { trainer, format: 'tfjs-layers-model', notes, files: [...used, ...read.used], architecture: made.doc, weighted: read.layers.length > 0 };
  } catch (err) {
    trainer?.dispose();
    throw err;
  }
}
