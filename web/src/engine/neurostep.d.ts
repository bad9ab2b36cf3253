// Types of the engine wrapper (neurostep.js); README.md beside it describes each call. The
// values it passes are in values.d.ts, model-spec.d.ts and training-state.d.ts, re-exported here.
import type { PackedSnapshot, SnapshotArrays, SnapshotPlan, SnapshotPlanOptions } from './snapshot';
export type { PackedSnapshot, SnapshotArrays, SnapshotPlan, SnapshotPlanOptions } from './snapshot';
export type { LossSurface, LrSweep, PlanePoint, SurfaceOptions, SweepOptions, WeightChoice, WeightPath } from './landscape';

export type { Mat, Dataset, DatasetInput, Numbers } from './values';
import type { Mat, Dataset, DatasetInput, Numbers } from './values';
export type { Precision, LayerSpec, OptimizerSpec, ModelSpec, FullModelSpec } from './model-spec';
import type { Precision, OptimizerSpec, ModelSpec, FullModelSpec } from './model-spec';
export type { PhaseKind, Phase, TrainerState, LayerTrace, LossTrace, EpochRecord, LayerWeights, LayerGradientCheck, Evaluation, MemoryStats, GradientCheckReport } from './training-state';
import type { TrainerState, LayerTrace, LossTrace, EpochRecord, LayerWeights, LayerGradientCheck, Evaluation, MemoryStats, GradientCheckReport } from './training-state';

// The engine's names, as types generated from its catalogue (scripts/catalogue.mjs).
export type { Activation, Initializer, LossName, OptimizerName } from './names';
import type { Activation, Initializer, LossName, OptimizerName } from './names';
export type { Catalogue, OptimizerField, StepLayer, TeachingStep } from './views';
import type { Catalogue, TeachingStep } from './views';

/** trainer.exportKeras's options: what the script's fit() gets, and where its data come from. */
export interface KerasExportOptions {
  /** Written into the script (inline, or as the CSV it reads). */
  dataset: DatasetInput;
  /** Default 1000. */
  epochs?: number;
  /** Default: the trainer's. */
  batchSize?: number;
  /** fit()'s validation_split in [0, 1): Keras holds out the last rows. Default 0. */
  validationSplit?: number;
  /** Default: the trainer's. */
  shuffle?: boolean;
  /** model.set_weights([...]) with the current weights. Default false. */
  includeWeights?: boolean;
  /** The CSV the script reads when the data are not inline (writeCsv's layout). Default 'data.csv'. */
  csvFileName?: string;
  /** Rows written into the script; more are read from csvFileName. Default 200. */
  inlineLimit?: number;
}

/** Thrown by every method; the message is the engine's. */
export class NeuroStepError extends Error {
  /** The stable id of a message the core knows (cpp/core/error.hpp), with its arguments. */
  readonly id?: string;
  readonly args?: Readonly<Record<string, string>>;
}

export type { ModelFile, ModelFormat, ReadModel, KerasTensor, NestedNumbers, TfjsModelJson, PyTorchExportOptions } from './model-files';
import type { ModelFile, ModelFormat, ReadModel, KerasTensor, NestedNumbers, TfjsModelJson, PyTorchExportOptions } from './model-files';

export interface LoadOptions {
  /** neurostep.wasm's bytes; Node must pass them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch neurostep.wasm from when wasmBinary is not given. */
  locateFile?: (file: string, scriptDirectory: string) => string;
}

export function loadNeuroStep(factory: (options: object) => Promise<unknown>, options?: LoadOptions): Promise<NeuroStep>;

export type { DescribedDataset, TableOptions, TableNotice, TableResult, Preprocessing, TaskChoice, ImageSetInfo } from './data-types';
import type { DescribedDataset, TableOptions, TableNotice, TableResult, Preprocessing, TaskChoice, ImageSetInfo } from './data-types';

export class NeuroStep {
  private constructor(module: unknown);
  datasetNames(): string[];
  generateDataset(name: string, options?: { count?: number; noise?: number; seed?: number }): Dataset;
  parseCsv(
    text: string,
    options?: { header?: 'auto' | 'yes' | 'no'; targetColumns?: (string | number)[]; featureColumns?: (string | number)[] },
  ): Dataset;
  writeCsv(d: DatasetInput): string;
  splitDataset(d: DatasetInput, testRatio: number, seed?: number): { train: Dataset; test: Dataset };
  /** The class each row's outputs and targets say, by Keras's accuracy rule (one per row). */
  classify(outputs: ArrayLike<number>, width: number, y: ArrayLike<number>, targets: number): { predicted: Int32Array; actual: Int32Array };
  createTrainer(model: ModelSpec | import('./layers').LayersModelSpec | string, options?: { precision?: Precision; seed?: number }): Trainer;
  /** A trainer for model files as Keras and TF.js write them, recognised by content (model-files/). */
  loadModelFiles(files: ModelFile[], options?: { precision?: Precision; seed?: number }): Promise<Trainer>;
  /** As loadModelFiles, with the format read, the files used and notes. */
  readModelFiles(files: ModelFile[], options?: { precision?: Precision; seed?: number }): Promise<ReadModel>;
  readTable(text: string, options?: TableOptions): TableResult;
  fitScaling(train: DatasetInput, kind: 'none' | 'standardize' | 'min_max'): Preprocessing;
  applyScaling(p: Preprocessing, d: DatasetInput): DescribedDataset;
  scaleInputs(p: Preprocessing, x: ArrayLike<number>, rows: number): Float64Array;
  adviseScaling(d: DatasetInput): { recommended: 'none' | 'standardize'; why: string };
  modelPreprocessing(modelText: string): Preprocessing;
  withPreprocessing(modelText: string, p: Preprocessing): string;
  withKerasPreprocessing(script: string, p: Preprocessing): string;
  pickTask(d: DatasetInput): TaskChoice;
  imageDatasetNames(): string[];
  imageDatasetInfo(name: string): ImageSetInfo;
  loadImageDataset(name: string, trainBytes: Uint8Array, testBytes?: Uint8Array | null, count?: number): { train: DescribedDataset; test: DescribedDataset };
  fetchImageDataset(
    name: string,
    options?: { baseUrl?: string | URL; full?: boolean; ownTest?: boolean; count?: number; fetch?: typeof fetch },
  ): Promise<{ train: DescribedDataset; test: DescribedDataset }>;
  /** What packed snapshots keep from frame to frame (snapshot.d.ts). */
  snapshotPlan(options: SnapshotPlanOptions): SnapshotPlan;
  catalogue(): Catalogue;
  memoryStats(): MemoryStats;
}

export class Trainer {
  private constructor(module: unknown, handle: unknown);
  readonly precision: Precision;
  spec(): FullModelSpec;
  toJson(): string;
  /** Whether toJson keeps the optimizer state (false: it is not finite and is left out). */
  optimizerStateSavable(): boolean;
  exportKeras(options: KerasExportOptions): string;
  /** A runnable PyTorch script (cpp/core/pytorch_export.hpp). */
  exportPyTorch(options: PyTorchExportOptions): string;
  /** A TF.js layers-model: model.json (an object) and the bytes of its one shard. */
  exportTfjs(options?: { weightsFile?: string }): { modelJson: TfjsModelJson; weights: Uint8Array };
  /** The bytes of a Keras 3 .keras archive. */
  exportKerasArchive(): Promise<Uint8Array>;
  /** Layer l's weights by Keras's names, in Keras's shapes (kernel: [inputs, units]), data in C order. */
  layerWeights(l: number): Record<string, KerasTensor>;
  /** Sets some or all of layer l's weights by Keras's names; all checked before any is set. */
  setLayerWeights(l: number, weights: Record<string, KerasTensor | NestedNumbers | Numbers>): void;
  setData(train: DatasetInput, test?: DatasetInput | null): void;
  setBatchSize(n: number): void;
  setShuffle(shuffle: boolean): void;
  setOptimizer(optimizer: OptimizerSpec): void;
  setLearningRate(lr: number): void;
  reset(seed: number): void;
  stepPhase(): void;
  stepBatch(): void;
  stepEpoch(): boolean;
  trainEpochs(n: number): number;
  state(): TrainerState;
  layerTrace(layer: number): LayerTrace;
  lossTrace(): LossTrace;
  teachingStep(done: number): TeachingStep;
  /** Dense layer l's terms W(j, i) * aPrev(i, sample) of its last forward (units x inputs): the products each z sums. */
  forwardTerms(layer: number, sample: number): Mat;
  history(): EpochRecord[];
  gradientCheck(): LayerGradientCheck[];
  /** Layer l of any kind (layers.d.ts). */
  layer(l: number): import('./layers').AnyLayerView;
  layers(): import('./layers').AnyLayerView[];
  /** Every trained weight of every kind, and dL/dX of the batch's inputs. */
  gradientCheckAll(): import('./layers').GradientCheckAll;
  gradientCheckJob(options?: { budget?: number; directions?: number; seed?: number }): GradientCheckJob;
  weights(): LayerWeights[];
  setWeights(layers: { W: { rows: number; cols: number; data: Numbers }; b: { rows: number; cols: number; data: Numbers } }[]): void;
  setWeight(layer: number, unit: number, input: number, value: number): void;
  setBias(layer: number, unit: number, value: number): void;
  predict(x: Numbers, rows: number): Mat;
  activations(x: Numbers, rows: number): Mat[];
  evaluate(d: DatasetInput): Evaluation;
  /** Everything the page draws in one call and one buffer; `reuse` a snapshot's arrays to fill again. */
  snapshot(plan: SnapshotPlan, options?: { historyFrom?: number; reuse?: SnapshotArrays | null }): PackedSnapshot;
  /** The loss over a 2-D slice of weight space through the weights (landscape.d.ts); the trainer is unchanged. */
  lossSurface(options?: import('./landscape').SurfaceOptions): import('./landscape').LossSurface;
  /** Moves the weights to (x, y) of that slice through the current weights; the path starts again there. */
  moveOnSurface(options: import('./landscape').SurfaceOptions, x: number, y: number): void;
  /** The learning-rate range test from the current weights; the trainer is unchanged. */
  lrSweep(options?: import('./landscape').SweepOptions): import('./landscape').LrSweep;
  /** Keeps the weights after each of the last `capacity` steps (0 stops; at most 1000). */
  recordPath(capacity: number): void;
  weightPath(): import('./landscape').WeightPath;
  clone(): Trainer;
  dispose(): void;
}

export class GradientCheckJob {
  runFor(maxPasses: number, maxSeconds: number): { done: number; total: number };
  report(): GradientCheckReport;
  dispose(): void;
}
