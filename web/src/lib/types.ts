// The engine's data shapes (web/src/engine/neurostep.d.ts is their source) and the page's own:
// only plain data, since all of it crosses postMessage.
export type {
  Activation,
  Dataset,
  EpochRecord,
  Evaluation,
  FullModelSpec,
  Initializer,
  LayerWeights,
  LossName,
  Mat,
  OptimizerSpec,
  Precision,
} from '../engine/neurostep';
import type { FullModelSpec } from '../engine/neurostep';

/** A model spec with every key filled in: what the page builds and what trainer.spec() returns. */
export type ModelSpec = FullModelSpec;
export type LayerSpec = FullModelSpec['layers'][number];
export type FullOptimizerSpec = FullModelSpec['optimizer'];

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
