// The messages between the page and the training worker.
//
//   page -> worker   {kind: 'request', id, type, payload}    one of the Requests below
//   worker -> page   {kind: 'response', id, ok, result | error}
//   worker -> page   {kind: 'snapshot', snapshot}            while playing, at most one per frame
//   page -> worker   {kind: 'frame', report, recycled}       "showed a frame, send the next";
//                                                            buffers of snapshots it is done with
//   worker -> page   {kind: 'progress', id, done, total}     how far a long request has come
//   page -> worker   {kind: 'cancel', id}                    stop that request's job (sliced-job.ts)
//   page -> worker   {kind: 'ping'}, worker -> page {kind: 'pong'}   the heartbeat (state/watchdog.ts)
//
// Requests are answered in the order they arrive. A request that fails leaves the engine as
// it was and answers with the core's message. While Play runs, the worker trains in short
// time slices and, after the slice under way, posts one packed snapshot for each animation
// frame the page reports (worker/frame-pacer.ts): the page draws a new picture every frame
// while training goes on, and no snapshot waits for the one before it to be acknowledged.
// Every snapshot's numbers share one buffer (engine/snapshot.js), transferred, not copied, and
// handed back in a later 'frame' message to be filled again.
import type { Message } from '../i18n';
import type { Catalogue, Dataset, EpochRecord, Evaluation, FullModelSpec, KerasTensor, Mat, MemoryStats, Phase, Precision, SnapshotArrays } from '../engine/neurostep';
import type { TeachGradientCheck, TeachSource, TeachTerms, TeachView } from './teach-protocol';
import type { ImageRequests } from './image-protocol';
import type { TableRequests } from './table-protocol';
import type { LandscapeView, LossSurface, LrSweep, SurfaceOptions, SweepOptions } from './landscape-protocol';
import type { RaceRequest, RaceResult } from './optimizer-race';
import type { ExportedFiles, KerasExport, KerasExportRequest, ModelInfo, ReadModelFiles } from './model-io-protocol';

type ModelSpec = FullModelSpec;
type FullOptimizerSpec = FullModelSpec['optimizer'];

/** The rectangle of input space the 2-D plots show, and the grid predicted over it. */
export interface View2D {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** Grid cells per side. */
  n: number;
}

/** The x range of the 1-D curve plot (one input, one output). */
export interface View1D {
  xMin: number;
  xMax: number;
  n: number;
}

// NEURON_GRID_CELLS, the export's file names and INLINE_ROWS: shared/constants.ts.

/** f(z) and f'(z) of one activation at each z (worker/activation-curve.ts), the engine's. */
export interface ActivationCurve {
  z: Float64Array;
  f: Float64Array;
  df: Float64Array;
}

export type FeatureScalingKind = 'none' | 'standardize' | 'min_max';

export interface DataPart {
  /** With `images`, the page's stand-in (labels only): the worker uses the image set it keeps. */
  dataset: Dataset;
  images?: boolean;
  /** The features scaled with the training rows' statistics (worker/feature-scaling.ts); none when left out. */
  scaling?: FeatureScalingKind;
  testRatio: number;
  splitSeed: number;
}
export interface ModelPart {
  spec: ModelSpec;
  /** A model file's text (share/model-load.ts): the trainer is read from it instead of `spec`. */
  file?: string;
  precision: Precision;
  seed: number;
}

export interface Requests extends ImageRequests, TableRequests {
  /** Loads the engine: `wasmBase` is the address of the folder with neurostep.js and .wasm. */
  init: { req: { wasmBase: string }; res: { datasetNames: string[]; catalogue: Catalogue } };
  generate: { req: { name: string; count: number; noise: number; seed: number }; res: Dataset };
  /** `targets`: how many of the last columns are targets (default 1, the last column). */
  parseCsv: { req: { text: string; targets?: number }; res: Dataset };
  writeCsv: { req: { dataset: Dataset }; res: string };
  /**
   * New data and/or a new model, all or nothing: a new trainer is built when `model` is given
   * (new weights from its seed), the data are split and set, and on any error the worker
   * keeps what it had.
   */
  configure: {
    req: { data?: DataPart; model?: ModelPart; batchSize: number; view2d: View2D | null; view1d: View1D | null };
    res: { train: Dataset; test: Dataset; snapshot: Snapshot };
  };
  setOptimizer: { req: { optimizer: FullOptimizerSpec }; res: Snapshot };
  setBatchSize: { req: { batchSize: number }; res: Snapshot };
  /** New weights from the seed; history and optimizer state start afresh. */
  reset: { req: { seed: number }; res: Snapshot };
  step: { req: { unit: 'batch' | 'epoch' }; res: Snapshot };
  play: { req: { stepsPerSecond: number }; res: Snapshot };
  setSpeed: { req: { stepsPerSecond: number }; res: null };
  pause: { req: Record<string, never>; res: Snapshot };
  setWeight: { req: { layer: number; unit: number; input: number; value: number }; res: Snapshot };
  setBias: { req: { layer: number; unit: number; value: number }; res: Snapshot };
  /** Back to the checkpoint of the last epoch whose loss was finite, with this optimizer. */
  restore: { req: { optimizer: FullOptimizerSpec }; res: Snapshot };
  /** The model as the engine holds it (the debug hook window.__neurostep.spec()). */
  spec: { req: Record<string, never>; res: ModelSpec };
  /** The engine's memory and Play's pacing (the debug hook window.__neurostep.memory(), for the soak tests). */
  memory: { req: Record<string, never>; res: MemoryStats & { trainMsPerFrame: number; packMs: number } };
  /** The model file of the trainer (trainer.toJson()). */
  saveModel: { req: Record<string, never>; res: { text: string; optimizerStateLeftOut: boolean } };
  /** What a model text holds (spec, precision, seed, batch size), read by the engine; nothing is kept. */
  inspectModel: { req: { text: string }; res: ModelInfo };
  /** f(z) and f'(z) of an activation over [from, to] (activation-curve.ts), the engine's. */
  activationCurve: { req: { name: string; from: number; to: number; points: number }; res: ActivationCurve };
  /** The model as a Keras script, with the CSV of its data (worker/model-io.ts). */
  exportKeras: { req: KerasExportRequest; res: KerasExport };
  /** The model as a PyTorch script, with the CSV of its data (worker/model-io.ts); it trains on the training rows. */
  exportPyTorch: { req: KerasExportRequest; res: KerasExport };
  /** The model as a Keras 3 .keras archive, or a TF.js layers-model (model.json and weights.bin). */
  exportModelFiles: { req: { format: 'keras' | 'tfjs' }; res: ExportedFiles };
  /** Model files as Keras and TF.js write them (.keras, .h5, model.json and shards), read by the engine into a model text; nothing is kept. */
  readModelFiles: { req: { files: { name: string; bytes: Uint8Array }[] }; res: ReadModelFiles };
  /**
   * Teaching mode (worker/teaching-session.ts): one training step, phase by phase, on a
   * copy of the trainer; `source` null means the first row of the batch Step would take next.
   */
  teachStart: { req: { source: TeachSource | null }; res: TeachView };
  /** To step `index` of the sequence (0 .. 3L + 1), back or forward. */
  teachGo: { req: { index: number }; res: TeachView };
  teachPhases: { req: Record<string, never>; res: Phase[] };
  /** The terms W(j, i) * aPrev(i, sample) that Dense layer `layer`'s z sums, as the engine computed them at the step on screen. */
  teachTerms: { req: { layer: number; sample: number }; res: TeachTerms };
  /**
   * The bounded gradient check (trainer.gradientCheckJob) in float64 at the weights the teaching
   * step started from, in slices with progress; cancel leaves everything as it was.
   */
  teachCheck: { req: Record<string, never>; res: TeachGradientCheck };
  /** After the engine restarted (state/recovery.ts): the weights the page last drew. */
  setWeights: { req: { weights: { W: Mat; b: Float64Array }[] }; res: Snapshot };
  /**
   * Every layer's weights by Keras's names (trainer.layerWeights), BatchNormalization's moving
   * statistics and PReLU's alpha included, which the snapshot's Dense weights leave out: what
   * state/recovery.ts keeps of a model with such layers.
   */
  layerStates: { req: Record<string, never>; res: LayerState[] };
  /** After the engine restarted: the layer states kept (each layer's weights set, checked first). */
  setLayerStates: { req: { layers: LayerState[] }; res: Snapshot };
  /** The trainer takes the finished teaching step (weights and optimizer state). */
  teachApply: { req: Record<string, never>; res: Snapshot };
  teachStop: { req: Record<string, never>; res: null };
  /** The loss landscape through the weights the teaching step starts from, over its rows (teaching-session.ts). */
  teachLandscape: { req: { options: SurfaceOptions }; res: LossSurface };
  /** The loss landscape through the weights now (worker/landscape-session.ts); the trainer is unchanged. */
  landscape: { req: { options: SurfaceOptions }; res: LandscapeView };
  /** Moves the weights to (x, y) of the slice (undoable). */
  landscapeMove: { req: { options: SurfaceOptions; x: number; y: number }; res: Snapshot };
  /** Takes back the last move on the map: the trainer as it was before it. */
  landscapeUndo: { req: Record<string, never>; res: Snapshot };
  /** The learning-rate range test from the weights now; the trainer is unchanged. */
  lrSweep: { req: SweepOptions; res: LrSweep };
  /** Copies of the trainer with other optimizers train the same epochs on the same batches (worker/optimizer-race.ts). */
  race: { req: RaceRequest; res: RaceResult };
}
export type RequestType = keyof Requests;

/** One layer's weights by Keras's names and shapes (empty for a layer without weights). */
export type LayerState = Record<string, KerasTensor>;

export type ToWorker =
  | { kind: 'request'; id: number; type: RequestType; payload: unknown }
  | { kind: 'frame'; report: FrameReport | null; recycled: SnapshotArrays[] }
  | { kind: 'cancel'; id: number }
  | { kind: 'ping' };

/** The page's animation frames while playing: one report per frame that showed a new snapshot. */
export interface FrameReport {
  /** Milliseconds since the frame before. */
  intervalMs: number;
  /** The display's interval, as the page measures it (the shortest of its recent frames). */
  displayMs: number;
  /** The frame came later than the display's rate: the page's thread did not get the CPU it needed. */
  late: boolean;
}

export type FromWorker =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: string; message?: Message }
  | { kind: 'snapshot'; snapshot: Snapshot }
  | { kind: 'progress'; id: number; done: number; total: number }
  | { kind: 'pong' }
  | { kind: 'fatal'; error: string };

/** Everything the page draws, taken from the engine at one moment. */
export interface Snapshot {
  /** Increases with every snapshot the worker sends. */
  seq: number;
  epoch: number;
  /** Optimizer steps (batches) taken since the weights were drawn. */
  iterations: number;
  batchInEpoch: number;
  batchesPerEpoch: number;
  batchSize: number;
  trainSize: number;
  testSize: number;
  /** history[from ...]: the page drops what it has from `from` on and appends `records`. */
  history: { from: number; records: EpochRecord[] };
  weights: { W: Mat; b: Float64Array }[];
  /** The current weights evaluated by the engine (test: null without test data). */
  train: Evaluation;
  test: Evaluation | null;
  /** predict() on the training and test rows: rows x outputWidth, row-major. */
  trainOutputs: Float64Array;
  testOutputs: Float64Array;
  outputWidth: number;
  /** The class each predicted row says and the class its target says (engine's classify). */
  trainClasses: RowClasses;
  testClasses: RowClasses;
  /** predict() over view2d's grid, row by row from the top: n * n * outputWidth values. */
  grid: Float32Array | null;
  /** predict() along view1d: n * outputWidth values. */
  curve: Float32Array | null;
  /**
   * Activations of every unit over a coarse grid on view2d (NEURON_GRID_CELLS per side): per
   * layer, output layer included, units * cells values (unit by unit), from
   * trainer.activations. Null without a 2-D view.
   */
  neuronGrids: Float32Array[] | null;
  playing: boolean;
  samplesPerSecond: number;
  epochsPerSecond: number;
  /**
   * 'nan': a loss or weight is NaN or infinite and the engine cannot train on; 'exploded': the
   * loss grew far above where it started (training may go on); 'no' otherwise.
   */
  diverged: 'no' | 'exploded' | 'nan';
  /** Why training stopped on its own, for the page to show. */
  /** Why training stopped, said in the page's language when shown. */
  stopReason: Message | null;
  canRestore: boolean;
  /** Milliseconds Play may train between two frames (Infinity: no limit; worker/frame-pacer.ts). */
  trainMsPerFrame: number;
  /** The buffer every array above is a view on: hand it back in a 'frame' message when done. */
  arrays: SnapshotArrays;
}

/** One class per row, by Keras's accuracy rule: what the outputs say and what the target says. */
export interface RowClasses {
  predicted: Int32Array;
  actual: Int32Array;
}

// ---- sharing: model files and Export to Keras (model-io-protocol.ts) ------------------------
export type { ExportedFiles, KerasExport, KerasExportRequest, ModelInfo, ReadModelFiles } from './model-io-protocol';
