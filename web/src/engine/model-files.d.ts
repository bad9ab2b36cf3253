// The model files the engine reads and writes (web/src/engine/model-files/): what a file is, what
// reading one gives, and the shapes of the TF.js and PyTorch exports. Re-exported by neurostep.d.ts.
import type { DatasetInput, Trainer } from './neurostep';

/** A file as the user gave it: its name (for messages) and its bytes. */
export interface ModelFile {
  name: string;
  bytes: Uint8Array;
}
export type ModelFormat = 'keras-archive' | 'keras2-h5' | 'keras-json+h5' | 'tfjs-layers-model' | 'keras-json' | 'neurostep-model' | 'spec';
export interface ReadModel {
  trainer: Trainer;
  format: ModelFormat;
  /** What could not be used, said in a sentence each (compile settings, weights drawn from the seed). */
  notes: string[];
  /** The files read. */
  files: string[];
  /** The Keras to_json() document the trainer was made from (with compile_config when used); null for a model file or a spec. */
  architecture: Record<string, unknown> | null;
  /** The weights came from the files (not from the seed). */
  weighted: boolean;
}
/** A weight in Keras's shape, its values in C order (row-major). */
export interface KerasTensor {
  shape: number[];
  data: ArrayLike<number>;
}
export type NestedNumbers = number[] | NestedNumbers[];
/** A TensorFlow.js layers-model's model.json. */
export interface TfjsModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
}
/** trainer.exportPyTorch's options. */
export interface PyTorchExportOptions {
  dataset: DatasetInput;
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  includeWeights?: boolean;
  csvFileName?: string;
  inlineLimit?: number;
}
