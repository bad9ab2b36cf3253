// Types of packed snapshots (snapshot.js); README.md beside it describes the calls.
import type { Dataset, EpochRecord, Evaluation, LayerWeights, Precision } from './neurostep';

/** Points of a picture: rows points of (input_dim) numbers each, point by point. */
export interface PlanPoints {
  x: Float64Array;
  rows: number;
}

export interface SnapshotPlanOptions {
  /** The decision boundary's cells (predict over them), or null. */
  grid?: PlanPoints | null;
  /** The neuron heatmaps' cells (every layer's activations over them), or null. */
  neurons?: PlanPoints | null;
  /** The curve's points for one input (predict along it), or null. */
  curve?: PlanPoints | null;
  /** Training and test rows predicted (the first maxRows of each). */
  maxRows: number;
  /** The trainer's training and test data: their targets give each row's actual class. */
  train: Pick<Dataset, 'rows' | 'targets' | 'y'>;
  test: Pick<Dataset, 'rows' | 'targets' | 'y'>;
}

/** Three views on one ArrayBuffer, which a snapshot fills; transfer `f64.buffer` to move them. */
export interface SnapshotArrays {
  f64: Float64Array;
  f32: Float32Array;
  i32: Int32Array;
}

/** Everything the page draws, as views on `arrays`' buffer. */
export interface PackedSnapshot {
  arrays: SnapshotArrays;
  precision: Precision;
  epoch: number;
  iterations: number;
  batchInEpoch: number;
  batchesPerEpoch: number;
  batchSize: number;
  trainSize: number;
  testSize: number;
  diverged: boolean;
  outputWidth: number;
  weights: LayerWeights[];
  train: Evaluation;
  /** null without test data. */
  test: Evaluation | null;
  /** predict() on the first maxRows training and test rows: rows x outputWidth, row by row. */
  trainOutputs: Float64Array;
  testOutputs: Float64Array;
  /** The class each predicted row says and the class its target says (classify's rule). */
  trainClasses: { predicted: Int32Array; actual: Int32Array };
  testClasses: { predicted: Int32Array; actual: Int32Array };
  /** history()[from ..]: records, of `length` in all. */
  history: { from: number; length: number; records: EpochRecord[] };
  /** predict() over the grid, cell by cell (cells x outputWidth), single precision; null without one. */
  grid: Float32Array | null;
  curve: Float32Array | null;
  /** Per layer, every unit's activation over the neuron grid, unit by unit (units x cells). */
  neuronGrids: Float32Array[] | null;
}

export class SnapshotPlan {
  private constructor();
  dispose(): void;
}

/** Reads a filled SnapshotArrays (e.g. one transferred from a worker) as a PackedSnapshot. */
export function decode(arrays: SnapshotArrays): PackedSnapshot;
