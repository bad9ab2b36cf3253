// The worker's side: one Session owns the engine, the trainer, the data, a checkpoint of the
// last good weights and the play loop. Every request is answered from here; while playing it
// trains in time slices and streams snapshots (see protocol.ts).
import { msg, type Message } from '../i18n';
import { fail, messageOf, postedError } from '../i18n/engine';
import type { loadNeuroStep, NeuroStep, Trainer, TrainerState } from '../engine/neurostep';
import type { Dataset, Evaluation, Mat, ModelSpec, View1D, View2D } from '../lib/types';
import { NEURON_GRID_CELLS } from '../lib/data-view';
import type { FromWorker, Requests, RequestType, RowClasses, Snapshot, ToWorker } from './protocol';
import { TeachingSession } from '../teaching/worker-session';
import { exportKeras, inspectModel } from '../share/engine-side';

/** Milliseconds of training per slice: short enough that pause and ack are handled at once. */
const SLICE_MS = 6;
/** Snapshots are at least this far apart: one per frame of a 60 Hz screen. */
const SNAPSHOT_MS = 15;
/**
 * Slices the worker may train past a snapshot the page has not yet taken. On a machine with
 * few cores the page needs the other core to draw, so Play then trains one slice per frame;
 * with more cores it may run further ahead.
 */
const SLICES_AHEAD = (globalThis.navigator?.hardwareConcurrency ?? 2) > 2 ? 4 : 1;
/** The longest Play waits for the page to take a snapshot before it trains on regardless. */
const PARK_MS = 16;
/** A new checkpoint at most this often (cloning a large model every slice would cost). */
const CHECKPOINT_MS = 200;
const HISTORY_MS = 100;
/**
 * Training counts as diverged, besides NaN or infinity, when the loss grows past this many times
 * its value at the start (or 0.1 when it started lower): sigmoid and softmax outputs with
 * cross-entropy rarely overflow, they only climb.
 */
const EXPLODED_FACTOR = 10;
/** Rows of training and test data predicted for each snapshot (the table shows them). */
const MAX_PREDICTED_ROWS = 5000;

type Post = (message: FromWorker, transfer?: Transferable[]) => void;
type Handler<T extends RequestType> = (payload: Requests[T]['req']) => Requests[T]['res'] | Promise<Requests[T]['res']>;

interface Split {
  train: Dataset;
  test: Dataset;
}

interface PlayState {
  running: boolean;
  stepsPerSecond: number;
  /** Steps earned by the speed control and not yet taken. */
  allowance: number;
  lastTick: number;
}

/** Samples and epochs per second over the last half second or so. */
class RateMeter {
  private start = performance.now();
  private samples = 0;
  private epochs = 0;
  samplesPerSecond = 0;
  epochsPerSecond = 0;

  add(samples: number, epochs: number): void {
    this.samples += samples;
    this.epochs += epochs;
    const now = performance.now();
    const elapsed = now - this.start;
    if (elapsed >= 500) {
      this.samplesPerSecond = (this.samples * 1000) / elapsed;
      this.epochsPerSecond = (this.epochs * 1000) / elapsed;
      this.start = now;
      this.samples = this.epochs = 0;
    }
  }
  clear(): void {
    this.start = performance.now();
    this.samples = this.epochs = 0;
    this.samplesPerSecond = this.epochsPerSecond = 0;
  }
}

export class Session {
  private ns: NeuroStep | null = null;
  private trainer: Trainer | null = null;
  private spec: ModelSpec | null = null;
  private checkpoint: Trainer | null = null;
  private checkpointAt = 0;
  private split: Split | null = null;
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
  private awaitingAck = false;
  /** Training went on since the last snapshot the page got. */
  private dirty = false;
  private postedAt = 0;
  /** Slices trained since the last snapshot was posted. */
  private slicesSincePost = 0;
  /** Play is waiting for the page to take a snapshot before the next slice. */
  private parked = false;
  private stopReason: Message | null = null;
  /** Training loss of the weights training started from (after configure, reset). */
  private startLoss = NaN;
  /** The loss explosion was reported once; Play again continues without stopping again. */
  private explosionReported = false;
  /** Whether the current weights count as diverged: 'nan' cannot train on, 'exploded' can. */
  private divergence: Snapshot['diverged'] = 'no';
  private readonly play: PlayState = { running: false, stepsPerSecond: 0, allowance: 0, lastTick: 0 };
  private readonly meter = new RateMeter();
  /** Smoothed milliseconds per batch, to size the next slice. */
  private msPerBatch = 0.05;
  private sliceTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly tick = new MessageChannel();
  private queue: Promise<void> = Promise.resolve();
  /** Teaching mode's step on a copy of the trainer (see teaching/worker-session.ts). */
  private readonly teaching = new TeachingSession();

  constructor(
    private readonly post: Post,
    private readonly load: typeof loadNeuroStep,
  ) {
    // A MessageChannel message is a zero-delay task: the next slice runs right after any
    // message that arrived meanwhile (pause, ack), without setTimeout's 4 ms clamp.
    this.tick.port1.onmessage = () => this.slice();
  }

  receive(message: ToWorker): void {
    if (message.kind === 'ack') {
      this.awaitingAck = false;
      // The page has the last one: send the next as soon as a frame's time has passed.
      if (this.play.running && this.dirty && performance.now() - this.postedAt >= SNAPSHOT_MS) this.postSnapshot();
      if (this.parked && this.play.running) this.schedule(0);
      return;
    }
    const { id, type, payload } = message;
    // One request at a time, in order (init is the only one that waits).
    this.queue = this.queue.then(async () => {
      try {
        const handler = this.handlers[type] as Handler<typeof type>;
        const result = await handler(payload as never);
        this.post({ kind: 'response', id, ok: true, result });
      } catch (err) {
        this.post({ kind: 'response', id, ok: false, ...postedError(err) });
      }
    });
  }

  private readonly handlers: { [T in RequestType]: Handler<T> } = {
    init: async ({ wasmBase }) => {
      const [glue, binary] = await Promise.all([fetchOk(wasmBase + 'neurostep.js', 'text'), fetchOk(wasmBase + 'neurostep.wasm', 'arrayBuffer')]);
      // The Emscripten script defines createNeuroStepModule as a classic script would; a
      // module worker has no importScripts, so it is evaluated as a function body.
      const factory = new Function(`${glue as string}\nreturn createNeuroStepModule;`)();
      this.ns = await this.load(factory, { wasmBinary: new Uint8Array(binary as ArrayBuffer) });
      return { datasetNames: this.ns.datasetNames() };
    },
    generate: ({ name, count, noise, seed }) => this.engine().generateDataset(name, { count, noise, seed }),
    parseCsv: ({ text, targets = 1 }) => {
      const ns = this.engine();
      const parsed = ns.parseCsv(text, { header: 'auto' });
      if (targets <= 1) return parsed;
      // The last `targets` columns, by 1-based position (the first parse counted the columns).
      const columns = parsed.features + parsed.targets;
      if (targets > columns) fail('worker.csvTargets', { targets, count: columns });
      return ns.parseCsv(text, { header: 'auto', targetColumns: Array.from({ length: targets }, (_, i) => columns - targets + 1 + i) });
    },
    writeCsv: ({ dataset }) => this.engine().writeCsv(dataset),
    configure: ({ data, model, batchSize, view2d, view1d }) => {
      this.stop();
      const ns = this.engine();
      // Without a test share the rows stay in their order (splitDataset would shuffle them).
      const split = !data ? this.split : data.testRatio > 0 ? ns.splitDataset(data.dataset, data.testRatio, data.splitSeed) : { train: data.dataset, test: emptyLike(data.dataset) };
      if (!split) fail('worker.noData');
      const trainer = model ? ns.createTrainer(model.file ?? model.spec, { precision: model.precision, seed: model.seed }) : this.requireTrainer();
      try {
        trainer.setData(split.train, split.test.rows > 0 ? split.test : undefined);
        trainer.setBatchSize(batchSize);
      } catch (err) {
        if (model) trainer.dispose();
        throw data && split.test.rows > 0 ? this.inRowOrder(err, data.dataset, model ?? null) : err;
      }
      if (model) {
        this.trainer?.dispose();
        this.trainer = trainer;
        this.spec = trainer.spec();
        this.historySent = 0;
      }
      this.split = split;
      this.setViews(view2d, view1d);
      this.startAfresh();
      this.meter.clear();
      return { train: split.train, test: split.test, snapshot: this.snapshot() };
    },
    setOptimizer: ({ optimizer }) => {
      const t = this.requireTrainer();
      t.setOptimizer(optimizer);
      this.spec = t.spec();
      return this.snapshot();
    },
    setBatchSize: ({ batchSize }) => {
      this.requireTrainer().setBatchSize(batchSize);
      return this.snapshot();
    },
    reset: ({ seed }) => {
      this.stop();
      this.requireTrainer().reset(seed);
      this.historySent = 0;
      this.startAfresh();
      this.meter.clear();
      return this.snapshot();
    },
    step: ({ unit }) => {
      this.stop();
      const t = this.requireTrainer();
      if (t.state().diverged) fail('worker.diverged');
      const before = performance.now();
      if (unit === 'batch') t.stepBatch();
      else t.stepEpoch();
      this.msPerBatch = (performance.now() - before) / (unit === 'batch' ? 1 : Math.max(1, t.state().batchesPerEpoch));
      this.stopReason = null;
      this.judge();
      return this.snapshot();
    },
    play: ({ stepsPerSecond }) => {
      const t = this.requireTrainer();
      if (t.state().diverged) fail('worker.diverged');
      this.play.running = true;
      this.play.stepsPerSecond = stepsPerSecond;
      this.play.allowance = 0;
      this.play.lastTick = performance.now();
      this.stopReason = null;
      if (this.divergence === 'exploded') this.divergence = 'no';
      this.awaitingAck = false;
      this.meter.clear();
      this.schedule(0);
      return this.snapshot();
    },
    setSpeed: ({ stepsPerSecond }) => {
      this.play.stepsPerSecond = stepsPerSecond;
      this.play.allowance = Math.min(this.play.allowance, 1);
      if (this.play.running) this.schedule(0);
      return null;
    },
    pause: () => {
      this.stop();
      return this.snapshot();
    },
    setWeight: ({ layer, unit, input, value }) => {
      this.requireTrainer().setWeight(layer, unit, input, value);
      this.weightsEdited = true;
      return this.snapshot();
    },
    setBias: ({ layer, unit, value }) => {
      this.requireTrainer().setBias(layer, unit, value);
      this.weightsEdited = true;
      return this.snapshot();
    },
    restore: ({ optimizer }) => {
      this.stop();
      if (!this.checkpoint) fail('worker.noCheckpoint');
      const restored = this.checkpoint.clone();
      try {
        restored.setOptimizer(optimizer);
      } catch (err) {
        restored.dispose();
        throw err;
      }
      this.trainer?.dispose();
      this.trainer = restored;
      this.spec = restored.spec();
      this.trainEval = null;
      this.historySent = 0;
      this.stopReason = null;
      this.divergence = 'no';
      this.explosionReported = false;
      this.meter.clear();
      return this.snapshot();
    },
    spec: () => this.requireTrainer().spec(),
    saveModel: () => this.requireTrainer().toJson(),
    inspectModel: ({ text }) => inspectModel(this.engine(), text),
    exportKeras: (request) => exportKeras(this.engine(), this.requireTrainer(), this.split, request),
    teachStart: ({ source }) => {
      this.stop();
      if (!this.split) fail('worker.noData');
      return this.teaching.start(this.requireTrainer(), this.split.train, source);
    },
    teachGo: ({ index }) => this.teaching.go(index),
    teachCheck: () => this.teaching.gradientCheck(this.engine()),
    teachApply: () => {
      this.stop();
      const split = this.split!;
      const adopted = this.teaching.apply(this.requireTrainer(), split.train, split.test);
      if (adopted) {
        this.trainer?.dispose();
        this.trainer = adopted;
        this.spec = adopted.spec();
      }
      this.weightsEdited = true;
      this.stopReason = null;
      this.judge();
      return this.snapshot();
    },
    teachStop: () => {
      this.teaching.stop();
      return null;
    },
  };

  /**
   * A value the trainer refused in new data split into training and test rows: the message
   * numbers the row within the shuffled split, which the page never showed. The whole data, in
   * the order of the data table (and of an imported CSV's rows), are checked by a throwaway
   * trainer instead, so that the row named is the one to fix. (A model change refused for the
   * data on screen keeps the split's numbering, which the predictions table shows.)
   */
  private inRowOrder(err: unknown, data: Dataset, model: Requests['configure']['req']['model'] | null): unknown {
    const message = err instanceof Error ? err.message : String(err);
    if (!/^(training|test) data: row \d+/.test(message)) return err;
    const source = model ? (model.file ?? model.spec) : this.spec;
    if (!source || !this.ns) return err;
    let probe: Trainer | null = null;
    try {
      probe = this.ns.createTrainer(source, { precision: model?.precision ?? this.trainer?.precision });
      probe.setData(data);
    } catch (inOrder) {
      const text = inOrder instanceof Error ? inOrder.message : String(inOrder);
      if (/^training data: row \d+/.test(text)) return new Error(text.replace(/^training data: /, ''));
    } finally {
      probe?.dispose();
    }
    return err;
  }

  // ---- play -------------------------------------------------------------------------------

  private stop(): void {
    this.play.running = false;
    this.parked = false;
    if (this.sliceTimer !== null) clearTimeout(this.sliceTimer);
    this.sliceTimer = null;
  }

  private schedule(delayMs: number): void {
    if (this.sliceTimer !== null) clearTimeout(this.sliceTimer);
    this.sliceTimer = null;
    if (delayMs <= 0) this.tick.port2.postMessage(null);
    else this.sliceTimer = setTimeout(() => this.slice(), delayMs);
  }

  /** One slice of Play: about SLICE_MS of training, then a snapshot if the page is ready. */
  private slice(): void {
    this.sliceTimer = null;
    this.parked = false;
    if (!this.play.running || !this.trainer) return;
    const t = this.trainer;
    const play = this.play;
    const start = performance.now();
    const unlimited = !Number.isFinite(play.stepsPerSecond);
    if (!unlimited) {
      play.allowance = Math.min(play.allowance + ((start - play.lastTick) / 1000) * play.stepsPerSecond, play.stepsPerSecond * 0.25 + 1);
    }
    play.lastTick = start;

    let diverged = false;
    try {
      const state = t.state();
      const perEpoch = Math.max(1, state.batchesPerEpoch);
      const rowsPerBatch = (b: number) => Math.min(state.batchSize, state.trainSize - b * state.batchSize);
      const budgetSteps = Math.max(1, Math.floor(SLICE_MS / Math.max(this.msPerBatch, 1e-4)));
      let steps = unlimited ? budgetSteps : Math.min(budgetSteps, Math.floor(play.allowance));
      let samples = 0, epochs = 0, batches = 0;
      let batchInEpoch = state.batchInEpoch;
      const deadline = start + SLICE_MS;
      while (steps > 0 && performance.now() < deadline) {
        if (batchInEpoch === 0 && steps >= perEpoch) {
          // Whole epochs in one call: far fewer crossings into the engine than one per batch.
          const n = Math.floor(steps / perEpoch);
          const done = t.trainEpochs(n);
          epochs += done;
          batches += done * perEpoch;
          samples += done * state.trainSize;
          steps -= done * perEpoch;
          if (done < n) {
            diverged = true;
            break;
          }
        } else {
          // stepBatch finishes the batch under way (a Step may have left one half done).
          samples += rowsPerBatch(batchInEpoch);
          t.stepBatch();
          batches += 1;
          steps -= 1;
          if (++batchInEpoch === perEpoch) {
            batchInEpoch = 0;
            epochs += 1;
          }
        }
      }
      if (!unlimited) play.allowance -= batches;
      const elapsed = performance.now() - start;
      if (batches > 0) this.msPerBatch = 0.7 * this.msPerBatch + 0.3 * (elapsed / batches);
      this.meter.add(samples, epochs);
    } catch (err) {
      this.stop();
      this.stopReason = msg('worker.trainingStopped', { message: messageOf(err) });
      this.postSnapshot();
      return;
    }

    this.dirty = true;
    const after = t.state(); // read once: each state() call costs a crossing into the engine
    if (this.judge(after) !== 'no' || diverged) {
      this.stop();
      this.postSnapshot();
      return;
    }
    this.slicesSincePost += 1;
    if (!this.awaitingAck && performance.now() - this.postedAt >= SNAPSHOT_MS) this.postSnapshot(after);
    if (this.awaitingAck && this.slicesSincePost >= SLICES_AHEAD) {
      // Wait for the ack (it schedules the next slice), but not longer than a frame: a page
      // that draws slowly must not stop training.
      this.parked = true;
      this.schedule(PARK_MS);
      return;
    }
    const wait = unlimited || play.allowance >= 1 ? 0 : Math.max(1, ((1 - play.allowance) / play.stepsPerSecond) * 1000);
    this.schedule(Math.min(wait, 250));
  }

  /** New weights or data: the loss they start from is the yardstick of divergence. */
  private startAfresh(): void {
    this.stopReason = null;
    this.divergence = 'no';
    this.explosionReported = false;
    const t = this.requireTrainer();
    this.trainEval = null;
    this.startLoss = this.split ? this.evaluateTrain(t).loss : NaN;
    this.takeCheckpoint(true);
  }

  /**
   * After any training: a checkpoint while the weights are good, or the reason training
   * stopped. Returns whether (and how) it diverged.
   */
  private judge(state?: TrainerState): Snapshot['diverged'] {
    const t = this.requireTrainer();
    state ??= t.state();
    const lr = this.spec?.optimizer.learning_rate;
    const advice = lr ? msg('worker.advice', { lower: formatLr(lr / 10), current: formatLr(lr) }) : msg('worker.adviceNoRate');
    if (state.diverged) {
      this.divergence = 'nan';
      this.stopReason = msg('worker.divergedNaN', { epoch: state.epoch + 1, step: fmtCount(state.iterations), advice });
      return this.divergence;
    }
    const loss = this.split ? this.evaluateTrain(t, state).loss : NaN;
    const limit = EXPLODED_FACTOR * Math.max(this.startLoss, 0.1);
    if (Number.isFinite(this.startLoss) && loss > limit) {
      if (this.explosionReported) return 'no';
      this.explosionReported = true;
      this.divergence = 'exploded';
      this.stopReason = msg('worker.divergedExploded', { from: formatLoss(this.startLoss), to: formatLoss(loss), advice });
      return this.divergence;
    }
    this.takeCheckpoint(false, state);
    return 'no';
  }

  private takeCheckpoint(force: boolean, state?: TrainerState): void {
    const now = performance.now();
    if (!force && now - this.checkpointAt < CHECKPOINT_MS) return;
    const t = this.requireTrainer();
    if ((state ?? t.state()).diverged) return;
    this.checkpoint?.dispose();
    this.checkpoint = t.clone();
    this.checkpointAt = now;
  }

  // ---- snapshots --------------------------------------------------------------------------

  private postSnapshot(state?: TrainerState): void {
    const snapshot = this.snapshot(state);
    this.awaitingAck = true;
    this.dirty = false;
    this.postedAt = performance.now();
    this.slicesSincePost = 0;
    const transfer: Transferable[] = [snapshot.trainOutputs.buffer, snapshot.testOutputs.buffer];
    for (const c of [snapshot.trainClasses, snapshot.testClasses]) transfer.push(c.predicted.buffer, c.actual.buffer);
    if (snapshot.grid) transfer.push(snapshot.grid.buffer);
    if (snapshot.curve) transfer.push(snapshot.curve.buffer);
    for (const g of snapshot.neuronGrids ?? []) transfer.push(g.buffer);
    this.post({ kind: 'snapshot', snapshot }, transfer);
  }

  private snapshot(known?: TrainerState): Snapshot {
    const t = this.requireTrainer();
    const split = this.split!;
    const state = known ?? t.state();
    const now = performance.now();
    let from = this.historySent, records: Snapshot['history']['records'] = [];
    if (!this.play.running || this.historySent === 0 || now - this.historyReadAt >= HISTORY_MS) {
      const history = t.history();
      from = Math.min(this.historySent, history.length);
      records = history.slice(from);
      this.historySent = history.length;
      this.historyReadAt = now;
    }
    const outputWidth = this.spec ? this.spec.layers[this.spec.layers.length - 1].units : 1;
    const predictRows = (d: Dataset): Float64Array => {
      const rows = Math.min(d.rows, MAX_PREDICTED_ROWS);
      if (rows === 0) return new Float64Array(0);
      return Float64Array.from(t.predict(d.x.subarray(0, rows * d.features), rows).data);
    };
    const classesOf = (d: Dataset, outputs: Float64Array): RowClasses =>
      this.engine().classify(outputs, outputWidth, d.y.subarray(0, (outputs.length / outputWidth) * d.targets), d.targets);
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
      train: this.evaluateTrain(t, state),
      test: split.test.rows > 0 ? t.evaluate(split.test) : null,
      trainOutputs,
      testOutputs,
      outputWidth,
      trainClasses: classesOf(split.train, trainOutputs),
      testClasses: classesOf(split.test, testOutputs),
      grid,
      curve,
      neuronGrids: this.neuronGrids(t),
      playing: this.play.running,
      samplesPerSecond: this.meter.samplesPerSecond,
      epochsPerSecond: this.meter.epochsPerSecond,
      diverged: state.diverged ? 'nan' : this.divergence,
      stopReason: this.stopReason,
      canRestore: this.checkpoint !== null,
    };
  }

  /** What every neuron has learned: its activation over a coarse grid (trainer.activations). */
  /** The training data's loss and accuracy, evaluated once per state of the weights. */
  private evaluateTrain(t: Trainer, state = t.state()): Evaluation {
    const e = this.trainEval;
    if (e && e.iterations === state.iterations && e.epoch === state.epoch && !this.weightsEdited) return e.result;
    this.weightsEdited = false;
    const result = t.evaluate(this.split!.train);
    this.trainEval = { iterations: state.iterations, epoch: state.epoch, result };
    return result;
  }

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

  private setViews(view2d: View2D | null, view1d: View1D | null): void {
    this.view2d = view2d;
    this.gridX = view2d ? gridInputs(view2d) : null;
    this.neuronX = view2d ? gridInputs({ ...view2d, n: NEURON_GRID_CELLS }) : null;
    this.view1d = view1d;
    this.curveX = view1d ? curveInputs(view1d) : null;
  }

  private engine(): NeuroStep {
    if (!this.ns) fail('worker.loading');
    return this.ns;
  }

  private requireTrainer(): Trainer {
    if (!this.trainer) fail('worker.noModel');
    return this.trainer;
  }
}

function emptyLike(d: Dataset): Dataset {
  return { ...d, rows: 0, x: new Float64Array(0), y: new Float64Array(0) };
}

async function fetchOk(url: string, as: 'text' | 'arrayBuffer'): Promise<string | ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) fail('worker.fetchFailed', { url, status: response.status });
  return as === 'text' ? response.text() : response.arrayBuffer();
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

function formatLoss(loss: number): string {
  return loss >= 100 ? loss.toExponential(1) : String(Number(loss.toPrecision(2)));
}

const fmtCount = (n: number) => n.toLocaleString('en-US');

function formatLr(lr: number): string {
  return lr >= 0.001 ? String(Number(lr.toPrecision(2))) : lr.toExponential(0);
}
