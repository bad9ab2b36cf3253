// The engine's trainer: one Trainer per embind TrainerHandle, every method through `unwrap` (see
// neurostep.js for the rules every call keeps, README.md for the API).
import { boolean, dataset, describe, failWith, NeuroStepError, number, numbers, object, string, unwrap } from './arguments.js';
import { GradientCheckJob } from './gradient-check-job.js';
import * as landscape from './landscape.js';
import { kerasArchive } from './model-files/export-keras.js';
import { tfjsModel } from './model-files/export-tfjs.js';
import { historyRecords } from './history.js';
import { SnapshotPlan } from './snapshot.js';
import { kerasScript, pytorchScript } from './trainer-exports.js';
import { byName, denseWeights, tensorList } from './trainer-weights.js';

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
    if (this.#h === null) failWith('wrapper.trainer_disposed', 'trainer was disposed');
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
   * Whether toJson keeps the optimizer's state: false when it is not finite (Adam's v can
   * overflow while the weights stay finite), and the file then leaves it out. @returns {boolean}
   */
  optimizerStateSavable() {
    return unwrap(this.#handle().optimizer_state_savable());
  }

  /** The model as a runnable Keras script (trainer-exports.js, kerasScript). @param {import('./trainer-exports.js').KerasScriptOptions} options @returns {string} */
  exportKeras(options) {
    return kerasScript(this.#handle(), () => this.state(), options);
  }

  /** The model as a runnable PyTorch script (trainer-exports.js, pytorchScript). @param {import('./trainer-exports.js').PyTorchScriptOptions} options @returns {string} */
  exportPyTorch(options) {
    return pytorchScript(this.#m, this.#handle(), () => this.state(), options);
  }

  /**
   * A TensorFlow.js layers-model with the current weights: model.json (an object) and the bytes
   * of its one shard (`weightsFile`, default "weights.bin"); see model-files/export-tfjs.js.
   * @param {{weightsFile?: string}} [options] @returns {{modelJson: any, weights: Uint8Array}}
   */
  exportTfjs(options = {}) {
    const o = object(options, 'export options');
    return tfjsModel(this, { weightsFile: o.weightsFile === undefined ? 'weights.bin' : string(o.weightsFile, 'weightsFile') });
  }

  /** The bytes of a Keras 3 .keras archive, read back bit for bit by ns.loadModelFiles (model-files/export-keras.js). @returns {Promise<Uint8Array>} */
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

  /**
   * Dense layer l's terms of its last forward for one sample of the batch: T(j, i) = W(j, i) *
   * aPrev(i, sample), units x inputs, each the product that z_j sums (in the layer's precision).
   * @param {number} l @param {number} sample @returns {Mat}
   */
  forwardTerms(l, sample) {
    return unwrap(this.#handle().forward_terms(number(l, 'layer'), number(sample, 'sample')));
  }

  /** Keras's History, one record per epoch (val_* null without test data). @returns {EpochRecord[]} */
  history() {
    return historyRecords(unwrap(this.#handle().history()));
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

  /** Layer l's weights by Keras's names and shapes (trainer-weights.js). @param {number} l @returns {Record<string, {shape: number[], data: Float64Array}>} */
  layerWeights(l) {
    return byName(unwrap(this.#m.trainer_layer_weights(this.#handle(), number(l, 'layer'))));
  }

  /** Sets some or all of layer l's weights by Keras's names, all checked first (trainer-weights.js). @param {number} l @param {Record<string, unknown>} weights */
  setLayerWeights(l, weights) {
    const layer = number(l, 'layer');
    unwrap(this.#m.trainer_set_layer_weights(this.#handle(), layer, tensorList(layer, weights)));
  }

  /** @returns {LayerWeights[]} W units x inputs, b units x 1 */
  weights() {
    return unwrap(this.#handle().weights());
  }

  /** @param {LayerWeights[]} layers the shapes weights() returns */
  setWeights(layers) {
    unwrap(this.#handle().set_weights(denseWeights(layers)));
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
