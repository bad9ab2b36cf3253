// Packed snapshots (cpp/bindings/snapshot_bindings.cpp): one call into the engine per frame
// fills one ArrayBuffer with everything the page draws, and this file reads it as views (no
// copies): counters, weights, the evaluation, the predicted rows and their classes, the history
// from an epoch on, the boundary grid, the curve and the neuron heatmaps. The buffer can be
// transferred to another thread whole, and handed back (`reuse`) to be filled again.
//
// Made through the wrapper: ns.snapshotPlan(options), then trainer.snapshot(plan, options).

import { describe, failWith, NeuroStepError, unwrap } from './arguments.js';

/** @typedef {import('./neurostep').Mat} Mat */
/** @typedef {import('./neurostep').EpochRecord} EpochRecord */
/** @typedef {import('./snapshot').SnapshotArrays} SnapshotArrays */
/** @typedef {import('./snapshot').PackedSnapshot} PackedSnapshot */
/** @typedef {import('./snapshot').SnapshotPlanOptions} SnapshotPlanOptions */

// Header slots of the f64 part (the enum Slot in snapshot_bindings.cpp; version 1).
const VERSION = 1;
const S = {
  version: 0, precision: 1, epoch: 2, iterations: 3, batchInEpoch: 4, batchesPerEpoch: 5,
  batchSize: 6, trainSize: 7, testSize: 8, diverged: 9, layers: 10, outputWidth: 11,
  trainLoss: 12, trainAccuracy: 13, testLoss: 14, testAccuracy: 15, trainRows: 16, testRows: 17,
  historyFrom: 18, historyCount: 19, historyLength: 20, gridCells: 21, neuronCells: 22,
  curvePoints: 23,
};
/** Numbers in the f64 part's header (kHeader in snapshot_bindings.cpp). */
const HEADER = 32;
/** Extra room when a buffer is made, so that a few frames' more history still fits. */
const SPARE_HISTORY_RECORDS = 256;

/**
 * Three views on one fresh ArrayBuffer: f64, then f32, then i32.
 * @param {{f64: number, f32: number, i32: number}} n lengths
 * @returns {SnapshotArrays}
 */
function makeArrays(n) {
  const f64 = n.f64 + 5 * SPARE_HISTORY_RECORDS;
  const buffer = new ArrayBuffer(8 * f64 + 4 * n.f32 + 4 * n.i32);
  return {
    f64: new Float64Array(buffer, 0, f64),
    f32: new Float32Array(buffer, 8 * f64, n.f32),
    i32: new Int32Array(buffer, 8 * f64 + 4 * n.f32, n.i32),
  };
}

/** @param {SnapshotArrays | null | undefined} a @returns {a is SnapshotArrays} */
function usable(a) {
  return !!a && a.f64 instanceof Float64Array && a.f64.buffer.byteLength > 0 && a.f32.buffer === a.f64.buffer && a.i32.buffer === a.f64.buffer;
}

/**
 * What a plan keeps from frame to frame. Made by NeuroStep.snapshotPlan; free it with dispose().
 */
export class SnapshotPlan {
  /** @type {any} the embind SnapshotPlan; null once disposed */
  #plan;

  /** @param {any} module @param {SnapshotPlanOptions} options (use NeuroStep.snapshotPlan) */
  constructor(module, options) {
    const error = (/** @type {string} */ message) => new NeuroStepError(message);
    const o = options ?? {};
    /** @param {any} p @param {string} what */
    const points = (p, what) => {
      if (p === null || p === undefined) return null;
      if (typeof p !== 'object' || !ArrayBuffer.isView(p.x) || typeof p.rows !== 'number') throw error(`${what} must be {x: a typed array, rows: a number} or null`);
      return { x: p.x, rows: p.rows };
    };
    /** @param {any} d @param {string} what */
    const rows = (d, what) => {
      if (d === null || typeof d !== 'object' || !ArrayBuffer.isView(d.y) || typeof d.rows !== 'number' || typeof d.targets !== 'number')
        throw error(`${what} must be a dataset ({rows, targets, y, ...})`);
      return { y: d.y, rows: d.rows, targets: d.targets };
    };
    if (typeof o.maxRows !== 'number') failWith('wrapper.max_rows', 'snapshot plan: maxRows must be a number, got {got}', { got: describe(o.maxRows) });
    this.#plan = unwrap(module.create_snapshot_plan({
      grid: points(o.grid, 'snapshot plan: grid'),
      neurons: points(o.neurons, 'snapshot plan: neurons'),
      curve: points(o.curve, 'snapshot plan: curve'),
      maxRows: o.maxRows,
      train: rows(o.train, 'snapshot plan: train'),
      test: rows(o.test, 'snapshot plan: test'),
    }));
  }

  /**
   * Called by Trainer.snapshot with its embind handle.
   * @param {any} handle @param {{historyFrom?: number, reuse?: SnapshotArrays | null}} options
   * @returns {PackedSnapshot}
   */
  take(handle, { historyFrom = 0, reuse = null } = {}) {
    if (this.#plan === null) failWith('wrapper.plan_disposed', 'snapshot plan was disposed');
    if (typeof historyFrom !== 'number') failWith('wrapper.history_from', 'historyFrom must be a number');
    let arrays = usable(reuse) ? reuse : { f64: new Float64Array(0), f32: new Float32Array(0), i32: new Int32Array(0) };
    const filled = unwrap(this.#plan.fill(handle, arrays.f64, arrays.f32, arrays.i32, historyFrom));
    if (filled !== true) {
      arrays = makeArrays(filled);
      unwrap(this.#plan.copy_out(arrays.f64, arrays.f32, arrays.i32));
    }
    return decode(arrays);
  }

  /** Frees the plan; any later take throws. Disposing twice is harmless. */
  dispose() {
    if (this.#plan === null) return;
    this.#plan.delete();
    this.#plan = null;
  }
}

/**
 * The snapshot in `arrays`, as views on their buffer.
 * @param {SnapshotArrays} arrays @returns {PackedSnapshot}
 */
export function decode(arrays) {
  const { f64, f32, i32 } = arrays;
  if (f64[S.version] !== VERSION) throw new Error(`snapshot: layout version ${f64[S.version]}, expected ${VERSION}`);
  const layers = f64[S.layers], width = f64[S.outputWidth];
  let o = HEADER;
  const take64 = (/** @type {number} */ n) => f64.subarray(o, (o += n));
  const shapes = take64(2 * layers);
  /** @type {{W: Mat, b: Mat}[]} */
  const weights = [];
  for (let l = 0; l < layers; ++l) {
    const units = shapes[2 * l], inputs = shapes[2 * l + 1];
    const W = { rows: units, cols: inputs, data: take64(units * inputs) };
    // inputs 0: a layer of another kind than Dense, without W and b (snapshot_bindings.cpp).
    weights.push({ W, b: { rows: inputs > 0 ? units : 0, cols: 1, data: take64(inputs > 0 ? units : 0) } });
  }
  const trainRows = f64[S.trainRows], testRows = f64[S.testRows];
  const trainOutputs = take64(trainRows * width), testOutputs = take64(testRows * width);
  const historyFrom = f64[S.historyFrom], historyCount = f64[S.historyCount];
  /** @type {EpochRecord[]} */
  const records = [];
  const orNull = (/** @type {number} */ v) => (Number.isNaN(v) ? null : v);
  for (let r = 0; r < historyCount; ++r, o += 5)
    records.push({ epoch: f64[o], loss: f64[o + 1], accuracy: f64[o + 2], val_loss: orNull(f64[o + 3]), val_accuracy: orNull(f64[o + 4]) });

  let p = 0;
  const take32 = (/** @type {number} */ n) => f32.subarray(p, (p += n));
  const gridCells = f64[S.gridCells], curvePoints = f64[S.curvePoints], neuronCells = f64[S.neuronCells];
  const grid = gridCells > 0 ? take32(gridCells * width) : null;
  const curve = curvePoints > 0 ? take32(curvePoints * width) : null;
  const neuronGrids = neuronCells > 0 ? weights.map((w) => take32(w.W.rows * neuronCells)) : null;

  let q = 0;
  const takeInt = (/** @type {number} */ n) => i32.subarray(q, (q += n));
  const trainClasses = { predicted: takeInt(trainRows), actual: takeInt(trainRows) };
  const testClasses = { predicted: takeInt(testRows), actual: takeInt(testRows) };
  const testSize = f64[S.testSize];
  return {
    arrays,
    precision: f64[S.precision] === 64 ? 'float64' : 'float32',
    epoch: f64[S.epoch],
    iterations: f64[S.iterations],
    batchInEpoch: f64[S.batchInEpoch],
    batchesPerEpoch: f64[S.batchesPerEpoch],
    batchSize: f64[S.batchSize],
    trainSize: f64[S.trainSize],
    testSize,
    diverged: f64[S.diverged] !== 0,
    outputWidth: width,
    weights,
    train: { loss: f64[S.trainLoss], accuracy: f64[S.trainAccuracy] },
    test: testSize > 0 ? { loss: f64[S.testLoss], accuracy: f64[S.testAccuracy] } : null,
    trainOutputs,
    testOutputs,
    trainClasses,
    testClasses,
    history: { from: historyFrom, length: f64[S.historyLength], records },
    grid,
    curve,
    neuronGrids,
  };
}
