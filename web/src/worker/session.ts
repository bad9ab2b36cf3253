// The worker's request dispatch: one Session owns the engine, the trainer and the data, and
// answers every request (protocol.ts) by handing them to the part that does the work: the play
// loop (play-loop.ts), snapshots (snapshot-taker.ts), divergence and its checkpoint (divergence.ts),
// teaching mode (teaching-session.ts), data and model files (data-io.ts, model-io.ts).
import { fail, postedError } from '../i18n/engine';
import type { FullModelSpec as ModelSpec, loadNeuroStep, NeuroStep, PackedSnapshot, Trainer } from '../engine/neurostep';
import { DivergenceWatch } from './divergence';
import { emptyLike, labelsOnly, ownRows, parseCsv } from './data-io';
import { loadEngine } from './load-engine';
import { exportKeras, exportModelFiles, exportPyTorch, inspectModel, readModelFiles } from './model-io';
import { activationCurve } from './activation-curve';
import { PlayLoop } from './play-loop';
import type { FromWorker, Requests, RequestType, Snapshot, ToWorker } from './protocol';
import { FeatureScaling } from './feature-scaling';
import { readTable } from './table-io';
import { layerStates, setLayerStates } from './layer-states';
import { SnapshotTaker, transferables, type Split } from './snapshot-taker';
import { epochIsLong, epochSlices } from './epoch-job';
import { JobRunner } from './sliced-job';
import { TeachingSession } from './teaching-session';
import { ImageSession } from './image-session';

/** Training and test rows an image set's snapshots predict (the predictions table): a frame stays cheap. */
const IMAGE_PREDICTED_ROWS = 200;
import { LandscapeSession } from './landscape-session';
import { raceJob } from './optimizer-race';

type Post = (message: FromWorker, transfer?: Transferable[]) => void;
/** `id`: the request's, for the progress and cancel of a long one (sliced-job.ts). */
type Handler<T extends RequestType> = (payload: Requests[T]['req'], id: number) => Requests[T]['res'] | Promise<Requests[T]['res']>;

export class Session {
  private ns: NeuroStep | null = null;
  private trainer: Trainer | null = null;
  private spec: ModelSpec | null = null;
  private split: Split | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly snapshots = new SnapshotTaker();
  private readonly scaling = new FeatureScaling();
  private readonly watch = new DivergenceWatch();
  private readonly loop = new PlayLoop({
    trainer: () => this.trainer,
    failed: (reason) => (this.watch.stopReason = reason),
    send: () => this.postSnapshot(),
    packMs: () => this.snapshots.packMs,
  });
  /** Teaching mode's step on a copy of the trainer. */
  private readonly teaching = new TeachingSession();
  /** The image sets (digits, fashion_mnist): their pixels stay here. */
  private readonly images = new ImageSession();
  /** The loss landscape's path recording and the undo of its moves. */
  private readonly landscape = new LandscapeSession();
  /** Long work in slices, with progress to the page and cancel from it. */
  private readonly jobs = new JobRunner((id, done, total) => this.post({ kind: 'progress', id, done, total }));

  constructor(
    private readonly post: Post,
    private readonly load: typeof loadNeuroStep,
  ) {}

  receive(message: ToWorker): void {
    if (message.kind === 'frame') {
      this.snapshots.recycle(message.recycled);
      if (message.report) this.loop.frame(message.report);
      return;
    }
    // Outside the queue: answered between two slices of whatever runs.
    if (message.kind === 'ping') {
      this.post({ kind: 'pong' });
      return;
    }
    if (message.kind === 'cancel') {
      this.jobs.cancel(message.id);
      this.images.cancel(message.id);
      return;
    }
    const { id, type, payload } = message;
    // One request at a time, in order (init is the only one that waits).
    this.queue = this.queue.then(async () => {
      try {
        const handler = this.handlers[type] as Handler<typeof type>;
        const result = await handler(payload as never, id);
        this.post({ kind: 'response', id, ok: true, result }, transferables(result));
      } catch (err) {
        this.post({ kind: 'response', id, ok: false, ...postedError(err) });
      }
    });
  }

  private readonly handlers: { [T in RequestType]: Handler<T> } = {
    init: async ({ wasmBase }) => {
      this.ns = await loadEngine(this.load, wasmBase);
      return { datasetNames: this.ns.datasetNames(), catalogue: this.ns.catalogue() };
    },
    generate: ({ name, count, noise, seed }) => this.engine().generateDataset(name, { count, noise, seed }),
    parseCsv: ({ text, targets = 1 }) => parseCsv(this.engine(), text, targets),
    readTable: ({ text, options }) => readTable(this.engine(), text, options),
    writeCsv: ({ dataset }) => this.engine().writeCsv(dataset),
    configure: ({ data, model, batchSize, view2d, view1d }) => {
      this.loop.stop();
      const ns = this.engine();
      // Without a test share the rows stay in their order (splitDataset would shuffle them).
      const given = !data ? null : data.images ? this.images.dataFor(ns, data.testRatio, data.splitSeed) : data.testRatio > 0 ? ns.splitDataset(data.dataset, data.testRatio, data.splitSeed) : { train: data.dataset, test: emptyLike(data.dataset) };
      if (!given && !this.split) fail('worker.noData');
      // New data: its scaling fitted on its training rows; otherwise the split already scaled.
      const fitted = given ? this.scaling.fit(ns, given, data?.scaling) : null;
      const split = fitted ? fitted.split : this.split!;
      const trainer = model ? ns.createTrainer(model.file ?? model.spec, { precision: model.precision, seed: model.seed }) : this.requireTrainer();
      try {
        trainer.setData(split.train, split.test.rows > 0 ? split.test : undefined);
        trainer.setBatchSize(batchSize);
      } catch (err) {
        if (model) trainer.dispose();
        throw err; // new rows split for a test share are named by their row in the data (sourceRows)
      }
      if (model) {
        this.trainer?.dispose();
        this.trainer = trainer;
        this.spec = trainer.spec();
        this.snapshots.resendHistory();
      }
      fitted?.commit();
      // Kept without their source rows: a later refusal (a model change) names the training rows
      // as the predictions table numbers them.
      this.split = { train: ownRows(split.train), test: ownRows(split.test) };
      const images = data ? Boolean(data.images) : this.images.active;
      this.images.setSplit(images ? this.split : null);
      this.snapshots.setViews(ns, this.split, view2d, view1d, images ? IMAGE_PREDICTED_ROWS : undefined, (x, rows) => this.scaling.inputs(ns, x, rows));
      const packed = this.startAfresh();
      this.loop.meter.clear();
      // An image set's pixels stay here: the page gets its labels (imageRows draws the images).
      const shown = images ? { train: labelsOnly(this.split.train), test: labelsOnly(this.split.test) } : this.scaling.shown(this.split);
      return { ...shown, snapshot: this.toSnapshot(packed) };
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
      this.loop.stop();
      this.requireTrainer().reset(seed);
      this.snapshots.resendHistory();
      const packed = this.startAfresh();
      this.loop.meter.clear();
      return this.toSnapshot(packed);
    },
    step: async ({ unit }, id) => {
      this.loop.stop();
      const t = this.requireTrainer();
      if (t.state().diverged) fail('worker.diverged');
      const before = performance.now();
      if (unit === 'batch') t.stepBatch();
      else if (!epochIsLong(this.spec!, t.state().trainSize)) t.stepEpoch();
      else await this.sliceEpoch(t, id);
      this.loop.measured(performance.now() - before, unit === 'batch' ? 1 : t.state().batchesPerEpoch);
      this.watch.stopReason = null;
      return this.judged();
    },
    play: ({ stepsPerSecond }) => {
      const t = this.requireTrainer();
      if (t.state().diverged) fail('worker.diverged');
      this.watch.resume();
      this.loop.start(stepsPerSecond);
      return this.snapshot();
    },
    setSpeed: ({ stepsPerSecond }) => {
      this.loop.setSpeed(stepsPerSecond);
      return null;
    },
    pause: () => {
      this.loop.stop();
      return this.snapshot();
    },
    setWeight: ({ layer, unit, input, value }) => {
      this.requireTrainer().setWeight(layer, unit, input, value);
      return this.snapshot();
    },
    setBias: ({ layer, unit, value }) => {
      this.requireTrainer().setBias(layer, unit, value);
      return this.snapshot();
    },
    restore: ({ optimizer }) => {
      this.loop.stop();
      return this.replaceTrainer(this.watch.restore(optimizer));
    },
    setWeights: ({ weights }) => {
      this.loop.stop();
      this.requireTrainer().setWeights(weights.map(({ W, b }) => ({ W, b: { rows: b.length, cols: 1, data: b } })));
      return this.toSnapshot(this.startAfresh());
    },
    layerStates: () => layerStates(this.requireTrainer()),
    setLayerStates: ({ layers }) => {
      this.loop.stop();
      setLayerStates(this.requireTrainer(), layers);
      return this.toSnapshot(this.startAfresh());
    },
    spec: () => this.requireTrainer().spec(),
    memory: () => ({ ...this.engine().memoryStats(), trainMsPerFrame: this.loop.pacer.budgetMs, packMs: this.snapshots.packMs }),
    saveModel: () => {
      const trainer = this.requireTrainer();
      return { text: this.scaling.intoModel(this.engine(), trainer.toJson()), optimizerStateLeftOut: !trainer.optimizerStateSavable() };
    },
    inspectModel: ({ text }) => inspectModel(this.engine(), text),
    activationCurve: ({ name, from, to, points }) => activationCurve(this.engine(), name, from, to, points),
    exportKeras: (request) => {
      // The raw rows and a script that scales them as the trainer's were.
      const ns = this.engine();
      const out = exportKeras(ns, this.requireTrainer(), this.split && this.scaling.shown(this.split), request);
      return { ...out, script: this.scaling.intoKeras(ns, out.script) };
    },
    readModelFiles: ({ files }) => readModelFiles(this.engine(), files),
    exportPyTorch: (request) => exportPyTorch(this.engine(), this.requireTrainer(), this.split, request),
    exportModelFiles: ({ format }) => exportModelFiles(this.requireTrainer(), format),
    teachStart: ({ source }) => {
      this.loop.stop();
      if (!this.split) fail('worker.noData');
      return this.teaching.start(this.requireTrainer(), this.split.train, source);
    },
    teachGo: ({ index }) => this.teaching.go(index),
    // The phases of a batch in the engine's order, for a lesson's step list (reads, changes nothing).
    teachPhases: () => this.requireTrainer().teachingStep(0).phases,
    teachLandscape: ({ options }) => this.teaching.surface(options),
    teachTerms: ({ layer, sample }) => this.teaching.terms(layer, sample),
    teachCheck: (_, id) => this.jobs.run(id, this.teaching.checkJob(this.engine())),
    teachApply: () => {
      this.loop.stop();
      this.teaching.apply(this.requireTrainer());
      this.watch.stopReason = null;
      return this.judged();
    },
    loadImages: (request, id) => this.images.load(this.engine(), request, id, (done, total) => this.post({ kind: 'progress', id, done, total })),
    imageRows: (request) => this.images.rows(request),
    imageClasses: (request) => this.images.classes(this.engine(), this.requireTrainer(), request),
    predictDrawing: (request) => this.images.predictDrawing(this.requireTrainer(), request),
    teachStop: () => {
      this.teaching.stop();
      return null;
    },
    landscape: ({ options }) => this.landscape.surface(this.requireTrainer(), options),
    landscapeMove: ({ options, x, y }) => {
      this.landscape.move(this.requireTrainer(), options, x, y);
      return this.toSnapshot(this.startAfresh());
    },
    landscapeUndo: () => this.replaceTrainer(this.landscape.takeBack(this.requireTrainer())),
    lrSweep: (options) => this.requireTrainer().lrSweep(options),
    race: (request, id) => this.jobs.run(id, raceJob(this.requireTrainer(), request)),
  };

  /** Another trainer takes over (a restored checkpoint, an undone move): the old one is freed. */
  private replaceTrainer(next: Trainer): Snapshot {
    this.trainer?.dispose();
    this.trainer = next;
    this.spec = next.spec();
    this.snapshots.resendHistory();
    this.loop.meter.clear();
    return this.snapshot();
  }

  /** A long epoch in slices; cancelled (or failed), the trainer is put back as it was before it. */
  private async sliceEpoch(t: Trainer, id: number): Promise<void> {
    const saved = t.clone();
    try {
      await this.jobs.run(id, epochSlices(t));
    } catch (err) {
      this.trainer = saved;
      t.dispose();
      throw err;
    }
    saved.dispose();
  }

  /** New weights or data: the loss they start from is the yardstick of divergence. */
  private startAfresh(): PackedSnapshot {
    const t = this.requireTrainer();
    const packed = this.snapshots.pack(t);
    this.watch.startAfresh(t, packed.train.loss);
    return packed;
  }

  /** Checkpoint or divergence (divergence.ts), from the snapshot of the weights training left. */
  private judge(packed: PackedSnapshot): Snapshot['diverged'] {
    return this.watch.judge(this.requireTrainer(), packed, () => packed.train.loss, this.spec?.optimizer.learning_rate);
  }

  /** The snapshot after a step, judged first (the page shows the verdict). */
  private judged(): Snapshot {
    const packed = this.snapshots.pack(this.requireTrainer());
    this.judge(packed);
    return this.toSnapshot(packed);
  }

  /** The snapshot Play streams: judged (a diverged run stops), then posted with its buffer. */
  private postSnapshot(): void {
    const packed = this.snapshots.pack(this.requireTrainer());
    if (this.loop.running && this.judge(packed) !== 'no') this.loop.stop();
    this.loop.posted();
    this.post({ kind: 'snapshot', snapshot: this.toSnapshot(packed) }, [packed.arrays.f64.buffer]);
  }

  private snapshot(): Snapshot {
    return this.toSnapshot(this.snapshots.pack(this.requireTrainer()));
  }

  private toSnapshot(packed: PackedSnapshot): Snapshot {
    return this.snapshots.toSnapshot(packed, {
      playing: this.loop.running,
      samplesPerSecond: this.loop.meter.samplesPerSecond,
      epochsPerSecond: this.loop.meter.epochsPerSecond,
      diverged: this.watch.kind,
      stopReason: this.watch.stopReason,
      canRestore: this.watch.canRestore,
      trainMsPerFrame: this.loop.pacer.budgetMs,
    });
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
