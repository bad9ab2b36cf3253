// Data as the engine reads it: tables with their notices, scaling, the task it picks and the
// image sets (web/src/engine/data.js). Re-exported by neurostep.d.ts.
import type { Activation, LossName } from './names';
import type { Dataset } from './neurostep';

/** A dataset with what its values mean: class names (a class target) and an image shape. */
export interface DescribedDataset extends Dataset {
  classNames: string[];
  /** [height, width] when the features are an image's pixels row by row, else []. */
  imageShape: number[];
}

export interface TableOptions {
  header?: 'auto' | 'yes' | 'no';
  targetColumns?: (string | number)[];
  featureColumns?: (string | number)[];
  delimiter?: 'auto' | ',' | ';' | '\t' | '|' | ' ';
  skipLines?: number;
  missing?: 'refuse' | 'drop' | 'mean';
}

/** One thing read_table decided, for the page to show. */
export interface TableNotice {
  kind: 'delimiter' | 'skipped_lines' | 'description' | 'decimal_comma' | 'one_hot' | 'classes' | 'missing_dropped'
    | 'missing_filled' | 'constant_column' | 'id_column';
  /** The sentence in English. */
  message: string;
  /** Its stable id and arguments, to say it in another language (web/src/i18n/engine.ts, noticeMessage). */
  id?: string;
  args?: Record<string, string>;
}

export interface TableResult {
  dataset: DescribedDataset;
  notices: TableNotice[];
  delimiter: ',' | ';' | '\t' | '|' | ' ';
  header: boolean;
}

/** x' = (x - offset) / scale per feature; offset/scale are empty for 'none'. */
export interface Preprocessing {
  scaling: 'none' | 'standardize' | 'min_max';
  offset: Float64Array;
  scale: Float64Array;
}

export interface TaskChoice {
  kind: 'binary' | 'multiclass' | 'regression';
  classes: number;
  outputUnits: number;
  outputActivation: Activation;
  loss: LossName;
  why: string;
}

export interface ImageSetInfo {
  name: string;
  title: string;
  height: number;
  width: number;
  classNames: string[];
  /** Files under the page's datasets/ folder, each fetched as `${file}.gz`. */
  trainFile: string;
  fullFile: string;
  testFile: string;
  trainImages: number;
  fullImages: number;
  testImages: number;
  licence: string;
  attribution: string;
}
