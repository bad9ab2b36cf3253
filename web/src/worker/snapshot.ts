// Snapshots: everything the page draws, read from the engine at one moment (protocol.ts's
// Snapshot): history since the last one, weights, the engine's loss and accuracy, predictions
// for the rows, the boundary grid and every neuron's activations over a coarse grid.
import type { Message } from '../i18n';
import type { Dataset, Evaluation, Mat, NeuroStep, Trainer, TrainerState } from '../engine/neurostep';
import { NEURON_GRID_CELLS, type RowClasses, type Snapshot, type View1D, type View2D } from './protocol';

const HISTORY_MS = 100;
/** Rows of training and test data predicted for each snapshot (the table shows them). */
const MAX_PREDICTED_ROWS = 5000;

export interface Split {
  train: Dataset;
  test: Dataset;
}

/** What the snapshot says besides the engine's numbers: the play loop's and divergence's. */
export interface SnapshotStatus {
  playing: boolean;
  samplesPerSecond: number;
  epochsPerSecond: number;
  diverged: Snapshot['diverged'];
  stopReason: Message | null;
  canRestore: boolean;
}

export class SnapshotTaker {
  private view2d: View2D | null = null;
  private gridX: Float64Array | null = null;
  private neuronX: Float64Array | null = null;
  private view1d: View1D | null = null;
  private curveX: Float64Array | null = null;
  private historySent = 0;
  /** When history was last read: trainer.history() copies every epoch, so while playing it is
   * read at most every HISTORY_MS (the chart redraws no faster). */
  private historyReadAt = 0;
  /** The last evaluation on the training data, and the optimizer step it was taken at. */
  private trainEval: { iterations: number; epoch: number; result: Evaluation } | null = null;
  private weightsEdited = false;
  private seq = 0;

  /** The page sends the whole history again from the next snapshot (new or restored weights). */
  resendHistory(): void {
    this.historySent = 0;
  }

  /** The weights changed without a step: the training evaluation is taken again. */
  weightsChanged(): void {
    this.weightsEdited = true;
  }

  forgetEvaluation(): void {
    this.trainEval = null;
  }

  setViews(view2d: View2D | null, view1d: View1D | null): void {
    this.view2d = view2d;
    this.gridX = view2d ? gridInputs(view2d) : null;
    this.neuronX = view2d ? gridInputs({ ...view2d, n: NEURON_GRID_CELLS }) : null;
    this.view1d = view1d;
    this.curveX = view1d ? curveInputs(view1d) : null;
  }

  /** The training data's loss and accuracy, evaluated once per state of the weights. */
  evaluateTrain(t: Trainer, train: Dataset, state = t.state()): Evaluation {
    const e = this.trainEval;
    if (e && e.iterations === state.iterations && e.epoch === state.epoch && !this.weightsEdited) return e.result;
    this.weightsEdited = false;
    const result = t.evaluate(train);
    this.trainEval = { iterations: state.iterations, epoch: state.epoch, result };
    return result;
  }

  take(ns: NeuroStep, t: Trainer, split: Split, outputWidth: number, status: SnapshotStatus, known?: TrainerState): Snapshot {
    const state = known ?? t.state();
    const now = performance.now();
    let from = this.historySent, records: Snapshot['history']['records'] = [];
    if (!status.playing || this.historySent === 0 || now - this.historyReadAt >= HISTORY_MS) {
      const history = t.history();
      from = Math.min(this.historySent, history.length);
      records = history.slice(from);
      this.historySent = history.length;
      this.historyReadAt = now;
    }
    const predictRows = (d: Dataset): Float64Array => {
      const rows = Math.min(d.rows, MAX_PREDICTED_ROWS);
      if (rows === 0) return new Float64Array(0);
      return Float64Array.from(t.predict(d.x.subarray(0, rows * d.features), rows).data);
    };
    const classesOf = (d: Dataset, outputs: Float64Array): RowClasses =>
      ns.classify(outputs, outputWidth, d.y.subarray(0, (outputs.length / outputWidth) * d.targets), d.targets);
    const trainOutputs = predictRows(split.train), testOutputs = predictRows(split.test);
    let grid: Float32Array | null = null, curve: Float32Array | null = null;
    if (this.gridX && this.view2d) grid = Float32Array.from(t.predict(this.gridX, this.view2d.n * this.view2d.n).data);
    if (this.curveX && this.view1d) curve = Float32Array.from(t.predict(this.curveX, this.view1d.n).data);
    return {
      seq: ++this.seq,
      epoch: state.epoch,
      iterations: state.iterations,
      batchInEpoch: state.batchInEpoch,
      batchesPerEpoch: state.batchesPerEpoch,
      batchSize: state.batchSize,
      trainSize: state.trainSize,
      testSize: state.testSize,
      history: { from, records },
      weights: t.weights().map(({ W, b }) => ({ W: copyMat(W), b: Float64Array.from(b.data) })),
      train: this.evaluateTrain(t, split.train, state),
      test: split.test.rows > 0 ? t.evaluate(split.test) : null,
      trainOutputs,
      testOutputs,
      outputWidth,
      trainClasses: classesOf(split.train, trainOutputs),
      testClasses: classesOf(split.test, testOutputs),
      grid,
      curve,
      neuronGrids: this.neuronGrids(t),
      playing: status.playing,
      samplesPerSecond: status.samplesPerSecond,
      epochsPerSecond: status.epochsPerSecond,
      diverged: state.diverged ? 'nan' : status.diverged,
      stopReason: status.stopReason,
      canRestore: status.canRestore,
    };
  }

  /** What every neuron has learned: its activation over a coarse grid (trainer.activations). */
  private neuronGrids(t: Trainer): Float32Array[] | null {
    if (!this.neuronX) return null;
    const layers = t.activations(this.neuronX, NEURON_GRID_CELLS * NEURON_GRID_CELLS);
    // Each Mat is units x rows, column-major: regroup unit by unit.
    return layers.map((m) => {
      const out = new Float32Array(m.rows * m.cols);
      for (let j = 0; j < m.cols; ++j) for (let u = 0; u < m.rows; ++u) out[u * m.cols + j] = m.data[j * m.rows + u];
      return out;
    });
  }
}

/** The buffers a snapshot can hand over to the page instead of copying them. */
export function transferables(snapshot: Snapshot): Transferable[] {
  const transfer: Transferable[] = [snapshot.trainOutputs.buffer, snapshot.testOutputs.buffer];
  for (const c of [snapshot.trainClasses, snapshot.testClasses]) transfer.push(c.predicted.buffer, c.actual.buffer);
  if (snapshot.grid) transfer.push(snapshot.grid.buffer);
  if (snapshot.curve) transfer.push(snapshot.curve.buffer);
  for (const g of snapshot.neuronGrids ?? []) transfer.push(g.buffer);
  return transfer;
}

const copyMat = (m: Mat): Mat => ({ rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) });

/** Cell centres of the grid, row by row from the top (y = yMax) down, x from left to right. */
export function gridInputs(v: View2D): Float64Array {
  const x = new Float64Array(v.n * v.n * 2);
  for (let row = 0; row < v.n; ++row) {
    const y = v.yMax - ((row + 0.5) / v.n) * (v.yMax - v.yMin);
    for (let col = 0; col < v.n; ++col) {
      const i = (row * v.n + col) * 2;
      x[i] = v.xMin + ((col + 0.5) / v.n) * (v.xMax - v.xMin);
      x[i + 1] = y;
    }
  }
  return x;
}

export function curveInputs(v: View1D): Float64Array {
  const x = new Float64Array(v.n);
  for (let i = 0; i < v.n; ++i) x[i] = v.xMin + (i / (v.n - 1)) * (v.xMax - v.xMin);
  return x;
}
