// The messages of sharing, between the page and the worker (worker/model-io.ts): what a model
// text holds, model files as the engine read them, and the exports (protocol.ts re-exports them).
import type { FullModelSpec as ModelSpec, Precision } from '../engine/neurostep';

/** What a model text holds, as the engine read it. */
export interface ModelInfo {
  spec: ModelSpec;
  precision: Precision;
  seed: number;
  batchSize: number;
}

/**
 * Model files as the engine read them (ns.readModelFiles): the model as a text the page loads as
 * before, a NeuroStep model file or spec as it was, or else the Keras architecture, with the
 * weights in the model file's layout when the files held any.
 */
export interface ReadModelFiles {
  format: string;
  /** The file that holds the model (for the page's title). */
  name: string;
  text: string;
  /** Per layer, the model file's "weights" entry ({kernel, bias} or {gamma, ...}); null: none in the files. */
  weights: unknown[] | null;
  /** The files read, and what could not be used. */
  files: string[];
  notes: string[];
}

/** Files to download, with what the export leaves out. */
export interface ExportedFiles {
  files: { name: string; bytes: Uint8Array; type: string }[];
  notes: string[];
}

export interface KerasExportRequest {
  /** null: the epochs trained so far, or 1000 before any training. */
  epochs: number | null;
  batchSize: number;
  includeWeights: boolean;
}

export interface KerasExport {
  script: string;
  /** writeCsv of the exported rows: what the script reads when `inline` is false. */
  csv: string;
  epochs: number;
  rows: number;
  /** The last rows, held out by validation_split (the playground's test rows). */
  testRows: number;
  inline: boolean;
}
