// NeuroStep's engine: the only door into the WebAssembly module (cpp/bindings/). The page, the
// worker and the tests use these classes and never an embind object or wasm memory.
//
// Every binding returns its result or an Error (it never throws: an exception unwinding out of
// wasm would leak its stack), and `unwrap` throws that Error here, with the C++ message. Before
// a call, arguments are brought to the types the binding expects (numbers, strings, booleans,
// arrays of numbers), because embind's own conversion errors would be thrown half-way through a
// call. Sizes, ranges and meanings are checked in C++, which writes the messages.
// See README.md beside this file for the API.

import { dataset, NeuroStepError, number, object, string, strings, unwrap } from './arguments.js';

import { fetchGzipped, loadImageDataset, pickTask, readTable, scaling } from './data.js';
import { SnapshotPlan } from './snapshot.js';
import { Trainer } from './trainer.js';

export { NeuroStepError, Trainer };

/** @typedef {import('./neurostep').Mat} Mat */
/** @typedef {import('./neurostep').Dataset} Dataset */
/** @typedef {import('./neurostep').ModelSpec} ModelSpec */
/** @typedef {import('./neurostep').OptimizerSpec} OptimizerSpec */
/** @typedef {import('./neurostep').LayerWeights} LayerWeights */
/** @typedef {import('./neurostep').Precision} Precision */
/** @typedef {import('./neurostep').TrainerState} TrainerState */
/** @typedef {import('./neurostep').LayerTrace} LayerTrace */
/** @typedef {import('./neurostep').LossTrace} LossTrace */
/** @typedef {import('./neurostep').EpochRecord} EpochRecord */
/** @typedef {import('./neurostep').LayerGradientCheck} LayerGradientCheck */
/** @typedef {import('./neurostep').MemoryStats} MemoryStats */
/** @typedef {import('./neurostep').Catalogue} Catalogue */
/** @typedef {import('./neurostep').TeachingStep} TeachingStep */
/** @typedef {import('./neurostep').Preprocessing} Preprocessing */
/** @typedef {import('./neurostep').TableOptions} TableOptions */
/** @typedef {import('./neurostep').TableResult} TableResult */
/** @typedef {import('./neurostep').TaskChoice} TaskChoice */
/** @typedef {import('./neurostep').ImageSetInfo} ImageSetInfo */
/** @typedef {import('./neurostep').DescribedDataset} DescribedDataset */
/** @typedef {ArrayLike<number>} Numbers */

/** @template T @param {T} v @returns {T} */
function deepFreeze(v) {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

// ---- the engine ---------------------------------------------------------------------------------

/**
 * Instantiates the WebAssembly module and returns the engine.
 * @param {(options: object) => Promise<any>} factory createNeuroStepModule, from web/public/wasm/neurostep.js
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array, locateFile?: (file: string, dir: string) => string}} [options]
 *   wasmBinary: the bytes of neurostep.wasm (Node must pass them; a page may let the module fetch
 *   the file next to the script); locateFile: where to fetch it from otherwise.
 * @returns {Promise<NeuroStep>}
 */
export async function loadNeuroStep(factory, options = {}) {
  if (typeof factory !== 'function') throw new NeuroStepError('loadNeuroStep needs the createNeuroStepModule factory');
  /** @type {Record<string, unknown>} */
  const moduleOptions = {};
  if (options.wasmBinary !== undefined) moduleOptions.wasmBinary = options.wasmBinary;
  if (options.locateFile !== undefined) moduleOptions.locateFile = options.locateFile;
  return new NeuroStep(await factory(moduleOptions));
}

export class NeuroStep {
  /** @type {any} */
  #m;
  /** @type {Catalogue | undefined} */
  #catalogue;

  /** @param {any} module the instantiated Emscripten module (use loadNeuroStep) */
  constructor(module) {
    this.#m = module;
  }

  /** The built-in datasets' names. @returns {string[]} */
  datasetNames() {
    return unwrap(this.#m.dataset_names());
  }

  /**
   * A built-in dataset; the same seed gives the same data here and natively.
   * @param {string} name @param {{count?: number, noise?: number, seed?: number}} [options]
   * @returns {Dataset}
   */
  generateDataset(name, { count = 200, noise = 0, seed = 42 } = {}) {
    return unwrap(this.#m.generate_dataset(string(name, 'dataset name'), number(count, 'count'),
      number(noise, 'noise'), number(seed, 'seed')));
  }

  /**
   * A dataset from CSV text. Columns are names or 1-based positions; by default the last column
   * is the target and every other column a feature.
   * @param {string} text
   * @param {{header?: 'auto' | 'yes' | 'no', targetColumns?: (string | number)[], featureColumns?: (string | number)[]}} [options]
   * @returns {Dataset}
   */
  parseCsv(text, { header = 'auto', targetColumns = [], featureColumns = [] } = {}) {
    return unwrap(this.#m.parse_csv(string(text, 'CSV text'), string(header, 'header'),
      strings(targetColumns, 'targetColumns'), strings(featureColumns, 'featureColumns')));
  }

  /** A header row, then one row per sample. @param {Dataset} d @returns {string} */
  writeCsv(d) {
    return unwrap(this.#m.write_csv(dataset(d, 'dataset')));
  }

  /**
   * A seeded shuffle, then round(testRatio * rows) rows for testing and the rest for training.
   * @param {Dataset} d @param {number} testRatio in [0, 0.9] @param {number} [seed]
   * @returns {{train: Dataset, test: Dataset}}
   */
  splitDataset(d, testRatio, seed = 42) {
    return unwrap(this.#m.split_dataset(dataset(d, 'dataset'), number(testRatio, 'test ratio'), number(seed, 'seed')));
  }

  /**
   * The class each row's outputs say and the class its targets say, by Keras's accuracy rule: one
   * output unit is class 1 above 0.5; several are read by their largest; a target is read the
   * same way, or is the class index itself (one target column for several units).
   * @param {ArrayLike<number>} outputs rows x width values, row by row (as predict gives them)
   * @param {number} width output units
   * @param {ArrayLike<number>} y rows x targets values, row by row
   * @param {number} targets target columns
   * @returns {{predicted: Int32Array, actual: Int32Array}} one class per row
   */
  classify(outputs, width, y, targets) {
    return unwrap(this.#m.classify(outputs, number(width, 'width'), y, number(targets, 'targets')));
  }

  /**
   * A trainer for a model spec (fresh weights from the seed), or for the text of a saved model (a
   * NeuroStep model file, or Keras's model.to_json()).
   * @param {ModelSpec | string} model
   * @param {{precision?: Precision, seed?: number}} [options] a spec defaults to float32 and seed
   *   42; a model file to its own precision and seed
   * @returns {Trainer}
   */
  createTrainer(model, options = {}) {
    const { precision, seed } = object(options, 'options');
    const p = precision === undefined ? '' : string(precision, 'precision');
    if (typeof model === 'string') {
      return new Trainer(this.#m, unwrap(this.#m.load_trainer(model, p, seed === undefined ? undefined : number(seed, 'seed'))));
    }
    const spec = JSON.stringify(object(model, 'model spec'));
    return new Trainer(this.#m, unwrap(this.#m.create_trainer(spec, p || 'float32', seed === undefined ? 42 : number(seed, 'seed'))));
  }

  // ---- tables, scaling, the task, image sets (data.js) --------------------------------------

  /**
   * A table as people have them (the delimiter detected, a describing first line skipped, text
   * columns made categories, missing values refused, dropped or filled); `notices` say what was
   * detected, skipped and encoded, one sentence each.
   * @param {string} text @param {TableOptions} [options] @returns {TableResult}
   */
  readTable(text, options = {}) {
    return readTable(this.#m, text, options);
  }

  /** Scaling statistics of the training rows: 'standardize', 'min_max' or 'none'. @param {Dataset} train @param {string} kind @returns {Preprocessing} */
  fitScaling(train, kind) {
    return scaling.fit(this.#m, train, kind);
  }

  /** The dataset with its features scaled, (x - offset) / scale. @param {Preprocessing} p @param {Dataset} d @returns {DescribedDataset} */
  applyScaling(p, d) {
    return scaling.apply(this.#m, p, d);
  }

  /** Inputs scaled before predict (rows x features, row by row). @param {Preprocessing} p @param {Numbers} x @param {number} rows @returns {Float64Array} */
  scaleInputs(p, x, rows) {
    return scaling.inputs(this.#m, p, x, rows);
  }

  /** Whether to scale, and the sentence why. @param {Dataset} d @returns {{recommended: 'none' | 'standardize', why: string}} */
  adviseScaling(d) {
    return scaling.advise(this.#m, d);
  }

  /** The scaling a saved model file keeps. @param {string} modelText @returns {Preprocessing} */
  modelPreprocessing(modelText) {
    return scaling.ofModel(this.#m, modelText);
  }

  /** A saved model file's text with this scaling kept in it. @param {string} modelText @param {Preprocessing} p @returns {string} */
  withPreprocessing(modelText, p) {
    return scaling.intoModel(this.#m, modelText, p);
  }

  /** A Keras script (Trainer.exportKeras) that scales its raw inputs with a Normalization layer. @param {string} script @param {Preprocessing} p @returns {string} */
  withKerasPreprocessing(script, p) {
    return scaling.intoKeras(this.#m, script, p);
  }

  /** The output layer and loss the target calls for, and why. @param {Dataset} d @returns {TaskChoice} */
  pickTask(d) {
    return pickTask(this.#m, d);
  }

  /** The image datasets (digits, fashion_mnist). @returns {string[]} */
  imageDatasetNames() {
    return unwrap(this.#m.image_dataset_names());
  }

  /** An image set's shape, class names, files and licence. @param {string} name @returns {ImageSetInfo} */
  imageDatasetInfo(name) {
    return unwrap(this.#m.image_dataset_info(string(name, 'image dataset name')));
  }

  /**
   * An image set from its files' bytes (gunzipped): at most `count` training images (0: all) and
   * the set's own test images when given.
   * @param {string} name @param {Uint8Array} trainBytes @param {Uint8Array | null} [testBytes] @param {number} [count]
   * @returns {{train: DescribedDataset, test: DescribedDataset}}
   */
  loadImageDataset(name, trainBytes, testBytes = null, count = 0) {
    return loadImageDataset(this.#m, name, trainBytes, testBytes, count);
  }

  /**
   * Fetches an image set when it is picked: the default training subset (or every training
   * image with `full`) and, unless `ownTest` is false, its own test images, from baseUrl (the
   * page's datasets/ folder, web/dist/datasets/).
   * @param {string} name
   * @param {{baseUrl?: string | URL, full?: boolean, ownTest?: boolean, count?: number, fetch?: typeof fetch}} [options]
   * @returns {Promise<{train: DescribedDataset, test: DescribedDataset}>}
   */
  async fetchImageDataset(name, { baseUrl = 'datasets/', full = false, ownTest = true, count = 0, fetch: get = globalThis.fetch } = {}) {
    const info = this.imageDatasetInfo(name);
    const trainFile = full && info.fullFile ? info.fullFile : info.trainFile;
    const [train, test] = await Promise.all([
      fetchGzipped(trainFile, baseUrl, get),
      ownTest && info.testFile ? fetchGzipped(info.testFile, baseUrl, get) : null,
    ]);
    return this.loadImageDataset(name, train, test, count);
  }

  /**
   * Every name, default and range the engine accepts: activations, losses (with the targets each
   * takes), optimizers with their fields, Keras defaults and ranges, initializers, layer kinds
   * and limits (core/catalogue.hpp). Read from the core's own tables; the same object each call.
   * @returns {Catalogue}
   */
  catalogue() {
    this.#catalogue ??= deepFreeze(JSON.parse(unwrap(this.#m.catalogue())));
    return this.#catalogue;
  }

  /**
   * What packed snapshots of a trainer keep from frame to frame (snapshot.js): the pictures'
   * points, the rows to predict and the data's targets.
   * @param {import('./snapshot').SnapshotPlanOptions} options
   * @returns {SnapshotPlan}
   */
  snapshotPlan(options) {
    return new SnapshotPlan(this.#m, object(options, 'snapshot plan options'));
  }

  /**
   * The wasm heap's size, the bytes malloc holds, the stack pointer and the number of live
   * embind value handles: for tests that check that nothing leaks.
   * @returns {MemoryStats}
   */
  memoryStats() {
    return { ...unwrap(this.#m.memory_stats()), stackPointer: this.#m.stackSave(), emvalHandles: this.#m.count_emval_handles() };
  }
}
