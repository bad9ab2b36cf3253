// The engine's trainer: one Trainer per embind TrainerHandle, every method through `unwrap` (see
// neurostep.js for the rules every call keeps, README.md for the API).
import { boolean, dataset, describe, mat, NeuroStepError, number, numbers, object, string, unwrap } from './arguments.js';
import { GradientCheckJob } from './gradient-check-job.js';
import * as landscape from './landscape.js';
import { kerasArchive } from './model-files/export-keras.js';
import { tfjsModel } from './model-files/export-tfjs.js';
import { kerasTensor } from './model-files/tensors.js';
import { SnapshotPlan } from './snapshot.js';

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
/** @typedef {ArrayLike<number>} Numbers */

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
    return JSON.parse(unwrap(this.#handle().spec()));
  }

  /** The model file (spec, weights, precision, seed, batch size, epochs trained). @returns {string} */
  toJson() {
    return unwrap(this.#handle().to_json());
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
    return unwrap(this.#handle().export_keras(dataset(o.dataset, 'export data'),
      number(o.epochs ?? 1000, 'epochs'), number(o.batchSize ?? state?.batchSize, 'batch size'),
      number(o.validationSplit ?? 0, 'validation split'), boolean(o.shuffle ?? state?.shuffle, 'shuffle'),
      boolean(o.includeWeights ?? false, 'includeWeights'), string(o.csvFileName ?? 'data.csv', 'CSV file name'),
      number(o.inlineLimit ?? 200, 'inline limit')));
  }

  /**
   * The model as a runnable PyTorch script (cpp/core/pytorch_export.hpp): torch.nn.Sequential of
   * the same layers, the loss as Keras computes it, the optimizer's nearest PyTorch equivalent
   * with a comment where its formula differs, the dataset (inline up to `inlineLimit` rows, else
   * read from `csvFileName`), a training loop, and optionally the current weights (exact digits:
   * float32's, or float64's for a float64 trainer).
   * @param {{dataset: Dataset, epochs?: number, batchSize?: number, shuffle?: boolean,
   *   includeWeights?: boolean, csvFileName?: string, inlineLimit?: number}} options
   *   epochs default 1000, batchSize and shuffle the trainer's, includeWeights false
   * @returns {string}
   */
  exportPyTorch(options) {
    const o = object(options, 'export options');
    if (o.dataset === undefined) throw new NeuroStepError('exportPyTorch needs the dataset to write into the script: {dataset}');
    const state = o.batchSize === undefined || o.shuffle === undefined ? this.state() : null;
    return unwrap(this.#m.trainer_export_pytorch(this.#handle(), dataset(o.dataset, 'export data'),
      number(o.epochs ?? 1000, 'epochs'), number(o.batchSize ?? state?.batchSize, 'batch size'),
      boolean(o.shuffle ?? state?.shuffle, 'shuffle'), boolean(o.includeWeights ?? false, 'includeWeights'),
      string(o.csvFileName ?? 'data.csv', 'CSV file name'), number(o.inlineLimit ?? 200, 'inline limit')));
  }

  /**
   * The model as a TensorFlow.js layers-model with the current weights: model.json (an object,
   * for JSON.stringify) and the bytes of the one shard it lists (`weightsFile`, default
   * "weights.bin"), which tf.loadLayersModel reads. An activation TF.js computes differently from
   * Keras (hard_sigmoid, ...) is refused by layer; the optimizer is left out (model-files/export-tfjs.js).
   * @param {{weightsFile?: string}} [options]
   * @returns {{modelJson: any, weights: Uint8Array}}
   */
  exportTfjs(options = {}) {
    const o = object(options, 'export options');
    return tfjsModel(this, { weightsFile: o.weightsFile === undefined ? 'weights.bin' : string(o.weightsFile, 'weightsFile') });
  }

  /**
   * The model as the bytes of a Keras 3 .keras archive (config.json with compile_config,
   * model.weights.h5 with the current weights, metadata.json), which ns.loadModelFiles reads back
   * bit for bit. Left out: the optimizer's variables (model-files/export-keras.js).
   * @returns {Promise<Uint8Array>}
   */
  exportKerasArchive() {
    this.#handle();
    return kerasArchive(this);
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
    unwrap(this.#handle().set_optimizer(json));
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

  /**
   * The whole view of the teaching step under way, `done` phases into its batch (the trainer's
   * phase index, or every phase right after a batch ends): the batch's phases in the engine's
   * order, the one done last, each layer's values with what is not computed yet null, f'(z)
   * included, and the loss once its phase has run.
   * @param {number} done @returns {TeachingStep}
   */
  teachingStep(done) {
    return unwrap(this.#handle().teaching_step(number(done, 'phases done')));
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

  /**
   * Layer l of any kind: kind, arguments, weights by Keras's names with their gradients, updates
   * and optimizer slots, and every intermediate of its last passes (layers.d.ts).
   * @param {number} l
   */
  layer(l) {
    return unwrap(this.#m.trainer_layer(this.#handle(), number(l, 'layer')));
  }

  /** Every layer, as layer(l). */
  layers() {
    return unwrap(this.#m.trainer_layers(this.#handle()));
  }

  /** The gradient check of every trained weight of every layer kind, and of dL/dX. */
  gradientCheckAll() {
    return unwrap(this.#m.trainer_gradient_check_all(this.#handle()));
  }

  /**
   * The bounded gradient check (cpp/core/gradient_check_job.hpp) on the same batch, run a slice
   * at a time: exact up to `budget` forward passes, a stated sample beyond; the trainer is not
   * changed.
   * @param {{budget?: number, directions?: number, seed?: number}} [options] budget: forward
   *   passes at most (default 4000); directions per layer of a sampled check (8); seed (42)
   * @returns {GradientCheckJob}
   */
  gradientCheckJob({ budget = 4000, directions = 8, seed = 42 } = {}) {
    return new GradientCheckJob(unwrap(this.#m.start_gradient_check(this.#handle(), number(budget, 'budget'), number(directions, 'directions'), number(seed, 'seed'))));
  }

  /**
   * Layer l's weights by Keras's names, in Keras's shapes: {kernel: {shape: [inputs, units],
   * data}, bias: {shape: [units], data}, ...}, data in C order (row-major), as get_weights(),
   * .h5, .keras and TensorFlow.js files hold them (the conversion from the core's W, units x
   * inputs, is in cpp/core/keras_weights.hpp).
   * @param {number} l @returns {Record<string, {shape: number[], data: Float64Array}>}
   */
  layerWeights(l) {
    /** @type {{name: string, shape: number[], data: Float64Array}[]} */
    const list = unwrap(this.#m.trainer_layer_weights(this.#handle(), number(l, 'layer')));
    return Object.fromEntries(list.map(({ name, shape, data }) => [name, { shape, data }]));
  }

  /**
   * Sets some or all of layer l's weights by Keras's names, in Keras's shapes and orientation
   * (kernel: inputs x units). Each value is a nested array (get_weights().tolist()), a
   * {shape, data} tensor with data in C order, or, for a weight of one dimension, an array of
   * numbers. Every weight is checked first (name, shape, finite values): on an error none changes.
   * @param {number} l
   * @param {Record<string, unknown>} weights e.g. {kernel, bias} or {gamma, beta, moving_mean, moving_variance}
   */
  setLayerWeights(l, weights) {
    const layer = number(l, 'layer');
    const list = Object.entries(object(weights, 'weights')).map(([name, v]) => ({ name, ...kerasTensor(v, `layer ${layer + 1}: weight "${name}"`) }));
    unwrap(this.#m.trainer_set_layer_weights(this.#handle(), layer, list));
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

  /**
   * Everything the page draws, in one call and one buffer (snapshot.js); `reuse` is a snapshot's
   * arrays to fill again, `historyFrom` the first history record wanted.
   * @param {SnapshotPlan} plan
   * @param {{historyFrom?: number, reuse?: import('./snapshot').SnapshotArrays | null}} [options]
   * @returns {import('./snapshot').PackedSnapshot}
   */
  snapshot(plan, options = {}) {
    if (!(plan instanceof SnapshotPlan)) throw new NeuroStepError(`snapshot needs a plan from snapshotPlan(), got ${describe(plan)}`);
    return plan.take(this.#handle(), object(options, 'snapshot options'));
  }

  /** The loss landscape through the weights (landscape.js, landscape.d.ts); the trainer is unchanged. */
  lossSurface(options) { return landscape.lossSurface(this.#m, this.#handle(), options); }
  /** Moves the weights to (x, y) of the slice through them (the path starts again there). */
  moveOnSurface(options, x, y) { landscape.moveOnSurface(this.#m, this.#handle(), options, x, y); }
  /** The learning-rate range test from the current weights; the trainer is unchanged. */
  lrSweep(options) { return landscape.lrSweep(this.#m, this.#handle(), options); }
  /** Keeps the weights after each of the last `capacity` steps (0 stops). @param {number} capacity */
  recordPath(capacity) { landscape.recordPath(this.#m, this.#handle(), capacity); }
  weightPath() { return landscape.weightPath(this.#m, this.#handle()); }

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
