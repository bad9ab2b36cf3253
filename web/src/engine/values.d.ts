// The values the engine takes and gives everywhere: matrices and datasets (neurostep.d.ts
// re-exports them).

/** A matrix, column-major: element (i, j) is data[i + j * rows]. Vectors are rows x 1. */
export interface Mat {
  rows: number;
  cols: number;
  data: Float64Array;
}

/**
 * A dataset. x holds rows * features numbers and y rows * targets, sample by sample (row-major
 * in the samples): sample j's features are x[j * features .. (j + 1) * features).
 */
export interface Dataset {
  rows: number;
  features: number;
  targets: number;
  x: Float64Array;
  y: Float64Array;
  featureNames: string[];
  targetNames: string[];
  /** Rows of a split (splitDataset): each row's index in the data it was split from, 0-based; the engine's messages name that row. */
  sourceRows?: Float64Array;
}

/** What datasets are accepted as: typed arrays or plain number arrays, names optional. */
export interface DatasetInput {
  rows: number;
  features: number;
  targets: number;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  featureNames?: string[];
  targetNames?: string[];
  sourceRows?: ArrayLike<number>;
}

export type Numbers = ArrayLike<number>;
