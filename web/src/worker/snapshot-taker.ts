// Snapshots: everything the page draws, read from the engine at one moment (protocol.ts's
// Snapshot) in one call, trainer.snapshot (engine/snapshot.js): the history since the last one,
// weights, the engine's loss and accuracy, predictions and classes for the rows, the boundary
// grid, the curve and every neuron's activations over a coarse grid, all views on one buffer.
// The buffer is transferred to the page and comes back to be filled again (BufferPool), so that
// a frame allocates nothing.
import type { Message } from '../i18n';
import { fail } from '../i18n/engine';
import type { Dataset, NeuroStep, PackedSnapshot, SnapshotArrays, SnapshotPlan, Trainer } from '../engine/neurostep';
import { NEURON_GRID_CELLS } from '../shared/constants';
import type { Snapshot, View1D, View2D } from './protocol';

/** Rows of training and test data predicted for each snapshot (the table shows them). */
const MAX_PREDICTED_ROWS = 5000;
/** Buffers kept for reuse; the page rarely holds more than three (shown, text, on its way). */
const POOL_SIZE = 4;

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
  trainMsPerFrame: number;
}

/** Snapshot buffers the page has handed back, to be filled again (largest first). */
class BufferPool {
  private readonly free: SnapshotArrays[] = [];

  give(arrays: SnapshotArrays[]): void {
    for (const a of arrays) if (a.f64.buffer.byteLength > 0) this.free.push(a); // a detached one is not ours
    this.free.sort((x, y) => y.f64.buffer.byteLength - x.f64.buffer.byteLength);
    this.free.length = Math.min(this.free.length, POOL_SIZE);
  }

  take(): SnapshotArrays | null {
    return this.free.shift() ?? null;
  }
}

export class SnapshotTaker {
  /** What the packed snapshots keep from frame to frame (made again when data or views change). */
  private plan: SnapshotPlan | null = null;
  /** History records the page has (the next snapshot sends the rest). */
  private historySent = 0;
  private seq = 0;
  private readonly pool = new BufferPool();
  /** Smoothed milliseconds (wall time) one snapshot takes: Play's slices leave room for it. */
  packMs = 0;

  /** The page sends the whole history again from the next snapshot (new or restored weights). */
  resendHistory(): void {
    this.historySent = 0;
  }

  /** Buffers the page is done with. */
  recycle(arrays: SnapshotArrays[]): void {
    this.pool.give(arrays);
  }

  /** The pictures' points, and a plan for the snapshots of this data and these views. */
  setViews(ns: NeuroStep, split: Split, view2d: View2D | null, view1d: View1D | null, maxRows = MAX_PREDICTED_ROWS, scale: (x: Float64Array, rows: number) => Float64Array = (x) => x): void {
    const cells = NEURON_GRID_CELLS * NEURON_GRID_CELLS;
    // The grids are in the page's (raw) coordinates; `scale` makes them what the network sees.
    const plan = ns.snapshotPlan({
      grid: view2d ? { x: scale(gridInputs(view2d), view2d.n * view2d.n), rows: view2d.n * view2d.n } : null,
      neurons: view2d ? { x: scale(gridInputs({ ...view2d, n: NEURON_GRID_CELLS }), cells), rows: cells } : null,
      curve: view1d ? { x: scale(curveInputs(view1d), view1d.n), rows: view1d.n } : null,
      maxRows,
      train: split.train,
      test: split.test,
    });
    this.plan?.dispose();
    this.plan = plan;
  }

  /** The engine's numbers now, in one call, into a buffer the page handed back if there is one. */
  pack(t: Trainer): PackedSnapshot {
    if (!this.plan) fail('worker.noData');
    const start = performance.now();
    const packed = t.snapshot(this.plan, { historyFrom: this.historySent, reuse: this.pool.take() });
    this.packMs = 0.9 * this.packMs + 0.1 * (performance.now() - start);
    this.historySent = packed.history.length;
    return packed;
  }

  /** The snapshot the page takes: the packed numbers' views, and the status beside them. */
  toSnapshot(p: PackedSnapshot, status: SnapshotStatus): Snapshot {
    return {
      seq: ++this.seq,
      epoch: p.epoch,
      iterations: p.iterations,
      batchInEpoch: p.batchInEpoch,
      batchesPerEpoch: p.batchesPerEpoch,
      batchSize: p.batchSize,
      trainSize: p.trainSize,
      testSize: p.testSize,
      history: { from: p.history.from, records: p.history.records },
      weights: p.weights.map(({ W, b }) => ({ W, b: b.data })),
      train: p.train,
      test: p.test,
      trainOutputs: p.trainOutputs,
      testOutputs: p.testOutputs,
      outputWidth: p.outputWidth,
      trainClasses: p.trainClasses,
      testClasses: p.testClasses,
      grid: p.grid,
      curve: p.curve,
      neuronGrids: p.neuronGrids,
      playing: status.playing,
      samplesPerSecond: status.samplesPerSecond,
      epochsPerSecond: status.epochsPerSecond,
      diverged: p.diverged ? 'nan' : status.diverged,
      stopReason: status.stopReason,
      canRestore: status.canRestore,
      trainMsPerFrame: status.trainMsPerFrame,
      arrays: p.arrays,
    };
  }
}

/** The buffer to transfer with a message that holds a snapshot (or none). */
export function transferables(result: unknown): Transferable[] {
  const r = result as { arrays?: SnapshotArrays; snapshot?: Snapshot } | null;
  const arrays = r && typeof r === 'object' ? (r.arrays ?? r.snapshot?.arrays) : undefined;
  return arrays ? [arrays.f64.buffer] : [];
}

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
