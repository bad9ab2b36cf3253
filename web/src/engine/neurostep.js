// NeuroStep's engine: the only door into the WebAssembly module (cpp/bindings/). The page, the
// worker and the tests use these classes and never an embind object or wasm memory.
//
// Every binding returns its result or an Error (it never throws: an exception unwinding out of
// wasm would leak its stack), and `unwrap` throws that Error here, with the C++ message. Before
// a call, arguments are brought to the types the binding expects (numbers, strings, booleans,
// arrays of numbers), because embind's own conversion errors would be thrown half-way through a
// call. Sizes, ranges and meanings are checked in C++, which writes the messages.
// See README.md beside this file for the API.

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
/** @typedef {ArrayLike<number>} Numbers */

/**
 * What every method throws: `message` is the engine's own (English). A message the core knows by
 * a stable id also carries it and its arguments, so that a page can say it in its reader's
 * language (web/src/i18n/engine.ts).
 */
export class NeuroStepError extends Error {
  /**
   * @param {string} message
   * @param {string} [id]
   * @param {Record<string, string>} [args]
   */
  constructor(message, id, args) {
    super(message);
    this.name = 'NeuroStepError';
    if (id !== undefined) {
      /** @type {string | undefined} */
      this.id = id;
      /** @type {Record<string, string> | undefined} */
      this.args = { ...args };
    }
  }
}

/**
 * A binding's result, or the Error it returned thrown afresh (so that its stack is the caller's).
 * @param {any} result
 */
function unwrap(result) {
  if (result instanceof Error) throw new NeuroStepError(result.message, /** @type {any} */ (result).id, /** @type {any} */ (result).args);
  return result;
}

// ---- arguments ----------------------------------------------------------------------------------

/** @param {unknown} v */
function describe(v) {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

/** @param {unknown} v @param {string} what @returns {number} */
function number(v, what) {
  if (typeof v !== 'number') throw new NeuroStepError(`${what} must be a number, got ${describe(v)}`);
  return v;
}

/** @param {unknown} v @param {string} what @returns {string} */
function string(v, what) {
  if (typeof v !== 'string') throw new NeuroStepError(`${what} must be a string, got ${describe(v)}`);
  return v;
}

/** @param {unknown} v @param {string} what @returns {boolean} */
function boolean(v, what) {
  if (typeof v !== 'boolean') throw new NeuroStepError(`${what} must be true or false, got ${describe(v)}`);
  return v;
}

/** @param {unknown} v @param {string} what @returns {Record<string, any>} */
function object(v, what) {
  if (v === null || typeof v !== 'object') throw new NeuroStepError(`${what} must be an object, got ${describe(v)}`);
  return /** @type {Record<string, any>} */ (v);
}

/**
 * Numbers the binding can copy with one TypedArray.set: typed arrays as they are, a plain array
 * converted here (where a value that is not a number cannot throw inside wasm).
 * @param {unknown} v @param {string} what @returns {Numbers}
 */
function numbers(v, what) {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array))
    return /** @type {Numbers} */ (/** @type {unknown} */ (v));
  if (Array.isArray(v)) return Float64Array.from(v, Number);
  throw new NeuroStepError(`${what} must be an array of numbers or a typed array, got ${describe(v)}`);
}

/** @param {unknown} v @param {string} what @returns {string[]} */
function strings(v, what) {
  if (!Array.isArray(v)) throw new NeuroStepError(`${what} must be an array of strings, got ${describe(v)}`);
  return v.map((s, i) => (typeof s === 'number' ? String(s) : string(s, `${what}[${i}]`)));
}

/** @param {unknown} v @param {string} what @returns {Dataset} */
function dataset(v, what) {
  const d = object(v, what);
  return {
    rows: d.rows,
    features: d.features,
    targets: d.targets,
    x: numbers(d.x, `${what}.x`),
    y: numbers(d.y, `${what}.y`),
    featureNames: d.featureNames === undefined ? [] : strings(d.featureNames, `${what}.featureNames`),
    targetNames: d.targetNames === undefined ? [] : strings(d.targetNames, `${what}.targetNames`),
  };
}

/** @param {unknown} v @param {string} what @returns {Mat} */
function mat(v, what) {
  const m = object(v, what);
  return { rows: m.rows, cols: m.cols, data: numbers(m.data, `${what}.data`) };
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

  /**
   * The wasm heap's size, the bytes malloc holds, the stack pointer and the number of live
   * embind value handles: for tests that check that nothing leaks.
   * @returns {MemoryStats}
   */
  memoryStats() {
    return { ...unwrap(this.#m.memory_stats()), stackPointer: this.#m.stackSave(), emvalHandles: this.#m.count_emval_handles() };
  }
}

// ---- the trainer --------------------------------------------------------------------------------

export class Trainer {
  /** @type {any} */
  #m;
  /** @type {any} the embind TrainerHandle; null once disposed */
  #h;

  /** @param {any} module @param {any} handle (use NeuroStep.createTrainer) */
  constructor(module, handle) {
    this.#m = module;
    this.#h = handle;
    /** @type {Precision} */
    this.precision = unwrap(handle.precision());
  }

  #handle() {
    if (this.#h === null) throw new NeuroStepError('trainer was disposed');
    return this.#h;
  }

  /** The model: input_dim, layers, loss and the optimizer as it is now. @returns {ModelSpec} */
  spec() {
    return JSON.parse(unwrap(this.#m.trainer_spec(this.#handle())));
  }

  /** The model file (spec, weights, precision, seed, batch size, epochs trained). @returns {string} */
  toJson() {
    return unwrap(this.#m.trainer_to_json(this.#handle()));
  }

  /**
   * The model as a runnable Keras script: Sequential of the same Dense layers, compile with the
   * same loss and optimizer as they are now, the dataset (inline up to `inlineLimit` rows, else
   * read from `csvFileName`, which writeCsv(dataset) gives), fit, and optionally set_weights with
   * the current weights.
   * @param {{dataset: Dataset, epochs?: number, batchSize?: number, validationSplit?: number,
   *   shuffle?: boolean, includeWeights?: boolean, csvFileName?: string, inlineLimit?: number}} options
   *   epochs default 1000, batchSize and shuffle the trainer's, validationSplit 0 (Keras holds out
   *   the last rows), includeWeights false, csvFileName 'data.csv', inlineLimit 200
   * @returns {string}
   */
  exportKeras(options) {
    const o = object(options, 'export options');
    if (o.dataset === undefined) throw new NeuroStepError('exportKeras needs the dataset to write into the script: {dataset}');
    const state = o.batchSize === undefined || o.shuffle === undefined ? this.state() : null;
    return unwrap(this.#m.trainer_export_keras(this.#handle(), dataset(o.dataset, 'export data'),
      number(o.epochs ?? 1000, 'epochs'), number(o.batchSize ?? state?.batchSize, 'batch size'),
      number(o.validationSplit ?? 0, 'validation split'), boolean(o.shuffle ?? state?.shuffle, 'shuffle'),
      boolean(o.includeWeights ?? false, 'includeWeights'), string(o.csvFileName ?? 'data.csv', 'CSV file name'),
      number(o.inlineLimit ?? 200, 'inline limit')));
  }

  /**
   * Training data and, optionally, test data. On an error the previous data stay.
   * @param {Dataset} train @param {Dataset | null} [test]
   */
  setData(train, test = null) {
    const testData = test === null || test === undefined ? null : dataset(test, 'test data');
    unwrap(this.#handle().set_data(dataset(train, 'training data'), testData));
  }

  /** @param {number} n */
  setBatchSize(n) {
    unwrap(this.#handle().set_batch_size(number(n, 'batch size')));
  }

  /** Whether each epoch visits the samples in a fresh random order (Keras's default: true). @param {boolean} shuffle */
  setShuffle(shuffle) {
    unwrap(this.#handle().set_shuffle(boolean(shuffle, 'shuffle')));
  }

  /**
   * Keras's optimizer arguments, e.g. {name: 'adam', learning_rate: 0.01}. Same kind: its state
   * is kept; another kind starts afresh.
   * @param {OptimizerSpec} optimizer
   */
  setOptimizer(optimizer) {
    const json = JSON.stringify(object(optimizer, 'optimizer'));
    unwrap(this.#m.trainer_set_optimizer(this.#handle(), json));
  }

  /** @param {number} lr */
  setLearningRate(lr) {
    unwrap(this.#handle().set_learning_rate(number(lr, 'learning rate')));
  }

  /** New initial weights from the seed; optimizer state, cursor and history start afresh. @param {number} seed */
  reset(seed) {
    unwrap(this.#handle().reset(number(seed, 'seed')));
  }

  /** One phase: forward 1..L, loss, backward L..1, update 1..L. */
  stepPhase() {
    unwrap(this.#handle().step_phase());
  }

  /** The rest of the current batch (a whole batch between batches). */
  stepBatch() {
    unwrap(this.#handle().step_batch());
  }

  /** The rest of the current epoch. @returns {boolean} false if training diverged */
  stepEpoch() {
    return unwrap(this.#handle().step_epoch());
  }

  /** Up to n epochs, stopping early if training diverges. @param {number} n @returns {number} epochs done */
  trainEpochs(n) {
    return unwrap(this.#handle().train_epochs(number(n, 'epochs')));
  }

  /** Where training stands. @returns {TrainerState} */
  state() {
    return unwrap(this.#handle().state());
  }

  /** Layer l (0-based): every value of the forward, backward and update of the current batch. @param {number} l @returns {LayerTrace} */
  layerTrace(l) {
    return unwrap(this.#handle().layer_trace(number(l, 'layer')));
  }

  /** The loss of the current batch and its gradient. @returns {LossTrace} */
  lossTrace() {
    return unwrap(this.#handle().loss_trace());
  }

  /** Keras's History, one record per epoch (val_* null without test data). @returns {EpochRecord[]} */
  history() {
    /** @type {Float64Array} */
    const packed = unwrap(this.#handle().history());
    /** @type {EpochRecord[]} */
    const records = [];
    const orNull = (/** @type {number} */ v) => (Number.isNaN(v) ? null : v);
    for (let i = 0; i < packed.length; i += 5) {
      records.push({ epoch: packed[i], loss: packed[i + 1], accuracy: packed[i + 2],
        val_loss: orNull(packed[i + 3]), val_accuracy: orNull(packed[i + 4]) });
    }
    return records;
  }

  /**
   * Backpropagation against a numerical derivative, layer by layer, on the batch under way (or
   * the next one); the trainer is not changed.
   * @returns {LayerGradientCheck[]}
   */
  gradientCheck() {
    return unwrap(this.#handle().gradient_check());
  }

  /** @returns {LayerWeights[]} W units x inputs, b units x 1 */
  weights() {
    return unwrap(this.#handle().weights());
  }

  /** @param {LayerWeights[]} layers the shapes weights() returns */
  setWeights(layers) {
    if (!Array.isArray(layers)) throw new NeuroStepError(`weights must be an array of {W, b}, got ${describe(layers)}`);
    const converted = layers.map((l, i) => {
      const layer = object(l, `weights[${i}]`);
      return { W: mat(layer.W, `weights[${i}].W`), b: mat(layer.b, `weights[${i}].b`) };
    });
    unwrap(this.#handle().set_weights(converted));
  }

  /** W[unit][input] of layer l (all 0-based). @param {number} layer @param {number} unit @param {number} input @param {number} value */
  setWeight(layer, unit, input, value) {
    unwrap(this.#handle().set_weight(number(layer, 'layer'), number(unit, 'unit'), number(input, 'input'),
      number(value, 'weight')));
  }

  /** @param {number} layer @param {number} unit @param {number} value */
  setBias(layer, unit, value) {
    unwrap(this.#handle().set_bias(number(layer, 'layer'), number(unit, 'unit'), number(value, 'bias')));
  }

  /**
   * Outputs for `rows` inputs given sample by sample (rows * input_dim numbers).
   * @param {Numbers} x @param {number} rows @returns {Mat} outputs x rows
   */
  predict(x, rows) {
    return unwrap(this.#handle().predict(numbers(x, 'x'), number(rows, 'rows')));
  }

  /**
   * Every layer's activations for `rows` inputs (for per-neuron pictures).
   * @param {Numbers} x @param {number} rows @returns {Mat[]} one units x rows Mat per layer
   */
  activations(x, rows) {
    return unwrap(this.#handle().activations(numbers(x, 'x'), number(rows, 'rows')));
  }

  /** Loss (with regularisation) and accuracy on a dataset. @param {Dataset} d @returns {{loss: number, accuracy: number}} */
  evaluate(d) {
    return unwrap(this.#handle().evaluate(dataset(d, 'evaluation data')));
  }

  /** An independent copy: weights, optimizer state, data, cursor, history. @returns {Trainer} */
  clone() {
    return new Trainer(this.#m, unwrap(this.#handle().clone()));
  }

  /** Frees the trainer; any later call throws "trainer was disposed". Disposing twice is harmless. */
  dispose() {
    if (this.#h === null) return;
    this.#h.delete();
    this.#h = null;
  }
}
