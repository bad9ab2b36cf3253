// Teaching mode, in the worker: one training step of the Play network, taken phase by
// phase on a copy of it, so that the Play network is untouched until the student keeps the
// step. The copy trains on the chosen rows only (one sample, or the batch Step would take
// next), in their order, with shuffling off; it is a clone of the Play trainer, so it has the
// same weights and optimizer state (Adam's m, v and t). A clone is kept after every phase:
// Back returns to the exact earlier state, and Next computes the phase again from there.
import { fail } from '../i18n/engine';
import type { Dataset, LossSurface, NeuroStep, SurfaceOptions, Trainer } from '../engine/neurostep';
import { teachingCheck } from './gradient-check-job';
import type { Slices } from './sliced-job';
import type { TeachGradientCheck, TeachLayer, TeachSource, TeachTerms, TeachView } from './teach-protocol';


export class TeachingSession {
  /** states[k]: the teaching trainer after k phases of the step. */
  private states: Trainer[] = [];
  private index = 0;
  private source: TeachSource = { kind: 'sample', row: 0 };
  private rows: number[] = [];
  private nextRow = 0;
  /** The rows the Play network's next step trains: a step on them is the one it would take. */
  private nextRows: number[] = [];
  private data: Dataset | null = null;

  /** A new teaching step from the Play trainer's current state. */
  start(main: Trainer, train: Dataset, source: TeachSource | null): TeachView {
    const next = nextBatchRows(main);
    // BatchNormalization cannot train on one row (its batch variance is 0, as in Keras): a model
    // with it starts on the batch Step would train, when that has more than one row.
    const batchNorm = main.spec().layers.some((l) => (l as { kind?: string }).kind === 'BatchNormalization');
    const chosen: TeachSource = source ?? (batchNorm && next.length > 1 ? { kind: 'batch' } : { kind: 'sample', row: next[0] });
    let rows: number[];
    if (chosen.kind === 'batch') rows = next;
    else {
      const row = chosen.row;
      if (!Number.isInteger(row) || row < 0 || row >= train.rows) fail('worker.noRow', { row: row + 1, rows: train.rows });
      rows = [row];
    }
    const data = subset(train, rows);
    const t = main.clone();
    try {
      t.setData(data);
      t.setBatchSize(rows.length);
      t.setShuffle(false);
    } catch (err) {
      t.dispose();
      throw err;
    }
    this.stop();
    this.states = [t];
    this.index = 0;
    this.source = chosen;
    this.rows = rows;
    this.nextRow = next[0];
    this.nextRows = next;
    this.data = data;
    return this.view();
  }

  /** To step `index` (0 .. phases of a batch): back to a kept state, or forward phase by phase. */
  go(index: number): TeachView {
    const first = this.require();
    const total = first.state().phasesPerBatch;
    if (!Number.isInteger(index) || index < 0 || index > total) fail('worker.stepOutside', { index, total });
    // States past the target are dropped, so that Next after Back computes the phase again.
    while (this.states.length - 1 > index) this.states.pop()!.dispose();
    while (this.states.length - 1 < index) {
      const t = this.states[this.states.length - 1].clone();
      t.stepPhase();
      this.states.push(t);
    }
    this.index = index;
    return this.view();
  }

  /** The terms of Dense layer `layer`'s z for one sample of the batch, once its forward phase has run. */
  terms(layer: number, sample: number): TeachTerms {
    const t = this.states[this.index] ?? this.require();
    const done = t.teachingStep(this.index).layers[layer];
    if (!done || !('z' in done) || done.z === null) fail('worker.termsNotComputed', { layer: layer + 1 });
    if (!Number.isInteger(sample) || sample < 0 || sample >= this.rows.length) fail('worker.noSample', { sample: sample + 1, count: this.rows.length });
    return { index: this.index, layer, sample, m: t.forwardTerms(layer, sample) };
  }

  /**
   * Backpropagation against finite differences at the weights the step started from, in
   * float64, as a job in slices (gradient-check-job.ts): bounded however large the network.
   */
  checkJob(ns: NeuroStep): Slices<TeachGradientCheck> {
    return teachingCheck(ns, this.require(), this.data!);
  }

  /**
   * The loss landscape of this step (Teach mode's update phase): the engine's surface through the
   * weights the step starts from, over the step's rows, so that its -lr dL/dw is this step's.
   */
  surface(options: SurfaceOptions): LossSurface {
    return this.require().lossSurface(options);
  }

  /**
   * The Play trainer takes this step: one stepBatch, which trains the same rows in the same
   * order as this step did (sameAsOrdinaryStep checks that it gives the same numbers), so its
   * counters and its place in the epoch move on by exactly one step. A step on other rows than
   * the ones Play trains next is not kept: it would upset the epoch's order (keepable says so).
   */
  apply(main: Trainer): void {
    const end = this.states[this.states.length - 1];
    if (!end || this.index !== end.state().phasesPerBatch) fail('worker.stepToEnd');
    if (!this.keepable()) fail('worker.notKeepable', { row: this.nextRow + 1 });
    main.stepBatch();
  }

  private keepable(): boolean {
    return this.rows.length === this.nextRows.length && this.rows.every((r, k) => r === this.nextRows[k]);
  }

  stop(): void {
    for (const t of this.states) t.dispose();
    this.states = [];
    this.data = null;
  }

  private require(): Trainer {
    if (this.states.length === 0) fail('worker.teachNotStarted');
    return this.states[0];
  }

  /** The step on screen: the engine's view of it (teachingStep), with the rows it trains on. */
  private view(): TeachView {
    const t = this.states[this.index];
    const p = this.index;
    const step = t.teachingStep(p);
    let before: TeachLayer | null = null;
    if (step.phase.kind === 'update') before = this.states[p - 1].teachingStep(p - 1).layers[step.phase.layer!];
    let same: boolean | null = null;
    if (p === step.total) {
      const ordinary = this.states[0].clone();
      try {
        ordinary.stepBatch();
        same = sameWeights(ordinary, t);
      } finally {
        ordinary.dispose();
      }
    }
    const d = this.data!;
    return {
      ...step,
      source: this.source,
      rows: this.rows,
      nextRow: this.nextRow,
      keepable: this.keepable(),
      batch: {
        x: transposeRows(d.x, d.rows, d.features),
        y: transposeRows(d.y, d.rows, d.targets),
      },
      spec: t.spec(),
      precision: t.precision,
      iterations: this.states[0].state().iterations,
      before,
      sameAsOrdinaryStep: same,
    };
  }
}

/** The rows the next stepBatch of `main` would train on (main itself is not changed). */
function nextBatchRows(main: Trainer): number[] {
  const probe = main.clone();
  try {
    probe.stepPhase();
    return probe.state().batchIndices;
  } finally {
    probe.dispose();
  }
}

function subset(d: Dataset, rows: number[]): Dataset {
  const x = new Float64Array(rows.length * d.features);
  const y = new Float64Array(rows.length * d.targets);
  rows.forEach((r, j) => {
    x.set(d.x.subarray(r * d.features, (r + 1) * d.features), j * d.features);
    y.set(d.y.subarray(r * d.targets, (r + 1) * d.targets), j * d.targets);
  });
  return { ...d, rows: rows.length, x, y };
}

/** Row-major samples (n x width) as a column-major width x n Mat: one column per sample. */
function transposeRows(v: Float64Array, n: number, width: number) {
  // Sample j's values are v[j * width .. (j + 1) * width), which is already column-major
  // for a width x n matrix.
  return { rows: width, cols: n, data: Float64Array.from(v.subarray(0, n * width)) };
}

function sameWeights(a: Trainer, b: Trainer): boolean {
  const wa = a.weights(), wb = b.weights();
  return wa.every((l, k) => l.W.data.every((v, i) => Object.is(v, wb[k].W.data[i])) && l.b.data.every((v, i) => Object.is(v, wb[k].b.data[i])));
}
